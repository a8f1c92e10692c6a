"""An item's state on a date, as every view shows it: its status, light, days late or left,
the lead on that date, the date in force and the plan's own, and the report that speaks
for it.  Worked out here and nowhere else: the phase boards (`board.Row`), the duty lists
(`duties.Duty`), the dashboard, a mechanism's list, the bulletin, the reminders and the
export all read an `ItemState`.

The states of one date are kept by `States`, one per `Holders` (which a command builds once
for its date) and warning window, so a command works each item's state out once, however
many views and duty lists show it (`states_on`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import ProgressEntry
from suizhou_plan.model.status import DONE, Light, bucket_of, due_soon, light_of, tally
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import Item
from suizhou_plan.views.record import Record, Said


@dataclass(frozen=True, slots=True)
class ItemState:
    """Where `item` stands on `as_of`."""

    item: Item
    as_of: date
    status: str  # the item's, from its record (`status.STATUSES`)
    light: Light
    due_soon: bool  # not done, due today or within the warning window
    lead: Agency | None  # the lead on the date (`Holders.lead_of`): renames applied

    @property
    def due(self) -> date:
        """The date in force: an approved extension's, else the plan's."""
        return self.item.due

    @property
    def planned_due(self) -> date:
        """The plan's own date."""
        return self.item.planned_due or self.item.due

    @property
    def extended(self) -> bool:
        """An approved extension moved the date in force (`Item.extended`)."""
        return self.item.extended

    @property
    def done(self) -> bool:
        """Reported done (辦結) or closed (銷號)."""
        return self.status in DONE

    @property
    def overdue(self) -> bool:
        return self.light is Light.RED

    @property
    def days_left(self) -> int:
        """Days from `as_of` to the date in force (negative once it has passed)."""
        return (self.due - self.as_of).days

    @property
    def days_late(self) -> int | None:
        """Days past the date in force while overdue; None otherwise."""
        return -self.days_left if self.overdue else None

    @property
    def bucket(self) -> str:
        """complete, on_schedule, overdue or unknown (`status.bucket_of`)."""
        return bucket_of(self.status, self.light)

    @property
    def record(self) -> Record | None:
        return self.item.record

    @property
    def line(self) -> Said | None:
        """The entry that speaks for the item last: the lead's report or the office's
        decision (`record.py`)."""
        return self.item.line

    @property
    def latest(self) -> ProgressEntry | None:
        line = self.line
        return line.entry if line is not None else None

    @property
    def reported_by(self) -> str | None:
        """Who made the entry that speaks for the item: the unit's name, or the `by` as
        written when the registry does not know it."""
        line = self.line
        return line.who if line is not None else None


def state_of(item: Item, holders: Holders, window: int) -> ItemState:
    """`item`'s state on `holders`' date, with a warning window of `window` days.  Views ask
    `States.of` instead, which works each item's state out once."""
    as_of = holders.as_of
    status = item.status
    return ItemState(item, as_of, status, light_of(status, item.due, as_of, window),
                     due_soon(status, item.due, as_of, window), holders.lead_of(item))


@dataclass(frozen=True)
class OnItsDate:
    """What a row of any view shows of its item: the item and its light on the view's date
    (`Row` of a phase board, `Duty` of a unit's list hold one `ItemState` each)."""

    state: ItemState
    # the state's item, as a plain attribute: views sort and group by it hundreds of
    # thousands of times on a large plan, where a property's call costs 10% of `report`
    item: Item = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "item", self.state.item)

    @property
    def light(self) -> Light:
        return self.state.light

    def days_late(self, as_of: date) -> int | None:
        """Days overdue on `as_of`, the view's date; None when not overdue."""
        assert as_of == self.state.as_of, "a view shows its items on its own date"
        return self.state.days_late


class States:
    """The states of items on one date (`holders.as_of`), each worked out on first asking
    and kept (with the item, so no other item can take its identity)."""

    def __init__(self, holders: Holders, window: int) -> None:
        self.holders = holders
        self.window = window
        self._known: dict[int, ItemState] = {}

    @property
    def as_of(self) -> date:
        return self.holders.as_of

    def of(self, item: Item) -> ItemState:
        found = self._known.get(id(item))
        if found is None:
            found = self._known[id(item)] = state_of(item, self.holders, self.window)
        return found


_SHARED: WeakKeyDictionary[Holders, dict[int, States]] = WeakKeyDictionary()


def states_on(holders: Holders, window: int) -> States:
    """The states on `holders`' date with a warning window of `window` days, shared by every
    view given the same `holders`: a command builds its holders once, so its board, bulletin,
    dashboard, matrix and every unit's duty list read one state per item."""
    by_window = _SHARED.setdefault(holders, {})
    found = by_window.get(window)
    if found is None:
        found = by_window[window] = States(holders, window)
    return found


def tally_of(states: Iterable[ItemState]) -> dict[str, int]:
    """The counts of `status.tally` over `states`."""
    return tally((s.status, s.light) for s in states)
