"""The import report's items: each task, safeguard, target and milestone with where it was
found and the words it was read from (units, lead, deadline), in the reader's language, from
text, a flattened table, a Word table, a PDF and the bundled plan; hostile text neutralised."""

from __future__ import annotations

from pathlib import Path

import external
import import_corpus_shapes as shapes
from import_helpers import invoke

SOURCE = Path(__file__).resolve().parent.parent / "source" / "000_b1e91cb46fd45bc1.txt"


def _report(doc: Path, out: Path, lang: str) -> str:
    code, stdout, stderr = invoke("import", str(doc), "--out", str(out), "--lang", lang)
    assert code == 0, stdout + stderr
    return (out / "import-report.md").read_text(encoding="utf-8")


def _block(report: str, heading: str) -> str:
    """The lines of one item, from its heading to the blank line after it."""
    start = report.index(f"\n### {heading}\n") + 1
    end = report.find("\n\n", report.index("\n\n", start) + 2)
    return report[start:end + 1 if end >= 0 else len(report)]


def test_a_web_page_copied_as_text_labels_run_together(tmp_path):
    doc = shapes._write(tmp_path, "five-g.txt", shapes.FIVE_G)
    report = _report(doc, tmp_path / "plan", "en")
    assert "\n## Items as found (9)\n\nEach item with the words of the document it was read " \
        "from: check its number, title, units, lead and deadline against the document, and " \
        "correct `tasks.yaml` where they differ.\n\n### T1 " in report
    assert _block(report, "T1 科学规划基站布局") == (
        "### T1 科学规划基站布局\n\n"
        "- found: line 13, numbered 「二、 （一） 1.」, in 「加快5G网络建设」\n"
        "- units: 市自然资源和规划局、市经信局、市住建局、铁塔某市分公司, from 「牵头单位："
        "市自然资源和规划局 配合单位：市经信局、市住建局、铁塔某市分公司」\n"
        "- lead: 市自然资源和规划局, as the document marks it: 「牵头单位」\n"
        "- target T1-2022: 2022-12-31, from 「2022年底前」 (the end of the year)\n")
    assert _block(report, "T3 降低建设成本") == (
        "### T3 降低建设成本\n\n"
        "- found: line 15, numbered 「二、 （一） 3.」, in 「加快5G网络建设」\n"
        "- units: 市发展改革委、国网某市供电公司, from 「牵头单位：市发展改革委配合单位："
        "国网某市供电公司」\n"
        "- lead: 市发展改革委, as the document marks it: 「牵头单位」\n"
        "- deadline: none written\n")
    assert _block(report, "S2 加大资金支持") == (
        "### S2 加大资金支持\n\n"
        "- found: line 23, numbered 「三、 （二）」, in 「保障措施」\n"
        "- units: 市财政局、市经信局, from 「牵头单位：市财政局 配合单位：市经信局」\n"
        "- lead: 市财政局, as the document marks it: 「牵头单位」\n"
        "- deadline: none written\n")


def test_the_same_items_in_simplified_chinese(tmp_path):
    doc = shapes._write(tmp_path, "five-g.txt", shapes.FIVE_G)
    report = _report(doc, tmp_path / "plan", "zh-Hans")
    assert "\n## 逐项核对（9 项）\n\n以下逐项列出导入的内容及其所依据的原文：请对照文件核对编号、" \
        "标题、责任单位、牵头单位和完成时限，不一致之处在 `tasks.yaml` 中改正。\n" in report
    assert _block(report, "T7 拓展“5G+智慧交通”") == (
        "### T7 拓展“5G+智慧交通”\n\n"
        "- 位置：第 20 行，编号「二、 （二） 7.」，属于「推进5G融合应用」\n"
        "- 责任单位：市交通运输局、市公安局交警支队；原文「牵头单位：市交通运输局 配合单位："
        "市公安局交警支队」\n"
        "- 牵头单位：市交通运输局（原文标明「牵头单位」）\n"
        "- 目标 T7-2023：2023年6月30日；原文「2023年6月底前」（按该月最后一天）\n")


