"""`suizhou init`: a plan directory of one's own, copied from the bundled plan or another.

The bundled plan is read-only (it lives in the installed package, which an upgrade
replaces), so recording progress starts with a workspace.  Only the plan's own files are
copied, byte for byte, and nothing that exists is ever overwritten.

The workspace also holds the office's key (`KEY_NAME`): 32 random bytes that sign the
ledger templates the office sends out (`sheets/signing.py`), so that `progress import`
can tell a returned sheet the office made from one edited or made elsewhere.  It lives in
the plan directory, readable by its owner only, and the `.gitignore` that `init` writes
keeps it out of git; it is never copied (`init --from` makes a new one) and never written
into a sheet.  `suizhou init --key DIR` makes one for a workspace that has none."""

from __future__ import annotations

import secrets
from pathlib import Path

from suizhou_plan.base.errors import SuizhouError
from suizhou_plan.base.output_files import write_atomic, write_new
from suizhou_plan.i18n import Msg
from suizhou_plan.load.plan_loader import AGENCIES, TASKS, read_plan_file
from suizhou_plan.ops.plan_lock import LOCK_NAME

PLAN_FILES = (TASKS, AGENCIES)
IGNORE = ".gitignore"
KEY_NAME = ".suizhou.key"
KEY_BYTES = 32
_KEY_HEADER = ("# suizhou: the office's key; it signs the ledger templates. Keep it secret: "
               "never in git, never sent to a unit.\n")


class WorkspaceError(SuizhouError):
    """The workspace cannot be made as asked; nothing was written (exit 1)."""


class KeyDamaged(SuizhouError):
    """The key file exists but holds no key (`args[0]`: why, a `Msg`; exit 1)."""


def key_path(plan: Path) -> Path:
    return plan / KEY_NAME


def read_key(plan: Path) -> bytes | None:
    """The workspace's key; None when it has none.  Raises `KeyDamaged` when the file is
    there but is not a key (emptied, cut, edited, a directory)."""
    path = key_path(plan)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = path.read_bytes()[:4096].decode("ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyDamaged(Msg("{file} cannot be read as a key ({why})", file=str(path),
                             why=str(getattr(exc, "strerror", None) or exc))) from None
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    try:
        key = bytes.fromhex(lines[0]) if len(lines) == 1 else b""
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyDamaged(Msg("{file} is not a key (it should hold one line of {n} hex "
                             "digits)", file=str(path), n=2 * KEY_BYTES))
    return key


def make_key(plan: Path) -> Path:
    """Write a new random key into the plan directory (owner-only), and list it in the
    directory's .gitignore.  Refuses when there is one: a new key would make every template
    sent out before it unverifiable."""
    path = key_path(plan)
    if path.exists() or path.is_symlink():
        raise WorkspaceError(Msg("{file} already exists; nothing was changed (a new key "
                                 "would make every template sent before unverifiable)",
                                 file=str(path)))
    data = (_KEY_HEADER + secrets.token_bytes(KEY_BYTES).hex() + "\n").encode("ascii")
    try:
        write_new(path, data, 0o600)
        _ignore(plan)
    except OSError as exc:
        raise WorkspaceError(Msg("cannot write into {dest}: {why}", dest=str(plan),
                                 why=str(exc.strerror or exc))) from None
    return path


def _ignore(plan: Path) -> None:
    """`.suizhou.key` listed in the plan directory's .gitignore (added to one that exists)."""
    ignore = plan / IGNORE
    if not ignore.exists():
        write_atomic(ignore, _ignored().encode())
        return
    text = ignore.read_text(encoding="utf-8", errors="replace")
    if KEY_NAME not in (line.strip() for line in text.splitlines()):
        sep = "" if not text or text.endswith("\n") else "\n"
        write_atomic(ignore, (text + sep + KEY_NAME + "\n").encode())


def _ignored() -> str:
    # The lock file is the writers' meeting point, not part of the plan's history (and a
    # writer killed midway may leave its temporary file behind); the key is a secret.
    return f"{LOCK_NAME}\n.*.tmp\n{KEY_NAME}\n"


def init_workspace(dest: Path, source: Path) -> list[Path]:
    """Copy the plan files of `source` into `dest` (created if missing) and make the
    office's key there.  Returns the files copied (the key and .gitignore included).
    Refuses when `dest` already holds a plan file or `source` lacks one."""
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
            write_atomic(dest / IGNORE, _ignored().encode())
            written.append(dest / IGNORE)
        if not key_path(dest).exists():
            written.append(make_key(dest))
    except (OSError, WorkspaceError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, WorkspaceError):
            raise
        raise WorkspaceError(Msg("cannot write into {dest}: {why}", dest=str(dest),
                                 why=str(exc.strerror or exc))) from None
    return written
