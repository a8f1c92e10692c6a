"""Every date rule and light at its edges: the day before, the day of and the day after each
due date and each window's edge, on small plans written in the test (small_plan.py).

A due date counts to the end of its day (Asia/Shanghai), so an item due 2023-06-30 is on
time all that day and one day overdue on 2023-07-01.  The windows are inclusive: with
`due_soon_days: 30`, an item due 2023-06-30 turns yellow on 2023-05-31 (30 days before).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from small_plan import SmallPlan

from suizhou_plan.base.clock import today_in_china
from suizhou_plan.load import load_plan
from suizhou_plan.model.status import Light, light_of
from suizhou_plan.rules.engine import run
from suizhou_plan.views.board import build_board
from suizhou_plan.views.holding import Holders


def check(run_cli, plan: SmallPlan, as_of: str, *extra: str) -> dict:
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "json",
                     *extra)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def found(data: dict, rule: str) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["message"]) for f in data["findings"] if f["rule"] == rule]


def light(data: dict, item: str) -> tuple[str, int | None]:
    """(light, days overdue) of one item on the board."""
    row = next(i for p in data["phases"] for i in p["items"] if i["id"] == item)
    return row["light"], row["days_overdue"]


@pytest.fixture
def small(tmp_path):
    def make(**fields) -> SmallPlan:
        return SmallPlan(tmp_path, **fields).write()
    return make


# --- "today" -----------------------------------------------------------------------------

def test_today_is_the_date_in_asia_shanghai():
    assert today_in_china(datetime(2023, 6, 30, 15, 59, 59, tzinfo=timezone.utc)) == date(2023, 6, 30)
    assert today_in_china(datetime(2023, 6, 30, 16, 0, 0, tzinfo=timezone.utc)) == date(2023, 7, 1)
    assert today_in_china(datetime(2023, 6, 29, 16, 0, 0, tzinfo=timezone.utc)) == date(2023, 6, 30)


# --- overdue (SZ301) ---------------------------------------------------------------------

OVERDUE_T01 = ("task T01 「建設大數據產業園」 was due 2023-06-30 (explicit): 1 day(s) overdue, "
               "status in-progress")


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2023-06-29", []), ("2023-06-30", []), ("2023-07-01", [OVERDUE_T01])])
def test_overdue_starts_the_day_after_the_due_date(run_cli, small, as_of, expected):
    plan = small(progress=["{date: 2023-01-10, status: in-progress}"])
    data = check(run_cli, plan, as_of, "--select", "overdue")
    line = plan.line("- id: T01")
    assert found(data, "overdue") == [(line, 5, m) for m in expected]


def test_overdue_counts_the_days_from_the_due_date(run_cli, small):
    plan = small()
    data = check(run_cli, plan, "2023-07-31", "--select", "overdue")
    assert [m for _, _, m in found(data, "overdue")] == [
        "task T01 「建設大數據產業園」 was due 2023-06-30 (explicit): 31 day(s) overdue, "
        "status unknown"]
    assert light(data, "T01") == ("red", 31)


@pytest.mark.parametrize("status", ["reported-done", "verified"])
def test_done_is_never_overdue(run_cli, small, status):
    plan = small(progress=[f"{{date: 2023-06-01, status: {status}, evidence: [x]}}"])
    data = check(run_cli, plan, "2023-07-01")
    assert found(data, "overdue") == [] and found(data, "due-soon") == []
    assert light(data, "T01") == ("green", None)


def test_a_milestone_is_due_at_its_phases_end(run_cli, small):
    plan = small(due="2023-12-31", phases=[("2021-11-01", "2023-11-30"),
                                           ("2023-12-01", "2024-11-30")])
    line = plan.line("- id: M1")
    assert found(check(run_cli, plan, "2023-11-30", "--select", "overdue"), "overdue") == []
    assert found(check(run_cli, plan, "2023-12-01", "--select", "overdue"), "overdue") == [
        (line, 9, "milestone M1 「建成大數據產業園」 was due 2023-11-30 (phase end): "
                  "1 day(s) overdue, status unknown")]


def test_a_task_without_due_is_due_at_the_plans_end(run_cli, small):
    plan = small(due=None, phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")])
    data = check(run_cli, plan, "2025-11-30", "--select", "overdue")
    assert [m for *_, m in found(data, "overdue")] == [
        "milestone M1 「建成大數據產業園」 was due 2023-11-30 (phase end): 731 day(s) overdue, "
        "status unknown"]
    data = check(run_cli, plan, "2025-12-01", "--select", "overdue")
    assert [m.split(":")[0] for *_, m in found(data, "overdue")] == [
        "milestone M1 「建成大數據產業園」 was due 2023-11-30 (phase end)",
        "task T01 「建設大數據產業園」 was due 2025-11-30 (plan end)"]


# --- due-soon (SZ302) and the yellow light -----------------------------------------------

@pytest.mark.parametrize(("as_of", "days", "colour"), [
    ("2023-05-30", None, "green"),   # 31 days before: outside the window
    ("2023-05-31", 30, "yellow"),    # 30 days before: the window's first day
    ("2023-06-01", 29, "yellow"),
    ("2023-06-29", 1, "yellow"),
    ("2023-06-30", 0, "yellow"),     # the due date itself
    ("2023-07-01", None, "red"),     # overdue instead
])
def test_due_soon_window_and_yellow_light_edges(run_cli, small, as_of, days, colour):
    plan = small(progress=["{date: 2023-05-20, status: in-progress}"])
    data = check(run_cli, plan, as_of)
    expected = [] if days is None else [
        (plan.line("- id: T01"), 5, f"task T01 「建設大數據產業園」 is due 2023-06-30, in {days} "
                                    "day(s); status in-progress")]
    assert found(data, "due-soon") == expected
    assert light(data, "T01")[0] == colour


@pytest.mark.parametrize(("as_of", "soon"), [
    ("2023-06-19", False), ("2023-06-20", True), ("2023-06-21", True)])
def test_due_within_option_moves_the_window_edge(run_cli, small, as_of, soon):
    plan = small(progress=["{date: 2023-05-20, status: in-progress}"])
    data = check(run_cli, plan, as_of, "--due-within", "10")
    assert len(found(data, "due-soon")) == soon
    assert light(data, "T01")[0] == ("yellow" if soon else "green")


@pytest.mark.parametrize(("as_of", "soon"), [
    ("2023-06-22", False), ("2023-06-23", True), ("2023-06-24", True)])
def test_the_plans_due_soon_days_moves_the_window_edge(run_cli, small, as_of, soon):
    plan = small(due_soon_days=7)
    data = check(run_cli, plan, as_of)
    assert len(found(data, "due-soon")) == soon
    assert light(data, "T01")[0] == ("yellow" if soon else "grey")


def test_a_zero_window_warns_on_the_due_date_only(run_cli, small):
    plan = small(due_soon_days=0)
    assert found(check(run_cli, plan, "2023-06-29"), "due-soon") == []
    assert [m for *_, m in found(check(run_cli, plan, "2023-06-30"), "due-soon")] == [
        "task T01 「建設大數據產業園」 is due 2023-06-30, in 0 day(s); status unknown"]


@pytest.mark.parametrize(("status", "far", "near", "late"), [
    ("unknown", "grey", "yellow", "red"),
    ("not-started", "green", "yellow", "red"),
    ("in-progress", "green", "yellow", "red"),
    ("blocked", "yellow", "yellow", "red"),
    ("reported-done", "green", "green", "green"),
    ("verified", "green", "green", "green"),
])
def test_the_light_of_each_status_before_inside_and_after_the_window(status, far, near, late):
    """Written out by hand: the lights are the product's definition, not computed here."""
    due = date(2023, 6, 30)
    assert light_of(status, due, date(2023, 5, 30), 30).value == far
    assert light_of(status, due, date(2023, 5, 31), 30).value == near
    assert light_of(status, due, date(2023, 6, 30), 30).value == near
    assert light_of(status, due, date(2023, 7, 1), 30).value == late


