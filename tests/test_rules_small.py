"""The reference, assignment and ledger rules on small plans written in the test
(small_plan.py): exact code, line, column and message, independent of the bundled plan.
(The date rules are in test_date_boundaries.py.)"""

from __future__ import annotations

import json
from datetime import date

import pytest
from small_plan import SmallPlan

from suizhou_plan.load import load_plan
from suizhou_plan.rules.engine import run
from suizhou_plan.views.scope import Scope

AS_OF = "2022-06-01"


def errors_and_warnings(run_cli, plan: SmallPlan, *rules: str) -> tuple[int, list[tuple]]:
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", AS_OF, "--format", "json",
                     "--select", ",".join(rules))
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    return result.exit_code, [(f["rule"], f["code"], f["file"].rsplit("/", 1)[-1], f["line"],
                               f["column"], f["message"]) for f in data["findings"]]


@pytest.fixture
def small(tmp_path):
    def make(**fields) -> SmallPlan:
        return SmallPlan(tmp_path, **fields).write()
    return make


def test_the_small_plan_is_clean(run_cli, small):
    plan = small(progress=["{date: 2022-05-01, status: in-progress}"],
                 milestone_progress=["{date: 2022-05-01, status: in-progress}"])
    code, found = errors_and_warnings(run_cli, plan, "SZ2", "SZ4", "SZ5")
    assert code == 0
    assert [f[0] for f in found] == ["idle-agency"] * 5


def test_a_small_plan_with_a_leading_group_without_an_office_is_clean(run_cli, small):
    plan = small(meetings=["{date: 2022-03-01, kind: plenary}"])
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", AS_OF, "--format", "json")
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]
            if f["severity"] == "error"] == []


def test_unknown_agency_in_units(run_cli, small):
    plan = small(units="[市政數局, 市大数据中新]")
    code, found = errors_and_warnings(run_cli, plan, "unknown-agency")
    assert code == 1
    assert found == [("unknown-agency", "SZ201", "tasks.yaml", plan.line("units:"), 19,
                      "unit 「市大数据中新」 is not defined in agencies.yaml")]


@pytest.mark.parametrize(("unit", "hint"), [
    ("市數據局", "did you mean 「隨州市數據局」 or 「市政數局」 or 「市大數據中心」?"),
    ("市大數據中", "did you mean 「市大數據中心」 or 「隨州市數據局」?"),
    ("全然無關", "add the unit to agencies.yaml"),
], ids=["three", "two", "none"])
def test_an_unknown_unit_gets_up_to_three_names_it_resembles(run_cli, small, unit, hint):
    plan = small(units=f"[市政數局, {unit}]")
    (found,) = findings_of(run_cli, plan, "2022-01-01", "unknown-agency")
    assert found["hint"] == hint + " (a unit is named by its name, alias or id in agencies.yaml)"


def test_unknown_collective_member(run_cli, small):
    plan = small()
    agencies = plan.agencies
    text = agencies.read_text(encoding="utf-8").replace(
        "members: [suixian-gov, guangshui-gov]", "members: [suixian-gov, guangshui]")
    agencies.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "guangshui]" in t)
    code, found = errors_and_warnings(run_cli, plan, "unknown-agency")
    assert code == 1
    assert found == [("unknown-agency", "SZ201", "agencies.yaml", line, 28,
                      "member id `guangshui` of 「各縣、市、區人民政府」 is not defined")]
    [finding] = findings_of(run_cli, plan, AS_OF, "unknown-agency")
    assert (finding["agency"], finding["hint"]) == (
        "counties", "did you mean `guangshui-gov`? (members and successors are unit ids)")
    for member in ("zzz", "countie"):  # never the collective itself
        agencies.write_text(text.replace("guangshui]", f"{member}]"), encoding="utf-8")
        [finding] = findings_of(run_cli, plan, AS_OF, "unknown-agency")
        assert finding["hint"] == (
            "write the id of a unit in agencies.yaml (members and successors are unit ids)")


def test_unknown_successor(run_cli, small):
    plan = small()
    text = plan.agencies.read_text(encoding="utf-8").replace("successor: data-bureau",
                                                               "successor: data-bureaux")
    plan.agencies.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "data-bureaux" in t)
    [finding] = findings_of(run_cli, plan, AS_OF, "unknown-agency")
    assert (finding["file"].rsplit("/", 1)[-1], finding["line"], finding["column"],
            finding["message"], finding["hint"], finding["agency"]) == (
        "agencies.yaml", line, 25, "successor id `data-bureaux` of 「市舊局」 is not defined",
        "did you mean `data-bureau`? (members and successors are unit ids)", "old-bureau")


