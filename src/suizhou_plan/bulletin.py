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

from suizhou_plan.board import PhaseBoard, Row
from suizhou_plan.holding import NOT_ACCOUNTABLE, Holders
from suizhou_plan.index import Item, PlanIndex
from suizhou_plan.model.agency import Agency
from suizhou_plan.status import DONE, Light, tally

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
    """One responsible unit's line: what it holds, leads, has done, has overdue."""

    unit: Agency
    held: int
    lead: int
    done: int
    overdue: int
    due_so_far: int
    done_on_time: int

    @property
    def on_time_rate(self) -> float | None:
        return self.done_on_time / self.due_so_far if self.due_so_far else None


@dataclass(frozen=True)
class Reported:
    """A problem or next step a unit reported in the ledger, with the item it concerns."""

    item: Item
    unit: str | None
    on: date
    text: str


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
    rectify_by: date
    issuer: str | None  # the leading group's office
    last_recorded: date | None  # the newest ledger entry of the whole plan
    pending_phases: list[int] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)  # 主送機關
    scope: str | None = None  # what a filtered bulletin covers, in the reader's words
    plan_end: date | None = None  # the end of the plan's last phase

    def days_left(self, row: Row) -> int:
        return (row.item.due - self.as_of).days


def _done_on(item: Item) -> date | None:
    """When the item last became done (reported done or verified), if it is done now; an
    item reported done and then reopened is not done."""
    since: date | None = None
    for entry in sorted(item.progress, key=lambda e: e.date):
        since = (since or entry.date) if entry.status in DONE else None
    return since


def build_bulletin(index: PlanIndex, boards: list[PhaseBoard], as_of: date,
                   window: int, holders: Holders, scope: str | None = None) -> Bulletin:
    """The bulletin of the items on `boards` (already narrowed by phase, unit or section;
    `scope` then says which, in the reader's words).  Who answers for an item is
    `holding.Holders` on `as_of` (renames applied, a collective standing for its members),
    as in every other per-unit view."""
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
    overdue = [r for r in listed if r.light is Light.RED]
    due_soon = [r for r in listed if r.item.status not in DONE and r.light is not Light.RED
                and 0 <= (r.item.due - as_of).days <= window]
    counts = tally((r.item.status, r.light) for r in rows)  # the one partition
    tally_ = Tally(
        total=counts["total"],
        done=counts["complete"],
        in_progress=counts["on_schedule"],
        overdue=len(overdue),
        due_soon=len(due_soon),
        unknown=counts["unknown"],
        not_started_phase=not_started,
        by_kind=by_kind,
        unreported_due=sum(1 for r in listed if r.item.status == "unknown"
                           and r.light is not Light.RED),
    )
    groups: dict[str | None, list[Row]] = {}
    leads: dict[str | None, Agency | None] = {}
    for row in sorted(overdue, key=lambda r: (r.item.due, r.item.path)):
        key = row.lead.id if row.lead is not None else None
        groups.setdefault(key, []).append(row)
        leads[key] = row.lead
    overdue_by_unit = sorted(((leads[k], v) for k, v in groups.items()),
                             key=lambda pair: (-len(pair[1]), pair[0].name if pair[0] else ""))
    records: dict[str, list[int]] = {}
    units: dict[str, Agency] = {}
    for row in rows:
        item = row.item
        done_on = _done_on(item)
        for unit, holding in held.get(id(item), ()):
            if unit.kind in NOT_ACCOUNTABLE:
                continue
            units[unit.id] = unit
            rec = records.setdefault(unit.id, [0, 0, 0, 0, 0, 0])
            rec[0] += 1
            rec[1] += holding.role == "lead"
            rec[2] += item.status in DONE
            rec[3] += row.light is Light.RED
            if item.due <= as_of:
                rec[4] += 1
                rec[5] += done_on is not None and done_on <= item.due
    unit_records = sorted(
        (UnitRecord(units[uid], *rec) for uid, rec in records.items()),
        key=lambda r: (-r.overdue, -r.lead, -r.held, r.unit.name))
    problems, next_steps, stale = [], [], []
    cadence = index.tasks_file.supervision.reporting_cadence_days
    for row in listed:
        latest = row.item.latest
        if latest is None:
            continue
        # an entry that names no reporter is the lead unit's to answer for
        who = latest.by or (row.lead.name if row.lead is not None else None)
        if latest.problems:
            problems.append(Reported(row.item, who, latest.date, latest.problems))
        if row.item.status in DONE:
            continue
        current = (as_of - latest.date).days <= cadence
        if latest.next and current:  # a plan reported two periods ago is no plan any more
            next_steps.append(Reported(row.item, who, latest.date, latest.next))
        if not current:
            stale.append(Reported(row.item, who, latest.date, ""))
    meta = index.tasks_file.plan
    group = index.tasks_file.governance.leading_group if index.tasks_file.governance else None
    return Bulletin(
        title=meta.title,
        document_number=meta.document_number.value if meta.document_number else None,
        as_of=as_of,
        window=window,
        tally=tally_,
        overdue_by_unit=overdue_by_unit,
        due_soon=sorted(due_soon, key=lambda r: (r.item.due, r.item.path)),
        units=unit_records,
        problems=problems,
        next_steps=next_steps,
        stale=stale,
        cadence=cadence,
        addressees=list(meta.addressees),
        scope=scope,
        rectify_by=as_of + timedelta(days=RECTIFY_DAYS),
        plan_end=max((p.end for p in index.tasks_file.phases), default=None),
        issuer=group.name if group is not None else None,
        last_recorded=max((e.date for item in index.items for e in item.progress),
                          default=None),
        pending_phases=pending,
    )
