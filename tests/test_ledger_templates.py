"""The monthly 台賬 loop: `progress template` makes one workbook per unit, units fill it in
as people do, `progress import` applies the filled rows with every rule of `progress add`."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import PLAN, edit
from ledger_oracle import ledger
from openpyxl import Workbook, load_workbook
from sheet_filling import fill

from suizhou_plan.load.ledger import Entry
from suizhou_plan.ops.progress_batch import Report, append_reports
from suizhou_plan.ops.workspace import make_key, read_key
from suizhou_plan.sheets.signing import key_id

AS_OF = "2024-01-20"
HIGH_TECH = "隨州高新區管委會"


@pytest.fixture
def plan_copy(plan_copy: Path) -> Path:
    """The office's workspace: a copy of the plan with its key, as `suizhou init` makes."""
    make_key(plan_copy)
    return plan_copy


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lights(run_cli, plan: Path) -> dict[str, tuple[str, str]]:
    result = run_cli("check", "--plan", str(plan), "--as-of", AS_OF, "--format", "json")
    data = json.loads(result.stdout)
    return {i["id"]: (i["status"], i["light"]) for p in data["phases"] for i in p["items"]}


def make_template(run_cli, plan: Path, unit: str, lang: str = "zh-Hant") -> Path:
    out = plan.parent / "sent"
    result = run_cli("progress", "template", "--plan", str(plan), "--agency", unit, "--out",
                     str(out), "--lang", lang, "--as-of", "2024-01-15")
    assert result.exit_code == 0, result.output
    sep = "：" if lang.startswith("zh") else ": "  # `FILE：單位，N項` / `FILE: unit, N items`
    [made] = [out / Path(line.split(sep)[0]).name
              for line in result.stdout.splitlines() if f"{sep}{unit}" in line]
    return made


def import_(run_cli, plan: Path, *files: Path, extra: tuple[str, ...] = ()):
    """`progress import FILE...` run where the files are (run_cli's directory), as typed."""
    names = [str(f.relative_to(plan.parent)) if f.is_relative_to(plan.parent) else str(f)
             for f in files]
    return run_cli("progress", "import", *names, "--plan", str(plan), "--as-of", AS_OF, *extra)


# -- the template ---------------------------------------------------------------------------

def test_a_template_has_one_locked_row_per_duty_and_open_columns_to_fill(run_cli, plan_copy):
    made = make_template(run_cli, plan_copy, HIGH_TECH)
    assert made.name == "隨州高新區管委會.xlsx"
    wb = load_workbook(made)
    assert wb.sheetnames == ["臺賬", "_suizhou"]
    ws = wb["臺賬"]
    assert [ws[c].value for c in ("A3", "E3", "H3")] == ["填報人", "聯繫電話", "審核"]
    assert [ws[c].protection.locked for c in ("B3", "F3", "I3")] == [False, False, False]
    assert [ws[c].value for c in ("A4", "G4", "M4")] == ["事項（鎖定）", "本期填報",
                                                         "申請延期（確有需要時填寫）"]
    assert [c.value for c in ws[5]] == ["編號", "事項", "角色", "時間節點", "當前狀態",
                                        "最近一次填報", "本期狀態", "填報日期", "進展",
                                        "存在問題", "下一步", "佐證材料", "申請延期至", "延期理由"]
    ids = [ws[f"A{r}"].value for r in range(6, ws.max_row + 1)]
    assert ids == ["P1-M3", "P3-M1", "P3-M4", "P3-M6", "T01", "T02", "T03"]
    assert [c.value for c in ws[6]][:5] == ["P1-M3", "初步完成數據中心機房建設及指揮中心一期建設",
                                            "牽頭", datetime(2023, 11, 30), "未報送"]
    assert ws["D6"].is_date
    assert ws.protection.sheet is True
    for r in range(6, 13):
        assert all(ws[f"{c}{r}"].protection.locked for c in "ABCDEF")
        assert not any(ws[f"{c}{r}"].protection.locked for c in "GHIJKLMN")
    assert ws["G13"].protection.locked  # below the items nothing is open
    status, until = ws.data_validations.dataValidation
    assert status.type == "list"
    assert status.formula1 == '"未開始,推進中,受阻,已辦結"'  # no 已銷號: the office closes
    assert str(status.sqref) == "G6:G12"
    assert (until.type, until.operator, until.formula1) == ("date", "greaterThan", "D6")
    assert str(until.sqref) == "M6:M12"
    assert ws.freeze_panes == "C6"
    assert ws.print_title_rows == "$4:$5"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    marker = wb["_suizhou"]
    assert marker.sheet_state == "veryHidden"
    pairs = {r[0]: r[1] for r in marker.iter_rows(max_col=2, values_only=True) if r[0] != "item"}
    digest = hashlib.sha256((plan_copy / "tasks.yaml").read_bytes()).hexdigest()
    signature = pairs.pop("signature")
    assert len(signature) == 64
    assert pairs == {"kind": "suizhou ledger template", "format": "2",
                     "unit_id": "hitech-zone-committee", "unit_name": HIGH_TECH,
                     "plan_sha256": digest, "made_on": "2024-01-15", "lang": "zh-Hant",
                     "sheet": "臺賬", "first_row": "6", "signoff": "B3 F3 I3",
                     "key_id": key_id(read_key(plan_copy))}
    items = [r[1:10] for r in marker.iter_rows(max_col=10, values_only=True) if r[0] == "item"]
    assert [i[0] for i in items] == ids
    assert items[0] == ("P1-M3", "初步完成數據中心機房建設及指揮中心一期建設", "2023-11-30", "lead",
                        "初步完成數據中心機房建設及指揮中心一期建設", "牽頭", "2023-11-30", "未報送",
                        None)


