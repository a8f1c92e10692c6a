"""A plan directory that is not two readable files: a missing file, an unreadable one, a
directory, a FIFO or device, a symlink loop.  Each is a located finding (exit 1), never a
hang or a traceback; a --plan that is not a directory is a usage error (exit 2)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run
from minimal_plan import error_findings, plan_from_base

RunCli = Callable[..., Run]


def suizhou(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a real process, so that a hang is a timeout and not a stuck test run."""
    return subprocess.run([sys.executable, "-m", "suizhou_plan", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=60, env={**os.environ, "LANG": "C.UTF-8"})


def test_a_missing_file_is_reported_without_a_line(run_cli: RunCli, tmp_path: Path) -> None:
    plan = plan_from_base(tmp_path)
    (plan / "tasks.yaml").unlink()
    code, errors, found = error_findings(run_cli, plan)
    assert (code, errors) == (1, [("missing-file", "tasks.yaml", None, None)])
    assert found[0]["message"] == "tasks.yaml is missing from the plan directory"


def test_an_empty_plan_directory_misses_both_files(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    code, errors, _ = error_findings(run_cli, tmp_path / "plan")
    assert (code, errors) == (1, [("missing-file", "agencies.yaml", None, None),
                                  ("missing-file", "tasks.yaml", None, None)])


def test_a_dangling_symlink_is_a_missing_file(run_cli: RunCli, tmp_path: Path) -> None:
    plan = plan_from_base(tmp_path)
    (plan / "agencies.yaml").unlink()
    (plan / "agencies.yaml").symlink_to(tmp_path / "nowhere.yaml")
    code, errors, found = error_findings(run_cli, plan)
    assert (code, errors) == (1, [("missing-file", "agencies.yaml", None, None)])
    assert found[0]["message"].endswith("(it is a symlink to nothing)")


def test_a_directory_where_a_file_should_be(run_cli: RunCli, tmp_path: Path) -> None:
    plan = plan_from_base(tmp_path)
    (plan / "tasks.yaml").unlink()
    (plan / "tasks.yaml").mkdir()
    code, errors, found = error_findings(run_cli, plan)
    assert (code, errors) == (1, [("unreadable-file", "tasks.yaml", None, None)])
    assert found[0]["message"] == "tasks.yaml is a directory, not a file"


@pytest.mark.parametrize("loop", ["self", "pair"])
def test_a_symlink_loop(run_cli: RunCli, tmp_path: Path, loop: str) -> None:
    plan = plan_from_base(tmp_path)
    (plan / "tasks.yaml").unlink()
    if loop == "self":
        (plan / "tasks.yaml").symlink_to("tasks.yaml")
    else:
        (plan / "other.yaml").symlink_to("tasks.yaml")
        (plan / "tasks.yaml").symlink_to("other.yaml")
    code, errors, found = error_findings(run_cli, plan)
    assert (code, errors) == (1, [("unreadable-file", "tasks.yaml", None, None)])
    assert found[0]["message"] == "tasks.yaml cannot be read (a symlink loop)"


def test_an_unreadable_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, whom chmod 000 does not stop: the refusal is simulated at open(2)."""
    plan = plan_from_base(tmp_path)
    real_open = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path) == plan / "agencies.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    code, errors, found = error_findings(run_cli, plan)
    assert (code, errors) == (1, [("unreadable-file", "agencies.yaml", None, None)])
    assert found[0]["message"] == "agencies.yaml cannot be read (permission denied)"


def test_an_io_error_while_reading(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_from_base(tmp_path)
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        if os.readlink(f"/proc/self/fd/{fd}") == str(plan / "tasks.yaml"):
            raise OSError(errno.EIO, "Input/output error")
        return real_fstat(fd)

    monkeypatch.setattr(os, "fstat", fstat)
    code, errors, found = error_findings(run_cli, plan)
    assert (code, errors) == (1, [("unreadable-file", "tasks.yaml", None, None)])
    assert found[0]["message"] == "tasks.yaml cannot be read (Input/output error)"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    plan = plan_from_base(tmp_path)
    (plan / "tasks.yaml").unlink()
    os.mkfifo(plan / "tasks.yaml")
    done = suizhou("validate", "--plan", "plan", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    [finding] = [f for f in json.loads(done.stdout)["findings"] if f["severity"] == "error"]
    assert (finding["rule"], finding["file"], finding["line"]) == (
        "unreadable-file", "plan/tasks.yaml", None)
    assert finding["message"] == (
        "tasks.yaml is not a regular file (a named pipe, socket or device)")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_symlink_to_a_device_is_refused_without_reading_it(tmp_path: Path, device: str) -> None:
    plan = plan_from_base(tmp_path)
    (plan / "agencies.yaml").unlink()
    (plan / "agencies.yaml").symlink_to(device)
    done = suizhou("validate", "--plan", "plan", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    [finding] = [f for f in json.loads(done.stdout)["findings"] if f["severity"] == "error"]
    assert (finding["rule"], finding["file"]) == ("unreadable-file", "plan/agencies.yaml")


@pytest.mark.parametrize("kind", ["file", "missing", "loop"])
def test_a_plan_path_that_is_not_a_directory_is_a_usage_error(
    run_cli: RunCli, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "plan"
    if kind == "file":
        target.write_text("schema_version: 1\n", encoding="utf-8")
    elif kind == "loop":
        target.symlink_to("plan")
    result = run_cli("validate", "--plan", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: ")
    assert "Traceback" not in result.output
