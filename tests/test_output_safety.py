"""No run loses data: reading commands never touch the plan directory, and files are written
to a temporary file and renamed, so a run killed midway leaves the old file intact."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from suizhou_plan.base.output_files import write_atomic

RunCli = Callable[..., Run]
READING_COMMANDS = [
    ["validate"], ["validate", "--format", "json"],
    ["check", "--as-of", "2024-01-15"], ["check", "--as-of", "2024-01-15", "--format", "json"],
    ["check", "--as-of", "2024-01-15", "--format", "markdown"],
    ["duties", "市政數局", "--as-of", "2024-01-15"],
    ["duties", "市政數局", "--as-of", "2024-01-15", "--format", "html"],
    ["duties", "--mechanism", "數字政府", "--as-of", "2024-01-15"],
    ["export"],
]
Snapshot = dict[str, tuple[int, int, int, str]]


def snapshot(root: Path) -> Snapshot:
    """Every path under root: mode, size, mtime (ns) and a hash of its bytes."""
    out: Snapshot = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        out[str(path.relative_to(root))] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return out


def make_read_only(root: Path) -> None:
    """chmod -R a-w.  Root can still write, which is why the tests compare snapshots."""
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def make_writable(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(stat.S_IMODE(path.lstat().st_mode) | stat.S_IWUSR)


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_reading_commands_leave_the_plan_and_working_directory_untouched(
    run_cli: RunCli, plan_copy: Path, command: list[str]
) -> None:
    workdir = plan_copy.parent  # run_cli runs in it: nothing may appear there either
    before = snapshot(workdir)
    result = run_cli(command[0], "--plan", str(plan_copy), *command[1:])
    assert result.exit_code in (0, 1), result.output
    assert snapshot(workdir) == before


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_reading_commands_give_the_same_answer_on_a_read_only_copy(
    run_cli: RunCli, plan_copy: Path, tmp_path: Path, command: list[str]
) -> None:
    writable = run_cli(command[0], "--plan", str(plan_copy), *command[1:])
    make_read_only(plan_copy)
    try:
        before = snapshot(tmp_path)
        read_only = run_cli(command[0], "--plan", str(plan_copy), *command[1:])
        assert snapshot(tmp_path) == before
    finally:
        make_writable(plan_copy)
    assert (read_only.exit_code, read_only.stdout) == (writable.exit_code, writable.stdout)


def test_the_plan_found_as_dot_plan_is_left_untouched(run_cli: RunCli, tmp_path: Path,
                                                      plan_copy: Path) -> None:
    """Without --plan, suizhou reads ./plan from the working directory (tmp_path)."""
    make_read_only(plan_copy)
    try:
        before = snapshot(tmp_path)
        for command in READING_COMMANDS:
            result = run_cli(*command)
            assert result.exit_code in (0, 1), result.output
        assert snapshot(tmp_path) == before
    finally:
        make_writable(plan_copy)


def test_duty_lists_are_written_whole_and_leave_no_temporary_files(
    run_cli: RunCli, plan_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "市政數局.md").write_text("an old list\n", encoding="utf-8")
    before = snapshot(plan_copy)
    result = run_cli("duties", "--plan", str(plan_copy), "--all", "--out", str(out),
                     "--as-of", "2024-01-15", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert snapshot(plan_copy) == before
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.startswith(".")]
    assert "index.md" in names and "市政數局.md" in names
    assert (out / "市政數局.md").read_text(encoding="utf-8") != "an old list\n"


# --- write_atomic: a killed writer leaves the old file, and only its dot-temp behind ---

WRITER = """
import mmap, sys
from pathlib import Path
from suizhou_plan.base.output_files import write_atomic
target, source = Path(sys.argv[1]), Path(sys.argv[2])
with open(source, "rb") as handle:  # a sparse file: gigabytes to write, none to hold
    write_atomic(target, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
"""


def test_a_writer_killed_midway_leaves_the_old_file_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "duties.md"
    target.write_bytes(b"the old duty list\n")
    source = tmp_path / "huge.bin"
    with open(source, "wb") as handle:
        handle.truncate(2 * 1024**3)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(source)])
    temp: Path | None = None
    deadline = time.monotonic() + 60
    try:
        while temp is None and time.monotonic() < deadline and writer.poll() is None:
            temps = [p for p in out.iterdir() if p.name != "duties.md"]
            if temps and temps[0].stat().st_size > 0:
                temp = temps[0]
            time.sleep(0.001)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it was killed"
    assert temp is not None, "the writer never started writing"
    assert target.read_bytes() == b"the old duty list\n"
    strays = sorted(p.name for p in out.iterdir() if p.name != "duties.md")
    assert strays == [temp.name]
    assert re.fullmatch(r"\.duties\.md\.[^/]+\.tmp", temp.name)
    assert 0 < temp.stat().st_size < source.stat().st_size
    write_atomic(target, b"the new duty list\n")  # the stray temp does not get in the way
    assert target.read_bytes() == b"the new duty list\n"


def test_a_failed_write_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(b"old")

    def replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