def test_a_task_with_only_a_vague_unit_is_unassigned(run_cli, small):
    plan = small(units="[市政府有關部門]")
    code, found = errors_and_warnings(run_cli, plan, "unassigned", "vague-agency")
    assert code == 1
    assert found == [
        ("unassigned", "SZ401", "tasks.yaml", plan.line("- id: M1"), 9,
         "milestone M1 「建成大數據產業園」 names only vague units (市政府有關部門)"),
        ("unassigned", "SZ401", "tasks.yaml", plan.line("units:"), 12,
         "task T01 「建設大數據產業園」 names only vague units (市政府有關部門)"),
    ]


def test_a_task_with_no_unit_and_a_milestone_with_no_task(run_cli, small):
    plan = small(units="[]")
    plan.edit("        tasks: [T01]\n", "        tasks: []\n")
    code, found = errors_and_warnings(run_cli, plan, "unassigned")
    assert code == 1
    assert found == [
        ("unassigned", "SZ401", "tasks.yaml", plan.line("- id: M1"), 9,
         "milestone M1 「建成大數據產業園」 links no task and names no unit of its own"),
        ("unassigned", "SZ401", "tasks.yaml", plan.line("- id: T01"), 5,
         "task T01 「建設大數據產業園」 has no responsible unit"),
    ]


def test_a_vague_unit_among_real_ones(run_cli, small):
    plan = small(units="[市政數局, 市政府有關部門]")
    code, found = errors_and_warnings(run_cli, plan, "unassigned", "vague-agency")
    assert code == 0
    assert [(f[0], f[3], f[4]) for f in found] == [("vague-agency", plan.line("units:"), 19)]


def test_lead_not_listed(run_cli, small):
    plan = small()
    plan.edit("    units: [市政數局, 市大數據中心]\n",
              "    units: [市政數局, 市大數據中心]\n    lead: 隨縣\n")
    code, found = errors_and_warnings(run_cli, plan, "lead-not-listed")
    assert code == 1
    assert found == [("lead-not-listed", "SZ205", "tasks.yaml", plan.line("lead: 隨縣"), 11,
                      "lead 「隨縣」 of T01 is not among its units")]
    [finding] = findings_of(run_cli, plan, AS_OF, "lead-not-listed")
    assert (finding["task"], finding["hint"]) == (
        "T01", "name one of the task's units, or add the unit to `units`")


def test_an_explicit_lead_leads(run_cli, small):
    plan = small()
    plan.edit("    units: [市政數局, 市大數據中心]\n",
              "    units: [市政數局, 市大數據中心]\n    lead: 市大數據中心\n")
    result = run_cli("duties", "市大數據中心", "--plan", str(plan.dir), "--as-of", AS_OF,
                     "--format", "json")
    duties = json.loads(result.stdout)["agencies"][0]["duties"]
    assert [(d["item"], d["role"], d["others"]) for d in duties] == [
        ("T01", "lead", ["gov-data"]), ("M1", "lead", ["gov-data"])]


def test_unknown_task_link(run_cli, small):
    plan = small()
    plan.edit("        tasks: [T01]\n", "        tasks: [T01, T1]\n")
    code, found = errors_and_warnings(run_cli, plan, "unknown-task")
    assert code == 1
    assert [(f[0], f[3], f[4]) for f in found] == [("unknown-task", plan.line("tasks: [T01, T1]"),
                                                    22)]
    assert found[0][5] == "milestone M1 links task `T1`, which does not exist"
    plan.edit("tasks: [T01, T1]", "tasks: [T01, T1, X99]")
    found = findings_of(run_cli, plan, AS_OF, "unknown-task")
    assert [(f["milestone"], f["phase"], f["column"], f["hint"]) for f in found] == [
        ("M1", "P1", 22, "did you mean `T01`?"), ("M1", "P1", 26, "use a task id such as T01")]


