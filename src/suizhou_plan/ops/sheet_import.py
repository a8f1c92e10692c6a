"""`progress import`: returned templates → ledger entries, with every rule of `progress add`.

Each filled row (one with anything in its fill-in columns G–N) becomes a unit's report
(G–L) and, when M–N are filled, its application for more time (`extension-requested`, the
new date and the reason; its note the row's 進展); rows left empty are not reports.  Cells
are read as people fill them: a date cell, or a date typed as text (`2024/1/10`,
`2024-1-10`, `2024年1月10日`); a status in either language or script; notes pasted with
line breaks.  A unit reports on its own part: a status that is the office's decision
(已銷號, 退回 …) is refused at its cell.  A template made from an older plan is read against
today's plan: a row whose item vanished or is no longer the unit's is a warning and is not
imported; a changed title or due date is a warning.  Every entry records the file it came
from (its name as given and the SHA-256 of its bytes).  All reports then go to
`progress_batch.append_reports`, sorted by date, in one locked write; its objections
(before the plan, after today, a unit that does not hold the item, duplicates …) come back
located at their cells."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suizhou_plan.i18n import LANGS, Word
from suizhou_plan.load.ledger import Entry, Source, pasted
from suizhou_plan.load.plan_loader import TASKS
from suizhou_plan.model.types import iso_suggestion
from suizhou_plan.ops.progress_batch import Outcome, Report, append_reports
from suizhou_plan.ops.progress_edit import read_plan
from suizhou_plan.sheets import template as layout
from suizhou_plan.sheets import xlsx
from suizhou_plan.sheets.messages import SheetProblem, problem
from suizhou_plan.sheets.reading import Row, Template, made_day, open_template
from suizhou_plan.sheets.template import status_choices
from suizhou_plan.views.duties import duties_for
from suizhou_plan.views.reporters import may_report
from suizhou_plan.views.reporters import office as offices
from suizhou_plan.words.sheet_words import UNIT_CHOICES, status_from_word

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.views.index import Item, PlanIndex

COLUMN_OF = {"item": layout.ID, "by": layout.ID, "status": layout.STATUS,
             "date": layout.DATE, "note": layout.NOTE, "problems": layout.PROBLEMS,
             "next": layout.NEXT, "evidence": layout.EVIDENCE, "entry": layout.STATUS,
             "until": layout.UNTIL, "reason": layout.REASON}
MAX_ROWS_PER_ITEM = 10  # reports on one item read from one file
SIGNOFF_WORDS = (Word("sheet:filler", "Filled in by"), Word("sheet:phone", "Phone"),
                 Word("sheet:reviewer", "Reviewed by"))


@dataclass
class Imported:
    problems: list[SheetProblem] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)
    files: int = 0
    plan_lang: str | None = None  # the plan's `supervision.lang`

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.severity == "error"]


def location(report: Report, column: str) -> str:
    return f"{report.source}!{column}{report.row}"


def import_files(plan: Path, files: list[tuple[str, Path]], as_of: date, *,
                 dry_run: bool = False, skip_invalid: bool = False,
                 wait: float = 60.0) -> Imported:
    """Read `files` ((as typed, path)) and append their reports to the plan's ledger,
    unless there is an error and not `skip_invalid`, or `dry_run`: then nothing is
    written, and the outcome says what would have been added.  Raises
    `workspace.KeyDamaged` when the plan directory's key cannot be read."""
    # lazy: only import_files() needs it (+1 ms: 1 module)
    from suizhou_plan.ops.workspace import read_key

    key = read_key(plan)
    given, _, index = read_plan(plan)
    digest = hashlib.sha256(given[TASKS]).hexdigest()
    result = Imported(files=len(files), plan_lang=index.tasks_file.supervision.lang)
    reports: list[Report] = []
    for shown, path in files:
        opened, problems = open_template(path, shown, key)
        result.problems += problems
        if opened is None:
            continue
        reports += _reports(index, opened, as_of, digest, result.problems)
    reports.sort(key=lambda r: r.entry.date)  # stable: file and row order within a day
    blocked = bool(result.errors) and not skip_invalid
    result.outcome = append_reports(plan, reports, as_of, wait=wait,
                                    write=not (dry_run or blocked), skip_invalid=skip_invalid)
    for objection in result.outcome.refused:
        result.problems.append(SheetProblem(
            location(objection.report, _column(objection.report, objection.field)),
            "error", objection.slug, objection.message, objection.hint))
    return result


