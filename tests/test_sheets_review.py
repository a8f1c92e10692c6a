"""The office's review sheet (`progress template --office`): one row per item waiting for
its decision, the decisions typed back (銷號, 退回, 同意延期, 不同意延期) and imported through
the one append path, as `progress close/return/extend/refuse` would write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ledger_oracle import ledger
from openpyxl import load_workbook

from suizhou_plan.ops.workspace import make_key

AS_OF = "2024-01-20"
HIGH_TECH = "隨州高新區管委會"
OFFICE = "市政數局"  # the leading group's office in the bundled plan


@pytest.fixture
def waiting(run_cli, plan_copy: Path) -> Path:
    """The office's workspace where T01 and T02 are reported done and T03 asks for time."""
    make_key(plan_copy)
    args = ("--plan", str(plan_copy), "--as-of", AS_OF)
    for item, day, note, evidence in (("T01", "2024-01-10", "園區一期完工", "驗收報告"),
                                      ("T02", "2024-01-11", "運營公司成立", "營業執照")):
        assert run_cli("progress", "add", item, "--status", "reported-done", "--date", day,
                       "--by", HIGH_TECH, "--note", note, "--evidence", evidence, *args
                       ).exit_code == 0
    assert run_cli("progress", "apply", "T03", "--by", HIGH_TECH, "--until", "2026-06-30",
                   "--reason", "招商周期長", "--note", "三家企業在談", "--date", "2024-01-12",
                   *args).exit_code == 0
    return plan_copy


