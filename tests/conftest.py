"""Shared fixtures: the bundled plan, a writable copy of it, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from suizhou_plan.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan"
SOURCE = ROOT / "source" / "000_b1e91cb46fd45bc1.txt"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled plan."""
    target = tmp_path / "plan"
    shutil.copytree(PLAN, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a plan file, insisting that `old` occurs `count` times."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing `needle`."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if needle in line]
    return hits[nth - 1]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Run]:
    """Invoke `suizhou ARGS` in-process (no exception catching), from an empty directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SUIZHOU_PLAN", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)

    def invoke(*args: str) -> Run:
        runner = CliRunner()
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return invoke
