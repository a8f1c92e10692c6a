"""The bulletin as a Word document: the official layout (GB/T 9704), the same sections and
figures as the Markdown bulletin, an office's own template, and a real office suite that
prints it (LibreOffice → PDF → pdftotext; skipped with the command to install it outside
CI, a failure in CI)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import docx
import external
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from suizhou_plan.load.ledger import Entry
from suizhou_plan.ops import progress_add

AS_OF = date(2024, 1, 15)


@pytest.fixture
def reported(plan_copy: Path) -> Path:
    for item, entry in [
        ("P1-M2", Entry(date(2023, 11, 20), "reported-done", "市发改委", "相关文件已印发",
                        evidence=("随数字办〔2023〕3号",))),
        ("P1-M3", Entry(date(2024, 1, 10), "blocked", "随州高新区管委会", "机房主体完工",
                        problems="设备采购资金未到位", next="2月底前完成设备招标")),
    ]:
        progress_add.append_progress(plan_copy, item, entry, AS_OF)
    return plan_copy


def _bulletin(run_cli, out: Path, *extra: str, lang: str = "zh-Hans"):
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "docx", "--out", str(out),
                     "--lang", lang, *extra)
    assert result.exit_code == 1, result.output  # overdue items are errors, as in every format
    assert result.stderr == ("已生成 " if lang == "zh-Hans" else "wrote ") + f"{out}\n"
    return docx.Document(str(out))


def _east_asian(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_page_and_the_fonts_are_those_of_an_official_document(run_cli, reported, tmp_path):
    document = _bulletin(run_cli, tmp_path / "通报.docx")
    section = document.sections[0]
    def mm(length) -> float:
        return round(length.mm, 1)  # Word stores twips: 210 mm reads back as 210.01

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37.0, 35.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28.0, 26.0)
    styles = document.styles
    assert (_east_asian(styles["Title"]), styles["Title"].font.size) == ("方正小标宋简体", Pt(22))
    assert (_east_asian(styles["Normal"]), styles["Normal"].font.size) == ("仿宋_GB2312", Pt(16))
    assert _east_asian(styles["Heading 1"]) == "黑体"
    assert _east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert styles["Normal"].paragraph_format.line_spacing == Pt(28.95)  # 22 lines a page
    footer = section.footer.paragraphs[0]
    assert footer.text == "—  —" and "PAGE" in footer._p.xml  # 「— 1 —」 with the number
    assert section.even_page_footer.paragraphs[0].text == "—  —"


def test_the_same_sections_and_figures_as_the_markdown_bulletin(run_cli, reported, tmp_path):
    document = _bulletin(run_cli, tmp_path / "通报.docx")
    markdown = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang",
                       "zh-Hans").stdout
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0] == ("Title", "关于《数字随州建设实施方案》推进情况的通报")
    assert paragraphs[1] == ("Subtitle", "（截至2024年1月15日）")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["一、总体情况", "二、逾期事项", "三、即将到期事项（催办）",
                        "四、责任单位完成情况", "五、存在问题", "六、下一步工作要求"]
    overall = markdown.split("## 一、总体情况\n\n")[1].split("\n")[0]
    assert ("Normal", overall) in paragraphs
    assert paragraphs[-2:] == [("Signature", "数字随州建设领导小组办公室"),
                               ("Signature", "2024年1月15日")]
    # the overdue tables, read by their column headings
    head = [c.text for c in document.tables[0].rows[0].cells]
    assert head == ["事项", "时间节点", "逾期天数", "最新进展", "存在问题"]
    rows = []
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # on every page
        if [c.text for c in table.rows[0].cells] == head:
            rows += [dict(zip(head, (c.text for c in row.cells), strict=True))
                     for row in table.rows[1:]]
    assert len(rows) == 7  # the seven overdue items of 一、总体情况
    p1m3 = next(r for r in rows if r["事项"].startswith("P1-M3"))
    assert p1m3 == {"事项": "P1-M3 初步完成数据中心机房建设及指挥中心一期建设",
                    "时间节点": "2023年11月30日", "逾期天数": "46天",
                    "最新进展": "2024年1月10日 机房主体完工", "存在问题": "设备采购资金未到位"}


def test_an_office_template_gives_its_own_look_and_letterhead(run_cli, reported, tmp_path):
    template = docx.Document()
    template.styles["Normal"].font.size = Pt(15)
    template.sections[0].header.paragraphs[0].text = "随州市人民政府办公室"
    template.add_paragraph("这段文字属于模板，不应出现在通报中")
    template.save(str(tmp_path / "公文模板.docx"))
    document = _bulletin(run_cli, tmp_path / "通报.docx", "--template",
                         str(tmp_path / "公文模板.docx"))
    assert document.sections[0].header.paragraphs[0].text == "随州市人民政府办公室"
    assert document.styles["Normal"].font.size == Pt(15)  # the template's, not ours
    texts = [p.text for p in document.paragraphs]
    assert "这段文字属于模板，不应出现在通报中" not in texts
    assert texts[0] == "关于《数字随州建设实施方案》推进情况的通报"


@pytest.mark.parametrize(("args", "message"), [
    ((), "Word 文档需要写入文件：请加上 --out 通报.docx"),
    (("--out", "x.docx", "--template", "nowhere.docx"), "--template nowhere.docx：找不到该 Word 文档"),
])
def test_usage_errors_say_what_to_type(tmp_path, plan_copy, args, message):
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    result = subprocess.run([sys.executable, "-m", "suizhou_plan", "check", "--as-of",
                             "2024-01-15", "--format", "docx", *args],
                            cwd=plan_copy.parent, capture_output=True, text=True, timeout=60,
                            env={**env, "LANG": "zh_CN.UTF-8"})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"错误：{message}"


def test_libreoffice_prints_the_bulletin_on_a4(run_cli, reported, tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    _bulletin(run_cli, tmp_path / "tongbao.docx")
    done = subprocess.run(
        [str(soffice), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "tongbao.docx")],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "tongbao.pdf"
    info = subprocess.run([str(pdftotext.with_name("pdfinfo")), "-l", "99", str(pdf)],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    sizes = set(re.findall(r"Page\s+\d+ size:\s+(.*)", info))
    assert sizes == {"595.304 x 841.89 pts (A4)"}  # every page A4, portrait
    text = subprocess.run([str(pdftotext), str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for words in ("关于《数字随州建设实施方案》推进情况的通报", "一、总体情况", "二、逾期事项",
                  "P1-M3初步完成数据中心机房建设", "设备采购资金未到位", "六、下一步工作要求",
                  "数字随州建设领导小组办公室", "—1—"):
        assert words in flat, words


def test_duty_lists_in_word_one_unit_a_page_and_one_file_a_unit(run_cli, reported, tmp_path):
    out = tmp_path / "责任清单.docx"
    result = run_cli("duties", "市政数局", "随县", "--as-of", "2024-01-15", "--format", "docx",
                     "--out", str(out), "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["市政数局 责任清单（截至2024年1月15日）",
                      "随县人民政府 责任清单（截至2024年1月15日）"]
    assert "w:br" in document.element.body.xml and 'w:type="page"' in document.element.body.xml
    table = document.tables[0]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["事项", "角色", "时间节点", "状态", "灯", "逾期天数", "最新进展"]
    rows = [dict(zip(head, (c.text for c in row.cells), strict=True)) for row in table.rows[1:]]
    assert rows[0] == {"事项": "P1-M1 成立领导小组", "角色": "配合", "时间节点": "2023年11月30日",
                       "状态": "未报送", "灯": "✖ 红灯", "逾期天数": "46", "最新进展": ""}
    everyone = run_cli("duties", "--all", "--as-of", "2024-01-15", "--format", "docx", "--out",
                       str(tmp_path / "all"), "--lang", "zh-Hans")
    assert everyone.exit_code == 0, everyone.output
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert "市政数局.docx" in names and "曾都区人民政府.docx" in names
    assert everyone.stderr == f"已在 {tmp_path / 'all'} 生成{len(names)}个文件\n"
    missing = run_cli("duties", "市政数局", "--format", "docx", "--as-of", "2024-01-15")
    assert missing.exit_code == 2
    assert "--format docx writes a Word document: add --out FILE.docx" in missing.stderr


def test_tables_share_the_text_width_and_centre_their_figures(run_cli, reported, tmp_path):
    """Each table spans the 156 mm of text in the shares its columns need; dates, days and
    counts are centred, names and text are not."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _bulletin(run_cli, tmp_path / "通报.docx")
    expected = {
        ("事项", "时间节点", "逾期天数", "最新进展", "存在问题"):
            ([0.34, 0.17, 0.11, 0.22, 0.16], [False, True, True, False, False]),
        ("责任单位", "其中牵头", "其中配合", "牵头逾期", "配合逾期", "牵头按时完成", "退回",
         "按时报送"):
            ([0.2, 0.08, 0.08, 0.08, 0.08, 0.19, 0.08, 0.21], [False] + [True] * 7),
    }
    seen = set()
    for table in document.tables:
        head = tuple(c.text for c in table.rows[0].cells)
        shares, centred = expected[head]
        seen.add(head)
        assert [round(column.width.mm, 1) for column in table.columns] == [
            round(156 * share, 1) for share in shares]
        for row in table.rows[1:]:
            assert [c.paragraphs[0].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
                    for c in row.cells] == centred
    assert seen == set(expected)
    # three weeks before phase 1 ends, its milestones are due soon (催办)
    soon = tmp_path / "催办.docx"
    assert run_cli("check", "--as-of", "2023-11-10", "--format", "docx", "--out", str(soon),
                   "--lang", "zh-Hans").exit_code == 1
    [table] = [t for t in docx.Document(str(soon)).tables
               if [c.text for c in t.rows[0].cells] == ["事项", "牵头单位", "时间节点", "剩余天数"]]
    assert [round(column.width.mm, 1) for column in table.columns] == [
        round(156 * share, 1) for share in (0.46, 0.24, 0.18, 0.12)]
    first = table.rows[1].cells
    assert [c.text for c in first[2:]] == ["2023年11月30日", "20天"]
    assert [c.paragraphs[0].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
            for c in first] == [False, False, True, True]


def test_reports_overdue_are_a_paragraph_of_the_word_bulletin(run_cli, reported, tmp_path):
    """Months later, the entries of the `reported` plan are older than the cadence (催報)."""
    out = tmp_path / "催报.docx"
    assert run_cli("check", "--as-of", "2024-04-30", "--format", "docx", "--out", str(out),
                   "--lang", "zh-Hans").exit_code == 1
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    at = paragraphs.index(("Heading 2", "（二）未按期报送进展"))
    style, text = paragraphs[at + 1]  # first the units that did not report for the quarter
    assert style == "Normal" and text.startswith("截至2024年3月28日报送截止日，35个单位未报送本期进展：")
    style, text = paragraphs[at + 2]  # then the items whose last report is too old
    assert style == "Normal" and text.startswith("进展应每92天报送一次，以下事项已超过92天未报送：")
    assert text.endswith("：P1-M3 初步完成数据中心机房建设及指挥中心一期建设（随州高新区管委会，"
                         "上次报送2024年1月10日）。")  # P1-M2, reported done, is not asked for