def _column(report: Report, what: str) -> str:
    """The column an objection points at; an application's date is its new date (M); an
    office's decision comes from the review sheet, whose columns are its own."""
    # lazy: only _column() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets import review

    if report.entry.status in review.DECISIONS:
        return REVIEW_COLUMN_OF.get(what, review.DECISION)
    if report.entry.status == "extension-requested" and what == "status":
        return layout.UNTIL
    return COLUMN_OF.get(what, layout.STATUS)


REVIEW_COLUMN_OF = {"item": "A", "by": "A", "status": "G", "entry": "G", "date": "H",
                    "note": "I", "reason": "I", "until": "J", "evidence": "K"}


def _reports(index: PlanIndex, sheet: Template, as_of: date, digest: str,
             problems: list[SheetProblem]) -> list[Report]:
    prov = sheet.provenance
    unit = index.registry.by_id.get(prov.unit_id)
    if unit is None:
        problems.append(problem(sheet.shown, "unknown-unit", unit=prov.unit_name or prov.unit_id))
        return []
    if prov.kind == layout.REVIEW_KIND:
        return _review_reports(index, sheet, unit, digest, problems)
    window = index.tasks_file.supervision.due_soon_days
    duties = {d.item.id: d for d in duties_for(index, unit, as_of, window).duties}
    current = {i: (d.item.title, d.item.due.isoformat(), d.role) for i, d in duties.items()}
    marked = {i: (m.title, m.due, m.role) for i, m in prov.items.items()}
    if prov.plan_sha256 != digest and current != marked:
        problems.append(problem(sheet.shown, "older-template", "warning",
                                made_on=made_day(prov.made_on)))
    filled = [row for row in sheet.rows if row.filled()]
    if not filled:
        problems.append(problem(sheet.shown, "no-rows", "warning", file=sheet.shown))
        return []
    filled = [row for row in filled if row.number not in sheet.tampered]  # said, never read
    empty = [(cell, word) for cell, word in zip(prov.signoff, SIGNOFF_WORDS, strict=False)
             if not _text(sheet.signoff.get(cell))]
    if empty and len(empty) == len(prov.signoff):
        problems.append(problem(sheet.at(*_split(empty[0][0])), "not-signed-off", "warning"))
    else:
        problems += [problem(sheet.at(*_split(cell)), "missing-signoff", "warning", field=word)
                     for cell, word in empty]
    out: list[Report] = []
    per_item: dict[str, int] = {}
    for row in filled:
        item_id = _text(row.cells.get(layout.ID))
        per_item[item_id] = per_item.get(item_id, 0) + 1
        if per_item[item_id] > MAX_ROWS_PER_ITEM:
            if per_item[item_id] == MAX_ROWS_PER_ITEM + 1:
                problems.append(problem(sheet.at(layout.ID, row.number), "too-many-item-rows",
                                        item=item_id, limit=MAX_ROWS_PER_ITEM))
            continue
        out += _row_reports(index, sheet, unit, row, duties, problems)
    return out


def _split(ref: str) -> tuple[str, int]:
    """`B3` → ("B", 3)."""
    letters = ref.rstrip("0123456789")
    return letters, int(ref[len(letters):] or 0)


