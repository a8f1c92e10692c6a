"""Writing files: the one way suizhou puts bytes on disk, so that no run killed midway, full
disk or read-only directory leaves a file half-written.

- `write_atomic`: one file, written (and synced) to a temporary file beside it, then renamed
  over it, so a run killed midway leaves the old file intact; it keeps the permissions of the
  file it replaces.
- `replace_if_unchanged`: the same, for a file this program read and changed (tasks.yaml),
  unless another program saved it in the meantime (`ChangedOnDisk`).
- `write_new`: a file that must not exist yet (the office's key), created for its owner only.
- `write_files`: what `--out` asks for, a set of files that lands whole or not at all.
  `duties --all --out DIR` writes one file per unit and an index; a full disk or a read-only
  directory half-way through must not leave this month's lists beside last month's.  So
  every file is first written whole (`write_atomic`) into a staging directory inside DIR,
  then renamed into place, the replaced files kept aside until the last rename succeeded; on
  any failure the renames are undone, the staging directory removed, and directories this
  call created are removed again.  A failure is an `OutputError` whose message says what
  could not be written and why, in words a user can act on (the CLI exits 1 with it).

Other modules write only into memory (a workbook or document saved into a buffer) or into
a temporary directory of their own; the file a user sees is written here."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from suizhou_plan.base.errors import SuizhouError
from suizhou_plan.i18n import N_, Msg


class OutputError(SuizhouError):
    """An output could not be written; nothing of it was left behind (exit 1)."""


_WHY = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is exceeded"),
    errno.EFBIG: N_("the file is larger than this system allows"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOTDIR: N_("a file is in the way where a directory should be"),
    errno.EEXIST: N_("a file is in the way where a directory should be"),
    errno.EISDIR: N_("a directory is in the way where a file should be"),
}


def _why(exc: OSError) -> str:
    """Why, in words that can be translated; else the system's own."""
    known = _WHY.get(exc.errno or 0)
    return Msg(known) if known else exc.strerror or type(exc).__name__


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, else what a plain `open` gives (umask applied):
    mkstemp's private 0600 would make shared reports unreadable to colleagues."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_synced(fd: int, data: bytes) -> None:
    """`data` into the new file open as `fd`, which is closed; on disk when this returns."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes, still_ok: Callable[[], None] | None = None, *,
                 mode: int | None = None) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.
    `still_ok`, when given, runs after the data is on disk and right before the rename, and
    may raise to keep `path` as it is (the temporary file is removed).  `mode`: the file's
    permissions [default: those of the file replaced, else what a plain `open` gives]."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path) if mode is None else mode)
        _write_synced(fd, data)
        if still_ok is not None:
            still_ok()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_new(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Create `path` holding `data`, with the permissions `mode` (by default its owner's
    only); `FileExistsError` when anything is there already, a symlink included (it is never
    followed).  A failure part-way removes what was created."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 mode)
    try:
        _write_synced(fd, data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)  # an empty or cut file would pass for the real one later
        raise


class ChangedOnDisk(Exception):
    """The file is not what this writer read: another program saved it in between."""


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_for_writing_elsewhere(path: Path) -> bool:
    """True when another process has `path` open for writing (Linux: a read lease cannot be
    taken then), as an editor does during a slow in-place save.  Reading the file then would
    see half of it.  Elsewhere, or where leases are not allowed, it says False: the content
    check before replacing is the remaining guard."""
    try:
        # lazy: fcntl is POSIX only; where it is missing the probe says False
        import fcntl
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


def _make_directory(directory: Path) -> list[Path]:
    """Create `directory` and its missing parents; the ones created, outermost first."""
    missing: list[Path] = []
    probe = directory
    while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    created: list[Path] = []
    try:
        if probe.exists() and not probe.is_dir():
            raise OutputError(Msg("cannot write into {dest}: {why}", dest=str(directory),
                                  why=Msg("{path} is a file, not a directory", path=str(probe))))
        for path in reversed(missing):
            path.mkdir()
            created.append(path)
    except OSError as exc:
        _remove_directories(created)
        raise OutputError(Msg("cannot create the directory {dest}: {why}", dest=str(directory),
                              why=_why(exc))) from None
    except OutputError:
        _remove_directories(created)
        raise
    return created


def _remove_directories(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir()


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_files(directory: Path, files: Mapping[str, bytes],
                still_ok: Callable[[], None] | None = None) -> None:
    """Write `files` (name → bytes) into `directory`, all of them or none.

    Files of `directory` that are not in the set are left alone; files in it are replaced.
    Names must differ in more than case, as they do on Windows and macOS disks.  `still_ok`,
    when given, runs once every file is on disk, right before the first is renamed into
    place, and may raise to write none of them."""
    folded = [name.casefold() for name in files]
    if len(set(folded)) < len(folded):
        raise ValueError("output file names must differ in more than case")
    created = _make_directory(directory)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".suizhou-", dir=directory))
    except OSError as exc:
        _remove_directories(created)
        raise OutputError(Msg("cannot write into {dest}: {why}", dest=str(directory),
                              why=_why(exc))) from None
    try:
        _stage(directory, staging, files)
        if still_ok is not None:
            still_ok()
        _commit(directory, staging, list(files))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_directories(created)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    _sync_directory(directory)


def _stage(directory: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    """Each file written whole into `staging`, with the permissions of the file it will
    replace in `directory`."""
    for name, data in files.items():
        target = directory / name
        if target.is_dir() and not target.is_symlink():
            raise OutputError(Msg("cannot write {target}: a directory is in the way",
                                  target=str(target)))
        try:
            write_atomic(staging / name, data, mode=_mode_for(target))
        except OSError as exc:
            raise OutputError(Msg("cannot write {target}: {why}; nothing was written to {dest}",
                                  target=str(target), why=_why(exc), dest=str(directory))) from None


def _commit(directory: Path, staging: Path, names: list[str]) -> None:
    """Rename the staged files into place; on a failure put back what was there."""
    kept = staging / ".replaced"
    done: list[tuple[str, bool]] = []  # (name, had an old file)
    try:
        kept.mkdir()
        for name in names:
            target = directory / name
            had_old = target.exists() or target.is_symlink()
            if had_old:
                os.replace(target, kept / name)
            done.append((name, had_old))
            os.replace(staging / name, target)
    except OSError as exc:
        for name, had_old in reversed(done):
            with contextlib.suppress(OSError):
                if had_old:
                    os.replace(kept / name, directory / name)
                else:
                    os.unlink(directory / name)
        raise OutputError(Msg("cannot write into {dest}: {why}; nothing was changed",
                              dest=str(directory), why=_why(exc))) from None
