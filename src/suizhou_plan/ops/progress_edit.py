"""`progress add` as a core operation.

Under the plan directory's lock: read both files once, find the item, check the entry
against the ledger's rules, insert it as text, read the new text back and compare it with
the old plan (every earlier entry and every other value unchanged), then replace the file
atomically, unless another program saved it in the meantime (then start again from a fresh
read).  Nothing here knows of click: refusals are exceptions the command line maps to exit
codes."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.base.finding import headline_message
from suizhou_plan.base.output_files import (
    ChangedOnDisk,
    content_digest,
    open_for_writing_elsewhere,
    replace_if_unchanged,
)
from suizhou_plan.i18n import Msg
from suizhou_plan.load.ledger import Entry, unstorable
from suizhou_plan.load.plan_loader import TASKS, Loaded
from suizhou_plan.model.plan import NEEDS_REASON
from suizhou_plan.ops.open_plan import PlanRefused, open_plan
from suizhou_plan.ops.plan_lock import DEFAULT_WAIT, locked
from suizhou_plan.views.reporters import may_report

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.views.index import Item, PlanIndex

ATTEMPTS = 5  # fresh reads when another program keeps saving tasks.yaml


class BadRequest(SuizhouError):
    """What was asked for cannot be done as typed (exit 2): the message says what to type."""

    exit_code = USAGE

    plan_lang: str | None = None  # the plan's `supervision.lang`, once it was read


class Refused(SuizhouError):
    """The plan or the entry does not allow the write (exit 1); nothing was written."""

    plan_lang: str | None = None  # the plan's `supervision.lang`, once it was read

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Added:
    item_id: str
    entry: Entry
    written: Path  # the file written (a symlink's target)
    plan_lang: str | None = None  # the plan's `supervision.lang`


def unstorable_field(entry: Entry) -> tuple[str, int, str] | None:
    """(field, 1-based position, description) of the first character of `entry` that
    cannot be stored in the plan."""
    fields = [("note", entry.note), ("problems", entry.problems), ("next", entry.next),
              ("by", entry.by), *(("evidence", e) for e in entry.evidence)]
    for name, value in fields:
        bad = unstorable(value) if value else None
        if bad is not None:
            return name, bad[0], bad[1]
    return None


def check_text(entry: Entry) -> None:
    """Refuse an empty note, reason or opinion where one is needed, and characters that
    cannot be stored, naming the option."""
    if entry.status == "verified" and not (entry.note or "").strip():
        raise BadRequest(Msg("--opinion is empty; give the office's review opinion"))
    if entry.status in NEEDS_REASON and not (entry.reason or "").strip():
        raise BadRequest(Msg("--reason is empty; say why"))
    if entry.status not in NEEDS_REASON - {"extension-requested"} | {"extension-approved"} \
            and not (entry.note or "").strip():
        raise BadRequest(Msg("--note is empty; say in a few words what was done (進展)"))
    bad = unstorable_field(entry)
    if bad is not None:
        raise BadRequest(Msg("{option} holds {char} at character {at}, which cannot be "
                             "stored in the plan; type the text again without it",
                             option="--" + bad[0], char=bad[2], at=bad[1]))


def _wait_until_quiet(path: Path, deadline: float) -> None:
    while open_for_writing_elsewhere(path):
        if time.monotonic() > deadline:
            raise Refused([Msg("{file} is open for writing in another program; save and "
                               "close it there, then run the command again", file=path)])
        time.sleep(0.05)


def _digest(path: Path) -> str | None:
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return None


def rewrite(plan: Path, wait: float, make: Callable[[], tuple[bytes, str] | None]
            ) -> Path | None:
    """The one way tasks.yaml is rewritten.  Under the lock that sits beside the file itself
    (two workspaces linking one tasks.yaml share it), wait while another program has it open
    for writing, then let `make` read the plan afresh and return (new bytes, digest of the
    tasks.yaml bytes it read), or None for nothing to write.  The file is replaced only if
    it still holds what `make` read; otherwise, or when `make` refused a file that changed
    while it read it (a save caught half-way), everything starts again.  Returns the file
    written, or None."""
    target = Path(os.path.realpath(plan / TASKS))
    started = time.monotonic()
    with locked(target.parent, wait):
        for _ in range(ATTEMPTS):
            _wait_until_quiet(target, started + wait)
            before = _digest(target)
            try:
                made = make()
            except Refused:
                if _digest(target) != before or open_for_writing_elsewhere(target):
                    time.sleep(0.05)
                    continue
                raise
            if made is None:
                return None
            try:
                return replace_if_unchanged(plan / TASKS, *made)
            except ChangedOnDisk:
                time.sleep(0.05)
                continue
            except OSError as exc:
                raise Refused([Msg("cannot write {file}: {why}", file=target,
                                   why=exc.strerror or type(exc).__name__)]) from None
    raise Refused([Msg("{file} kept changing while the entry was being written (another "
                       "program is saving it); nothing was written: try again when it is done",
                       file=plan / TASKS)])


def append_progress(plan: Path, item_id: str, entry: Entry, as_of: date,
                    wait: float = DEFAULT_WAIT) -> Added:
    """Record `entry` in the ledger of `item_id` in `plan`/tasks.yaml, or raise.  The one
    append path of `progress import` (`progress_batch.append_reports`) does the work, so a
    line typed here and a row of a returned sheet meet the same rules; what was typed wrong
    on the command line is said in the command line's words (exit 2)."""
    # lazy: progress_batch imports this module (Refused, read_plan, rewrite) as it loads
    from suizhou_plan.ops.progress_batch import Report, append_reports

    check_text(entry)
    lang: list[str | None] = [None]

    def vet(index: PlanIndex, reports: list[Report]) -> list[Report]:
        lang[0] = index.tasks_file.supervision.lang
        try:
            return [Report(_typed_item(index, item_id).id,
                           _typed(index, item_id, entry, as_of), "", 0)]
        except BadRequest as exc:
            exc.plan_lang = lang[0]
            raise

    outcome = append_reports(plan, [], as_of, wait=wait, vet=vet)
    refused: Refused | None = None
    if outcome.refused:
        refused = Refused([Msg("{id}: {message} [{slug}]\n  hint: {hint}",
                               id=o.report.item_id, message=o.message, slug=o.slug,
                               hint=o.hint) for o in outcome.refused])
    elif outcome.already:
        said = outcome.already[0]
        refused = Refused([Msg("{id}: the entry of {date} ({status}) is in the ledger already, "
                               "word for word [duplicate-progress]\n  hint: {hint}",
                               id=said.item_id, date=said.entry.date, status=said.entry.status,
                               hint=Msg("remove the copy, or record what changed since"))])
    if refused is not None:
        refused.plan_lang = lang[0]
        raise refused
    assert outcome.written is not None and outcome.added
    added = outcome.added[0]
    return Added(added.item_id, added.entry, outcome.written, lang[0])


