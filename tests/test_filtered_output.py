"""A filtered output counts what it shows and says what the filter left out; every writing
command says what it wrote; `--as-of` is taken (or said to be unneeded) everywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, edit
from test_progress_and_diff import git

from suizhou_plan.rules import RULES


def summary(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(("Summary:", "小结：")))


def rows(text: str) -> list[str]:
    """The item ids of the table rows printed."""
    return re.findall(r"^  [✖▲●○] \S+\s+(\S+)", text, flags=re.M)


def test_phase_filter_summary_counts_the_rows_and_what_was_left_out(run_cli):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--phase", "1")
    assert len(rows(result.stdout)) == 8
    assert summary(result.stdout) == (
        "Summary: 8 error(s), 9 warning(s), 13 info · 8 items shown (✖ red 8) · "
        "left out by --phase 1: 45 items, 51 findings")


def test_select_says_how_many_rules_it_did_not_run(run_cli):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--select",
                     "SZ601")
    assert summary(result.stdout) == (
        "Summary: 0 error(s), 1 warning(s), 0 info · 53 items shown (✖ red 8 · ○ grey 45) · "
        f"left out by --select SZ601: 0 items, 0 findings, {len(RULES) - 1} rules not run")


def test_unfiltered_summary_is_unchanged(run_cli):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15")
    assert summary(result.stdout) == "Summary: 8 error(s), 57 warning(s), 16 info"


def test_json_says_what_the_filter_left_out(run_cli):
    import json

    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--agency",
                     "市政數局", "--format", "json")
    data = json.loads(result.stdout)
    shown = sum(len(p["items"]) for p in data["phases"])
    assert shown == 34
    assert data["left_out"] == {"filters": ["--agency 市政數局"], "items": 53 - 34,
                                "findings": data["left_out"]["findings"], "rules_not_run": 0}
    assert data["left_out"]["findings"] > 0


@pytest.fixture
def edited_repo(tmp_path: Path) -> Path:
    """A repository whose last commit swaps T23's units, so 市大數據中心 leads it."""
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copytree(PLAN, work / "plan")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "plan as issued")
    edit(work / "plan" / "tasks.yaml", "    units: [市政數局, 市大數據中心]\n",
         "    units: [市大數據中心, 市政數局]\n")
    git(work, "commit", "-qam", "T23 led by the big-data centre")
    return work


def test_changed_since_shows_only_touched_rows_and_counts_them(run_cli, edited_repo,
                                                               monkeypatch):
    """The bug: `check --changed-since HEAD~1` printed every red row of the plan, then
    「Summary: 0 error(s)」."""
    monkeypatch.chdir(edited_repo)
    result = run_cli("check", "--as-of", "2024-01-15", "--changed-since", "HEAD~1")
    shown = rows(result.stdout)
    assert sorted(shown) == ["P1-M8", "T23"]  # T23 and the milestone it feeds
    assert summary(result.stdout) == (
        "Summary: 1 error(s), 2 warning(s), 0 info · 2 items shown (✖ red 1 · ○ grey 1) · "
        "left out by --changed-since HEAD~1: 51 items, 78 findings")
    assert result.exit_code == 1


def test_chinese_summary_says_what_was_left_out(run_cli):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--section",
                     "數字生態", "--lang", "zh-Hans")
    assert summary(result.stdout) == (
        "小结：0 个错误，10 个警告，15 条提示 · 8 项在表（○ 灰灯 8） · "
        "筛选未列 --section 数字生态：45 项，56 条问题")


def test_validate_takes_as_of_and_says_it_changes_nothing(run_cli):
    result = run_cli("validate", "--plan", str(PLAN), "--as-of", "2024-01-15")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: validate checks no dates, so --as-of 2024-01-15 changes nothing; "
        "`suizhou check --as-of 2024-01-15` runs the dated rules\n")
    assert result.stdout == run_cli("validate", "--plan", str(PLAN)).stdout


def test_schema_out_says_what_it_wrote(run_cli, tmp_path):
    result = run_cli("schema", "--out", str(tmp_path / "schema"))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (f"wrote 2 files to {tmp_path / 'schema'}: tasks.schema.json, "
                             "agencies.schema.json\n")
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == [
        "agencies.schema.json", "tasks.schema.json"]


def test_mechanism_shows_overdue_days_as_duties_does(run_cli):
    result = run_cli("duties", "--plan", str(PLAN), "--as-of", "2025-12-31", "--mechanism",
                     "數字政府")
    line = next(x for x in result.stdout.splitlines() if " T13 " in x)
    assert "2025-11-30 (31 days overdue)" in line
    duties = run_cli("duties", "--plan", str(PLAN), "--as-of", "2025-12-31", "隨州市數據局")
    assert "2025-11-30 (31 days overdue)" in duties.stdout


def test_mechanism_names_the_lead_in_office_on_the_date(run_cli):
    early = run_cli("duties", "--plan", str(PLAN), "--as-of", "2024-01-15", "--mechanism",
                    "數字政府").stdout
    late = run_cli("duties", "--plan", str(PLAN), "--as-of", "2025-12-31", "--mechanism",
                   "數字政府").stdout
    assert "daily work: 市政數局" in early and " T13 " in early
    assert "daily work: 隨州市數據局" in late
    t13 = next(x for x in late.splitlines() if " T13 " in x)
    assert "隨州市數據局" in t13
