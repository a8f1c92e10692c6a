"""Findings: the one record every check, load problem and rule produces.

A finding is immutable and carries its location in the plan text wherever the text has one,
so every reporter (text, json, github, markdown) can point at `file:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from suizhou_plan.i18n import Msg, Word, localise


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """A 1-based line and column in a plan file (`file` as shown to the user)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Problem:
    """What a rule or the loader yields: the engine stamps code and severity onto it."""

    rule: str
    message: str
    location: Location
    hint: str = ""
    task: str | None = None
    milestone: str | None = None
    phase: str | None = None
    agency: str | None = None
    excerpt: str = ""


@dataclass(frozen=True)
class Finding:
    rule: str
    code: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    task: str | None = None
    milestone: str | None = None
    phase: str | None = None
    agency: str | None = None
    excerpt: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line or 0, loc.column or 0, self.code)

    def to_json(self, lang: str = "en") -> dict[str, object]:
        """The finding for other tools: its message and hint in `lang`, plan text in them
        exactly as stored."""
        loc = self.location
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "message": localise(self.message, lang),
            "hint": localise(self.hint, lang) or None,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "task": self.task,
            "milestone": self.milestone,
            "phase": self.phase,
            "agency": self.agency,
        }


# The words of a finding's severity, and a finding as one line: `file:line:col: slug
# message [CODE severity]` (the terminal, logs, and a writer's refusal all show it so).
SEVERITY = {
    "error": Word("severity:error", "error"),
    "warning": Word("severity:warning", "warning"),
    "info": Word("severity:info", "info"),
}


def headline(finding: Finding, lang: str = "en") -> str:
    """`headline_message` in `lang` now: the terminal's and the log's line."""
    return localise(headline_message(finding), lang)


def headline_message(finding: Finding) -> Msg:
    """`headline` as a message to be shown later in the reader's language (a writer's
    refusal lists the plan's errors so)."""
    return Msg("{where}: {rule} {message} [{code} {severity}]", where=str(finding.location),
               rule=finding.rule, message=finding.message, code=finding.code,
               severity=SEVERITY[finding.severity.value])
