"""Unit names as file names (`duties --all --out`), and what can be mistaken for something
else: ids that differ only by case (SZ209), text that other YAML readers would read as
something else (SZ114)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PLAN, Run, edit, line_of

RunCli = Callable[..., Run]
AS_OF = "2024-01-15"


def add_agency(plan: Path, ident: str, name: str) -> None:
    with (plan / "agencies.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"  - id: {ident}\n    name: {name}\n    kind: municipal-department\n"
                     "    in_source_text: false\n    source: a test\n")


def findings(run_cli: RunCli, plan: Path, rule: str) -> list[dict[str, object]]:
    result = run_cli("validate", "--plan", str(plan), "--format", "json")
    assert "Traceback" not in result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] == rule]


# --- file names ------------------------------------------------------------------------


def test_a_unit_called_index_does_not_overwrite_the_index(run_cli: RunCli, plan_copy: Path,
                                                          tmp_path: Path) -> None:
    add_agency(plan_copy, "test-office", "index")
    out = tmp_path / "lists"
    result = run_cli("duties", "--plan", str(plan_copy), "--all", "--out", str(out),
                     "--as-of", AS_OF, "--format", "markdown")
    assert result.exit_code == 0, result.output
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Duty lists\n")
    assert "| [index](index-2.md) | index-2.md | 0 | 0 | 0 | 0 |" in index
    assert (out / "index-2.md").read_text(encoding="utf-8").startswith("# index duty list")
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == len({n.casefold() for n in names})


def test_names_that_differ_only_by_case_get_files_that_do_too(run_cli: RunCli, plan_copy: Path,
                                                              tmp_path: Path) -> None:
    add_agency(plan_copy, "data-office", "Data Office")
    add_agency(plan_copy, "data-office-upper", "DATA OFFICE")
    out = tmp_path / "lists"
    result = run_cli("duties", "--plan", str(plan_copy), "--all", "--out", str(out),
                     "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    files = {a["id"]: a["file"] for a in json.loads((out / "index.json").read_text())["agencies"]}
    assert files["gov-data"] == "市政數局.json"
    assert (files["data-office"], files["data-office-upper"]) == ("Data Office.json",
                                                                  "DATA OFFICE-2.json")
    assert json.loads((out / "DATA OFFICE-2.json").read_text())["agencies"][0]["id"] == (
        "data-office-upper")


def test_a_name_that_would_read_as_another_is_shown_for_what_it_is(
        run_cli: RunCli, plan_copy: Path, tmp_path: Path) -> None:
    """A right-to-left override (U+202E) after 報告 in a unit's name would show its file
    報告(U+202E)xcod.html as 報告lmth.docx: in the file's name it is an underscore, and the
    index's link to the file still works."""
    add_agency(plan_copy, "spoof", '"報告\\u202excod (1)"')
    out = tmp_path / "lists"
    result = run_cli("duties", "--plan", str(plan_copy), "--all", "--out", str(out),
                     "--as-of", AS_OF, "--format", "html")
    assert result.exit_code == 0, result.output
    assert (out / "報告_xcod (1).html").exists()
    assert '<a href="報告_xcod%20%281%29.html">' in (out / "index.html").read_text(
        encoding="utf-8")


# --- SZ209 id-case-clash -------------------------------------------------------------------


def test_agency_ids_that_differ_only_by_case_are_a_located_warning(run_cli: RunCli,
                                                                   plan_copy: Path) -> None:
    add_agency(plan_copy, "Gov-Data", "測試局")
    agencies = plan_copy / "agencies.yaml"
    hits = findings(run_cli, plan_copy, "id-case-clash")
    first = line_of(agencies, "  - id: gov-data")
    assert [(f["code"], f["severity"], f["line"], f["column"], f["agency"]) for f in hits] == [
        ("SZ209", "warning", line_of(agencies, "  - id: Gov-Data"), 9, "Gov-Data")]
    assert hits[0]["message"] == (
        f"agency id `Gov-Data` differs from `gov-data` (line {first}) only by case; typed "
        "without the exact case, the two are confused")
    assert hits[0]["hint"] == "give 「測試局」 an id that differs from `gov-data` in more than case"


def test_the_bundled_plan_has_no_case_clash_and_an_exact_repeat_is_duplicate_id(
    run_cli: RunCli, plan_copy: Path
) -> None:
    assert findings(run_cli, PLAN, "id-case-clash") == []
    add_agency(plan_copy, "gov-data", "測試局")
    assert findings(run_cli, plan_copy, "id-case-clash") == []
    assert [f["agency"] for f in findings(run_cli, plan_copy, "duplicate-id")] == ["gov-data"]
    add_agency(plan_copy, "Gov-Data", "另一測試局")  # after the repeat, a clash is still one
    assert [f["agency"] for f in findings(run_cli, plan_copy, "id-case-clash")] == ["Gov-Data"]


