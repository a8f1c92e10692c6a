"""Duty lists as Excel workbooks: real dates, words for statuses and lights, a frozen and
filtered header, columns wide enough for Chinese, files named by unit, no formulas."""

from __future__ import annotations

import json
from datetime import datetime

from openpyxl import load_workbook
from test_output_escapes import HOSTILE, LEAD, hostile_plan  # noqa: F401  (a fixture)

from suizhou_plan.base.file_names import file_names, safe_stem
from suizhou_plan.base.textwidth import width

AS_OF = "2024-01-15"


def duties_json(run_cli, *args: str) -> dict:
    result = run_cli("duties", *args, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_one_units_workbook_has_dates_words_a_frozen_filtered_header(run_cli, tmp_path):
    out = tmp_path / "清單.xlsx"
    result = run_cli("duties", "市政数局", "--format", "xlsx", "--out", str(out), "--as-of",
                     AS_OF, "--lang", "zh-Hant")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"已生成 {out}\n"  # said in the reader's language
    wb = load_workbook(out)
    assert wb.sheetnames == ["市政數局"]
    ws = wb["市政數局"]
    assert ws["A1"].value == "市政數局 責任清單（截至2024年1月15日）"
    assert ws["A2"].value == "牽頭 16 項 · 配合 18 項 · 未完成 34 項 · 逾期 7 項"
    assert duties_json(run_cli, "市政数局")["agencies"][0]["counts"] == {
        "lead": 16, "support": 18, "complete": 0, "on_schedule": 0, "overdue": 7, "unknown": 27,
        "open": 34, "total": 34}
    assert [c.value for c in ws[3]] == [
        "編號", "事項", "類型", "角色", "經由", "板塊", "關聯事項", "時間節點", "逾期天數", "狀態",
        "燈", "其他單位（牽頭在前）", "最新進展日期", "最新進展"]
    assert ws.freeze_panes == "A4"
    expected = duties_json(run_cli, "市政数局")["agencies"][0]["duties"]
    assert ws.auto_filter.ref == f"A3:N{3 + len(expected)}"
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == [d["item"] for d in expected]
    p1m4 = next(r for r in rows if r[0] == "P1-M4")
    assert p1m4[:11] == ("P1-M4", "實施神農雲二期建設", "階段性任務", "牽頭", None, "數字政府", "P1",
                         datetime(2023, 11, 30), 46, "未報送", "✖ 紅燈")
    assert ws["H4"].is_date and ws["H4"].number_format == "yyyy-mm-dd"
    # widths count a CJK character as two columns
    kinds = [c.value for c in ws["C"][2:]]
    assert ws.column_dimensions["C"].width == max(width(k) for k in kinds) + 2 == 12
    others = [c.value or "" for c in ws["L"][2:]]
    assert ws.column_dimensions["L"].width == min(max(width(o) for o in others), 60) + 2
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$3"


def test_english_words_when_asked(run_cli, tmp_path):
    out = tmp_path / "list.xlsx"
    assert run_cli("duties", "市政數局", "--format", "xlsx", "--out", str(out), "--as-of",
                   AS_OF, "--lang", "en").exit_code == 0
    ws = load_workbook(out).active
    assert ws["A1"].value == "市政數局 duty list (as of 2024-01-15)"
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "P1-M4")
    assert row[2:4] == ("milestone", "lead") and row[9:11] == ("unknown", "✖ red")


def test_all_units_get_a_workbook_named_by_the_unit_and_a_summary(run_cli, tmp_path):
    out = tmp_path / "lists"
    result = run_cli("duties", "--all", "--format", "xlsx", "--out", str(out), "--as-of",
                     AS_OF, "--lang", "zh-Hant")
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"市政數局.xlsx", "曾都區人民政府.xlsx", "責任清單彙總.xlsx"} <= names
    summary = load_workbook(out / "責任清單彙總.xlsx")
    assert summary.sheetnames[0] == "彙總"
    assert len(summary.sheetnames) == len(names)  # a sheet per unit, and the overview
    counts = duties_json(run_cli, "市政數局")["agencies"][0]["counts"]
    overview = {r[0]: r[1:] for r in summary["彙總"].iter_rows(min_row=4, values_only=True)}
    assert overview["市政數局"] == ("gov-data", counts["lead"], counts["support"],
                                   counts["open"], counts["overdue"])
    one = load_workbook(out / "市政數局.xlsx")["市政數局"]
    same = summary["市政數局"]
    assert list(one.iter_rows(values_only=True)) == list(same.iter_rows(values_only=True))


def test_xlsx_needs_a_file_to_write(run_cli):
    result = run_cli("duties", "市政數局", "--format", "xlsx", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: add --out FILE.xlsx (or --all --out DIR)" in (
        result.stderr)
    wrong = run_cli("duties", "市政數局", "--format", "xlsx", "--out", "list.csv")
    assert wrong.exit_code == 2
    assert "--out list.csv: name the file FILE.xlsx" in wrong.stderr


def test_plan_text_never_becomes_a_formula_or_a_control_character(run_cli, hostile_plan,  # noqa: F811
                                                                  tmp_path):
    out = tmp_path / "hostile.xlsx"
    result = run_cli("duties", LEAD, "evil", "--plan", str(hostile_plan), "--format", "xlsx",
                     "--out", str(out), "--as-of", AS_OF, "--lang", "zh-Hant")
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    shown = (HOSTILE.replace("\x1b", "\\x1b").replace("\x9b", "\\x9b")
             .replace("\u202e", "\\u202e"))
    title = next(row[1] for row in wb[LEAD].iter_rows(min_row=4) if row[0].value == "P1-M3")
    assert title.value == shown
    assert title.data_type == "s" and title.quotePrefix
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not any(ch in cell.value for ch in "\x1b\x9b\u202e")
    assert "evil" not in wb.sheetnames and len(wb.sheetnames) == 2
    evil_sheet = wb.sheetnames[1]
    assert evil_sheet == '=HYPERLINK("http___evil.example'  # 31 characters, none of []:*?/\
    assert len(evil_sheet) == 31


def test_file_names_are_safe_on_windows_and_distinct_regardless_of_case():
    assert safe_stem("市政數局") == "市政數局"
    assert safe_stem('a/b:c*d?"e<f>g|h\\i') == "a_b_c_d__e_f_g_h_i"
    assert safe_stem("CON") == "_CON" and safe_stem("nul.backup") == "_nul.backup"
    assert safe_stem("name. ") == "name" and safe_stem("...") == "_"
    # nothing that hides itself or turns the rest of the name around (報告lmth.docx)
    assert safe_stem("報告\u202excod.html") == "報告_xcod.html" and safe_stem("a\u200bb") == "a_b"
    assert file_names(["市政數局", "Unit", "unit", "責任清單彙總"], "xlsx",
                      reserved=["責任清單彙總.xlsx"]) == [
        "市政數局.xlsx", "Unit.xlsx", "unit-2.xlsx", "責任清單彙總-2.xlsx"]