def test_lights_worst_first():
    assert sorted(Light, key=lambda lt: lt.severity_rank) == [
        Light.RED, Light.YELLOW, Light.GREY, Light.GREEN]
    assert [lt.severity_rank for lt in (Light.RED, Light.YELLOW, Light.GREY, Light.GREEN)] == [
        0, 1, 2, 3]


def test_a_blocked_item_is_yellow_however_far_its_due_date(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: blocked}"])
    assert light(check(run_cli, plan, "2022-03-01"), "T01") == ("yellow", None)
    assert found(check(run_cli, plan, "2022-03-01"), "due-soon") == []


# --- unverified-done (SZ303) -------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "flagged"), [
    ("2023-09-27", False), ("2023-09-28", False), ("2023-09-29", True)])
def test_unverified_done_counts_from_the_due_date(run_cli, small, as_of, flagged):
    """Reported before the due date (2023-06-30): the 90 days run from the due date."""
    plan = small(progress=["{date: 2023-06-01, status: reported-done, evidence: [報告]}"])
    data = check(run_cli, plan, as_of)
    assert found(data, "unverified-done") == ([(
        plan.line("- id: T01"), 5, "task T01 「建設大數據產業園」 was reported done on 2023-06-01 "
        "but is not verified 91 days after its due date")] if flagged else [])