def test_duplicate_task_id(run_cli, small):
    plan = small(extra_tasks="  - id: T01\n    number: 2\n    kind: task\n    section: 數字經濟\n"
                             "    title: 重複\n    text: 重複。\n    units: [市政數局]\n")
    code, found = errors_and_warnings(run_cli, plan, "duplicate-id")
    assert code == 1
    assert [(f[0], f[3], f[4]) for f in found] == [
        ("duplicate-id", plan.line("- id: T01", 2), 9)]


def test_each_namespace_reports_its_own_duplicates(run_cli, small):
    """Items (tasks, targets, milestones) share one namespace; phases, sections and
    mechanisms have their own: the same id in two namespaces is no duplicate."""
    mechanism = ("    - {id: %s, name: 協調機制, section: 數字經濟, "
                 "convenor: {name: 克克, post: 市長}, daily_unit: 市政數局}\n")
    plan = small(
        phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")], meetings=[],
        extra_tasks="  - id: T02\n    number: 2\n    kind: task\n    section: 數字經濟\n"
                    "    title: 目標\n    text: 目標。\n    units: [市政數局]\n"
                    "    targets:\n      - {id: M1, text: 到2023年, due: 2023-11-30}\n"
                    "      - {id: P1, text: 到2024年, due: 2024-11-30}\n")
    plan.edit("  - id: P2\n", "  - id: P1\n")
    plan.edit("sections:\n  - id: economy\n    name: 數字經濟\n",
              "sections:\n  - id: economy\n    name: 數字經濟\n  - id: economy\n    name: 數字政府\n"
              "  - id: T01\n    name: 數字社會\n")
    plan.tasks.write_text(plan.tasks.read_text(encoding="utf-8") + "  mechanisms:\n"
                          + mechanism % "economy" + mechanism % "mx" + mechanism % "mx",
                          encoding="utf-8")
    code, found = errors_and_warnings(run_cli, plan, "duplicate-id")
    assert code == 1
    hints = {f["hint"] for f in findings_of(run_cli, plan, AS_OF, "duplicate-id")}
    assert hints == {"give each one its own id"}
    assert [(f[3], f[4], f[5]) for f in found] == [  # in the order of the file
        (plan.line("- id: economy", 2), 9,
         f"section id `economy` is used twice (first at line {plan.line('- id: economy')})"),
        (plan.line("- id: P1", 2), 9,
         f"phase id `P1` is used twice (first at line {plan.line('- id: P1')})"),
        (plan.line("{id: M1,"), 14,
         f"item id `M1` is used twice (first at line {plan.line('- id: M1')})"),
        (plan.line("{id: mx,", 2), 12,
         f"mechanism id `mx` is used twice (first at line {plan.line('{id: mx,')})"),
    ]


def test_a_unit_id_used_twice_in_the_registry(run_cli, small):
    plan = small()
    text = plan.agencies.read_text(encoding="utf-8")
    plan.agencies.write_text(text + "  - id: gov-data\n    name: 測試局\n"
                             "    kind: municipal-department\n", encoding="utf-8")
    lines = plan.agencies.read_text(encoding="utf-8").splitlines()
    first, again = [n for n, line in enumerate(lines, 1) if line == "  - id: gov-data"]
    [found] = findings_of(run_cli, plan, AS_OF, "duplicate-id")
    assert (found["file"].rsplit("/", 1)[-1], found["line"], found["column"], found["message"],
            found["hint"], found["agency"]) == (
        "agencies.yaml", again, 9, f"agency id `gov-data` is used twice (first at line {first})",
        "give each unit its own id", "gov-data")


def test_unknown_sections_of_tasks_and_mechanisms_with_their_hints(run_cli, small):
    """A near miss gets the section it resembles; a name like none gets the list of the
    plan's sections; a mechanism's section is checked as a task's is."""
    plan = small(meetings=[])
    plan.edit("sections:\n  - id: economy\n    name: 數字經濟\n",
              "sections:\n  - id: economy\n    name: 數字經濟\n  - id: government\n"
              "    name: 數字政府\n")
    plan.edit("    section: 數字經濟\n", "    section: 數字経濟\n")
    plan.tasks.write_text(plan.tasks.read_text(encoding="utf-8") + "  mechanisms:\n"
                          "    - {id: mx, name: 協調機制, section: 農業農村, "
                          "convenor: {name: 克克, post: 市長}, daily_unit: 市政數局}\n",
                          encoding="utf-8")
    found = findings_of(run_cli, plan, AS_OF, "unknown-section")
    assert [(f["line"], f["column"], f["message"], f["hint"]) for f in found] == [
        (plan.line("section: 數字経濟"), 14, "section 「數字経濟」 is not one of the plan's sections",
         "did you mean 「數字經濟」?"),
        (plan.line("{id: mx,"), 37, "section 「農業農村」 is not one of the plan's sections",
         "use one of: 數字經濟、數字政府"),
    ]


