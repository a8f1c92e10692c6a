"""Duty lists as Excel workbooks: one sheet per unit (and an overview sheet in a summary),
with real date cells, statuses and lights as words, a frozen header, filters and columns
wide enough for Chinese.  Everything shown comes from the `DutyList`: nothing is counted or
dated here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from suizhou_plan.i18n import day, in_script, t
from suizhou_plan.sheets.cells import fit_columns, print_landscape, put, sheet_title, to_bytes
from suizhou_plan.views.duties import Duty, DutyList, others_on
from suizhou_plan.words.labels import light_label
from suizhou_plan.words.sheet_words import kind_word, role_word, status_word, via_word, words

COLUMNS = ("id", "item", "kind", "role", "via", "section", "linked", "due", "days_late",
           "status", "light", "others", "latest_date", "latest")
HEADER_ROW = 3


def _row(d: Duty, dl: DutyList, lang: str) -> list[Any]:
    item = d.item
    latest = item.latest
    feeds = item.linked if item.kind in ("task", "safeguard") else d.phases
    return [
        item.id, in_script(lang, item.title), kind_word(item.kind, lang), role_word(d.role, lang),
        via_word(d.via.name, lang) if d.via else None,
        in_script(lang, item.section or "") or None, ", ".join(feeds) or None, item.due,
        d.days_late(dl.as_of), status_word(item.status, lang), light_label(d.light, lang),
        in_script(lang, "、".join(a.name for a in others_on(d, dl.agency))) or None,
        latest.date if latest else None,
        in_script(lang, _latest(d, dl, lang)) or None,
    ]


def _latest(d: Duty, dl: DutyList, lang: str) -> str:
    """The record's words, with the plan's own date first when an extension moved it."""
    from suizhou_plan.render.record_text import record_words
    from suizhou_plan.words.labels import due_words

    moved = (due_words(lang, d.item.due, d.item.planned_due) + t(lang, "; ")
             if d.item.extended else "")
    return moved + record_words(d.item, lang, dl.agency, dated=False)


def _bold(cell: Any, size: int | None = None) -> None:
    from openpyxl.styles import Font

    cell.font = Font(bold=True, size=size) if size else Font(bold=True)


def _table(ws: Any, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Header at HEADER_ROW, frozen, filtered; rows below it; columns fitted; printable."""
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDDDDD")
    for c, heading in enumerate(header, 1):
        cell = put(ws, HEADER_ROW, c, heading)
        _bold(cell)
        cell.fill = fill
    for r, row in enumerate(rows, HEADER_ROW + 1):
        for c, value in enumerate(row, 1):
            put(ws, r, c, value)
    last = get_column_letter(len(header))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    fit_columns(ws, HEADER_ROW)
    print_landscape(ws, HEADER_ROW)


def _duty_sheet(ws: Any, dl: DutyList, lang: str) -> None:
    w = words(lang)
    _bold(put(ws, 1, 1, w["duties_title"].format(unit=in_script(lang, dl.agency.name),
                                                 as_of=day(lang, dl.as_of))), 14)
    put(ws, 2, 1, w["duties_counts"].format(**dl.counts()))
    _table(ws, [w[c] for c in COLUMNS], [_row(d, dl, lang) for d in dl.duties])


def workbook(dls: Sequence[DutyList], lang: str, *, overview: bool = False) -> bytes:
    """One sheet per duty list, named by its unit; with `overview`, first a sheet of every
    unit's counts (the summary workbook of `duties --all`)."""
    from openpyxl import Workbook

    wb = Workbook()
    first: Any = wb.active
    taken: set[str] = set()
    w = words(lang)
    if overview:
        ws = first
        ws.title = sheet_title(w["summary_sheet"], taken)
        as_of = day(lang, dls[0].as_of) if dls else ""
        _bold(put(ws, 1, 1, w["summary_title"].format(as_of=as_of)), 14)
        header = [w[c] for c in ("unit", "unit_id", "lead_count", "support_count",
                                 "open_count", "overdue_count")]
        rows = []
        for dl in dls:
            c = dl.counts()
            rows.append([in_script(lang, dl.agency.name), dl.agency.id, c["lead"],
                         c["support"], c["open"], c["overdue"]])
        _table(ws, header, rows)
    for n, dl in enumerate(dls):
        ws = first if n == 0 and not overview else wb.create_sheet()
        ws.title = sheet_title(in_script(lang, dl.agency.name), taken)
        _duty_sheet(ws, dl, lang)
    return to_bytes(wb)
