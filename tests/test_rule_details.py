"""What each date and ledger rule says besides its line: the ids a finding carries, the fix
hint, and the items after the first (a loop that stopped early would lose them).  Small
plans written in the test (small_plan.py); the mutation run (docs/testing.md) asked for them.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from small_plan import SmallPlan

from suizhou_plan.load import load_plan
from suizhou_plan.rules.engine import run
from suizhou_plan.views.board import build_board
from suizhou_plan.views.holding import Holders

T02_DUE_SOON = """\
  - id: T02
    number: 2
    kind: task
    section: 數字經濟
    title: 建設城市大腦
    text: 建設城市大腦。
    units: [市大數據中心]
    due: 2023-06-30
"""


def findings(run_cli, plan: SmallPlan, as_of: str, rule: str) -> list[dict]:
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "json",
                     "--select", rule)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def ids(found: list[dict]) -> list[tuple]:
    return [(f["task"], f["milestone"], f["phase"], f["agency"]) for f in found]


@pytest.fixture
def small(tmp_path):
    def make(**fields) -> SmallPlan:
        return SmallPlan(tmp_path, **fields).write()
    return make


# --- the ids on a finding, and the hints --------------------------------------------------

def test_a_task_finding_names_task_phase_and_lead_and_a_milestone_its_own_id(run_cli, small):
    plan = small(due="2023-06-30")
    found = findings(run_cli, plan, "2023-12-01", "overdue")
    assert ids(found) == [(None, "M1", "P1", "gov-data"), ("T01", None, "P1", "gov-data")]
    assert {f["hint"] for f in found} == {
        "record progress (a `progress:` entry with its status and evidence), or, if the date "
        "was moved by decision, change `due` and cite the decision"}


def test_an_item_without_a_lead_or_phase_carries_none(run_cli, small):
    plan = small(units="[]", due="2024-03-01")  # after the only phase: no phase
    found = findings(run_cli, plan, "2024-03-02", "overdue")
    assert ids(found) == [(None, "M1", "P1", None), ("T01", None, None, None)]


HINTS = [
    ("due-soon", {}, "2023-06-20", "confirm with the lead unit that it will be done in time"),
    ("unverified-done", {"progress": ["{date: 2023-06-01, status: reported-done, evidence: [x]}"]},
     "2024-01-01", "the office reviews the evidence and closes the item (`suizhou progress "
     "close`, 銷號) or returns it (`suizhou progress return`)"),
    ("no-progress", {}, "2022-01-01",
     "ask the lead unit for a progress report and record it under `progress:`"),
    ("stale-progress", {"progress": ["{date: 2022-01-10, status: in-progress}"]}, "2023-01-01",
     "record this period's progress"),
    ("done-without-evidence", {"progress": ["{date: 2022-01-10, status: verified}"]},
     "2022-06-01", "add `evidence:` (document number, URL or file reference)"),
    ("status-regression", {"progress": ["{date: 2022-01-10, status: verified, evidence: [x]}",
                                        "{date: 2022-02-10, status: in-progress}"]},
     "2022-06-01", "if the item was reopened, say why in the entry's `note:`; otherwise fix the "
     "status"),
    ("future-progress", {"progress": ["{date: 2022-07-10, status: in-progress}"]}, "2022-06-01",
     "fix the date (or run with a later --as-of)"),
]


@pytest.mark.parametrize(("rule", "fields", "as_of", "hint"), HINTS, ids=[h[0] for h in HINTS])
def test_each_rule_says_how_to_fix(run_cli, small, rule, fields, as_of, hint):
    found = findings(run_cli, small(**fields), as_of, rule)
    assert found and {f["hint"] for f in found} == {hint}
    assert ("T01", None, "P1", "gov-data") in ids(found)


T02_TARGETS = T02_DUE_SOON + """\
    targets:
      - id: T02-2023
        text: 到2023年,建成城市大腦。
        due_text: 到2023年
        due: 2023-11-30
      - id: T02-X
        text: 建成城市大腦。
        due: 2023-10-31
