"""Read `tasks.yaml` and `agencies.yaml` from a plan directory into validated models."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suizhou_plan.finding import Location, Problem
from suizhou_plan.load.text import SourceText, decode
from suizhou_plan.load.yamltree import Tree, compose, locate

TASKS = "tasks.yaml"
AGENCIES = "agencies.yaml"


@dataclass
class PlanFile:
    """One plan file as read: its shown name, text and node tree (for locating findings)."""

    shown: str
    text: str = ""
    root: Any = None

    def location(self, path: tuple[str | int, ...], *, key: bool = False) -> Location:
        key_node, node = locate(self.root, path)
        target = key_node if key and key_node is not None else node
        if target is None:
            return Location(self.shown)
        mark = target.start_mark
        return Location(self.shown, mark.line + 1, mark.column + 1)

    def line(self, number: int) -> str:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


@dataclass
class Loaded:
    directory: Path
    tasks: Any = None  # TasksFile | None
    agencies: Any = None  # AgenciesFile | None
    files: dict[str, PlanFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.tasks is not None and self.agencies is not None


def _read(path: Path, shown: str) -> bytes | Problem:
    try:
        if path.is_dir():
            return Problem(
                "unreadable-file",
                f"{path.name} is a directory, not a file",
                Location(shown),
                f"replace the directory with the plan's {path.name}",
            )
        return path.read_bytes()
    except FileNotFoundError:
        return Problem(
            "missing-file",
            f"{path.name} is missing from the plan directory",
            Location(shown),
            f"create {path.name} (see docs/plan-format.md) or point --plan at the right directory",
        )
    except PermissionError:
        return Problem(
            "unreadable-file",
            f"{path.name} cannot be read (permission denied)",
            Location(shown),
            "check the file's permissions",
        )
    except OSError as exc:
        why = "a symlink loop" if exc.errno == errno.ELOOP else (exc.strerror or "an OS error")
        return Problem(
            "unreadable-file",
            f"{path.name} cannot be read ({why})",
            Location(shown),
            "replace it with a regular file",
        )


def _shown(directory: Path, name: str) -> str:
    path = directory / name
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _load_one(directory: Path, name: str, model: Any, loaded: Loaded) -> Any:
    shown = _shown(directory, name)
    pf = PlanFile(shown)
    loaded.files[name] = pf
    data = _read(directory / name, shown)
    if isinstance(data, Problem):
        loaded.problems.append(data)
        return None
    text = decode(shown, data)
    if isinstance(text, Problem):
        loaded.problems.append(text)
        return None
    assert isinstance(text, SourceText)
    pf.text = text.text
    tree: Tree = compose(shown, text.text)
    pf.root = tree.root
    loaded.problems.extend(tree.problems)
    if tree.root is None and not tree.problems:
        loaded.problems.append(
            Problem(
                "missing-field",
                f"{name} is empty (or holds only comments)",
                Location(shown, 1, 1),
                "see docs/plan-format.md for what the file holds",
            )
        )
        return None
    if tree.problems:
        return None
    if not isinstance(tree.value, dict):
        loaded.problems.append(
            Problem(
                "invalid-value",
                f"top level of {name} must be a mapping (key: value lines), not "
                f"{'a list' if isinstance(tree.value, list) else 'plain text'}",
                Location(shown, 1, 1),
                "start the file with `schema_version: 1` and the top-level keys",
            )
        )
        return None
    from pydantic import ValidationError

    from suizhou_plan.load.schema_errors import problems_from

    try:
        return model.model_validate(tree.value)
    except ValidationError as exc:
        loaded.problems.extend(problems_from(exc, model, tree.root, shown))
        return None


def load_plan(directory: Path) -> Loaded:
    from suizhou_plan.model.agency import AgenciesFile
    from suizhou_plan.model.plan import TasksFile

    loaded = Loaded(directory)
    loaded.agencies = _load_one(directory, AGENCIES, AgenciesFile, loaded)
    loaded.tasks = _load_one(directory, TASKS, TasksFile, loaded)
    return loaded
