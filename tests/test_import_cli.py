"""`suizhou import` as a command: exit codes, usage errors that say what to type, the report
file, and the error boundary (no traceback for any document)."""

from __future__ import annotations

import subprocess
import sys

import import_corpus as corpus
from import_helpers import do_import, invoke


def test_exit_0_and_the_report_file_lists_every_finding(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.BROKEN)
    assert got.exit_code == 0
    report = (got.out / "import-report.md").read_text(encoding="utf-8")
    assert report.startswith(f"# Import report: {tmp_path / 'plan.txt'}\n")
    assert "## To confirm (8)" in report
    assert "| line 4 | `numbering` | numbering skips from 2 to 4 at 「4.」 | check whether an " \
        "item was lost |" in report
    assert got.stdout.splitlines()[-1] == (
        f"8 findings to confirm; see {got.out}/import-report.md")
    assert sorted(p.name for p in got.out.iterdir()) == [
        "agencies.yaml", "import-base.json", "import-report.md", "tasks.yaml"]


def test_exit_1_when_the_document_holds_no_tasks(tmp_path):
    got = do_import(tmp_path, "notice.txt", "关于召开会议的通知\n请各单位准时参加。\n")
    assert got.exit_code == 1
    assert "no tasks found" in got.stderr and "責任單位" in got.stderr
    assert not got.out.exists()


def test_exit_1_for_a_file_that_is_not_text(tmp_path):
    got = do_import(tmp_path, "plan.txt", bytes(range(128, 256)) * 8)
    assert got.exit_code == 1
    assert "is not text in UTF-8, GBK, GB18030 or Big5" in got.stderr


def test_exit_1_for_old_word_and_damaged_pdf_files_with_what_to_do(tmp_path):
    got = do_import(tmp_path, "plan.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert got.exit_code == 1 and "save it as .docx" in got.stderr
    got = do_import(tmp_path, "plan.pdf", b"%PDF-1.4\n")
    assert (got.exit_code, got.stderr) == (1, (
        f"suizhou import: {tmp_path / 'plan.pdf'} cannot be read as a PDF: No /Root object! "
        "- Is this really a PDF?\n"))
    assert not got.out.exists()


def test_exit_1_for_a_damaged_docx(tmp_path):
    got = do_import(tmp_path, "plan.docx", b"PK\x03\x04 not really a zip")
    assert got.exit_code == 1
    assert "cannot be read as a Word .docx file" in got.stderr


def test_usage_error_for_an_existing_non_empty_directory(tmp_path):
    (tmp_path / "plan.txt").write_text(corpus.BRACKETS, encoding="utf-8")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("kept\n", encoding="utf-8")
    code, _, err = invoke("import", str(tmp_path / "plan.txt"), "--out", str(out))
    assert code == 2
    assert f"{out} already exists and is not empty; type a new directory, e.g. " \
        "--out mine-imported" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_an_existing_empty_directory_is_used(tmp_path):
    (tmp_path / "plan.txt").write_text(corpus.BRACKETS, encoding="utf-8")
    (tmp_path / "out").mkdir()
    code, _, _ = invoke("import", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "out"))
    assert code == 0 and (tmp_path / "out" / "tasks.yaml").exists()


def test_usage_errors_for_missing_files(tmp_path):
    code, _, err = invoke("import", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert code == 2 and "nope.txt does not exist; type the path of the plan document" in err
    (tmp_path / "plan.txt").write_text(corpus.BRACKETS, encoding="utf-8")
    code, _, err = invoke("import", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "o"),
                          "--agencies", str(tmp_path / "none.yaml"))
    assert code == 2 and "type the path of an agencies.yaml" in err
    code, _, err = invoke("import", str(tmp_path / "plan.txt"))
    assert code == 2 and "Missing option '--out'" in err


def test_usage_error_for_a_registry_that_does_not_validate(tmp_path):
    (tmp_path / "plan.txt").write_text(corpus.BRACKETS, encoding="utf-8")
    bad = tmp_path / "agencies.yaml"
    bad.write_text("schema_version: 1\nagencies:\n  - id: x\n    name: 市数据局\n", encoding="utf-8")
    code, _, err = invoke("import", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "o"),
                          "--agencies", str(bad))
    assert code == 2
    assert f"--agencies {bad} is not a valid agencies.yaml" in err and ":3:" in err


