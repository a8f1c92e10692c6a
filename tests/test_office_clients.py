"""The workbooks open in a real office suite: LibreOffice converts a duty list and a 台賬
template to PDF headless, and the PDF's text (pdftotext) holds the Chinese headings and
rows on A4 landscape pages.  Outside CI a missing LibreOffice or pdftotext skips this with
the command to install it; in CI (SUIZHOU_REQUIRE_EXTERNAL=1) it fails instead."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import external


def _to_pdf(soffice: Path, files: list[Path], out: Path, profile: Path) -> None:
    done = subprocess.run(
        [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr


def _text(pdftotext: Path, pdf: Path) -> str:
    done = subprocess.run([str(pdftotext), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


def _page_sizes(pdftotext: Path, pdf: Path) -> set[str]:
    pdfinfo = pdftotext.with_name("pdfinfo")
    done = subprocess.run([str(pdfinfo), "-l", "99", str(pdf)], capture_output=True, text=True,
                          timeout=60, check=True)
    return set(re.findall(r"Page\s+\d+ size:\s+(.*)", done.stdout))


def test_libreoffice_prints_the_duty_list_and_the_template_in_chinese(run_cli, plan_copy,
                                                                      tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    duties = tmp_path / "市政數局責任清單.xlsx"
    made = run_cli("duties", "市政數局", "--plan", str(plan_copy), "--format", "xlsx", "--out",
                   str(duties), "--as-of", "2024-01-15", "--lang", "zh-Hant")
    assert made.exit_code == 0, made.output
    sent = tmp_path / "sent"
    made = run_cli("progress", "template", "--plan", str(plan_copy), "--agency",
                   "隨州高新區管委會", "--out", str(sent), "--as-of", "2024-01-15", "--lang", "zh-Hant")
    assert made.exit_code == 0, made.output
    template = sent / "隨州高新區管委會.xlsx"
    _to_pdf(soffice, [duties, template], tmp_path / "pdf", tmp_path / "lo-profile")

    duties_pdf = tmp_path / "pdf" / "市政數局責任清單.pdf"
    text = _text(pdftotext, duties_pdf)
    assert "市政數局 責任清單（截至2024年1月15日）" in text
    for heading in ("編號", "事項", "時間節點", "逾期天數", "狀態"):
        assert heading in text, heading
    assert re.search(r"P1-M4\s+實施神農雲二期建設\s+階段性任務\s+牽頭", text)
    assert re.search(r"2023-11-30\s+46\s+未報送\s+✖ 紅燈", text)  # a real date shown as written
    [size] = _page_sizes(pdftotext, duties_pdf)  # every page the same: A4, landscape
    assert re.fullmatch(r"841\.89 x 595\.\d+ pts \(A4\)", size), size

    template_text = _text(pdftotext, tmp_path / "pdf" / "隨州高新區管委會.pdf")
    assert "隨州高新區管委會 進展情況臺賬（2024年1月15日製表）" in template_text
    for heading in ("本期狀態", "填報日期", "進展", "存在問題", "下一步", "佐證材料"):
        assert heading in template_text, heading
    assert re.search(r"T01\s+建設大數據產業園\s+牽頭\s+2025-11-30\s+未報送", template_text)
    assert "suizhou ledger template" not in template_text  # the marker sheet is not printed


def test_a_template_saved_again_by_libreoffice_keeps_its_guards_and_imports(run_cli, plan_copy,
                                                                            tmp_path):
    """A unit opens the filled template in an office suite and saves it: the drop-down, the
    protection, the dates and the hidden marker survive, and the import reads the file."""
    import yaml
    from openpyxl import load_workbook
    from sheet_filling import fill

    soffice = external.libreoffice()
    sent = tmp_path / "sent"
    made = run_cli("progress", "template", "--plan", str(plan_copy), "--agency",
                   "隨州高新區管委會", "--out", str(sent), "--as-of", "2024-01-15", "--lang",
                   "zh-Hant")
    assert made.exit_code == 0, made.output
    filled = tmp_path / "filled" / "隨州高新區管委會.xlsx"
    filled.parent.mkdir()
    fill(sent / filled.name, filled, {"T01": {"G": "推進中", "H": "2024/1/10",
                                              "I": "園區主體施工\n設備進場"}})
    done = subprocess.run(
        [str(soffice), f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
         "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
         str(tmp_path / "saved"), str(filled)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "saved" / filled.name
    wb = load_workbook(saved)
    ws = wb["臺賬"]
    assert wb["_suizhou"].sheet_state in ("hidden", "veryHidden")
    assert ws.protection.sheet and ws["A6"].protection.locked
    assert ws["G6"].protection.locked is False
    choices = ws.data_validations.dataValidation[0]
    assert choices.formula1 == '"未開始,推進中,受阻,已辦結"'
    result = run_cli("progress", "import", str(saved), "--plan", str(plan_copy), "--as-of",
                     "2024-01-20")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((plan_copy / "tasks.yaml").read_text(encoding="utf-8"))
    [t01] = [t for t in data["tasks"] if t["id"] == "T01"]
    assert [(e["status"], str(e["date"]), e["note"]) for e in t01["progress"]] == [
        ("in-progress", "2024-01-10", "園區主體施工\n設備進場")]