def _row_reports(index: PlanIndex, sheet: Template, unit: Agency, row: Row,
                 duties: dict[str, Any], problems: list[SheetProblem]) -> list[Report]:
    """The report and the application a filled row holds (none when it has a problem)."""
    prov = sheet.provenance
    n = row.number

    def at(column: str) -> str:
        return sheet.at(column, n)

    item_id = _text(row.cells.get(layout.ID))
    if not item_id:
        problems.append(problem(at(layout.ID), "missing-item"))
        return []
    if item_id not in prov.items:
        problems.append(problem(at(layout.ID), "foreign-item", item=item_id))
        return []
    item = index.by_id.get(item_id)
    if item is None:
        problems.append(problem(at(layout.ID), "item-vanished", "warning", item=item_id))
        return []
    if item_id not in duties:
        who = "、".join(a.name for a in may_report(index, item))
        problems.append(problem(at(layout.ID), "item-moved", "warning", item=item_id,
                                unit=unit.name, who=who))
        return []
    marked = prov.items[item_id]
    if marked.title != item.title:
        problems.append(problem(at(layout.ID), "item-retitled", "warning", item=item_id,
                                title=marked.title))
    if marked.due != item.due.isoformat():
        problems.append(problem(at(layout.ID), "item-redated", "warning", item=item_id,
                                old=marked.due, new=item.due.isoformat()))
    source = Source(sheet.shown, sheet.sha256)
    where = f"{sheet.shown}!{prov.sheet}"
    before = len(problems)
    report = _report(item, sheet, unit, row, problems)
    application = _application(item, sheet, unit, row, problems)
    if len(problems) > before and any(p.severity == "error" for p in problems[before:]):
        return []
    return [Report(item.id, replace(e, source=source), where, n)
            for e in (report, application) if e is not None]


def _report(item: Item, sheet: Template, unit: Agency, row: Row,
            problems: list[SheetProblem]) -> Entry | None:
    """G–L: the unit's report on its part (None when G–L are empty)."""
    cells = row.cells
    n = row.number
    columns = (layout.STATUS, layout.DATE, layout.NOTE, layout.PROBLEMS, layout.NEXT,
               layout.EVIDENCE)
    applying = any(_text(cells.get(c)) for c in (layout.UNTIL, layout.REASON))
    if not any(_text(cells.get(c)) for c in columns) or (applying and not any(
            _text(cells.get(c)) for c in (layout.STATUS, layout.PROBLEMS, layout.NEXT,
                                          layout.EVIDENCE))):
        return None  # nothing reported, or only an application (its date and note)
    prov = sheet.provenance
    lang = prov.lang if prov.lang in LANGS else "zh-Hans"
    choices = "、".join(status_choices(lang))
    ok = True
    typed = _text(cells.get(layout.STATUS))
    status = status_from_word(typed) if typed else None
    if not typed:
        problems.append(problem(sheet.at(layout.STATUS, n), "missing-status", choices=choices))
        ok = False
    elif status == "extension-requested":
        problems.append(problem(sheet.at(layout.STATUS, n), "extension-in-status", value=typed))
        ok = False
    elif status is not None and status not in UNIT_CHOICES:
        problems.append(problem(sheet.at(layout.STATUS, n), "office-decision", value=typed,
                                choices=choices))
        ok = False
    elif status is None:
        problems.append(problem(sheet.at(layout.STATUS, n), "unknown-status", value=typed,
                                choices=choices))
        ok = False
    when = _date_cell(sheet, row, layout.DATE, problems)
    note = _text(cells.get(layout.NOTE))
    if not note:
        problems.append(problem(sheet.at(layout.NOTE, n), "missing-note"))
        ok = False
    if not ok or status is None or when is None:
        return None
    evidence = tuple(line.strip() for line in _text(cells.get(layout.EVIDENCE)).split("\n")
                     if line.strip())
    return Entry(when, status, unit.id, note, _text(cells.get(layout.PROBLEMS)) or None,
                 _text(cells.get(layout.NEXT)) or None, evidence)


