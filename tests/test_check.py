"""`suizhou check`: every rule on the bundled plan and on small edits of it.

Locations in the bundled plan are looked up in its text (`line_of`, `text_at`), not written
as numbers, so that an edit of the plan moves no expectation; exact lines and columns of
each rule are pinned on small plans in test_rules_small.py and test_date_boundaries.py."""

from __future__ import annotations

import json

import pytest
from conftest import PLAN, edit, line_of

P1 = [f"P1-M{n}" for n in range(1, 9)]
TASKS = PLAN / "tasks.yaml"


def text_at(path, line: int, column: int) -> str:
    """The text of `path` from 1-based (line, column) to the end of that line."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1:]


def check(run_cli, plan, as_of, *extra):
    result = run_cli("check", "--plan", str(plan), "--as-of", as_of, "--format", "json", *extra)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def hits(data, rule):
    return [(f["line"], f["column"]) for f in data["findings"] if f["rule"] == rule]


def progress(entries: str, indent: int = 4) -> str:
    pad = " " * indent
    return f"{pad}progress:\n" + "".join(f"{pad}  - {e}\n" for e in entries.split(";"))


def add_after(path, anchor, text):
    edit(path, anchor, anchor + text)


# --- the bundled plan at the dates the issue names ----------------------------------------

def test_nothing_is_overdue_on_2022_06_01(run_cli):
    code, data = check(run_cli, PLAN, "2022-06-01")
    assert code == 0
    assert hits(data, "overdue") == [] and hits(data, "due-soon") == []
    assert data["summary"] == {"error": 0, "warning": 52, "info": 16}
    assert {i["light"] for p in data["phases"] for i in p["items"]} == {"grey"}


def test_exactly_the_phase_one_milestones_are_overdue_on_2024_01_15(run_cli):
    code, data = check(run_cli, PLAN, "2024-01-15")
    assert code == 1
    overdue = [f for f in data["findings"] if f["rule"] == "overdue"]
    assert [f["milestone"] for f in overdue] == P1
    assert {(f["code"], f["severity"], f["phase"]) for f in overdue} == {("SZ301", "error", "P1")}
    assert [(f["line"], f["column"]) for f in overdue] == [
        (line_of(TASKS, f"- id: {m}"), 9) for m in P1]
    assert overdue[0]["message"] == (
        "milestone P1-M1 「成立領導小組」 was due 2023-11-30 (phase end): 46 day(s) overdue, "
        "status unknown")
    assert data["summary"] == {"error": 8, "warning": 57, "info": 16}
    red = [i["id"] for p in data["phases"] for i in p["items"] if i["light"] == "red"]
    assert red == P1
    assert [p["counts"] for p in data["phases"]] == [
        {"complete": 0, "on_schedule": 0, "overdue": 8, "unknown": 0, "open": 8, "total": 8},
        {"complete": 0, "on_schedule": 0, "overdue": 0, "unknown": 3, "open": 3, "total": 3},
        {"complete": 0, "on_schedule": 0, "overdue": 0, "unknown": 42, "open": 42, "total": 42},
    ]


def test_a_due_date_counts_to_the_end_of_its_day(run_cli):
    _, on_the_day = check(run_cli, PLAN, "2023-11-30")
    _, day_after = check(run_cli, PLAN, "2023-12-01")
    assert hits(on_the_day, "overdue") == []
    assert len(hits(on_the_day, "due-soon")) == 8
    assert len(hits(day_after, "overdue")) == 8


def test_json_contract(run_cli):
    _, data = check(run_cli, PLAN, "2024-01-15")
    assert set(data) == {"schema_version", "lang", "as_of", "plan", "findings", "phases",
                         "summary"}
    assert data["lang"] == "en"
    assert data["as_of"] == "2024-01-15" and data["schema_version"] == 1
    finding = data["findings"][0]
    assert {"rule", "code", "severity", "message", "file", "line", "column", "task",
            "milestone", "phase", "agency"} <= set(finding)
    item = data["phases"][0]["items"][0]
    assert item == {"id": "P1-M1", "kind": "milestone", "title": "成立領導小組", "light": "red",
                    "due": "2023-11-30", "planned_due": "2023-11-30", "status": "unknown",
                    "lead": "development-reform", "days_overdue": 46}


# --- one test per rule, on small edits ------------------------------------------------------

def test_due_soon_uses_the_window(run_cli):
    _, data = check(run_cli, PLAN, "2023-11-01")
    assert len(hits(data, "due-soon")) == 8
    _, data = check(run_cli, PLAN, "2023-11-01", "--due-within", "10")
    assert hits(data, "due-soon") == []


def test_reported_done_stops_overdue_and_unverified_done_follows(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    add_after(tasks, "        tasks: [S1]\n",
              progress("{date: 2023-06-01, status: reported-done, evidence: [隨政辦發〔2023〕1號]}",
                       8))
    _, data = check(run_cli, plan_copy, "2024-01-15")
    assert [f["milestone"] for f in data["findings"] if f["rule"] == "overdue"] == P1[1:]
    assert hits(data, "unverified-done") == []
    _, data = check(run_cli, plan_copy, "2024-03-01")
    assert hits(data, "unverified-done") == [(line_of(tasks, "- id: P1-M1"), 9)]


def test_verified_with_evidence_is_complete_and_green(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    add_after(tasks, "        tasks: [S1]\n", progress(
        "{date: 2022-01-10, status: in-progress, by: 市發改委};"
        "{date: 2022-02-20, status: reported-done, by: 市發改委, evidence: [成立通知]};"
        "{date: 2022-03-01, status: verified, by: 市政數局, evidence: [隨政辦發〔2022〕5號]}", 8))
    _, data = check(run_cli, plan_copy, "2024-01-15")
    item = data["phases"][0]["items"][0]
    assert (item["id"], item["status"], item["light"]) == ("P1-M1", "verified", "green")
    assert data["phases"][0]["counts"]["complete"] == 1
    assert "P1-M1" not in [f["milestone"] for f in data["findings"]]
    # the office (市政數局) closing what its lead never reported done is a warning to review
    edit(tasks, "          - {date: 2022-02-20, status: reported-done, by: 市發改委, "
                "evidence: [成立通知]}\n", "")
    _, data = check(run_cli, plan_copy, "2024-01-15")
    assert data["phases"][0]["items"][0]["status"] == "verified"
    assert [f["rule"] for f in data["findings"] if f["milestone"] == "P1-M1"] == [
        "nothing-to-decide"]


def test_unknown_agency_on_every_line_that_used_a_removed_unit(run_cli, plan_copy):
    agencies = plan_copy / "agencies.yaml"
    tasks = plan_copy / "tasks.yaml"
    text = agencies.read_text(encoding="utf-8")
    start = text.index("  - id: big-data-center\n")
    end = text.index("  - id: ", start + 1)
    agencies.write_text(text[:start] + text[end:], encoding="utf-8")
    code, data = check(run_cli, plan_copy, "2024-01-15")
    assert code == 1
    found = [f for f in data["findings"] if f["rule"] == "unknown-agency"]
    lines = [i for i, line in enumerate(tasks.read_text(encoding="utf-8").splitlines(), 1)
             if "市大數據中心" in line and "text:" not in line]
    assert sorted({f["line"] for f in found}) == lines
    assert len(found) == 15  # 14 task and measure lines, 1 leading-group member
    assert all(f["code"] == "SZ201" and f["hint"].startswith("did you mean ") for f in found)
    first = found[0]
    line = tasks.read_text(encoding="utf-8").splitlines()[first["line"] - 1]
    assert line[first["column"] - 1:].startswith("市大數據中心")


def test_a_task_with_only_vague_units_is_unassigned(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    units: [隨州高新區管委會]\n", "    units: [市政府有關部門]\n")
    code, data = check(run_cli, plan_copy, "2022-06-01")
    assert code == 1
    found = [f for f in data["findings"] if f["rule"] == "unassigned"]
    assert [(f["line"], f["column"], f["task"], f["code"]) for f in found] == [
        (line_of(tasks, "units: [市政府有關部門]"), 12, "T03", "SZ401")]
    assert found[0]["message"] == "task T03 「培育數字園區生態」 names only vague units (市政府有關部門)"
    # and no vague-agency warning on top: there is nobody specific beside it
    assert (line_of(tasks, "units: [市政府有關部門]"), 12) not in hits(data, "vague-agency")


def test_a_milestone_with_no_task_and_no_units_is_unassigned(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "        tasks: [T20]\n", "        tasks: []\n")
    _, data = check(run_cli, plan_copy, "2022-06-01")
    assert hits(data, "unassigned") == [(line_of(tasks, "title: 建設大數據交易中心") - 1, 9)]


def test_vague_agency_among_real_units(run_cli):
    _, data = check(run_cli, PLAN, "2022-06-01")
    found = [f for f in data["findings"] if f["rule"] == "vague-agency"]
    assert [f["task"] for f in found] == ["T13", "T14", "T15", "T16", "T17", "T18", "T25", "S4"]
    for f in found:
        assert text_at(TASKS, f["line"], f["column"]).startswith("市政府有關部門")
        assert TASKS.read_text(encoding="utf-8").splitlines()[f["line"] - 1].startswith(
            "    units: [")


def test_defunct_agency_names_the_successor(run_cli):
    _, before = check(run_cli, PLAN, "2023-08-17")
    assert [f for f in before["findings"] if f["rule"] == "defunct-agency"] == []
    _, after = check(run_cli, PLAN, "2023-08-18")
    found = [f for f in after["findings"] if f["rule"] == "defunct-agency"]
    assert [(f["line"], f["column"], f["agency"]) for f in found] == [
        (line_of(TASKS, "units: [人行隨州中心支行"), 13, "pbc-central-sub-branch")]
    assert found[0]["message"] == (
        "T21 is assigned to 「人行隨州中心支行」, which ceased on 2023-08-17 (confirmed); "
        "successor: 「中國人民銀行隨州市分行」")
    assert found[0]["severity"] == "warning"


def test_a_rename_known_by_a_date_counts_after_that_date(run_cli):
    _, data = check(run_cli, PLAN, "2025-02-01")
    agencies = {f["agency"] for f in data["findings"] if f["rule"] == "defunct-agency"}
    assert agencies == {"pbc-central-sub-branch", "gov-data"}
    gov_data = [f for f in data["findings"]
                if f["rule"] == "defunct-agency" and f["agency"] == "gov-data"]
    assert len(gov_data) == 16  # every open task and measure that names 市政數局
    assert "replaced by 2025-01-31 at the latest (likely); successor: 「隨州市數據局」" in \
        gov_data[0]["message"]


def test_possibly_renamed_and_idle_agency_are_info(run_cli):
    _, data = check(run_cli, PLAN, "2022-06-01")
    found = [(text_at(TASKS, f["line"], f["column"]), f["agency"]) for f in data["findings"]
             if f["rule"] == "possibly-renamed"]
    assert [(text.split(",")[0], agency) for text, agency in found] == [
        ("市鄉村振興局", "rural-revitalization"), ("隨州銀保監分局", "cbirc-branch"),
        ("市地方金融工作局", "local-finance")]
    idle = [f for f in data["findings"] if f["rule"] == "idle-agency"]
    assert len(idle) == 12 and {f["severity"] for f in idle} == {"info"}
    assert {f["file"].rsplit("/", 1)[-1] for f in idle} == {"agencies.yaml"}
    assert "science-tech" in {f["agency"] for f in idle}
    assert not {"suixian-gov", "pbc-branch", "data-bureau", "suizhou-gov"} & {
        f["agency"] for f in idle}


def test_no_progress_only_once_work_has_begun(run_cli):
    _, data = check(run_cli, PLAN, "2022-06-01")
    assert len(hits(data, "no-progress")) == 44  # 30 items, 6 targets, 8 phase-1 milestones
    _, data = check(run_cli, PLAN, "2024-01-15")
    assert len(hits(data, "no-progress")) == 47  # phase 2 has begun


def test_stale_progress_after_the_reporting_cadence(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    add_after(tasks, "    units: [隨州高新區管委會]\n",
              progress("{date: 2022-03-31, status: in-progress, by: 隨州高新區管委會}"))
    _, data = check(run_cli, plan_copy, "2022-07-01")
    assert hits(data, "stale-progress") == []
    _, data = check(run_cli, plan_copy, "2022-07-02")
    assert hits(data, "stale-progress") == [(line_of(tasks, "date: 2022-03-31"), 9)]


def test_done_without_evidence(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    add_after(tasks, "    units: [隨州高新區管委會]\n",
              progress("{date: 2022-03-31, status: verified}"))
    _, data = check(run_cli, plan_copy, "2022-06-01")
    assert hits(data, "done-without-evidence") == [(line_of(tasks, "status: verified"), 9)]


def test_status_regression(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    add_after(tasks, "    units: [隨州高新區管委會]\n", progress(
        "{date: 2022-03-31, status: reported-done, evidence: [x]};"
        "{date: 2022-04-30, status: blocked};"
        "{date: 2022-05-31, status: in-progress}"))
    _, data = check(run_cli, plan_copy, "2022-06-01")
    assert hits(data, "status-regression") == [(line_of(tasks, "date: 2022-05-31"), 9)]


def test_future_progress_is_an_error(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    add_after(tasks, "    units: [隨州高新區管委會]\n",
              progress("{date: 2032-03-31, status: in-progress}"))
    code, data = check(run_cli, plan_copy, "2022-06-01")
    assert code == 1
    assert hits(data, "future-progress") == [(line_of(tasks, "date: 2032-03-31"), 16)]


def test_meeting_cadence(run_cli, plan_copy):
    _, data = check(run_cli, PLAN, "2022-11-11")
    assert hits(data, "meeting-cadence") == []  # the group is not a year old yet
    _, data = check(run_cli, PLAN, "2022-11-12")
    assert hits(data, "meeting-cadence") == [(line_of(TASKS, "meetings: []"), 15)]
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    meetings: []\n",
         "    meetings:\n      - {date: 2022-12-20, kind: plenary, evidence: [紀要]}\n")
    _, data = check(run_cli, plan_copy, "2023-12-20")
    assert hits(data, "meeting-cadence") == []
    _, data = check(run_cli, plan_copy, "2023-12-21")
    found = [f for f in data["findings"] if f["rule"] == "meeting-cadence"]
    assert found[0]["message"].endswith("(last: 2022-12-20)")


def test_uncovered_section(run_cli):
    _, data = check(run_cli, PLAN, "2022-06-01")
    found = [f for f in data["findings"] if f["rule"] == "uncovered-section"]
    assert [(f["line"], f["message"]) for f in found] == [
        (line_of(TASKS, "- id: ecology"), "section 「數字生態」 has tasks but no coordination mechanism")]


# --- options and exit codes ------------------------------------------------------------------

def test_strict_turns_warnings_into_failure(run_cli):
    code, _ = check(run_cli, PLAN, "2022-06-01")
    assert code == 0
    code, _ = check(run_cli, PLAN, "2022-06-01", "--strict")
    assert code == 1


def test_select_and_ignore_by_slug_code_and_prefix(run_cli):
    _, data = check(run_cli, PLAN, "2024-01-15", "--select", "overdue,SZ601")
    assert {f["rule"] for f in data["findings"]} == {"overdue", "meeting-cadence"}
    _, data = check(run_cli, PLAN, "2024-01-15", "--ignore", "SZ4", "--ignore", "no-progress")
    assert {f["rule"] for f in data["findings"]} == {"overdue", "meeting-cadence",
                                                     "uncovered-section"}
    result = run_cli("check", "--plan", str(PLAN), "--select", "overdeu")
    assert result.exit_code == 2
    assert "no rule is called 'overdeu'; type `suizhou rules`" in result.stderr


def test_phase_agency_and_section_narrow_the_report(run_cli):
    _, data = check(run_cli, PLAN, "2024-01-15", "--phase", "1")
    assert [p["id"] for p in data["phases"]] == ["P1"]
    _, data = check(run_cli, PLAN, "2024-01-15", "--agency", "广水市", "--phase", "1")
    assert [i["id"] for i in data["phases"][0]["items"]] == ["P1-M4", "P1-M5", "P1-M6", "P1-M8"]
    _, data = check(run_cli, PLAN, "2024-01-15", "--section", "数字生态")
    ids = {i["id"] for p in data["phases"] for i in p["items"]}
    assert {f"T{n}" for n in range(19, 26)} <= ids and "T01" not in ids
    result = run_cli("check", "--plan", str(PLAN), "--phase", "4")
    assert result.exit_code == 2 and "the plan has no phase 4; type one of: 1, 2, 3" in result.stderr
    result = run_cli("check", "--plan", str(PLAN), "--agency", "市政数据局")
    assert result.exit_code == 2 and "did you mean 隨州市數據局、市政數局" in result.stderr


def test_github_annotations(run_cli):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--format", "github",
                     "--select", "overdue,defunct-agency")
    lines = result.stdout.splitlines()
    first, last = line_of(TASKS, "- id: P1-M1"), line_of(TASKS, "units: [人行隨州中心支行")
    assert lines[0].startswith(f"::error file={PLAN}/tasks.yaml,line={first},col=9,"
                               "title=SZ301 overdue::milestone P1-M1 「成立領導小組」 was due 2023-11-30")
    assert lines[-1].startswith(f"::warning file={PLAN}/tasks.yaml,line={last},col=13,"
                                "title=SZ403 defunct-agency::T21")
    assert len(lines) == 9 and result.exit_code == 1


def test_check_on_a_broken_plan_reports_load_errors_and_exits_1(run_cli, plan_copy):
    edit(plan_copy / "tasks.yaml", "  - id: T01\n", "  - id: T01\n   bad: [\n")
    result = run_cli("check", "--plan", str(plan_copy), "--as-of", "2024-01-15")
    assert result.exit_code == 1
    assert "yaml-syntax" in result.stdout and "Traceback" not in result.output


@pytest.mark.parametrize("bad", ["2024-1-15", "15/01/2024", "2024-02-30", "yesterday"])
def test_bad_as_of_is_a_usage_error(run_cli, bad):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", bad)
    assert result.exit_code == 2
    assert "Invalid value for '--as-of'" in result.stderr


def test_the_first_line_says_which_plan_was_read_in_the_readers_language(run_cli):
    """From a directory without ./plan the bundled plan is read, and the header says so."""
    from suizhou_plan.load.plan_dir import bundled_plan

    first = run_cli("check", "--as-of", "2024-01-15", "--lang", "zh-Hans").stdout.splitlines()[0]
    assert first == (f"数字随州建设实施方案 — 截至2024年1月15日（方案目录：{bundled_plan()}"
                     "（suizhou 内置方案））")