def test_phases_are_taken_in_date_order_not_file_order(run_cli, small):
    """Phase 2 listed first, seamlessly before phase 1: no overlap and no gap."""
    plan = small(phases=[("2023-12-01", "2024-11-30"), ("2021-11-01", "2023-11-30")])
    assert findings_of(run_cli, plan, AS_OF, "phase-overlap,phase-gap") == []


def test_an_unknown_addressee_is_an_unknown_unit(run_cli, small):
    plan = small()
    plan.edit("  issued: 2021-11-12\n", "  issued: 2021-11-12\n  addressees: [隨縣, 不存在局]\n")
    [finding] = findings_of(run_cli, plan, AS_OF, "unknown-agency")
    assert (finding["line"], finding["column"], finding["message"], finding["task"]) == (
        plan.line("addressees:"), 20, "unit 「不存在局」 is not defined in agencies.yaml", None)


def test_a_milestone_id_used_twice_is_found_at_the_second(run_cli, small):
    plan = small()
    plan.edit("    milestones:\n", "    milestones:\n      - id: M1\n        title: 重複\n", 1)
    [finding] = findings_of(run_cli, plan, AS_OF, "duplicate-id")
    assert (finding["line"], finding["column"], finding["message"]) == (
        plan.line("- id: M1", 2), 13,
        f"item id `M1` is used twice (first at line {plan.line('- id: M1')})")


def test_an_unknown_unit_is_found_wherever_the_plan_names_a_unit(run_cli, small):
    """Addressees, a task's units, lead and reporters (its own and its targets'), a
    milestone's units and reporters, the leading group's members and office, a mechanism's
    daily unit: each names a unit, and a name agencies.yaml lacks is found where it stands."""
    entry = "{{date: 2022-01-01, status: in-progress, by: {}, note: 推進}}"
    plan = small(units="[市政數局, 乙局]", progress=[entry.format("丁局")],
                 milestone_progress=[entry.format("庚局")], meetings=[],
                 extra_tasks="  - id: T02\n    number: 2\n    kind: task\n    section: 數字經濟\n"
                             "    title: 目標\n    text: 目標。\n    units: [市政數局]\n"
                             "    targets:\n      - {id: T02-2025, text: 到2025年, due: 2025-11-30, "
                             f"progress: [{entry.format('戊局')}, "
                             "{date: 2022-02-01, status: in-progress, note: 無報送單位}]}\n")
    plan.edit("  issued: 2021-11-12\n", "  issued: 2021-11-12\n  addressees: [甲局]\n")
    plan.edit("    units: [市政數局, 乙局]\n", "    units: [市政數局, 乙局]\n    lead: 丙局\n")
    plan.edit("        tasks: [T01]\n", "        tasks: [T01]\n        units: [己局]\n")
    plan.edit("    members: [市政數局]\n", "    members: [市政數局, 辛局]\n    office: {unit: 壬局}\n")
    plan.tasks.write_text(plan.tasks.read_text(encoding="utf-8") + "  mechanisms:\n"
                          "    - {id: mx, name: 協調機制, section: 數字經濟, "
                          "convenor: {name: 克克, post: 市長}, daily_unit: 癸局}\n",
                          encoding="utf-8")
    lines = plan.tasks.read_text(encoding="utf-8").splitlines()

    def where(name: str) -> tuple[int, int]:
        [(n, text)] = [(n, text) for n, text in enumerate(lines, 1) if name in text]
        return n, text.index(name) + 1

    expected = [(*where(name), f"unit 「{name}」 is not defined in agencies.yaml", task)
                for name, task in [("甲局", None), ("己局", None), ("庚局", None), ("乙局", "T01"),
                                   ("丙局", "T01"), ("丁局", "T01"), ("戊局", "T02"),
                                   ("辛局", None), ("壬局", None), ("癸局", None)]]
    found = findings_of(run_cli, plan, AS_OF, "unknown-agency")
    assert sorted((f["line"], f["column"], f["message"], f["task"]) for f in found) == sorted(
        expected)