# --- SZ114 ambiguous-text ------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "seen_as"), [
    ("no", "a boolean"), ("yes", "a boolean"), ("on", "a boolean"), ("Off", "a boolean"),
    ("y", "a boolean"), ("N", "a boolean"), ("true", "a boolean"),
    ("0012", "a number"), ("1e3", "a number"), ("0x1F", "a number"), ("1:30", "a number"),
    ("-3", "a number"), ("12.5", "a number"), (".inf", "a number"), ("1_000", "a number"),
    ("-.inf", "a number"), ("+.INF", "a number"),
])
def test_unquoted_text_read_otherwise_by_yaml_1_1_is_a_located_warning(
    run_cli: RunCli, plan_copy: Path, typed: str, seen_as: str
) -> None:
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "    title: 建設大數據產業園\n", f"    title: {typed}\n")
    hits = findings(run_cli, plan_copy, "ambiguous-text")
    assert [(f["code"], f["severity"], f["file"], f["line"], f["column"]) for f in hits] == [
        ("SZ114", "warning", "plan/tasks.yaml", line_of(tasks, f"    title: {typed}"), 12)]
    assert hits[0]["message"] == (
        f"`title`: the unquoted {typed} is text here, but other YAML readers take it as {seen_as}")
    assert hits[0]["hint"] == f'quote it so that every tool reads the same text: "{typed}"'


def test_list_items_flow_mappings_and_agencies_are_checked_too(run_cli: RunCli,
                                                                plan_copy: Path) -> None:
    tasks, agencies = plan_copy / "tasks.yaml", plan_copy / "agencies.yaml"
    edit(tasks, "    title: 建設大數據產業園\n",
         "    title: 建設大數據產業園\n"
         "    progress:\n"
         "      - {date: 2023-12-01, status: blocked, by: 隨州高新區管委會, note: off,\n"
         "         evidence: [文件一, 0012]}\n")
    edit(agencies, "    aliases: [隨州市政務服務和大數據管理局,",
         "    aliases: [yes, 隨州市政務服務和大數據管理局,")
    hits = findings(run_cli, plan_copy, "ambiguous-text")
    note = line_of(tasks, "note: off")
    # columns count characters: 隨州高新區管委會 is 8 of them
    assert [(f["file"], f["line"], f["column"], f["message"].split(":")[0]) for f in hits] == [
        ("plan/agencies.yaml", line_of(agencies, "aliases: [yes,"), 15, "`aliases`"),
        ("plan/tasks.yaml", note, 65, "`note`"),
        ("plan/tasks.yaml", note + 1, 26, "`evidence`"),
    ]


@pytest.mark.parametrize("value", ['"no"', "'0012'", "建設大數據產業園", "T01", "2024-01-15",
                                   "1.2.3", "Norway", "nan", "|-\n      no"])
def test_quoted_or_unambiguous_text_is_not_flagged(run_cli: RunCli, plan_copy: Path,
                                                   value: str) -> None:
    edit(plan_copy / "tasks.yaml", "    title: 建設大數據產業園\n", f"    title: {value}\n")
    assert findings(run_cli, plan_copy, "ambiguous-text") == []


def test_numbers_dates_and_booleans_in_their_own_fields_are_not_flagged(run_cli: RunCli) -> None:
    """`number: 1`, `due: 2025-11-30`, `in_source_text: false` mean what they say."""
    assert findings(run_cli, PLAN, "ambiguous-text") == []


def test_every_spelling_of_infinity_and_not_a_number_is_a_number_to_other_readers() -> None:
    from suizhou_plan.rules.loading import other_readers_see

    spelled = [".inf", ".Inf", ".INF", "-.inf", "+.Inf", "-.INF", ".nan", ".NaN", ".NAN"]
    assert [other_readers_see(text) for text in spelled] == ["a number"] * len(spelled)
    assert [other_readers_see(text) for text in (".Nan", ".iNF", "..inf", ".")] == [None] * 4


def test_the_trap_sz209_warns_of_an_id_typed_without_its_case_finds_both(
        run_cli: RunCli, plan_copy: Path) -> None:
    add_agency(plan_copy, "Gov-Data", "測試局")
    exact = run_cli("duties", "gov-data", "--plan", str(plan_copy), "--as-of", AS_OF,
                    "--lang", "en")
    assert exact.exit_code == 0 and exact.output.startswith("市政數局 duty list")
    typed = run_cli("duties", "GOV-DATA", "--plan", str(plan_copy), "--as-of", AS_OF,
                    "--lang", "en")
    assert typed.exit_code == 2
    assert ("Error: 'GOV-DATA' matches several units: 市政數局 (gov-data); 測試局 (Gov-Data); "
            "type one of the ids") in typed.output
