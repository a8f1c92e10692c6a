"""Running a check cheaply: a check asked before of the unchanged plan prints the output and
exit code stored then (`ops.check_cache`) without loading the plan; any other runs with the
cyclic garbage collector paused, and, when it may be stored, leaves its output for the next."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NamedTuple


class Asked(NamedTuple):
    """What the check was asked, as typed on the command line."""

    phase: int | None = None
    agency: str | None = None
    section: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    due_within: int | None = None
    changed_since: str | None = None
    lang: str | None = None

    @property
    def filters(self) -> tuple[str, ...]:
        """The filters given, as typed: ("--phase 1", "--select SZ3", ...)."""
        return tuple(f"{flag} {value}" for flag, value in (
            ("--phase", self.phase), ("--agency", self.agency), ("--section", self.section),
            ("--changed-since", self.changed_since), *(("--select", v) for v in self.select),
            *(("--ignore", v) for v in self.ignore)) if value is not None)


def run_check(path: Path, day: date, key: Sequence[object] | None,
              check: Callable[[], None]) -> None:
    """Run `check` on the plan in `path` on `day`, or print what it printed and exit as it did
    when it ran before with the same `key` (what was asked) on the same plan files.  `key`
    None: its output may not be stored (it goes to a file or a colour terminal, or depends on
    more than the plan files), or --no-cache was given."""
    if key is None:
        with collector_paused():
            check()
        return
    # lazy: the cache is not read at all when the output may not be stored
    from suizhou_plan.ops import check_cache

    entry = check_cache.entry_for(path, day, key)
    if entry is None:
        with collector_paused():
            check()
        return
    stored = entry.read()
    if stored is not None:
        sys.stdout.write(stored.stdout)
        sys.stderr.write(stored.stderr)
        sys.exit(stored.exit_code)
    with collector_paused(), check_cache.recording(entry):
        check()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic GC passes during a check: its imports, model builds and plan are allocated
    once and kept, so the passes free nothing and cost about a tenth of a check of the
    bundled plan; a check of 20,000 tasks peaks no higher without them.  Afterwards what
    survived joins the oldest generation (freeze, then unfreeze) rather than being scanned
    by the first young-generation pass, which would cost what the pause saved."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
