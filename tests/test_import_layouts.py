"""One small document per layout real plans use (tests/import_corpus.py), each with its exact
result: tasks, units in order, leads, deadlines, sections, phases, and the findings with
their lines.  Every import validates with no errors and the reports run on it."""

from __future__ import annotations

import datetime as dt

import import_corpus as corpus
from import_helpers import commands_run_on, do_import, validation_errors


def test_units_in_brackets_with_roles_groups_and_deadlines(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.BRACKETS)
    assert got.exit_code == 0
    assert got.units() == {
        "T1": ["市数据局", "市财政局", "各县、市、区人民政府"],
        "T2": ["市数据局"],
        "T3": ["市政务服务中心", "市数据局", "市市场监管局"],
        "T4": ["市城管局", "市公安局", "市应急局"],
        "T5": ["市数据局", "市发展改革委"],
        "T6": ["市大数据中心"],
        "S1": ["市政府办公室"],
        "S2": ["市财政局"],
    }
    assert {t.id: t.lead for t in got.tasks.tasks if t.lead} == {
        "T3": "市政务服务中心", "T4": "市城管局"}
    assert [(t.id, t.section, t.kind) for t in got.tasks.tasks] == [
        ("T1", "夯实数字基础", "task"), ("T2", "夯实数字基础", "task"),
        ("T3", "提升服务效能", "task"), ("T4", "提升服务效能", "task"),
        ("T5", "提升服务效能", "task"), ("T6", "提升服务效能", "task"),
        ("S1", "保障措施", "safeguard"), ("S2", "保障措施", "safeguard")]
    t1, t2 = got.task("T1"), got.task("T2")
    assert [(g.id, g.text, g.due_text, g.due) for g in t1.targets] == [
        ("T1-2023", "统一建设全市政务云，2023年底前完成一期建设。", "2023年底前",
         dt.date(2023, 12, 31))]
    # 到2025年 after the last phase's year: 31 December, reported.
    assert [(g.due_text, g.due) for g in t2.targets] == [("到2025年", dt.date(2025, 12, 31))]
    plan = got.tasks.plan
    assert (plan.title, plan.issuer, plan.issued) == (
        "某市数字政府建设实施方案", "某市人民政府办公室", dt.date(2023, 1, 10))
    assert [(p.id, p.theme, p.period, p.start, p.end, [m.title for m in p.milestones])
            for p in got.tasks.phases] == [
        ("P1", "制定方案", "2023年1月—2023年6月底", dt.date(2023, 1, 1), dt.date(2023, 6, 30),
         ["成立工作专班", "印发实施方案"]),
        ("P2", "全面建设", "2023年7月—2024年12月底", dt.date(2023, 7, 1),
         dt.date(2024, 12, 31), ["建成政务云平台", "建设城市大脑"])]
    assert got.findings == [("collective-members", 7), ("deadline", 8), ("open-list", 12),
                            ("milestone-links", 15), ("milestone-links", 16)]
    assert got.agency("各县、市、区人民政府").kind == "placeholder"
    assert got.agency("市政务服务中心").kind == "public-institution"
    assert validation_errors(got.out) == []
    commands_run_on(got.out, "市数据局", tmp_path)


def test_labels_running_together_with_deadlines_and_restarted_numbering(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.RUN_ON)
    assert got.exit_code == 0
    assert got.units() == {"T1": ["区政务服务局", "各街道办事处"],
                           "T2": ["区发改局", "区住建局", "区自然资源局"],
                           "T3": ["区市场监管局", "区司法局"], "T4": ["区发改局"]}
    assert [(t.lead, t.due) for t in got.tasks.tasks] == [
        ("区政务服务局", None), ("区发改局", dt.date(2019, 12, 31)),
        ("区市场监管局", dt.date(2019, 9, 30)), ("区发改局", None)]
    assert got.task("T4").text == "建立信用档案。牵头单位：区发改局\n①建立企业信用档案；\n②建立个人信用档案。"
    assert [t.section for t in got.tasks.tasks] == ["政务服务", "政务服务", "市场监管", "市场监管"]
    assert got.findings == [("issuer-missing", 1), ("issued-missing", 1),
                            ("collective-members", 4)]
    assert got.tasks.plan.issued == dt.date(2019, 1, 1)  # the year of the title, reported
    assert validation_errors(got.out) == []
    commands_run_on(got.out, "区发改局", tmp_path)


