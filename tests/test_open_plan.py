"""One way to open a plan or refuse it (src/suizhou_plan/ops/open_plan.py): a plan that
cannot be read into the model, or holds an id twice, is refused with the findings that stop
it; findings about its content are no reason to refuse a reader, only a writer.  Every
command that answers on a plan refuses it the same way, in the same words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import PLAN, edit, line_of

from suizhou_plan.base.finding import Severity, headline
from suizhou_plan.ops.open_plan import PlanRefused, open_plan

AS_OF = "2024-01-15"


def _held_twice(plan: Path) -> int:
    """T02 renamed T01: the plan holds the id T01 twice.  The line of the second one."""
    edit(plan / "tasks.yaml", "  - id: T02\n", "  - id: T01\n")
    return line_of(plan / "tasks.yaml", "  - id: T01", 2)


def test_a_plan_holding_an_id_twice_is_refused_with_the_finding(plan_copy: Path) -> None:
    line = _held_twice(plan_copy)
    first = line_of(plan_copy / "tasks.yaml", "  - id: T01")
    with pytest.raises(PlanRefused) as refused:
        open_plan(plan_copy)
    [finding] = refused.value.findings
    assert headline(finding) == (
        f"{plan_copy / 'tasks.yaml'}:{line}:9: duplicate-id item id `T01` is used twice "
        f"(first at line {first}) [SZ203 error]")
    assert refused.value.unread == []
    assert str(refused.value.message) == (
        "the plan cannot be loaded: fix it first (`suizhou validate`)")


def test_a_plan_with_content_warnings_is_opened() -> None:
    opened = open_plan(PLAN)
    warnings = [f for f in opened.result.findings if f.severity is Severity.WARNING]
    assert {f.rule for f in warnings} >= {"vague-agency"}
    assert opened.index.by_id["T25"].title
    assert set(opened.given) == {"tasks.yaml", "agencies.yaml"}
    assert opened.given["tasks.yaml"] == (PLAN / "tasks.yaml").read_bytes()


def test_an_error_about_the_content_refuses_a_writer_only(plan_copy: Path) -> None:
    edit(plan_copy / "tasks.yaml", "tasks: [T14, T17]", "tasks: [T14, T99]")
    opened = open_plan(plan_copy)  # a reader answers on it: the error is what it reports
    assert [f.rule for f in opened.result.findings if f.severity is Severity.ERROR] == [
        "unknown-task"]
    with pytest.raises(PlanRefused) as refused:
        open_plan(plan_copy, writing=True)
    assert [f.rule for f in refused.value.findings] == ["unknown-task"]


def test_a_file_that_cannot_be_read_is_named(plan_copy: Path) -> None:
    (plan_copy / "agencies.yaml").unlink()
    with pytest.raises(PlanRefused) as refused:
        open_plan(plan_copy)
    [problem] = refused.value.unread
    assert problem.message == "agencies.yaml is missing from the plan directory"
    assert [f.rule for f in refused.value.findings] == ["missing-file"]


def test_the_dated_rules_run_when_a_date_is_given() -> None:
    undated = {f.rule for f in open_plan(PLAN).result.findings}
    dated = {f.rule for f in open_plan(PLAN, as_of=date(2024, 1, 15)).result.findings}
    assert "overdue" not in undated
    assert "overdue" in dated


# -- every command refuses such a plan the same way -----------------------------------------

REFUSED = ("plan/tasks.yaml:{line}:9: duplicate-id item id `T01` is used twice (first at "
           "line {first}) [SZ203 error]\n"
           "{gutter} |   - id: T01\n"
           "      |         ^\n"
           "      hint: give each one its own id\n")


@pytest.mark.parametrize("args", [
    ("duties", "--all", "--out", "lists", "--as-of", AS_OF),
    ("agencies", "--as-of", AS_OF),
    ("assess", "--from", "2024-01-01", "--to", AS_OF),
    ("remind", "--as-of", AS_OF),
    ("progress", "show", "T01"),
    ("report", "--as-of", AS_OF),
])
def test_every_reader_refuses_a_plan_holding_an_id_twice(run_cli, plan_copy: Path,
                                                         args: tuple[str, ...]) -> None:
    line = _held_twice(plan_copy)
    first = line_of(plan_copy / "tasks.yaml", "  - id: T01")
    result = run_cli(*args, "--plan", "plan")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == REFUSED.format(line=line, first=first, gutter=f"{line:>5}") + (
        "the plan cannot be loaded: fix it first (`suizhou validate`)\n")


def test_export_says_it_refused(run_cli, plan_copy: Path) -> None:
    line = _held_twice(plan_copy)
    first = line_of(plan_copy / "tasks.yaml", "  - id: T01")
    result = run_cli("export", "--plan", "plan")
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(line=line, first=first, gutter=f"{line:>5}") + (
        "export refused: the plan has errors (run `suizhou validate`)\n")


def test_diff_names_the_side_it_cannot_read(run_cli, plan_copy: Path) -> None:
    _held_twice(plan_copy)
    result = run_cli("diff", str(PLAN), "plan", "--plan", "plan")
    assert result.exit_code == 1
    assert result.stderr == "plan: the plan cannot be read; run `suizhou validate` on it\n"


def test_a_writer_lists_every_error_in_its_own_words(run_cli, plan_copy: Path) -> None:
    _held_twice(plan_copy)
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli("progress", "add", "T03", "--status", "in-progress", "--by", "市政數局",
                     "--note", "施工", "--date", "2024-01-10", "--as-of", AS_OF,
                     "--plan", "plan")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(" ")[1] for line in lines[:-2]] == [
        "unknown-task", "unknown-task", "duplicate-id"]
    assert lines[-2:] == ["the plan has errors already: fix them first (`suizhou validate` "
                          "lists them)", "not written: nothing was changed"]
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_a_writer_names_the_file_it_cannot_read(run_cli, plan_copy: Path) -> None:
    (plan_copy / "agencies.yaml").unlink()
    result = run_cli("progress", "add", "T03", "--status", "in-progress", "--by", "市政數局",
                     "--note", "施工", "--date", "2024-01-10", "--as-of", AS_OF,
                     "--plan", "plan")
    assert result.exit_code == 1
    assert result.stderr == ("plan/agencies.yaml: agencies.yaml is missing from the plan "
                             "directory\nnot written: nothing was changed\n")