"""


def test_overdue_says_where_each_due_date_comes_from(run_cli, small):
    plan = small(due=None, extra_tasks=T02_TARGETS)
    found = findings(run_cli, plan, "2026-01-01", "overdue")
    assert [f["message"].split(" overdue")[0] for f in found] == [
        "milestone M1 「建成大數據產業園」 was due 2023-11-30 (phase end): 763 day(s)",
        "task T01 「建設大數據產業園」 was due 2023-11-30 (plan end): 763 day(s)",
        "task T02 「建設城市大腦」 was due 2023-06-30 (explicit): 916 day(s)",
        "target T02-2023 「到2023年,建成城市大腦。」 was due 2023-11-30 (target 到2023年): 763 day(s)",
        # a target with no `due_text` is due on its own date
        "target T02-X 「建成城市大腦。」 was due 2023-10-31 (explicit): 793 day(s)",
    ]


def test_a_milestone_with_its_own_date_and_units(run_cli, small):
    """A milestone's own `due` is explicit, and its own `units` hold it (the first leads),
    instead of the units of the tasks it advances."""
    plan = small(milestone_due="2023-06-30")
    plan.edit("        tasks: [T01]\n", "        tasks: [T01]\n        units: [市大數據中心]\n")
    [found] = [f for f in findings(run_cli, plan, "2023-07-10", "overdue") if f["milestone"]]
    assert found["message"].split(" overdue")[0] == (
        "milestone M1 「建成大數據產業園」 was due 2023-06-30 (explicit): 10 day(s)")
    duties = json.loads(run_cli("duties", "市大數據中心", "--plan", str(plan.dir), "--as-of",
                                "2023-07-10", "--format", "json").stdout)
    roles = {d["item"]: d["role"] for d in duties["agencies"][0]["duties"]}
    assert roles == {"M1": "lead", "T01": "support"}


def test_diff_reports_a_change_of_a_milestones_own_units(run_cli, small, tmp_path):
    """A milestone that names its units reports their change; one that takes them from its
    tasks does not repeat the tasks' change."""
    old = small()
    old_dir = tmp_path / "old"
    import shutil

    shutil.copytree(old.dir, old_dir)
    old.edit("        tasks: [T01]\n", "        tasks: [T01]\n        units: [市大數據中心]\n")
    result = run_cli("diff", str(old_dir), str(old.dir), "--format", "json")
    changes = [(c["kind"], c["message"]) for c in json.loads(result.stdout)["changes"]]
    assert changes == [("lead-changed", "M1: lead changed from 「市政數局」 to 「市大數據中心」"),
                       ("units-changed", "M1: units removed 市政數局")]
    # back to the tasks' units, and T01's units changed: reported once, on T01
    shutil.copytree(old.dir, tmp_path / "named")
    old.edit("        units: [市大數據中心]\n", "")
    old.edit("    units: [市政數局, 市大數據中心]\n", "    units: [市大數據中心, 市政數局]\n")
    result = run_cli("diff", str(old_dir), str(old.dir), "--format", "json")
    assert [(c["kind"], c["subject"]) for c in json.loads(result.stdout)["changes"]] == [
        ("lead-changed", "T01")]


# --- every item, not just the first -------------------------------------------------------

def test_due_soon_goes_on_after_a_done_item(run_cli, small):
    plan = small(progress=["{date: 2023-06-01, status: verified, evidence: [x]}"],
                 extra_tasks=T02_DUE_SOON)
    assert [f["task"] for f in findings(run_cli, plan, "2023-06-20", "due-soon")] == ["T02"]


def test_no_progress_goes_on_after_an_item_with_progress(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: in-progress}"],
                 phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")],
                 extra_tasks=T02_DUE_SOON)
    plan.edit("  - id: P2\n    number: 2\n    start: 2023-12-01\n    end: 2025-11-30\n",
              "  - id: P2\n    number: 2\n    start: 2023-12-01\n    end: 2025-11-30\n"
              "    milestones:\n      - id: M2\n        title: 深化應用\n        tasks: [T01]\n"
              "      - id: M3\n        title: 全面提升\n        tasks: [T01]\n")
    found = findings(run_cli, plan, "2022-06-01", "no-progress")
    assert [f["task"] or f["milestone"] for f in found] == ["M1", "T02"]
    found = findings(run_cli, plan, "2023-12-01", "no-progress")
    assert [f["task"] or f["milestone"] for f in found] == ["M1", "M2", "M3", "T02"]


def test_no_progress_says_which_item_has_no_entry(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: in-progress}"], extra_tasks=T02_DUE_SOON)
    found = findings(run_cli, plan, "2022-06-01", "no-progress")
    assert [(f["code"], f["severity"], f["line"], f["column"], f["message"]) for f in found] == [
        ("SZ501", "warning", plan.line("- id: M1"), 9,
         "milestone M1 「建成大數據產業園」 has no progress entry: status unknown"),
        ("SZ501", "warning", plan.line("- id: T02"), 5,
         "task T02 「建設城市大腦」 has no progress entry: status unknown")]