def test_the_index_places_items_and_says_whose_lead_was_named(run_cli, small):
    """A task due on the first day of phase 2 is phase 2's; an overdue target is found at
    its own line; `export` says which lead was named and which taken from the first unit."""
    plan = small(phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")],
                 due="2023-12-01",
                 extra_tasks="  - id: T02\n    number: 2\n    kind: task\n    section: 數字經濟\n"
                             "    title: 目標\n    text: 目標。\n    units: [市政數局, 市大數據中心]\n"
                             "    lead: 市大數據中心\n    targets:\n"
                             "      - {id: T02-2022, text: 到2022年, due: 2022-06-30}\n")
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", "2023-01-10", "--format", "json")
    data = json.loads(result.stdout)
    phases = {p["id"]: [i["id"] for i in p["items"]] for p in data["phases"]}
    assert phases == {"P1": ["M1", "T02-2022"], "P2": ["T01", "T02"]}
    [overdue] = [f for f in data["findings"] if f["rule"] == "overdue"]
    assert (overdue["line"], overdue["column"], overdue["task"]) == (
        plan.line("{id: T02-2022"), 9, "T02")
    exported = json.loads(run_cli("export", "--plan", str(plan.dir)).stdout)
    assert [(t["id"], t["lead"], t["lead_inferred"]) for t in exported["tasks"]] == [
        ("T01", "gov-data", True), ("T02", "big-data-center", False)]


def test_unknown_section(run_cli, small):
    plan = small()
    plan.edit("    section: 數字經濟\n", "    section: 數字経濟\n")
    code, found = errors_and_warnings(run_cli, plan, "unknown-section")
    assert code == 1
    assert [(f[0], f[3], f[4], f[5]) for f in found] == [
        ("unknown-section", plan.line("section: 數字経濟"), 14,
         "section 「數字経濟」 is not one of the plan's sections")]


def test_possibly_renamed_and_defunct_are_told_apart(run_cli, small):
    plan = small(units="[市舊局, 市政數局]", due="2024-06-30")
    _, found = errors_and_warnings(run_cli, plan, "possibly-renamed")
    assert found == []  # the change has a date: defunct-agency applies from that date
    text = plan.agencies.read_text(encoding="utf-8").replace(
        "valid_until: 2023-08-17, ", "")
    plan.agencies.write_text(text, encoding="utf-8")
    _, found = errors_and_warnings(run_cli, plan, "possibly-renamed")
    assert found == [("possibly-renamed", "SZ404", "tasks.yaml", plan.line("units:"), 13,
                      "T01 is assigned to 「市舊局」, which may have been renamed or merged since "
                      "2021 (confirmed)")]


def test_idle_agency(run_cli, small):
    plan = small()
    code, found = errors_and_warnings(run_cli, plan, "idle-agency")
    assert code == 0
    names = [f[5].split("」")[0].lstrip("「") for f in found]
    assert names == ["隨縣人民政府", "廣水市人民政府", "各縣、市、區人民政府", "隨州市數據局", "市舊局"]
    plan = small(units="[市政數局, 各縣、市、區人民政府]")
    code, found = errors_and_warnings(run_cli, plan, "idle-agency")
    # the counties hold duties through their collective; the successor of a unit that
    # holds none is still idle
    assert [f[5].split("」")[0].lstrip("「") for f in found] == [
        "市大數據中心", "隨州市數據局", "市舊局"]


def test_done_without_evidence(run_cli, small):
    plan = small(progress=["{date: 2022-03-01, status: reported-done}",
                           "{date: 2022-04-01, status: verified, evidence: [x]}"])
    _, found = errors_and_warnings(run_cli, plan, "done-without-evidence")
    assert found == [("done-without-evidence", "SZ503", "tasks.yaml",
                      plan.line("date: 2022-03-01"), 9,
                      "task T01 「建設大數據產業園」: reported-done entry of 2022-03-01 has no "
                      "evidence")]


# --- duty lists on small plans -----------------------------------------------------------

def duties_json(run_cli, plan: SmallPlan, unit: str) -> list[tuple]:
    result = run_cli("duties", unit, "--plan", str(plan.dir), "--as-of", AS_OF, "--format",
                     "json")
    assert result.exit_code == 0, result.output
    return [(d["item"], d["role"], d["phases"], d["others"])
            for d in json.loads(result.stdout)["agencies"][0]["duties"]]


