"""Where a plan comes from for `diff` and `--changed-since`: a directory, or the same plan
directory at a git revision (materialised into a temporary directory)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.load.git import run_git
from suizhou_plan.load.plan_loader import AGENCIES, TASKS


class SourceError(SuizhouError):
    """The side cannot be read: not a directory, and not a git revision of the plan (a
    usage error: the side was typed)."""

    exit_code = USAGE


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = run_git(args, cwd)
    except FileNotFoundError:
        raise SourceError("git is not installed") from None
    if done.returncode != 0:
        raise SourceError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
                          if done.stderr.strip() else f"git {' '.join(args)} failed")
    return done.stdout


@contextmanager
def materialise(spec: str, plan_dir: Path) -> Iterator[tuple[Path, str]]:
    """Yield (directory, label) for `spec`: a directory as is, else `plan_dir` at revision
    `spec` of the git work tree holding it."""
    as_path = Path(spec)
    if as_path.is_dir():
        yield as_path, str(as_path)
        return
    if spec.startswith("-"):
        raise SourceError("a revision does not start with '-'")
    anchor = plan_dir.resolve()
    if not anchor.is_dir():
        raise SourceError(f"{plan_dir} is not a directory")
    top = Path(_git(["rev-parse", "--show-toplevel"], anchor).decode().strip())
    rel = anchor.relative_to(top.resolve()).as_posix()
    commit = _git(["rev-parse", "--short", f"{spec}^{{commit}}"], top).decode().strip()
    with tempfile.TemporaryDirectory(prefix="suizhou-rev-") as tmp:
        for name in (TASKS, AGENCIES):
            # cat-file: the blob's bytes, through no textconv or filter the repository names
            data = _git(["cat-file", "blob",
                         f"{commit}:{rel}/{name}" if rel != "." else f"{commit}:{name}"], top)
            (Path(tmp) / name).write_bytes(data)
        yield Path(tmp), f"{spec} ({commit})"
