"""The plan as the importer drafts it, before it is written as YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DraftTarget:
    id: str
    text: str
    due_text: str
    due: date


@dataclass
class DraftTask:
    id: str
    number: int
    kind: str  # task | safeguard
    section: str
    title: str
    text: str
    line: int
    path: str  # the number path as written, e.g. 「三、 (一) 1.」
    units: list[str] = field(default_factory=list)
    lead: str | None = None
    due: date | None = None
    due_text: str | None = None
    targets: list[DraftTarget] = field(default_factory=list)
    repairs: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class DraftMilestone:
    id: str
    title: str
    line: int
    units: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)


@dataclass
class DraftPhase:
    id: str
    number: int
    theme: str | None
    period: str
    start: date
    end: date
    line: int
    milestones: list[DraftMilestone] = field(default_factory=list)


@dataclass
class DraftSection:
    id: str
    name: str
    heading: str


@dataclass
class DraftPlan:
    title: str
    issuer: str
    issued: date
    source_document: str
    repairs: list[tuple[str, str, str]] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    phases: list[DraftPhase] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    lead_rule: str | None = None  # how leads were decided, said in the YAML's header

    @property
    def horizon(self) -> date | None:
        return max((p.end for p in self.phases), default=None)