def test_templates_for_every_unit_are_named_by_the_unit(run_cli, plan_copy, tmp_path):
    result = run_cli("progress", "template", "--all", "--plan", str(plan_copy), "--out",
                     str(tmp_path / "sent"), "--as-of", "2024-01-15")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "sent").iterdir())
    assert "市政數局.xlsx" in names and "曾都區人民政府.xlsx" in names
    # a collective reports through its members, a placeholder is nobody
    assert "各縣、市、區人民政府.xlsx" not in names and "市政府有關部門.xlsx" not in names
    # renamed on 2023-08-18: its successor's template holds its duties
    assert "人行隨州中心支行.xlsx" not in names and "中國人民銀行隨州市分行.xlsx" in names
    assert result.stdout.splitlines()[-1] == f"wrote {len(names)} templates to {tmp_path / 'sent'}"


def test_template_usage_errors_say_what_to_type(run_cli, plan_copy, tmp_path):
    neither = run_cli("progress", "template", "--plan", str(plan_copy), "--out", str(tmp_path))
    assert neither.exit_code == 2
    assert ("name the units: --agency 市政數局 (repeatable), or --all for every unit, or "
            "--office for the office's review sheet") in neither.stderr
    collective = run_cli("progress", "template", "--plan", str(plan_copy), "--agency",
                         "各縣、市、區人民政府", "--out", str(tmp_path / "x"))
    assert collective.exit_code == 2
    assert ("各縣、市、區人民政府 reports through its members; make their templates: --agency "
            "for each of 隨縣人民政府、廣水市人民政府、曾都區人民政府") in collective.stderr
    assert not (tmp_path / "x").exists()


# -- filled in as a person does, imported, and the lights change ----------------------------

