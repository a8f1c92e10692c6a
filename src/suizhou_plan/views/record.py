"""An item's record (台賬) read as a supervision office reads it: who said what, and where
that leaves the item.

The procedure (DOMAIN.md, 督辦): each unit reports on its own part; the lead (牽頭單位)
speaks for the item; only the office (the leading group's office, `reporters.office`)
closes (銷號), returns (退回), reopens, and decides on an extension (延期).  So:

- the item's status, light and "latest progress" come from the lead's reports and the
  office's decisions; a supporting unit's report is kept as its part and never moves them;
- a collective lead (各縣、市、區人民政府) speaks through its members: the item is reported
  done (辦結) only when every member has reported it done;
- after 銷號 no report reopens the item; only the office's `reopened` does;
- a return (退回) puts a reported-done item back in progress and is counted against the lead;
- an approved extension moves the date the item is judged against (`due`); the plan's own
  date stays (`planned_due`);
- entries are read in the order of their own dates (then their place in the file), however
  late they arrived.

Everything here is computed once per item when the plan is indexed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal, NamedTuple

from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import ProgressEntry

# What a unit reports about its part, what it applies for, and what only the office decides:
# read off the one table of statuses (`status.STATUS_TABLE`).  `OFFICE_ONLY` is also read
# from here by the rules and the command line.
from suizhou_plan.model.status import APPLICATION, REPORTS
from suizhou_plan.model.status import OFFICE_ONLY as OFFICE_ONLY

Voice = Literal["lead", "support", "office", "other"]


class Before(NamedTuple):
    """Where the item stood just before an entry was read: what a decision is judged on."""

    status: str
    pending: int  # extension applications waiting


@dataclass(frozen=True)
class Said:
    """One entry, with its place in the ledger and the capacity its unit wrote it in."""

    k: int  # position in the item's `progress:`
    entry: ProgressEntry
    voice: Voice  # the capacity a report speaks in: lead, support, the office (holding no
    # part of the item), or other (a unit that holds nothing)
    unit: Agency | None  # None: no `by`, or a name the registry does not know
    office: bool = False  # written by the office: its decisions count

    @property
    def who(self) -> str | None:
        return self.unit.name if self.unit is not None else self.entry.by

    @property
    def late_days(self) -> int:
        """Days between the date written and the day it was recorded."""
        return (self.entry.received_on - self.entry.date).days


@dataclass(frozen=True)
class Record:
    status: str  # the item's (`status.STATUSES`): unknown until a report speaks for it
    line: Said | None  # the entry that speaks for the item last (lead's report or decision)
    said: tuple[Said, ...]  # every entry, in date order
    parts: tuple[Said, ...]  # each other unit's latest report on its own part
    due: date  # the date in force (an approved extension's, else the plan's)
    planned_due: date
    done_on: date | None  # when the item became done, if it is done now
    closed_on: date | None  # 銷號, if closed now
    returns: tuple[Said, ...] = ()
    extensions: tuple[Said, ...] = ()  # approved, in date order
    refusals: tuple[Said, ...] = ()
    pending: tuple[Said, ...] = ()  # applications not yet decided
    self_verified: tuple[Said, ...] = field(default=())  # a unit's own 銷號 (legacy): to review
    before: tuple[Before, ...] = ()  # aligned with `said`

    @cached_property
    def _place(self) -> dict[int, int]:
        return {s.k: n for n, s in enumerate(self.said)}

    def at(self, k: int) -> Said:
        """The entry at file position `k`, read."""
        return self.said[self._place[k]]

    def before_entry(self, k: int) -> Before:
        """The item's standing just before its entry number `k` (file position)."""
        return self.before[self._place[k]]

    @property
    def latest(self) -> ProgressEntry | None:
        return self.line.entry if self.line is not None else None

    def reports(self) -> tuple[Said, ...]:
        """Every unit report (not decisions or applications), in date order."""
        return tuple(s for s in self.said if s.entry.status in REPORTS
                     or (s.entry.status == "verified" and not s.office))


def in_date_order(progress: Sequence[ProgressEntry]) -> list[int]:
    """Positions of `progress` in the order the entries are read: by their own date, then
    their place in the file."""
    return sorted(range(len(progress)), key=lambda k: (progress[k].date, k))


