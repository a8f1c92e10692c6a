"""Writing what `--out` asks for: a set of files that lands whole or not at all.

`duties --all --out DIR` writes one file per unit and an index; a full disk or a read-only
directory half-way through must not leave this month's lists beside last month's.  So every
file is first written (and synced) into a staging directory inside DIR, then renamed into
place, the replaced files kept aside until the last rename succeeded; on any failure the
renames are undone, the staging directory removed, and directories this call created are
removed again.  A failure is an `OutputError` whose message says what could not be written
and why, in words a user can act on (the CLI exits 1 with it)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from suizhou_plan.i18n import N_, Msg


class OutputError(Exception):
    """An output could not be written; nothing of it was left behind."""


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
    """The replaced file's permissions, else what a plain `open` gives (umask applied)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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


def write_files(directory: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (name → bytes) into `directory`, all of them or none.

    Files of `directory` that are not in the set are left alone; files in it are replaced.
    Names must differ in more than case, as they do on Windows and macOS disks."""
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
        _commit(directory, staging, list(files))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_directories(created)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    _sync_directory(directory)


def _stage(directory: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    for name, data in files.items():
        target = directory / name
        if target.is_dir() and not target.is_symlink():
            raise OutputError(Msg("cannot write {target}: a directory is in the way",
                                  target=str(target)))
        try:
            fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(staging / name, _mode_for(target))
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