def test_templates_filled_in_by_people_become_ledger_entries_and_change_the_lights(
        run_cli, plan_copy, tmp_path):
    before = lights(run_cli, plan_copy)
    high_tech = make_template(run_cli, plan_copy, HIGH_TECH)
    data_bureau = make_template(run_cli, plan_copy, "市政數局", lang="en")
    filled_a = tmp_path / "returned-高新區.xlsx"
    rows = fill(high_tech, filled_a, {
        "P1-M3": {"G": "已辦結", "H": "2024/1/10",
                  "I": "機房主體完工\r\n設備已進場\r\n指揮中心一期上線",
                  "L": "驗收報告〔2024〕1號\n現場照片"},
        "P3-M1": {},  # an empty row: not an entry
        "T01": {"G": "推进中", "H": datetime(2024, 1, 12), "I": "園區主體施工",
                "J": "資金未到位", "K": "爭取專項債"},
        "T02": {"G": "受阻", "H": "2024年1月8日", "I": "等待審批"},
    })
    filled_b = tmp_path / "returned-數據局.xlsx"
    rows_b = fill(data_bureau, filled_b, {"P1-M4": {"G": "in-progress", "H": "2024-1-10",
                                          "I": "招標完成", "J": "  "}})
    result = import_(run_cli, plan_copy, filled_a, filled_b)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("added 4 entries from 2 file(s) to plan/tasks.yaml\n")
    a, b = filled_a.name, filled_b.name
    assert result.stdout.splitlines() == [
        f"T02: added blocked of 2024-01-08 by 隨州高新區管委會 ({a}!臺賬!G{rows['T02']})",
        f"P1-M3: added reported-done of 2024-01-10 by 隨州高新區管委會 ({a}!臺賬!G{rows['P1-M3']})",
        f"P1-M4: added in-progress of 2024-01-10 by 市政數局 ({b}!Ledger!G{rows_b['P1-M4']})",
        f"T01: added in-progress of 2024-01-12 by 隨州高新區管委會 ({a}!臺賬!G{rows['T01']})",
    ]
    received = date(2024, 1, 20)  # the import's day
    source_a = {"file": "returned-高新區.xlsx", "sha256": sha256(filled_a)}
    source_b = {"file": "returned-數據局.xlsx", "sha256": sha256(filled_b)}
    assert ledger(plan_copy, "P1-M3") == [{
        "date": date(2024, 1, 10), "status": "reported-done", "by": HIGH_TECH,
        "note": "機房主體完工\n設備已進場\n指揮中心一期上線",
        "evidence": ["驗收報告〔2024〕1號", "現場照片"], "received": received,
        "source": source_a}]
    assert ledger(plan_copy, "T01") == [{
        "date": date(2024, 1, 12), "status": "in-progress", "by": HIGH_TECH,
        "note": "園區主體施工", "problems": "資金未到位", "next": "爭取專項債",
        "received": received, "source": source_a}]
    assert ledger(plan_copy, "T02") == [{"date": date(2024, 1, 8), "status": "blocked",
                                         "by": HIGH_TECH, "note": "等待審批",
                                         "received": received, "source": source_a}]
    assert ledger(plan_copy, "P1-M4") == [{"date": date(2024, 1, 10), "status": "in-progress",
                                           "by": "市政數局", "note": "招標完成",
                                           "received": received, "source": source_b}]
    assert ledger(plan_copy, "P3-M1") == []
    after = lights(run_cli, plan_copy)
    changed = {i: (before[i], after[i]) for i in after if after[i] != before[i]}
    assert changed == {
        "P1-M3": (("unknown", "red"), ("reported-done", "green")),
        "P1-M4": (("unknown", "red"), ("in-progress", "red")),
        "T01": (("unknown", "grey"), ("in-progress", "green")),
        "T02": (("unknown", "grey"), ("blocked", "yellow")),
    }
    valid = run_cli("validate", "--plan", str(plan_copy))
    assert valid.exit_code == 0, valid.output


def test_importing_the_same_file_twice_adds_nothing_the_second_time(run_cli, plan_copy, tmp_path):
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {"T01": {"G": "推進中", "H": "2024-01-12", "I": "施工"}})
    assert import_(run_cli, plan_copy, filled).exit_code == 0
    once = (plan_copy / "tasks.yaml").read_bytes()
    again = import_(run_cli, plan_copy, filled, filled)
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == [
        f"T01: already in the ledger, skipped (back.xlsx!臺賬!G{rows['T01']})",
        f"T01: already in the ledger, skipped (back.xlsx!臺賬!G{rows['T01']})"]
    assert again.stderr == ("nothing to add from 2 file(s) (2 already in the "
                            "ledger, skipped)\n")
    assert (plan_copy / "tasks.yaml").read_bytes() == once


