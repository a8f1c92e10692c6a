"""One command in its own process, measured as the hostile-file benchmarks report it: exit
code, wall and CPU seconds, and peak memory from `wait4` (the child's own maximum resident
set, not the parent's)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measure:
    code: int
    wall: float
    cpu: float
    peak_mb: float


def measure(args: list[str], cwd: Path) -> Measure:
    """One run of `args` in its own process: exit code, wall and CPU seconds, peak MB."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["SUIZHOU_NO_CACHE"] = "1"
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return Measure(child.returncode, wall, usage.ru_utime + usage.ru_stime, peak)
