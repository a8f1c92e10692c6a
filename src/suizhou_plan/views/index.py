"""The plan as the checks see it: every task, safeguard measure, target and milestone as an
`Item` with its due date, resolved units, lead, status and phase; built once per run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, NamedTuple

from suizhou_plan.load.plan_loader import Loaded, PlanFile
from suizhou_plan.model.agency import AgenciesFile, Agency
from suizhou_plan.model.plan import Phase, ProgressEntry, Task, TasksFile
from suizhou_plan.views.office import office_units, with_successors
from suizhou_plan.views.record import Record, Said, Voices, build_record
from suizhou_plan.views.registry import AgencyRegistry

ItemKind = Literal["task", "safeguard", "target", "milestone"]
# The order kinds are listed in on one date (phase boards, duty lists, the dashboard).
KIND_ORDER: dict[str, int] = {"milestone": 0, "target": 1, "task": 2, "safeguard": 3}
Path = tuple[str | int, ...]


class UnitRef(NamedTuple):
    """A unit as written in the plan, where it was written, and what it resolved to.

    A named tuple, not a frozen dataclass: a plan of 100,000 tasks has 600,000 of them."""

    text: str
    path: Path
    agency: Agency | None


@dataclass
class Item:
    kind: ItemKind
    id: str
    title: str
    due: date
    due_rule: str
    path: Path
    refs: list[UnitRef]
    lead: Agency | None
    lead_inferred: bool
    progress: list[ProgressEntry]
    section: str | None = None
    phase: Phase | None = None
    task: Task | None = None  # the task itself, or a target's task
    linked: list[str] = field(default_factory=list)  # milestones: task ids; tasks: milestone ids

    planned_due: date | None = None  # the plan's own date; `due` is the date in force
    record: Record | None = None  # set by `build_index`: who said what, and the state

    def __post_init__(self) -> None:
        # Worked out once: every rule and report asks for them, and an item's units do not
        # change once the plan is indexed.
        # The registry gives one object per unit (every label resolves to the first unit
        # that has it), so identity finds repeats without comparing every field.
        units = [ref.agency for ref in self.refs if ref.agency is not None]
        if len(set(map(id, units))) < len(units):
            seen: set[int] = set()
            distinct = []
            for agency in units:
                if id(agency) not in seen:
                    seen.add(id(agency))
                    distinct.append(agency)
            units = distinct
        self._agencies = tuple(units)

    @property
    def line(self) -> Said | None:
        """The entry that speaks for the item last: the lead's report or the office's
        decision (`record.py`); a supporting unit's report never is."""
        return self.record.line if self.record is not None else None

    @property
    def latest_index(self) -> int:
        """Position in `progress` of the entry that speaks for the item; -1: none."""
        line = self.line
        return line.k if line is not None else -1

    @property
    def latest(self) -> ProgressEntry | None:
        line = self.line
        return line.entry if line is not None else None

    @property
    def status(self) -> str:
        return self.record.status if self.record is not None else "unknown"

    @property
    def extended(self) -> bool:
        return self.planned_due is not None and self.planned_due != self.due

    @property
    def agencies(self) -> list[Agency]:
        """Resolved units, document order, without repeats."""
        return list(self._agencies)

    @property
    def resolved(self) -> tuple[Agency, ...]:
        """`agencies` without the copy, for the checks that read it for every item."""
        return self._agencies


@dataclass
class PlanIndex:
    tasks_file: TasksFile
    agencies_file: AgenciesFile
    files: dict[str, PlanFile]
    registry: AgencyRegistry
    items: list[Item]
    by_id: dict[str, Item]

    def iter_kind(self, *kinds: ItemKind) -> Iterator[Item]:
        return (item for item in self.items if item.kind in kinds)


def phase_for(phases: list[Phase], due: date) -> Phase | None:
    """The phase whose window holds `due`."""
    for phase in phases:
        if phase.start <= due <= phase.end:
            return phase
    return None


def _refs(registry: AgencyRegistry, texts: list[str], base: Path) -> list[UnitRef]:
    exact, new = registry.exact, tuple.__new__  # `new`: UnitRef without its Python __new__
    return [new(UnitRef, (text, (*base, i), exact(text))) for i, text in enumerate(texts)]


