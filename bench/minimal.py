"""The floor `suizhou check` is measured against: the least a checker of these files can do.

    python bench/minimal.py PLAN_DIR

Imports what any checker built like suizhou imports (yaml, click, pydantic), loads
tasks.yaml and agencies.yaml with libyaml (`yaml.CSafeLoader`), validates them with six
small pydantic models, and checks that every unit a task or milestone names, every
collective member and every task a milestone links exists.  No locations, no dates, no
rules, no report: one line with the count of problems, exit 1 when there are any.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click  # noqa: F401 - the floor pays for the command-line library as suizhou does
import yaml
from pydantic import BaseModel


class Agency(BaseModel):
    id: str
    name: str
    kind: str
    aliases: list[str] = []
    members: list[str] = []


class AgenciesFile(BaseModel):
    schema_version: int
    agencies: list[Agency]


class Task(BaseModel):
    id: str
    number: int
    kind: str
    section: str
    title: str
    text: str
    units: list[str] = []
    lead: str | None = None
    due: date | None = None


class Milestone(BaseModel):
    id: str
    title: str
    tasks: list[str] = []
    units: list[str] = []


class Phase(BaseModel):
    id: str
    number: int
    start: date
    end: date
    milestones: list[Milestone] = []


class TasksFile(BaseModel):
    schema_version: int
    phases: list[Phase] = []
    tasks: list[Task] = []


def load(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def check(plan: Path) -> list[str]:
    agencies = AgenciesFile.model_validate(load(plan / "agencies.yaml")).agencies
    tasks_file = TasksFile.model_validate(load(plan / "tasks.yaml"))
    names = {label for a in agencies for label in (a.id, a.name, *a.aliases)}
    ids = {a.id for a in agencies}
    task_ids = {t.id for t in tasks_file.tasks}
    problems = [f"{a.id}: member {m}" for a in agencies for m in a.members if m not in ids]
    for task in tasks_file.tasks:
        named = [*task.units, task.lead] if task.lead else task.units
        problems += [f"{task.id}: unit {u}" for u in named if u not in names]
    for phase in tasks_file.phases:
        for ms in phase.milestones:
            problems += [f"{ms.id}: task {t}" for t in ms.tasks if t not in task_ids]
            problems += [f"{ms.id}: unit {u}" for u in ms.units if u not in names]
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python bench/minimal.py PLAN_DIR\n")
        return 2
    problems = check(Path(argv[0]))
    sys.stdout.write(f"{len(problems)} problem(s)\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
