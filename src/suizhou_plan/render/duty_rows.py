"""A duty list's rows, made once from `views.duties` for every medium that lays them out: the
text, Markdown, CSV and HTML lists (`duties_render`), the workbook (`duties_xlsx`) and the
Word document (`duties_docx`).

A row holds a duty's cells in words of the list's language, plan text not yet put into the
output's script (each medium does that as it lays out), and the dates and numbers that an
office program keeps as such; the rows come grouped by phase.  A list of items joins them
one way, as the language lists things (`、` in Chinese, `, ` in English), in every medium."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from suizhou_plan.i18n import day, listed, long_date, phase_name, span, t
from suizhou_plan.model.agency import Agency
from suizhou_plan.model.status import Light
from suizhou_plan.render.record_text import record_words
from suizhou_plan.views.duties import Duty, DutyList, others_on
from suizhou_plan.words.labels import due_words, light_label, status_label
from suizhou_plan.words.sheet_words import kind_word, role_word, via_word, words

if TYPE_CHECKING:
    from suizhou_plan.views.index import PlanIndex


@dataclass(slots=True)
class DutyRow:
    """One duty, as every medium shows it.  (Slots, and not frozen: a plan of 50,000 tasks
    makes a row for each of its duties, and a frozen dataclass is ten times slower to make.)"""

    duty: Duty
    unit: Agency  # the unit whose list it is
    lang: str
    item: str  # the item's id
    title: str
    kind: str  # 重点任务, milestone, ... in words
    role: str  # lead or support, in words
    via: str  # what the duty comes through ("via 各縣、市、區人民政府"), else ""
    via_unit: str  # the name of that collective or predecessor, else ""
    section: str
    linked: str  # the milestones a task or measure feeds, else the item's phase
    due: date  # the date in force
    due_words: str  # the date in force, the plan's own beside it when extended (2024-01-15)
    extended: bool  # an approved extension moved the date
    days_late: int | None  # days overdue, None when not overdue
    due_and_late: str  # `due_words` and, when overdue, the days overdue
    status: str
    light: Light
    light_word: str
    others: str  # the other units on the item, lead first
    latest: date | None  # the date of the report that speaks for the item
    record: str  # the item's record as the unit's list shows it, each line dated

    @property
    def due_words_long(self) -> str:
        """`due_words` with the dates written out (15 January 2024), for the official
        layout; worked out when asked (only the Word list shows it)."""
        item = self.duty.item
        return due_words(self.lang, item.due, item.planned_due, long_date)

    @property
    def record_undated(self) -> str:
        """`record` without the date of the line that speaks for the item, for a medium with
        a column of its own for that date; worked out when asked (only the workbook)."""
        return record_words(self.duty.item, self.lang, self.unit, dated=False)


@dataclass(frozen=True)
class PhaseRows:
    """The rows of one phase, in the list's order."""

    number: int | None  # None: the items of no phase
    name: str  # 第一阶段, Phase 1; "" for no phase
    span: str  # its window of dates in words; "" for no phase
    rows: tuple[DutyRow, ...]


def duty_row(d: Duty, dl: DutyList, lang: str) -> DutyRow:
    """`d`, a duty of `dl`, in the words of `lang`."""
    item = d.item
    feeds = item.linked if item.kind in ("task", "safeguard") else d.phases
    late = d.days_late(dl.as_of)
    shown_due = due_words(lang, item.due, item.planned_due)
    latest = item.latest
    return DutyRow(
        duty=d, unit=dl.agency, lang=lang, item=item.id, title=item.title,
        kind=kind_word(item.kind, lang), role=role_word(d.role, lang),
        via=via_word(d.via.name, lang) if d.via else "", via_unit=d.via.name if d.via else "",
        section=item.section or "", linked=listed(lang, feeds),
        due=item.due, due_words=shown_due, extended=item.extended, days_late=late,
        due_and_late=shown_due + (t(lang, " ({days} days overdue)", days=late) if late else ""),
        status=status_label(item.status, lang), light=d.light,
        light_word=light_label(d.light, lang),
        others="、".join(a.name for a in others_on(d, dl.agency)),
        latest=latest.date if latest else None, record=record_words(item, lang, dl.agency))