def test_one_bad_row_fails_the_whole_import_unless_skip_invalid(run_cli, plan_copy, tmp_path):
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {
        "T01": {"G": "推進中", "H": "2024/1/12", "I": "施工"},
        "T02": {"G": "差不多", "H": "2024/13/40"},
        "T03": {"I": "寫了進展，忘了狀態和日期"},
    })
    before = (plan_copy / "tasks.yaml").read_bytes()
    t2, t3 = rows["T02"], rows["T03"]
    problems = [
        f"back.xlsx!臺賬!G{t2}: error: 「差不多」 is not a status [unknown-status]",
        "  hint: pick one from the drop-down list: 未開始、推進中、受阻、已辦結",
        f"back.xlsx!臺賬!H{t2}: error: 「2024/13/40」 is not a date [bad-date]",
        "  hint: type the date of the report, e.g. 2024-01-10 (2024/1/10 and 2024年1月10日 "
        "are read too)",
        f"back.xlsx!臺賬!I{t2}: error: the row has a report but no progress (進展) [missing-note]",
        "  hint: say in a few words what was done; a status that goes back says why",
        f"back.xlsx!臺賬!G{t3}: error: the row has a report but no status [missing-status]",
        "  hint: pick the status from the drop-down list: 未開始、推進中、受阻、已辦結",
        f"back.xlsx!臺賬!H{t3}: error: the row has a report but no date [missing-date]",
        "  hint: type the date of the report, e.g. 2024-01-10",
    ]
    failed = import_(run_cli, plan_copy, filled)
    assert failed.exit_code == 1
    assert failed.stdout == ""
    assert failed.stderr.splitlines() == [*problems, (
        "not imported: 5 error(s); nothing was changed. Fix the cells and import again, or "
        "add --skip-invalid to import the other rows")]
    assert (plan_copy / "tasks.yaml").read_bytes() == before
    skipped = import_(run_cli, plan_copy, filled, extra=("--skip-invalid",))
    assert skipped.exit_code == 0, skipped.output
    assert skipped.stdout.splitlines() == [
        f"T01: added in-progress of 2024-01-12 by 隨州高新區管委會 (back.xlsx!臺賬!G{rows['T01']})"]
    assert skipped.stderr.splitlines() == [*problems, (
        "added 1 entry from 1 file(s) to plan/tasks.yaml; 5 problem(s) above not imported "
        "(--skip-invalid)")]
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["施工"]


def test_a_dry_run_prints_what_would_be_added_and_writes_nothing(run_cli, plan_copy, tmp_path):
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {"T01": {"G": "推進中", "H": "2024/1/12", "I": "施工"}})
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = import_(run_cli, plan_copy, filled, extra=("--dry-run",))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"T01: would add in-progress of 2024-01-12 by 隨州高新區管委會 (back.xlsx!臺賬!G{rows['T01']})"]
    assert result.stderr == ("would add 1 entry from 1 file(s); nothing was written "
                             "(--dry-run)\n")
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_the_rules_of_progress_add_hold_and_point_at_the_cell(run_cli, plan_copy, tmp_path):
    assert run_cli("progress", "add", "T01", "--plan", str(plan_copy), "--status",
                   "in-progress", "--date", "2024-01-12", "--by", HIGH_TECH, "--note", "施工",
                   "--as-of", AS_OF).exit_code == 0
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {
        "T01": {"G": "推進中", "H": "2021/1/5", "I": "補錄"},           # before the plan
        "T02": {"G": "已銷號", "H": "2024/1/10", "I": "驗收"},          # the office's decision
        "T03": {"G": "推進中", "H": "2024/2/1", "I": "未來"},           # after today
    })
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = import_(run_cli, plan_copy, filled)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (f"back.xlsx!臺賬!H{rows['T01']}: error: task T01 「建設大數據產業園」: entry dated "
            "2021-01-05, before the plan was issued (2021-11-12) [progress-before-plan]") in lines
    assert (f"back.xlsx!臺賬!G{rows['T02']}: error: 「已銷號」 is the office's decision, not a "
            "unit's report; nothing from this row is imported [office-decision]") in lines
    assert (f"back.xlsx!臺賬!H{rows['T03']}: error: T03: the date 2024-02-01 is after today "
            f"({AS_OF}) [future-progress]") in lines
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["施工"]
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_a_late_report_is_put_in_its_place_not_refused(run_cli, plan_copy, tmp_path):
    """A sheet that comes back late keeps the date the unit wrote on it."""
    assert run_cli("progress", "add", "T01", "--plan", str(plan_copy), "--status",
                   "in-progress", "--date", "2024-01-12", "--by", HIGH_TECH, "--note", "施工",
                   "--as-of", AS_OF).exit_code == 0
    filled = tmp_path / "back.xlsx"
    fill(make_template(run_cli, plan_copy, HIGH_TECH), filled,
         {"T01": {"G": "推進中", "H": "2024/1/5", "I": "補錄"}})
    result = import_(run_cli, plan_copy, filled)
    assert result.exit_code == 0, result.output
    assert [(e["date"], e["note"]) for e in ledger(plan_copy, "T01")] == [
        (date(2024, 1, 5), "補錄"), (date(2024, 1, 12), "施工")]


