"""One month of the office's work, as a 督查室 clerk does it, from `suizhou init` to the 通报.

The office asks for monthly reports by the 28th from January 2024 (`report_cycle: monthly`,
`report_cutoff_day: 28`, `reports_from: 2024-01-01`).  On 2024-01-05 it sends templates to
seven units; six come back by the 27th and are imported in no order of their dates, the
seventh (市衛健委) comes back on the 31st.  Then the office decides: it closes P1-M1 and
P1-M4 (銷號), returns P1-M2 (退回) and approves 市衛健委's extension of P1-M6.

Every figure the test expects was worked out by hand from the plan's phase 1 (its eight
milestones were due 2023-11-30) and the rows below, never by the product's own functions:

    P1-M1 市發改委 lead: 辦結 dated 2023-11-25 (a late sheet, its true date), closed 01-26
          -> done, on time
    P1-M2 市發改委 lead: 辦結 01-10, returned 01-26 -> in progress, 62 days overdue
    P1-M3 隨州高新區管委會 lead: 辦結 01-12 -> done (late), not yet closed
    P1-M4 市政數局 lead: 辦結 01-18, closed 01-25; 市大數據中心 (supporting) 推進中 01-22,
          read after the lead's and changing nothing -> done (late)
    P1-M5 市政數局 lead: 推進中 01-20; 隨縣 (a member of the supporting collective) 已辦結
          01-15 for its own part -> in progress, overdue
    P1-M6 市衛健委 lead: 推進中 01-25 with an application to 2024-04-30, approved 01-31
          -> in progress, on schedule (its date in force is 2024-04-30)
    P1-M7 市公安局 lead: 推進中 01-16 -> overdue
    P1-M8 市政數局 lead: nothing -> overdue, no report

So phase 1: 3 done (M1, M3, M4), 4 overdue (M2, M5, M7, M8), 1 on schedule (M6).  The plan
has 53 items: the other 45 have no report; phase 3 (6 items) has not begun.  Of the 47
listed, 39 have no report and are not overdue.  Thirty-six units owe January's report: seven
sent one (six by the cut-off, 市衛健委 after it), 29 did not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sheet_filling import fill
from test_renderer_columns import markdown_tables, section

AS_OF = "2024-01-31"
UNITS = ["市政数局", "随县", "市发改委", "随州高新区管委会", "市公安局", "市大数据中心", "市卫健委"]
FILE = {"市政数局": "市政数局", "随县": "随县人民政府", "市发改委": "市发改委",
        "随州高新区管委会": "随州高新区管委会", "市公安局": "市公安局",
        "市大数据中心": "市大数据中心", "市卫健委": "市卫健委"}

# What each unit writes in its sheet: status, date, progress, problems, next step, evidence,
# and 市衛健委's application for more time (M: to, N: why).
ROWS = {
    "市政数局": {
        "P1-M5": {"G": "推进中", "H": "2024/1/20", "I": "已接入二十个单位", "J": "八个单位尚未接入",
                  "K": "二月底前完成接入"},
        "P1-M4": {"G": "已办结", "H": "2024/1/18", "I": "二期上线", "L": "验收报告"}},
    "随县": {
        "P1-M5": {"G": "已办结", "H": "2024/1/15", "I": "本县接入完成", "J": "县级配套资金不足",
                  "K": "申请配套资金", "L": "验收单"}},
    "市发改委": {
        "P1-M1": {"G": "已办结", "H": "2023/11/25", "I": "领导小组已成立",
                  "L": "随政办发〔2023〕12号"},
        "P1-M2": {"G": "已办结", "H": "2024/1/10", "I": "相关文件已印发", "L": "随数字办〔2024〕1号"}},
    "随州高新区管委会": {
        "P1-M3": {"G": "已办结", "H": "2024/1/12", "I": "机房建成", "L": "机房验收报告"}},
    "市公安局": {
        "P1-M7": {"G": "推进中", "H": "2024/1/16", "I": "已对接五个系统", "J": "接口标准不统一",
                  "K": "协调统一接口标准"}},
    "市大数据中心": {
        "P1-M4": {"G": "推进中", "H": "2024/1/22", "I": "配合完成部署", "J": "机房空间不足",
                  "K": "申请扩容"}},
    "市卫健委": {
        "P1-M6": {"G": "推进中", "H": "2024/1/25", "I": "平台主体完成", "J": "项目资金未到位",
                  "K": "3月底前完成联调", "M": "2024/4/30", "N": "资金未到位"}},
}
# The order the sheets are imported in: a later-dated report before an earlier one on the
# same item (市大數據中心's 01-22 before 市政數局's 01-18), 市發改委's 2023 date after all.
ORDER = ["市大数据中心", "随县", "市政数局", "市公安局", "随州高新区管委会", "市发改委"]


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The workspace after the month, and the 通报 (markdown, zh-Hans) as of 2024-01-31."""
    from click.testing import CliRunner

    from suizhou_plan.cli import cli

    work = tmp_path_factory.mktemp("month")
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == code, (args, result.output)
        return result.stdout

    import os

    here = os.getcwd()
    os.chdir(work)
    try:
        run("init")
        tasks = work / "plan" / "tasks.yaml"
        text = tasks.read_text(encoding="utf-8")
        anchor = "  verify_within_days: 90"
        assert text.count(anchor) == 1
        tasks.write_text(text.replace(anchor, "  report_cycle: monthly\n  report_cutoff_day: 28\n"
                                              "  reports_from: 2024-01-01\n" + anchor),
                         encoding="utf-8")
        agencies = [a for unit in UNITS for a in ("--agency", unit)]
        run("progress", "template", *agencies, "--out", "台账", "--as-of", "2024-01-05",
            "--lang", "zh-Hans")
        (work / "回收").mkdir()
        for unit, rows in ROWS.items():
            fill(work / "台账" / f"{FILE[unit]}.xlsx", work / "回收" / f"{FILE[unit]}.xlsx", rows)
        for unit in ORDER:
            run("progress", "import", f"回收/{FILE[unit]}.xlsx", "--as-of", "2024-01-27",
                "--lang", "zh-Hans")
        run("progress", "import", "回收/市卫健委.xlsx", "--as-of", AS_OF, "--lang", "zh-Hans")
        office = ["--as-of", AS_OF, "--lang", "zh-Hans"]
        run("progress", "close", "P1-M1", "--date", "2024-01-26", "--opinion", "同意销号",
            "--evidence", "核验意见〔2024〕1号", *office)
        run("progress", "close", "P1-M4", "--date", "2024-01-25", "--opinion", "同意销号",
            "--evidence", "验收意见〔2024〕2号", *office)
        run("progress", "return", "P1-M2", "--date", "2024-01-26", "--reason", "佐证材料不全",
            *office)
        run("progress", "extend", "P1-M6", "--date", AS_OF, "--until", "2024-04-30",
            "--document", "随数字办〔2024〕2号", *office)
        bulletin = run("check", "--as-of", AS_OF, "--format", "markdown", "--lang", "zh-Hans",
                       "--no-cache", code=1)
    finally:
        os.chdir(here)
    return work, bulletin


