"""The YAML encodes the document faithfully: read the shipped source text independently and
compare it with what the loader makes of plan/."""

from __future__ import annotations

import re

import pytest
from conftest import PLAN, SOURCE

from suizhou_plan.load import load_plan
from suizhou_plan.views.index import build_index

TEXT = SOURCE.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
CN = "一二三四五"
COLLECTIVE = "各縣、市、區人民政府"


def split_units(raw: str) -> list[str]:
    """`A、B,各縣、市、區人民政府`: the collective contains the separator, so split on the
    comma first and keep the collective whole."""
    out: list[str] = []
    for part in raw.split(","):
        out.extend([part] if part == COLLECTIVE else part.split("、"))
    return out


def source_items() -> dict[str, tuple[str, list[str]]]:
    """id → (item text as in the source, its units), for tasks T01–T25 and measures S1–S5."""
    items: dict[str, tuple[str, list[str]]] = {}
    in_measures = False
    for line in LINES:
        if line.startswith("五、保障措施"):
            in_measures = True
        elif line.startswith("附件"):
            in_measures = False
        task = re.match(r"^(\d+)\.(.+)$", line)
        measure = re.match(r"^\((.)\)(.+)$", line)
        if task:
            key, body = f"T{int(task.group(1)):02d}", task.group(2)
        elif in_measures and measure:
            key, body = f"S{CN.index(measure.group(1)) + 1}", measure.group(2)
        else:
            continue
        units = re.search(r"\(責任單位:([^)]*)\)$", body)
        assert units, f"no 責任單位 in {key}"
        items[key] = (body, split_units(units.group(1)))
    return items


@pytest.fixture(scope="module")
def loaded():
    result = load_plan(PLAN)
    assert result.ok, result.problems
    return result


def test_source_has_25_tasks_and_5_measures():
    items = source_items()
    assert sorted(k for k in items if k.startswith("T")) == [f"T{n:02d}" for n in range(1, 26)]
    assert sorted(k for k in items if k.startswith("S")) == [f"S{n}" for n in range(1, 6)]


def test_every_item_has_the_documents_units_in_order(loaded):
    tasks = {t.id: t for t in loaded.tasks.tasks}
    assert set(tasks) == set(source_items())
    for key, (_, units) in source_items().items():
        assert tasks[key].units == units, key


def test_every_item_text_is_the_source_text_with_recorded_repairs_only(loaded):
    for task in loaded.tasks.tasks:
        text = task.text
        for repair in task.repairs:
            assert repair.repaired in text
            text = text.replace(repair.repaired, repair.original)
        assert text == source_items()[task.id][0], task.id
        assert task.title == text.split("。")[0]


def test_the_two_damaged_spots_are_repaired_and_recorded(loaded):
    s1 = next(t for t in loaded.tasks.tasks if t.id == "S1")
    assert "評估。現有信息化" in s1.text and "?,F" not in s1.text
    assert [(r.original, r.repaired) for r in s1.repairs] == [("評估?,F有", "評估。現有")]
    title_line = next(line for line in LINES if line.endswith("數字隨州建設實施方案"))
    assert title_line.startswith("????")
    repair = loaded.tasks.plan.repairs[0]
    assert (repair.original, repair.repaired) == (title_line, loaded.tasks.plan.title)


def test_sections_follow_the_documents_numbering(loaded):
    expected = {**{n: "數字經濟" for n in range(1, 6)}, **{n: "數字社會" for n in range(6, 13)},
                **{n: "數字政府" for n in range(13, 19)}, **{n: "數字生態" for n in range(19, 26)}}
    for task in loaded.tasks.tasks:
        want = expected[task.number] if task.kind == "task" else "保障措施"
        assert task.section == want, task.id


def test_all_six_2025_targets_are_dated_targets_of_their_tasks(loaded):
    source_targets = {
        key: re.search(r"(到2025年,[^。]*。)", body).group(1)
        for key, (body, _) in source_items().items()
        if "到2025年" in body
    }
    assert sorted(source_targets) == ["T05", "T07", "T10", "T13", "T14", "T15"]
    for task in loaded.tasks.tasks:
        texts = [t.text for t in task.targets]
        assert texts == ([source_targets[task.id]] if task.id in source_targets else []), task.id
        for target in task.targets:
            assert target.due_text == "到2025年"
            assert target.due.isoformat() == "2025-11-30"


def phase_deliverables() -> dict[int, tuple[str, str, str]]:
    """phase number → (period as written, theme, deliverable text after 主要任務是X。)."""
    out = {}
    for line in LINES:
        m = re.match(r"^\((.)\)第.階段\((.+?)\):主要任務是(.+?)。(.+)$", line)
        if m:
            out[CN.index(m.group(1)) + 1] = (m.group(2), m.group(3), m.group(4))
    return out


