"""The ledger's own rules (SZ506-SZ509) on small plans: who reported an entry, whether a
`verified` entry was earned, whether the ledger runs in date order and whether an entry is
a copy of the one before it.  Each finding is pinned by its rule, code, severity, line,
column, message and hint; each rule is also shown going on past the first entry and the
first item (a loop that stopped early would lose them).  The mutation run (docs/testing.md)
asked for them.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from small_plan import SmallPlan

from suizhou_plan.load import load_plan
from suizhou_plan.rules.engine import run
from suizhou_plan.rules.entry_checks import entry_problems

T01 = "task T01 「建設大數據產業園」"
M1 = "milestone M1 「建成大數據產業園」"

LEDGER_RULES = ("reporter-not-responsible,verified-without-report,progress-out-of-order,"
                "duplicate-progress")


def found(run_cli, plan: SmallPlan, select: str = LEDGER_RULES,
          as_of: str = "2024-01-15") -> list[tuple]:
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "json",
                     "--select", select)
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["code"], f["severity"], f["line"], f["column"], f["message"],
             f["hint"], f["task"], f["milestone"])
            for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def small(tmp_path):
    def make(**fields) -> SmallPlan:
        return SmallPlan(tmp_path, **fields).write()
    return make


# --- SZ506 reporter-not-responsible -------------------------------------------------------

NOT_HELD = "progress on it is reported by 市政數局、市大數據中心"


def test_an_entry_by_a_unit_without_a_duty_is_an_error_on_every_entry_and_item(run_cli, small):
    plan = small(progress=[
        "{date: 2023-01-10, status: in-progress, by: 市政數局, note: 甲}",         # the lead
        "{date: 2023-02-10, status: in-progress, by: 隨州市人民政府, note: 乙}",  # no duty
        "{date: 2023-03-10, status: in-progress, by: 市大數據中心, note: 丙}",     # support
        "{date: 2023-04-10, status: in-progress, note: 丁}",                      # nobody named
        "{date: 2023-05-10, status: in-progress, by: 市政务服务和大数据管理局, note: 戊}",  # alias
        "{date: 2023-06-10, status: in-progress, by: 隨縣人民政府, note: 己}",      # no duty
    ], milestone_progress=["{date: 2023-01-20, status: in-progress, by: 隨縣, note: 庚}"])
    assert found(run_cli, plan) == [
        ("reporter-not-responsible", "SZ506", "error", plan.line("note: 庚"), 13,
         f"{M1}: entry of 2023-01-20 is reported by 「隨縣人民政府」, which holds no duty on it",
         NOT_HELD, None, "M1"),
        ("reporter-not-responsible", "SZ506", "error", plan.line("note: 乙"), 9,
         f"{T01}: entry of 2023-02-10 is reported by 「隨州市人民政府」, which holds no duty on it",
         NOT_HELD, "T01", None),
        ("reporter-not-responsible", "SZ506", "error", plan.line("note: 己"), 9,
         f"{T01}: entry of 2023-06-10 is reported by 「隨縣人民政府」, which holds no duty on it",
         NOT_HELD, "T01", None),
    ]


def test_an_unknown_reporter_is_left_to_unknown_agency(run_cli, small):
    plan = small(progress=["{date: 2023-01-10, status: in-progress, by: 市不存在局, note: 甲}"])
    assert found(run_cli, plan) == []
    assert [(f[0], f[3], f[4]) for f in found(run_cli, plan, "unknown-agency")] == [
        ("unknown-agency", plan.line("note: 甲"), 53)]


def test_members_of_a_collective_and_the_successor_of_a_renamed_unit_may_report(run_cli, small):
    plan = small(units="[市舊局, 各縣、市、區人民政府]", progress=[
        "{date: 2023-01-10, status: in-progress, by: 隨州市數據局, note: 甲}",     # successor
        "{date: 2023-02-10, status: in-progress, by: 廣水市人民政府, note: 乙}",  # a member
        "{date: 2023-03-10, status: in-progress, by: 各縣、市、區人民政府, note: 丙}",  # the set
    ])
    assert [(f[0], f[3], f[5], f[6]) for f in found(run_cli, plan)] == [(
        "reporter-not-responsible", plan.line("note: 丙"),
        f"{T01}: entry of 2023-03-10 is reported by 「各縣、市、區人民政府」, which holds no "
        "duty on it",
        "progress on it is reported by 市舊局、隨州市數據局、隨縣人民政府、廣水市人民政府")]


# --- SZ507 verified-without-report --------------------------------------------------------

UNEARNED_HINT = "record the unit's `reported-done` first, or give the verification's evidence"


def test_a_verification_needs_an_earlier_report_of_done_or_evidence(run_cli, small):
    plan = small(progress=[
        "{date: 2023-01-10, status: verified, note: 甲}",                      # nothing before
        "{date: 2023-02-10, status: reported-done, evidence: [x], note: 乙}",
        "{date: 2023-02-10, status: verified, note: 丙}",                      # report same day
        "{date: 2023-03-10, status: verified, evidence: [y], note: 丁}",       # evidence
        "{date: 2023-04-10, status: verified, note: 戊}",                      # report before
    ], milestone_progress=["{date: 2023-01-20, status: verified, note: 己}"])
    assert found(run_cli, plan, "verified-without-report") == [
        ("verified-without-report", "SZ507", "error", plan.line("note: 己"), 13,
         f"{M1}: verified on 2023-01-20 with no `reported-done` entry before it and no evidence",
         UNEARNED_HINT, None, "M1"),
        ("verified-without-report", "SZ507", "error", plan.line("note: 甲"), 9,
         f"{T01}: verified on 2023-01-10 with no `reported-done` entry before it and no evidence",
         UNEARNED_HINT, "T01", None),
    ]


@pytest.mark.parametrize("ledger", [
    # the report is above the verification but dated after it
    ["{date: 2023-03-10, status: reported-done, evidence: [x]}",
     "{date: 2023-02-10, status: verified, note: 甲}"],
    # the report is dated before the verification but written below it
    ["{date: 2023-02-10, status: verified, note: 甲}",
     "{date: 2023-01-10, status: reported-done, evidence: [x]}"],
    # what comes before is no report of done
    ["{date: 2023-01-10, status: in-progress}",
     "{date: 2023-02-10, status: verified, note: 甲}"],
], ids=["report-dated-after", "report-written-below", "no-report"])
def test_only_a_report_above_and_not_later_earns_the_verification(run_cli, small, ledger):
    plan = small(progress=ledger)
    assert [(f[0], f[3]) for f in found(run_cli, plan, "verified-without-report")] == [
        ("verified-without-report", plan.line("note: 甲"))]


# --- SZ508 progress-out-of-order ----------------------------------------------------------

ORDER_HINT = "a ledger only grows: give the entry its real date, or put it in date order"


def test_each_entry_is_compared_with_the_latest_above_it(run_cli, small):
    plan = small(progress=[
        "{date: 2023-03-10, status: in-progress, note: 甲}",
        "{date: 2023-01-10, status: in-progress, note: 乙}",  # before 03-10
        "{date: 2023-02-10, status: in-progress, note: 丙}",  # after 01-10, before 03-10
        "{date: 2023-03-10, status: in-progress, note: 丁}",  # the same day: in order
        "{date: 2023-04-10, status: in-progress, note: 戊}",
    ], milestone_progress=["{date: 2023-05-10, status: in-progress, note: 己}",
                           "{date: 2023-05-09, status: in-progress, note: 庚}"])
    assert found(run_cli, plan, "progress-out-of-order") == [
        ("progress-out-of-order", "SZ508", "warning", plan.line("note: 庚"), 13,
         f"{M1}: entry of 2023-05-09 comes after the entry of 2023-05-10", ORDER_HINT,
         None, "M1"),
        ("progress-out-of-order", "SZ508", "warning", plan.line("note: 乙"), 9,
         f"{T01}: entry of 2023-01-10 comes after the entry of 2023-03-10", ORDER_HINT,
         "T01", None),
        ("progress-out-of-order", "SZ508", "warning", plan.line("note: 丙"), 9,
         f"{T01}: entry of 2023-02-10 comes after the entry of 2023-03-10", ORDER_HINT,
         "T01", None),
    ]


# --- SZ509 duplicate-progress -------------------------------------------------------------

COPY_HINT = "remove the copy, or record what changed since"


def test_a_copy_of_the_entry_just_above_is_a_duplicate(run_cli, small):
    plan = small(progress=[
        "{date: 2023-01-10, status: in-progress, note: 甲}",
        "{date: 2023-01-10, status: in-progress, note: 甲}",   # copy of the one above
        "{date: 2023-02-10, status: blocked, note: 乙}",
        "{date: 2023-01-10, status: in-progress, note: 甲}",   # copy of one further up: news
        "{date: 2023-03-10, status: reported-done, evidence: [x]}",
        "{date: 2023-03-10, status: reported-done, evidence: [x]}",  # copy
    ], milestone_progress=["{date: 2023-05-10, status: in-progress, note: 丙}",
                           "{date: 2023-05-10, status: in-progress, note: 丙}"])
    assert found(run_cli, plan, "duplicate-progress") == [
        ("duplicate-progress", "SZ509", "warning", plan.line("note: 丙", 2), 13,
         f"{M1}: the entry of 2023-05-10 (in-progress) repeats the one before it word for word",
         COPY_HINT, None, "M1"),
        ("duplicate-progress", "SZ509", "warning", plan.line("note: 甲", 2), 9,
         f"{T01}: the entry of 2023-01-10 (in-progress) repeats the one before it word for word",
         COPY_HINT, "T01", None),
        ("duplicate-progress", "SZ509", "warning", plan.line("evidence: [x]", 2), 9,
         f"{T01}: the entry of 2023-03-10 (reported-done) repeats the one before it word for "
         "word", COPY_HINT, "T01", None),
    ]


@pytest.mark.parametrize("ledger", [
    ["{date: 2023-01-10, status: in-progress, note: 甲}"],
    ["{date: 2023-01-10, status: in-progress, note: 甲}",
     "{date: 2023-02-10, status: in-progress, note: 乙}",
     "{date: 2023-01-10, status: in-progress, note: 甲}"],
], ids=["one-entry", "first-equals-last"])
def test_an_entry_repeating_no_entry_just_above_is_no_duplicate(run_cli, small, ledger):
    assert found(run_cli, small(progress=ledger), "duplicate-progress") == []


# --- all four on one entry ------------------------------------------------------------------

def test_one_entry_may_break_every_ledger_rule_at_once(run_cli, small):
    plan = small(progress=[
        "{date: 2023-03-10, status: verified, by: 隨州市人民政府, note: 甲}",
        "{date: 2023-03-10, status: verified, by: 隨州市人民政府, note: 甲}",
        "{date: 2023-02-10, status: verified, by: 隨州市人民政府, note: 乙}",
    ])
    first, second, third = (plan.line("note: 甲"), plan.line("note: 甲", 2),
                            plan.line("note: 乙"))
    assert sorted((f[3], f[1]) for f in found(run_cli, plan)) == [
        (first, "SZ506"), (first, "SZ507"),
        (second, "SZ506"), (second, "SZ507"), (second, "SZ509"),
        (third, "SZ506"), (third, "SZ507"), (third, "SZ508")]


def test_entry_problems_names_every_rule_an_entry_breaks(small):
    """`progress add` and `progress import` refuse an entry by what `entry_problems` says of
    it (they turn away a reporter without a duty before asking, so only a direct call
    shows that slug)."""
    plan = small(progress=[
        "{date: 2023-03-10, status: verified, by: 隨州市人民政府, note: 甲}",
        "{date: 2023-03-10, status: verified, by: 隨州市人民政府, note: 甲}",
        "{date: 2023-02-10, status: verified, by: 隨州市人民政府, note: 乙}",
        "{date: 2023-04-10, status: in-progress, by: 市政數局, note: 丙}",
    ])
    index = run(load_plan(plan.dir), as_of=date(2024, 1, 15)).index
    assert index is not None
    item = index.by_id["T01"]
    said = [entry_problems(index, item, k) for k in range(4)]
    assert [[slug for slug, _, _ in found] for found in said] == [
        ["reporter-not-responsible", "verified-by-unit", "verified-without-report"],
        ["reporter-not-responsible", "verified-by-unit", "verified-without-report",
         "duplicate-progress"],
        ["reporter-not-responsible", "verified-by-unit", "verified-without-report",
         "progress-out-of-order"],
        [],
    ]
    assert said[0][0][1:] == (
        f"{T01}: entry of 2023-03-10 is reported by 「隨州市人民政府」, which holds no duty on it",
        NOT_HELD)