@pytest.mark.parametrize(("as_of", "flagged"), [
    ("2023-10-07", False), ("2023-10-08", False), ("2023-10-09", True)])
def test_unverified_done_counts_from_a_report_after_the_due_date(run_cli, small, as_of, flagged):
    plan = small(progress=["{date: 2023-07-10, status: reported-done, evidence: [報告]}"])
    data = check(run_cli, plan, as_of)
    assert [m for *_, m in found(data, "unverified-done")] == ([
        "task T01 「建設大數據產業園」 was reported done on 2023-07-10 but is not verified "
        "91 days after the report"] if flagged else [])


def test_unverified_done_follows_the_plans_verify_within_days(run_cli, small):
    plan = small(verify_within_days=10,
                 progress=["{date: 2023-06-01, status: reported-done, evidence: [報告]}"])
    assert found(check(run_cli, plan, "2023-07-10"), "unverified-done") == []
    assert len(found(check(run_cli, plan, "2023-07-11"), "unverified-done")) == 1


def test_a_verified_item_is_not_unverified(run_cli, small):
    plan = small(progress=["{date: 2023-06-01, status: reported-done, evidence: [報告]}",
                           "{date: 2023-07-01, status: verified, evidence: [驗收]}"])
    assert found(check(run_cli, plan, "2024-06-01"), "unverified-done") == []


# --- stale-progress (SZ502) and future-progress (SZ505) ----------------------------------

@pytest.mark.parametrize(("as_of", "age"), [
    ("2023-04-11", None), ("2023-04-12", None), ("2023-04-13", 93)])
def test_stale_progress_after_the_cadence(run_cli, small, as_of, age):
    """Latest entry 2023-01-10, cadence 92 days: stale from the 93rd day."""
    plan = small(due="2024-06-30", progress=["{date: 2022-10-01, status: not-started}",
                                             "{date: 2023-01-10, status: in-progress}"])
    data = check(run_cli, plan, as_of)
    assert found(data, "stale-progress") == ([] if age is None else [(
        plan.line("date: 2023-01-10"), 9, f"task T01 「建設大數據產業園」: last progress entry is "
        f"{age} days old (2023-01-10); reports are due every 92 days")])


def test_stale_progress_follows_the_plans_cadence(run_cli, small):
    plan = small(reporting_cadence_days=30, progress=["{date: 2023-01-10, status: in-progress}"])
    assert found(check(run_cli, plan, "2023-02-09"), "stale-progress") == []
    assert len(found(check(run_cli, plan, "2023-02-10"), "stale-progress")) == 1


