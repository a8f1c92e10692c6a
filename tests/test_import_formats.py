"""Every input format gives the same plan: text in UTF-8, GBK, GB18030 and Big5 (detected and
named), markdown, a saved HTML page (navigation, breadcrumbs, footer and scripts dropped) and
a Word .docx with numbering that Word generates and a task-division table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import import_corpus as corpus
import pytest
from import_helpers import commands_run_on, do_import, validation_errors

BRACKETS_UNITS = {
    "T1": ["市数据局", "市财政局", "各县、市、区人民政府"], "T2": ["市数据局"],
    "T3": ["市政务服务中心", "市数据局", "市市场监管局"], "T4": ["市城管局", "市公安局", "市应急局"],
    "T5": ["市数据局", "市发展改革委"], "T6": ["市大数据中心"], "S1": ["市政府办公室"],
    "S2": ["市财政局"]}


@pytest.mark.parametrize(("codec", "named"), [("gbk", "GBK"), ("gb18030", "GBK"),
                                              ("utf-8-sig", "UTF-8")])
def test_simplified_text_in_each_encoding(tmp_path, codec, named):
    got = do_import(tmp_path, "plan.txt", corpus.BRACKETS.encode(codec))
    assert got.exit_code == 0
    assert f"read text, {named}: 6 tasks, 2 safeguard measures, 2 phases" in got.stdout
    assert got.units() == BRACKETS_UNITS


def test_gb18030_only_characters_are_named_gb18030(tmp_path):
    text = corpus.BRACKETS.replace("市财政局）", "市财政局）\U00020000", 1)  # beyond GBK
    got = do_import(tmp_path, "plan.txt", text.encode("gb18030"))
    assert got.exit_code == 0
    assert "read text, GB18030:" in got.stdout


def test_traditional_text_in_big5(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.TRADITIONAL.encode("big5"))
    assert got.exit_code == 0
    assert "read text, Big5: 2 tasks" in got.stdout
    assert got.units() == {"T1": ["市民政局", "市數據局"], "T2": ["市委政法委", "市民政局"]}
    assert got.task("T2").lead == "市委政法委"
    assert got.agency("市委政法委").kind == "party-organ"
    assert validation_errors(got.out) == []


def test_markdown_with_headings_and_a_table(tmp_path):
    got = do_import(tmp_path, "plan.md", corpus.MARKDOWN)
    assert got.exit_code == 0
    assert [(t.id, t.section, t.title, list(t.units), t.lead, t.due)
            for t in got.tasks.tasks] == [
        ("T1", "完善制度", "制定公共数据管理办法", ["市司法局", "市数据局"], None, None),
        ("T2", "完善制度", "建立数据分类分级制度", ["市数据局"], None, None),
        ("T3", "任务分工", "建设数据交易平台", ["市金融办", "市数据局"], "市金融办",
         dt.date(2022, 9, 30))]
    assert [(g.due_text, g.due) for g in got.task("T1").targets] == [
        ("2022年上半年前", dt.date(2022, 6, 30))]
    assert got.tasks.plan.title == "某市数据要素市场化配置改革工作方案"
    assert validation_errors(got.out) == []
    commands_run_on(got.out, "市数据局", tmp_path)


def test_saved_html_page_without_its_furniture(tmp_path):
    got = do_import(tmp_path, "plan.html", corpus.HTML)
    assert got.exit_code == 0
    assert [(t.id, t.text, list(t.units), t.due) for t in got.tasks.tasks] == [
        ("T1", "建设城市感知网络。（责任单位：市住建局、市数据局）", ["市住建局", "市数据局"], None),
        ("T2", "建设应急指挥平台。\n（责任单位：市应急管理局）", ["市应急管理局"], None),
        ("T3", "建设智慧工地", ["市住建局"], dt.date(2024, 12, 31))]
    names = [a.name for a in got.agencies.agencies]
    assert "脚本单位" not in names and "页脚单位" not in names
    assert got.tasks.plan.title == "某市新型智慧城市建设实施方案"
    assert [t.section for t in got.tasks.tasks] == ["重点任务"] * 3
    assert got.findings == [("issuer-missing", 1), ("issued-missing", 1), ("lead-inferred", 1),
                            ("page-furniture", 2)]
    assert got.messages[3].startswith("6 blocks of page furniture (navigation, breadcrumbs, "
                                      "footer) left out")
    assert ("milestone-links", 1) not in got.findings
    assert validation_errors(got.out) == []


def test_html_saved_as_gbk_is_read_by_its_declared_charset(tmp_path):
    page = corpus.HTML.replace('charset="utf-8"', 'charset="gbk"').encode("gbk")
    got = do_import(tmp_path, "plan.htm", page)
    assert got.exit_code == 0
    assert "read html, GBK: 3 tasks" in got.stdout
    assert got.units()["T1"] == ["市住建局", "市数据局"]


def _chinese_numbering(document) -> tuple[str, str]:
    """Add Word numbering definitions 「一、」 and 「（一）」 (chineseCounting), as Word writes
    them; returns the two numIds."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    ids = []
    for abstract_id, text in ((90, "%1、"), (91, "（%1）")):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(
            f'<w:num {ns} w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            "</w:num>"))
        ids.append(str(abstract_id))
    return ids[0], ids[1]


def _numbered(document, text: str, num_id: str) -> None:
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某市公共数据开放工作方案")
    top, sub = _chinese_numbering(document)
    _numbered(document, "重点任务", top)
    _numbered(document, "夯实开放基础", sub)
    document.add_paragraph("建设开放平台。（责任单位：市数据局）", style="List Number")
    document.add_paragraph("编制开放目录。2023年6月底前完成。（牵头单位：市数据局；配合单位：市直各部门）",
                           style="List Number")
    _numbered(document, "任务分工", top)
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [("序号", "工作任务", "牵头单位", "完成时限"),
                                       ("1", "开展数据开放评估", "市数据局、市统计局", "2023年12月底"),
                                       ("2", "举办数据开放大赛", "市科技局", "2024年")],
                          strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.save(path)


def test_docx_with_word_numbering_and_a_task_table(tmp_path):
    make_docx(tmp_path / "plan.docx")
    got = do_import(tmp_path, "plan.docx", (tmp_path / "plan.docx").read_bytes())
    assert got.exit_code == 0, got.stdout + got.stderr
    assert "read docx: 4 tasks" in got.stdout
    assert [(t.id, t.section, t.title, list(t.units), t.lead, t.due)
            for t in got.tasks.tasks] == [
        ("T1", "夯实开放基础", "建设开放平台", ["市数据局"], None, None),
        ("T2", "夯实开放基础", "编制开放目录", ["市数据局", "市直各部门"], "市数据局", None),
        ("T3", "任务分工", "开展数据开放评估", ["市数据局", "市统计局"], "市数据局",
         dt.date(2023, 12, 31)),
        ("T4", "任务分工", "举办数据开放大赛", ["市科技局"], "市科技局", dt.date(2024, 12, 31))]
    yaml_text = (got.out / "tasks.yaml").read_text(encoding="utf-8")
    assert "# DOC line 4 · 一、 （一） 1." in yaml_text  # the numbers Word generates
    assert [(g.due_text, g.due) for g in got.task("T2").targets] == [
        ("2023年6月底前", dt.date(2023, 6, 30))]
    report = (got.out / "import-report.md").read_text(encoding="utf-8")
    assert "| paragraph 5 | `collective-members` |" in report
    assert validation_errors(got.out) == []
    commands_run_on(got.out, "市数据局", tmp_path)


def test_text_from_a_pdf_hard_wrapped_with_page_numbers(tmp_path):
    """What `pdftotext` writes: lines broken inside sentences and unit lists, a form feed and
    a page number between pages."""
    text = ("某市数字政府建设实施方案\n一、重点任务\n"
            "1.建设政务云平台。统一建设全市政务云，2023 年底前完成一期建设。（责任单位：市数据局、市财\n"
            "政局，各县、市、区人民政府）\n"
            "— 1 —\n\f"
            "2.完善电子政务外网。到 2025 年，实现外网全覆盖。（责任单位：市数据局）\n")
    got = do_import(tmp_path, "plan.txt", text)
    assert got.exit_code == 0
    assert got.units() == {"T1": ["市数据局", "市财政局", "各县、市、区人民政府"], "T2": ["市数据局"]}
    assert got.task("T1").text.endswith("（责任单位：市数据局、市财政局，各县、市、区人民政府）")
    assert [(g.due_text, g.due) for t in got.tasks.tasks for g in t.targets] == [
        ("2023 年底前", dt.date(2023, 12, 31)), ("到 2025 年", dt.date(2025, 12, 31))]


def test_a_page_saved_without_a_charset_is_detected_and_its_metadata_read(tmp_path):
    page = ("<html><body><div class=\"info\">发布机构：某市人民政府办公室 成文日期：2022-11-03 "
            "发布日期：2022-11-10</div><div class=\"content\"><p>某市数字乡村实施方案</p>"
            "<p>1.建设益农信息社。（责任单位：市农业农村局）</p></div></body></html>")
    got = do_import(tmp_path, "plan.html", page.encode("gbk"))
    assert got.exit_code == 0
    assert "read html, GBK: 1 task" in got.stdout
    plan = got.tasks.plan
    assert (plan.title, plan.issuer, plan.issued) == (
        "某市数字乡村实施方案", "某市人民政府办公室", dt.date(2022, 11, 3))
    assert got.units() == {"T1": ["市农业农村局"]}