def test_two_units_reporting_on_one_item_are_applied_in_date_order(run_cli, plan_copy, tmp_path):
    """P1-M3 is led by 隨州高新區管委會 and supported by 市政數局 (the office too)."""
    a = fill(make_template(run_cli, plan_copy, HIGH_TECH), tmp_path / "a.xlsx",
             {"P1-M3": {"G": "推進中", "H": "2024/1/15", "I": "高新區報告"}})
    b = fill(make_template(run_cli, plan_copy, "市大數據中心"), tmp_path / "b.xlsx",
             {"P1-M3": {"G": "推進中", "H": "2024/1/9", "I": "大數據中心報告"}})
    assert a and b
    result = import_(run_cli, plan_copy, tmp_path / "a.xlsx", tmp_path / "b.xlsx")
    assert result.exit_code == 0, result.output
    assert [e["note"] for e in ledger(plan_copy, "P1-M3")] == ["大數據中心報告", "高新區報告"]


# -- a template from an older plan ----------------------------------------------------------

def test_an_older_template_is_read_where_its_items_still_are(run_cli, plan_copy, tmp_path):
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {
        "T01": {"G": "推進中", "H": "2024/1/12", "I": "施工"},
        "T02": {"G": "推進中", "H": "2024/1/12", "I": "運營"},
        "T03": {"G": "推進中", "H": "2024/1/12", "I": "生態"},
    })
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "title: 建設大數據產業園", "title: 建設大數據產業園（一期）")
    text = tasks.read_text(encoding="utf-8")
    t02 = text.index("  - id: T02\n")
    units_at = text.index("    units: [", t02)
    end = text.index("]\n", units_at)
    tasks.write_text(text[:units_at] + "    units: [市發改委" + text[end:], encoding="utf-8")
    result = import_(run_cli, plan_copy, filled)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "back.xlsx: warning: the template was made on 2024-01-15 from another version of the "
        "plan; its rows are read against today's plan [older-template]",
        "  hint: rows whose items moved or vanished are listed below and not imported",
        f"back.xlsx!臺賬!A{rows['T01']}: warning: T01's title changed since the template was "
        "made (it was 「建設大數據產業園」); the row is imported against today's item "
        "[item-retitled]",
        "  hint: check that the report still fits the item",
        f"back.xlsx!臺賬!A{rows['T02']}: warning: T02 is no longer a duty of 隨州高新區管委會; "
        "this row is not imported [item-moved]",
        "  hint: progress on it is reported by 市發改委、市政數局、隨州市數據局",
        "added 2 entries from 1 file(s) to plan/tasks.yaml",
    ]
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["施工"]
    assert ledger(plan_copy, "T02") == []
    assert [e["note"] for e in ledger(plan_copy, "T03")] == ["生態"]


# -- files that are not templates -----------------------------------------------------------

