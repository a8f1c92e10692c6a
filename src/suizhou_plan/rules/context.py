"""What a rule sees: the indexed plan, the as-of date and the thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from suizhou_plan.finding import Location
from suizhou_plan.index import Item, PlanIndex
from suizhou_plan.load.plan_loader import AGENCIES, TASKS
from suizhou_plan.model.plan import Supervision
from suizhou_plan.status import Light, light_of


@dataclass
class Context:
    index: PlanIndex
    as_of: date
    due_within: int

    def at(self, path: tuple[str | int, ...], *, key: bool = False) -> Location:
        """Location of `path` in tasks.yaml."""
        return self.index.files[TASKS].location(path, key=key)

    def at_agency(self, path: tuple[str | int, ...], *, key: bool = False) -> Location:
        return self.index.files[AGENCIES].location(path, key=key)

    def light(self, item: Item) -> Light:
        return light_of(item.status, item.due, self.as_of, self.due_within)

    @property
    def supervision(self) -> Supervision:
        return self.index.tasks_file.supervision
