"""The plan directory's write lock: one writer at a time, across processes.

Every command that writes the plan holds it from its one read of the files to the atomic
replace.  The lock is a separate file (`.suizhou.lock`) beside the plan files: `os.replace`
swaps `tasks.yaml` itself, so a lock on that file would protect nothing.  `filelock` takes an
OS lock (`fcntl`/`LockFileEx`) on it, which the OS releases when the holder dies, so a killed
writer never leaves a stale lock behind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from suizhou_plan.base.errors import SuizhouError

LOCK_NAME = ".suizhou.lock"
DEFAULT_WAIT = 60.0  # seconds: thirty units reporting at once each hold it well under one


class PlanLocked(SuizhouError):
    """Another writer held the lock for longer than we would wait (exit 1)."""

    def __init__(self, lock: Path, waited: float) -> None:
        # lazy: only __init__() needs it (+3 ms: 1 module)
        from suizhou_plan.i18n import Msg

        super().__init__(Msg("another suizhou command is writing to {directory} (it holds "
                             "{lock}); waited {seconds} s", directory=str(lock.parent),
                             lock=lock.name, seconds=format(waited, "g")))
        self.lock = lock
        self.waited = waited


class PlanNotWritable(SuizhouError):
    """The plan directory cannot take the lock file (read-only, or permission denied;
    exit 1)."""


@contextmanager
def locked(directory: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    # lazy: only locked() needs it (+31 ms: filelock)
    from filelock import FileLock, Timeout

    path = directory / LOCK_NAME
    lock = FileLock(path, timeout=wait, mode=0o666)
    try:
        lock.acquire()
    except Timeout:
        raise PlanLocked(path, wait) from None
    except OSError as exc:
        # lazy: only locked() needs it (+3 ms: 1 module)
        from suizhou_plan.i18n import Msg

        raise PlanNotWritable(Msg("cannot lock the plan directory {dir}: {why}",
                                  dir=str(directory), why=exc.strerror or str(exc))) from None
    try:
        yield
    finally:
        lock.release()
