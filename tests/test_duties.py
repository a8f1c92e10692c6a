"""`suizhou duties` and `suizhou agencies` on the bundled plan."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import PLAN

from suizhou_plan.load import load_plan
from suizhou_plan.views.index import build_index

COLLECTIVE = "各縣、市、區人民政府"


@pytest.fixture(scope="module")
def index():
    return build_index(load_plan(PLAN))


def duties_json(run_cli, *args):
    result = run_cli("duties", "--plan", str(PLAN), "--as-of", "2024-01-15", "--format", "json",
                     *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_gov_data_typed_in_simplified_script_has_exactly_its_items(run_cli, index):
    data = duties_json(run_cli, "市政数局")
    (unit,) = data["agencies"]
    assert (unit["id"], unit["name"]) == ("gov-data", "市政數局")
    got = {d["item"]: d["role"] for d in unit["duties"]}
    expected = {}
    for task in index.tasks_file.tasks:
        if "市政數局" in task.units:
            role = "lead" if task.units[0] == "市政數局" else "support"
            expected[task.id] = role
            for target in task.targets:
                expected[target.id] = role
    for phase in index.tasks_file.phases:
        for ms in phase.milestones:
            linked = [t for t in index.tasks_file.tasks if t.id in ms.tasks]
            if any("市政數局" in t.units for t in linked):
                expected[ms.id] = "lead" if linked[0].units[0] == "市政數局" else "support"
    assert got == expected
    assert unit["counts"] == {"lead": 16, "support": 18, "complete": 0, "on_schedule": 0,
                              "overdue": 7, "unknown": 27, "open": 34, "total": 34}
    assert all(d["via"] is None for d in unit["duties"])


def test_a_county_government_receives_every_collective_duty_via_the_collective(run_cli, index):
    data = duties_json(run_cli, "廣水市人民政府")
    duties = data["agencies"][0]["duties"]
    collective_items = {item.id for item in index.items
                        if any(a.name == COLLECTIVE for a in item.agencies)}
    assert {d["item"] for d in duties} == collective_items
    assert len(collective_items) == 31
    assert {(d["via"], d["via_kind"], d["role"]) for d in duties} == {
        ("county-governments", "collective", "support")}


@pytest.mark.parametrize("typed", ["隨縣", "随县人民政府", "suixian-gov", " 隨縣人民政府 "])
def test_the_three_counties_are_found_in_either_script(run_cli, typed):
    data = duties_json(run_cli, typed)
    assert data["agencies"][0]["id"] == "suixian-gov"


def test_a_successor_inherits_the_duties_of_the_unit_it_replaced(run_cli):
    data = duties_json(run_cli, "中國人民銀行隨州市分行")
    duties = data["agencies"][0]["duties"]
    assert [(d["item"], d["role"], d["via"], d["via_kind"]) for d in duties] == [
        ("T21", "lead", "pbc-central-sub-branch", "predecessor")]


def test_json_contract(run_cli):
    data = duties_json(run_cli, "市大數據中心", "--phase", "1")
    assert data["schema_version"] == 1 and data["as_of"] == "2024-01-15"
    duty = data["agencies"][0]["duties"][0]
    assert {"item", "kind", "role", "via", "due", "status", "light", "phases"} <= set(duty)
    assert duty == {
        "item": "P1-M1", "title": "成立領導小組", "kind": "milestone", "role": "support",
        "via": None, "via_kind": None, "section": "保障措施", "due": "2023-11-30",
        "status": "unknown", "light": "red", "phases": ["P1"], "milestones": [],
        "others": ["development-reform", "economy-it", "public-security", "gov-data"],
    }


def test_filters_role_phase_open(run_cli):
    data = duties_json(run_cli, "市政数局", "--role", "lead", "--phase", "2")
    assert [(d["item"], d["role"]) for d in data["agencies"][0]["duties"]] == [
        ("P2-M1", "lead"), ("P2-M2", "lead")]
    data = duties_json(run_cli, "市政数局", "--open")
    assert len(data["agencies"][0]["duties"]) == 34


def test_unknown_and_ambiguous_names_exit_2(run_cli):
    result = run_cli("duties", "--plan", str(PLAN), "市政数据局")
    assert result.exit_code == 2
    assert "no unit is called '市政数据局'; did you mean 隨州市數據局、市政數局、市財政局?" \
        in result.stderr
    result = run_cli("duties", "--plan", str(PLAN), "數據")
    assert result.exit_code == 2
    assert "'數據' matches several units: 市政數局 (gov-data); 隨州市數據局 (data-bureau); " \
        "市大數據中心 (big-data-center); type one of the ids" in result.stderr
    result = run_cli("duties", "--plan", str(PLAN))
    assert result.exit_code == 2 and "name a unit, e.g. `suizhou duties 市政數局`" in result.stderr


def test_all_out_twice_gives_identical_files_and_touches_nothing_else(run_cli, tmp_path):
    out = tmp_path / "duties"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    args = ("duties", "--plan", str(PLAN), "--as-of", "2024-01-15", "--all", "--out", str(out),
            "--format", "csv")
    assert run_cli(*args).exit_code == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run_cli(*args).exit_code == 0
    second = {p.name: p.read_bytes() for p in out.iterdir()}
    assert first == second
    assert first["notes.txt"] == b"mine"
    # each unit's file is named by the unit's name, beside the index
    assert "index.csv" in first and "市政數局.csv" in first and "廣水市人民政府.csv" in first
    assert "市政府有關部門.csv" not in first  # placeholders have no list
    assert len(first) == 1 + 1 + 53  # notes, index, every unit but the two placeholders


def test_csv_opens_in_excel_with_chinese_text(run_cli, tmp_path):
    result = run_cli("duties", "--plan", str(PLAN), "--as-of", "2024-01-15", "--format", "csv",
                     "市政數局")
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["Unit id", "Unit", "ID", "Item"]
    assert len(rows) == 1 + 34
    other = rows[0].index("Other units (lead first)")
    # a cell with the collective (it contains 、) and a comma-free field stay one cell each
    assert any("各縣、市、區人民政府" in row[other] for row in rows[1:])
    assert raw.count(b"\r\n") == len(rows)  # Excel's own line ends
    assert {len(row) for row in rows} == {len(rows[0])}
    quoted = [row for row in rows[1:] if row[2] == "P3-M4"]
    assert quoted[0][3] == "通過數據運營,挖掘數據潛在價值"


def test_html_is_self_contained_with_print_css(run_cli):
    result = run_cli("duties", "--plan", str(PLAN), "--as-of", "2024-01-15", "--format", "html",
                     "市政數局")
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "@media print" in page and "@page{size:A4" in page
    assert not re.search(r"(https?:|//[a-z]|<script|<link|src=|@import|url\()", page)


def test_mechanism_lists_its_sections_items_with_convenor(run_cli):
    result = run_cli("duties", "--plan", str(PLAN), "--as-of", "2024-01-15",
                     "--mechanism", "数字政府")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["數字政府協調機制 — as of 2024-01-15",
                         "convenor: 甘國棟 (市委常委、常務副市長)",
                         "daily work: 市政數局"]
    ids = re.findall(r"\b(T\d\d(?:-2025)?)\b", result.stdout)
    assert sorted(set(ids)) == sorted(
        [f"T{n}" for n in range(13, 19)] + ["T13-2025", "T14-2025", "T15-2025"])
    assert lines[-1] == "sections with no mechanism: 數字生態"
    zh = run_cli("duties", "--plan", str(PLAN), "--as-of", "2024-01-15", "--mechanism", "数字政府",
                 "--lang", "zh-Hans").stdout.splitlines()
    assert zh[:3] == ["数字政府协调机制 — 截至2024年1月15日", "召集人：甘国栋（市委常委、常务副市长）",
                      "日常工作：市政数局"]
    assert zh[-1] == "未设专项协调机制的板块：数字生态"
    result = run_cli("duties", "--plan", str(PLAN), "--mechanism", "數字生態")
    assert result.exit_code == 2 and "has no coordination mechanism of its own" in result.stderr


def test_agencies_sorted_by_lead_load(run_cli):
    result = run_cli("agencies", "--plan", str(PLAN), "--as-of", "2024-01-15", "--sort", "lead",
                     "--format", "json")
    rows = json.loads(result.stdout)["agencies"]
    assert [(r["id"], r["lineage"], r["lead"], r["support"]) for r in rows[:3]] == [
        ("gov-data", ["gov-data", "data-bureau"], 16, 18),
        ("development-reform", ["development-reform"], 9, 7),
        ("hitech-zone-committee", ["hitech-zone-committee"], 7, 0)]
    idle = [r["id"] for r in rows if r["lead"] == r["support"] == 0]
    assert "science-tech" in idle and "dahongshan-committee" in idle
