"""Where the plan stands, phase by phase: each item with its light, for every report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import Phase
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import KIND_ORDER, Item, PlanIndex
from suizhou_plan.views.state import OnItsDate, states_on, tally_of


@dataclass(frozen=True)
class Row(OnItsDate):
    """An item on a phase board: its state on the board's date (`state.ItemState`)."""

    @property
    def lead(self) -> Agency | None:
        """The lead on the date (`Holders.lead_of`), renames applied."""
        return self.state.lead


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
        return tally_of(r.state for r in self.rows)


def build_board(
    index: PlanIndex, as_of: date, window: int, holders: Holders,
    keep: Callable[[Item], bool] = lambda _: True,
) -> list[PhaseBoard]:
    """The items `keep` keeps, by phase, as they stand on `as_of` (the date of `holders`)."""
    states = states_on(holders, window)
    groups: dict[str | None, list[Row]] = {p.id: [] for p in index.tasks_file.phases}
    for item in index.items:
        if not keep(item):
            continue
        key = item.phase.id if item.phase is not None else None
        groups.setdefault(key, []).append(Row(states.of(item)))
    boards = []
    phases = {p.id: p for p in index.tasks_file.phases}
    for key, rows in groups.items():  # the None group is only made with a row in it
        rows.sort(key=lambda r: (KIND_ORDER[r.item.kind], r.item.due, r.item.path))
        boards.append(PhaseBoard(phases.get(key) if key else None, rows))
    return boards