def test_damaged_and_foreign_files_are_located_findings_not_tracebacks(run_cli, plan_copy,
                                                                       tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("進展,存在問題\n", encoding="utf-8")
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(sent.read_bytes()[:3000])
    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active["A1"] = "編號"
    wb.save(plain)
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli("progress", "import", "notes.xlsx", "archive.xlsx", "cut.xlsx",
                     "plain.xlsx", "missing.xlsx", "--plan", str(plan_copy), "--as-of", AS_OF)
    assert result.exit_code == 1
    heads = [line for line in result.stderr.splitlines()
             if not line.startswith(("  hint", "not imported"))]
    assert heads[0] == ("notes.xlsx: error: notes.xlsx is not an Excel workbook (.xlsx): it is "
                        "not a complete .xlsx package (another format, or a damaged or cut-off "
                        "copy) [not-a-workbook]")
    assert heads[1] == ("archive.xlsx: error: archive.xlsx is not an Excel workbook (.xlsx): "
                        "it has no part xl/workbook.xml [not-a-workbook]")
    assert heads[2] == heads[0].replace("notes.xlsx", "cut.xlsx")
    assert heads[3] == ("plain.xlsx: error: plain.xlsx is not a ledger template made by "
                        "`suizhou progress template` (it has no sheet _suizhou) [not-a-template]")
    assert heads[4] == "missing.xlsx: error: cannot read missing.xlsx: no such file [unreadable-file]"
    assert len(heads) == 5
    assert "Traceback" not in result.output
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_an_xlsx_that_unpacks_to_a_huge_size_is_not_opened(run_cli, plan_copy, tmp_path,
                                                            monkeypatch):
    """A zip bomb is refused from its directory, before anything is unpacked (the limits
    are lowered here so that the test writes 3 MB, not 48)."""
    from suizhou_plan.sheets import xlsx

    monkeypatch.setattr(xlsx, "UNPACKED", 2 * 1024 * 1024)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for n in range(3):
            z.writestr(f"xl/worksheets/sheet{n}.xml", b"\0" * (1024 * 1024))
    result = import_(run_cli, plan_copy, bomb)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "bomb.xlsx: error: bomb.xlsx is 3 MB once unpacked, far more than a ledger template "
        "(2 MB at most) [too-large]")


# -- the batch writer ----------------------------------------------------------------------

def test_a_batch_reads_again_when_another_program_saved_the_plan(plan_copy):
    """Another program saves tasks.yaml after the batch read it and before it is replaced:
    the save is caught, the batch reads the plan again and writes both entries on top of
    the other program's edit, which is kept."""
    tasks = plan_copy / "tasks.yaml"
    reads = []

    def other_program_saves_after_the_first_read(index, reports):
        reads.append(index)
        if len(reads) == 1:
            tasks.write_text(tasks.read_text(encoding="utf-8").replace(
                "title: 城市中臺開放構建", "title: 城市中臺開放構建（二期）"), encoding="utf-8")
        return reports

    reports = [Report("T01", Entry(date(2024, 1, 10), "in-progress", "隨州高新區管委會", "施工"),
                      "a.xlsx!臺賬", 8),
               Report("T13", Entry(date(2024, 1, 11), "in-progress", "市政數局", "上線"),
                      "b.xlsx!臺賬", 9)]
    outcome = append_reports(plan_copy, reports, date(2024, 1, 20),
                             vet=other_program_saves_after_the_first_read)
    assert len(reads) == 2
    assert outcome.written == tasks
    assert [r.item_id for r in outcome.added] == ["T01", "T13"]
    assert "title: 城市中臺開放構建（二期）" in tasks.read_text(encoding="utf-8")
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["施工"]
    assert [e["note"] for e in ledger(plan_copy, "T13")] == ["上線"]


@pytest.mark.parametrize("item", ["T05", "T05-2025"])
def test_a_batch_extends_a_task_and_its_target_in_one_write(plan_copy, item):
    """A target sits inside its task: both ledgers grow in one write, neither misplaced."""
    reports = [Report(i, Entry(date(2024, 1, 10), "in-progress", "市農業農村局", f"報告{i}"),
                      "x.xlsx!臺賬", 4 + n) for n, i in enumerate(["T05", "T05-2025"])]
    outcome = append_reports(plan_copy, reports, date(2024, 1, 20))
    assert not outcome.refused, outcome.refused
    assert [e["note"] for e in ledger(plan_copy, item)] == [f"報告{item}"]
    assert (PLAN / "tasks.yaml").read_bytes() != (plan_copy / "tasks.yaml").read_bytes()


