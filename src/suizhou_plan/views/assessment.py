"""The assessment (考核) of the responsible units over a span of dates, as data.

For each unit that reports for itself (no collective, whose members answer; no placeholder),
with what it holds on the span's last day (`holding.Holders`: renames applied, a collective's
duties carried by each member), and as lead (牽頭) and as supporting unit (配合) separately:

- items due: the date in force (the plan's, or an approved extension's) falls in the span;
- completed on time: done (辦結 or 銷號) on or before that date; overdue: the rest of the
  items due, whether done late or still open at the end of the span;
- returns (退回), counted against the lead that reported the item done (a collective lead:
  against the members that had reported it done);
- extensions applied for (by the applicant; late when applied for after the date in force)
  and approved (an approval counts for the units whose applications it answered; one that
  answered none, for the lead).

And for the unit as a whole, its reports (`periods.reports_for`) for every reporting period
whose cut-off falls in the span: due, on time, late, missing.

Everything is worked out from the entries dated on or before the span's last day (a later
entry, however dated, cannot change the past), so an assessment of a closed span gives the
same figures whenever it is made, except for what was reported late and dated within it.
Every rate keeps its numerator and denominator (`Rate`), and is None when nothing was due.
Nothing here reads the clock or knows a word of any language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from suizhou_plan.model.status import APPLICATION, DECISIONS, DONE, REPORTS
from suizhou_plan.views.holding import NOT_ACCOUNTABLE, Holders, Role
from suizhou_plan.views.index import Item, PlanIndex, with_progress
from suizhou_plan.views.periods import (
    Cadence,
    HoldersOn,
    Period,
    UnitReport,
    by_office,
    reports_for,
)
from suizhou_plan.views.record import Said

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency

ROLES: tuple[Role, ...] = ("lead", "support")


@dataclass(frozen=True)
class Rate:
    """A rate as a fraction: numerator over denominator; no value when nothing was due."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> float | None:
        """Rounded to one decimal place, half away from zero (75.0, 66.7, 33.3)."""
        if not self.denominator:
            return None
        tenths = (self.numerator * 2000 + self.denominator) // (2 * self.denominator)
        return tenths / 10


# --- The record of an item, as it stood on a day ------------------------------------------


def as_known(index: PlanIndex, item: Item, last: date, *, received: bool = False) -> Item:
    """`item` with only the entries dated on or before `last` (with `received`: recorded on
    or before it, what the office knew that day), its record and date in force worked out
    again; `item` itself when nothing is left out."""
    kept = [e for e in item.progress
            if (e.received_on if received else e.date) <= last]
    if len(kept) == len(item.progress):
        return item
    return with_progress(index, item, kept)


def _lead_of(holders: Holders, said: Said, leads: tuple[Agency, ...]) -> str | None:
    """The lead unit (id) that wrote `said`, if one of them did."""
    if said.unit is None:
        return leads[0].id if len(leads) == 1 and said.voice == "lead" else None
    unit = holders.holder_of(said.unit)
    return unit.id if any(u.id == unit.id for u in leads) else None


@dataclass(frozen=True)
class Returned:
    """One return (退回) of an item and the lead units it was returned to."""

    item: Item
    said: Said
    to: tuple[Agency, ...]

    @property
    def on(self) -> date:
        return self.said.entry.date

    @property
    def reason(self) -> str | None:
        return self.said.entry.reason


def returns_of(item: Item, leads: tuple[Agency, ...], holders: Holders) -> list[Returned]:
    """Every return of `item` (as its record stands), with the lead units it was returned
    to: the lead; with several (a collective's members), those that had reported the item
    done (all of them when none had)."""
    record = item.record
    if record is None:
        return []
    last: dict[str, str] = {}
    out: list[Returned] = []
    for said in record.said:
        status = said.entry.status
        if by_office(said) and status in DECISIONS:
            if status in ("returned", "reopened"):
                done = tuple(u for u in leads if last.get(u.id) == "reported-done")
                if status == "returned":
                    out.append(Returned(item, said, done or leads))
                for unit in done:
                    last[unit.id] = "in-progress"
        elif said.voice == "lead" and status in (*REPORTS, "verified"):
            who = _lead_of(holders, said, leads)
            if who is not None:
                last[who] = "reported-done" if status == "verified" else status
    return out


def lead_states(item: Item, leads: tuple[Agency, ...], holders: Holders) -> dict[str, str]:
    """Lead unit id → its latest report on `item` (a return or reopening puts a reported
    done back in progress): for a collective lead, which members have done their part."""
    record = item.record
    last: dict[str, str] = {}
    for said in record.said if record is not None else ():
        status = said.entry.status
        if by_office(said) and status in ("returned", "reopened"):
            last = {k: "in-progress" if v == "reported-done" else v for k, v in last.items()}
        elif not (by_office(said) and status in DECISIONS) and said.voice == "lead" \
                and status in (*REPORTS, "verified"):
            who = _lead_of(holders, said, leads)
            if who is not None:
                last[who] = "reported-done" if status == "verified" else status
    return last