def test_others_on_a_duty_are_listed_lead_first(run_cli, small):
    plan = small(units="[市政數局, 隨縣, 市大數據中心]")
    plan.edit("    units: [市政數局, 隨縣, 市大數據中心]\n",
              "    units: [市政數局, 隨縣, 市大數據中心]\n    lead: 市大數據中心\n")
    assert duties_json(run_cli, plan, "隨縣") == [
        ("T01", "support", ["P1"], ["big-data-center", "gov-data"]),
        ("M1", "support", ["P1"], ["big-data-center", "gov-data"])]


def test_a_duty_outside_every_phase_comes_last_and_has_no_phase(run_cli, small):
    plan = small(due="2021-10-15")  # before phase 1 starts
    assert duties_json(run_cli, plan, "市政數局") == [
        ("M1", "lead", ["P1"], ["big-data-center"]), ("T01", "lead", [], ["big-data-center"])]



# --- what the mutation run of the reference and assignment rules asked for ----------------

def test_a_unit_nothing_resembles_gets_the_plain_hint(run_cli, small):
    plan = small(units="[市政數局, 甲乙丙丁戊]")
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", AS_OF, "--format", "json",
                     "--select", "unknown-agency")
    (found,) = json.loads(result.stdout)["findings"]
    assert found["hint"] == ("add the unit to agencies.yaml (a unit is named by its name, alias "
                             "or id in agencies.yaml)")


def test_vague_agency_names_the_placeholder_and_goes_on_after_an_unassigned_task(run_cli, small):
    plan = small(units="[市政府有關部門]", extra_tasks=(
        "  - id: T02\n    number: 2\n    kind: task\n    section: 數字經濟\n    title: 乙\n"
        "    text: 乙。\n    units: [市政數局, 市政府有關部門]\n"))
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", AS_OF, "--format", "json",
                     "--select", "vague-agency")
    found = json.loads(result.stdout)["findings"]
    assert [(f["task"], f["agency"], f["line"]) for f in found] == [
        ("T02", "vague", plan.line("units: [市政數局, 市政府有關部門]"))]


def test_defunct_agency_in_second_place_and_not_for_a_done_item(run_cli, small):
    plan = small(units="[市政數局, 市舊局]", due="2024-06-30")
    found = findings_of(run_cli, plan, "2023-09-01", "defunct-agency")
    assert [(f["line"], f["column"], f["agency"]) for f in found] == [
        (plan.line("units: [市政數局, 市舊局]"), 19, "old-bureau")]
    plan.edit("    due: 2024-06-30\n",
              "    due: 2024-06-30\n    progress:\n"
              "      - {date: 2023-08-30, status: reported-done, evidence: [x]}\n")
    assert findings_of(run_cli, plan, "2023-09-01", "defunct-agency") == []


def test_defunct_agency_after_a_unit_that_may_have_been_renamed(run_cli, small):
    plan = small(units="[市大數據中心, 市舊局]", due="2024-06-30")
    text = plan.agencies.read_text(encoding="utf-8").replace(
        "    kind: public-institution\n",
        "    kind: public-institution\n    change: {confidence: unconfirmed, source: test}\n")
    plan.agencies.write_text(text, encoding="utf-8")
    found = findings_of(run_cli, plan, "2023-09-01", "defunct-agency,possibly-renamed")
    assert [(f["rule"], f["column"], f["agency"]) for f in found] == [
        ("possibly-renamed", 13, "big-data-center"), ("defunct-agency", 21, "old-bureau")]


SAFEGUARD_S1 = """\
  - id: S1
    number: 1
    kind: safeguard
    section: 數字經濟
    title: 加強組織領導
    text: 加強組織領導。
    units: [市大數據中心]
"""


def test_possibly_renamed_for_a_safeguard_measure_and_not_for_a_done_item(run_cli, small):
    plan = small(units="[市大數據中心]", extra_tasks=SAFEGUARD_S1,
                 progress=["{date: 2022-01-10, status: reported-done, evidence: [x]}"])
    text = plan.agencies.read_text(encoding="utf-8").replace(
        "    kind: public-institution\n",
        "    kind: public-institution\n    change: {confidence: likely, source: test}\n")
    plan.agencies.write_text(text, encoding="utf-8")
    found = findings_of(run_cli, plan, "2022-06-01", "possibly-renamed")
    assert [(f["task"], f["line"], f["column"], f["message"]) for f in found] == [
        ("S1", plan.line("units: [市大數據中心]", 2), 13,
         "S1 is assigned to 「市大數據中心」, which may have been renamed or merged since 2021 "
         "(likely)")]