def test_a_task_table_flattened_to_one_line_names_its_row_and_cells(tmp_path):
    report = _report(shapes.district_flat(tmp_path), tmp_path / "plan", "en")
    assert _block(report, "T1 升级电子政务外网") == (
        "### T1 升级电子政务外网\n\n"
        "- found: line 1, table row 3, numbered 「1」, in 「基础设施」\n"
        "- units: 区大数据中心、区财政局, from the cells 牵头单位 「区大数据中心」; "
        "配合单位 「区财政局」\n"
        "- lead: 区大数据中心, from the 「牵头单位」 column\n"
        "- deadline: 2023-09-30, from the 「完成时限」 cell 「2023年9月底」 (the last day of "
        "the month)\n")
    assert _block(report, "T5 建设“15分钟政务服务圈”") == (
        "### T5 建设“15分钟政务服务圈”\n\n"
        "- found: line 1, table row 8, numbered 「5」, in 「政务服务」\n"
        "- units: 区政务服务中心、各镇人民政府、各街道办事处, from the cells 牵头单位 "
        "「区政务服务中心」; 配合单位 「各镇人民政府、各街道办事处」\n"
        "- lead: 区政务服务中心, from the 「牵头单位」 column\n"
        "- deadline: the 「完成时限」 cell 「持续推进」 gives no date (no year or month in the "
        "phrase)\n")
    assert _block(report, "T7 推进“雪亮工程”提档升级").splitlines()[3] == (
        "- units: 区公安分局, from the cells 牵头单位 「区公安分局」")  # the empty cell left out


def test_a_word_table_names_the_paragraph_and_row_in_chinese(tmp_path):
    report = _report(shapes.consume_broken(tmp_path), tmp_path / "plan", "zh-Hans")
    assert _block(report, "T2 扩大家居消费") == (
        "### T2 扩大家居消费\n\n"
        "- 位置：第 13 段，表格第 4 行，编号「2」，属于「提升传统消费」\n"
        "- 责任单位：市商务局、市市场监管局；原文单元格 牵头单位「市商务局」；"
        "配合单位「市市场监管局」\n"
        "- 牵头单位：市商务局（取自「牵头单位」一栏）\n"
        "- 完成时限：原文「时间节点」栏「长期坚持」，没有具体日期（没有年份或月份）\n")


def test_a_pdf_names_the_page_and_joins_wrapped_cells(tmp_path):
    external.libreoffice()
    report = _report(shapes.data_broken(tmp_path), tmp_path / "plan", "en")
    assert _block(report, "T1 编制公共数据开放目录，建立目录动态更新机制") == (
        "### T1 编制公共数据开放目录，建立目录动态更新机制\n\n"
        "- found: page 1, table row 2, numbered 「1」, in 「重点任务」\n"
        "- units: 市大数据局、市直各部门, from the cells 牵头单位 「市大数据局」; "
        "配合单位 「市直各部门」\n"
        "- lead: 市大数据局, from the 「牵头单位」 column\n"
        "- deadline: 2022-12-31, from the 「完成时限」 cell 「2022年12月底」 (the last day of "
        "the month)\n")
    assert _block(report, "S2 强化安全管理") == (
        "### S2 强化安全管理\n\n"
        "- found: page 1, numbered 「三、 （二）」, in 「保障措施」\n"
        "- units: 市委网信办、市公安局, from 「（责任单位：市委网信办、市公安局）」\n"
        "- lead: 市委网信办, listed first (the document marks no lead: the plan format's "
        "default)\n"
        "- deadline: none written\n")


def test_the_lead_rule_units_for_all_and_a_deadline_label(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "某县数字乡村建设实施方案\n"
        "各项任务责任单位中，列第一位的为牵头单位。以下各项任务各乡镇人民政府均需配合落实，不再列出。\n"
        "一、重点任务\n"
        "1.建设益农信息社。2024年6月底前实现行政村全覆盖。（责任单位：县农业农村局、县商务局）\n"
        "2.推进农村电商。（牵头单位：县商务局；配合单位：县邮政分公司；完成时限：2025年3月）\n",
        encoding="utf-8")
    report = _report(doc, tmp_path / "plan", "en")
    assert _block(report, "T1 建设益农信息社") == (
        "### T1 建设益农信息社\n\n"
        "- found: line 4, numbered 「一、 1.」, in 「重点任务」\n"
        "- units: 县农业农村局、县商务局, from 「（责任单位：县农业农村局、县商务局）」\n"
        "- also: 各乡镇人民政府, added by 「以下各项任务各乡镇人民政府均需配合」 (line 2)\n"
        "- lead: 县农业农村局, listed first; the document says 「列第一位的为牵头单位」\n"
        "- target T1-2024: 2024-06-30, from 「2024年6月底前」 (the last day of the month)\n")
    assert _block(report, "T2 推进农村电商").splitlines()[5:] == [
        "- lead: 县商务局, as the document marks it: 「牵头单位」",
        "- deadline: 2025-03-31, from 「完成时限：2025年3月」 (the last day of the month)"]


