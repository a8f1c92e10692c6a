"""Reporting periods: monthly and quarterly cut-offs (clamped to short months), the period
just closed on the days before, of and after a cut-off, and who owed a report for a period
and whether it came on time, late or not at all, on a small plan written here."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from small_plan import AGENCIES

from suizhou_plan.load import load_plan
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import PlanIndex, build_index
from suizhou_plan.views.periods import Cadence, Period, cutoff_in, reports_for

D = date
MONTHLY = Cadence("monthly", 28)
QUARTERLY = Cadence("quarterly", 28)


def test_a_cutoff_day_past_the_end_of_a_short_month_is_its_last_day():
    assert cutoff_in(2024, 2, 31) == D(2024, 2, 29)
    assert cutoff_in(2023, 2, 31) == D(2023, 2, 28)
    assert cutoff_in(2024, 4, 31) == D(2024, 4, 30)
    assert cutoff_in(2024, 1, 31) == D(2024, 1, 31)
    assert cutoff_in(2024, 3, 28) == D(2024, 3, 28)


def test_a_month_runs_from_the_day_after_the_previous_cutoff_to_its_own():
    assert MONTHLY.period_of(D(2024, 1, 15)) == Period(D(2023, 12, 29), D(2024, 1, 28),
                                                       "monthly", 2024, 1)
    # the day of the cut-off closes the month; the day after opens the next
    assert MONTHLY.period_of(D(2024, 1, 28)).number == 1
    assert MONTHLY.period_of(D(2024, 1, 29)) == Period(D(2024, 1, 29), D(2024, 2, 28),
                                                       "monthly", 2024, 2)
    assert MONTHLY.period_of(D(2023, 12, 30)) == Period(D(2023, 12, 29), D(2024, 1, 28),
                                                        "monthly", 2024, 1)
    # a cut-off on the 31st: February ends on the 29th, March starts on the 1st
    last = Cadence("monthly", 31)
    assert last.period_of(D(2024, 2, 10)) == Period(D(2024, 2, 1), D(2024, 2, 29), "monthly",
                                                    2024, 2)
    assert last.period_of(D(2024, 3, 1)) == Period(D(2024, 3, 1), D(2024, 3, 31), "monthly",
                                                   2024, 3)


def test_quarters_close_in_march_june_september_and_december():
    assert QUARTERLY.period_of(D(2024, 1, 15)) == Period(D(2023, 12, 29), D(2024, 3, 28),
                                                         "quarterly", 2024, 1)
    assert QUARTERLY.period_of(D(2024, 3, 29)) == Period(D(2024, 3, 29), D(2024, 6, 28),
                                                         "quarterly", 2024, 2)
    assert QUARTERLY.period_of(D(2024, 12, 29)) == Period(D(2024, 12, 29), D(2025, 3, 28),
                                                          "quarterly", 2025, 1)
    assert [(p.year, p.number) for p in QUARTERLY.overlapping(D(2024, 1, 1), D(2024, 12, 31))
            ] == [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1)]


def test_periods_overlapping_a_span_follow_one_another_without_gap():
    found = MONTHLY.overlapping(D(2024, 1, 1), D(2024, 12, 31))
    assert [(p.year, p.number) for p in found] == [(2024, m) for m in range(1, 13)] + [(2025, 1)]
    for one, two in itertools.pairwise(found):
        assert (two.start - one.cutoff).days == 1
    assert sum(p.days for p in found) == (found[-1].cutoff - found[0].start).days + 1
    assert MONTHLY.overlapping(D(2024, 1, 29), D(2024, 2, 28)) == [MONTHLY.period_of(
        D(2024, 2, 1))]
    assert MONTHLY.overlapping(D(2024, 2, 1), D(2024, 1, 1)) == []


@pytest.mark.parametrize(("as_of", "closed"), [
    (D(2024, 1, 27), (2023, 12)),
    (D(2024, 1, 28), (2024, 1)),  # the cut-off day itself: the period has closed
    (D(2024, 1, 29), (2024, 1)),
    (D(2024, 3, 1), (2024, 2)),
])
def test_the_period_just_closed(as_of, closed):
    period = MONTHLY.just_closed(as_of)
    assert (period.year, period.number) == closed
    assert period.cutoff <= as_of < MONTHLY.after(period).cutoff


def test_quarterly_period_just_closed():
    assert QUARTERLY.just_closed(D(2024, 3, 27)) == Period(D(2023, 9, 29), D(2023, 12, 28),
                                                           "quarterly", 2023, 4)
    assert QUARTERLY.just_closed(D(2024, 3, 28)).number == 1


def test_a_cadence_refuses_a_day_no_month_has():
    with pytest.raises(ValueError):
        Cadence("monthly", 32)


# --- Who owed a report, and whether it came -----------------------------------------------

OFFICE = "  - id: office\n    name: 數字隨州辦\n    kind: municipal-department\n"


def _plan(folder: Path, t01: list[str], t02: list[str] | None = None,
          m1_units: str = "[市大數據中心]", m1: list[str] | None = None) -> PlanIndex:
    """T01 (市政數局 lead, 市大數據中心 and the two counties support); T02 led by 市舊局
    (renamed 隨州市數據局 on 2023-08-18) with the placeholder; milestone M1 of phase 2,
    which starts on 2024-02-01."""

    def ledger(entries: list[str] | None, pad: str) -> str:
        if not entries:
            return ""
        return f"{pad}progress:\n" + "".join(f"{pad}  - {e}\n" for e in entries)

    text = (
        "schema_version: 1\nplan:\n  title: 數字隨州建設實施方案\n  issuer: 隨州市人民政府\n"
        "  issued: 2021-11-12\n"
        "supervision:\n  report_cycle: monthly\n  report_cutoff_day: 28\n  office: 數字隨州辦\n"
        "sections:\n  - id: economy\n    name: 數字經濟\n"
        "phases:\n"
        "  - id: P1\n    number: 1\n    start: 2021-11-01\n    end: 2024-01-31\n"
        "  - id: P2\n    number: 2\n    start: 2024-02-01\n    end: 2024-12-31\n"
        "    milestones:\n      - id: M1\n        title: 二期\n"
        f"        units: {m1_units}\n        due: 2024-06-30\n" + ledger(m1, "        ") +
        "tasks:\n"
        "  - id: T01\n    number: 1\n    kind: task\n    section: 數字經濟\n    title: 產業園\n"
        "    text: 產業園。\n    units: [市政數局, 市大數據中心, 各縣、市、區人民政府]\n"
        "    due: 2024-03-31\n" + ledger(t01, "    ") +
        "  - id: T02\n    number: 2\n    kind: task\n    section: 數字經濟\n    title: 平台\n"
        "    text: 平台。\n    units: [市舊局, 市政府有關部門]\n    due: 2024-06-30\n"
        + ledger(t02, "    ")
    )
    plan = folder / "plan"
    plan.mkdir(parents=True, exist_ok=True)
    (plan / "agencies.yaml").write_text(AGENCIES + OFFICE, encoding="utf-8")
    (plan / "tasks.yaml").write_text(text, encoding="utf-8")
    loaded = load_plan(plan)
    assert loaded.ok, loaded.problems
    return build_index(loaded)


JANUARY = MONTHLY.period_of(D(2024, 1, 15))  # 2023-12-29 .. 2024-01-28


def _states(index: PlanIndex, period: Period = JANUARY, **kw) -> dict[str, str]:
    return {r.unit.name: r.state for r in reports_for(index, period, **kw)}


def test_on_time_late_missing_and_not_due(tmp_path):
    index = _plan(tmp_path, [
        # 市政數局: written in the period, recorded by the cut-off
        "{date: 2024-01-20, status: in-progress, by: 市政數局, received: 2024-01-28}",
        # 市大數據中心: written in the period, recorded two days after the cut-off
        "{date: 2024-01-25, status: in-progress, by: 市大數據中心, received: 2024-01-30}",
        # 隨縣: its report is dated before the period: it counts for December, not January
        "{date: 2023-12-28, status: in-progress, by: 隨縣人民政府}",
        # 廣水市: an application for more time is a report too
        "{date: 2024-01-05, status: extension-requested, by: 廣水市人民政府, until: 2024-06-30,"
        " reason: 資金未到位}",
    ], t02=["{date: 2024-01-10, status: in-progress, by: 隨州市數據局}"])
    assert _states(index) == {
        "隨州市人民政府": "not-due", "市政數局": "on-time", "市大數據中心": "late",
        "隨縣人民政府": "missing", "廣水市人民政府": "on-time",
        "隨州市數據局": "on-time",  # T02 passed to it from 市舊局 on 2023-08-18
        "市舊局": "not-due", "數字隨州辦": "not-due",
    }  # no collective, no placeholder
    late = next(r for r in reports_for(index, JANUARY) if r.unit.name == "市大數據中心")
    assert (late.received_on, late.late_days) == (D(2024, 1, 30), 2)
    # on 2024-01-29 the late report is not yet known: missing, as the office saw it then
    assert _states(index, known_by=D(2024, 1, 29))["市大數據中心"] == "missing"


def test_a_report_by_the_old_name_counts_for_the_unit_in_office(tmp_path):
    index = _plan(tmp_path, [], t02=["{date: 2024-01-10, status: in-progress, by: 市舊局}"])
    assert _states(index)["隨州市數據局"] == "on-time"


def test_the_office_decisions_are_not_reports(tmp_path):
    index = _plan(tmp_path, [
        "{date: 2023-12-01, status: reported-done, by: 市政數局}",
        "{date: 2024-01-10, status: returned, by: 數字隨州辦, reason: 佐證不全}",
    ])
    states = _states(index)
    assert states["市政數局"] == "missing" and states["數字隨州辦"] == "not-due"


def test_an_item_closed_before_the_period_asks_no_report(tmp_path):
    closed = ["{date: 2023-12-01, status: reported-done, by: 市政數局}",
              "{date: 2023-12-20, status: verified, by: 數字隨州辦, evidence: [驗收報告]}"]
    index = _plan(tmp_path, closed)
    states = _states(index)
    assert states["市政數局"] == "not-due" and states["隨縣人民政府"] == "not-due"
    # closed on the period's first day: the unit still reports for that period
    index = _plan(tmp_path, [closed[0], closed[1].replace("2023-12-20", "2023-12-29")])
    assert _states(index)["市政數局"] == "missing"
    # reopened before the period: due again
    index = _plan(tmp_path, [*closed, "{date: 2023-12-25, status: reopened, by: 數字隨州辦, "
                             "reason: 覆查發現問題}"])
    assert _states(index)["市政數局"] == "missing"


def test_a_milestone_asks_for_reports_once_its_phase_has_begun(tmp_path):
    index = _plan(tmp_path, [], m1_units="[隨州市人民政府]")
    assert _states(index)["隨州市人民政府"] == "not-due"  # phase 2 begins 2024-02-01
    february = MONTHLY.after(JANUARY)
    assert _states(index, february)["隨州市人民政府"] == "missing"
    [report] = [r for r in reports_for(index, february) if r.unit.name == "隨州市人民政府"]
    assert [i.id for i in report.items] == ["M1"]


def test_holders_may_be_given(tmp_path):
    index = _plan(tmp_path, [], t02=["{date: 2023-07-10, status: in-progress, by: 市舊局}"])
    july = MONTHLY.period_of(D(2023, 7, 10))
    # in July 2023 市舊局 still holds T02 and reported for it
    assert _states(index, july)["市舊局"] == "on-time"
    assert _states(index, july)["隨州市數據局"] == "not-due"
    later = Holders(index, D(2024, 1, 1))
    assert _states(index, july, holders=later)["隨州市數據局"] == "on-time"


def test_holders_are_built_once_per_stretch_between_renames(tmp_path, monkeypatch):
    """A year of monthly periods, 市舊局 handing over on 2023-08-18: who holds what is
    worked out twice (before and after), not once per period."""
    from suizhou_plan.views import holding
    from suizhou_plan.views.assessment import assess

    index = _plan(tmp_path, [], t02=["{date: 2023-07-10, status: in-progress, by: 市舊局}"])
    made: list[date] = []
    real = holding.Holders.__init__

    def counted(self, index, as_of):
        made.append(as_of)
        real(self, index, as_of)

    monkeypatch.setattr(holding.Holders, "__init__", counted)
    result = assess(index, D(2023, 1, 1), D(2023, 12, 31))
    assert len(result.periods) == 12
    assert made == [D(2023, 12, 31), D(2023, 1, 28)]
    units = {u.unit.name: u.reports for u in result.units}
    figures = units.get("隨州市數據局")
    # one row for the lineage 市舊局 → 隨州市數據局: 市舊局 owed the reports up to July (its
    # July report came), its successor from August
    assert "市舊局" not in units
    assert figures is not None
    reports = figures.reports
    assert [(r.period.number, r.unit.name, r.state) for r in reports][5:9] == [
        (6, "市舊局", "missing"), (7, "市舊局", "on-time"), (8, "隨州市數據局", "missing"),
        (9, "隨州市數據局", "missing")]
    assert (figures.due, figures.on_time, figures.missing) == (12, 1, 11)
