"""The result cache of `suizhou check` (src/suizhou_plan/ops/check_cache.py): a repeated check of
an unchanged plan prints the stored result without loading the plan; anything changed, and
any entry that is damaged or not for this check, means a check from scratch and a new entry.

Every other test runs with the cache off (conftest); here it is on, in a directory of the
test's own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, edit

import suizhou_plan.load
from suizhou_plan.ops import check_cache

DAY = "2024-01-15"


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.delenv("SUIZHOU_NO_CACHE")
    monkeypatch.setenv("SUIZHOU_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The plan directories `check` loads, in order (a stored result loads none)."""
    seen: list[Path] = []
    real = suizhou_plan.load.load_plan

    def recording(directory: Path, given: dict[str, bytes] | None = None) -> object:
        seen.append(directory)
        return real(directory, given)

    monkeypatch.setattr(suizhou_plan.load, "load_plan", recording)
    return seen


def check(run_cli: Callable[..., Run], plan: Path, *extra: str) -> Run:
    return run_cli("check", "--plan", str(plan), "--as-of", DAY, *extra)


def only_entry(cache: Path) -> Path:
    entries = sorted(cache.iterdir())
    assert len(entries) == 1, entries
    return entries[0]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_repeated_check_prints_the_stored_result_without_loading_the_plan(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path],
        fmt: str) -> None:
    first = check(run_cli, plan_copy, "--format", fmt)
    second = check(run_cli, plan_copy, "--format", fmt)
    assert first.exit_code == 1  # the bundled plan has errors: exit 1 is stored too
    assert (second.exit_code, second.stdout, second.stderr) == (
        first.exit_code, first.stdout, first.stderr)
    assert len(loads) == 1
    stored = json.loads(only_entry(cache).read_text(encoding="utf-8"))
    assert stored["stdout"] == first.stdout and stored["exit_code"] == 1


def test_an_edited_plan_is_checked_again_and_its_entry_replaced(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path]) -> None:
    before = check(run_cli, plan_copy)
    edit(plan_copy / "tasks.yaml", "  title: 數字隨州建設實施方案", "  title: 數字隨州實施方案")
    after = check(run_cli, plan_copy)
    assert len(loads) == 2
    assert before.stdout.splitlines()[0].startswith("數字隨州建設實施方案")
    assert after.stdout.splitlines()[0].startswith("數字隨州實施方案")
    assert json.loads(only_entry(cache).read_text(encoding="utf-8"))["stdout"] == after.stdout


@pytest.mark.parametrize("changed", [("--as-of", "2024-06-30"), ("--lang", "zh-Hans"),
                                     ("--strict",), ("--phase", "1"), ("--format", "json")])
def test_another_option_is_another_check(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path],
        changed: tuple[str, ...]) -> None:
    check(run_cli, plan_copy)
    other = run_cli("check", "--plan", str(plan_copy), "--as-of", DAY, *changed)
    fresh = run_cli("check", "--plan", str(plan_copy), "--as-of", DAY, *changed, "--no-cache")
    assert len(loads) == 3
    assert (other.exit_code, other.stdout) == (fresh.exit_code, fresh.stdout)