def test_document_wide_clauses_and_unnumbered_sub_items(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.CLAUSES)
    assert got.exit_code == 0
    assert got.units() == {
        "T1": ["市公安局", "市交通运输局", "各县市区"], "T2": ["市城管局", "各县市区"],
        "T3": ["市卫健委", "市医保局", "各县市区"], "T4": ["市卫健委", "各县市区"],
        "T5": ["市卫健委", "市大数据中心", "各县市区"],
        "T6": ["市教育局（市教育考试院）", "市财政局", "各县市区"]}
    assert all(t.lead is None for t in got.tasks.tasks)  # first-listed, by the stated rule
    assert "列第一位的为牵头单位" in (got.out / "tasks.yaml").read_text(encoding="utf-8")
    assert got.tasks.plan.title == "某市智慧城市建设三年行动计划（2021—2023年）"
    assert got.findings == [("issuer-missing", 1), ("issued-missing", 1),
                            ("units-for-all", 2), ("collective-members", 4)]
    assert validation_errors(got.out) == []
    commands_run_on(got.out, "市卫健委", tmp_path)


def test_mismatched_and_unclosed_brackets_skipped_numbers_and_open_lists(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.BROKEN)
    assert got.exit_code == 0
    assert got.units() == {"T1": ["县农业农村局", "县商务局"],
                           "T2": ["县商务局", "县邮政公司", "县供销社"], "T3": ["县工信局"]}
    assert got.findings == [
        ("title-missing", 1), ("issuer-missing", 1), ("issued-missing", 1),
        ("lead-inferred", 1), ("bracket", 2), ("open-list", 3), ("bracket", 3),
        ("numbering", 4)]
    assert "numbering skips from 2 to 4 at 「4.」" in got.messages
    assert got.agency("县邮政公司").kind == "state-owned-company"
    assert validation_errors(got.out) == []


def test_task_division_table_flattened_to_text(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.TABLE_TEXT)
    assert got.exit_code == 0
    assert [(t.id, t.text, list(t.units), t.lead, t.due) for t in got.tasks.tasks] == [
        ("T1", "建设工业互联网平台", ["市经信局", "市科技局", "市财政局"], "市经信局",
         dt.date(2022, 12, 31)),
        ("T2", "培育数字经济企业", ["市发改委", "市经信局"], "市发改委", dt.date(2022, 6, 30)),
        ("T3", "推进企业上云", ["市经信局", "各县市区人民政府"], "市经信局", None)]
    assert ("deadline", 5) in got.findings
    assert "T3: deadline 「长期坚持」 gives no date (no year or month in the phrase)" in \
        got.messages
    assert validation_errors(got.out) == []
    commands_run_on(got.out, "市经信局", tmp_path)


def test_merged_forms_and_lookalike_units_are_reported(tmp_path):
    doc = ("某市数字经济行动计划\n"
           "1.建设产业园。（责任单位：市经信局、高新区管理委员会）\n"
           "2.引进企业。（责任单位：經信局、高新区管委会）\n"
           "3.培育人才。（责任单位：市人社局、市经信据）\n")
    got = do_import(tmp_path, "plan.txt", doc)
    assert got.exit_code == 0
    assert got.units()["T2"] == ["經信局", "高新区管委会"]
    merged = got.agency("市经信局")
    assert merged.aliases == ["經信局"]
    assert got.agency("高新区管理委员会").aliases == ["高新区管委会"]
    assert [f for f in got.findings if f[0] in ("merged-unit", "lookalike-unit")] == [
        ("merged-unit", 3), ("merged-unit", 3), ("lookalike-unit", 4)]
    assert "「市经信据」 appears once and resembles 「市经信局」" in got.messages
    assert validation_errors(got.out) == []