def test_the_bundled_plan_in_traditional_chinese_with_its_milestones(tmp_path):
    report = _report(SOURCE, tmp_path / "plan", "zh-Hant")
    assert "\n## 逐項核對（47 項）\n" in report
    assert _block(report, "T01 建設大數據產業園") == (
        "### T01 建設大數據產業園\n\n"
        "- 位置：第 15 行，編號「三、 (一) 1.」，屬於「數字經濟」\n"
        "- 責任單位：隨州高新區管委會、市城管執法委、市公安局、市應急管理局、市消防救援支隊、"
        "市大數據中心；原文「(責任單位:隨州高新區管委會、市城管執法委、市公安局、市應急管理局、"
        "市消防救援支隊、市大數據中心)」\n"
        "- 牽頭單位：隨州高新區管委會（排在第一位；文件未標明牽頭單位，按默認取第一個）\n"
        "- 完成時限：文件未寫明，按方案結束日 2025年11月30日\n")
    assert _block(report, "P1-M1 成立領導小組") == (
        "### P1-M1 成立領導小組\n\n"
        "- 位置：第 44 行，第 1 階段「2021年11月—2023年11月底」\n"
        "- 完成時限：2023年11月30日（所在階段結束日）\n"
        "- 關聯任務：S1、S2，依據共同的字詞「領導小組」推定，請核對\n")


def test_hostile_text_reaches_the_report_as_text(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text("某市测试实施方案\n一、重点任务\n"
                   "1.建设平台[点此](http://evil.example/x)`code`<script>alert</script>\x1bc。"
                   "（责任单位：市数据局、市<b>公安局</b>）\n", encoding="utf-8")
    report = _report(doc, tmp_path / "plan", "en")
    block = _block(report, "T1 建设平台\\[点此\\](http://evil.example/x)\\`code\\`&lt;script&gt;"
                   "alert&lt;/script&gt;\\x1bc")
    assert block.splitlines()[3] == (  # 「/」 separates units, as in 「市发改委/市财政局」
        "- units: 市数据局、市&lt;b&gt;公安局&lt;、b&gt;, from 「（责任单位：市数据局、"
        "市&lt;b&gt;公安局&lt;/b&gt;）」")
    assert "<script>" not in report and "<b>" not in report and "\x1b" not in report
    assert "](http" not in report.replace("\\](http", "")


GUIDES = {"guide.en.md": "en", "guide.md": "zh-Hans"}


def test_the_guides_show_an_item_as_the_report_writes_it(tmp_path):
    """The user guides quote the report's block for one item of their walk-through's
    document: it is the block the import writes."""
    import re

    docs = Path(__file__).resolve().parent.parent / "docs"
    for name, lang in GUIDES.items():
        guide = (docs / name).read_text(encoding="utf-8")
        added = re.search(r"\+\+\+ b/district-plan\.txt\n@@ [^\n]*\n((?:\+[^\n]*\n)+)", guide)
        assert added is not None, name
        doc = tmp_path / name / "district-plan.txt"
        doc.parent.mkdir()
        doc.write_text("".join(line[1:] + "\n" for line in added.group(1).splitlines()),
                       encoding="utf-8")
        shown = re.search(r"```markdown\n(### T3 [^\n]*\n.*?)```", guide, re.S)
        assert shown is not None, name
        report = _report(doc, doc.parent / "district", lang)
        assert _block(report, "T3 建设网格管理平台") == shown.group(1), name
