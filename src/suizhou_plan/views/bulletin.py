"""The progress bulletin (進展情況通報), computed once as data and laid out by each medium.

A 通報 opens with the overall picture in sentences (how many items, done, in progress,
overdue, falling due), names the overdue items unit by unit, reminds the units of what falls
due next (催辦), tabulates each responsible unit's record, collects the problems the units
reported, and ends with what is required next and by when, signed by the leading group's
office.  Nothing here is a word of any language: the renderers
(`report/bulletin_markdown.py`, and the Word and HTML renderers after it) only lay these
numbers, dates and plan texts out, so every medium shows the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from suizhou_plan.model.agency import Agency
from suizhou_plan.model.status import APPLICATION, REPORTS
from suizhou_plan.views.board import PhaseBoard, Row
from suizhou_plan.views.holding import NOT_ACCOUNTABLE, Holders, Holding
from suizhou_plan.views.index import Item, PlanIndex
from suizhou_plan.views.record import Said
from suizhou_plan.views.state import tally_of

if TYPE_CHECKING:
    from suizhou_plan.views.periods import Period

RECTIFY_DAYS = 15  # 整改期限: overdue items are to be put right within this many days


@dataclass(frozen=True)
class Tally:
    """How the listed items stand; every figure of the overall picture."""

    total: int
    done: int
    in_progress: int
    overdue: int
    due_soon: int
    unknown: int
    not_started_phase: int  # items of phases that have not begun: counted, not listed
    by_kind: dict[str, int]
    unreported_due: int = 0  # `unknown`, less the items of phases not begun (催報)


@dataclass(frozen=True)
class UnitRecord:
    """One responsible unit's line, as lead and as supporting unit separately: what it holds
    and has overdue today, and its assessment (考核) figures from the plan's issue to the
    as-of date (`assessment.assess`, the same numbers as `suizhou assess`)."""

    unit: Agency
    lead: int  # items it leads
    support: int  # items it supports
    lead_overdue: int  # red today, as lead
    support_overdue: int  # red today, as supporting unit
    lead_due: int  # led items whose date in force has come
    lead_on_time: int  # of those, done (辦結 or 銷號) on or before that date
    returns: int  # reports of done returned for redoing (退回), as lead
    reports_due: int  # reporting periods closed so far in which it owed a report
    reports_on_time: int

    @property
    def held(self) -> int:
        return self.lead + self.support

    @property
    def on_time_rate(self) -> float | None:
        return self.lead_on_time / self.lead_due if self.lead_due else None


@dataclass(frozen=True)
class Reported:
    """A problem or next step a unit reported in the ledger, with the item it concerns."""

    item: Item
    unit: str | None
    on: date
    text: str


@dataclass(frozen=True)
class Decided:
    """An item the office decided on, or a unit applied for: an extension or a return."""

    item: Item
    said: Said  # the decision or application
    unit: str | None  # the applicant, or the lead the item was returned to


@dataclass
class Bulletin:
    title: str
    document_number: str | None
    as_of: date
    window: int
    tally: Tally
    overdue_by_unit: list[tuple[Agency | None, list[Row]]]
    due_soon: list[Row]
    units: list[UnitRecord]
    problems: list[Reported]
    next_steps: list[Reported]
    stale: list[Reported]  # open items whose latest report is older than the cadence (催報)
    cadence: int
    period: Period | None  # the reporting period just closed: what "this period" means
    unreported: list[Agency]  # units that owed a report for `period` and sent none
    late: list[Agency]  # units whose report for `period` came after its cut-off
    extensions: list[Decided]  # approved extensions in force (the item's date moved)
    applications: list[Decided]  # applications for more time waiting for the office
    returned: list[Decided]  # items returned for redoing in the period
    rectify_by: date
    issuer: str | None  # the leading group's office
    last_recorded: date | None  # the newest ledger entry of the whole plan
    pending_phases: list[int] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)  # 主送機關
    scope: str | None = None  # what a filtered bulletin covers, in the reader's words
    plan_end: date | None = None  # the end of the plan's last phase


def build_bulletin(index: PlanIndex, boards: list[PhaseBoard], as_of: date,
                   window: int, holders: Holders, scope: str | None = None, *,
                   records: bool = True) -> Bulletin:
    """The bulletin of the items on `boards` (already narrowed by phase, unit or section;
    `scope` then says which, in the reader's words).  Who answers for an item is
    `holding.Holders` on `as_of` (renames applied, a collective standing for its members),
    as in every other per-unit view.  `records`: false where only the overall picture is
    shown (`suizhou check`'s first lines): the units' assessment and the reports of the
    period are not worked out."""
    held = holders.by_item()
    rows = [row for board in boards for row in board.rows]
    pending = sorted({board.phase.number for board in boards
                      if board.phase is not None and board.phase.start > as_of})
    listed = [r for r in rows if r.item.phase is None or r.item.phase.start <= as_of
              or r.item.kind != "milestone"]
    not_started = len(rows) - len(listed)
    by_kind: dict[str, int] = {}
    for row in rows:
        by_kind[row.item.kind] = by_kind.get(row.item.kind, 0) + 1
    overdue = [r for r in listed if r.state.overdue]
    due_soon = [r for r in listed if r.state.due_soon]
    counts = tally_of(r.state for r in rows)  # the one partition
    tally_ = Tally(
        total=counts["total"],
        done=counts["complete"],
        in_progress=counts["on_schedule"],
        overdue=len(overdue),
        due_soon=len(due_soon),
        unknown=counts["unknown"],
        not_started_phase=not_started,
        by_kind=by_kind,
        unreported_due=sum(1 for r in listed if r.state.bucket == "unknown"),
    )
    groups: dict[str | None, list[Row]] = {}
    leads: dict[str | None, Agency | None] = {}
    for row in sorted(overdue, key=lambda r: (r.state.due, r.item.path)):
        key = row.lead.id if row.lead is not None else None
        groups.setdefault(key, []).append(row)
        leads[key] = row.lead
    overdue_by_unit = sorted(((leads[k], v) for k, v in groups.items()),
                             key=lambda pair: (-len(pair[1]), pair[0].name if pair[0] else ""))
    cadence = index.tasks_file.supervision.reporting_cadence_days
    period: Period | None = None
    if records:
        # lazy: only build_bulletin() needs it (+5 ms: 1 module)
        from suizhou_plan.views.periods import Cadence

        period = Cadence.of(index.tasks_file.supervision).just_closed(as_of)
    # this period's reports, and those recorded since its cut-off
    since = period.start if period is not None else as_of - timedelta(days=cadence)
    unit_records = _unit_records(index, rows, held, holders, as_of) if records else []
    problems: list[Reported] = []
    next_steps: list[Reported] = []
    stale: list[Reported] = []
    extensions: list[Decided] = []
    applications: list[Decided] = []
    returned: list[Decided] = []
    for row in listed:
        item, record = row.item, row.item.record
        if record is None or not record.said:
            continue
        seen: set[tuple[str | None, str, str]] = set()
        for said in record.said:
            entry = said.entry
            if said.entry.status == "returned" and since <= entry.date <= as_of:
                lead = row.lead.name if row.lead is not None else None
                returned.append(Decided(item, said, lead))
            if entry.status not in REPORTS and entry.status != APPLICATION:
                continue
            if not since <= entry.date <= as_of:
                continue
            # an entry that names no reporter is the lead unit's to answer for
            who = said.who or (row.lead.name if row.lead is not None else None)
            for kind, text, into in (("p", entry.problems, problems),
                                     ("n", entry.next, next_steps)):
                if text and (who, kind, text) not in seen:  # nothing reported is dropped
                    seen.add((who, kind, text))
                    into.append(Reported(item, who, entry.date, text))
        latest = row.state.latest
        if latest is not None and not row.state.done and (as_of - latest.date).days > cadence:
            who = latest.by or (row.lead.name if row.lead is not None else None)
            stale.append(Reported(item, who, latest.date, ""))
        if row.state.extended and record.extensions:
            approval = record.extensions[-1]
            extensions.append(Decided(item, approval, approval.who))
        applications += [Decided(item, s, s.who) for s in record.pending]
    unreported: list[Agency] = []
    late: list[Agency] = []
    if period is not None:
        # lazy: only build_bulletin() needs it (+5 ms: 1 module)
        from suizhou_plan.views.periods import reports_for

        reports = reports_for(index, period, Holders(index, period.cutoff), known_by=as_of)
        in_scope = {r.unit.id for r in unit_records}
        unreported = [r.unit for r in reports if r.state == "missing" and r.unit.id in in_scope]
        late = [r.unit for r in reports if r.state == "late" and r.unit.id in in_scope]
    meta = index.tasks_file.plan
    group = index.tasks_file.governance.leading_group if index.tasks_file.governance else None
    return Bulletin(
        title=meta.title,
        document_number=meta.document_number.value if meta.document_number else None,
        as_of=as_of,
        window=window,
        tally=tally_,
        overdue_by_unit=overdue_by_unit,
        due_soon=sorted(due_soon, key=lambda r: (r.state.due, r.item.path)),
        units=unit_records,
        problems=problems,
        next_steps=next_steps,
        stale=stale,
        cadence=cadence,
        period=period,
        unreported=unreported,
        late=late,
        extensions=sorted(extensions, key=lambda d: (d.item.due, d.item.path)),
        applications=applications,
        returned=returned,
        addressees=list(meta.addressees),
        scope=scope,
        rectify_by=as_of + timedelta(days=RECTIFY_DAYS),
        plan_end=max((p.end for p in index.tasks_file.phases), default=None),
        issuer=group.name if group is not None else None,
        last_recorded=max((e.date for item in index.items for e in item.progress),
                          default=None),
        pending_phases=pending,
    )


def _unit_records(index: PlanIndex, rows: list[Row],
                  held: dict[int, list[tuple[Agency, Holding]]], holders: Holders,
                  as_of: date) -> list[UnitRecord]:
    """Each accountable unit's line over the listed items, ranked by what it leads: most
    overdue as lead first, then the lowest on-time rate as lead, then the most led."""
    # lazy: only _unit_records() needs it (+14 ms: 2 modules)
    from suizhou_plan.views.assessment import assess

    listed = {row.item.id for row in rows}
    judged = assess(index, index.tasks_file.plan.issued, as_of, holders)
    figures = {a.unit.id: a for a in judged.units}
    counts: dict[str, list[int]] = {}
    units: dict[str, Agency] = {}
    for row in rows:
        for unit, holding in held.get(id(row.item), ()):
            if unit.kind in NOT_ACCOUNTABLE:
                continue
            units[unit.id] = unit
            rec = counts.setdefault(unit.id, [0, 0, 0, 0])
            leads = holding.role == "lead"
            rec[0 if leads else 1] += 1
            rec[2 if leads else 3] += row.state.overdue
    out: list[UnitRecord] = []
    for unit_id, (lead, support, lead_red, support_red) in counts.items():
        a = figures.get(unit_id)
        outcomes = [o for o in a.lead.outcomes if o.item.id in listed] if a else []
        returns = [r for r in a.lead.returns if r.item.id in listed] if a else []
        out.append(UnitRecord(
            units[unit_id], lead, support, lead_red, support_red, len(outcomes),
            sum(1 for o in outcomes if o.on_time), len(returns),
            a.reports.due if a else 0, a.reports.on_time if a else 0))
    return sorted(out, key=lambda r: (-r.lead_overdue, r.on_time_rate if r.on_time_rate
                                      is not None else 2.0, -r.lead, -r.held, r.unit.name))
