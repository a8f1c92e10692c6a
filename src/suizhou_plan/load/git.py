"""Running git so that the repository cannot run commands on the user's behalf.

`suizhou diff`, `check --changed-since` and `report` read a plan's history, often in a
repository someone else prepared (a clone, an unpacked archive).  Its `.git/config` can name
programs that git would start: `core.fsmonitor`, a pager, an external diff or textconv
driver, clean and smudge filters, hooks.  Every git call goes through `run_git`, which turns
each of those off on the command line (which outranks every config file), ignores the system
config and the environment variables that name programs, and never lets git write the
index.  suizhou only ever asks git for revisions and raw blobs (`cat-file`), never for a
diff or a status, which are what run filters and drivers."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

# `-c` settings outrank .git/config; `--no-pager` and a dead hooks path for good measure.
# (`protocol.allow=never`: reading a blob missing from a partial clone would fetch it, through
# ssh or a credential helper.)
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.pager=cat",
    "core.hooksPath=/dev/null",
    "protocol.allow=never",
)
# Environment variables that name a program for git to start.
UNSET = ("GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH",
         "GIT_SSH_COMMAND", "GIT_EDITOR")


def git_argv(args: Sequence[str]) -> list[str]:
    argv = ["git", "--no-pager"]
    for setting in SAFE_CONFIG:
        argv += ["-c", setting]
    return [*argv, *args]


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0",
                "GIT_PAGER": "cat", "GIT_NO_LAZY_FETCH": "1"})
    return env


def run_git(args: Sequence[str], cwd: Path, *, timeout: float | None = None
            ) -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` in `cwd`, output captured; raises OSError when git cannot be started and
    subprocess.TimeoutExpired after `timeout` seconds."""
    return subprocess.run(git_argv(args), cwd=cwd, env=git_env(), capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, check=False)