def _typed_item(index: PlanIndex, item_id: str) -> Item:
    item = index.by_id.get(item_id) or index.by_id.get(item_id.upper())
    if item is None:
        raise BadRequest(Msg("no task, target or milestone {id}; ids look like T01, S1, "
                             "T05-2025 or P1-M4 (`suizhou duties UNIT` lists a unit's items)",
                             id=repr(item_id)))
    return item


def _typed(index: PlanIndex, item_id: str, entry: Entry, as_of: date) -> Entry:
    """The entry as typed, its dates and unit checked in the command line's words."""
    item = _typed_item(index, item_id)
    issued = index.tasks_file.plan.issued
    if entry.date < issued:
        raise BadRequest(Msg("--date {date} is before the plan was issued ({issued}); check "
                             "the year", date=entry.date.isoformat(),
                             issued=issued.isoformat()))
    if entry.date > as_of:
        raise BadRequest(Msg("--date {date} is after today ({today}); progress is "
                             "recorded for days that have come", date=entry.date.isoformat(),
                             today=as_of.isoformat()))
    if entry.received is not None and not entry.date <= entry.received <= as_of:
        raise BadRequest(Msg("--received {received} must lie between the entry's date "
                             "({date}) and today ({today})", received=entry.received.isoformat(),
                             date=entry.date.isoformat(), today=as_of.isoformat()))
    return replace(entry, by=_reporter(index, item, entry.by or ""))


def read_plan(plan: Path) -> tuple[dict[str, bytes], Loaded, PlanIndex]:
    """The plan a writer adds to: both files read once, loaded and indexed (`open_plan`,
    where any error refuses: a writer adds to a valid plan only), or `Refused` with the file
    that cannot be read, else the plan's errors, in the writers' words."""
    try:
        opened = open_plan(plan, writing=True)
    except PlanRefused as exc:
        if exc.unread:
            first = exc.unread[0]
            raise Refused([Msg("{where}: {message}", where=str(first.location),
                               message=first.message)]) from None
        raise Refused([*map(headline_message, exc.findings),
                       Msg("the plan has errors already: fix them first (`suizhou validate` "
                           "lists them)")]) from None
    return opened.given, opened.loaded, opened.index


def _reporter(index: PlanIndex, item: Item, typed: str) -> str:
    """The reporting unit as the plan writes it, if it may report on `item`."""
    found: tuple[Agency, ...] = index.registry.find(typed).matches if typed.strip() else ()
    allowed = may_report(index, item)
    names = "、".join(a.name for a in allowed)
    if len(found) != 1:
        raise BadRequest(
            Msg("--by {typed} matches several units; type one of the units that report on "
                "{id}: {names}", typed=repr(typed), id=item.id, names=names) if found else
            Msg("--by {typed} is not a unit in agencies.yaml; type one of the units that "
                "report on {id}: {names}", typed=repr(typed), id=item.id, names=names))
    unit = found[0]
    if unit.kind == "collective":
        raise BadRequest(Msg("{unit} stands for several units and reports through them; "
                             "--by takes one of: {names}", unit=unit.name, names=names))
    if not any(a is unit for a in allowed):
        raise BadRequest(Msg("{unit} holds no duty on {id} and cannot report its progress; "
                             "--by takes one of: {names}", unit=unit.name, id=item.id,
                             names=names))
    return str(unit.name)


def ledger_at(tasks: Any, path: tuple[str | int, ...]) -> list[Any]:
    """The ledger (a list of entries) of the item at `path` in a loaded tasks file."""
    node = tasks
    for step in path:
        node = node[step] if isinstance(step, int) else getattr(node, step)
    ledger: list[Any] = node.progress
    return ledger
