"""`suizhou init`: a plan directory of one's own, copied from the bundled plan or another.

The bundled plan is read-only (it lives in the installed package, which an upgrade
replaces), so recording progress starts with a workspace.  Only the plan's own files are
copied, byte for byte, and nothing that exists is ever overwritten."""

from __future__ import annotations

from pathlib import Path

from suizhou_plan.i18n import Msg
from suizhou_plan.load.plan_loader import AGENCIES, TASKS
from suizhou_plan.plan_lock import LOCK_NAME

PLAN_FILES = (TASKS, AGENCIES)
IGNORE = ".gitignore"


class WorkspaceError(Exception):
    """The workspace cannot be made as asked; nothing was written."""


def init_workspace(dest: Path, source: Path) -> list[Path]:
    """Copy the plan files of `source` into `dest` (created if missing).  Returns the files
    written.  Refuses when `dest` already holds a plan file or `source` lacks one."""
    from suizhou_plan.load.plan_loader import read_plan_file
    from suizhou_plan.writing import write_atomic

    if dest.exists() and not dest.is_dir():
        raise WorkspaceError(Msg("{dest} is a file; name a directory for the plan",
                                 dest=str(dest)))
    taken = [name for name in PLAN_FILES if (dest / name).exists() or (dest / name).is_symlink()]
    if taken:
        raise WorkspaceError(Msg("{dest} already holds a plan ({files}); nothing was copied. "
                                 "Use it as it is, or name another directory", dest=str(dest),
                                 files=", ".join(taken)))
    data: dict[str, bytes] = {}
    for name in PLAN_FILES:
        read = read_plan_file(source, name)
        if not isinstance(read, bytes):
            raise WorkspaceError(Msg("{where}: {problem}; --from takes a plan directory "
                                     "holding tasks.yaml and agencies.yaml",
                                     where=str(read.location), problem=read.message))
        data[name] = read
    written = []
    try:
        for name in PLAN_FILES:
            write_atomic(dest / name, data[name])
            written.append(dest / name)
        if not (dest / IGNORE).exists():
            # The lock file is the writers' meeting point, not part of the plan's history.
            # (and a writer killed midway may leave its temporary file behind)
            write_atomic(dest / IGNORE, f"{LOCK_NAME}\n.*.tmp\n".encode())
            written.append(dest / IGNORE)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise WorkspaceError(Msg("cannot write into {dest}: {why}", dest=str(dest),
                                 why=str(exc.strerror or exc))) from None
    return written
