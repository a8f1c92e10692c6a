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

Counts: every item falls in exactly one of `BUCKETS` (`bucket_of`): complete (done), overdue
(red), unknown (no entry and not overdue), on schedule (the rest: reported, not done, not
late).  Every view's counts are sums over this one partition (`tally`); "open" (未完成) is
always everything not complete.
"""

from __future__ import annotations

from collections.abc import Iterable
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


BUCKETS = ("complete", "on_schedule", "overdue", "unknown")


def bucket_of(status: str, light: Light) -> str:
    """The one partition every count is a sum over."""
    if status in DONE:
        return "complete"
    if light is Light.RED:
        return "overdue"
    return "unknown" if status == "unknown" else "on_schedule"


def tally(pairs: Iterable[tuple[str, Light]]) -> dict[str, int]:
    """Counts of (status, light) pairs per bucket, then `open` (not complete) and `total`."""
    counts = dict.fromkeys(BUCKETS, 0)
    for status, light in pairs:
        counts[bucket_of(status, light)] += 1
    total = sum(counts.values())
    counts["open"] = total - counts["complete"]
    counts["total"] = total
    return counts