def test_a_second_plan_shares_the_first_plans_registry(tmp_path):
    first = do_import(tmp_path, "first.txt", corpus.BRACKETS)
    second_dir = tmp_path / "second"
    second_dir.mkdir()
    doc = ("某市数据要素行动计划\n1.开放公共数据。（责任单位：市數據局、市财政局）\n"
           "2.培育数据商。（责任单位：市数局、市统计局）\n")
    second = do_import(second_dir, "second.txt", doc, "--agencies",
                       str(first.out / "agencies.yaml"))
    assert second.exit_code == 0
    first_ids = {a.name: a.id for a in first.agencies.agencies}
    assert {a.name: a.id for a in second.agencies.agencies if a.name in first_ids} == first_ids
    data = second.agency("市数据局")
    assert "市數據局" in data.aliases  # the same unit in the other script: matched
    new = [a.name for a in second.agencies.agencies if a.name not in
           {x.name for x in first.agencies.agencies}]
    assert new == ["市数局", "市统计局"]
    assert ("registry-match", 2) in second.findings
    assert ("registry-near-miss", 3) in second.findings
    assert any("「市数局」 is not in the registry; did you mean 市数据局" in m
               for m in second.messages)


def test_the_installed_command_prints_no_traceback(tmp_path):
    (tmp_path / "plan.txt").write_bytes(b"\xff\xfe\x00garbage" * 50)
    result = subprocess.run(
        [sys.executable, "-m", "suizhou_plan", "import", str(tmp_path / "plan.txt"), "--out",
         str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr


def test_help_names_the_formats_and_exit_codes():
    code, out, _ = invoke("import", "--help")
    assert code == 0
    for word in ("GBK", "Big5", ".docx", "HTML", "import-report.md", "Exit 0"):
        assert word in out


def test_findings_and_report_in_traditional_chinese(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.BROKEN, "--lang", "zh-Hant")
    assert got.exit_code == 0
    assert "numbering skips" not in got.stdout
    assert f"{tmp_path / 'plan.txt'}:4: [numbering] 編號從 2 跳到 4（「4.」）" in got.stdout
    assert got.stdout.splitlines()[-1] == f"待確認 8 處，見 {got.out}/import-report.md"
    report = (got.out / "import-report.md").read_text(encoding="utf-8")
    assert "| 第 3 行 | `bracket` | T2：責任單位的括號沒有閉合 | 請核對單位列表在哪裡結束 |" in report
    assert "| 全文 | `title-missing` |" in report


def test_every_translation_has_the_placeholders_of_its_message():
    """Across the whole catalogue (the importer's messages included): a translation that
    drops or renames a `{placeholder}` would print the wrong thing or fail at run time."""
    import string

    from babel.messages.pofile import read_po

    from suizhou_plan.devtools import catalogue
    from suizhou_plan.importer.messages import MESSAGES

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    with catalogue._po_path("zh_Hans").open("rb") as handle:
        catalog = [m for m in read_po(handle) if m.id]
    messages = {m.id: m.string for m in catalog}
    formatted = {m.id for m in catalog if "python-brace-format" in m.flags}
    for message, hint in MESSAGES.values():
        assert message in messages and (not hint or hint in messages), message
    checked = 0
    for msgid, msgstr in messages.items():
        if msgid not in formatted:
            continue
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strs = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        if "%(" in ids[0]:  # click's own printf-style message
            continue
        wanted = set().union(*(fields(i) for i in ids)) - {"n"}
        for text in strs:
            if not text:  # untranslated: test_i18n says so
                continue
            got = fields(text) - {"n"}
            if len(ids) == 1:
                assert got == wanted, (msgid, text)
            else:  # one Chinese form for singular and plural: either one's placeholders
                assert got in [fields(i) - {"n"} for i in ids], (msgid, text)
            checked += 1
    assert checked > 200


def test_usage_error_when_the_directory_cannot_be_made(tmp_path):
    (tmp_path / "plan.txt").write_text(corpus.BRACKETS, encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code, _, err = invoke("import", str(tmp_path / "plan.txt"), "--out",
                          str(tmp_path / "afile" / "sub"))
    assert code == 2
    assert "cannot write" in err and "type --out with a directory you can write to" in err


def test_the_evaluation_script_scores_an_import_against_a_reading(tmp_path, capsys):
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("import_eval", ROOT / "bench" / "import_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_eval"] = module
    spec.loader.exec_module(module)
    (tmp_path / "plan.txt").write_text(corpus.RUN_ON, encoding="utf-8")
    (tmp_path / "plan.truth.yaml").write_text(
        "tasks:\n"
        "  一、 （一） 1.: {units: [区政务服务局, 各街道办事处], leads: [区政务服务局]}\n"
        "  一、 （一） 2.: {units: [区发改局, 区住建局, 区自然资源局], leads: [区发改局],"
        " due: [2019-12-31]}\n"
        "  一、 （二） 1.: {units: [区市场监管局, 区司法局, 区财政局], leads: [区市场监管局]}\n",
        encoding="utf-8")
    assert module.main([str(tmp_path)]) == 0
    rows = capsys.readouterr().out.splitlines()
    # The reading names a third unit for 「（二） 1.」 that the document does not, and leaves
    # 「（二） 2.」 out, so its one unit counts as a wrong pair: 7 right of 8 written, 7 of 8 read.
    assert rows[2].startswith("| plan.txt | 3 | 8 | 0.875 | 0.875 | 2/3 | 3/3 | 1/1 | valid:")


def test_findings_in_simplified_chinese_quote_the_document_as_written(tmp_path):
    doc = "某縣數字鄉村行動方案\n1.建設益農信息社。（責任單位：縣農業農村局、各鄉鎮人民政府等）\n"
    got = do_import(tmp_path, "plan.txt", doc, "--lang", "zh")
    assert got.exit_code == 0
    assert f"{tmp_path / 'plan.txt'}:2: [open-list] T1：单位列表以「等」结尾，可能没有列全" in got.stdout
    assert "[collective-members] 「各鄉鎮人民政府」代表若干单位，文件没有说明是哪些" in got.stdout


def test_a_document_that_cannot_be_used_is_told_in_the_clerks_language(tmp_path):
    notice = do_import(tmp_path, "notice.txt", "关于召开会议的通知\n请各单位准时参加。\n",
                       "--lang", "zh-Hans")
    assert (notice.exit_code, notice.stderr) == (1, (
        f"suizhou import: {tmp_path / 'notice.txt'} 中未找到任何任务：没有段落写明责任单位"
        "（责任单位、牵头单位……），也没有表格含有单位列\n"))
    pdf = do_import(tmp_path, "plan.pdf", b"%PDF-1.4\n", "--lang", "zh-Hant")
    assert (pdf.exit_code, pdf.stderr) == (1, (
        f"suizhou import: {tmp_path / 'plan.pdf'} 無法作為 PDF 讀取：No /Root object! "
        "- Is this really a PDF?\n"))


def test_a_registry_that_does_not_validate_is_told_in_the_clerks_language(tmp_path, capsys):
    """Through the entry point's own runner, which puts usage errors in the reader's words."""
    from suizhou_plan.cli import _run

    (tmp_path / "plan.txt").write_text(corpus.BRACKETS, encoding="utf-8")
    bad = tmp_path / "agencies.yaml"
    bad.write_text("schema_version: 1\nagencies:\n  - id: x\n    name: 市数据局\n", encoding="utf-8")
    code = _run(["import", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "o"),
                 "--agencies", str(bad), "--lang", "zh-Hans"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.endswith(
        f"--agencies {bad} 不是有效的 agencies.yaml（{bad}:3:5：agencies[0] 中缺少必填字段 `kind`）"
        "；请对其所属方案运行 `suizhou validate`，或去掉 --agencies\n"), err