def build_index(loaded: Loaded) -> PlanIndex:
    tf: TasksFile = loaded.tasks
    af: AgenciesFile = loaded.agencies
    registry = AgencyRegistry(af.agencies)
    horizon = tf.horizon or tf.plan.issued
    items: list[Item] = []
    by_task: dict[str, Item] = {}

    def phase_of(due: date) -> Phase | None:
        return phase_for(tf.phases, due)

    for ti, task in enumerate(tf.tasks):
        path: Path = ("tasks", ti)
        refs = _refs(registry, task.units, (*path, "units"))
        lead_ref = registry.exact(task.lead) if task.lead else (refs[0].agency if refs else None)
        due = task.due or horizon
        item = Item(
            kind=task.kind,
            id=task.id,
            title=task.title,
            due=due,
            due_rule="explicit" if task.due else "plan end",
            path=path,
            refs=refs,
            lead=lead_ref,
            lead_inferred=task.lead is None,
            progress=task.progress,
            section=task.section,
            phase=phase_of(due),
            task=task,
        )
        items.append(item)
        by_task.setdefault(task.id, item)
        for gi, target in enumerate(task.targets):
            items.append(
                Item(
                    kind="target",
                    id=target.id,
                    title=target.text,
                    due=target.due,
                    due_rule=f"target {target.due_text or ''}".strip(),
                    path=(*path, "targets", gi),
                    refs=refs,
                    lead=lead_ref,
                    lead_inferred=task.lead is None,
                    progress=target.progress,
                    section=task.section,
                    phase=phase_of(target.due),
                    task=task,
                )
            )
    for pi, phase in enumerate(tf.phases):
        for mi, ms in enumerate(phase.milestones):
            path = ("phases", pi, "milestones", mi)
            linked = [by_task[t] for t in ms.tasks if t in by_task]
            if ms.units:
                refs = _refs(registry, ms.units, (*path, "units"))
                lead = refs[0].agency
            else:
                refs = [ref for task_item in linked for ref in task_item.refs]
                lead = linked[0].lead if linked else None
            sections = [t.section for t in linked if t.section]
            for task_item in linked:
                task_item.linked.append(ms.id)
            items.append(
                Item(
                    kind="milestone",
                    id=ms.id,
                    title=ms.title,
                    due=ms.due or phase.end,
                    due_rule="explicit" if ms.due else "phase end",
                    path=path,
                    refs=refs,
                    lead=lead,
                    lead_inferred=not ms.units,
                    progress=ms.progress,
                    section=sections[0] if sections else None,
                    phase=phase,
                    linked=list(ms.tasks),
                )
            )
    by_id: dict[str, Item] = {}
    for item in items:
        by_id.setdefault(item.id, item)
    _attach_records(tf, registry, items)
    return PlanIndex(tf, af, loaded.files, registry, items, by_id)


class _Recorder:
    """Builds items' records: who is the office, whose successors are whose."""

    def __init__(self, tf: TasksFile, registry: AgencyRegistry) -> None:
        self.registry = registry
        self.office = frozenset(a.id for a in office_units(tf, registry))
        self._chains: dict[str, frozenset[str]] = {}

    def _chain(self, agency: Agency) -> frozenset[str]:
        found = self._chains.get(agency.id)
        if found is None:
            found = self._chains[agency.id] = frozenset(
                a.id for a in with_successors(self.registry, agency))
        return found

    def _resolve(self, by: str) -> Agency | None:
        return self.registry.exact(by) or self.registry.by_id.get(by)

    def record(self, item: Item, progress: list[ProgressEntry], planned: date) -> Record:
        if not progress:
            return Record("unknown", None, (), (), planned, planned, None, None)
        lead, by_id = item.lead, self.registry.by_id
        members: tuple[frozenset[str], ...] = ()
        if lead is not None and lead.members:
            members = tuple(self._chain(by_id[m]) for m in lead.members if m in by_id)
        voices = Voices(self._chain(lead) if lead is not None and not lead.members
                        else frozenset(), members, self.office)
        return build_record(progress, planned, voices, self._resolve)


def _attach_records(tf: TasksFile, registry: AgencyRegistry, items: list[Item]) -> None:
    """Each item's record (`record.py`); the date in force becomes its `due`."""
    recorder = _Recorder(tf, registry)
    for item in items:
        item.planned_due = item.due
        item.record = recorder.record(item, item.progress, item.due)
        item.due = item.record.due


def with_progress(index: PlanIndex, item: Item, progress: list[ProgressEntry]) -> Item:
    """A copy of `item` whose ledger is `progress` (a writer's ledger as it will be), with
    its record and date in force worked out again."""
    planned = item.planned_due or item.due
    record = _Recorder(index.tasks_file, index.registry).record(item, progress, planned)
    return replace(item, progress=progress, due=record.due, planned_due=planned,
                   record=record)
