"""The importer's parts, one behaviour each: unit lists, unit clauses, deadline phrases,
phase periods, numbering markers and encodings."""

from __future__ import annotations

import datetime as dt

import pytest

from suizhou_plan.importer.assignment import find_assignment
from suizhou_plan.importer.deadlines import find_period, find_targets, resolve
from suizhou_plan.importer.encoding import decode_document
from suizhou_plan.importer.numbering import parse_marker
from suizhou_plan.importer.unit_list import split_units

HORIZON = dt.date(2025, 11, 30)


@pytest.mark.parametrize(("written", "units", "etc"), [
    ("市經信局,各縣、市、區人民政府", ["市經信局", "各縣、市、區人民政府"], False),
    ("市公安局、市民政局等", ["市公安局", "市民政局"], True),
    ("市民政局，各县（市、区）人民政府", ["市民政局", "各县（市、区）人民政府"], False),
    ("市经信局、市商务局等，各县、市、区政府", ["市经信局", "市商务局", "各县、市、区政府"], True),
    ("市级各有关部门及各县市区政府", ["市级各有关部门", "各县市区政府"], False),
    ("市直有关部门、单位，各区政府", ["市直有关部门、单位", "各区政府"], False),
    ("市文化和旅游局、市自然资源和规划局", ["市文化和旅游局", "市自然资源和规划局"], False),
    ("市发改委、市卫健委（除标注外，列第一位为牵头单位，下同）", ["市发改委", "市卫健委"], False),
])
def test_unit_lists(written, units, etc):
    listed = split_units(written)
    assert (listed.units, listed.ends_with_etc) == (units, etc)


@pytest.mark.parametrize(("text", "units", "leads", "deadline"), [
    ("建設X。(責任單位:市經信局,各縣、市、區人民政府)", ["市經信局", "各縣、市、區人民政府"], [], None),
    ("做好Y（牵头单位：市发改委；配合单位：市财政局、市审计局）", ["市发改委", "市财政局", "市审计局"],
     ["市发改委"], None),
    ("做Z（市公安局牵头，市民政局、市卫健委配合）", ["市公安局", "市民政局", "市卫健委"], ["市公安局"], None),
    ("W（市教育局、市人社局等按职责分工负责）", ["市教育局", "市人社局"], [], None),
    ("V（市交通运输局负责）", ["市交通运输局"], [], None),
    ("B。牵头单位：市科技局配合单位：市经信局完成时限：2019年12月底", ["市科技局", "市经信局"],
     ["市科技局"], "2019年12月底"),
    ("C。（责任单位：市数据局）完成时限：2023年6月底", ["市数据局"], [], "2023年6月底"),
    ("D。（市公安局、市交通运输局）", ["市公安局", "市交通运输局"], [], None),
    ("E。\n分管省领导：林某\n部门分工：省发展改革委牵头，各地、各部门配合。",
     ["省发展改革委", "各地", "各部门"], ["省发展改革委"], None),
    ("F。\n牵头负责领导：刘某。\n牵头责任单位：省财政厅。\n协同责任单位：省税务局、人行合肥中心支行等。",
     ["省财政厅", "省税务局", "人行合肥中心支行"], ["省财政厅"], None),
])
def test_unit_clauses(text, units, leads, deadline):
    clause = find_assignment(text)
    assert clause is not None
    assert (clause.units, clause.leads, clause.deadline) == (units, leads, deadline)


@pytest.mark.parametrize("text", [
    "平台（含机房、服务器、存储等）建设。",
    "培育一批示范街道(乡镇)、示范基地。",
    "根据《规划(2020—2022年)》制定本方案。",
])
def test_ordinary_brackets_are_not_unit_clauses(text):
    assert find_assignment(text) is None


@pytest.mark.parametrize(("phrase", "due"), [
    ("到2025年", dt.date(2025, 11, 30)),  # the plan's horizon falls in that year
    ("到2026年", dt.date(2026, 12, 31)),
    ("2023年底前", dt.date(2023, 12, 31)),
    ("2019年12月底", dt.date(2019, 12, 31)),
    ("2024年2月底前", dt.date(2024, 2, 29)),
    ("2022年6月30日前", dt.date(2022, 6, 30)),
    ("2022年上半年", dt.date(2022, 6, 30)),
    ("2023年第三季度", dt.date(2023, 9, 30)),
    ("2021—2025年", dt.date(2025, 12, 31)),
    ("长期坚持", None),
    ("2023年2月30日", None),
])
def test_deadline_phrases(phrase, due):
    assert resolve(phrase, HORIZON).due == due


def test_a_target_is_the_sentence_holding_the_phrase():
    spans = find_targets("加快建设。到2025年,打造若干个基地。力争2023年底前完成一期；二期2024年6月底前完成。")
    assert [(s.text, s.phrase) for s in spans] == [
        ("到2025年,打造若干个基地。", "到2025年"), ("力争2023年底前完成一期；", "2023年底前"),
        ("二期2024年6月底前完成。", "2024年6月底前")]


@pytest.mark.parametrize(("text", "period"), [
    ("第一階段(2021年11月—2023年11月底)", ("2021年11月—2023年11月底", "2021-11-01", "2023-11-30")),
    ("（二）全面推进（2019年7月至2020年6月）", ("2019年7月至2020年6月", "2019-07-01", "2020-06-30")),
    ("动员部署阶段（2019年6月）", ("2019年6月", "2019-06-01", "2019-06-30")),
])
def test_phase_periods(text, period):
    found = find_period(text)
    assert found is not None
    assert (found.text, found.start.isoformat(), found.end.isoformat()) == period


@pytest.mark.parametrize(("text", "style", "value", "rest"), [
    ("一、建設思路", "cn", 1, "建設思路"), ("(一)統籌規劃。", "pcn", 1, "統籌規劃。"),
    ("十二、保障措施", "cn", 12, "保障措施"), ("1.建设平台", "num", 1, "建设平台"),
    ("12、做好", "num", 12, "做好"), ("（3）做好", "pnum", 3, "做好"), ("③推进", "circ", 3, "推进"),
    ("第二章 重点任务", "chapter", 2, "重点任务"), ("1﹒全省生产总值", "num", 1, "全省生产总值"),
])
def test_numbering_markers(text, style, value, rest):
    parsed = parse_marker(text)
    assert parsed is not None
    marker, after = parsed
    assert (marker.style, marker.value, after) == (style, value, rest)


@pytest.mark.parametrize("text", ["2025年目标", "5G基站", "1.5倍"])
def test_numbers_that_are_not_markers(text):
    assert parse_marker(text) is None


@pytest.mark.parametrize(("codec", "named"), [("utf-8", "UTF-8"), ("gbk", "GBK"),
                                              ("big5", "Big5")])
def test_encodings_are_detected_and_named(codec, named):
    text = "數字政府建設實施方案（責任單位：市政數局）" if codec == "big5" else \
        "数字政府建设实施方案（责任单位：市政数局）"
    decoded = decode_document(text.encode(codec))
    assert decoded is not None and (decoded.text, decoded.encoding) == (text, named)
