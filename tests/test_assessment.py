"""The assessment (考核) of a quarter on a small plan written here, every figure worked out
by hand below (never by the product's own functions): as lead and as supporting unit, items
due, done on time, overdue, returns, extensions; reports per month; as data, JSON, CSV, the
terminal table, and an Excel workbook that LibreOffice prints to PDF and pdftotext reads
back."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import date
from pathlib import Path

import external
import pytest
from openpyxl import load_workbook
from small_plan import AGENCIES

from suizhou_plan.load import load_plan
from suizhou_plan.views.assessment import Rate, assess
from suizhou_plan.views.index import PlanIndex, build_index

OFFICE_UNIT = "  - id: office\n    name: 數字隨州辦\n    kind: municipal-department\n"


def _task(tid: str, n: int, units: str, due: str, entries: list[str]) -> str:
    text = (f"  - id: {tid}\n    number: {n}\n    kind: task\n    section: 數字經濟\n"
            f"    title: 任務{n}\n    text: 任務{n}。\n    units: {units}\n    due: {due}\n")
    if entries:
        text += "    progress:\n" + "".join(f"      - {e}\n" for e in entries)
    return text


# The quarter assessed: 2024-01-01 to 2024-03-31, monthly reports by the 28th.  Its months:
# January 2023-12-29..2024-01-28, February 2024-01-29..02-28, March 2024-02-29..03-28.
TASKS = [
    # T01 市政數局 leads, 市大數據中心 supports; due 01-31; done 01-20, closed 01-25: on time.
    # 市大數據中心's January report (01-10) was recorded on 02-02: late.
    _task("T01", 1, "[市政數局, 市大數據中心]", "2024-01-31", [
        "{date: 2024-01-10, status: in-progress, by: 市大數據中心, received: 2024-02-02}",
        "{date: 2024-01-20, status: reported-done, by: 市政數局, evidence: [驗收報告]}",
        "{date: 2024-01-25, status: verified, by: 數字隨州辦, evidence: [驗收報告]}",
    ]),
    # T02 市大數據中心 leads; due 02-15; done 02-10, returned 02-12, done again 02-20: late.
    _task("T02", 2, "[市大數據中心, 市政數局]", "2024-02-15", [
        "{date: 2024-02-10, status: reported-done, by: 市大數據中心}",
        "{date: 2024-02-12, status: returned, by: 數字隨州辦, reason: 佐證材料不全}",
        "{date: 2024-02-20, status: reported-done, by: 市大數據中心}",
    ]),
    # T03 市政數局 alone; planned 01-15, extended (applied 01-10, approved 01-12) to 03-31;
    # still in progress on 03-31: overdue.
    _task("T03", 3, "[市政數局]", "2024-01-15", [
        "{date: 2024-01-10, status: extension-requested, by: 市政數局, until: 2024-03-31,"
        " reason: 設備未到貨}",
        "{date: 2024-01-12, status: extension-approved, by: 數字隨州辦, until: 2024-03-31}",
        "{date: 2024-03-20, status: in-progress, by: 市政數局}",
    ]),
    # T04 the counties lead (each member), 市政數局 supports; due 03-10; 隨縣 done 03-01,
    # 廣水市 done 03-05 (recorded 03-30: late for March): all done 03-05, on time.
    _task("T04", 4, "[各縣、市、區人民政府, 市政數局]", "2024-03-10", [
        "{date: 2024-03-01, status: reported-done, by: 隨縣人民政府}",
        "{date: 2024-03-05, status: reported-done, by: 廣水市人民政府, received: 2024-03-30}",
    ]),
    # T05 隨州市人民政府; due 06-30, not in the quarter; its February report came late.
    _task("T05", 5, "[隨州市人民政府]", "2024-06-30", [
        "{date: 2024-02-27, status: in-progress, by: 隨州市人民政府, received: 2024-03-02}",
    ]),
    # T06 市政數局 leads, 市大數據中心 supports; due 02-29; a late application (03-05)
    # refused (03-08); done 04-02, after the quarter: overdue, not done.
    _task("T06", 6, "[市政數局, 市大數據中心]", "2024-02-29", [
        "{date: 2024-03-05, status: extension-requested, by: 市政數局, until: 2024-05-31,"
        " reason: 資金未到位}",
        "{date: 2024-03-08, status: extension-refused, by: 數字隨州辦, reason: 理由不充分}",
        "{date: 2024-04-02, status: reported-done, by: 市政數局}",
    ]),
]


def write_plan(folder: Path, tasks: list[str] = TASKS) -> Path:
    """The plan; milestone M1 (of T01: 市政數局 leads, 市大數據中心 supports) falls due in
    2025, outside the quarter."""
    plan = folder / "plan"
    plan.mkdir(parents=True, exist_ok=True)
    (plan / "agencies.yaml").write_text(AGENCIES + OFFICE_UNIT, encoding="utf-8")
    (plan / "tasks.yaml").write_text(
        "schema_version: 1\nplan:\n  title: 數字隨州建設實施方案\n  issuer: 隨州市人民政府\n"
        "  issued: 2021-11-12\n"
        "supervision:\n  report_cycle: monthly\n  report_cutoff_day: 28\n  office: 數字隨州辦\n"
        "  due_soon_days: 30\n"
        "sections:\n  - id: economy\n    name: 數字經濟\n"
        "phases:\n  - id: P1\n    number: 1\n    start: 2021-11-01\n    end: 2025-11-30\n"
        "    milestones:\n      - id: M1\n        title: 建成產業園\n        tasks: [T01]\n"
        "        due: 2025-06-30\n"
        "tasks:\n" + "".join(tasks), encoding="utf-8")
    return plan


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_plan(tmp_path)


def _index(plan: Path) -> PlanIndex:
    loaded = load_plan(plan)
    assert loaded.ok
    return build_index(loaded)


FIRST, LAST = date(2024, 1, 1), date(2024, 3, 31)

# By hand, from the comments above.  Lead / support: (due, on time, overdue).
EXPECTED = {
    # leads T01 (on time), T03 (overdue), T06 (overdue); supports T02 (late), T04 (on time).
    # Reports: January T01 done 01-20 and T03 application 01-10; February none; March T03
    # 03-20 and the T06 application 03-05.  Applications: T03 (in time), T06 (late);
    # approved: T03.
    "市政數局": {"lead": (3, 1, 2), "support": (2, 1, 1), "returns": 0,
             "applied": 2, "late_applied": 1, "approved": 1,
             "reports": (3, 2, 0, 1), "held": (4, 2)},
    # leads T02 (done late, returned once); supports T01 (on time), T06 (overdue).
    # Reports: January late (recorded 02-02), February T02, March none.
    "市大數據中心": {"lead": (1, 0, 1), "support": (2, 1, 1), "returns": 1,
               "applied": 0, "late_applied": 0, "approved": 0,
               "reports": (3, 1, 1, 1), "held": (1, 3)},
    # the counties lead T04 (on time); January and February missing; March: on time for
    # 隨縣, late for 廣水市.
    "隨縣人民政府": {"lead": (1, 1, 0), "support": (0, 0, 0), "returns": 0,
               "applied": 0, "late_applied": 0, "approved": 0,
               "reports": (3, 1, 0, 2), "held": (1, 0)},
    "廣水市人民政府": {"lead": (1, 1, 0), "support": (0, 0, 0), "returns": 0,
                "applied": 0, "late_applied": 0, "approved": 0,
                "reports": (3, 0, 1, 2), "held": (1, 0)},
    # T05 not due in the quarter: no rate.  February late, January and March missing.
    "隨州市人民政府": {"lead": (0, 0, 0), "support": (0, 0, 0), "returns": 0,
                "applied": 0, "late_applied": 0, "approved": 0,
                "reports": (3, 0, 1, 2), "held": (1, 0)},
}


def test_every_figure_as_worked_out_by_hand(plan):
    result = assess(_index(plan), FIRST, LAST)
    assert [p.cutoff for p in result.periods] == [date(2024, 1, 28), date(2024, 2, 28),
                                                   date(2024, 3, 28)]
    # T01, T02, T03 (date in force 03-31), T04, T06; on time T01 and T04
    assert (result.due, result.on_time, result.overdue) == (5, 2, 3)
    assert [o.item.id for o in result.outcomes] == ["T01", "T02", "T06", "T04", "T03"]
    got = {}
    for unit in result.units:
        got[unit.unit.name] = {
            "lead": (unit.lead.due, unit.lead.on_time, unit.lead.overdue),
            "support": (unit.support.due, unit.support.on_time, unit.support.overdue),
            "returns": len(unit.lead.returns),
            "applied": len(unit.lead.applied) + len(unit.support.applied),
            "late_applied": unit.lead.applied_late + unit.support.applied_late,
            "approved": len(unit.lead.approved) + len(unit.support.approved),
            "reports": (unit.reports.due, unit.reports.on_time, unit.reports.late,
                        unit.reports.missing),
            "held": (unit.lead.held, unit.support.held),
        }
    # the office holds nothing; nor do the renamed bureaus; no collective, no placeholder
    assert got == EXPECTED
    dsj = next(u for u in result.units if u.unit.name == "市政數局")
    assert dsj.lead.rate == Rate(1, 3) and dsj.lead.rate.percent == 33.3
    assert (dsj.lead.done_late, dsj.lead.still_open) == (0, 2)
    bdc = next(u for u in result.units if u.unit.name == "市大數據中心")
    assert (bdc.lead.done_late, bdc.lead.still_open) == (1, 0)
    assert [(r.item.id, r.on, r.reason) for r in bdc.lead.returns] == [
        ("T02", date(2024, 2, 12), "佐證材料不全")]
    gov = next(u for u in result.units if u.unit.name == "隨州市人民政府")
    assert gov.lead.rate.value is None and gov.lead.rate.percent is None


def test_an_entry_after_the_span_changes_nothing_in_it(plan, tmp_path):
    """T06 was reported done on 04-02: assessed to 04-30 it is done, late."""
    april = assess(_index(plan), FIRST, date(2024, 4, 30))
    dsj = next(u for u in april.units if u.unit.name == "市政數局")
    assert (dsj.lead.due, dsj.lead.on_time, dsj.lead.done_late, dsj.lead.still_open) == (
        3, 1, 1, 1)
    # an extension approved after the span does not move a date inside it
    later = write_plan(tmp_path / "later", [*TASKS[:5], TASKS[5].replace(
        "status: extension-refused, by: 數字隨州辦, reason: 理由不充分",
        "status: extension-approved, by: 數字隨州辦, until: 2024-05-31").replace(
        "2024-03-08", "2024-04-08")])
    result = assess(_index(later), FIRST, LAST)
    assert "T06" in [o.item.id for o in result.outcomes]  # still due 02-29 in March
    moved = assess(_index(later), FIRST, date(2024, 4, 30))
    assert "T06" not in [o.item.id for o in moved.outcomes]  # due 05-31 from 04-08
    dsj = next(u for u in moved.units if u.unit.name == "市政數局")
    assert [a.entry.date for a in dsj.lead.approved] == [date(2024, 1, 12), date(2024, 4, 8)]


def test_rates_round_half_up_to_one_decimal():
    assert Rate(2, 3).percent == 66.7
    assert Rate(1, 8).percent == 12.5
    assert Rate(1, 16).percent == 6.3  # 6.25
    assert Rate(0, 0).percent is None


def _run_json(run_cli, plan: Path) -> dict:
    result = run_cli("assess", "--plan", str(plan), "--from", "2024-01-01", "--to",
                     "2024-03-31", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_json_gives_the_figures_and_the_items_behind_them(run_cli, plan):
    data = _run_json(run_cli, plan)
    assert (data["from"], data["to"], data["cycle"], data["cutoff_day"]) == (
        "2024-01-01", "2024-03-31", "monthly", 28)
    assert data["items"]["rate"] == {"numerator": 2, "denominator": 5, "percent": 40.0}
    units = {u["name"]: u for u in data["units"]}
    assert list(units) == ["隨州市人民政府", "市政數局", "市大數據中心", "隨縣人民政府",
                           "廣水市人民政府"]  # registry order
    dsj = units["市政數局"]
    assert dsj["lead"]["items_on_time"] == ["T01"]
    assert dsj["lead"]["items_overdue"] == ["T06", "T03"]
    assert dsj["lead"]["rate"] == {"numerator": 1, "denominator": 3, "percent": 33.3}
    assert (dsj["lead"]["extensions_applied"], dsj["lead"]["extensions_applied_late"],
            dsj["lead"]["extensions_approved"]) == (2, 1, 1)
    assert [(p["number"], p["state"], p["received"]) for p in dsj["reports"]["periods"]] == [
        (1, "on-time", "2024-01-10"), (2, "missing", None), (3, "on-time", "2024-03-05")]
    assert units["市大數據中心"]["lead"]["returns"] == [
        {"item": "T02", "on": "2024-02-12", "reason": "佐證材料不全"}]
    assert units["隨州市人民政府"]["lead"]["rate"] == {"numerator": 0, "denominator": 0,
                                                   "percent": None}


def test_csv_in_chinese_neutralises_formulas_and_reads_back(run_cli, plan, tmp_path):
    out = tmp_path / "考核.csv"
    result = run_cli("assess", "--plan", str(plan), "--from", "2024-01-01", "--to",
                     "2024-03-31", "--out", str(out), "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"已生成 {out}\n"
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert rows[0][:6] == ["单位编号", "责任单位", "牵头事项·到期", "牵头事项·按时完成",
                           "牵头事项·按时完成率", "牵头事项·逾期"]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["市政数局"] == ["gov-data", "市政数局", "3", "1", "1/3（33.3%）", "2", "0",
                                "2", "1", "2", "1", "1/2（50.0%）", "1", "0", "0",
                                "3", "2", "0", "1", "2/3（66.7%）"]
    assert by_name["随州市人民政府"][2:5] == ["0", "0", "—"]
    # a unit whose name starts like a formula is written as text
    hostile = write_plan(tmp_path / "hostile")
    (hostile / "agencies.yaml").write_text(
        (hostile / "agencies.yaml").read_text(encoding="utf-8").replace(
            "name: 市政數局", "name: \"=HYPERLINK(1)\""), encoding="utf-8")
    (hostile / "tasks.yaml").write_text(
        (hostile / "tasks.yaml").read_text(encoding="utf-8").replace(
            "市政數局", "\"=HYPERLINK(1)\""), encoding="utf-8")
    result = run_cli("assess", "--plan", str(hostile), "--from", "2024-01-01", "--to",
                     "2024-03-31", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "\ngov-data,'=HYPERLINK(1),3,1," in result.stdout


def test_the_terminal_table(run_cli, plan):
    result = run_cli("assess", "--plan", str(plan), "--from", "2024-01-01", "--to",
                     "2024-03-31", "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "责任单位考核情况：数字随州建设实施方案",
        "考核期间：2024年1月1日至2024年3月31日；进展每月28日前报送",
        "到期事项5项，按时完成2项，逾期3项；按时完成率2/5（40.0%）",
    ]
    row = next(line for line in lines if line.startswith("市大数据中心"))
    assert row.split() == ["市大数据中心", "0/1（0.0%）", "1", "1", "1/2（50.0%）", "1", "0/0",
                           "1/3（33.3%）", "1", "1"]


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2024-03-31", "--to", "2024-01-01"),
     "--to 2024-01-01 is before --from 2024-03-31"),
    (("--from", "2024-01-01", "--to", "2024-03-31", "--format", "xlsx"),
     "--format xlsx writes a workbook: add --out FILE.xlsx"),
    (("--from", "2024/01/01", "--to", "2024-03-31"), "type 2024-01-01"),
    (("--to", "2024-03-31",), "Missing option '--from'"),
    (("--from", "2024-01-01", "--to", "2024-03-31", "--out", "考核.xls"),
     "--out 考核.xls: name the file .xlsx, .csv or .json, or say which with --format"),
])
def test_usage_errors(run_cli, plan, args, message):
    result = run_cli("assess", "--plan", str(plan), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_plan_that_cannot_be_read_is_refused_in_the_readers_language(run_cli, plan):
    (plan / "tasks.yaml").write_text("schema_version: 1\nplan: [\n", encoding="utf-8")
    result = run_cli("assess", "--plan", str(plan), "--from", "2024-01-01", "--to",
                     "2024-03-31", "--lang", "zh-Hans")
    assert result.exit_code == 1
    assert result.stderr.rstrip().endswith("方案无法读取：请先修正（运行 `suizhou validate`）")


# --- The workbook ------------------------------------------------------------------------


def _workbook(run_cli, plan: Path, out: Path, lang: str = "zh-Hans"):
    result = run_cli("assess", "--plan", str(plan), "--from", "2024-01-01", "--to",
                     "2024-03-31", "--out", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output
    return load_workbook(out)


def test_the_workbook_has_real_cells_a_frozen_header_and_a4_landscape(run_cli, plan, tmp_path):
    wb = _workbook(run_cli, plan, tmp_path / "考核.xlsx")
    assert wb.sheetnames == ["考核汇总", "到期事项", "报送情况"]
    ws = wb["考核汇总"]
    assert ws["A1"].value == "责任单位考核情况：数字随州建设实施方案"
    assert [c.value for c in ws[4]][:3] == ["责任单位", "牵头事项", None]
    assert [c.value for c in ws[5]] == [
        None, "到期", "按时完成", "按时完成率", "逾期", "被退回", "申请延期", "批准延期",
        "到期", "按时完成", "按时完成率", "逾期", "申请延期", "批准延期",
        "应报送", "按时", "迟报", "未报", "按时报送率"]
    assert "B4:H4" in {str(r) for r in ws.merged_cells.ranges}
    rows = {r[0]: r for r in ws.iter_rows(min_row=6, max_row=10, values_only=True)}
    assert rows["市政数局"] == ("市政数局", 3, 1, "1/3（33.3%）", 2, 0, 2, 1, 2, 1, "1/2（50.0%）",
                              1, 0, 0, 3, 2, 0, 1, "2/3（66.7%）")
    assert isinstance(ws["B6"].value, int)  # numbers are numbers
    assert ws.freeze_panes == "B6"
    assert ws.print_title_rows == "$4:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    items = wb["到期事项"]
    t03 = next(r for r in items.iter_rows(min_row=4, values_only=True) if r[0].startswith("T03"))
    assert t03[1:3] == ("市政数局", None)
    assert (t03[3].date(), t03[4].date(), t03[5], t03[6]) == (
        date(2024, 1, 15), date(2024, 3, 31), None, "逾期未完成")
    reports = [r for r in wb["报送情况"].iter_rows(min_row=4, values_only=True)]
    assert reports[-1][:3] == ("广水市人民政府", "2024年3月", "2024年2月29日至2024年3月28日")
    assert reports[-1][4:5] == ("迟报",) and reports[-1][5].date() == date(2024, 3, 30)


def test_libreoffice_prints_the_workbook_with_the_hand_worked_figures(run_cli, plan, tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    _workbook(run_cli, plan, tmp_path / "kaohe.xlsx")
    done = subprocess.run(
        [str(soffice), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "kaohe.xlsx")],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "kaohe.pdf"
    info = subprocess.run([str(pdftotext.with_name("pdfinfo")), str(pdf)], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    assert "841.89 x 595.304 pts (A4)" in info  # landscape
    text = subprocess.run([str(pdftotext), "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    assert "责任单位考核情况：数字随州建设实施方案" in text
    rows = {}
    for line in text.splitlines():
        cells = line.split()
        if cells and cells[0] in ("市政数局", "市大数据中心", "随县人民政府", "广水市人民政府",
                                  "随州市人民政府", "数字随州办", "各县、市、区人民政府"):
            rows[cells[0]] = cells[1:]
    # exactly these units (the office, the collective and the placeholder hold nothing)
    assert set(rows) == {"市政数局", "市大数据中心", "随县人民政府", "广水市人民政府",
                         "随州市人民政府"}
    # the figures, as worked out by hand in EXPECTED
    for name, (expected_name) in [("市政数局", "市政數局"), ("市大数据中心", "市大數據中心"),
                                  ("随县人民政府", "隨縣人民政府"),
                                  ("广水市人民政府", "廣水市人民政府"),
                                  ("随州市人民政府", "隨州市人民政府")]:
        e = EXPECTED[expected_name]
        lead, support, reports = e["lead"], e["support"], e["reports"]

        def rate(on: int, due: int) -> str:
            return "—" if not due else f"{on}/{due}（{round(on * 100 / due, 1):.1f}%）"

        figures = [lead[0], lead[1], rate(lead[1], lead[0]), lead[2], e["returns"]]
        figures += [e["applied"], e["approved"]] if name == "市政数局" else [0, 0]
        figures += [support[0], support[1], rate(support[1], support[0]), support[2], 0, 0]
        figures += [*reports, rate(reports[1], reports[0])]
        assert rows[name] == [str(f) for f in figures], name
    flat = re.sub(r"\s+", "", text)
    assert "到期事项5项，按时完成2项，逾期3项；按时完成率2/5（40.0%）" in flat


def test_english_workbook(run_cli, plan, tmp_path):
    wb = _workbook(run_cli, plan, tmp_path / "assessment.xlsx", lang="en")
    assert wb.sheetnames == ["Assessment", "Items due", "Reports"]
    ws = wb["Assessment"]
    assert ws["A3"].value == ("5 items fell due; 2 done on time, 3 overdue; on-time rate 2/5 "
                              "(40.0%)")
    row = next(r for r in ws.iter_rows(min_row=6, values_only=True) if r[0] == "市政數局")
    assert row[3] == "1/3 (33.3%)"
