"""The status vocabulary and traffic lights (紅黃綠燈).

Every status is listed once, in `STATUS_TABLE`, with what it is: whether an item can stand
in it (and in which order), who writes it in the ledger (a unit reporting on its part, a
unit applying for more time, or the office deciding), whether it closes the item's duty,
what an entry of it must also say, and its word in every report.  Every other list of
statuses (`STATUSES`, `DONE`, `REPORTS`, `DECISIONS`, ...) is read off that table.

Statuses come from the ledger: an item's status is that of its latest progress entry, and
`unknown` while it has none (never a guess).  Two of them close an item's duty:

- `reported-done` (辦結): the unit reports the work finished.  It counts as done: the item
  is no longer overdue and is counted complete (the unit met its part); the office still
  owes verification, and an item left unverified `verify_within_days` after its due date is
  flagged (`unverified-done`).
- `verified` (銷號): the office checked the evidence and closed the item.

Lights: green = complete, or on track; yellow = due within the warning window, or blocked;
red = past its due date and not done (逾期); grey = no progress known and not yet overdue.
`overdue`, `due_soon` and `light_of` are the one statement of that rule.

Counts: every item falls in exactly one of `BUCKETS` (`bucket_of`): complete (done), overdue
(red), unknown (no entry and not overdue), on schedule (the rest: reported, not done, not
late).  Every view's counts are sums over this one partition (`tally`); "open" (未完成) is
always everything not complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Literal

from suizhou_plan.i18n import Word

# What a ledger entry may record: the written statuses of `STATUS_TABLE` (every one but
# `unknown`), spelled out here because a type must be; tests/test_item_state.py checks that
# the two agree.
Status = Literal["not-started", "in-progress", "blocked", "reported-done", "verified",
                 "returned", "reopened", "extension-requested", "extension-approved",
                 "extension-refused"]
Writer = Literal["unit", "applicant", "office"]


@dataclass(frozen=True)
class StatusKind:
    """One status and its properties."""

    name: Literal["unknown"] | Status
    word: Word  # how every report names it (catalogue context `status:<name>`)
    writer: Writer | None  # who writes it: a unit reporting on its own part, a unit applying
    # for more time, or the office deciding (銷號, 退回, 重新打開, 延期); None: never written
    of_item: bool  # an item can stand in it (its status); the table's order is their order
    closes: bool = False  # done: the item's duty is met
    needs_reason: bool = False  # an entry of it must say why (`reason:`)
    needs_until: bool = False  # an entry of it names a new date (`until:`)


STATUS_TABLE = (
    StatusKind("unknown", Word("status:unknown", "unknown"), None, True),
    StatusKind("not-started", Word("status:not-started", "not-started"), "unit", True),
    StatusKind("in-progress", Word("status:in-progress", "in-progress"), "unit", True),
    StatusKind("blocked", Word("status:blocked", "blocked"), "unit", True),
    StatusKind("reported-done", Word("status:reported-done", "reported-done"), "unit", True,
               closes=True),
    StatusKind("verified", Word("status:verified", "verified"), "office", True, closes=True),
    StatusKind("returned", Word("status:returned", "returned"), "office", False,
               needs_reason=True),
    StatusKind("reopened", Word("status:reopened", "reopened"), "office", False,
               needs_reason=True),
    StatusKind("extension-requested", Word("status:extension-requested", "extension requested"),
               "applicant", False, needs_reason=True, needs_until=True),
    StatusKind("extension-approved", Word("status:extension-approved", "extension approved"),
               "office", False, needs_until=True),
    StatusKind("extension-refused", Word("status:extension-refused", "extension refused"),
               "office", False, needs_reason=True),
)
KINDS: dict[str, StatusKind] = {kind.name: kind for kind in STATUS_TABLE}

# An item's statuses, in order; what closes an item; what an entry may record (`Status`); what
# a unit reports on its part; what only the office decides; what a unit applies for.
STATUSES: tuple[str, ...] = tuple(k.name for k in STATUS_TABLE if k.of_item)
ORDER: dict[str, int] = {status: rank for rank, status in enumerate(STATUSES)}
DONE: frozenset[str] = frozenset(k.name for k in STATUS_TABLE if k.closes)
WRITTEN: tuple[str, ...] = tuple(k.name for k in STATUS_TABLE if k.writer is not None)
REPORTS: tuple[str, ...] = tuple(k.name for k in STATUS_TABLE if k.writer == "unit")
DECISIONS: tuple[str, ...] = tuple(k.name for k in STATUS_TABLE if k.writer == "office")
OFFICE_ONLY: frozenset[str] = frozenset(DECISIONS)
APPLICATION: str = next(k.name for k in STATUS_TABLE if k.writer == "applicant")
NEEDS_REASON: frozenset[str] = frozenset(k.name for k in STATUS_TABLE if k.needs_reason)
NEEDS_UNTIL: frozenset[str] = frozenset(k.name for k in STATUS_TABLE if k.needs_until)


def status_word(status: str) -> Word:
    """The word of `status`: English as it stands, any language through `localise`."""
    return KINDS[status].word


class Light(str, Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"

    @property
    def severity_rank(self) -> int:
        """Worst first: red, yellow, grey, green."""
        return {"red": 0, "yellow": 1, "grey": 2, "green": 3}[self.value]


def overdue(status: str, due: date, as_of: date) -> bool:
    """Past its due date and not done.  A due date counts to the end of its day: due today
    is not overdue."""
    return status not in DONE and due < as_of


def due_soon(status: str, due: date, as_of: date, window_days: int) -> bool:
    """Not done, and due today or within `window_days` after `as_of`."""
    return status not in DONE and 0 <= (due - as_of).days <= window_days


def light_of(status: str, due: date, as_of: date, window_days: int) -> Light:
    """The light of an item with `status` due on `due`, seen on `as_of`."""
    if status in DONE:
        return Light.GREEN
    if overdue(status, due, as_of):
        return Light.RED
    if due_soon(status, due, as_of, window_days) or status == "blocked":
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