def test_phases_have_the_documents_windows(loaded):
    source = phase_deliverables()
    windows = {1: ("2021-11-01", "2023-11-30"), 2: ("2023-12-01", "2024-11-30"),
               3: ("2024-12-01", "2025-11-30")}
    assert [p.number for p in loaded.tasks.phases] == [1, 2, 3]
    for phase in loaded.tasks.phases:
        period, theme, _ = source[phase.number]
        assert (phase.period, phase.theme) == (period, theme)
        assert (phase.start.isoformat(), phase.end.isoformat()) == windows[phase.number]


def test_every_deliverable_sentence_is_a_milestone(loaded):
    """The milestone titles, joined with the document's own separators, give back the whole
    deliverable text of each phase: no clause is missing, none invented, the order kept."""
    for phase in loaded.tasks.phases:
        deliverables = phase_deliverables()[phase.number][2]
        clauses = [c for c in re.split(r"[,。]", deliverables) if c]
        titled = [c for m in phase.milestones for c in re.split(r"[,。]", m.title) if c]
        assert titled == clauses, phase.id
        for ms in phase.milestones:
            assert ms.title in deliverables
            assert ms.tasks, f"{ms.id} advances no task"


def test_phase_one_links_shennong_cloud_to_task_17(loaded):
    ms = next(m for m in loaded.tasks.phases[0].milestones if m.title == "實施神農云二期建設")
    assert ms.tasks == ["T17"]


def test_every_unit_named_in_the_document_is_an_agency_with_that_name(loaded):
    index = build_index(loaded)
    named = {u for _, units in source_items().values() for u in units}
    members_line = "".join(LINES[LINES.index(next(x for x in LINES if x.startswith("成 員:"))):][:2])
    members = re.sub(r"^成 員:市政府秘書長、市政府有關副秘書長,", "", members_line)
    members = members.removesuffix("主要負責同志。").replace("以及", "、")
    members = members.replace("(網信辦)", "、市委網信辦")
    named |= set(members.split("、"))
    named |= {"市政數局", "市經信局", "市公安局"}  # mechanisms' daily units
    names = {a.name for a in loaded.agencies.agencies}
    assert named - names == set()
    for name in named:
        agency = index.registry.exact(name)
        assert agency is not None and agency.name == name


def test_collective_has_exactly_the_three_county_governments(loaded):
    index = build_index(loaded)
    collective = index.registry.exact(COLLECTIVE)
    assert collective.kind == "collective"
    assert [index.registry.by_id[m].name for m in collective.members] == [
        "隨縣人民政府", "廣水市人民政府", "曾都區人民政府"]
    vague = index.registry.exact("市政府有關部門")
    assert vague.kind == "placeholder" and vague.members == []


def test_governance_matches_the_annex(loaded):
    gov = loaded.tasks.governance
    lg = gov.leading_group
    assert lg.leader.name == "克克" and lg.leader.post == "市委副書記、市長"
    assert [(d.name, d.post) for d in lg.deputies] == [
        ("甘國棟", "市委常委、常務副市長"), ("吳超明", "副市長"),
        ("柴普軍", "市政府黨組成員、市公安局黨委書記")]
    assert lg.office.unit == "市政數局"
    assert (lg.meetings_per_year.min, lg.meetings_per_year.max) == (1, 2)
    assert lg.meetings_per_year.text in TEXT
    assert [(m.section, m.convenor.name, m.daily_unit) for m in gov.mechanisms] == [
        ("數字政府", "甘國棟", "市政數局"), ("數字經濟", "吳超明", "市經信局"),
        ("數字社會", "柴普軍", "市公安局")]
    for m in gov.mechanisms:
        assert f"日常工作由{m.daily_unit}負責" in TEXT


def test_plan_metadata(loaded):
    meta = loaded.tasks.plan
    assert meta.issued.isoformat() == "2021-11-12" and "2021年11月12日" in TEXT
    assert meta.document_number.value == "隨政發〔2021〕14號"
    assert meta.document_number.in_source_text is False
    assert meta.document_number.value not in TEXT
    first_line = LINES[0]
    assert first_line.startswith("各縣、市、區人民政府,隨州高新區、大洪山風景名勝區管理委員會,市政府各部門")


def test_every_task_and_milestone_status_defaults_to_unknown(loaded):
    index = build_index(loaded)
    assert {item.status for item in index.items} == {"unknown"}
    assert len([i for i in index.items if i.kind == "milestone"]) == 17


def test_every_registry_name_round_trips_through_the_script_blind_lookup(loaded):
    """Each id, name and alias, and its simplified and traditional forms, finds its unit."""
    import opencc

    index = build_index(loaded)
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    for agency in loaded.agencies.agencies:
        for label in index.registry.labels(agency):
            for form in {label, t2s.convert(label), s2t.convert(label)}:
                found = index.registry.find(form).matches
                assert found == (agency,), (agency.id, form, [a.id for a in found])