def open_returns(item: Item, leads: tuple[Agency, ...],
                 holders: Holders) -> dict[str, Returned]:
    """Lead unit id → the return it has still to answer: its latest 退回 not followed by its
    own new 辦結 (nor by the office closing the item)."""
    record = item.record
    if record is None:
        return {}
    returns = {id(r.said): r for r in returns_of(item, leads, holders)}
    waiting: dict[str, Returned] = {}
    for said in record.said:
        status = said.entry.status
        found = returns.get(id(said))
        if found is not None:
            for unit in found.to:
                waiting[unit.id] = found
        elif by_office(said) and status in DECISIONS:
            if status == "verified":
                waiting.clear()
        elif said.voice == "lead" and status in ("reported-done", "verified"):
            who = _lead_of(holders, said, leads)
            if who is not None:
                waiting.pop(who, None)
    return waiting


# --- The figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """An item due in the span, as it stood at the span's end."""

    item: Item  # as known on the span's last day (its record, its date in force)
    leads: tuple[Agency, ...] = ()  # who leads it on that day (a collective: its members)
    supports: tuple[Agency, ...] = ()

    @property
    def due(self) -> date:
        return self.item.due

    @property
    def planned_due(self) -> date:
        return self.item.planned_due or self.item.due

    @property
    def done_on(self) -> date | None:
        record = self.item.record
        return record.done_on if record is not None and self.item.status in DONE else None

    @property
    def on_time(self) -> bool:
        done = self.done_on
        return done is not None and done <= self.due

    @property
    def done_late(self) -> bool:
        done = self.done_on
        return done is not None and done > self.due


class _ItemsDue:
    """Figures over a set of items due (`outcomes`): due, on time, overdue, and the rate."""

    outcomes: tuple[Outcome, ...]

    @property
    def due(self) -> int:
        return len(self.outcomes)

    @property
    def on_time(self) -> int:
        return sum(1 for o in self.outcomes if o.on_time)

    @property
    def overdue(self) -> int:
        return self.due - self.on_time

    @property
    def rate(self) -> Rate:
        return Rate(self.on_time, self.due)


@dataclass(frozen=True)
class RoleFigures(_ItemsDue):
    """A unit's figures in one role over the span."""

    role: Role
    held: int  # items it holds in this role on the span's last day
    outcomes: tuple[Outcome, ...] = ()  # the items due in the span
    returns: tuple[Returned, ...] = ()  # counted against the lead only
    applied: tuple[Said, ...] = ()  # its applications for more time dated in the span
    applied_late: int = 0  # of which made after the date in force
    approved: tuple[Said, ...] = ()  # approvals in the span that answered it


    @property
    def done_late(self) -> int:
        return sum(1 for o in self.outcomes if o.done_late)

    @property
    def still_open(self) -> int:
        """Overdue and not done at the end of the span."""
        return sum(1 for o in self.outcomes if o.done_on is None)



@dataclass(frozen=True)
class ReportFigures:
    """A unit's reports for the periods that closed in the span and that it owed."""

    reports: tuple[UnitReport, ...] = ()

    @property
    def due(self) -> int:
        return len(self.reports)

    @property
    def on_time(self) -> int:
        return sum(1 for r in self.reports if r.state == "on-time")

    @property
    def late(self) -> int:
        return sum(1 for r in self.reports if r.state == "late")

    @property
    def missing(self) -> int:
        return sum(1 for r in self.reports if r.state == "missing")

    @property
    def rate(self) -> Rate:
        return Rate(self.on_time, self.due)


@dataclass(frozen=True)
class UnitAssessment:
    unit: Agency
    lineage: str  # 「市政數局 → 隨州市數據局」, or the unit's name
    lead: RoleFigures
    support: RoleFigures
    reports: ReportFigures

    def role(self, role: Role) -> RoleFigures:
        return self.lead if role == "lead" else self.support

    @property
    def anything(self) -> bool:
        """Whether the unit has any figure at all (else it holds nothing and owed nothing)."""
        return bool(self.lead.held or self.support.held or self.reports.due
                    or self.lead.returns or self.lead.applied or self.support.applied
                    or self.lead.approved or self.support.approved)


@dataclass(frozen=True)
class Assessment(_ItemsDue):
    title: str
    first: date
    last: date
    cadence: Cadence
    periods: tuple[Period, ...]  # the reporting periods whose cut-off falls in the span
    units: tuple[UnitAssessment, ...]
    outcomes: tuple[Outcome, ...]  # every item due in the span, once
    office: Agency | None = None




