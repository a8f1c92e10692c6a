"""`tasks.yaml`: the plan itself: metadata, sections, phases and milestones, tasks and
safeguard measures with their targets, the progress ledger, and governance."""

from __future__ import annotations

from datetime import date
from datetime import date as Day  # inside `ProgressEntry`, `date` is a field
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from suizhou_plan.i18n import Msg

# What an entry records (a unit's report on its part, a unit's application for more time, or
# one of the office's decisions), and which entries must say why or name a date: one table
# of statuses, `status.STATUS_TABLE`.
from suizhou_plan.model.status import NEEDS_REASON as NEEDS_REASON
from suizhou_plan.model.status import NEEDS_UNTIL, Status
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
    empty_list,
    invalid,
    parse_int,
)


class EntrySource(Model):
    """The file an entry was imported from, so a disputed entry can be traced."""

    file: Text
    sha256: Text


class ProgressEntry(Model):
    """One dated line of the ledger (台賬): 進展 / 存在問題 / 下一步, with evidence; or an
    application for more time, or a decision of the office.  `date` is the date the unit
    (or the office) wrote; `received` the day it was recorded (absent: that same day)."""

    date: IsoDate
    status: Status
    by: Text | None = None
    note: Text | None = None
    problems: Text | None = None
    next: Text | None = None
    evidence: TextList = Field(default_factory=empty_list)
    until: IsoDate | None = None  # an extension's new date
    reason: Text | None = None  # why: a return, a reopening, an application, a refusal
    received: IsoDate | None = None
    source: EntrySource | None = None

    @property
    def received_on(self) -> Day:
        return self.received or self.date

    @model_validator(mode="after")
    def _complete(self) -> ProgressEntry:
        if self.status in NEEDS_REASON and not self.reason:
            raise invalid("entry_reason", Msg("a `{status}` entry needs `reason:`",
                                              status=self.status))
        if self.status in NEEDS_UNTIL and self.until is None:
            raise invalid("entry_until", Msg("a `{status}` entry needs `until:` (the new date)",
                                             status=self.status))
        if self.until is not None and self.status not in NEEDS_UNTIL:
            raise invalid("entry_until", Msg("`until:` belongs to an extension entry, not to "
                                             "`{status}`", status=self.status))
        if self.received is not None and self.received < self.date:
            raise invalid("entry_received", Msg("received on {received}, before the date it "
                                                "was written ({date})",
                                                received=self.received, date=self.date))
        return self


def _none_is_empty(value: Any) -> Any:
    """`progress: ~` (or an empty `progress:`) is a ledger with no entries yet."""
    return [] if value is None else value


# The ledger: `[]`, `~` and a missing key all mean "no entries yet".
Ledger = Annotated[list[ProgressEntry], BeforeValidator(_none_is_empty)]


class Repair(Model):
    original: Text
    repaired: Text
    reason: Text


class Target(Model):
    id: Id
    text: Text
    due_text: Text | None = None
    due: IsoDate
    progress: Ledger = Field(default_factory=empty_list)


class Task(Model):
    id: Id
    number: PosInt
    kind: Literal["task", "safeguard"]
    section: Text
    title: Text
    text: Text
    units: TextList = Field(default_factory=empty_list)
    lead: Text | None = None
    due: IsoDate | None = None
    targets: list[Target] = Field(default_factory=empty_list)
    progress: Ledger = Field(default_factory=empty_list)
    repairs: list[Repair] = Field(default_factory=empty_list)
    note: Text | None = None


class Milestone(Model):
    id: Id
    title: Text
    tasks: list[Id] = Field(default_factory=empty_list)
    units: TextList = Field(default_factory=empty_list)
    due: IsoDate | None = None
    progress: Ledger = Field(default_factory=empty_list)


class Phase(Model):
    id: Id
    number: PosInt
    theme: Text | None = None
    period: Text | None = None
    start: IsoDate
    end: IsoDate
    milestones: list[Milestone] = Field(default_factory=empty_list)

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end < self.start:
            raise invalid("phase_dates", Msg("phase ends ({end}) before it starts ({start})",
                                             end=self.end, start=self.start))
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
    addressees: TextList = Field(default_factory=empty_list)
    document_number: DocumentNumber | None = None
    source_document: Text | None = None
    repairs: list[Repair] = Field(default_factory=empty_list)


class Supervision(Model):
    """The supervising office's settings: not part of the document."""

    reporting_cadence_days: PosInt = 92
    # The reporting cycle the office sets (月報 / 季報) and the day of the month by which a
    # period's report is due (每月28日前): 考核 and the 通報's "did not report" use them.
    report_cycle: Literal["monthly", "quarterly"] = "quarterly"
    report_cutoff_day: Annotated[int, BeforeValidator(parse_int), Field(ge=1, le=31)] = 28
    # The day the office's notice asked for reports from: a period that closed before it
    # was owed by nobody (default: reports are owed from the plan's issue).
    reports_from: IsoDate | None = None
    # The office that decides (銷號, 退回, 延期); default: the leading group's office.
    office: Text | None = None
    due_soon_days: Int = 30
    verify_within_days: PosInt = 90
    # Days a unit has to answer a reminder (催辦通知): its reply date is the as-of date plus
    # these.
    reply_days: PosInt = 5
    # The language of the office's reports when the user's locale names none (a CI job on a
    # C locale): zh-Hans (simplified), zh-Hant (traditional) or en.
    lang: Literal["zh-Hans", "zh-Hant", "en"] | None = None


class Person(Model):
    name: Text
    post: Text


class Meeting(Model):
    date: IsoDate
    kind: Literal["plenary", "topic"] = "plenary"
    note: Text | None = None
    evidence: TextList = Field(default_factory=empty_list)


class MeetingsPerYear(Model):
    min: Int
    max: Int
    text: Text | None = None


class Office(Model):
    unit: Text
    director_posts: TextList = Field(default_factory=empty_list)


class LeadingGroup(Model):
    name: Text
    leader: Person
    deputies: list[Person] = Field(default_factory=empty_list)
    member_posts: TextList = Field(default_factory=empty_list)
    members: TextList = Field(default_factory=empty_list)
    office: Office | None = None
    meetings_per_year: MeetingsPerYear | None = None
    meetings: list[Meeting] = Field(default_factory=empty_list)


class Mechanism(Model):
    id: Id
    name: Text
    section: Text
    convenor: Person
    daily_unit: Text


class Governance(Model):
    leading_group: LeadingGroup | None = None
    mechanisms: list[Mechanism] = Field(default_factory=empty_list)


class TasksFile(Model):
    schema_version: SchemaVersion = 1
    plan: PlanMeta
    supervision: Supervision = Supervision()
    sections: list[Section] = Field(default_factory=empty_list)
    phases: list[Phase] = Field(default_factory=empty_list)
    tasks: list[Task] = Field(default_factory=empty_list)
    governance: Governance | None = None

    @property
    def horizon(self) -> date | None:
        """The plan's last day: the end of its last phase."""
        return max((p.end for p in self.phases), default=None)