def test_defunct_agency_without_a_known_successor(run_cli, small):
    plan = small(units="[市舊局]", due="2024-06-30")
    text = plan.agencies.read_text(encoding="utf-8").replace("successor: data-bureau, ", "")
    plan.agencies.write_text(text, encoding="utf-8")
    (found,) = findings_of(run_cli, plan, "2023-09-01", "defunct-agency")
    assert found["message"] == "T01 is assigned to 「市舊局」, which ceased on 2023-08-17 (confirmed)"
    assert found["hint"] == "assign the duty to the unit that took over"


def test_a_meeting_on_the_as_of_day_counts(run_cli, small):
    plan = small(meetings=["{date: 2023-06-01, kind: plenary}"])
    assert findings_of(run_cli, plan, "2023-06-01", "meeting-cadence") == []


def test_select_by_a_code_in_lower_case_and_with_an_empty_item(run_cli, small):
    plan = small(meetings=[])
    found = findings_of(run_cli, plan, "2023-12-01", "sz301,,SZ601")
    assert sorted({f["rule"] for f in found}) == ["meeting-cadence", "overdue"]


def findings_of(run_cli, plan: SmallPlan, as_of: str, select: str) -> list[dict]:
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "json",
                     "--select", select)
    assert "Traceback" not in result.output
    return json.loads(result.stdout)["findings"]


def test_rules_lists_every_rule_and_shows_one_by_slug_or_code_in_any_case(run_cli):
    listing = run_cli("rules")
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    assert len(lines) == 45
    assert lines[0] == "SZ101  yaml-syntax              error    the file is not valid YAML"
    assert ("SZ509  duplicate-progress       warning  a progress entry identical to the one "
            "before it") in lines
    head = ("SZ301 overdue (error): past its due date and not done\n\nA milestone, target, "
            "task or measure whose due date is before the as-of date")
    for name in ("overdue", "SZ301", "sz301", " Sz301 "):
        shown = run_cli("rules", name)
        assert shown.exit_code == 0, name
        assert shown.stdout.startswith(head), name
    unknown = run_cli("rules", "SZ3")  # a prefix selects in --select, but names no one rule
    assert unknown.exit_code == 2
    assert "no rule is called 'SZ3'; type `suizhou rules` to list codes and slugs" in \
        unknown.stderr


def test_expand_skips_blank_selectors_and_takes_codes_prefixes_and_slugs():
    from suizhou_plan.rules import expand

    assert expand(["", " sz301 ", "  ", "SZ60", "duplicate-progress"]) == {
        "overdue", "meeting-cadence", "uncovered-section", "duplicate-progress"}
    with pytest.raises(KeyError):
        expand(["SZ9"])


def test_narrowing_keeps_the_plan_wide_findings_of_the_phase_or_unit(run_cli, small):
    # a phase-gap finding carries phase P2 and no item; meeting-cadence carries nothing;
    # idle-agency carries only its unit
    plan = small(phases=[("2021-11-01", "2023-11-30"), ("2024-01-01", "2025-11-30")],
                 meetings=[])

    def kept(*narrow: str) -> list[tuple]:
        result = run_cli("check", "--plan", str(plan.dir), "--as-of", "2023-12-01",
                         "--format", "json", "--select",
                         "phase-gap,meeting-cadence,idle-agency", *narrow)
        return [(f["rule"], f["phase"], f["agency"])
                for f in json.loads(result.stdout)["findings"]]

    gap, meeting = ("phase-gap", "P2", None), ("meeting-cadence", None, None)
    idle = [("idle-agency", None, unit) for unit in
            ("suixian-gov", "guangshui-gov", "counties", "data-bureau", "old-bureau")]
    assert sorted(kept()) == sorted([gap, meeting, *idle])
    assert sorted(kept("--phase", "2")) == sorted([gap, meeting, *idle])
    assert sorted(kept("--phase", "1")) == sorted([meeting, *idle])
    assert kept("--agency", "廣水市") == [("idle-agency", None, "guangshui-gov")]


