"""Reporting periods (報送周期) and who owed a report for one, and whether it came.

The office sets the cycle and the cut-off day (`supervision.report_cycle`,
`supervision.report_cutoff_day`: 「每月28日前報送」, or quarterly).  Periods follow from them:

- monthly: the period of month m runs from the day after the previous month's cut-off to
  month m's cut-off, both included: (cut-off of m-1, cut-off of m];
- quarterly: the same with cut-offs only in March, June, September and December.

The cut-off is the `report_cutoff_day` of the month, or the month's last day when the month
is shorter (day 31 in February is the 28th or 29th), so periods follow one another without a
gap or an overlap.

A unit owes a report for a period (`reports_for`) when it holds, on the period's cut-off, at
least one item that is open and under way: not closed (銷號) before the period began, and
whose work has begun by the cut-off (a milestone once its phase has started; tasks,
measures and targets from the plan's issue date).  Collectives report through their members
and placeholders never (`holding.NOT_ACCOUNTABLE`).  What counts as its report is any entry
the unit wrote (`by`, or a unit it was renamed from) that is a report of progress
(not-started, in-progress, blocked, reported-done) or an application for more time, whose
own `date` falls within the period; it came on time when it was recorded (`received`) by
the cut-off, late when after, and is missing when there is none.

Nothing here reads the clock or knows a word of any language."""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from suizhou_plan.model.status import APPLICATION, REPORTS

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.model.plan import ProgressEntry, Supervision
    from suizhou_plan.views.holding import Holders
    from suizhou_plan.views.index import Item, PlanIndex
    from suizhou_plan.views.record import Said

Cycle = Literal["monthly", "quarterly"]
ReportState = Literal["on-time", "late", "missing", "not-due"]
COUNTED = frozenset((*REPORTS, APPLICATION))  # what a unit's report for a period may be


def cutoff_in(year: int, month: int, day: int) -> date:
    """The cut-off day of a month: `day`, or the month's last day when it has fewer."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: `start` to `cutoff`, both included.  `year` and `number` name
    it: the month (1–12) or the quarter (1–4) whose cut-off closes it."""

    start: date
    cutoff: date
    cycle: Cycle
    year: int
    number: int

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.cutoff

    @property
    def days(self) -> int:
        return (self.cutoff - self.start).days + 1


