"""Shared fixtures: a hermetic environment, the bundled plan, a writable copy of it, and a
CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_files import changed, fingerprint, updating

from suizhou_plan.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan"
SOURCE = ROOT / "source" / "000_b1e91cb46fd45bc1.txt"


_GOLDEN_AT_START: dict[str, str] = {}


def pytest_configure(config: pytest.Config) -> None:
    updating()  # SUIZHOU_UPDATE_GOLDEN under CI: a usage error before any test runs
    _GOLDEN_AT_START.update(fingerprint())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A golden file that changed during a normal run fails the run."""
    if updating():
        return
    written = changed(_GOLDEN_AT_START, fingerprint())
    if written:
        session.config.get_terminal_writer().line(
            f"golden files written during a normal run: {', '.join(written)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# What the caller's shell may set that changes what `suizhou` prints: the language (from the
# locale), colour and tables (terminal, NO_COLOR, FORCE_COLOR), widths, the plan directory.
HOSTILE_ENV = ("LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG", "LANGUAGE", "TERM", "COLORTERM",
               "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE",
               "TTY_COMPATIBLE", "TTY_INTERACTIVE", "SUIZHOU_PLAN", "SUIZHOU_DEBUG",
               "SUIZHOU_CACHE_DIR")


@pytest.fixture(autouse=True)
def hermetic_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from the same environment, whatever the caller's shell has
    (`LC_ALL=zh_CN.UTF-8`, `TERM=dumb`, `COLUMNS=60`...): those variables are removed, and
    the locale is the neutral `C.UTF-8`, and the result cache of `check` is off.  A test that
    needs a terminal, a language, a width or the cache sets it itself.  Subprocesses that
    copy `os.environ` get the same."""
    for name in HOSTILE_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # Every run checks from scratch (a test that patches the loader must see it run);
    # tests/test_check_cache.py turns the cache on where it is the subject.
    monkeypatch.setenv("SUIZHOU_NO_CACHE", "1")


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
    monkeypatch.chdir(tmp_path)  # the environment is hermetic_environment's

    def invoke(*args: str) -> Run:
        runner = CliRunner()
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return invoke