def test_a_safeguard_measure_with_only_a_vague_unit_is_unassigned(run_cli, small):
    plan = small(extra_tasks=SAFEGUARD_S1.replace("[市大數據中心]", "[市政府有關部門]"))
    found = findings_of(run_cli, plan, "2022-01-01", "unassigned")
    assert [(f["task"], f["line"], f["column"], f["message"]) for f in found] == [
        ("S1", plan.line("units: [市政府有關部門]"), 12,
         "safeguard S1 「加強組織領導」 names only vague units (市政府有關部門)")]


def test_a_scope_without_holders_keeps_the_items_of_the_unit_and_of_its_collectives(small):
    plan = small(units="[各縣、市、區人民政府]")
    index = run(load_plan(plan.dir), as_of=date(2022, 1, 1)).index
    assert index is not None
    t01, m1 = index.by_id["T01"], index.by_id["M1"]
    member, other = index.registry.exact("隨縣"), index.registry.exact("市政數局")
    assert Scope(agency=member).keeps_item(index, t01)
    assert Scope(agency=member).keeps_item(index, m1)  # through its linked task
    assert not Scope(agency=other).keeps_item(index, t01)
    assert Scope.holders(t01) == {"counties", "suixian-gov", "guangshui-gov"}


def test_unassigned_goes_on_past_an_item_with_an_unknown_unit(run_cli, small):
    plan = small(units="[市不存在局]",
                 extra_tasks=SAFEGUARD_S1.replace("[市大數據中心]", "[市政府有關部門]"))
    found = findings_of(run_cli, plan, "2022-01-01", "unassigned")
    assert [(f["task"], f["milestone"], f["line"]) for f in found] == [
        ("S1", None, plan.line("units: [市政府有關部門]"))]


M2_AND_M3 = ("        tasks: [T01]\n"
             "      - id: M2\n        title: 建成城市大腦\n        tasks: [T99]\n"
             "      - id: M3\n        title: 完善數據共享\n")


def test_unassigned_milestones_and_a_task_with_only_vague_units(run_cli, small):
    plan = small(units="[市政府有關部門, 市政府有關部門]").edit("        tasks: [T01]\n", M2_AND_M3)
    found = findings_of(run_cli, plan, "2022-01-01", "unassigned")
    milestone_hint = "link the milestone to its task(s) in `tasks:` or give it `units:`"
    assert [(f["task"], f["milestone"], f["phase"], f["line"], f["column"], f["message"],
             f["hint"]) for f in found] == [
        # M1 is held through T01, which names only vague units; M2 links an unknown task
        (None, "M1", "P1", plan.line("- id: M1"), 9,
         "milestone M1 「建成大數據產業園」 names only vague units (市政府有關部門、市政府有關部門)",
         milestone_hint),
        (None, "M3", "P1", plan.line("- id: M3"), 9,
         "milestone M3 「完善數據共享」 links no task and names no unit of its own", milestone_hint),
        ("T01", None, None, plan.line("units: [市政府"), 12,
         "task T01 「建設大數據產業園」 names only vague units (市政府有關部門、市政府有關部門)",
         "name at least one specific unit as lead (first in `units`)"),
    ]


SECTIONS = ("sections:\n  - id: economy\n    name: 數字經濟\n  - id: empty\n    name: 數字空間\n"
            "  - id: society\n    name: 數字社會\n  - id: safeguards\n    name: 保障措施\n")
TASKS_IN_SECTIONS = "".join(
    f"  - id: {tid}\n    number: {n}\n    kind: task\n    section: {section}\n"
    f"    title: 任務{n}\n    text: 任務{n}。\n    units: [市政數局]\n"
    for tid, n, section in (("T02", 2, "數字社會"), ("T03", 3, "保障措施")))


def test_uncovered_sections_are_those_with_tasks_but_the_safeguards(run_cli, small):
    plan = small(extra_tasks=TASKS_IN_SECTIONS).edit(
        "sections:\n  - id: economy\n    name: 數字經濟\n", SECTIONS)
    found = findings_of(run_cli, plan, "2022-01-01", "uncovered-section")
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (plan.line("- id: economy"), 5, "section 「數字經濟」 has tasks but no coordination mechanism"),
        (plan.line("- id: society"), 5, "section 「數字社會」 has tasks but no coordination mechanism"),
    ]
