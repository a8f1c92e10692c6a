"""Returned sheets prove where they came from (issue #26), and say what a unit may say
(issue #23): the office's key made by `init` and kept out of git and out of every sheet;
templates signed with it; a sheet without a key read with a warning; a damaged key said
plainly; an honest sheet of an older version of the plan imported with its changes listed;
each entry's source file recorded; a unit's application for more time; whose words the last
report is; the sign-off; the office's decisions refused from a unit's sheet."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import edit
from ledger_oracle import ledger
from openpyxl import load_workbook
from sheet_filling import fill

from suizhou_plan.ops.workspace import KEY_NAME, make_key, read_key

AS_OF = "2024-01-20"
HIGH_TECH = "隨州高新區管委會"
ROW = {"P1-M3": 6, "P3-M1": 7, "P3-M4": 8, "P3-M6": 9, "T01": 10, "T02": 11, "T03": 12}


@pytest.fixture
def keyed(plan_copy: Path) -> Path:
    make_key(plan_copy)
    return plan_copy


def template(run_cli, plan: Path, unit: str = HIGH_TECH, lang: str = "zh-Hans") -> Path:
    """The template `progress template --agency UNIT` makes on 2024-01-15 (one per call)."""
    out = plan.parent / "sent" / f"{unit}-{lang}"
    result = run_cli("progress", "template", "--plan", str(plan), "--agency", unit, "--out",
                     str(out), "--lang", lang, "--as-of", "2024-01-15")
    assert result.exit_code == 0, result.output
    [made] = list(out.iterdir())
    return made


def import_(run_cli, plan: Path, *names: str, lang: str | None = None):
    extra = ("--lang", lang) if lang else ()
    files = [n for n in names if not n.startswith("--")]
    options = [n for n in names if n.startswith("--")]
    return run_cli("progress", "import", *files, "--plan", str(plan), "--as-of", AS_OF, *extra,
                   *options)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the key ------------------------------------------------------------------------------

def test_init_makes_a_secret_key_that_git_ignores(run_cli, tmp_path):
    result = run_cli("init")
    assert result.exit_code == 0, result.output
    key = tmp_path / "plan" / KEY_NAME
    assert result.stdout.splitlines()[:2] == [
        "Copied the plan into plan/ (tasks.yaml, agencies.yaml, .gitignore).",
        f"Made the office's key plan/{KEY_NAME}: it signs the ledger templates; keep it out of "
        "git (.gitignore lists it) and never send it to a unit."]
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    lines = key.read_text(encoding="ascii").splitlines()
    assert lines[0].startswith("# suizhou: the office's key")
    assert len(bytes.fromhex(lines[1])) == 32 and len(lines) == 2
    assert (tmp_path / "plan" / ".gitignore").read_text() == (
        ".suizhou.lock\n.*.tmp\n.suizhou.key\n")
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
        ignored = subprocess.run(["git", "check-ignore", f"plan/{KEY_NAME}"], cwd=tmp_path,
                                 capture_output=True, text=True)
        assert ignored.stdout.strip() == f"plan/{KEY_NAME}"
    other = run_cli("init", "other")
    assert other.exit_code == 0, other.output
    assert read_key(tmp_path / "other") != read_key(tmp_path / "plan")  # one secret each


def test_init_key_gives_an_older_workspace_its_key_once(run_cli, plan_copy):
    (plan_copy / ".gitignore").write_text("*.bak")  # the office's own, no final line break
    result = run_cli("init", "--key", str(plan_copy))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Made the office's key {plan_copy / KEY_NAME}: it signs the ledger templates; keep it "
        "out of git (.gitignore lists it) and never send it to a unit.",
        "Templates made before it carry no signature: make them again (`suizhou progress "
        "template`) and send the new ones."]
    assert (plan_copy / ".gitignore").read_text() == "*.bak\n.suizhou.key\n"
    key = read_key(plan_copy)
    again = run_cli("init", "--key", str(plan_copy), "--lang", "zh-Hans")
    assert again.exit_code == 1
    assert again.stderr == (f"suizhou init: {plan_copy / KEY_NAME} 已存在，未作任何改动（换用新密钥"
                            "会使此前下发的所有模板无法核验）\n")
    assert read_key(plan_copy) == key
    nowhere = run_cli("init", "--key", "nowhere")
    assert nowhere.exit_code == 2
    assert "nowhere holds no plan (tasks.yaml); `suizhou init nowhere` copies one and makes " \
           "its key" in nowhere.stderr


def test_the_key_never_goes_into_a_template(run_cli, keyed):
    key = read_key(keyed)
    assert key is not None
    made = template(run_cli, keyed)
    with zipfile.ZipFile(made) as z:
        parts = b"".join(z.read(name) for name in z.namelist())
    for form in (key, key.hex().encode(), key.hex().upper().encode()):
        assert form not in parts


def test_a_damaged_key_is_said_plainly_and_nothing_is_made_or_imported(run_cli, keyed):
    sent = template(run_cli, keyed)
    fill(sent, keyed.parent / "back.xlsx", {"T01": {"G": "推进中", "H": "2024/1/12",
                                                    "I": "施工"}})
    (keyed / KEY_NAME).write_text("# suizhou\n0123\n")
    before = (keyed / "tasks.yaml").read_bytes()
    made = run_cli("progress", "template", "--plan", str(keyed), "--agency", HIGH_TECH, "--out",
                   "again", "--as-of", "2024-01-15")
    assert made.exit_code == 1
    hint = ("hint: restore the key from a backup; failing that, move the file away, run "
            "`suizhou init --key PLAN_DIR`, and send every unit a new template (the sheets made "
            "with the lost key can no longer be verified)")
    assert made.stderr.splitlines() == [
        f"{keyed / KEY_NAME} is not a key (it should hold one line of 64 hex digits)", hint]
    assert not Path("again").exists()
    imported = import_(run_cli, keyed, "back.xlsx", lang="zh-Hans")
    assert imported.exit_code == 1
    assert imported.stderr.splitlines()[0] == (
        f"{keyed / KEY_NAME} 不是密钥（应为一行 64 位十六进制数字）")
    assert imported.stderr.splitlines()[-1] == "未导入，台账文件未作任何改动"
    assert (keyed / "tasks.yaml").read_bytes() == before


# -- without a key, and before it -----------------------------------------------------------

def test_without_a_key_templates_warn_and_sheets_import_with_a_warning(run_cli, plan_copy,
                                                                       monkeypatch):
    made = run_cli("progress", "template", "--plan", str(plan_copy), "--agency", HIGH_TECH,
                   "--out", "sent", "--as-of", "2024-01-15", "--lang", "zh-Hans")
    assert made.exit_code == 0, made.output
    assert made.stderr == (  # the plan directory as typed (run_cli runs in its parent)
        "警告：plan/.suizhou.key 不存在，这些模板没有签名，交回的表格无法核验来源；"
        "请先运行一次 `suizhou init --key plan`，再重新生成模板\n")
    Path("elsewhere").mkdir()
    monkeypatch.chdir("elsewhere")  # no ./plan: the bundled plan is read
    bundled = run_cli("progress", "template", "--agency", HIGH_TECH, "--out", "sent-bundled",
                      "--as-of", "2024-01-15")
    monkeypatch.chdir("..")
    assert bundled.exit_code == 0, bundled.output
    assert bundled.stderr == (
        "warning: the plan bundled with suizhou has no key, so these templates carry no "
        "signature and the sheets returned cannot be verified; start a workspace with "
        "`suizhou init` (it makes the key) and make the templates there\n")
    marker = load_workbook(Path("sent") / "随州高新区管委会.xlsx")["_suizhou"]
    assert not [r for r in marker.iter_rows(values_only=True)
                if r[0] in ("signature", "key_id")]
    fill(Path("sent") / "随州高新区管委会.xlsx", Path("back.xlsx"),
         {"T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"}})
    result = import_(run_cli, plan_copy, "back.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        "back.xlsx: warning: this plan directory has no key, so the sheet cannot be verified: "
        "anyone could have edited its hidden marker (the unit and the items it may report on) "
        "[unverifiable-sheet]",
        "  hint: run `suizhou init --key PLAN_DIR` once, then make the templates again and "
        "send the new ones"]
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["施工"]


def test_a_sheet_made_before_the_office_had_its_key_is_refused(run_cli, plan_copy):
    sent = template(run_cli, plan_copy)  # no key yet: no signature
    fill(sent, Path("back.xlsx"), {"T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"}})
    make_key(plan_copy)
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = import_(run_cli, plan_copy, "back.xlsx", lang="zh-Hans")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "back.xlsx!_suizhou：错误：该表没有签名（生成于 2024年1月15日，早于本方案目录生成密钥，"
        "或签名已被删除）；其内容一律不导入 [unsigned-sheet]",
        "  修改建议：请为该单位重新生成模板（`suizhou progress template`），并请其在新模板上重新填报"]
    assert (plan_copy / "tasks.yaml").read_bytes() == before


# -- an older version of the plan ---------------------------------------------------------

def test_an_honest_sheet_of_an_older_plan_version_imports_with_its_changes_listed(run_cli, keyed):
    sent = template(run_cli, keyed)
    fill(sent, Path("back.xlsx"), {
        "T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"},
        "T02": {"G": "推进中", "H": "2024/1/12", "I": "运营"},
        "T03": {"G": "推进中", "H": "2024/1/12", "I": "生态"},
        "P3-M6": {"G": "推进中", "H": "2024/1/12", "I": "造血"},
    })
    tasks = keyed / "tasks.yaml"
    edit(tasks, "title: 建設大數據產業園", "title: 建設大數據產業園（一期）")
    edit(tasks, "    title: 提升數字運營能力\n", "    title: 提升數字運營能力\n    due: 2025-06-30\n")
    edit(tasks, "    units: [隨州高新區管委會]\n", "    units: [市發改委]\n")  # T03 moves
    edit(tasks, "      - id: P3-M6\n", "      - id: P3-M7\n")  # P3-M6 vanishes
    result = import_(run_cli, keyed, "back.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "back.xlsx: warning: the template was made on 2024-01-15 from another version of the "
        "plan; its rows are read against today's plan [older-template]",
        "  hint: rows whose items moved or vanished are listed below and not imported",
        "back.xlsx!台账!A9: warning: P3-M6 is no longer an item of the plan; this row is not "
        "imported [item-vanished]",
        "  hint: report it under the item that replaced it, in a new template",
        "back.xlsx!台账!A10: warning: T01's title changed since the template was made (it was "
        "「建設大數據產業園」); the row is imported against today's item [item-retitled]",
        "  hint: check that the report still fits the item",
        "back.xlsx!台账!A11: warning: T02's due date changed since the template was made "
        "(2025-11-30 → 2025-06-30); the row is imported against today's item [item-redated]",
        "  hint: check that the report still fits the item",
        "back.xlsx!台账!A12: warning: T03 is no longer a duty of 隨州高新區管委會; this row is "
        "not imported [item-moved]",
        "  hint: progress on it is reported by 市發改委、市政數局、隨州市數據局",
        "added 2 entries from 1 file(s) to plan/tasks.yaml"]
    source = {"file": "back.xlsx", "sha256": digest(Path("back.xlsx"))}
    assert [(e["note"], e["source"]) for e in ledger(keyed, "T01")] == [("施工", source)]
    assert [(e["note"], e["source"]) for e in ledger(keyed, "T02")] == [("运营", source)]
    assert ledger(keyed, "T03") == []


def test_every_entry_records_the_file_it_came_from_as_typed(run_cli, keyed):
    Path("returned").mkdir()
    fill(template(run_cli, keyed), Path("returned") / "高新区-1月.xlsx",
         {"T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"}})
    police = template(run_cli, keyed, "市公安局")
    fill(police, Path("公安.xlsx"), {"T01": {"G": "推进中", "H": "2024/1/11", "I": "配合施工"}})
    result = import_(run_cli, keyed, "returned/高新区-1月.xlsx", "./公安.xlsx")
    assert result.exit_code == 0, result.output
    assert [(e["by"], e["source"], e["received"]) for e in ledger(keyed, "T01")] == [
        ("市公安局", {"file": "./公安.xlsx", "sha256": digest(Path("公安.xlsx"))},
         date(2024, 1, 20)),
        (HIGH_TECH, {"file": "returned/高新区-1月.xlsx",
                     "sha256": digest(Path("returned/高新区-1月.xlsx"))}, date(2024, 1, 20))]


# -- what a unit may say --------------------------------------------------------------------

def test_an_application_for_more_time_becomes_an_extension_requested_entry(run_cli, keyed):
    sent = template(run_cli, keyed)
    rows = fill(sent, Path("back.xlsx"), {
        # an application alone: its date, its progress so far, the new date and the reason
        "T02": {"H": "2024/1/15", "I": "运营公司组建中", "M": "2026/3/31", "N": "国资审批未完成"},
        # a report and an application in one row
        "T03": {"G": "受阻", "H": "2024/1/16", "I": "企业入园放缓", "J": "招商不足",
                "M": date(2026, 6, 30), "N": "需延长招商周期"},
    })
    result = import_(run_cli, keyed, "back.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"T02: added extension requested of 2024-01-15 by {HIGH_TECH} (back.xlsx!台账!M{rows['T02']})",
        f"T03: added blocked of 2024-01-16 by {HIGH_TECH} (back.xlsx!台账!G{rows['T03']})",
        f"T03: added extension requested of 2024-01-16 by {HIGH_TECH} (back.xlsx!台账!M{rows['T03']})"]
    source = {"file": "back.xlsx", "sha256": digest(Path("back.xlsx"))}
    assert ledger(keyed, "T02") == [{
        "date": date(2024, 1, 15), "status": "extension-requested", "by": HIGH_TECH,
        "until": date(2026, 3, 31), "reason": "国资审批未完成", "note": "运营公司组建中",
        "received": date(2024, 1, 20), "source": source}]
    assert [(e["status"], e.get("until"), e.get("reason"), e["note"])
            for e in ledger(keyed, "T03")] == [
        ("blocked", None, None, "企业入园放缓"),
        ("extension-requested", date(2026, 6, 30), "需延长招商周期", "企业入园放缓")]


def test_an_application_needs_its_date_and_its_reason(run_cli, keyed):
    sent = template(run_cli, keyed)
    fill(sent, Path("back.xlsx"), {
        "T01": {"H": "2024/1/15", "M": "2026/3/31"},                       # no reason
        "T02": {"H": "2024/1/15", "N": "审批未完成"},                       # no new date
        "T03": {"H": "2024/1/15", "M": "明年三月", "N": "审批未完成"},       # not a date
    })
    before = (keyed / "tasks.yaml").read_bytes()
    result = import_(run_cli, keyed, "back.xlsx", lang="zh-Hans")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "back.xlsx!台账!N10：错误：申请延期至 2026年3月31日，但没有填写理由 [until-without-reason]",
        "  修改建议：请在延期理由一栏写明需要延期的原因",
        "back.xlsx!台账!M11：错误：填写了延期理由，但没有填写申请延期至的日期 [reason-without-until]",
        "  修改建议：请填写预计完成的日期，例如 2024-06-30",
        "back.xlsx!台账!M12：错误：「明年三月」不是有效日期 [bad-until]",
        "  修改建议：请填写预计完成的日期，例如 2024-06-30",
        "未导入：有3处错误，未作任何改动。请改正相应单元格后重新导入，或加 --skip-invalid 先导入其余各行"]
    assert (keyed / "tasks.yaml").read_bytes() == before


def test_the_new_date_is_judged_against_the_date_in_force(run_cli, keyed):
    """After the office approved T01 to 2026-03-31, a new application must go past that."""
    args = ("--plan", str(keyed), "--as-of", AS_OF)
    assert run_cli("progress", "apply", "T01", "--by", HIGH_TECH, "--until", "2026-03-31",
                   "--reason", "资金", "--note", "施工", "--date", "2024-01-05", *args
                   ).exit_code == 0
    assert run_cli("progress", "extend", "T01", "--until", "2026-03-31", "--date",
                   "2024-01-08", *args).exit_code == 0
    rows = fill(template(run_cli, keyed), Path("back.xlsx"),
                {"T01": {"H": "2024/1/15", "M": "2026/1/31", "N": "再延"}})
    result = import_(run_cli, keyed, "back.xlsx")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"back.xlsx!台账!M{rows['T01']}: error: the new date 2026-01-31 is not after the item's due date "
        "(2026-03-31) [until-not-later]")


def test_the_last_report_says_whose_words_it_is(run_cli, keyed):
    args = ("--plan", str(keyed), "--as-of", AS_OF)
    assert run_cli("progress", "add", "T01", "--status", "in-progress", "--date", "2024-01-10",
                   "--by", HIGH_TECH, "--note", "機房主體完工", *args).exit_code == 0
    assert run_cli("progress", "add", "T01", "--status", "reported-done", "--date",
                   "2024-01-12", "--by", "市公安局", "--note", "安防系統已接入", "--evidence",
                   "接入清單", *args).exit_code == 0
    police = load_workbook(template(run_cli, keyed, "市公安局"))["台账"]
    [t01] = [r for r in range(6, police.max_row + 1) if police[f"A{r}"].value == "T01"]
    assert police[f"F{t01}"].value == ("2024-01-10 随州高新区管委会：机房主体完工\n"
                                       "2024-01-12 市公安局：安防系统已接入")
    assert police[f"E{t01}"].value == "推进中"  # the lead's word, not the supporting unit's
    lead = load_workbook(template(run_cli, keyed, HIGH_TECH, lang="en"))["Ledger"]
    assert lead["F10"].value == "2024-01-10 隨州高新區管委會: 機房主體完工"


def test_the_sign_off_is_asked_for(run_cli, keyed):
    sent = template(run_cli, keyed)
    fill(sent, Path("none.xlsx"), {"T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"}},
         signoff={})
    fill(sent, Path("part.xlsx"), {"T02": {"G": "推进中", "H": "2024/1/12", "I": "运营"}},
         signoff={"B3": "张三"})
    result = import_(run_cli, keyed, "none.xlsx", "part.xlsx", lang="zh-Hans")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "警告" in line] == [
        "none.xlsx!台账!B3：警告：该表未完成签署：填报人、联系电话和审核人均未填写 [not-signed-off]",
        "part.xlsx!台账!F3：警告：该表未完成签署：联系电话为空 [missing-signoff]",
        "part.xlsx!台账!I3：警告：该表未完成签署：审核为空 [missing-signoff]"]


@pytest.mark.parametrize(("typed", "slug", "said"), [
    ("退回", "office-decision",
     "「退回」 is the office's decision, not a unit's report; nothing from this row is imported"),
    ("已销号", "office-decision",
     "「已销号」 is the office's decision, not a unit's report; nothing from this row is imported"),
    ("申请延期", "extension-in-status",
     "「申请延期」: an application for more time goes in the last two columns, not in the "
     "status"),
])
def test_a_unit_sheet_cannot_carry_the_offices_decisions(run_cli, keyed, typed, slug, said):
    fill(template(run_cli, keyed), Path("back.xlsx"),
         {"T01": {"G": typed, "H": "2024/1/12", "I": "验收完成"}})
    before = (keyed / "tasks.yaml").read_bytes()
    result = import_(run_cli, keyed, "back.xlsx")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"back.xlsx!台账!G10: error: {said} [{slug}]"
    assert (keyed / "tasks.yaml").read_bytes() == before


def test_only_regular_files_are_read_whatever_a_link_says(run_cli, keyed, tmp_path):
    """A link to a good sheet is read as the sheet; to a FIFO it is refused, not waited on."""
    fill(template(run_cli, keyed), Path("back.xlsx"),
         {"T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"}})
    os.symlink("back.xlsx", "link.xlsx")
    os.mkfifo("pipe")
    os.symlink("pipe", "pipe.xlsx")
    result = import_(run_cli, keyed, "pipe.xlsx", "link.xlsx", lang="zh-Hans")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "pipe.xlsx：错误：pipe.xlsx 是指向 pipe 的链接，而它是命名管道（FIFO），不是文件 "
        "[link-not-a-file]")
    linked = import_(run_cli, keyed, "link.xlsx")
    assert linked.exit_code == 0, linked.output
    assert ledger(keyed, "T01")[0]["source"] == {
        "file": "link.xlsx", "sha256": digest(Path("back.xlsx"))}


def test_the_reader_does_not_trust_openpyxls_warnings_to_stay_quiet(run_cli, keyed):
    """A sheet with parts openpyxl warns about (an unknown extension, no default style) is
    read without a word on stderr but the import's own (pytest runs with -W error)."""
    sent = template(run_cli, keyed)
    fill(sent, Path("back.xlsx"), {"T01": {"G": "推进中", "H": "2024/1/12", "I": "施工"}})
    with zipfile.ZipFile("back.xlsx") as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</worksheet>", '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:'
        'dataValidations xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/'
        'main" count="0"/></ext></extLst></worksheet>').encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in parts.items():
            z.writestr(name, body)
    Path("ext.xlsx").write_bytes(out.getvalue())
    result = import_(run_cli, keyed, "ext.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stderr == "added 1 entry from 1 file(s) to plan/tasks.yaml\n"


def _format_1_sheet(path: Path, plan: Path) -> None:
    """A template as suizhou made them before format 2 (first row 4, columns A–L, no
    signature), filled in on T01."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "臺賬"
    ws["A3"], ws["G3"] = "編號", "本期狀態"
    for c, value in zip("ABCDEFGHI", ("T01", "建設大數據產業園", "牽頭", date(2025, 11, 30),
                                      "未報送", None, "推進中", "2024/1/12", "施工"), strict=True):
        ws[f"{c}4"] = value
    marker = wb.create_sheet("_suizhou")
    pairs = [("kind", "suizhou ledger template"), ("format", "1"),
             ("unit_id", "hitech-zone-committee"), ("unit_name", HIGH_TECH),
             ("plan_sha256", digest(plan / "tasks.yaml")), ("made_on", "2024-01-15"),
             ("lang", "zh-Hant"), ("sheet", "臺賬"), ("first_row", "4")]
    for r, row in enumerate([*pairs, ("item", "T01", "建設大數據產業園", "2025-11-30", "lead")], 1):
        for c, value in enumerate(row, 1):
            marker.cell(r, c).value = value
    wb.save(path)


def test_a_format_1_template_still_in_the_field_is_read_in_a_workspace_without_a_key(
        run_cli, plan_copy):
    _format_1_sheet(Path("old.xlsx"), plan_copy)
    result = import_(run_cli, plan_copy, "old.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"T01: added in-progress of 2024-01-12 by {HIGH_TECH} (old.xlsx!臺賬!G4)\n"
    assert result.stderr.splitlines()[0].endswith("[unverifiable-sheet]")
    make_key(plan_copy)  # once the office has its key, an unsigned sheet proves nothing
    refused = import_(run_cli, plan_copy, "old.xlsx")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0].endswith("[unsigned-sheet]")


def test_a_row_whose_locked_cells_were_changed_is_not_imported_even_with_skip_invalid(
        run_cli, keyed):
    sent = template(run_cli, keyed)
    wb = load_workbook(sent)
    ws = wb["台账"]
    ws["E10"] = "已办结"  # T01's current status, locked, rewritten
    ws["G10"], ws["H10"], ws["I10"] = "推进中", "2024-01-12", "施工"
    ws["G11"], ws["H11"], ws["I11"] = "推进中", "2024-01-12", "运营"
    wb.save("back.xlsx")
    result = import_(run_cli, keyed, "back.xlsx", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"T02: added in-progress of 2024-01-12 by {HIGH_TECH} (back.xlsx!台账!G11)\n"
    assert result.stderr.splitlines()[0] == (
        "back.xlsx!台账!E10: error: the locked cell was changed: it reads 「已办结」, the "
        "template said 「未报送」 [locked-cell-changed]")
    assert ledger(keyed, "T01") == []
