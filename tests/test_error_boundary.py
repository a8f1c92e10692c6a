"""The one error boundary (`suizhou_plan.cli.main`): an unexpected exception is exit 3 with a
short message naming the version and how to report it, not a traceback; `--debug` (or
SUIZHOU_DEBUG) shows the traceback.  Findings stay exit 1 and usage errors exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest
from conftest import PLAN

import suizhou_plan.load
from suizhou_plan import __version__
from suizhou_plan.cli import main


def exit_code_of(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    code = stopped.value.code
    return code if isinstance(code, int) else 1


@pytest.fixture
def broken_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def load_plan(directory: Path, given: object = None) -> NoReturn:
        raise RuntimeError("the loader broke\n  on two lines")

    monkeypatch.setattr(suizhou_plan.load, "load_plan", load_plan)
    monkeypatch.delenv("SUIZHOU_DEBUG", raising=False)


@pytest.mark.usefixtures("broken_loader")
@pytest.mark.parametrize("command", [["validate"], ["check", "--as-of", "2024-01-15"],
                                     ["export"], ["duties", "市政數局"]])
def test_an_internal_error_exits_3_with_a_short_message(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_code_of([command[0], "--plan", str(PLAN), *command[1:]]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "suizhou: internal error: RuntimeError: the loader broke on two lines\n"
        f"This is a bug in suizhou {__version__}, not in your plan. Please report it to the "
        "suizhou maintainers with the command you ran and the plan files; run it again with "
        "`suizhou --debug ...` to see the traceback.\n"
    )


def test_a_huge_exception_message_is_cut(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def load_plan(directory: Path) -> NoReturn:
        raise ValueError("x" * 1_000_000)

    monkeypatch.setattr(suizhou_plan.load, "load_plan", load_plan)
    monkeypatch.delenv("SUIZHOU_DEBUG", raising=False)
    assert exit_code_of(["validate", "--plan", str(PLAN)]) == 3
    first = capsys.readouterr().err.splitlines()[0]
    assert first == "suizhou: internal error: ValueError: " + "x" * 200 + "…"


@pytest.mark.usefixtures("broken_loader")
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuntimeError, match="the loader broke"):
        main(["--debug", "validate", "--plan", str(PLAN)])
    monkeypatch.setenv("SUIZHOU_DEBUG", "1")
    with pytest.raises(RuntimeError, match="the loader broke"):
        main(["validate", "--plan", str(PLAN)])


def test_findings_and_usage_errors_keep_their_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_code_of(["validate", "--plan", str(PLAN)]) == 0
    (tmp_path / "tasks.yaml").write_text("tasks: [\n", encoding="utf-8")
    assert exit_code_of(["validate", "--plan", str(tmp_path)]) == 1
    assert exit_code_of(["validate", "--plan", str(tmp_path / "nowhere")]) == 2
    assert exit_code_of(["validate", "--no-such-option"]) == 2
    assert exit_code_of(["--version"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_the_installed_entry_point_maps_an_internal_error_to_exit_3(tmp_path: Path) -> None:
    """A real process: the message is all of stderr and no traceback escapes."""
    inject = ("import suizhou_plan.load as load\n"
              "def broken(directory): raise KeyError('tasks')\n"
              "load.load_plan = broken\n"
              "from suizhou_plan.cli import main\n"
              "main()\n")
    env = {k: v for k, v in os.environ.items() if k != "SUIZHOU_DEBUG"}
    done = subprocess.run([sys.executable, "-c", inject, "validate", "--plan", str(PLAN)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.startswith("suizhou: internal error: KeyError: 'tasks'\n")
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 2