def test_an_import_waits_for_the_lock_then_gives_up_with_a_message(run_cli, plan_copy, tmp_path):
    from filelock import FileLock

    filled = tmp_path / "back.xlsx"
    fill(make_template(run_cli, plan_copy, HIGH_TECH), filled,
         {"T01": {"G": "推進中", "H": "2024/1/12", "I": "施工"}})
    before = (plan_copy / "tasks.yaml").read_bytes()
    with FileLock(plan_copy / ".suizhou.lock"):
        result = import_(run_cli, plan_copy, filled, extra=("--wait", "0.2"))
    assert result.exit_code == 1
    assert result.stderr == (f"another suizhou command is writing to {plan_copy} (it holds "
                             ".suizhou.lock); waited 0.2 s\nnot imported: nothing was changed\n")
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_an_import_never_writes_the_bundled_plan(run_cli, tmp_path):
    result = run_cli("progress", "import", "back.xlsx", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "the plan bundled with suizhou is read-only" in result.stderr


def test_a_simplified_template_is_simplified_throughout_and_reads_back(run_cli, plan_copy,
                                                                       tmp_path):
    """`--lang zh` is simplified Chinese: file name, sheet, headings, list and plan text."""
    result = run_cli("progress", "template", "--plan", str(plan_copy), "--agency", HIGH_TECH,
                     "--out", str(tmp_path / "sent"), "--lang", "zh", "--as-of", "2024-01-15")
    assert result.exit_code == 0, result.output
    made = tmp_path / "sent" / "随州高新区管委会.xlsx"
    ws = load_workbook(made)["台账"]
    assert ws["A1"].value == "随州高新区管委会 进展情况台账（2024年1月15日制表）"
    assert [c.value for c in ws[5]] == ["编号", "事项", "角色", "时间节点", "当前状态",
                                        "最近一次填报", "本期状态", "填报日期", "进展",
                                        "存在问题", "下一步", "佐证材料", "申请延期至", "延期理由"]
    assert [ws[c].value for c in ("A3", "E3", "H3")] == ["填报人", "联系电话", "审核"]
    assert ws["B6"].value == "初步完成数据中心机房建设及指挥中心一期建设"
    assert ws.data_validations.dataValidation[0].formula1 == '"未开始,推进中,受阻,已办结"'
    rows = fill(made, tmp_path / "back.xlsx",
                {"T01": {"G": "推进中", "H": "2024/1/12", "I": "园区施工"}})
    imported = import_(run_cli, plan_copy, tmp_path / "back.xlsx")
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == (f"T01: added in-progress of 2024-01-12 by 隨州高新區管委會 "
                               f"(back.xlsx!台账!G{rows['T01']})\n")


def test_a_row_whose_item_vanished_is_a_warning_and_not_imported(run_cli, plan_copy, tmp_path):
    sent = make_template(run_cli, plan_copy, "市農業農村局")
    rows = fill(sent, tmp_path / "back.xlsx", {
        "T05": {"G": "推進中", "H": "2024/1/12", "I": "基地選址"},
        "T05-2025": {"G": "推進中", "H": "2024/1/12", "I": "目標分解"},
    })
    edit(plan_copy / "tasks.yaml", "      - id: T05-2025\n", "      - id: T05-2030\n")
    result = import_(run_cli, plan_copy, tmp_path / "back.xlsx")
    assert result.exit_code == 0, result.output
    assert (f"back.xlsx!臺賬!A{rows['T05-2025']}: warning: T05-2025 is no longer an item of "
            "the plan; this row is not imported [item-vanished]") in result.stderr.splitlines()
    assert [e["note"] for e in ledger(plan_copy, "T05")] == ["基地選址"]
    assert ledger(plan_copy, "T05-2030") == []


def test_an_import_is_told_in_the_clerks_language(run_cli, plan_copy, tmp_path):
    """The office runs `progress import --lang zh-Hans`: every cell problem, hint and count
    in simplified Chinese (the cell address keeps the workbook's own sheet name)."""
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {
        "T01": {"G": "推進中", "H": "2024/1/12", "I": "施工"},
        "T02": {"G": "差不多", "H": "2024/1/8", "I": "招標中"},
    })
    t2 = rows["T02"]
    failed = import_(run_cli, plan_copy, filled, extra=("--lang", "zh-Hans"))
    assert failed.exit_code == 1
    assert failed.stderr.splitlines() == [
        f"back.xlsx!臺賬!G{t2}：错误：「差不多」不是规定的状态 [unknown-status]",
        "  修改建议：请从下拉列表中选择：未开始、推进中、受阻、已办结",
        "未导入：有1处错误，未作任何改动。请改正相应单元格后重新导入，或加 --skip-invalid 先导入其余各行"]
    skipped = import_(run_cli, plan_copy, filled, extra=("--lang", "zh-Hans", "--skip-invalid"))
    assert skipped.exit_code == 0, skipped.output
    assert skipped.stdout.splitlines() == [
        f"T01：已登记随州高新区管委会2024年1月12日报送的进展（推进中）（back.xlsx!臺賬!G{rows['T01']}）"]
    assert skipped.stderr.splitlines()[-1] == (
        "已将来自1个文件的1条记录登记到 plan/tasks.yaml；上列1处问题未导入（--skip-invalid）")


