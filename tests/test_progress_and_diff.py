"""The progress ledger (`progress add/show`), plan-change review (`diff`,
`check --changed-since`), the example CI workflow and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PLAN, ROOT, edit

P1 = [f"P1-M{n}" for n in range(1, 9)]


def add(run_cli, plan, item, *extra, status="in-progress", date="2023-06-30", by="市政數局",
        note="機房主體完工"):
    return run_cli("progress", "add", item, "--plan", str(plan), "--status", status,
                   "--date", date, "--by", by, "--note", note, "--as-of", "2024-01-15", *extra)


def without(new: str, old: str) -> tuple[str, list[str]]:
    """`new` minus the lines it adds to `old` (an insertion-only diff), and those lines."""
    new_lines, old_lines = new.splitlines(keepends=True), old.splitlines(keepends=True)
    i = 0
    while i < len(old_lines) and new_lines[i] == old_lines[i]:
        i += 1
    added = len(new_lines) - len(old_lines)
    return "".join(new_lines[:i] + new_lines[i + added:]), new_lines[i:i + added]


def test_add_keeps_every_other_byte_of_the_file(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    before = tasks.read_text(encoding="utf-8")
    result = add(run_cli, plan_copy, "T17", "--evidence", "隨政數發〔2023〕7號",
                 "--evidence", "https://example.invalid/a,b", "--problems", "資金: 未到位",
                 "--next", "no")
    assert result.exit_code == 0, result.output
    after = tasks.read_text(encoding="utf-8")
    rest, inserted = without(after, before)
    assert rest == before
    assert inserted == [
        "    progress:\n",
        "      - date: 2023-06-30\n",
        "        status: in-progress\n",
        "        by: 市政數局\n",
        "        note: 機房主體完工\n",
        '        problems: "資金: 未到位"\n',
        '        next: "no"\n',
        '        evidence: [隨政數發〔2023〕7號, "https://example.invalid/a,b"]\n',
        "        received: 2024-01-15\n",
    ]
    show = run_cli("progress", "show", "T17", "--plan", str(plan_copy))
    lines = show.stdout.splitlines()
    assert lines[:5] == ["T17 云平臺集約管理", "status: in-progress · due 2025-11-30 · lead 市政數局",
                         "", "Where the item stands (the lead's word or the office's):",
                         "  2023-06-30 市政數局 (lead): in-progress — 機房主體完工"]
    row = lines[7].split()
    assert row[:9] == ["2023-06-30", "2024-01-15", "(199", "d", "after)", "市政數局", "lead",
                       "in-progress", "機房主體完工"]
    assert row[9:] == ["資金:", "未到位", "no", "隨政數發〔2023〕7號;", "https://example.invalid/a,b"]
    zh = run_cli("progress", "show", "T17", "--plan", str(plan_copy), "--lang", "zh-Hans")
    assert zh.stdout.splitlines()[:3] == [
        "T17 云平台集约管理", "状态：推进中 · 时间节点：2025年11月30日 · 牵头单位：市政数局", ""]


def test_second_entry_appends_to_the_block_and_names_are_recorded_as_written(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    assert add(run_cli, plan_copy, "P1-M4").exit_code == 0
    before = tasks.read_text(encoding="utf-8")
    assert add(run_cli, plan_copy, "p1-m4", status="reported-done", date="2023-11-20",
               by="市政数局", note="二期上線").exit_code == 0
    rest, inserted = without(tasks.read_text(encoding="utf-8"), before)
    assert rest == before
    assert inserted == ["          - date: 2023-11-20\n", "            status: reported-done\n",
                        "            by: 市政數局\n", "            note: 二期上線\n",
                        "            received: 2024-01-15\n"]


def test_crlf_and_bom_files_stay_so(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    raw = b"\xef\xbb\xbf" + tasks.read_bytes().replace(b"\n", b"\r\n")
    tasks.write_bytes(raw)
    assert add(run_cli, plan_copy, "T01").exit_code == 0
    new = tasks.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") and b"\n" not in new.replace(b"\r\n", b"")
    assert b"    progress:\r\n      - date: 2023-06-30\r\n" in new


def test_an_empty_flow_ledger_is_replaced_by_a_block(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "        tasks: [T17]\n", "        tasks: [T17]\n        progress: []\n")
    assert add(run_cli, plan_copy, "P1-M4").exit_code == 0
    text = tasks.read_text(encoding="utf-8")
    assert "        tasks: [T17]\n        progress:\n          - date: 2023-06-30\n" in text


@pytest.mark.parametrize(("args", "code", "message"), [
    (("T01", "--by", "市不存在局"), 2, "--by '市不存在局' is not a unit in agencies.yaml; type one of "
     "the units that report on T01: 隨州高新區管委會、市城管執法委、市公安局、市應急管理局、市消防救援支隊、"
     "市大數據中心、市政數局、隨州市數據局"),
    (("T99",), 2, "no task, target or milestone 'T99'"),
    (("T01", "--date", "2024-02-01"), 2, "--date 2024-02-01 is after today (2024-01-15)"),
    (("T01", "--status", "done"), 2, "'done' is not one of"),
    (("T01", "--date", "2023/06/30"), 2, "type 2023-06-30"),
])
def test_an_invalid_add_leaves_the_file_byte_identical(run_cli, plan_copy, args, code, message):
    tasks = plan_copy / "tasks.yaml"
    before = tasks.read_bytes()
    item, *extra = args
    kwargs = {}
    if "--by" in extra:
        kwargs["by"] = extra[extra.index("--by") + 1]
        extra = extra[:extra.index("--by")]
    if "--date" in extra:
        kwargs["date"] = extra[extra.index("--date") + 1]
        extra = extra[:extra.index("--date")]
    if "--status" in extra:
        kwargs["status"] = extra[extra.index("--status") + 1]
        extra = extra[:extra.index("--status")]
    result = add(run_cli, plan_copy, item, *extra, **kwargs)
    assert result.exit_code == code
    assert message in result.output
    assert tasks.read_bytes() == before
    # no temporary file is left; the writers' lock file stays (see plan_lock.py)
    assert {p.name for p in plan_copy.iterdir()} - {".suizhou.lock"} == {"agencies.yaml",
                                                                         "tasks.yaml"}


def test_verifying_every_phase_one_milestone_clears_phase_one(run_cli, plan_copy):
    """Each lead reports 辦結; the office (市政數局) then closes each item (銷號)."""
    from suizhou_plan.load import load_plan
    from suizhou_plan.views.index import build_index

    index = build_index(load_plan(plan_copy))
    for ms in P1:
        lead = index.by_id[ms].lead
        assert lead is not None and not lead.members
        done = add(run_cli, plan_copy, ms, "--evidence", "驗收報告", status="reported-done",
                   date="2023-11-20", note="完成", by=lead.name)
        assert done.exit_code == 0, done.output
        result = add(run_cli, plan_copy, ms, "--evidence", f"驗收意見〔2023〕{ms}",
                     status="verified", date="2023-11-28", note="驗收通過")
        assert result.exit_code == 0, result.output
    result = run_cli("check", "--plan", str(plan_copy), "--as-of", "2024-01-15",
                     "--format", "json")
    data = json.loads(result.stdout)
    overdue = [f for f in data["findings"] if f["rule"] == "overdue"]
    assert overdue == []
    assert data["phases"][0]["counts"] == {"complete": 8, "on_schedule": 0, "overdue": 0,
                                           "unknown": 0, "open": 0, "total": 8}
    assert result.exit_code == 0


def slipped_copy(tmp_path: Path) -> Path:
    other = tmp_path / "edited"
    shutil.copytree(PLAN, other)
    tasks = other / "tasks.yaml"
    edit(tasks, "    units: [市政數局, 市大數據中心, 隨州高新投公司, 市政府有關部門, 各縣、市、區人民政府]\n",
         "    units: [市大數據中心, 市政數局, 隨州高新投公司, 市政府有關部門, 各縣、市、區人民政府]\n")
    edit(tasks, "        text: \"到2025年,打造若干個智慧農業應用基地。\"\n        due_text: 到2025年\n"
                "        due: 2025-11-30\n",
         "        text: \"到2025年,打造若干個智慧農業應用基地。\"\n        due_text: 到2025年\n"
         "        due: 2025-12-31\n")
    return other


def test_diff_reports_exactly_a_lead_move_and_a_slip(run_cli, tmp_path):
    other = slipped_copy(tmp_path)
    result = run_cli("diff", str(PLAN), str(other), "--format", "json")
    assert result.exit_code == 0
    changes = json.loads(result.stdout)["changes"]
    assert changes == [
        {"kind": "due-slipped", "subject": "T05-2025",
         "message": "T05-2025: due date slipped by 31 day(s), 2025-11-30 → 2025-12-31"},
        {"kind": "lead-changed", "subject": "T17",
         "message": "T17: lead changed from 「市政數局」 to 「市大數據中心」"},
    ]
    markdown = run_cli("diff", str(PLAN), str(other), "--format", "markdown").stdout
    assert "- ⚠️ **lead-changed** T17: lead changed from 「市政數局」 to 「市大數據中心」" in markdown


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                          check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose plan/ is the bundled plan, then an edit: T17's lead moved and
    T05's target slipped."""
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copytree(PLAN, work / "plan")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "plan as issued")
    edited = slipped_copy(tmp_path)
    shutil.copy(edited / "tasks.yaml", work / "plan" / "tasks.yaml")
    git(work, "commit", "-qam", "T17 lead moves, T05 target slips")
    return work


