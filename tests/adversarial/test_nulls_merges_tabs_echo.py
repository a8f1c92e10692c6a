"""Nulls where text is expected, merge keys, tabs around a list dash, and rule messages
that would echo a huge value: each refused or clipped, located exactly."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from minimal_plan import base_text, error_findings, plan_from_base

TASKS = base_text("tasks.yaml")
RunCli = Callable[..., Run]


# yamltree: libyaml gives a plain scalar the style "" (PyYAML's pure-Python composer gives
# None), so `style is None` never holds and `~`, `null` and an empty value stay text.
@pytest.mark.parametrize(("new", "column"), [("title: ~", 12), ("title: null", 12),
                                             ("title: NULL", 12)])
def test_a_null_where_text_is_expected_is_refused(
    run_cli: RunCli, tmp_path: Path, new: str, column: int
) -> None:
    tasks = TASKS.replace("title: 建設大數據產業園", new)
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert (code, errors) == (1, [("invalid-value", "tasks.yaml", 24, column)])
    assert found[0]["message"] == "tasks[0].title: expected text, found nothing"


def test_a_null_unit_is_refused_not_looked_up(run_cli: RunCli, tmp_path: Path) -> None:
    tasks = TASKS.replace("units: [市政數局, 市大數據中心]", "units: [市政數局, ~]")
    code, errors, _ = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert (code, errors) == (1, [("invalid-value", "tasks.yaml", 26, 19)])


# yamltree: a merge key `<<` with an inline mapping (no alias) is dropped without a word, and
# the keys it carried vanish from the plan.
def test_a_merge_key_without_an_alias_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    tasks = TASKS.replace("        note: 已啟動", "        <<: {note: 已啟動}")
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert (code, errors) == (1, [("yaml-alias", "tasks.yaml", 31, 9)])
    assert "<<" in found[0]["message"]


# yamltree: a tab before or after a list dash gets libyaml's "found character that cannot
# start any token" instead of the tab message (only "tab" in the problem text is matched).
@pytest.mark.parametrize(("old", "new", "where"), [
    ("  - id: T01", "\t- id: T01", (20, 1)),
    ("      - date: 2022-01-10", "      -\tdate: 2022-01-10", (29, 8)),
])
def test_a_tab_around_a_list_dash_is_named(
    run_cli: RunCli, tmp_path: Path, old: str, new: str, where: tuple[int, int]
) -> None:
    code, errors, found = error_findings(
        run_cli, plan_from_base(tmp_path, tasks=TASKS.replace(old, new)))
    assert (code, errors) == (1, [("yaml-syntax", "tasks.yaml", *where)])
    assert "tab" in found[0]["message"]


# rules (unknown-agency, unknown-section, and every rule quoting a title): the input is
# quoted whole, up to the 20,000 characters a Text may hold.
@pytest.mark.parametrize(("old", "new", "expected"), [
    ("units: [市政數局, 市大數據中心]", "units: [市政數局, " + "市" * 19_000 + "]",
     ("unknown-agency", 26, 19)),
    ("section: 數字經濟", "section: " + "經" * 19_000, ("unknown-section", 23, 14)),
])
def test_a_rule_does_not_echo_a_huge_value(
    run_cli: RunCli, tmp_path: Path, old: str, new: str, expected: tuple[str, int, int]
) -> None:
    tasks = TASKS.replace(old, new)
    code, errors, _ = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert (code, errors) == (1, [(expected[0], "tasks.yaml", *expected[1:])])


# textwidth.truncate measures the whole line before cutting it, and the excerpt measures
# everything left of the caret: seconds for one long line in the text report.
def test_the_text_report_of_a_10_mb_line_is_quick(run_cli: RunCli, tmp_path: Path) -> None:
    tasks = TASKS.replace("title: 建設大數據產業園", "title: " + "x" * 10_000_000)
    plan = plan_from_base(tmp_path, tasks=tasks)
    run_cli("validate", "--plan", str(plan), "--format", "json")  # warm
    started = time.perf_counter()
    result = run_cli("validate", "--plan", str(plan))
    assert result.exit_code == 1
    assert time.perf_counter() - started < 1.5