def test_another_version_of_suizhou_does_not_use_the_entry(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    check(run_cli, plan_copy)
    monkeypatch.setattr(check_cache, "__version__", "99.0")
    check(run_cli, plan_copy)
    assert len(loads) == 2


def _tampered(entry: dict[str, object]) -> dict[str, object]:
    return {**entry, "stdout": "all clear\n", "exit_code": 0}


def _resealed(entry: dict[str, object]) -> dict[str, object]:
    """A whole entry (its checksum matches) for another key: a stale or foreign one."""
    key = "0" * 64
    parts = [check_cache.FORMAT, key, 0, "all clear\n", ""]
    return {**entry, "key": key, "exit_code": 0, "stdout": "all clear\n", "stderr": "",
            "sha256": check_cache._digest(parts)}


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "not UTF-8": lambda data: b"\xff\xfe" + data,
    "empty": lambda data: b"",
    "not an object": lambda data: b"[1, 2, 3]",
    "output changed, checksum not": lambda data: json.dumps(
        _tampered(json.loads(data))).encode(),
    "exit code a string": lambda data: json.dumps(
        {**json.loads(data), "exit_code": "0"}).encode(),
    "another format": lambda data: json.dumps({**json.loads(data), "format": 99}).encode(),
    "whole, but for another key": lambda data: json.dumps(
        _resealed(json.loads(data))).encode(),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_or_foreign_entry_is_never_trusted_and_is_rebuilt(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path],
        damage: str) -> None:
    first = check(run_cli, plan_copy, "--format", "json")
    entry = only_entry(cache)
    entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    again = check(run_cli, plan_copy, "--format", "json")
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert len(loads) == 2  # checked from scratch
    third = check(run_cli, plan_copy, "--format", "json")
    assert third.stdout == first.stdout and len(loads) == 2  # the rebuilt entry is used


def test_no_cache_neither_reads_nor_writes(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    check(run_cli, plan_copy, "--no-cache")
    assert not cache.exists()
    check(run_cli, plan_copy)
    check(run_cli, plan_copy, "--no-cache")
    monkeypatch.setenv("SUIZHOU_NO_CACHE", "1")
    check(run_cli, plan_copy)
    assert len(loads) == 4  # the plain run stored an entry; no other run used it


def test_a_cache_that_cannot_be_written_never_fails_a_check(
        run_cli: Callable[..., Run], plan_copy: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    monkeypatch.delenv("SUIZHOU_NO_CACHE")
    monkeypatch.setenv("SUIZHOU_CACHE_DIR", str(blocker / "cache"))
    cached = check(run_cli, plan_copy, "--format", "json")
    fresh = check(run_cli, plan_copy, "--format", "json", "--no-cache")
    assert (cached.exit_code, cached.stdout, cached.stderr) == (
        fresh.exit_code, fresh.stdout, fresh.stderr)


def test_a_usage_error_stores_nothing(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path) -> None:
    result = check(run_cli, plan_copy, "--agency", "no such unit")
    assert result.exit_code == 2
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_plan_file_that_cannot_be_hashed_is_checked_uncached(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path]) -> None:
    (plan_copy / "agencies.yaml").unlink()
    first = check(run_cli, plan_copy)
    second = check(run_cli, plan_copy)
    assert first.exit_code == second.exit_code == 1
    assert "agencies.yaml is missing" in second.stdout
    assert len(loads) == 2 and not cache.exists()


def test_an_edited_program_does_not_use_the_entry(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    program = tmp_path / "program"
    (program / "rules").mkdir(parents=True)
    (program / "rules" / "schedule.py").write_text("RULES = 1\n", encoding="utf-8")
    (program / "__pycache__").mkdir()
    monkeypatch.setattr(check_cache, "PACKAGE", program)
    check(run_cli, plan_copy)
    (program / "__pycache__" / "schedule.pyc").write_bytes(b"bytecode")  # not the program
    check(run_cli, plan_copy)
    assert len(loads) == 1
    (program / "rules" / "schedule.py").write_text("RULES = 22\n", encoding="utf-8")
    check(run_cli, plan_copy)
    assert len(loads) == 2


def test_one_entry_per_command_whatever_the_day(
        run_cli: Callable[..., Run], plan_copy: Path, cache: Path, loads: list[Path]) -> None:
    """`check` without --as-of is a new key every day; its entry replaces yesterday's."""
    for day in ("2024-01-15", "2024-01-16", "2024-01-15"):
        run_cli("check", "--plan", str(plan_copy), "--as-of", day)
    assert len(loads) == 3
    assert len(list(cache.iterdir())) == 1
