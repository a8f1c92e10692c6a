"""Who may say what about an item (DOMAIN.md, 督辦): a unit reports on its part and applies
for more time; only the office (市政數局, the leading group's office in the bundled plan)
closes, returns, reopens and decides on extensions, and only what there is to decide.
Every refusal says so in the reader's language, with a hint, exit 1, and leaves the plan
files byte for byte as they were."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ledger_oracle import ledger

AS_OF = "2024-01-31"
SUPPORT = "市大数据中心"  # supports P1-M4, whose lead is 市政數局 (also the office)


def cmd(plan: Path, verb: str, item: str, *extra: str, when: str = "2024-01-20") -> list[str]:
    return ["progress", verb, item, "--plan", str(plan), "--date", when, "--as-of", AS_OF,
            *extra]


def _close_p1_m4(run_cli, plan: Path) -> None:
    """The lead reports P1-M4 done and the office closes it."""
    assert run_cli(*cmd(plan, "add", "P1-M4", "--status", "reported-done", "--by", "市政数局",
                        "--note", "二期上线", "--evidence", "验收报告", when="2024-01-10")
                   ).exit_code == 0
    assert run_cli(*cmd(plan, "close", "P1-M4", "--opinion", "同意销号", "--evidence",
                        "验收意见", when="2024-01-15")).exit_code == 0


ITEM_ZH = "P1-M4：阶段性任务P1-M4「实施神农云二期建设」："
ITEM_EN = "P1-M4: milestone P1-M4 「實施神農云二期建設」: "
NOT_WRITTEN = {"zh-Hans": "未写入，台账文件未作任何改动\n", "en": "not written: nothing was changed\n"}
BY_UNIT = {
    "zh-Hans": ("「市大数据中心」不能登记“{status}”（2024年1月20日的记录）：只有督办办公室才能作此决定 "
                "[decision-by-unit]\n  修改建议：责任单位报送本单位承担部分的进展或申请延期，由市政数局审核决定\n"),
    "en": ("「市大數據中心」 cannot record {status} (entry of 2024-01-20): only the office decides "
           "that [decision-by-unit]\n  hint: a unit reports on its own part or applies for an "
           "extension; 市政數局 decides\n"),
}
STATUS = {"zh-Hans": {"returned": "退回", "reopened": "重新打开", "extension-approved": "同意延期"},
          "en": {"returned": "returned", "reopened": "reopened",
                 "extension-approved": "extension approved"}}

REFUSED = [
    ("return", ("--by", SUPPORT, "--reason", "材料不全"), "returned", False),
    ("extend", ("--by", SUPPORT, "--until", "2024-06-30"), "extension-approved", False),
    ("reopen", ("--by", SUPPORT, "--reason", "重新整改"), "reopened", True),
]


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
@pytest.mark.parametrize(("verb", "extra", "status", "closed_first"), REFUSED)
def test_a_unit_cannot_take_the_offices_decisions(run_cli, plan_copy, lang, verb, extra, status,
                                                  closed_first):
    if closed_first:  # reopening after 銷號: the item is closed first
        _close_p1_m4(run_cli, plan_copy)
    before = {p.name: p.read_bytes() for p in plan_copy.glob("*.yaml")}
    result = run_cli(*cmd(plan_copy, verb, "P1-M4", *extra, "--lang", lang))
    assert result.exit_code == 1
    item = ITEM_ZH if lang == "zh-Hans" else ITEM_EN
    assert result.stderr == (item + BY_UNIT[lang].format(status=STATUS[lang][status])
                             + NOT_WRITTEN[lang])
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in plan_copy.glob("*.yaml")} == before


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_a_unit_cannot_close_its_own_work(run_cli, plan_copy, lang):
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli(*cmd(plan_copy, "close", "P1-M4", "--by", SUPPORT, "--opinion", "自行销号",
                          "--evidence", "无", "--lang", lang))
    assert result.exit_code == 1
    assert result.stderr == {
        "zh-Hans": ITEM_ZH + "「市大数据中心」于2024年1月20日自行销号；事项只能由督办办公室在审核牵头单位的"
                             "办结报告后销号 [verified-by-unit]\n"
                             "  修改建议：该记录按该单位报告办结处理，由市政数局审核后销号或退回\n",
        "en": ITEM_EN + "「市大數據中心」 closed (verified) the item itself on 2024-01-20; only the "
                        "office closes an item after reviewing the lead's report [verified-by-unit]\n"
                        "  hint: it is read as the unit's report of done; 市政數局 reviews it and "
                        "closes or returns the item\n"}[lang] + NOT_WRITTEN[lang]
    assert (plan_copy / "tasks.yaml").read_bytes() == before


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
@pytest.mark.parametrize(("verb", "extra", "said"), [
    ("close", ("--opinion", "同意", "--evidence", "验收意见"), ("已销号", "verified")),
    ("return", ("--reason", "材料不全"), ("退回", "returned")),
])
def test_the_office_cannot_decide_on_what_nobody_reported_done(run_cli, plan_copy, lang, verb,
                                                               extra, said):
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli(*cmd(plan_copy, verb, "P1-M4", *extra, "--lang", lang))
    assert result.exit_code == 1
    assert result.stderr == {
        "zh-Hans": ITEM_ZH + f"2024年1月20日登记“{said[0]}”，但事项当时为“未报送”：尚无单位报告办结 "
                             "[nothing-to-decide]\n"
                             "  修改建议：先由牵头单位报告办结（reported-done），再由督办办公室销号或退回\n",
        "en": ITEM_EN + f"{said[1]} on 2024-01-20, but the item stood at unknown: nobody had "
                        "reported it done [nothing-to-decide]\n"
                        "  hint: the lead reports done (reported-done) first; the office then "
                        "closes or returns it\n"}[lang] + NOT_WRITTEN[lang]
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_a_supporting_units_done_does_not_close_the_item(run_cli, plan_copy):
    assert run_cli(*cmd(plan_copy, "add", "P1-M4", "--status", "in-progress", "--by",
                        "市政数局", "--note", "八个单位未接入", when="2024-01-12")).exit_code == 0
    assert run_cli(*cmd(plan_copy, "add", "P1-M4", "--status", "reported-done", "--by",
                        SUPPORT, "--note", "本单位部分完成", "--evidence", "x",
                        when="2024-01-20")).exit_code == 0
    show = run_cli("progress", "show", "P1-M4", "--plan", str(plan_copy), "--lang", "zh-Hans")
    lines = show.stdout.splitlines()
    assert lines[:7] == [
        "P1-M4 实施神农云二期建设",
        "状态：推进中 · 时间节点：2023年11月30日 · 牵头单位：市政数局",
        "",
        "事项进展（以牵头单位报送和督办办公室审核为准）：",
        "  2024年1月12日 市政数局（牵头）：推进中 — 八个单位未接入",
        "各单位就本单位承担部分的最新报送：",
        "  2024年1月20日 市大数据中心（配合）：已办结 — 本单位部分完成",
    ]


def test_after_closing_a_report_does_not_reopen_and_the_office_can(run_cli, plan_copy):
    _close_p1_m4(run_cli, plan_copy)
    late = run_cli(*cmd(plan_copy, "add", "P1-M4", "--status", "in-progress", "--by", "市政数局",
                        "--note", "补充材料", when="2024-01-18"))
    assert late.exit_code == 0, late.output
    check = run_cli("check", "--plan", str(plan_copy), "--as-of", AS_OF, "--format", "json",
                    "--no-cache")
    assert _status(check.stdout, "P1-M4") == "verified"
    reopened = run_cli(*cmd(plan_copy, "reopen", "P1-M4", "--reason", "复查发现接口未通",
                            when="2024-01-25"))
    assert reopened.exit_code == 0, reopened.output
    assert reopened.stdout == ("P1-M4: recorded the office's decision (reopened) of 2024-01-25 "
                               "by 市政數局 in plan/tasks.yaml\n")
    check = run_cli("check", "--plan", str(plan_copy), "--as-of", AS_OF, "--format", "json",
                    "--no-cache")
    assert _status(check.stdout, "P1-M4") == "in-progress"


def test_an_approved_extension_moves_the_date_and_keeps_the_plans(run_cli, plan_copy):
    applied = run_cli(*cmd(plan_copy, "apply", "P1-M4", "--by", SUPPORT, "--until",
                           "2024-03-31", "--reason", "资金未到位", "--note", "已完成方案",
                           when="2023-12-20"))
    assert applied.exit_code == 0, applied.output
    approved = run_cli(*cmd(plan_copy, "extend", "P1-M4", "--until", "2024-03-31",
                            "--document", "随数字办〔2024〕2号", when="2024-01-05"))
    assert approved.exit_code == 0, approved.output
    assert [(e["status"], e.get("until"), e.get("received")) for e in
            ledger(plan_copy, "P1-M4")] == [
        ("extension-requested", date(2024, 3, 31), date(2024, 1, 31)),
        ("extension-approved", date(2024, 3, 31), date(2024, 1, 31))]
    show = run_cli("progress", "show", "P1-M4", "--plan", str(plan_copy), "--lang", "zh-Hans")
    assert show.stdout.splitlines()[1] == (
        "状态：未报送 · 时间节点：原定2023年11月30日，延期至2024年3月31日 · 牵头单位：市政数局")
    check = run_cli("check", "--plan", str(plan_copy), "--as-of", AS_OF, "--format", "json",
                    "--no-cache")
    assert "P1-M4" not in _overdue(check.stdout)


def test_a_late_report_is_put_in_its_place_with_the_day_it_arrived(run_cli, plan_copy):
    for day, note in (("2024-01-20", "一月"), ("2023-12-20", "十二月补报")):
        result = run_cli(*cmd(plan_copy, "add", "T13", "--status", "in-progress", "--by",
                              "市政数局", "--note", note, "--received", "2024-01-25", when=day))
        assert result.exit_code == 0, result.output
    assert [(e["date"], e["note"], e["received"]) for e in ledger(plan_copy, "T13")] == [
        (date(2023, 12, 20), "十二月补报", date(2024, 1, 25)),
        (date(2024, 1, 20), "一月", date(2024, 1, 25))]


def test_a_received_day_outside_the_entry_and_today_is_a_usage_error(run_cli, plan_copy):
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli(*cmd(plan_copy, "add", "T13", "--status", "in-progress", "--by", "市政数局",
                          "--note", "x", "--received", "2024-01-10"))
    assert result.exit_code == 2
    assert ("--received 2024-01-10 must lie between the entry's date (2024-01-20) and today "
            "(2024-01-31)") in result.stderr
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def _status(report: str, item: str) -> str:
    import json

    data = json.loads(report)
    return next(row["status"] for phase in data["phases"] for row in phase["items"]
                if row["id"] == item)


def _overdue(report: str) -> list[str]:
    import json

    return [f["milestone"] or f["task"] for f in json.loads(report)["findings"]
            if f["rule"] == "overdue"]
