"""Where the plan stands, phase by phase: each item with its light, for every report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import Phase
from suizhou_plan.model.status import Light, light_of, tally
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import Item, PlanIndex

KIND_ORDER = {"milestone": 0, "target": 1, "task": 2, "safeguard": 3}


@dataclass(frozen=True)
class Row:
    item: Item
    light: Light
    lead: Agency | None = None  # the lead on the date (`Holders.lead_of`), renames applied

    def days_late(self, as_of: date) -> int | None:
        return (as_of - self.item.due).days if self.light is Light.RED else None


@dataclass
class PhaseBoard:
    phase: Phase | None
    rows: list[Row]

    def state(self, as_of: date) -> str:
        if self.phase is None:
            return "current"
        if self.phase.end < as_of:
            return "ended"
        return "upcoming" if self.phase.start > as_of else "current"

    def counts(self) -> dict[str, int]:
        """The partition of `status.tally`: complete, on_schedule, overdue, unknown; then open
        (all but complete) and total."""
        return tally((r.item.status, r.light) for r in self.rows)


def build_board(
    index: PlanIndex, as_of: date, window: int, holders: Holders,
    keep: Callable[[Item], bool] = lambda _: True,
) -> list[PhaseBoard]:
    groups: dict[str | None, list[Row]] = {p.id: [] for p in index.tasks_file.phases}
    for item in index.items:
        if not keep(item):
            continue
        key = item.phase.id if item.phase is not None else None
        light = light_of(item.status, item.due, as_of, window)
        groups.setdefault(key, []).append(Row(item, light, holders.lead_of(item)))
    boards = []
    phases = {p.id: p for p in index.tasks_file.phases}
    for key, rows in groups.items():  # the None group is only made with a row in it
        rows.sort(key=lambda r: (KIND_ORDER[r.item.kind], r.item.due, r.item.path))
        boards.append(PhaseBoard(phases.get(key) if key else None, rows))
    return boards