def test_a_task_without_units_is_reported_and_validate_says_so(tmp_path):
    doc = ("某市数字经济行动计划\n一、重点任务\n1.建设产业园。（责任单位：市经信局）\n"
           "2.引进龙头企业。\n3.培育人才。（责任单位：市人社局）\n")
    got = do_import(tmp_path, "plan.txt", doc)
    assert got.exit_code == 0  # written: the report lists what to fix
    assert got.units() == {"T1": ["市经信局"], "T2": [], "T3": ["市人社局"]}
    assert ("no-units", 4) in got.findings
    assert "[no-units] T2 「引进龙头企业」 names no responsible unit" in got.stdout
    assert [e.split(" ")[0] for e in validation_errors(got.out)] == ["unassigned"]


def test_fields_on_lines_of_their_own(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.FIELD_LINES)
    assert got.exit_code == 0
    assert got.units() == {
        "T1": ["市发改委", "市经信局", "市商务局", "各县（市、区）政府（管委会）"],
        "T2": ["市人社局", "市农业农村局"],
        "T3": ["市发改委", "市财政局", "市自然资源局"]}
    assert [t.lead for t in got.tasks.tasks] == ["市发改委", "市人社局", None]
    assert "张三" not in str(got.units())
    assert got.task("T1").text == (
        "地区生产总值增长6%。\n牵头负责领导：张三。\n牵头责任单位：市发改委。\n"
        "协同责任单位：市经信局、市商务局等，各县（市、区）政府（管委会）。")
    assert "列第一位为牵头单位" in (got.out / "tasks.yaml").read_text(encoding="utf-8")
    assert got.findings == [("issuer-missing", 1), ("issued-missing", 1), ("open-list", 3),
                            ("collective-members", 3), ("several-leads", 7)]
    assert validation_errors(got.out) == []


def test_remarks_inside_the_unit_clause(tmp_path):
    got = do_import(tmp_path, "plan.txt", corpus.REMARKS)
    assert got.exit_code == 0
    assert got.units() == {
        "T1": ["省发展改革委", "省交通运输厅", "各市（州）人民政府"],
        "T2": ["省商务厅", "省农业农村厅", "省财政厅", "省市场监管局", "各市（州）人民政府"]}
    assert got.task("T2").lead == "省商务厅"
    assert ("several-leads", 4) in got.findings
    assert ("units-for-all", 3) in got.findings
    assert validation_errors(got.out) == []


def test_an_annual_plans_yearless_deadlines_and_a_clause_inside_the_first_task(tmp_path):
    doc = ("某市数字经济2023年工作要点\n一、重点工作\n"
           "1.推进企业上云。年底前新增上云企业500家。（牵头单位：市工信局；责任单位：市直有关部门、"
           "单位，各区政府。以下任务均需各区政府落实，不再一一列出）\n"
           "2.建设数据中心。上半年完成选址。（责任单位：市数据局）\n")
    got = do_import(tmp_path, "plan.txt", doc)
    assert got.exit_code == 0
    assert got.units() == {"T1": ["市工信局", "市直有关部门、单位", "各区政府"],
                           "T2": ["市数据局", "各区政府"]}
    assert [(g.text, g.due_text, g.due) for t in got.tasks.tasks for g in t.targets] == [
        ("年底前新增上云企业500家。", "年底前", dt.date(2023, 12, 31)),
        ("上半年完成选址。", "上半年", dt.date(2023, 6, 30))]
    assert "T1: 「年底前」 names no year; read as 2023, the year in the plan's title: " \
        "2023-12-31" in got.messages
    assert ("units-for-all", 3) in got.findings
    assert validation_errors(got.out) == []


def test_a_title_broken_over_two_lines_is_taken_whole_from_the_notice(tmp_path):
    doc = ("某区人民政府关于印发《某区2023年重点工作任务分解 和责任分工方案》的通知\n"
           "某区人民政府\n2023年3月1日\n某区2023年重点工作\n任务分解和责任分工方案\n"
           "一、主要目标\n1.地区生产总值增长6%。\n牵头单位：区发改局\n责任单位：各街道\n")
    got = do_import(tmp_path, "plan.txt", doc)
    assert got.exit_code == 0
    plan = got.tasks.plan
    assert (plan.title, plan.issuer, plan.issued) == (
        "某区2023年重点工作任务分解和责任分工方案", "某区人民政府", dt.date(2023, 3, 1))
    assert got.units() == {"T1": ["区发改局", "各街道"]}
    assert got.task("T1").lead == "区发改局"