def test_done_items_are_never_stale(run_cli, small):
    plan = small(progress=["{date: 2022-01-10, status: verified, evidence: [x]}"])
    assert found(check(run_cli, plan, "2023-06-01"), "stale-progress") == []


@pytest.mark.parametrize(("as_of", "future"), [
    ("2023-02-28", True), ("2023-03-01", False), ("2023-03-02", False)])
def test_future_progress_until_its_day(run_cli, small, as_of, future):
    plan = small(progress=["{date: 2023-03-01, status: in-progress}"])
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "json")
    data = json.loads(result.stdout)
    assert found(data, "future-progress") == ([(
        plan.line("date: 2023-03-01"), 16, "task T01 「建設大數據產業園」: progress entry dated "
        f"2023-03-01, after the as-of date {as_of}")] if future else [])
    assert found(data, "stale-progress") == []  # a future entry is not "old"
    assert result.exit_code == (1 if future else 0)


# --- no-progress (SZ501): from the phase's start (milestones) or the plan's issue date ----

@pytest.mark.parametrize(("as_of", "expected"), [
    ("2021-10-31", []),
    ("2021-11-01", ["M1"]),
    ("2021-11-11", ["M1"]),
    ("2021-11-12", ["M1", "T01"]),
])
def test_no_progress_once_the_phase_or_the_plan_has_begun(run_cli, small, as_of, expected):
    plan = small()
    data = check(run_cli, plan, as_of, "--select", "no-progress")
    ids = [f["milestone"] or f["task"] for f in data["findings"]]
    assert ids == expected


# --- the phases: milestones inside them, no overlap, no gap ------------------------------

@pytest.mark.parametrize(("due", "outside"), [
    ("2021-10-31", True), ("2021-11-01", False), ("2023-11-30", False), ("2023-12-01", True)])
def test_milestone_outside_phase_at_both_ends(run_cli, small, due, outside):
    plan = small(milestone_due=due, phases=[("2021-11-01", "2023-11-30"),
                                            ("2023-12-01", "2024-11-30")])
    data = check(run_cli, plan, "2022-01-01", "--select", "milestone-outside-phase")
    assert found(data, "milestone-outside-phase") == ([(
        plan.line(f"due: {due}"), 14, f"milestone M1 is due {due}, outside phase 1 "
        "(2021-11-01 to 2023-11-30)")] if outside else [])
    assert [(f["milestone"], f["phase"], f["hint"]) for f in data["findings"]] == ([(
        "M1", "P1", "move the milestone to the phase whose window holds its date, or fix the "
        "date")] if outside else [])


@pytest.mark.parametrize(("start", "overlap", "gap"), [
    ("2023-11-29", True, None),
    ("2023-11-30", True, None),   # starts on the day phase 1 ends
    ("2023-12-01", False, None),  # the day after: seamless
    ("2023-12-02", False, 1),
    ("2023-12-03", False, 2),
])
def test_successive_phases_at_their_seam(run_cli, small, start, overlap, gap):
    plan = small(phases=[("2021-11-01", "2023-11-30"), (start, "2024-11-30")])
    data = check(run_cli, plan, "2022-01-01", "--select", "phase-overlap,phase-gap")
    line = plan.line(f"start: {start}")
    assert found(data, "phase-overlap") == ([(
        line, 12, f"phase 2 starts {start}, before phase 1 ends (2023-11-30)")] if overlap else [])
    assert found(data, "phase-gap") == ([(
        line, 12, f"{gap} day(s) between phase 1 (ends 2023-11-30) and phase 2 (starts {start}) "
        "belong to no phase")] if gap else [])
    assert [(f["rule"], f["phase"], f["task"], f["hint"]) for f in data["findings"]] == (
        [("phase-overlap" if overlap else "phase-gap", "P2", None,
          "start phase 2 the day after 2023-11-30")] if overlap or gap else [])