def test_one_overall_picture(month):
    _, text = month
    [opening, *extension] = section(text, "一、")
    assert opening == (
        "方案确定的督办事项共53项，其中重点任务25项、保障措施5项、发展目标6项、阶段性任务17项。"
        "截至2024年1月31日，已完成3项，按计划推进1项，逾期未完成4项，未报送进展45项；"
        "30天内即将到期0项。其中第三阶段尚未开始，相关事项6项暂不逐项列出。")
    assert extension[0] == "经审核同意延期事项1项："
    assert markdown_tables("\n".join(extension)) == [[{
        "事项": "P1-M6 加快“市区域医疗数字一体化平台”和“社会大数据库能力平台”等项目建设",
        "申请单位": "市卫健委", "时间节点": "原定2023年11月30日，延期至2024年4月30日",
        "批准": "2024年1月31日 随数字办〔2024〕2号"}]]


def test_two_the_overdue_items_under_their_lead_units(month):
    _, text = month
    lines = section(text, "二、")
    assert [line for line in lines if line.startswith("###")] == [
        "### （一）市政数局（2项）", "### （二）市公安局（1项）", "### （三）市发改委（1项）"]
    tables = markdown_tables("\n".join(lines))
    assert [(r["事项"].split()[0], r["逾期天数"], r["最新进展"], r["存在问题"])
            for table in tables for r in table] == [
        ("P1-M5", "62天", "2024年1月20日 已接入二十个单位", "八个单位尚未接入"),
        ("P1-M8", "62天", "", ""),
        ("P1-M7", "62天", "2024年1月16日 已对接五个系统", "接口标准不统一"),
        ("P1-M2", "62天", "2024年1月26日 退回：佐证材料不全", "")]


def test_four_the_units_ranked_by_what_they_lead(month):
    _, text = month
    rows = markdown_tables("\n".join(section(text, "四、")))[0]
    by_unit = {r["责任单位"]: r for r in rows}
    head = ("其中牵头", "其中配合", "牵头逾期", "配合逾期", "牵头按时完成", "退回", "按时报送")
    expected = {
        "市政数局": ("16", "18", "2", "2", "0/3（0%）", "0", "1/1（100%）"),
        "市公安局": ("4", "11", "1", "1", "0/1（0%）", "0", "1/1（100%）"),
        "市发改委": ("9", "7", "1", "0", "1/2（50%）", "1", "1/1（100%）"),
        "随州高新区管委会": ("7", "0", "0", "0", "0/1（0%）", "0", "1/1（100%）"),
        "市卫健委": ("4", "3", "0", "1", "—", "0", "0/1（0%）"),
        "市大数据中心": ("0", "29", "0", "4", "—", "0", "1/1（100%）"),
        "随县人民政府": ("0", "31", "0", "2", "—", "0", "1/1（100%）"),
        "广水市人民政府": ("0", "31", "0", "2", "—", "0", "0/1（0%）"),
    }
    assert {u: tuple(by_unit[u][h] for h in head) for u in expected} == expected
    assert [r["责任单位"] for r in rows[:4]] == ["市政数局", "市公安局", "市发改委", "随州高新区管委会"]
    assert len(rows) == 36
    assert "市政数局、市公安局、市发改委牵头事项逾期未完成，予以通报批评，请于2024年2月15日前整改到位。" \
        in section(text, "四、")
    assert "予以表扬" not in text


