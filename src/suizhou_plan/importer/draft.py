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
    rule: str = ""  # how `due_text` was read (`deadlines.Resolved.rule`)


@dataclass
class Source:
    """Where an item was found and from which words, for the import report.

    `unit_words` holds what named its units: the clause as written (label ""), or a table
    row's cells under their column headers; `lead_how` says how the lead was decided
    (`label`: the clause's 牽頭單位 label or 「A牽頭」, with `lead_words`; `column`: the
    table's lead column, `lead_words` its header; `rule`: the document's own rule that the
    first unit leads, `lead_words` its words; `first`: the first unit listed, the plan
    format's default)."""

    line: int
    marker: str = ""  # the number as written: 「三、 （一） 1.」, a table's 序號 cell
    table_row: int | None = None  # the row of its table, the heading row counted
    unit_words: list[tuple[str, str]] = field(default_factory=list)
    added: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (line, words, units)
    lead_how: str = "first"
    lead_words: str = ""
    deadline_words: str = ""  # the words of `due`: 「完成時限：2023年9月底」, or a cell
    deadline_column: str = ""  # the cell's column header (a table row)
    deadline_rule: str = ""  # how the words were read (`deadlines.Resolved.rule`)


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
    source: Source | None = None


@dataclass
class DraftMilestone:
    id: str
    title: str
    line: int
    units: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    link_how: str = ""  # words | closest: how `tasks` were proposed
    link_words: list[str] = field(default_factory=list)  # the shared phrases


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
    guessed: set[str] = field(default_factory=set)  # title, issuer, issued: placeholders

    @property
    def horizon(self) -> date | None:
        return max((p.end for p in self.phases), default=None)
