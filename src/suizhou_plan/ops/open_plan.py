"""Opening a plan to work on: its files read once, loaded, checked and indexed, or refused
with the findings that stop it.

Every command that answers on a plan (duties, agencies, assess, remind, progress show,
export, report, diff), every writer of the ledger and `import --update` open it here, so a
plan is refused under one condition:

- always, when it cannot be read into the model (a file missing or unreadable, YAML syntax,
  the schema) or it holds an id twice (`UNREADABLE_RULES`: every view keys items by id);
- with `writing`, also for any other error: a writer adds to a valid plan only.

Findings about the plan's content (unassigned, vague or unknown units, overdue) do not stop
a reader: they are what the commands exist to report.  The refusal is a `PlanRefused`
carrying those findings; how it is shown is the caller's (the command line lists them with
their excerpts, a writer in its own words)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from suizhou_plan import load
from suizhou_plan.base.errors import SuizhouError
from suizhou_plan.base.finding import Finding, Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.load.plan_loader import (
    AGENCIES,
    TASKS,
    Loaded,
    PlanFile,
    read_plan_file,
)
from suizhou_plan.rules.engine import Result, run
from suizhou_plan.views.index import PlanIndex

UNREADABLE_RULES = frozenset({"duplicate-id"})  # besides every error that stops the loader


class PlanRefused(SuizhouError):
    """The plan cannot be used as asked; nothing was done with it.

    `findings`: the errors that stop it, located in `files` (for the lines they quote);
    `unread`: the plan files that could not be read at all (missing, a directory, too large
    ...), in the order they are read; `plan_lang`: the plan's `supervision.lang`, when its
    tasks file loaded."""

    def __init__(self, findings: list[Finding], files: Mapping[str, PlanFile],
                 unread: list[Problem], plan_lang: str | None) -> None:
        super().__init__(Msg("the plan cannot be loaded: fix it first (`suizhou validate`)"))
        self.findings = findings
        self.files = files
        self.unread = unread
        self.plan_lang = plan_lang


@dataclass(frozen=True)
class OpenPlan:
    """A plan that may be used: the bytes of its files as read (a writer replaces tasks.yaml
    only while it still holds them), its index, and what the rules found (`result`:
    `findings`, `summary()`, the files as loaded)."""

    given: dict[str, bytes]
    index: PlanIndex
    result: Result

    @property
    def loaded(self) -> Loaded:
        return self.result.loaded


def open_plan(directory: Path, *, as_of: date | None = None, writing: bool = False
              ) -> OpenPlan:
    """The plan in `directory`, checked by the rules (the dated ones too when `as_of` is
    given), or `PlanRefused` (see the module's docstring for when; `writing`: any error
    refuses)."""
    given: dict[str, bytes] = {}
    unread: list[Problem] = []
    for name in (TASKS, AGENCIES):
        read = read_plan_file(directory, name)
        if isinstance(read, Problem):
            unread.append(read)
        else:
            given[name] = read
    result = run(load.load_plan(directory, given), as_of=as_of)  # reads an unread file again
    stopping = _refusing(result, writing)
    if result.index is None or stopping or unread:
        tasks = result.loaded.tasks
        raise PlanRefused(stopping, result.loaded.files, unread,
                          tasks.supervision.lang if tasks is not None else None)
    return OpenPlan(given, result.index, result)


def _refusing(result: Result, writing: bool) -> list[Finding]:
    """The errors among `result`'s findings that keep the plan from being used: all of them
    when it did not load or for a writer, else the ids it holds twice."""
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if result.index is None or writing:
        return errors
    return [f for f in errors if f.rule in UNREADABLE_RULES]