@dataclass(frozen=True)
class Cadence:
    """The office's reporting cycle and cut-off day."""

    cycle: Cycle = "quarterly"
    cutoff_day: int = 28

    def __post_init__(self) -> None:
        if not 1 <= self.cutoff_day <= 31:
            raise ValueError(f"a cut-off day is 1 to 31, not {self.cutoff_day}")
        if self.cycle not in ("monthly", "quarterly"):
            raise ValueError(f"no reporting cycle {self.cycle!r}")

    @classmethod
    def of(cls, supervision: Supervision) -> Cadence:
        return cls(supervision.report_cycle, supervision.report_cutoff_day)

    @property
    def step(self) -> int:
        """Months from one cut-off to the next."""
        return 1 if self.cycle == "monthly" else 3

    def _closing(self, year: int, month: int) -> Period:
        """The period whose cut-off falls in `month` (a quarter's last month, quarterly)."""
        py, pm = _add_months(year, month, -self.step)
        start = cutoff_in(py, pm, self.cutoff_day) + timedelta(days=1)
        number = month if self.cycle == "monthly" else month // 3
        return Period(start, cutoff_in(year, month, self.cutoff_day), self.cycle, year, number)

    def period_of(self, day: date) -> Period:
        """The period that holds `day`."""
        month = day.month if self.cycle == "monthly" else -(-day.month // 3) * 3
        period = self._closing(day.year, month)
        return period if day <= period.cutoff else self.after(period)

    def after(self, period: Period) -> Period:
        """The period that follows `period`."""
        month = period.number if self.cycle == "monthly" else period.number * 3
        return self._closing(*_add_months(period.year, month, self.step))

    def before(self, period: Period) -> Period:
        """The period that precedes `period`."""
        month = period.number if self.cycle == "monthly" else period.number * 3
        return self._closing(*_add_months(period.year, month, -self.step))

    def overlapping(self, first: date, last: date) -> list[Period]:
        """Every period that shares a day with [first, last], in order (none when last <
        first)."""
        out: list[Period] = []
        if last < first:
            return out
        period = self.period_of(first)
        while period.start <= last:
            out.append(period)
            period = self.after(period)
        return out

    def just_closed(self, as_of: date) -> Period:
        """The latest period whose cut-off is on or before `as_of`: the one a unit that has
        not reported for is named (催報)."""
        period = self.period_of(as_of)
        return period if period.cutoff <= as_of else self.before(period)


def periods(first: date, last: date, cadence: Cadence) -> list[Period]:
    """`cadence.overlapping(first, last)`."""
    return cadence.overlapping(first, last)


# --- Who owed a report for a period ------------------------------------------------------


@dataclass(frozen=True)
class UnitReport:
    """One unit's report for one period."""

    unit: Agency
    period: Period
    due: bool  # the unit held an open item under way in the period
    items: tuple[Item, ...]  # the items that made it due
    entries: tuple[ProgressEntry, ...]  # its reports dated in the period, in date order

    @property
    def received_on(self) -> date | None:
        """The first day a report for the period was recorded."""
        return min((e.received_on for e in self.entries), default=None)

    @property
    def state(self) -> ReportState:
        if not self.due:
            return "not-due"
        received = self.received_on
        if received is None:
            return "missing"
        return "on-time" if received <= self.period.cutoff else "late"

    @property
    def on_time(self) -> bool:
        return self.state == "on-time"

    @property
    def late_days(self) -> int | None:
        """Days after the cut-off the first report was recorded (a late report only)."""
        received = self.received_on
        if not self.due or received is None or received <= self.period.cutoff:
            return None
        return (received - self.period.cutoff).days


def by_office(said: Said) -> bool:
    """Whether the office wrote `said`, so that a decision in it counts (the office may also
    hold the item: its reports then speak as a holder's, its decisions as the office's)."""
    flag = getattr(said, "office", None)
    return bool(flag) if flag is not None else said.voice == "office"


def closed_before(item: Item, day: date) -> bool:
    """Whether the office had closed (銷號) `item` before `day` and not reopened it."""
    record = item.record
    if record is None:
        return False
    closed = False
    for said in record.said:
        if said.entry.date >= day:
            break
        if not by_office(said):
            continue
        if said.entry.status == "verified":
            closed = True
        elif said.entry.status in ("returned", "reopened"):
            closed = False
    return closed


def under_way(index: PlanIndex, item: Item, day: date) -> bool:
    """Whether work on `item` has begun by `day`: a milestone once its phase has started,
    anything else from the plan's issue date."""
    if item.kind == "milestone":
        return item.phase is None or item.phase.start <= day
    return index.tasks_file.plan.issued <= day


def owes_report(index: PlanIndex, item: Item, period: Period) -> bool:
    """Whether holding `item` makes a unit owe a report for `period`: the office asked for
    reports by then (`supervision.reports_from`), the item's work has begun and it was not
    closed before the period."""
    asked_from = index.tasks_file.supervision.reports_from
    if asked_from is not None and period.cutoff < asked_from:
        return False
    return under_way(index, item, period.cutoff) and not closed_before(item, period.start)


def units_reporting(holders: Holders) -> Iterator[Agency]:
    """The units that report for themselves, in registry order: no collective (its
    members report), no placeholder (nobody in particular)."""
    # lazy: only units_reporting() needs it (+166 ms: pydantic, yaml)
    from suizhou_plan.views.holding import NOT_ACCOUNTABLE

    for agency in holders.index.agencies_file.agencies:
        if agency.kind not in NOT_ACCOUNTABLE:
            yield agency


class HoldersOn:
    """`holding.Holders` for any date, each built once per stretch of dates between two
    renames (who holds what changes only on a handover day), so asking for every period of
    a year costs one build, or one more per rename that falls in it."""

    def __init__(self, index: PlanIndex, *known: Holders) -> None:
        # lazy: only __init__() needs it (+166 ms: pydantic, yaml)
        from suizhou_plan.views.holding import handover

        self.index = index
        self._days = sorted({day for agency in index.agencies_file.agencies
                             if (day := handover(agency)) is not None})
        self._built: dict[int, Holders] = {}
        for holders in known:
            self._built.setdefault(self._epoch(holders.as_of), holders)

    def _epoch(self, day: date) -> int:
        return bisect.bisect_right(self._days, day)

    def on(self, day: date) -> Holders:
        # lazy: only on() needs it (+166 ms: pydantic, yaml)
        from suizhou_plan.views.holding import Holders

        epoch = self._epoch(day)
        found = self._built.get(epoch)
        if found is None:
            found = self._built[epoch] = Holders(self.index, day)
        return found


def reports_for(index: PlanIndex, period: Period, holders: Holders | None = None,
                known_by: date | None = None) -> list[UnitReport]:
    """Every reporting unit's report for `period`, in registry order: due or not, on time,
    late or missing.  `holders` says who holds what (default: on the period's cut-off, so a
    renamed unit's successor owes the report from its handover); `known_by`, when given,
    leaves out what was recorded after it (a report received after the as-of date is not
    known on it)."""
    # lazy: only reports_for() needs it (+166 ms: pydantic, yaml)
    from suizhou_plan.views.holding import Holders

    if holders is None:
        holders = Holders(index, period.cutoff)
    written: dict[str, list[ProgressEntry]] = {}
    owing: set[int] = set()  # the items that make their holders owe a report
    for item in index.items:
        if owes_report(index, item, period):
            owing.add(id(item))
        record = item.record
        if record is None:
            continue
        for said in record.said:
            entry = said.entry
            if said.unit is None or entry.status not in COUNTED or entry.date not in period:
                continue
            if known_by is not None and entry.received_on > known_by:
                continue
            written.setdefault(holders.holder_of(said.unit).id, []).append(entry)
    out: list[UnitReport] = []
    for agency in units_reporting(holders):
        items = tuple(h.item for h in holders.of(agency) if id(h.item) in owing)
        entries = tuple(sorted(written.get(agency.id, ()), key=lambda e: (e.date,
                                                                          e.received_on)))
        out.append(UnitReport(agency, period, bool(items), items, entries))
    return out
