"""Where the plan stands, phase by phase: each item with its light, for every report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from suizhou_plan.index import Item, PlanIndex
from suizhou_plan.model.plan import Phase
from suizhou_plan.status import DONE, Light, light_of

KIND_ORDER = {"milestone": 0, "target": 1, "task": 2, "safeguard": 3}


@dataclass(frozen=True)
class Row:
    item: Item
    light: Light

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
        return {
            "complete": sum(1 for r in self.rows if r.item.status in DONE),
            "open": sum(1 for r in self.rows if r.item.status not in DONE),
            "overdue": sum(1 for r in self.rows if r.light is Light.RED),
            "unknown": sum(1 for r in self.rows if r.item.status == "unknown"),
        }


def build_board(
    index: PlanIndex, as_of: date, window: int, keep: Callable[[Item], bool] = lambda _: True
) -> list[PhaseBoard]:
    groups: dict[str | None, list[Row]] = {p.id: [] for p in index.tasks_file.phases}
    for item in index.items:
        if not keep(item):
            continue
        key = item.phase.id if item.phase is not None else None
        light = light_of(item.status, item.due, as_of, window)
        groups.setdefault(key, []).append(Row(item, light))
    boards = []
    phases = {p.id: p for p in index.tasks_file.phases}
    for key, rows in groups.items():
        if key is None and not rows:
            continue
        rows.sort(key=lambda r: (KIND_ORDER[r.item.kind], r.item.due, r.item.path))
        boards.append(PhaseBoard(phases.get(key) if key else None, rows))
    return boards