class _Tally:
    """Per (unit id, role): what is being counted while the items are read."""

    def __init__(self) -> None:
        self.outcomes: dict[tuple[str, Role], list[Outcome]] = {}
        self.returns: dict[str, list[Returned]] = {}
        self.applied: dict[tuple[str, Role], list[Said]] = {}
        self.late: dict[tuple[str, Role], int] = {}
        self.approved: dict[tuple[str, Role], list[Said]] = {}
        self.held: dict[tuple[str, Role], int] = {}


def _extensions(item: Item, roles: dict[str, Role], leads: tuple[Agency, ...],
                holders: Holders, first: date, last: date, tally: _Tally) -> None:
    """Applications and approvals of `item` in the span, counted for their units."""
    record = item.record
    if record is None:
        return
    due = record.planned_due
    pending: list[str] = []
    for said in record.said:
        entry = said.entry
        within = first <= entry.date <= last
        if entry.status == APPLICATION and said.unit is not None:
            who = holders.holder_of(said.unit).id
            role = roles.get(who)
            if role is not None:
                pending.append(who)
                if within:
                    tally.applied.setdefault((who, role), []).append(said)
                    if entry.date > due:
                        tally.late[(who, role)] = tally.late.get((who, role), 0) + 1
        elif by_office(said) and entry.status in ("extension-approved",
                                                         "extension-refused"):
            if entry.status == "extension-approved":
                if within:
                    answered = list(dict.fromkeys(pending)) or [u.id for u in leads]
                    for who in answered:
                        role = roles.get(who, "lead")
                        tally.approved.setdefault((who, role), []).append(said)
                if entry.until is not None:
                    due = entry.until
            pending.clear()


def assess(index: PlanIndex, first: date, last: date,
           holders: Holders | None = None) -> Assessment:
    """The assessment of every unit over [first, last] (`holders`: default, on `last`)."""
    if last < first:
        raise ValueError(f"the span ends ({last}) before it starts ({first})")
    holders = holders if holders is not None else Holders(index, last)
    by_item = holders.by_item()
    tally = _Tally()
    outcomes: list[Outcome] = []
    for original in index.items:
        held = [(u, h) for u, h in by_item.get(id(original), ())
                if u.kind not in NOT_ACCOUNTABLE]
        roles = {u.id: h.role for u, h in held}
        for unit_id, role in roles.items():
            tally.held[(unit_id, role)] = tally.held.get((unit_id, role), 0) + 1
        item = as_known(index, original, last)
        leads = tuple(u for u, h in held if h.role == "lead")
        if first <= item.due <= last:
            outcome = Outcome(item, leads, tuple(u for u, h in held if h.role == "support"))
            outcomes.append(outcome)
            for unit_id, role in roles.items():
                tally.outcomes.setdefault((unit_id, role), []).append(outcome)
        for returned in returns_of(item, leads, holders):
            if first <= returned.on <= last:
                for unit in returned.to:
                    tally.returns.setdefault(unit.id, []).append(returned)
        _extensions(item, roles, leads, holders, first, last, tally)
    cadence = Cadence.of(index.tasks_file.supervision)
    closing = tuple(p for p in cadence.overlapping(first, last) if first <= p.cutoff <= last)
    owed: dict[str, list[UnitReport]] = {}
    on = HoldersOn(index, holders)
    for period in closing:
        for report in reports_for(index, period, on.on(period.cutoff)):
            if report.due:
                unit = holders.holder_of(report.unit)
                owed.setdefault(unit.id, []).append(report)
    units: list[UnitAssessment] = []
    for lineage in holders.lineages():
        unit = lineage.holder
        figures = {
            role: RoleFigures(
                role, tally.held.get((unit.id, role), 0),
                tuple(_by_due(tally.outcomes.get((unit.id, role), ()))),
                tuple(tally.returns.get(unit.id, ())) if role == "lead" else (),
                tuple(tally.applied.get((unit.id, role), ())),
                tally.late.get((unit.id, role), 0),
                tuple(tally.approved.get((unit.id, role), ())))
            for role in ROLES}
        assessed = UnitAssessment(unit, lineage.label(), figures["lead"], figures["support"],
                                  ReportFigures(tuple(owed.get(unit.id, ()))))
        if assessed.anything:
            units.append(assessed)
    # lazy: only assess() needs it (+0 ms: 1 module)
    from suizhou_plan.views.reporters import office

    offices = office(index)
    in_office = holders.holder_of(offices[0]) if offices else None
    return Assessment(index.tasks_file.plan.title, first, last, cadence, closing,
                      tuple(units), tuple(_by_due(outcomes)), in_office)


def _by_due(outcomes: Iterable[Outcome]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: (o.due, o.item.path))