@dataclass(frozen=True)
class Voices:
    """Who speaks in which capacity on one item: unit ids of the lead (and its successors),
    of each member of a collective lead, and of the office."""

    lead: frozenset[str]
    members: tuple[frozenset[str], ...]  # a collective lead: one set per member
    office: frozenset[str]

    def of(self, unit: Agency | None, named: bool) -> Voice:
        """The capacity a unit's report speaks in.  A unit that is the office and also holds
        the item (the office often sits in a lead unit) reports as the holder it is."""
        if unit is None:
            return "lead" if not named else "other"  # no `by`: the lead's (older ledgers)
        if unit.id in self.lead or any(unit.id in m for m in self.members):
            return "lead"
        return "office" if unit.id in self.office else "support"

    def member_of(self, unit: Agency | None) -> int:
        if unit is None:
            return -1
        return next((i for i, m in enumerate(self.members) if unit.id in m), -1)


def _combined(states: list[str | None]) -> str:
    """A collective lead's status from its members' latest reports: done only when all are."""
    known = [s for s in states if s is not None]
    if not known:
        return "unknown"
    if len(known) == len(states) and all(s == "reported-done" for s in known):
        return "reported-done"
    if "blocked" in known:
        return "blocked"
    if any(s in ("in-progress", "reported-done") for s in known):
        return "in-progress"
    return "not-started"


def build_record(progress: Sequence[ProgressEntry], planned_due: date, voices: Voices,
                 resolve: Callable[[str], Agency | None]) -> Record:
    """The record of one item's ledger; `resolve` finds a `by` in the registry."""
    said: list[Said] = []
    for k in in_date_order(progress):
        entry = progress[k]
        unit = resolve(entry.by) if entry.by else None
        # an entry that names nobody (older ledgers) is the lead's report, or the office's
        # decision when it records one
        office = (unit.id in voices.office if unit is not None
                  else not entry.by and entry.status in OFFICE_ONLY)
        said.append(Said(k, entry, voices.of(unit, bool(entry.by)), unit, office))
    status, line = "unknown", None
    members: list[str | None] = [None] * len(voices.members)
    due, done_on, closed_on = planned_due, None, None
    parts: dict[str, Said] = {}
    returns: list[Said] = []
    extensions: list[Said] = []
    refusals: list[Said] = []
    pending: list[Said] = []
    self_verified: list[Said] = []

    def report(s: Said, value: str) -> None:
        nonlocal status, line, done_on
        if closed_on is not None:
            return  # after 銷號 a report is recorded but does not reopen the item
        slot = voices.member_of(s.unit) if voices.members else -1
        if slot >= 0:
            members[slot] = value
            new = _combined(members)
        else:
            new = value
        if new == "reported-done" and status != "reported-done":
            done_on = s.entry.date
        elif new != "reported-done":
            done_on = None
        status, line = new, s

    before: list[Before] = []
    for s in said:
        before.append(Before(status, len(pending)))
        value = s.entry.status
        if value == APPLICATION:
            pending.append(s)
        elif s.office and value in OFFICE_ONLY:
            if value == "verified":
                status, line, closed_on = "verified", s, s.entry.date
                done_on = done_on or s.entry.date
            elif value in ("returned", "reopened"):
                if value == "returned":
                    returns.append(s)
                members[:] = ["in-progress" if m == "reported-done" else m for m in members]
                status, line, closed_on, done_on = "in-progress", s, None, None
            else:
                (extensions if value == "extension-approved" else refusals).append(s)
                if value == "extension-approved" and s.entry.until is not None:
                    due = s.entry.until
                pending.clear()
        elif s.voice in ("lead", "office"):
            if value == "verified":  # the lead's own 銷號 (older ledgers): its 辦結, to review
                self_verified.append(s)
                value = "reported-done"
            if value in REPORTS:
                report(s, value)
                if s.voice == "lead" and s.unit is not None and voices.members:
                    parts[s.unit.id] = s
        else:  # a supporting unit, or one that holds nothing: its own part only
            if value == "verified":
                self_verified.append(s)
            if value in REPORTS or value == "verified":
                parts[s.unit.id if s.unit is not None else s.entry.by or ""] = s
    ordered = sorted(parts.values(), key=lambda s: (s.entry.date, s.k))
    return Record(status, line, tuple(said), tuple(ordered), due, planned_due, done_on,
                  closed_on, tuple(returns), tuple(extensions), tuple(refusals),
                  tuple(pending), tuple(self_verified), tuple(before))