def test_five_every_problem_reported_this_month_under_its_unit(month):
    _, text = month
    lines = section(text, "五、")
    assert lines[0] == "### （一）各单位报送的问题"
    problems = lines[1:lines.index("### （二）退回重办事项")]
    assert sorted(problems) == sorted([
        "市政数局（P1-M5 开展市级电子政务外网改造，2024年1月20日）：八个单位尚未接入",
        "随县人民政府（P1-M5 开展市级电子政务外网改造，2024年1月15日）：县级配套资金不足",
        "市公安局（P1-M7 加快各部门业务应用系统与城市中台对接，2024年1月16日）：接口标准不统一",
        "市大数据中心（P1-M4 实施神农云二期建设，2024年1月22日）：机房空间不足",
        "市卫健委（P1-M6 加快“市区域医疗数字一体化平台”和“社会大数据库能力平台”等项目建设，"
        "2024年1月25日）：项目资金未到位"])
    at = lines.index("### （二）退回重办事项")
    assert lines[at + 1] == "“P1-M2 制发相关文件”（牵头单位：市发改委）于2024年1月26日退回重办，理由：佐证材料不全"
    assert lines[at + 2] == "### （三）未按期报送进展"
    missing = lines[at + 3]
    assert missing.startswith("截至2024年1月28日报送截止日，29个单位未报送本期进展：")
    named = missing.split("：", 1)[1].rstrip("。").split("、")
    assert len(named) == 29  # no collective: its members answer for themselves
    assert not {"市政数局", "随县人民政府", "市发改委", "随州高新区管委会", "市公安局", "市大数据中心",
                "市卫健委"} & set(named)
    assert {"广水市人民政府", "曾都区人民政府", "市教育局"} <= set(named)
    assert lines[at + 4] == "逾期报送：市卫健委。"


def test_six_every_next_step_and_what_is_asked(month):
    _, text = month
    asks = section(text, "六、")
    assert asks[:3] == [
        "1.请上述逾期事项（4项）的牵头单位于2024年2月15日前完成整改，并书面报送整改情况。",
        "2.请上述未按期报送本期进展的单位（29个单位）于2024年2月15日前补报。",
        "3.对已开始阶段中尚未报送进展的事项（39项），请相关责任单位于2024年2月15日前补报。"]
    steps = [a.split(".", 1)[1] for a in asks[3:8]]
    assert sorted(steps) == sorted([
        "请市政数局按既定安排推进“P1-M5 开展市级电子政务外网改造”：二月底前完成接入",
        "请随县人民政府按既定安排推进“P1-M5 开展市级电子政务外网改造”：申请配套资金",
        "请市公安局按既定安排推进“P1-M7 加快各部门业务应用系统与城市中台对接”：协调统一接口标准",
        "请市大数据中心按既定安排推进“P1-M4 实施神农云二期建设”：申请扩容",
        "请市卫健委按既定安排推进“P1-M6 加快“市区域医疗数字一体化平台”和“社会大数据库能力平台”"
        "等项目建设”：3月底前完成联调"])
    assert asks[8].startswith("数据来源：")


def test_the_ledger_keeps_every_entry_once_in_date_order_with_its_file(month):
    import yaml

    work, _ = month
    plan = yaml.safe_load((work / "plan" / "tasks.yaml").read_text(encoding="utf-8"))
    p1 = {m["id"]: m.get("progress", []) for m in plan["phases"][0]["milestones"]}
    assert [(e["date"], e["status"], e["by"]) for e in p1["P1-M4"]] == [
        (date(2024, 1, 18), "reported-done", "市政數局"),
        (date(2024, 1, 22), "in-progress", "市大數據中心"),
        (date(2024, 1, 25), "verified", "市政數局")]
    assert [(e["date"], e["received"]) for e in p1["P1-M1"]] == [
        (date(2023, 11, 25), date(2024, 1, 27)), (date(2024, 1, 26), date(2024, 1, 31))]
    assert p1["P1-M4"][1]["source"]["file"] == "回收/市大数据中心.xlsx"
    assert len(p1["P1-M4"][1]["source"]["sha256"]) == 64
    assert [(e["status"], e.get("until")) for e in p1["P1-M6"]] == [
        ("in-progress", None), ("extension-requested", date(2024, 4, 30)),
        ("extension-approved", date(2024, 4, 30))]
    assert p1["P1-M8"] == []