def review_sheet(run_cli, plan: Path, lang: str = "zh-Hans") -> Path:
    result = run_cli("progress", "template", "--office", "--plan", str(plan), "--out", "review",
                     "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 0, result.output
    [made] = list(Path("review").iterdir())
    return made


def decide(sheet: Path, out: Path, rows: dict[str, dict[str, object]]) -> dict[str, int]:
    """The office fills in its decisions, in the open cells only."""
    wb = load_workbook(sheet)
    ws = wb[wb.sheetnames[0]]
    where = {ws[f"A{r}"].value: r for r in range(6, ws.max_row + 1)}
    for item, cells in rows.items():
        for letter, value in cells.items():
            cell = ws[f"{letter}{where[item]}"]
            assert cell.protection.locked is False, f"{letter}{where[item]} is locked"
            cell.value = value
    for ref, text in {"B3": "王五", "F3": "0722-3250000", "I3": "赵六"}.items():
        ws[ref] = text
    wb.save(out)
    return {item: where[item] for item in rows}


def test_the_review_sheet_lists_what_waits_for_the_office(run_cli, waiting):
    result = run_cli("progress", "template", "--office", "--plan", str(waiting), "--out",
                     "review", "--as-of", AS_OF, "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    assert result.stdout == "review/市政数局审核表.xlsx：3项待督办办公室决定\n"
    assert result.stderr == ""  # signed with the office's key
    wb = load_workbook("review/市政数局审核表.xlsx")
    assert wb.sheetnames == ["审核", "_suizhou"]
    ws = wb["审核"]
    assert ws["A1"].value == "市政数局 待审核事项（2024年1月20日制表）"
    assert [c.value for c in ws[5]] == ["编号", "事项", "牵头单位", "时间节点", "报送或申请内容",
                                        "佐证材料或理由", "审核决定", "决定日期", "审核意见或理由",
                                        "申请延期至", "文号或依据"]
    assert [[c.value for c in row][:6] for row in ws.iter_rows(min_row=6)] == [
        ["T01", "建设大数据产业园", "随州高新区管委会", ws["D6"].value,
         "2024-01-10 随州高新区管委会：园区一期完工", "佐证材料：验收报告"],
        ["T02", "提升数字运营能力", "随州高新区管委会", ws["D7"].value,
         "2024-01-11 随州高新区管委会：运营公司成立", "佐证材料：营业执照"],
        ["T03", "培育数字园区生态", "随州高新区管委会", ws["D8"].value,
         "2024-01-12 随州高新区管委会：申请延期至 2026-06-30", "延期理由：招商周期长"]]
    for r in (6, 7, 8):
        assert all(ws[f"{c}{r}"].protection.locked for c in "ABCDEF")
        assert not any(ws[f"{c}{r}"].protection.locked for c in "GHIJK")
    [decision] = ws.data_validations.dataValidation
    assert decision.formula1 == '"销号,退回,同意延期,不同意延期"'
    assert str(decision.sqref) == "G6:G8"
    pairs = {r[0]: r[1] for r in wb["_suizhou"].iter_rows(max_col=2, values_only=True)}
    assert (pairs["kind"], pairs["unit_id"], pairs["unit_name"]) == (
        "suizhou review sheet", "gov-data", OFFICE)
    assert len(pairs["signature"]) == 64


def test_the_offices_decisions_are_imported_as_its_entries(run_cli, waiting):
    sheet = review_sheet(run_cli, waiting)
    rows = decide(sheet, Path("decided.xlsx"), {
        "T01": {"G": "销号", "H": "2024-01-18", "I": "验收材料齐全，同意销号", "K": "随数字办〔2024〕2号"},
        "T02": {"G": "退回", "H": "2024-01-18", "I": "缺少运营合同"},
        "T03": {"G": "同意延期", "H": "2024-01-19", "K": "随数字办〔2024〕3号"},  # to the date asked
    })
    result = run_cli("progress", "import", "decided.xlsx", "--plan", str(waiting), "--as-of",
                     AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"T01: recorded the office's decision (verified) of 2024-01-18 by {OFFICE} "
        f"(decided.xlsx!审核!G{rows['T01']})",
        f"T02: recorded the office's decision (returned) of 2024-01-18 by {OFFICE} "
        f"(decided.xlsx!审核!G{rows['T02']})",
        f"T03: recorded the office's decision (extension approved) of 2024-01-19 by {OFFICE} "
        f"(decided.xlsx!审核!G{rows['T03']})"]
    t01, t02, t03 = (ledger(waiting, i)[-1] for i in ("T01", "T02", "T03"))
    assert (t01["status"], t01["by"], t01["note"], t01["evidence"]) == (
        "verified", OFFICE, "验收材料齐全，同意销号", ["随数字办〔2024〕2号"])
    assert (t02["status"], t02["reason"]) == ("returned", "缺少运营合同")
    assert (t03["status"], t03["until"], t03["evidence"]) == (
        "extension-approved", date(2026, 6, 30), ["随数字办〔2024〕3号"])
    assert t01["source"]["file"] == "decided.xlsx"
    lights = run_cli("progress", "show", "T01", "--plan", str(waiting))
    assert "verified" in lights.stdout
    again = run_cli("progress", "template", "--office", "--plan", str(waiting), "--out", "next",
                    "--as-of", AS_OF)
    assert again.stdout == "nothing waits for the office's decision on 2024-01-20: no review " \
                           "sheet written\n"
    assert not Path("next").exists()


def test_a_decision_without_what_it_needs_is_refused_at_its_cell(run_cli, waiting):
    rows = decide(review_sheet(run_cli, waiting), Path("decided.xlsx"), {
        "T01": {"G": "销号", "H": "2024-01-18", "I": "同意"},           # no document
        "T02": {"G": "退回", "H": "2024-01-18"},                       # no reason
        "T03": {"G": "推进中", "H": "2024-01-19"},                     # a unit's word
    })
    before = (waiting / "tasks.yaml").read_bytes()
    result = run_cli("progress", "import", "decided.xlsx", "--plan", str(waiting), "--as-of",
                     AS_OF, "--lang", "zh-Hans")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "：错误：" in line] == [
        f"decided.xlsx!审核!K{rows['T01']}：错误：销号须写明依据：文号或佐证材料 "
        "[decision-needs-evidence]",
        f"decided.xlsx!审核!I{rows['T02']}：错误：退回须写明理由 [decision-needs-reason]",
        f"decided.xlsx!审核!G{rows['T03']}：错误：「推进中」不是审核表中督办办公室可作出的决定 "
        "[not-a-decision]"]
    assert (waiting / "tasks.yaml").read_bytes() == before


def test_a_decision_on_what_does_not_wait_is_refused_by_the_ledgers_rules(run_cli, waiting):
    """T03 waits for a decision on its application, not for a closing."""
    rows = decide(review_sheet(run_cli, waiting), Path("decided.xlsx"), {
        "T03": {"G": "销号", "H": "2024-01-19", "K": "核验意见"}})
    before = (waiting / "tasks.yaml").read_bytes()
    result = run_cli("progress", "import", "decided.xlsx", "--plan", str(waiting), "--as-of",
                     AS_OF)
    assert result.exit_code == 1
    [error] = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert error.startswith(f"decided.xlsx!审核!G{rows['T03']}: error: ")
    assert error.endswith("[nothing-to-decide]")
    assert (waiting / "tasks.yaml").read_bytes() == before


def test_a_review_sheet_for_a_unit_that_is_not_the_office_is_refused(run_cli, plan_copy):
    """Without a key nothing stops a marker from being edited; the import still asks
    whether the sheet is the office's."""
    args = ("--plan", str(plan_copy), "--as-of", AS_OF)
    assert run_cli("progress", "add", "T01", "--status", "reported-done", "--date",
                   "2024-01-10", "--by", HIGH_TECH, "--note", "完工", "--evidence", "報告",
                   *args).exit_code == 0
    sheet = review_sheet(run_cli, plan_copy)
    wb = load_workbook(sheet)
    for row in wb["_suizhou"].iter_rows(max_col=2):
        if row[0].value == "unit_id":
            row[1].value = "hitech-zone-committee"
    ws = wb[wb.sheetnames[0]]
    ws["G6"], ws["H6"], ws["K6"] = "销号", "2024-01-18", "自行销号"
    wb.save("forged.xlsx")
    result = run_cli("progress", "import", "forged.xlsx", *args)
    assert result.exit_code == 1
    assert ("forged.xlsx!_suizhou: error: the review sheet was made for 隨州高新區管委會, which "
            "is not the office that decides (銷號, 退回, 延期); nothing from it is imported "
            "[not-the-office]") in result.stderr.splitlines()
