"""What a rule sees: the indexed plan, the as-of date and the thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from suizhou_plan.base.finding import Location
from suizhou_plan.load.plan_loader import AGENCIES, TASKS, PlanFile
from suizhou_plan.load.yamltree import position
from suizhou_plan.model.plan import Supervision
from suizhou_plan.views.index import PlanIndex


@dataclass
class Context:
    index: PlanIndex
    as_of: date
    due_within: int

    def at(self, path: tuple[str | int, ...]) -> Location:
        """Location of `path` in tasks.yaml."""
        return _location(self.index.files[TASKS], path)

    def at_agency(self, path: tuple[str | int, ...]) -> Location:
        return _location(self.index.files[AGENCIES], path)

    @property
    def supervision(self) -> Supervision:
        return self.index.tasks_file.supervision


def _location(plan_file: PlanFile, path: tuple[str | int, ...]) -> Location:
    """Where `path` is in `plan_file`, found without making node objects: every finding is
    located, and at 100,000 tasks there are that many findings."""
    found = position(plan_file.root, path)
    if found is None:
        return Location(plan_file.shown)
    return Location(plan_file.shown, found[0] + 1, found[1] + 1)