def _application(item: Item, sheet: Template, unit: Agency, row: Row,
                 problems: list[SheetProblem]) -> Entry | None:
    """M–N: an application for more time (None when both are empty)."""
    cells = row.cells
    n = row.number
    typed_until, reason = cells.get(layout.UNTIL), _text(cells.get(layout.REASON))
    if not _text(typed_until) and not reason:
        return None
    until: date | None = None
    ok = True
    if not _text(typed_until):
        problems.append(problem(sheet.at(layout.UNTIL, n), "reason-without-until"))
        ok = False
    else:
        until = _date(typed_until)
        if until is None:
            slug = "not-a-day" if isinstance(typed_until, xlsx.Serial) else "bad-until"
            value = _serial_text(typed_until) if slug == "not-a-day" else _text(typed_until)
            problems.append(problem(sheet.at(layout.UNTIL, n), slug, value=value))
            ok = False
        elif until <= item.due:
            problems.append(problem(sheet.at(layout.UNTIL, n), "until-not-later", until=until,
                                    due=item.due))
            ok = False
        if not reason:
            problems.append(problem(sheet.at(layout.REASON, n), "until-without-reason",
                                    until=until or _text(typed_until)))
            ok = False
    when = _date_cell(sheet, row, layout.DATE, problems, quiet=True)
    if not ok or until is None or when is None:
        return None
    return Entry(when, "extension-requested", unit.id, _text(cells.get(layout.NOTE)) or None,
                 until=until, reason=reason)


def _date_cell(sheet: Template, row: Row, column: str, problems: list[SheetProblem], *,
               quiet: bool = False) -> date | None:
    """The row's date; a problem at the cell when it is missing or no date (said once per
    row: `quiet` when the report part of the row has said it)."""
    value = row.cells.get(column)
    found = _date(value)
    if found is not None:
        return found
    where = sheet.at(column, row.number)
    if quiet and any(p.location == where for p in problems):
        return None
    if not _text(value):
        problems.append(problem(where, "missing-date"))
    elif isinstance(value, xlsx.Serial):
        problems.append(problem(where, "not-a-day", value=_serial_text(value)))
    else:
        problems.append(problem(where, "bad-date", value=_text(value)))
    return None


def _serial_text(value: Any) -> str:
    number = value.value if isinstance(value, xlsx.Serial) else value
    return str(int(number)) if isinstance(number, float) and number.is_integer() else str(number)


