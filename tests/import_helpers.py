"""Running `suizhou import` in the tests and reading back what it wrote."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from suizhou_plan.base.finding import Severity
from suizhou_plan.cli import cli
from suizhou_plan.load import load_plan
from suizhou_plan.rules.engine import run

FINDING = re.compile(r"^\S+?:(\d+): \[([a-z-]+)\] (.*)$")


@dataclass
class Imported:
    exit_code: int
    stdout: str
    stderr: str
    out: Path
    findings: list[tuple[str, int]] = field(default_factory=list)  # (slug, line)
    messages: list[str] = field(default_factory=list)
    tasks: Any = None
    agencies: Any = None

    def task(self, task_id: str) -> Any:
        return next(t for t in self.tasks.tasks if t.id == task_id)

    def units(self) -> dict[str, list[str]]:
        return {t.id: list(t.units) for t in self.tasks.tasks}

    def agency(self, name: str) -> Any:
        return next(a for a in self.agencies.agencies if a.name == name)

    def slugs(self) -> list[str]:
        return [slug for slug, _ in self.findings]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def do_import(tmp_path: Path, name: str, content: str | bytes, *extra: str) -> Imported:
    doc = tmp_path / name
    if isinstance(content, bytes):
        doc.write_bytes(content)
    else:
        doc.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = invoke("import", str(doc), "--out", str(out), *extra)
    imported = Imported(code, stdout, stderr, out)
    for line in stdout.splitlines():
        match = FINDING.match(line)
        if match:
            imported.findings.append((match.group(2), int(match.group(1))))
            imported.messages.append(match.group(3))
    if code == 0:
        loaded = load_plan(out)
        assert loaded.ok, loaded.problems
        imported.tasks, imported.agencies = loaded.tasks, loaded.agencies
    return imported


def validation_errors(plan_dir: Path) -> list[str]:
    result = run(load_plan(plan_dir), as_of=None)
    return [f"{f.rule} {f.location}: {f.message}" for f in result.findings
            if f.severity is Severity.ERROR]


def commands_run_on(plan_dir: Path, unit: str, tmp_path: Path) -> None:
    """`validate`, `check`, `duties` and `report` all run on an imported plan."""
    code, out, _ = invoke("validate", "--plan", str(plan_dir))
    assert code == 0, out
    code, out, _ = invoke("check", "--plan", str(plan_dir), "--as-of", "2024-01-15")
    assert code in (0, 1) and "as of 2024-01-15" in out, out
    code, out, _ = invoke("duties", unit, "--plan", str(plan_dir), "--as-of", "2024-01-15")
    assert code == 0 and unit in out, out
    page = tmp_path / "report.html"
    code, out, _ = invoke("report", "--plan", str(plan_dir), "--as-of", "2024-01-15",
                          "--out", str(page))
    assert code == 0 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"), out