# --- the ledger's details -----------------------------------------------------------------

def test_stale_progress_points_at_the_first_of_identical_entries(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: in-progress}",
                           "{date: 2022-01-10, status: in-progress}"])
    (found,) = findings(run_cli, plan, "2022-06-01", "stale-progress")
    assert found["line"] == plan.line("date: 2022-01-10", 1)


def test_stale_progress_points_at_the_latest_of_same_day_entries(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: in-progress, note: 甲}",
                           "{date: 2022-01-10, status: in-progress, note: 乙}"])
    (found,) = findings(run_cli, plan, "2022-06-01", "stale-progress")
    assert found["line"] == plan.line("note: 乙")


def test_a_regression_in_exactly_two_entries(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: reported-done, evidence: [x]}",
                           "{date: 2022-02-10, status: not-started}"])
    found = findings(run_cli, plan, "2022-06-01", "status-regression")
    assert [(f["line"], f["message"]) for f in found] == [(
        plan.line("date: 2022-02-10"), "task T01 「建設大數據產業園」: status goes back from "
        "reported-done to not-started on 2022-02-10 with no note saying why")]


def test_the_same_status_twice_is_no_regression(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: in-progress}",
                           "{date: 2022-02-10, status: in-progress}",
                           "{date: 2022-03-10, status: reported-done, evidence: [x]}"])
    assert findings(run_cli, plan, "2022-06-01", "status-regression") == []


def test_regression_is_judged_in_date_order_not_file_order(run_cli, small):
    plan = small(progress=["{date: 2022-03-10, status: reported-done, evidence: [x]}",
                           "{date: 2022-01-10, status: in-progress}"])
    assert findings(run_cli, plan, "2022-06-01", "status-regression") == []
    plan.edit("date: 2022-01-10", "date: 2022-04-10")
    found = findings(run_cli, plan, "2022-06-01", "status-regression")
    assert [f["line"] for f in found] == [plan.line("date: 2022-04-10")]


def test_entries_of_one_day_are_taken_in_file_order(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: reported-done, evidence: [x]}",
                           "{date: 2022-01-10, status: in-progress}"])
    found = findings(run_cli, plan, "2022-06-01", "status-regression")
    assert [(f["line"], f["message"].split(": ", 1)[1]) for f in found] == [(
        plan.line("status: in-progress"),
        "status goes back from reported-done to in-progress on 2022-01-10 with no note saying "
        "why")]
    plan = small(progress=["{date: 2022-01-10, status: in-progress}",
                           "{date: 2022-01-10, status: reported-done, evidence: [x]}"])
    assert findings(run_cli, plan, "2022-06-01", "status-regression") == []


def test_a_regression_after_a_higher_status_compares_with_the_highest(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: verified, evidence: [x]}",
                           "{date: 2022-02-10, status: in-progress}",
                           "{date: 2022-03-10, status: reported-done, evidence: [x]}"])
    found = findings(run_cli, plan, "2022-06-01", "status-regression")
    assert [f["message"].split(": ", 1)[1] for f in found] == [
        "status goes back from verified to in-progress on 2022-02-10 with no note saying why",
        "status goes back from verified to reported-done on 2022-03-10 with no note saying why"]


# --- boards -------------------------------------------------------------------------------

def test_items_outside_every_phase_get_a_board_of_their_own(small):
    plan = small(due="2024-03-01", phases=[("2021-11-01", "2023-11-30"),
                                           ("2023-12-01", "2024-01-31")])
    index = run(load_plan(plan.dir), as_of=date(2024, 3, 2)).index
    assert index is not None
    boards = build_board(index, date(2024, 3, 2), 30, Holders(index, date(2024, 3, 2)))
    assert [(b.phase.id if b.phase else None, [r.item.id for r in b.rows]) for b in boards] == [
        ("P1", ["M1"]), ("P2", []), (None, ["T01"])]
    assert [b.state(date(2024, 3, 2)) for b in boards] == ["ended", "ended", "current"]
    plan.edit("due: 2024-03-01", "due: 2023-06-30")
    index = run(load_plan(plan.dir), as_of=date(2024, 3, 2)).index
    assert index is not None
    boards = build_board(index, date(2024, 3, 2), 30, Holders(index, date(2024, 3, 2)))
    assert [(b.phase.id if b.phase else None, [r.item.id for r in b.rows]) for b in boards] == [
        ("P1", ["M1", "T01"]), ("P2", [])]
