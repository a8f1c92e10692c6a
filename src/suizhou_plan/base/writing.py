"""Writing files safely: a temporary file in the same directory, fsync, then rename, so a run
killed midway leaves the old file intact."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a plain `open` would give (umask applied):
    mkstemp's private 0600 would make shared reports unreadable to colleagues."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes,
                 still_ok: Callable[[], None] | None = None) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.
    `still_ok`, when given, runs after the data is on disk and right before the rename, and
    may raise to keep `path` as it is (the temporary file is removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if still_ok is not None:
            still_ok()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class ChangedOnDisk(Exception):
    """The file is not what this writer read: another program saved it in between."""


def content_digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def open_for_writing_elsewhere(path: Path) -> bool:
    """True when another process has `path` open for writing (Linux: a read lease cannot be
    taken then), as an editor does during a slow in-place save.  Reading the file then would
    see half of it.  Elsewhere, or where leases are not allowed, it says False: the content
    check before replacing is the remaining guard."""
    import errno

    try:
        import fcntl
        import signal
    except ImportError:  # pragma: no cover - Windows
        return False
    set_lease = getattr(fcntl, "F_SETLEASE", None)
    if set_lease is None:  # pragma: no cover - not Linux
        return False
    # While the lease is held, another open for writing would send SIGIO, which by default
    # ends the process: ignore it for the microseconds the lease exists.
    try:
        previous = signal.signal(signal.SIGIO, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone, skip the probe
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        signal.signal(signal.SIGIO, previous)
        return False
    try:
        try:
            fcntl.fcntl(fd, set_lease, fcntl.F_RDLCK)
        except OSError as exc:
            return exc.errno == errno.EAGAIN
        fcntl.fcntl(fd, set_lease, fcntl.F_UNLCK)
        return False
    finally:
        os.close(fd)
        signal.signal(signal.SIGIO, previous)


def replace_if_unchanged(path: Path, data: bytes, read_digest: str) -> Path:
    """Write `data` to the file `path` names (through a symlink: the link is kept and its
    target updated) atomically, unless the file is no longer the one read (`read_digest`):
    then raise `ChangedOnDisk` and write nothing.  Returns the path written."""
    target = Path(os.path.realpath(path))

    def unchanged() -> None:
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            raise ChangedOnDisk(f"{path} was removed") from None
        if content_digest(current) != read_digest or open_for_writing_elsewhere(target):
            raise ChangedOnDisk(f"{path} changed while it was being edited")

    unchanged()  # before the work of writing, and again right before the rename
    write_atomic(target, data, still_ok=unchanged)
    return target
