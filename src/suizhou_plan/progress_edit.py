"""`progress add` as a core operation.

Under the plan directory's lock: read both files once, find the item, check the entry
against the ledger's rules, insert it as text, read the new text back and compare it with
the old plan (every earlier entry and every other value unchanged), then replace the file
atomically, unless another program saved it in the meantime (then start again from a fresh
read).  Nothing here knows of click: refusals are exceptions the command line maps to exit
codes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suizhou_plan.i18n import Msg
from suizhou_plan.ledger import Entry, NotAList, insert_entry, unstorable
from suizhou_plan.plan_lock import DEFAULT_WAIT, locked

if TYPE_CHECKING:
    from suizhou_plan.index import Item, PlanIndex
    from suizhou_plan.load.plan_loader import Loaded
    from suizhou_plan.model.agency import Agency

ATTEMPTS = 5  # fresh reads when another program keeps saving tasks.yaml


class BadRequest(Exception):
    """What was asked for cannot be done as typed (exit 2): the message says what to type."""


class Refused(Exception):
    """The plan or the entry does not allow the write (exit 1); nothing was written."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Added:
    item_id: str
    entry: Entry
    written: Path  # the file written (a symlink's target)


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
    """Refuse an empty note and characters that cannot be stored, naming the option."""
    if not (entry.note or "").strip():
        raise BadRequest(Msg("--note is empty; say in a few words what was done (進展)"))
    bad = unstorable_field(entry)
    if bad is not None:
        raise BadRequest(Msg("{option} holds {char} at character {at}, which cannot be "
                             "stored in the plan; type the text again without it",
                             option="--" + bad[0], char=bad[2], at=bad[1]))


def _wait_until_quiet(path: Path, deadline: float) -> None:
    from suizhou_plan.writing import open_for_writing_elsewhere

    while open_for_writing_elsewhere(path):
        if time.monotonic() > deadline:
            raise Refused([Msg("{file} is open for writing in another program; save and "
                               "close it there, then run the command again", file=path)])
        time.sleep(0.05)


def _digest(path: Path) -> str | None:
    from suizhou_plan.writing import content_digest

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
    import os

    from suizhou_plan.load.plan_loader import TASKS
    from suizhou_plan.writing import ChangedOnDisk, open_for_writing_elsewhere
    from suizhou_plan.writing import replace_if_unchanged as replace

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
                return replace(plan / TASKS, *made)
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
    """Append `entry` to the ledger of `item_id` in `plan`/tasks.yaml, or raise."""
    check_text(entry)
    done: list[tuple[str, Entry]] = []

    def make() -> tuple[bytes, str]:
        data, digest, item, final = _prepare(plan, item_id, entry, as_of)
        done[:] = [(item, final)]
        return data, digest

    written = rewrite(plan, wait, make)
    assert written is not None and done  # make() never returns None
    return Added(done[0][0], done[0][1], written)


def read_plan(plan: Path) -> tuple[dict[str, bytes], Loaded, PlanIndex]:
    """Both plan files read once, loaded and indexed; `Refused` when the plan has errors
    (a writer adds to a valid plan only)."""
    from suizhou_plan.engine import run
    from suizhou_plan.finding import Problem
    from suizhou_plan.load import load_plan
    from suizhou_plan.load.plan_loader import AGENCIES, TASKS, read_plan_file
    from suizhou_plan.report.findings_text import headline_message

    given: dict[str, bytes] = {}
    for name in (TASKS, AGENCIES):
        read = read_plan_file(plan, name)
        if isinstance(read, Problem):
            raise Refused([Msg("{where}: {message}", where=str(read.location),
                               message=read.message)])
        given[name] = read
    loaded = load_plan(plan, given)
    result = run(loaded, as_of=None)
    errors = [headline_message(f) for f in result.findings if f.severity.value == "error"]
    if result.index is None or errors:
        raise Refused([*errors, Msg("the plan has errors already: fix them first "
                                    "(`suizhou validate` lists them)")])
    return given, loaded, result.index