@dataclass(frozen=True)
class DutyTable:
    """One unit's duty list as every medium shows it: its counts and lineage in words, and
    its rows, worked out when first laid out (the JSON list needs none)."""

    duties: DutyList
    lang: str

    @property
    def agency(self) -> Agency:
        return self.duties.agency

    @property
    def as_of(self) -> date:
        return self.duties.as_of

    @cached_property
    def counts(self) -> str:
        """lead 3 · support 2 · open 4 · overdue 1, in words."""
        return words(self.lang)["duties_counts"].format(**self.duties.counts())

    @cached_property
    def renamed(self) -> str:
        """" · renamed: A → B" when the unit's lineage is worth a note, else ""."""
        lineage = self.duties.lineage
        if lineage is None or not lineage.note():
            return ""
        return t(self.lang, " · renamed: {chain}", chain=lineage.label())

    @cached_property
    def rows(self) -> tuple[DutyRow, ...]:
        """Every duty's row, in the list's order (phase by phase)."""
        return tuple(duty_row(d, self.duties, self.lang) for d in self.duties.duties)

    @cached_property
    def phases(self) -> tuple[PhaseRows, ...]:
        """The rows phase by phase, in the list's order."""
        groups: dict[int | None, list[DutyRow]] = {}
        phases = {}
        for d, row in zip(self.duties.duties, self.rows, strict=True):
            phase = d.item.phase
            number = phase.number if phase is not None else None
            groups.setdefault(number, []).append(row)
            phases[number] = phase
        out = []
        for number, rows in groups.items():
            phase = phases[number]
            out.append(PhaseRows(number, phase_name(self.lang, phase.number) if phase else "",
                                 span(self.lang, phase.start, phase.end) if phase else "",
                                 tuple(rows)))
        return tuple(out)

    def title(self, shown: Callable[[str, date], str] = day) -> str:
        """"市政數局 duty list (as of 2024-01-15)", the date written by `shown`."""
        return words(self.lang)["duties_title"].format(unit=self.agency.name,
                                                       as_of=shown(self.lang, self.as_of))


@dataclass(frozen=True)
class DutyTables:
    """What a medium of `duties` lays out: the lists of one or more units in one language,
    who sends them, and for the index of `duties --all --out DIR`, each list's file."""

    tables: tuple[DutyTable, ...]
    lang: str
    sender: str | None = None  # the office that sends the lists (the Word document's author)
    files: tuple[str, ...] = field(default=())  # each table's file, in order (the index)

    def __iter__(self) -> Iterator[DutyTable]:
        return iter(self.tables)

    def each(self) -> Iterator[DutyTables]:
        """One unit's list at a time (a file each), laid out afresh: its rows are worked
        out for its own file and freed with it, so `duties --all` never holds every unit's
        rows at once (the index needs only the counts)."""
        for table in self.tables:
            yield DutyTables((DutyTable(table.duties, table.lang),), self.lang, self.sender)


def duty_tables(lists: Sequence[DutyList], lang: str, index: PlanIndex) -> DutyTables:
    """The duty lists `lists` of the plan `index` in the words of `lang`."""
    return DutyTables(tuple(DutyTable(dl, lang) for dl in lists), lang, _sender(index, lang))


def _sender(index: PlanIndex, lang: str) -> str:
    """Who sends the duty lists, as the bulletin signs: the leading group's office, else
    the plan's issuer."""
    plan = index.tasks_file
    group = plan.governance.leading_group if plan.governance is not None else None
    return (t(lang, "{group} Office", group=group.name) if group is not None
            else plan.plan.issuer)
