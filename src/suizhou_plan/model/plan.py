"""`tasks.yaml`: the plan itself: metadata, sections, phases and milestones, tasks and
safeguard measures with their targets, the progress ledger, and governance."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from suizhou_plan.model.types import (
    Bool,
    Id,
    Int,
    IsoDate,
    Model,
    PosInt,
    SchemaVersion,
    Text,
    TextList,
)

Status = Literal["not-started", "in-progress", "blocked", "reported-done", "verified"]


class ProgressEntry(Model):
    """One dated line of the ledger (台賬): 進展 / 存在問題 / 下一步, with evidence."""

    date: IsoDate
    status: Status
    by: Text | None = None
    note: Text | None = None
    problems: Text | None = None
    next: Text | None = None
    evidence: TextList = []


class Repair(Model):
    original: Text
    repaired: Text
    reason: Text


class Target(Model):
    id: Id
    text: Text
    due_text: Text | None = None
    due: IsoDate
    progress: list[ProgressEntry] = []


class Task(Model):
    id: Id
    number: PosInt
    kind: Literal["task", "safeguard"]
    section: Text
    title: Text
    text: Text
    units: TextList = []
    lead: Text | None = None
    due: IsoDate | None = None
    targets: list[Target] = []
    progress: list[ProgressEntry] = []
    repairs: list[Repair] = []
    note: Text | None = None


class Milestone(Model):
    id: Id
    title: Text
    tasks: list[Id] = []
    units: TextList = []
    due: IsoDate | None = None
    progress: list[ProgressEntry] = []


class Phase(Model):
    id: Id
    number: PosInt
    theme: Text | None = None
    period: Text | None = None
    start: IsoDate
    end: IsoDate
    milestones: list[Milestone] = []

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end < self.start:
            raise PydanticCustomError(
                "phase_dates",
                "phase ends ({end}) before it starts ({start})",
                {"end": self.end.isoformat(), "start": self.start.isoformat()},
            )
        return self


class Section(Model):
    id: Id
    name: Text
    heading: Text | None = None


class DocumentNumber(Model):
    value: Text
    in_source_text: Bool
    source: Text


class PlanMeta(Model):
    title: Text
    issuer: Text
    issued: IsoDate
    addressees: TextList = []
    document_number: DocumentNumber | None = None
    source_document: Text | None = None
    repairs: list[Repair] = []


class Supervision(Model):
    """The supervising office's settings: not part of the document."""

    reporting_cadence_days: PosInt = 92
    due_soon_days: Int = 30
    verify_within_days: PosInt = 90


class Person(Model):
    name: Text
    post: Text


class Meeting(Model):
    date: IsoDate
    kind: Literal["plenary", "topic"] = "plenary"
    note: Text | None = None
    evidence: TextList = []


class MeetingsPerYear(Model):
    min: Int
    max: Int
    text: Text | None = None


class Office(Model):
    unit: Text
    director_posts: TextList = []


class LeadingGroup(Model):
    name: Text
    leader: Person
    deputies: list[Person] = []
    member_posts: TextList = []
    members: TextList = []
    office: Office | None = None
    meetings_per_year: MeetingsPerYear | None = None
    meetings: list[Meeting] = []


class Mechanism(Model):
    id: Id
    name: Text
    section: Text
    convenor: Person
    daily_unit: Text


class Governance(Model):
    leading_group: LeadingGroup | None = None
    mechanisms: list[Mechanism] = []


class TasksFile(Model):
    schema_version: SchemaVersion = 1
    plan: PlanMeta
    supervision: Supervision = Supervision()
    sections: list[Section] = []
    phases: list[Phase] = []
    tasks: list[Task] = []
    governance: Governance | None = None

    @property
    def horizon(self) -> date | None:
        """The plan's last day: the end of its last phase."""
        return max((p.end for p in self.phases), default=None)
