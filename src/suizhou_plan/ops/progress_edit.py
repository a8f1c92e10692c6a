"""What every writer of the ledger shares: the plan read for writing (`read_plan`),
tasks.yaml rewritten under the plan's lock only while it still holds what was read
(`rewrite`), and the refusal (`Refused`).

Under the lock: read both files once, let the writer check its entries against the ledger's
rules and insert them as text (`progress_batch`), read the new text back and compare it with
the old plan (every earlier entry and every other value unchanged), then replace the file
atomically, unless another program saved it in the meantime (then start again from a fresh
read).  Nothing here knows of click: refusals are exceptions the command line maps to exit
codes."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from suizhou_plan.base.errors import SuizhouError
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
from suizhou_plan.ops.open_plan import PlanRefused, open_plan
from suizhou_plan.ops.plan_lock import locked
from suizhou_plan.views.index import PlanIndex

ATTEMPTS = 5  # fresh reads when another program keeps saving tasks.yaml


class Refused(SuizhouError):
    """The plan or the entry does not allow the write (exit 1); nothing was written."""

    plan_lang: str | None = None  # the plan's `supervision.lang`, once it was read

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


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


def ledger_at(tasks: Any, path: tuple[str | int, ...]) -> list[Any]:
    """The ledger (a list of entries) of the item at `path` in a loaded tasks file."""
    node = tasks
    for step in path:
        node = node[step] if isinstance(step, int) else getattr(node, step)
    ledger: list[Any] = node.progress
    return ledger