def test_diff_between_two_git_revisions(run_cli, repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"HEAD~1 \([0-9a-f]+\) → HEAD \([0-9a-f]+\): 2 change\(s\)", lines[0])
    assert [line.split()[0] for line in lines[1:]] == ["due-slipped", "lead-changed"]
    result = run_cli("diff", "no-such-rev")
    assert result.exit_code == 2
    assert "'no-such-rev' is neither a plan directory nor a git revision" in result.stderr


def test_changed_since_limits_findings_to_what_the_edit_touched(run_cli, repo, monkeypatch):
    monkeypatch.chdir(repo)
    edit(repo / "plan" / "tasks.yaml", "    units: [隨州高新區管委會]\n",
         "    units: [市政府有關部門]\n")
    result = run_cli("check", "--as-of", "2024-01-15", "--changed-since", "HEAD",
                     "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert sorted({(f["rule"], f["task"]) for f in data["findings"]}) == [
        ("no-progress", "T03"), ("unassigned", "T03")]
    full = json.loads(run_cli("check", "--as-of", "2024-01-15", "--format", "json").stdout)
    assert len(full["findings"]) > 60


def test_the_example_workflow_commands_run(repo, monkeypatch):
    """Every `suizhou` command of docs/examples/plan-ci.yml runs on a pull-request-like repo:
    the base revision is the commit before the edit."""
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "plan-ci.yml").read_text("utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["plan"]["steps"]
            if str(step.get("run", "")).startswith("suizhou")]
    assert len(runs) == 3
    git(repo, "branch", "base", "HEAD~1")
    for command in runs:
        command = command.replace("origin/${{ github.base_ref }}", "base")
        argv, _, redirect = command.partition(" > ")
        done = subprocess.run([sys.executable, "-m", "suizhou_plan", *argv.split()[1:]],
                              cwd=repo, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr
        if redirect:
            assert "**lead-changed** T17" in done.stdout


def test_schema_files_are_fresh_and_referenced(run_cli, tmp_path):
    run_cli("schema", "--out", str(tmp_path / "schema"))
    for name in ("tasks", "agencies"):
        fresh = (tmp_path / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8") == fresh, \
            "schema/ is stale: run `suizhou schema --out schema`"
        first = (PLAN / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


def test_pre_commit_hook_fails_on_a_broken_plan(tmp_path):
    """`pre-commit try-repo` installs this repository's hook for real and runs it."""
    work = tmp_path / "consumer"
    work.mkdir()
    shutil.copytree(PLAN, work / "plan")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    env.pop("SUIZHOU_PLAN", None)
    hook = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "suizhou-validate",
            "--all-files"]
    good = subprocess.run(hook, cwd=work, capture_output=True, text=True, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    edit(work / "plan" / "tasks.yaml", "  - id: T02\n", "  - id: T01\n")
    git(work, "add", "-A")
    bad = subprocess.run(hook, cwd=work, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "duplicate-id item id `T01` is used twice" in bad.stdout


def test_an_add_is_refused_only_for_errors_it_adds(run_cli, plan_copy):
    """The plan already has an entry dated after --as-of and overdue items: that does not
    stop a correct entry elsewhere, but the same mistake in the new entry does."""
    assert add(run_cli, plan_copy, "T02", date="2023-12-20").exit_code == 0
    result = run_cli("progress", "add", "T03", "--plan", str(plan_copy), "--status",
                     "in-progress", "--date", "2023-06-30", "--by", "隨州高新區管委會",
                     "--note", "ok", "--as-of", "2023-07-01")
    assert result.exit_code == 0, result.output
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli("progress", "add", "T03", "--plan", str(plan_copy), "--status",
                     "in-progress", "--date", "2023-06-30", "--by", "市不存在局",
                     "--note", "ok", "--as-of", "2023-07-01")
    assert result.exit_code == 2
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_diff_in_the_reviewers_language(run_cli, tmp_path):
    """The same two changes for a Chinese reviewer: each in the page's script, dates as
    written in Chinese; json keeps the English and says which language was asked for."""
    other = slipped_copy(tmp_path)
    zh = run_cli("diff", str(PLAN), str(other), "--lang", "zh-Hans").stdout.splitlines()
    assert zh[0].endswith("：2处变动")
    assert zh[1:] == [
        "  due-slipped      T05-2025：时间节点推迟31天，由2025年11月30日改为2025年12月31日",
        "  lead-changed     T17：牵头单位由「市政数局」改为「市大数据中心」"]
    md = run_cli("diff", str(PLAN), str(other), "--format", "markdown", "--lang", "zh-Hant")
    assert "- ⚠️ **lead-changed** T17：牽頭單位由「市政數局」改為「市大數據中心」" in md.stdout
    data = json.loads(run_cli("diff", str(PLAN), str(other), "--format", "json", "--lang",
                              "zh-Hans").stdout)
    assert data["lang"] == "zh-Hans"
    assert data["changes"][1]["message"] == "T17: lead changed from 「市政數局」 to 「市大數據中心」"