def _prepare(plan: Path, item_id: str, entry: Entry, as_of: date
             ) -> tuple[bytes, str, str, Entry]:
    """(new bytes, digest of the bytes read, item id, the entry as written)."""
    from suizhou_plan.engine import run
    from suizhou_plan.load import load_plan
    from suizhou_plan.load.plan_loader import AGENCIES, TASKS
    from suizhou_plan.load.yamltree import locate
    from suizhou_plan.report.findings_text import headline_message
    from suizhou_plan.writing import content_digest

    given, loaded, index = read_plan(plan)
    item = index.by_id.get(item_id) or index.by_id.get(item_id.upper())
    if item is None:
        raise BadRequest(Msg("no task, target or milestone {id}; ids look like T01, S1, "
                             "T05-2025 or P1-M4 (`suizhou duties UNIT` lists a unit's items)",
                             id=repr(item_id)))
    issued = index.tasks_file.plan.issued
    if entry.date < issued:
        raise BadRequest(Msg("--date {date} is before the plan was issued ({issued}); check "
                             "the year", date=entry.date.isoformat(),
                             issued=issued.isoformat()))
    if entry.date > as_of:
        raise BadRequest(Msg("--date {date} is after today ({today}); progress is "
                             "recorded for days that have come", date=entry.date.isoformat(),
                             today=as_of.isoformat()))
    entry = replace(entry, by=_reporter(index, item, entry.by or ""))

    tasks_file = loaded.files[TASKS]
    _, node = locate(tasks_file.root, item.path)
    try:
        new_text = insert_entry(tasks_file.text, node, entry)
    except NotAList:
        raise Refused([Msg("{file}: {id}: the item's `progress:` is not a list; make it a "
                           "list (`progress: []`) and run the command again",
                           file=tasks_file.shown, id=item.id)]) from None
    bom = b"\xef\xbb\xbf" if given[TASKS].startswith(b"\xef\xbb\xbf") else b""
    data = bom + new_text.encode("utf-8")
    after = load_plan(plan, {TASKS: data, AGENCIES: given[AGENCIES]})
    if after.tasks is None or after.problems:
        raise Refused([headline_message(f) for f in run(after, as_of=None).findings
                       if f.severity.value == "error"]
                      or [Msg("the new entry could not be read back")])
    _same_but_for_the_entry(loaded.tasks, after.tasks, item.path, entry)
    ledger = _ledger(after.tasks, item.path)
    problems = _ledger_problems(index, replace(item, progress=ledger), len(ledger) - 1)
    if problems:
        raise Refused(problems)
    return data, content_digest(given[TASKS]), item.id, entry


def _reporter(index: PlanIndex, item: Item, typed: str) -> str:
    """The reporting unit as the plan writes it, if it may report on `item`."""
    from suizhou_plan.reporters import may_report

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


def _ledger(tasks: Any, path: tuple[str | int, ...]) -> list[Any]:
    node = tasks
    for step in path:
        node = node[step] if isinstance(step, int) else getattr(node, step)
    ledger: list[Any] = node.progress
    return ledger


def _same_but_for_the_entry(old: Any, new: Any, path: tuple[str | int, ...],
                            entry: Entry) -> None:
    """The new plan is the old one with exactly `entry` appended to one ledger."""
    ledger = _ledger(new, path)
    last = ledger[-1] if ledger else None
    if last is None or (last.date, last.status, last.by, last.note, last.problems, last.next,
                        tuple(last.evidence)) != (entry.date, entry.status, entry.by,
                                                  entry.note, entry.problems, entry.next,
                                                  entry.evidence):
        raise Refused([Msg("the new entry did not read back as given; nothing was written")])
    ledger.pop()  # `new` is a throw-away copy: without the entry it must equal `old`
    try:
        same = new == old
    finally:
        ledger.append(last)
    if not same:
        raise Refused([Msg("writing the entry would have changed other parts of tasks.yaml; "
                           "nothing was written")])


def _ledger_problems(index: PlanIndex, item: Item, k: int) -> list[str]:
    from suizhou_plan.rules.progress import entry_problems

    return [Msg("{id}: {message} [{slug}]\n  hint: {hint}", id=item.id, message=message,
                slug=slug, hint=hint)
            for slug, message, hint in entry_problems(index, item, k)]
