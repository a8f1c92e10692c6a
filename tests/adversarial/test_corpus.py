"""The adversarial corpus: every file under cases/ is the minimal plan in base/ with one defect.

A case's first two lines say what is wrong and which error findings `suizhou validate` must
report, in order (`none`: the file is accepted, exit 0):

    # a key without its colon
    # expect: yaml-syntax 24:5

The case replaces `cases/<dir>/`'s namesake in a copy of base/ (`tasks/` → tasks.yaml).
Cases whose bytes matter (encodings, NUL, size) are generated in test_generated_inputs.py.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from minimal_plan import BASE, MAX_MESSAGE

CASE_FILES = sorted((Path(__file__).resolve().parent / "cases").glob("*/*.yaml"))
EXPECT = re.compile(r"([a-z-]+) (\d+):(\d+)")


def expected_errors(case: Path) -> list[tuple[str, int, int]]:
    header = case.read_text(encoding="utf-8").splitlines()[1]
    assert header.startswith("# expect: "), f"{case.name}: second line must be `# expect: ...`"
    spec = header.removeprefix("# expect: ").strip()
    if spec == "none":
        return []
    out = []
    for part in spec.split(";"):
        match = EXPECT.fullmatch(part.strip())
        assert match, f"{case.name}: cannot read {part!r}"
        out.append((match.group(1), int(match.group(2)), int(match.group(3))))
    return out


def plan_with(case: Path, tmp_path: Path) -> tuple[Path, str]:
    plan = tmp_path / "plan"
    shutil.copytree(BASE, plan)
    name = f"{case.parent.name}.yaml"
    shutil.copyfile(case, plan / name)
    return plan, f"plan/{name}"


def errors_of(stdout: str) -> list[dict[str, object]]:
    return [f for f in json.loads(stdout)["findings"] if f["severity"] == "error"]


def test_the_corpus_covers_both_files_and_every_loader_rule() -> None:
    assert len(CASE_FILES) >= 80
    assert {c.parent.name for c in CASE_FILES} == {"tasks", "agencies"}
    slugs = {slug for case in CASE_FILES for slug, _, _ in expected_errors(case)}
    assert {"yaml-syntax", "duplicate-key", "yaml-alias", "yaml-tag", "unknown-field",
            "missing-field", "invalid-value", "invalid-date"} <= slugs


def test_the_base_plan_is_valid(run_cli: Callable[..., Run]) -> None:
    result = run_cli("validate", "--plan", str(BASE), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert errors_of(result.stdout) == []


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_validate_reports_exactly_the_expected_errors(
    case: Path, run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    plan, shown = plan_with(case, tmp_path)
    expected = expected_errors(case)
    result = run_cli("validate", "--plan", str(plan), "--format", "json")
    errors = errors_of(result.stdout)
    assert [(e["rule"], e["line"], e["column"]) for e in errors] == expected
    assert {e["file"] for e in errors} <= {shown}
    assert result.exit_code == (1 if expected else 0)
    assert all(len(str(e["message"])) <= MAX_MESSAGE for e in errors)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_check_and_the_text_report_agree_with_validate(
    case: Path, run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """The other entry points read the same file the same way, and never crash on it."""
    plan, _ = plan_with(case, tmp_path)
    expected = expected_errors(case)
    checked = run_cli("check", "--plan", str(plan), "--as-of", "2022-03-01", "--format", "json")
    errors = errors_of(checked.stdout)
    assert [(e["rule"], e["line"], e["column"]) for e in errors] == expected
    assert checked.exit_code == (1 if expected else 0)
    text = run_cli("validate", "--plan", str(plan))
    assert text.exit_code == (1 if expected else 0)
    for slug, line, col in expected:
        assert f"plan/{case.parent.name}.yaml:{line}:{col}: {slug} " in text.stdout
