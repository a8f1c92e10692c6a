"""`progress import`: returned templates → ledger entries, with every rule of `progress add`.

Each filled row (one with anything in its fill-in columns G–L) becomes a `Report` of the
template's unit; rows left empty are not reports.  Cells are read as people fill them: a
date cell, or a date typed as text (`2024/1/10`, `2024-1-10`, `2024年1月10日`); a status in
either language or script; notes pasted with line breaks.  A template made from an older
plan is read against today's plan: a row whose item vanished or is no longer the unit's is
a warning and is not imported.  All reports then go to `progress_batch.append_reports`,
sorted by date, in one locked write; its objections come back located at their cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suizhou_plan.i18n import LANGS
from suizhou_plan.ledger import Entry, pasted
from suizhou_plan.progress_batch import Outcome, Report, append_reports
from suizhou_plan.progress_edit import read_plan
from suizhou_plan.sheets import template as layout
from suizhou_plan.sheets.messages import SheetProblem, problem
from suizhou_plan.sheets.reading import Row, Template, open_template

if TYPE_CHECKING:
    from suizhou_plan.index import PlanIndex
    from suizhou_plan.model.agency import Agency

COLUMN_OF = {"item": layout.ID, "by": layout.ID, "status": layout.STATUS,
             "date": layout.DATE, "note": layout.NOTE, "problems": layout.PROBLEMS,
             "next": layout.NEXT, "evidence": layout.EVIDENCE, "entry": layout.STATUS}


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
    written, and the outcome says what would have been added."""
    import hashlib

    from suizhou_plan.load.plan_loader import TASKS

    given, _, index = read_plan(plan)
    digest = hashlib.sha256(given[TASKS]).hexdigest()
    result = Imported(files=len(files), plan_lang=index.tasks_file.supervision.lang)
    reports: list[Report] = []
    for shown, path in files:
        opened = open_template(path, shown)
        if isinstance(opened, SheetProblem):
            result.problems.append(opened)
            continue
        reports += _reports(index, opened, as_of, digest, result.problems)
    reports.sort(key=lambda r: r.entry.date)  # stable: file and row order within a day
    blocked = bool(result.errors) and not skip_invalid
    result.outcome = append_reports(plan, reports, as_of, wait=wait,
                                    write=not (dry_run or blocked), skip_invalid=skip_invalid)
    for objection in result.outcome.refused:
        result.problems.append(SheetProblem(
            location(objection.report, COLUMN_OF.get(objection.field, layout.STATUS)),
            "error", objection.slug, objection.message, objection.hint))
    return result


def _reports(index: PlanIndex, sheet: Template, as_of: date, digest: str,
             problems: list[SheetProblem]) -> list[Report]:
    from suizhou_plan.duties import duties_for

    prov = sheet.provenance
    unit = index.registry.by_id.get(prov.unit_id)
    if unit is None:
        problems.append(problem(sheet.shown, "unknown-unit", unit=prov.unit_name or prov.unit_id))
        return []
    window = index.tasks_file.supervision.due_soon_days
    duties = {d.item.id: d for d in duties_for(index, unit, as_of, window).duties}
    current = {i: (d.item.title, d.item.due.isoformat(), d.role) for i, d in duties.items()}
    if prov.plan_sha256 != digest and current != prov.items:
        problems.append(problem(sheet.shown, "older-template", "warning", made_on=prov.made_on))
    filled = [row for row in sheet.rows if row.filled()]
    if not filled:
        problems.append(problem(sheet.shown, "no-rows", "warning", file=sheet.shown))
    out = []
    for row in filled:
        report = _report(index, sheet, unit, row, duties, problems)
        if report is not None:
            out.append(report)
    return out


def _report(index: PlanIndex, sheet: Template, unit: Agency, row: Row,
            duties: dict[str, Any], problems: list[SheetProblem]) -> Report | None:
    from suizhou_plan.report.sheet_words import status_from_word
    from suizhou_plan.reporters import may_report
    from suizhou_plan.sheets.template import status_choices

    prov = sheet.provenance
    n = row.number

    def at(column: str) -> str:
        return sheet.at(column, n)

    item_id = _text(row.cells[layout.ID])
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
    if item_id not in duties:
        who = "、".join(a.name for a in may_report(index, item))
        problems.append(problem(at(layout.ID), "item-moved", "warning", item=item_id,
                                unit=unit.name, who=who))
        return None
    title, due, _ = prov.items[item_id]
    changed = ([f"title was 「{title}」"] if title != item.title else []) + (
        [f"due date {due} → {item.due.isoformat()}"] if due != item.due.isoformat() else [])
    if changed:
        problems.append(problem(at(layout.ID), "item-changed", "warning", item=item_id,
                                what="; ".join(changed)))
    lang = prov.lang if prov.lang in LANGS else "zh-Hans"
    choices = "、".join(status_choices(lang))
    ok = True
    status_cell = row.cells[layout.STATUS]
    status = status_from_word(_text(status_cell)) if _text(status_cell) else None
    if not _text(status_cell):
        problems.append(problem(at(layout.STATUS), "missing-status", choices=choices))
        ok = False
    elif status is None:
        problems.append(problem(at(layout.STATUS), "unknown-status",
                                value=_text(status_cell), choices=choices))
        ok = False
    when = _date(row.cells[layout.DATE])
    if row.cells[layout.DATE] is None or not _text(row.cells[layout.DATE]):
        problems.append(problem(at(layout.DATE), "missing-date"))
        ok = False
    elif when is None:
        problems.append(problem(at(layout.DATE), "bad-date", value=_text(row.cells[layout.DATE])))
        ok = False
    note = _text(row.cells[layout.NOTE])
    if not note:
        problems.append(problem(at(layout.NOTE), "missing-note"))
        ok = False
    if not ok or status is None or when is None:
        return None
    evidence = tuple(line.strip() for line in _text(row.cells[layout.EVIDENCE]).split("\n")
                     if line.strip())
    entry = Entry(when, status, unit.id, note, _text(row.cells[layout.PROBLEMS]) or None,
                  _text(row.cells[layout.NEXT]) or None, evidence)
    return Report(item.id, entry, f"{sheet.shown}!{prov.sheet}", n)


def _text(value: Any) -> str:
    """A cell as text: pasted line breaks kept (CR LF → LF), ends trimmed; a whole number
    typed into a text cell without its `.0`; a date cell as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return pasted(str(value))


def _date(value: Any) -> date | None:
    """A date cell, or a date typed as text in any of the ways people type one."""
    from suizhou_plan.model.types import iso_suggestion

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
