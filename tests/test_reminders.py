"""Reminders (催辦通知) on a small plan written here, as of 2024-03-05, every notice worked
out by hand below: which units get one, exactly which items each lists, in which capacity,
with which dates and what is asked; the missing report of February; the Word documents,
printed by LibreOffice and read back with pdftotext, in Chinese and English; the combined
list; files written all or none."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import docx
import external
import pytest
from openpyxl import load_workbook
from test_assessment import write_plan

from suizhou_plan.load import load_plan
from suizhou_plan.views.index import build_index
from suizhou_plan.views.reminders import build_reminders


def _task(tid: str, n: int, units: str, due: str, entries: list[str]) -> str:
    text = (f"  - id: {tid}\n    number: {n}\n    kind: task\n    section: 數字經濟\n"
            f"    title: 任務{n}\n    text: 任務{n}。\n    units: {units}\n    due: {due}\n")
    if entries:
        text += "    progress:\n" + "".join(f"      - {e}\n" for e in entries)
    return text


# As of 2024-03-05; reports monthly by the 28th, so the period just closed is February
# (2024-01-29 to 2024-02-28); due soon: within 30 days; reply by 2024-03-10.
TASKS = [
    # R1 市政數局 leads, 市大數據中心 supports; due 02-20: 14 days overdue.  市政數局
    # reported in February; its report of done, written 03-01, reached the office 03-08.
    _task("R1", 1, "[市政數局, 市大數據中心]", "2024-02-20", [
        "{date: 2024-02-05, status: in-progress, by: 市政數局}",
        "{date: 2024-03-01, status: reported-done, by: 市政數局, received: 2024-03-08}",
    ]),
    # R2 市大數據中心 leads; done 02-10, returned 02-12: returned to it; 市政數局 supports
    # an item 19 days overdue.
    _task("R2", 2, "[市大數據中心, 市政數局]", "2024-02-15", [
        "{date: 2024-02-10, status: reported-done, by: 市大數據中心}",
        "{date: 2024-02-12, status: returned, by: 數字隨州辦, reason: 佐證材料不全}",
    ]),
    # R3 市政數局; planned 01-15, extended to 03-31: due in 26 days.
    _task("R3", 3, "[市政數局]", "2024-01-15", [
        "{date: 2024-01-10, status: extension-requested, by: 市政數局, until: 2024-03-31,"
        " reason: 設備未到貨}",
        "{date: 2024-01-12, status: extension-approved, by: 數字隨州辦, until: 2024-03-31}",
    ]),
    # R4 the counties lead; due 03-20 (15 days); 隨縣 has done its part (03-01, not in
    # February), 廣水市 has not.
    _task("R4", 4, "[各縣、市、區人民政府]", "2024-03-20", [
        "{date: 2024-03-01, status: reported-done, by: 隨縣人民政府}",
    ]),
    # R5 隨州市人民政府; due in June; its February report came late, but came.
    _task("R5", 5, "[隨州市人民政府]", "2024-06-30", [
        "{date: 2024-02-27, status: in-progress, by: 隨州市人民政府, received: 2024-03-02}",
    ]),
    # R6 隨州市數據局 (市舊局's successor) reported it done in February: nothing to answer.
    _task("R6", 6, "[市舊局]", "2024-03-01", [
        "{date: 2024-02-25, status: reported-done, by: 隨州市數據局}",
    ]),
]
AS_OF = date(2024, 3, 5)

# By hand: unit → [(why, item, role)] and whether its February report is missing.
EXPECTED = {
    "市政數局": ([("overdue", "R2", "support"), ("overdue", "R1", "lead"),
              ("due-soon", "R3", "lead")], False),
    "市大數據中心": ([("returned", "R2", "lead"), ("overdue", "R1", "support")], False),
    "隨縣人民政府": ([], True),
    "廣水市人民政府": ([("due-soon", "R4", "lead")], True),
}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_plan(tmp_path, TASKS)


def test_every_notice_as_worked_out_by_hand(plan):
    index = build_index(load_plan(plan))
    r = build_reminders(index, AS_OF)
    assert (r.reply_by, r.window, r.period.start, r.period.cutoff) == (
        date(2024, 3, 10), 30, date(2024, 1, 29), date(2024, 2, 28))
    got = {n.unit.name: ([(a.why, a.item.id, a.role) for a in n.asks], n.missing is not None)
           for n in r.notices}
    assert got == EXPECTED  # 隨州市人民政府 and 隨州市數據局 have nothing to answer for
    dsj = r.notice(index.registry.by_id["gov-data"])
    r3 = dsj.asks[2]
    assert (r3.planned_due, r3.due, r3.extended, r3.days(AS_OF)) == (
        date(2024, 1, 15), date(2024, 3, 31), True, -26)
    assert [a.days(AS_OF) for a in dsj.asks[:2]] == [19, 14]
    bdc = r.notice(index.registry.by_id["big-data-center"])
    assert (bdc.asks[0].returned.on, bdc.asks[0].returned.reason) == (date(2024, 2, 12),
                                                                      "佐證材料不全")
    assert [u.name for u in bdc.asks[1].leads] == ["市政數局"]
    assert r.office.name == "數字隨州辦" and r.office_set


def test_what_reached_the_office_later_is_not_known_on_the_day(plan):
    index = build_index(load_plan(plan))
    later = build_reminders(index, date(2024, 3, 8))  # 市政數局's R1 done arrived that day
    dsj = later.notice(index.registry.by_id["gov-data"])
    assert [(a.why, a.item.id) for a in dsj.asks] == [("overdue", "R2"), ("due-soon", "R3")]
    # the lead's new 办结 answers the return
    fixed = write_plan(plan.parent / "fixed", [
        *TASKS[:1], TASKS[1].replace("      - {date: 2024-02-12", "      - {date: 2024-02-20, "
                                     "status: reported-done, by: 市大數據中心}\n"
                                     "      - {date: 2024-02-12"), *TASKS[2:]])
    r = build_reminders(build_index(load_plan(fixed)), AS_OF)
    assert [(a.why, a.item.id) for a in r.notices[1].asks] == [("overdue", "R1")]


def _remind(run_cli, plan: Path, out: Path, *extra: str, lang: str = "zh-Hans"):
    result = run_cli("remind", "--plan", str(plan), "--as-of", "2024-03-05", "--out", str(out),
                     "--lang", lang, *extra)
    assert result.exit_code == 0, result.output
    return result


def test_one_document_per_unit_with_something_to_answer_for(run_cli, plan, tmp_path):
    out = tmp_path / "催办"
    result = _remind(run_cli, plan, out, "--combined", "xlsx")
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "市政数局.docx", "市大数据中心.docx", "随县人民政府.docx", "广水市人民政府.docx",
        "催办汇总.xlsx"])  # none for 随州市人民政府 or 随州市数据局
    assert result.stderr == f"已在 {out} 生成5个文件\n"
    document = docx.Document(str(out / "市政数局.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[:4] == [
        ("Title", "关于抓紧办理《数字随州建设实施方案》有关事项的催办通知"),
        ("Subtitle", "（截至2024年3月5日）"),
        ("Salutation", "市政数局："),
        ("Normal", "截至2024年3月5日，你单位在《数字随州建设实施方案》推进工作中有以下事项需要"
                   "办理或报送，现通知如下。")]
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "一、逾期事项（2项）", "二、30天内到期事项（1项）"]  # no report missing: no section
    assert paragraphs[-3:] == [
        ("Normal", "请于2024年3月10日前将办理情况书面报送数字随州办。不能按期办结的，请说明原因、"
                   "已开展的工作和下一步措施；确需延期的，请按程序申请延期。"),
        ("Signature", "数字随州办"), ("Signature", "2024年3月5日")]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert rows == [
        ["事项", "角色", "时间节点", "逾期天数", "办理要求"],
        ["R2 任务2", "配合", "2024年2月15日", "19天", "配合市大数据中心推进落实，并报送承担部分的进展"],
        ["R1 任务1", "牵头", "2024年2月20日", "14天", "抓紧办理，尽快办结并报送办理结果"],
        ["事项", "角色", "时间节点", "剩余天数", "办理要求"],
        ["R3 任务3", "牵头", "原定2024年1月15日，延期至2024年3月31日", "26天",
         "确保按期办结并报送办理结果"],
    ]
    properties = document.core_properties
    assert properties.author == "数字随州办"
    assert properties.title == "关于抓紧办理《数字随州建设实施方案》有关事项的催办通知（市政数局）"
    # the returned item and the missing report
    bdc = docx.Document(str(out / "市大数据中心.docx"))
    assert [[c.text for c in row.cells] for row in bdc.tables[0].rows] == [
        ["事项", "时间节点", "退回日期", "退回意见", "办理要求"],
        ["R2 任务2", "2024年2月15日", "2024年2月12日", "佐证材料不全",
         "按退回意见整改后重新报送办结"]]
    county = [p.text for p in docx.Document(str(out / "广水市人民政府.docx")).paragraphs]
    assert "二、进展报送" in county
    assert ("你单位未在2024年2月28日前报送2024年2月（2024年1月29日至2024年2月28日）的进展情况，"
            "请于2024年3月10日前补报。") in county
    suixian = docx.Document(str(out / "随县人民政府.docx"))
    assert suixian.tables == [] and "一、进展报送" in [p.text for p in suixian.paragraphs]
    # the combined list
    ws = load_workbook(out / "催办汇总.xlsx").active
    assert ws["A1"].value == ("关于抓紧办理《数字随州建设实施方案》有关事项的催办通知"
                              "（截至2024年3月5日）：4个单位")
    assert [c.value for c in ws[3]] == ["责任单位", "事项", "角色", "时间节点", "情况", "办理要求",
                                        "反馈时限"]
    assert [tuple(r) for r in ws.iter_rows(min_row=4, values_only=True)] == [
        ("市政数局", "R2 任务2", "配合", "2024年2月15日", "逾期19天",
         "配合市大数据中心推进落实，并报送承担部分的进展", "2024年3月10日"),
        ("市政数局", "R1 任务1", "牵头", "2024年2月20日", "逾期14天",
         "抓紧办理，尽快办结并报送办理结果", "2024年3月10日"),
        ("市政数局", "R3 任务3", "牵头", "原定2024年1月15日，延期至2024年3月31日", "还剩26天",
         "确保按期办结并报送办理结果", "2024年3月10日"),
        ("市大数据中心", "R2 任务2", "牵头", "2024年2月15日", "2024年2月12日被退回",
         "按退回意见整改后重新报送办结", "2024年3月10日"),
        ("市大数据中心", "R1 任务1", "配合", "2024年2月20日", "逾期14天",
         "配合市政数局推进落实，并报送承担部分的进展", "2024年3月10日"),
        ("随县人民政府", "—", "—", "2024年2月28日", "未报送2024年2月进展", "补报进展情况",
         "2024年3月10日"),
        ("广水市人民政府", "R4 任务4", "牵头", "2024年3月20日", "还剩15天",
         "确保按期办结并报送办理结果", "2024年3月10日"),
        ("广水市人民政府", "—", "—", "2024年2月28日", "未报送2024年2月进展", "补报进展情况",
         "2024年3月10日"),
    ]
    assert ws.freeze_panes == "A4" and ws.page_setup.orientation == "landscape"


def in_order(needle: str, hay: str, slack: int = 8) -> bool:
    """Whether the characters of `needle` appear in `hay` in order, at most `slack` others
    between two of them: a table cell's lines come out of pdftotext interleaved with the
    lines of the cells beside it."""
    return re.search(f".{{0,{slack}}}".join(map(re.escape, needle)), hay) is not None


def _pdf_text(soffice: Path, pdftotext: Path, document: Path, tmp_path: Path) -> str:
    done = subprocess.run(
        [str(soffice), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(document)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / document.with_suffix(".pdf").name
    info = subprocess.run([str(pdftotext.with_name("pdfinfo")), str(pdf)], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    assert "595.304 x 841.89 pts (A4)" in info
    return subprocess.run([str(pdftotext), str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout


def test_libreoffice_prints_one_units_notice_with_exactly_its_items(run_cli, plan, tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    _remind(run_cli, plan, tmp_path / "out")
    flat = re.sub(r"\s+", "", _pdf_text(soffice, pdftotext, tmp_path / "out" / "市政数局.docx",
                                        tmp_path))
    for words in ("关于抓紧办理《数字随州建设实施方案》有关事项的催办通知", "市政数局：",
                  "一、逾期事项（2项）", "R2任务2", "2024年2月15日", "19天", "R1任务1",
                  "2024年2月20日", "14天", "二、30天内到期事项（1项）", "R3任务3",
                  "原定2024年1月15日，延期至2024年3月31日", "26天", "请于2024年3月10日前",
                  "确保按期办结并报送办理结果",
                  "数字随州办", "2024年3月5日", "—1—"):
        assert in_order(words, flat), words
    assert set(re.findall(r"R\d", flat)) == {"R1", "R2", "R3"}  # exactly its items
    assert "进展报送" not in flat and "补报" not in flat


def test_libreoffice_prints_the_english_notice(run_cli, plan, tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    result = _remind(run_cli, plan, tmp_path / "out", lang="en")
    assert result.stderr == f"wrote 4 files to {tmp_path / 'out'}\n"
    text = _pdf_text(soffice, pdftotext, tmp_path / "out" / "廣水市人民政府.docx", tmp_path)
    # pdftotext spaces a line broken between two CJK characters, and a digit after one
    flat = re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff\d])", "", " ".join(text.split()))
    for words in ("Reminder to act on items of the 數字隨州建設實施方案", "廣水市人民政府:",
                  "1. Items falling due within 30 days (1)", "R4 任務4", "20 March 2024",
                  "15 days", "Finish it by its deadline and report the result",
                  "2. Progress report",
                  "Your unit did not report its progress for February 2024 (2024-01-29 to "
                  "2024-02-28) by the cut-off of 28 February 2024; send it by 10 March 2024.",
                  "Send what has been done, in writing, to 數字隨州辦 by 10 March 2024.",
                  "5 March 2024"):
        assert words in flat, words
    assert set(re.findall(r"R\d", flat)) == {"R4"}


def test_a_unit_with_nothing_to_answer_for_gets_no_file(run_cli, plan, tmp_path):
    out = tmp_path / "out"
    result = run_cli("remind", "--plan", str(plan), "--as-of", "2024-03-05", "--out", str(out),
                     "--agency", "随州市人民政府", "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("随州市人民政府截至2024年3月5日没有需要催办的事项\n"
                             "截至2024年3月5日没有单位需要催办，未生成文件。\n")
    assert not out.exists()
    # two units named, one of them by its old name (市舊局 → 隨州市數據局) and in the other script
    result = run_cli("remind", "--plan", str(plan), "--as-of", "2024-03-05", "--out", str(out),
                     "--agency", "市舊局", "--agency", "市大数据中心", "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"随州市数据局截至2024年3月5日没有需要催办的事项\n"
                             f"已在 {out} 生成1个文件\n")
    assert [p.name for p in out.iterdir()] == ["市大数据中心.docx"]


def test_without_out_the_combined_list_is_printed(run_cli, plan):
    result = run_cli("remind", "--plan", str(plan), "--as-of", "2024-03-05", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("# Reminder to act on items of the 數字隨州建設實施方案 (as of 5 March "
                        "2024): 4 units")
    assert lines[2] == "| Unit | Item | Role | Deadline | Situation | What is asked | Reply by |"
    assert lines[7] == ("| 市大數據中心 | R2 任務2 | lead | 15 February 2024 | returned on 12 February "
                        "2024 | Redo it as the return asks and report it done again | "
                        "10 March 2024 |")
    assert len(lines) == 4 + 8


def test_the_combined_list_in_markdown_and_traditional_file_names(run_cli, plan, tmp_path):
    out = tmp_path / "催辦"
    result = _remind(run_cli, plan, out, "--combined", "md", lang="zh-Hant")
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "市政數局.docx", "市大數據中心.docx", "隨縣人民政府.docx", "廣水市人民政府.docx",
        "催辦彙總.md"])
    assert result.stderr == f"已在 {out} 生成5個文件\n"
    lines = (out / "催辦彙總.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# 關於抓緊辦理《數字隨州建設實施方案》有關事項的催辦通知（截至2024年3月5日）：4個單位"
    assert lines[2] == "| 責任單位 | 事項 | 角色 | 時間節點 | 情況 | 辦理要求 | 反饋時限 |"
    assert lines[4:6] == [
        "| 市政數局 | R2 任務2 | 配合 | 2024年2月15日 | 逾期19天 | 配合市大數據中心推進落實，並報送"
        "承擔部分的進展 | 2024年3月10日 |",
        "| 市政數局 | R1 任務1 | 牽頭 | 2024年2月20日 | 逾期14天 | 抓緊辦理，儘快辦結並報送辦理結果 "
        "| 2024年3月10日 |"]
    assert len(lines) == 4 + 8


def test_files_are_written_all_or_none(run_cli, plan, tmp_path):
    out = tmp_path / "out"
    (out / "随县人民政府.docx").mkdir(parents=True)  # a directory where a notice should go
    (out / "上月.docx").write_bytes(b"last month")
    result = run_cli("remind", "--plan", str(plan), "--as-of", "2024-03-05", "--out", str(out),
                     "--lang", "zh-Hans")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["上月.docx", "随县人民政府.docx"]


def test_an_office_template_gives_its_letterhead(run_cli, plan, tmp_path):
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "数字随州建设领导小组办公室文件"
    template.save(str(tmp_path / "模板.docx"))
    _remind(run_cli, plan, tmp_path / "out", "--template", str(tmp_path / "模板.docx"))
    document = docx.Document(str(tmp_path / "out" / "市政数局.docx"))
    assert document.sections[0].header.paragraphs[0].text == "数字随州建设领导小组办公室文件"
    assert document.paragraphs[0].text == "关于抓紧办理《数字随州建设实施方案》有关事项的催办通知"


@pytest.mark.parametrize(("args", "code", "message"), [
    (("--combined", "xlsx"), 2, "--combined writes into the --out directory: add --out DIR"),
    (("--template", "x.docx"), 2, "--template goes with the Word notices: add --out DIR"),
    (("--out", "o", "--template", "nowhere.docx"), 2, "nowhere.docx"),
    (("--agency", "不存在的局"), 2, "不存在的局"),
    (("--combined", "pdf", "--out", "o"), 2, "pdf"),
])
def test_usage_errors(run_cli, plan, tmp_path, args, code, message):
    result = run_cli("remind", "--plan", str(plan), "--as-of", "2024-03-05", "--lang", "zh-Hans",
                     *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_in_the_readers_language(plan):
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    done = subprocess.run([sys.executable, "-m", "suizhou_plan", "remind", "--plan", str(plan),
                           "--as-of", "2024-03-05", "--combined", "xlsx"],
                          capture_output=True, text=True, timeout=60,
                          env={**env, "LANG": "zh_CN.UTF-8"})
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "错误：--combined 写入 --out 指定的目录：请加上 --out 目录"


def test_the_bundled_plan_is_signed_by_the_leading_groups_office(run_cli, tmp_path):
    out = tmp_path / "out"
    result = run_cli("remind", "--as-of", "2024-01-15", "--out", str(out), "--agency",
                     "随州高新区管委会", "--lang", "zh-Hans")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out / "随州高新区管委会.docx"))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[-2:] == ["数字随州建设领导小组办公室", "2024年1月15日"]
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[1][:4] == ["P1-M3 初步完成数据中心机房建设及指挥中心一期建设", "牵头",
                           "2023年11月30日", "46天"]
