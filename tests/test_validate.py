"""`suizhou validate`: schema and cross-reference problems, located exactly."""

from __future__ import annotations

import json

from conftest import PLAN, edit, line_of


def findings(run_cli, plan, *extra):
    result = run_cli("validate", "--plan", str(plan), "--format", "json", *extra)
    data = json.loads(result.stdout)
    return result.exit_code, [
        (f["rule"], f["file"].rsplit("/", 1)[-1], f["line"], f["column"]) for f in data["findings"]
        if f["severity"] == "error"
    ], data


def test_bundled_plan_validates_with_no_errors(run_cli):
    code, errors, data = findings(run_cli, PLAN)
    assert code == 0 and errors == []
    assert data["summary"] == {"error": 0, "warning": 8, "info": 16}
    assert data["schema_version"] == 1 and data["valid"] is True


def test_human_output_is_file_line_col_slug_message(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    title: 建設大數據產業園\n", "    titel: 建設大數據產業園\n")
    line = line_of(tasks, "titel:")
    result = run_cli("validate", "--plan", str(plan_copy))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    i = next(n for n, text in enumerate(lines) if "unknown-field" in text)
    assert lines[i] == (f"plan/tasks.yaml:{line}:5: unknown-field unknown field `titel` in tasks[0] "
                        "[SZ110 error]")
    assert lines[i + 1] == f"{line:>5} |     titel: 建設大數據產業園"
    assert lines[i + 2] == "      |     ^"
    assert lines[i + 3] == "      hint: did you mean `title`?"
    assert "Traceback" not in result.output
    assert lines[-1] == "INVALID: 2 error(s), 0 warning(s), 0 info"  # titel + missing title


def test_missing_required_field_points_at_its_mapping(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    title: 提升數字運營能力\n", "")
    code, errors, data = findings(run_cli, plan_copy)
    assert code == 1
    assert errors == [("missing-field", "tasks.yaml", line_of(tasks, "- id: T02"), 5)]
    assert data["findings"][0]["message"] == "required field `title` is missing in tasks[1]"


def test_yaml_11_coercions_do_not_leak(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    number: 12\n", "    number: 0012\n")
    edit(tasks, "    title: 提升數字運營能力\n", "    title: no\n")
    edit(tasks, "    in_source_text: false\n", "    in_source_text: no\n")
    code, errors, data = findings(run_cli, plan_copy)
    assert code == 1
    assert errors == [
        ("invalid-value", "tasks.yaml", line_of(tasks, "in_source_text: no"), 21),
        ("invalid-value", "tasks.yaml", line_of(tasks, "number: 0012"), 13),
    ]
    messages = [f["message"] for f in data["findings"] if f["severity"] == "error"]
    assert messages == [
        "plan.document_number.in_source_text: expected true or false",
        "tasks[11].number: a leading zero is ambiguous in YAML: write 12 without it",
    ]


def test_dates_must_be_iso_with_the_iso_form_suggested(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    start: 2021-11-01\n", "    start: 2021-11-1\n")
    edit(tasks, "    end: 2023-11-30\n", "    end: 2023年11月底\n")
    edit(tasks, "    end: 2024-11-30\n", "    end: 2024-02-30\n")
    code, errors, data = findings(run_cli, plan_copy)
    assert code == 1
    assert errors == [
        ("invalid-date", "tasks.yaml", line_of(tasks, "start: 2021-11-1"), 12),
        ("invalid-date", "tasks.yaml", line_of(tasks, "end: 2023年11月底"), 10),
        ("invalid-date", "tasks.yaml", line_of(tasks, "end: 2024-02-30"), 10),
    ]
    assert [f["message"] for f in data["findings"] if f["severity"] == "error"] == [
        "phases[0].start: date must be written YYYY-MM-DD: write 2021-11-01",
        "phases[0].end: date must be written YYYY-MM-DD: write 2023-11-30",
        "phases[1].end: 2024-02-30 is not a real calendar date",
    ]


def test_unknown_unit_is_reported_with_did_you_mean(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "units: [市政數局, 市大數據中心]", "units: [市政数据局, 市大數據中心]")
    code, errors, data = findings(run_cli, plan_copy)
    line = line_of(tasks, "units: [市政数据局")
    assert code == 1 and errors == [("unknown-agency", "tasks.yaml", line, 13)]
    finding = data["findings"][[f["rule"] for f in data["findings"]].index("unknown-agency")]
    assert finding["message"] == "unit 「市政数据局」 is not defined in agencies.yaml"
    assert finding["hint"].startswith("did you mean 「隨州市數據局」 or 「市政數局」")
    assert finding["task"] == "T23"


def test_duplicate_ids_and_unknown_task_links(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "  - id: T22\n", "  - id: T21\n")
    edit(tasks, "        tasks: [T17]\n", "        tasks: [T177]\n")
    code, errors, data = findings(run_cli, plan_copy)
    assert code == 1
    assert errors == [
        ("unknown-task", "tasks.yaml", line_of(tasks, "tasks: [T177]"), 17),
        ("duplicate-id", "tasks.yaml", line_of(tasks, "- id: T21", 2), 9),
    ]
    hints = {f["rule"]: f["hint"] for f in data["findings"]}
    assert hints["unknown-task"] == "did you mean `T17`?"


def test_milestone_outside_its_phase_and_phase_overlap_and_gap(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "        title: 成立領導小組\n", "        title: 成立領導小組\n        due: 2024-03-31\n")
    edit(tasks, "    start: 2023-12-01\n", "    start: 2023-11-01\n")
    edit(tasks, "    start: 2024-12-01\n", "    start: 2025-01-01\n")
    code, errors, _ = findings(run_cli, plan_copy)
    assert code == 1
    assert errors == [
        ("milestone-outside-phase", "tasks.yaml", line_of(tasks, "due: 2024-03-31"), 14),
        ("phase-overlap", "tasks.yaml", line_of(tasks, "start: 2023-11-01"), 12),
        ("phase-gap", "tasks.yaml", line_of(tasks, "start: 2025-01-01"), 12),
    ]


def test_lead_override_must_be_one_of_the_units(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    units: [隨州高新區管委會, 市大數據中心]\n",
         "    units: [隨州高新區管委會, 市大數據中心]\n    lead: 市公安局\n")
    code, errors, _ = findings(run_cli, plan_copy)
    assert code == 1
    assert errors == [("lead-not-listed", "tasks.yaml", line_of(tasks, "lead: 市公安局"), 11)]


def test_a_lead_override_changes_the_exported_lead(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    units: [隨州高新區管委會, 市大數據中心]\n",
         "    units: [隨州高新區管委會, 市大數據中心]\n    lead: 市大數據中心\n")
    result = run_cli("export", "--plan", str(plan_copy))
    t02 = next(t for t in json.loads(result.stdout)["tasks"] if t["id"] == "T02")
    assert (t02["lead"], t02["lead_inferred"]) == ("big-data-center", False)


def test_an_unknown_collective_member_is_an_unknown_agency(run_cli, plan_copy):
    agencies = plan_copy / "agencies.yaml"
    edit(agencies, "members: [suixian-gov, guangshui-gov, zengdu-gov]",
         "members: [suixian-gov, guangshui, zengdu-gov]")
    code, errors, data = findings(run_cli, plan_copy)
    found = [f for f in data["findings"] if f["severity"] == "error"]
    assert code == 1
    line = line_of(agencies, "members: [suixian-gov, guangshui, zengdu-gov]")
    column = agencies.read_text(encoding="utf-8").splitlines()[line - 1].index("guangshui,") + 1
    assert errors == [("unknown-agency", "agencies.yaml", line, column)]
    assert found[0]["message"] == "member id `guangshui` of 「各縣、市、區人民政府」 is not defined"
    # members are ids: the hint offers the id, not the unit's name (which the schema refuses)
    assert found[0]["hint"] == (
        "did you mean `guangshui-gov`? (members and successors are unit ids)")
    assert found[0]["agency"] == "county-governments"


def test_agency_kind_errors(run_cli, plan_copy):
    """Schema errors in agencies.yaml (they stop the cross-reference checks: an unknown member
    is then not reported, which is why the test above has no other error)."""
    agencies = plan_copy / "agencies.yaml"
    edit(agencies, "    kind: party-organ\n", "    kind: party\n", count=5)
    code, errors, _ = findings(run_cli, plan_copy)
    assert code == 1
    kinds = [(r, line) for r, _, line, _ in errors]
    assert kinds == [("invalid-value", line_of(agencies, "kind: party", n))
                     for n in range(1, 6)]


def test_usage_errors_exit_2_with_what_to_type(run_cli, tmp_path):
    result = run_cli("validate", "--plan", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "does not exist; type --plan DIR with the directory" in result.stderr
    result = run_cli("validate", "--format", "xml")
    assert result.exit_code == 2 and "'xml' is not one of 'text', 'json', 'github'" in result.stderr