def test_an_unfilled_template_is_a_warning_and_adds_nothing(run_cli, plan_copy):
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = import_(run_cli, plan_copy, sent)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    name = sent.relative_to(plan_copy.parent)
    assert result.stderr.splitlines() == [
        f"{name}: warning: no row of this template is filled in [no-rows]",
        "  hint: fill in the white columns of the rows to report on, then import again",
        "nothing to add from 1 file(s)"]
    zh = import_(run_cli, plan_copy, sent, extra=("--lang", "zh-Hans"))
    assert zh.stderr.splitlines()[0] == f"{name}：警告：模板中没有填写任何行 [no-rows]"
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_rows_a_unit_cannot_report_are_told_in_the_clerks_language(run_cli, plan_copy, tmp_path):
    """Each refusal of a row in the reader's language and script, at its cell."""
    sent = make_template(run_cli, plan_copy, HIGH_TECH)
    filled = tmp_path / "back.xlsx"
    rows = fill(sent, filled, {
        "T03": {"G": "推進中", "H": "2024/2/1", "I": "未來"},                  # after today
    })
    result = import_(run_cli, plan_copy, filled, extra=("--lang", "zh-Hans"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    said = (f"back.xlsx!臺賬!H{rows['T03']}：错误：T03：日期 2024年2月1日 晚于今天（2024年1月20日）"
            " [future-progress]")
    assert lines[lines.index(said) + 1] == "  修改建议：只能登记已发生的进展：请改正年、月或日"


def test_a_plan_with_errors_is_refused_in_the_clerks_language(run_cli, plan_copy):
    """`progress add` on a plan with an error lists it in the reader's language, its plan
    text with control characters shown escaped, never sent to the terminal."""
    tasks = plan_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("    units: [", '    units: ["\\e[2J壞單位", ', 1),
                     encoding="utf-8")
    result = run_cli("progress", "add", "T01", "--plan", str(plan_copy), "--status",
                     "in-progress", "--date", "2024-01-12", "--by", HIGH_TECH, "--note", "施工",
                     "--as-of", AS_OF, "--lang", "zh-Hans")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    lines = result.stderr.splitlines()
    line = next(n for n, t in enumerate(tasks.read_text(encoding="utf-8").splitlines(), 1)
                if "壞單位" in t)
    assert lines == [
        f"plan/tasks.yaml:{line}:13: unknown-agency 单位「\\x1b[2J坏单位」未在 "
        "agencies.yaml 中定义 [SZ201 错误]",
        "方案本身已有错误，请先修正（`suizhou validate` 会列出）", "未写入，台账文件未作任何改动"]


def test_a_plan_that_cannot_be_read_stops_duties_in_the_readers_language(run_cli, plan_copy):
    """An unknown unit is a finding duties answers on (d2ada54); an id held twice stops it."""
    tasks = plan_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("  - id: T03\n", "  - id: T02\n",
                                                               1), encoding="utf-8")
    result = run_cli("duties", HIGH_TECH, "--plan", str(plan_copy), "--as-of", AS_OF,
                     "--lang", "zh-Hans")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "duplicate-id" in lines[0] and "T02" in lines[0]
    assert lines[-1] == "方案无法读取：请先修正（运行 `suizhou validate`）"


def test_a_plan_directory_that_cannot_be_locked_is_told_in_the_clerks_language(
        run_cli, plan_copy, tmp_path):
    (plan_copy / ".suizhou.lock").mkdir()  # the lock file cannot be made
    result = run_cli("progress", "add", "T01", "--plan", str(plan_copy), "--status",
                     "in-progress", "--date", "2024-01-12", "--by", HIGH_TECH, "--note", "施工",
                     "--as-of", AS_OF, "--lang", "zh-Hans", "--wait", "0.2")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"无法锁定方案目录 {plan_copy}：")
    assert result.stderr.endswith("\n未写入，台账文件未作任何改动\n")