@pytest.mark.parametrize(("as_of", "states"), [
    (date(2021, 10, 31), ["upcoming", "upcoming"]),
    (date(2021, 11, 1), ["current", "upcoming"]),
    (date(2023, 11, 30), ["current", "upcoming"]),
    (date(2023, 12, 1), ["ended", "current"]),
    (date(2024, 11, 30), ["ended", "current"]),
    (date(2024, 12, 1), ["ended", "ended"]),
])
def test_a_phase_is_upcoming_current_or_ended(small, as_of, states):
    plan = small(phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2024-11-30")])
    index = run(load_plan(plan.dir), as_of=as_of).index
    assert index is not None
    boards = build_board(index, as_of, 30, Holders(index, as_of))
    assert [b.state(as_of) for b in boards] == states


# --- the leading group's meetings (SZ601) ------------------------------------------------

@pytest.mark.parametrize(("as_of", "flagged"), [
    ("2022-11-11", False),  # the group is not a year old yet (issued 2021-11-12)
    ("2022-11-12", True),
])
def test_meeting_cadence_from_the_first_anniversary(run_cli, small, as_of, flagged):
    plan = small(meetings=[])
    data = check(run_cli, plan, as_of, "--select", "meeting-cadence")
    assert found(data, "meeting-cadence") == ([(
        plan.line("meetings: []"), 15, f"數字隨州建設領導小組 has no plenary meeting recorded "
        f"between 2021-11-12 and {as_of} (none recorded)")] if flagged else [])


@pytest.mark.parametrize(("as_of", "flagged"), [
    ("2023-12-19", False), ("2023-12-20", False), ("2023-12-21", True)])
def test_a_plenary_meeting_covers_the_twelve_months_after_it(run_cli, small, as_of, flagged):
    plan = small(meetings=["{date: 2022-12-20, kind: plenary, evidence: [紀要]}",
                           "{date: 2023-06-01, kind: topic}"])
    data = check(run_cli, plan, as_of, "--select", "meeting-cadence")
    assert [m for *_, m in found(data, "meeting-cadence")] == ([
        f"數字隨州建設領導小組 has no plenary meeting recorded between 2022-12-21 and {as_of} "
        "(last: 2022-12-20)"] if flagged else [])


def test_a_meeting_after_the_as_of_date_does_not_count(run_cli, small):
    plan = small(meetings=["{date: 2023-06-01, kind: plenary}"])
    data = check(run_cli, plan, "2023-05-31", "--select", "meeting-cadence")
    assert [m for *_, m in found(data, "meeting-cadence")] == [
        "數字隨州建設領導小組 has no plenary meeting recorded between 2022-05-31 and 2023-05-31 "
        "(none recorded)"]


def test_a_year_before_29_february_is_28_february(run_cli, small):
    plan = small(meetings=["{date: 2023-02-28, kind: plenary}"])
    assert found(check(run_cli, plan, "2024-02-29", "--select", "meeting-cadence"),
                 "meeting-cadence") == []
    plan.edit("date: 2023-02-28", "date: 2023-02-27")
    assert [m for *_, m in found(check(run_cli, plan, "2024-02-29", "--select",
                                       "meeting-cadence"), "meeting-cadence")] == [
        "數字隨州建設領導小組 has no plenary meeting recorded between 2023-02-28 and 2024-02-29 "
        "(last: 2023-02-27)"]


# --- a unit that ceased (SZ403) ----------------------------------------------------------

@pytest.mark.parametrize(("as_of", "flagged"), [
    ("2023-08-16", False), ("2023-08-17", False), ("2023-08-18", True)])
def test_defunct_agency_from_the_day_after_it_ceased(run_cli, small, as_of, flagged):
    plan = small(units="[市舊局, 市政數局]", due="2024-06-30")
    data = check(run_cli, plan, as_of, "--select", "defunct-agency")
    assert found(data, "defunct-agency") == ([(
        plan.line("units: [市舊局"), 13, "T01 is assigned to 「市舊局」, which ceased on 2023-08-17 "
        "(confirmed); successor: 「隨州市數據局」")] if flagged else [])


# --- the bulletin's own windows --------------------------------------------------------------

def bulletin(run_cli, plan: SmallPlan, as_of: str) -> str:
    return run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "markdown",
                   "--lang", "zh-Hans").stdout


