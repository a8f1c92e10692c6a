"""The status vocabulary and traffic lights (紅黃綠燈).

Statuses come from the ledger: an item's status is that of its latest progress entry, and
`unknown` while it has none (never a guess).  Two of them close an item's duty:

- `reported-done` (辦結): the unit reports the work finished.  It counts as done: the item
  is no longer overdue and is counted complete (the unit met its part); the office still
  owes verification, and an item left unverified `verify_within_days` after its due date is
  flagged (`unverified-done`).
- `verified` (銷號): the office checked the evidence and closed the item.

Lights: green = complete, or on track; yellow = due within the warning window, or blocked;
red = past its due date and not done (逾期); grey = no progress known and not yet overdue.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

STATUSES = ("unknown", "not-started", "in-progress", "blocked", "reported-done", "verified")
DONE = frozenset({"reported-done", "verified"})
ORDER = {status: rank for rank, status in enumerate(STATUSES)}


class Light(str, Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"

    @property
    def severity_rank(self) -> int:
        """Worst first: red, yellow, grey, green."""
        return {"red": 0, "yellow": 1, "grey": 2, "green": 3}[self.value]


def light_of(status: str, due: date, as_of: date, window_days: int) -> Light:
    """A due date counts to the end of its day: due today is not overdue."""
    if status in DONE:
        return Light.GREEN
    if due < as_of:
        return Light.RED
    if (due - as_of).days <= window_days or status == "blocked":
        return Light.YELLOW
    if status == "unknown":
        return Light.GREY
    return Light.GREEN