def _text(value: Any) -> str:
    """A cell as text: pasted line breaks kept (CR LF → LF), ends trimmed; a whole number
    typed into a text cell without its `.0`; a date cell as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, xlsx.Serial):
        found = value.day()
        return found.isoformat() if found is not None else _serial_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return pasted(str(value))


def _date(value: Any) -> date | None:
    """A date cell, or a date typed as text in any of the ways people type one."""
    if isinstance(value, xlsx.Serial):
        return value.day()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None  # a bare number is not a date anyone typed as one
    text = value.strip()
    iso = text if len(text) == 10 and text[4] == "-" and text[7] == "-" else iso_suggestion(text)
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


# -- the office's review sheet ----------------------------------------------------------------

def _review_reports(index: PlanIndex, sheet: Template, office: Agency, digest: str,
                    problems: list[SheetProblem]) -> list[Report]:
    """The office's decisions on a review sheet, as entries of the office; a sheet made for
    a unit that is not the office is refused whole."""
    # lazy: only _review_reports() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets import review

    prov = sheet.provenance
    if not any(a.id == office.id for a in offices(index)):
        problems.append(problem(f"{sheet.shown}!{layout.MARKER_SHEET}", "not-the-office",
                                unit=office.name))
        return []
    current = {w.item.id: " ".join(w.what) for w in review.waiting(index)}
    if prov.plan_sha256 != digest and current != {i: m.role for i, m in prov.items.items()}:
        problems.append(problem(sheet.shown, "older-template", "warning",
                                made_on=made_day(prov.made_on)))
    filled = [row for row in sheet.rows if row.filled()]
    if not filled:
        problems.append(problem(sheet.shown, "no-rows", "warning", file=sheet.shown))
        return []
    filled = [row for row in filled if row.number not in sheet.tampered]
    out: list[Report] = []
    seen: set[str] = set()
    for row in filled:
        item_id = _text(row.cells.get(layout.ID))
        if item_id in seen:
            problems.append(problem(sheet.at(layout.ID, row.number), "too-many-item-rows",
                                    item=item_id, limit=1))
            continue
        seen.add(item_id)
        decided = _decision(index, sheet, office, row, problems)
        if decided is not None:
            out.append(decided)
    return out


def _typed_decisions() -> dict[str, str]:
    # lazy: only _typed_decisions() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets import review

    return {word.casefold(): status for lang in LANGS
            for status, word in review.decision_words(lang).items()}


def _decision(index: PlanIndex, sheet: Template, office: Agency, row: Row,
              problems: list[SheetProblem]) -> Report | None:
    # lazy: only _decision() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets import review

    prov = sheet.provenance
    n = row.number
    cells = row.cells

    def at(column: str) -> str:
        return sheet.at(column, n)

    item_id = _text(cells.get(layout.ID))
    if not item_id:
        problems.append(problem(at(layout.ID), "missing-item"))
        return None
    if item_id not in prov.items:
        problems.append(problem(at(layout.ID), "foreign-item", item=item_id))
        return None
    item = index.by_id.get(item_id)
    if item is None:
        problems.append(problem(at(layout.ID), "item-vanished", "warning", item=item_id))
        return None
    lang = prov.lang if prov.lang in LANGS else "zh-Hans"
    choices = "、".join(review.decision_words(lang).values())
    typed = _text(cells.get(review.DECISION))
    status = (_typed_decisions().get(" ".join(typed.split()).casefold())
              or status_from_word(typed)) if typed else None
    ok = True
    if not typed:
        problems.append(problem(at(review.DECISION), "missing-decision", choices=choices))
        ok = False
    elif status not in review.DECISIONS:
        problems.append(problem(at(review.DECISION), "not-a-decision", value=typed,
                                choices=choices))
        ok = False
    when = _date_cell(sheet, row, review.DECIDED_ON, problems)
    opinion = _text(cells.get(review.OPINION)) or None
    documents = tuple(line.strip() for line in _text(cells.get(review.DOCUMENT)).split("\n")
                      if line.strip())
    until: date | None = None
    if status == "verified" and not documents:
        problems.append(problem(at(review.DOCUMENT), "decision-needs-evidence"))
        ok = False
    if status in ("returned", "extension-refused") and not opinion:
        problems.append(problem(at(review.OPINION), "decision-needs-reason",
                                decision=_decision_word(status)))
        ok = False
    if status == "extension-approved":
        typed_until = cells.get(review.NEW_DATE)
        record = item.record
        asked = record.pending[-1].entry.until if record is not None and record.pending else None
        until = _date(typed_until) if _text(typed_until) else asked
        if _text(typed_until) and until is None:
            problems.append(problem(at(review.NEW_DATE), "bad-until", value=_text(typed_until)))
            ok = False
        elif until is None:
            problems.append(problem(at(review.NEW_DATE), "extension-needs-date"))
            ok = False
        elif until <= item.due:
            problems.append(problem(at(review.NEW_DATE), "until-not-later", until=until,
                                    due=item.due))
            ok = False
    if not ok or status is None or when is None:
        return None
    reason = opinion if status in ("returned", "extension-refused") else None
    note = opinion if reason is None else None
    entry = Entry(when, status, office.id, note, None, None, documents, until=until,
                  reason=reason, source=Source(sheet.shown, sheet.sha256))
    return Report(item.id, entry, f"{sheet.shown}!{prov.sheet}", n)


_REASONED = {"returned": Word("sheet:decide_returned", "return"),
             "extension-refused": Word("sheet:decide_extension-refused", "refuse extension")}


def _decision_word(status: str) -> Word:
    return _REASONED[status]