def part(text: str, heading: str) -> str:
    return next(p for p in text.split("\n## ") if p.startswith(heading))


@pytest.mark.parametrize(("as_of", "left"), [
    ("2023-05-30", None), ("2023-05-31", "30天"), ("2023-06-30", "0天"), ("2023-07-01", None)])
def test_the_bulletin_asks_for_an_item_from_the_window_to_its_due_date(run_cli, small, as_of,
                                                                      left):
    """T01 is due 2023-06-30 and the window is 30 days: 催办 from 31 May to its day."""
    soon = part(bulletin(run_cli, small(), as_of), "三、")
    row = "| T01 建设大数据产业园 | 市政数局 | 2023年6月30日 | "
    assert (row + f"{left} |" in soon) if left else (row not in soon), soon


@pytest.mark.parametrize(("as_of", "pending"), [("2023-11-30", True), ("2023-12-01", False)])
def test_a_phase_is_left_out_of_the_bulletin_until_its_first_day(run_cli, small, as_of,
                                                                  pending):
    plan = small(phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")])
    plan.edit("  - id: P2\n    number: 2\n    start: 2023-12-01\n    end: 2025-11-30\n",
              "  - id: P2\n    number: 2\n    start: 2023-12-01\n    end: 2025-11-30\n"
              "    milestones:\n      - id: M2\n        title: 深化應用\n        tasks: [T01]\n")
    text = bulletin(run_cli, plan, as_of)
    said = "其中第二阶段尚未开始，相关事项1项暂不逐项列出。"
    assert (said in part(text, "一、")) is pending, text
    # on its first day M2 is listed: no report yet, so it is asked for (补报); the day before,
    # M1 (due that day) is
    assert "对已开始阶段中尚未报送进展的事项（1项）" in part(text, "六、"), text


@pytest.mark.parametrize(("as_of", "done", "rate"), [
    ("2023-06-30", "2023-06-30", "1/1（100%）"),   # due today counts as due; done on the day
    ("2023-07-10", "2023-06-30", "1/1（100%）"),
    ("2023-07-10", "2023-07-01", "0/1（0%）"),     # a day late
])
def test_an_item_done_on_its_due_date_is_done_on_time(run_cli, small, as_of, done, rate):
    """市政數局 leads T01 (due 2023-06-30) and M1; its own 銷號 (no office in this plan) reads
    as its report of done.  Seven quarters closed since the plan's issue, none reported in."""
    plan = small(progress=[f"{{date: {done}, status: verified, by: 市政數局, evidence: [驗收]}}"])
    units = part(bulletin(run_cli, plan, as_of), "四、")
    assert f"| 市政数局 | 2 | 0 | 0 | 0 | {rate} | 0 | 0/7（0%） |" in units, units


@pytest.mark.parametrize(("as_of", "stale"), [("2023-04-12", False), ("2023-04-13", True)])
def test_the_bulletin_asks_for_a_report_the_day_after_the_cadence(run_cli, small, as_of, stale):
    """Reports every 92 days: an entry of 2023-01-10 is 92 days old on 12 April (current)."""
    plan = small(due="2024-06-30", phases=[("2021-11-01", "2024-11-30")],
                 progress=["{date: 2023-01-10, status: in-progress, by: 市政數局, note: 推進}"],
                 milestone_progress=["{date: 2023-04-01, status: in-progress, note: 推進}"])
    problems = part(bulletin(run_cli, plan, as_of), "五、")
    assert ("T01 建设大数据产业园（市政数局，上次报送2023年1月10日）" in problems) is stale, problems


def test_two_phases_not_begun_are_named_together(run_cli):
    text = run_cli("check", "--as-of", "2023-06-01", "--format", "markdown", "--lang",
                   "zh-Hans").stdout
    assert "其中第二阶段、第三阶段尚未开始，相关事项" in part(text, "一、")
