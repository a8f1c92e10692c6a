"""The 台賬 template as an office suite prints and saves it: LibreOffice turns a unit's
template into PDF (A4 landscape, as wide as the page, the two heading rows on every page,
text at a size a clerk reads, long titles wrapped whole, not cut), and a signed template
filled in and saved again by LibreOffice still proves where it came from.  Outside CI a
missing LibreOffice or poppler skips this with the command to install it; under
SUIZHOU_REQUIRE_EXTERNAL=1 it fails instead."""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import external
from sheet_filling import fill

from suizhou_plan.ops.workspace import make_key


def _run(args: list[str]) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _convert(soffice: Path, source: Path, out: Path, to: str, profile: Path) -> Path:
    _run([str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
          "--convert-to", to, "--outdir", str(out), str(source)])
    return out / (source.stem + "." + to.split(":")[0])


def test_a_template_prints_on_a4_landscape_readably_with_its_headings_on_every_page(
        run_cli, plan_copy, tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    made = run_cli("progress", "template", "--plan", str(plan_copy), "--agency", "市政数局",
                   "--out", str(tmp_path / "sent"), "--as-of", "2024-01-15", "--lang", "zh-Hans")
    assert made.exit_code == 0, made.output
    pdf = _convert(soffice, tmp_path / "sent" / "市政数局.xlsx", tmp_path / "pdf", "pdf",
                   tmp_path / "lo")
    info = _run([str(pdftotext.with_name("pdfinfo")), "-l", "99", str(pdf)])
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2  # 34 items with their titles wrapped: not squeezed onto one page
    sizes = re.findall(r"Page\s+\d+ size:\s+(.*)", info)
    assert len(sizes) == pages
    assert all(re.fullmatch(r"841\.89 x 595\.\d+ pts \(A4\)", s) for s in sizes), sizes
    for page in range(1, pages + 1):
        text = _run([str(pdftotext), "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"])
        assert re.search(r"编号\s+事项\s+角色\s+时间节点\s+当前状态\s+最近一次填报\s+本期状态"
                         r"\s+填报日期\s+进展\s+存在问题\s+下一步\s+佐证材料\s+申请延期至\s+延期理由",
                         text), f"page {page} lacks the headings"
        assert re.search(rf"\b{page} ?/ ?{pages}\s*$", text.strip("\x0c\n ")), text[-80:]
    first = _run([str(pdftotext), "-layout", "-f", "1", "-l", "1", str(pdf), "-"])
    assert "市政数局 进展情况台账（2024年1月15日制表）" in first
    assert re.search(r"填报人\s+联系电话\s+审核", first)
    raw = _run([str(pdftotext), "-raw", str(pdf), "-"]).replace("\n", "")
    for title in ("加快“市区域医疗数字一体化平台”和“社会大数据库能力平台”等项目建设",
                  "加快各部门业务应用系统与城市中台对接"):
        assert title in raw  # wrapped inside its column, every character printed
    assert "suizhou ledger template" not in raw  # the marker sheet is not printed
    bbox = _run([str(pdftotext), "-bbox", str(pdf), "-"])
    heights = [float(y1) - float(y0) for y0, y1 in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', bbox)]
    assert min(heights) >= 8.0, min(heights)  # 11-point text printed at no less than 8 points
    assert statistics.median(heights) >= 8.5


def test_a_signed_template_saved_again_by_libreoffice_still_proves_where_it_came_from(
        run_cli, plan_copy, tmp_path):
    soffice = external.libreoffice()
    make_key(plan_copy)
    made = run_cli("progress", "template", "--plan", str(plan_copy), "--agency",
                   "隨州高新區管委會", "--out", str(tmp_path / "sent"), "--as-of", "2024-01-15",
                   "--lang", "zh-Hans")
    assert made.exit_code == 0, made.output
    assert made.stderr == ""  # signed: no warning
    filled = tmp_path / "filled" / "随州高新区管委会.xlsx"
    filled.parent.mkdir()
    fill(tmp_path / "sent" / filled.name, filled,
         {"T01": {"G": "推进中", "H": "2024/1/10", "I": "园区主体施工\n设备进场",
                  "M": "2026-06-30", "N": "资金分批到位"}})
    saved = _convert(soffice, filled, tmp_path / "saved", "xlsx:Calc MS Excel 2007 XML",
                     tmp_path / "lo")
    result = run_cli("progress", "import", str(saved), "--plan", str(plan_copy), "--as-of",
                     "2024-01-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"T01: added in-progress of 2024-01-10 by 隨州高新區管委會 ({saved}!台账!G10)",
        f"T01: added extension requested of 2024-01-10 by 隨州高新區管委會 ({saved}!台账!M10)"]
