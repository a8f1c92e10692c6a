"""Duty lists as Excel workbooks: one sheet per unit (and an overview sheet in a summary),
with real date cells, statuses and lights as words, a frozen header, filters and columns
wide enough for Chinese.  Everything shown comes from the rows of `duty_rows`: nothing is
counted, dated or worded here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from suizhou_plan.i18n import day, in_script, t
from suizhou_plan.render.duty_rows import DutyRow, DutyTable, DutyTables
from suizhou_plan.sheets.cells import fit_columns, print_landscape, put, sheet_title, to_bytes
from suizhou_plan.words.sheet_words import words

COLUMNS = ("id", "item", "kind", "role", "via", "section", "linked", "due", "days_late",
           "status", "light", "others", "latest_date", "latest")
HEADER_ROW = 3


def _row(row: DutyRow, lang: str) -> list[Any]:
    moved = row.due_words + t(lang, "; ") if row.extended else ""  # the plan's own date first
    return [
        row.item, in_script(lang, row.title), row.kind, row.role, row.via or None,
        in_script(lang, row.section) or None, row.linked or None, row.due, row.days_late,
        row.status, row.light_word, in_script(lang, row.others) or None, row.latest,
        in_script(lang, moved + row.record_undated) or None,
    ]


def _bold(cell: Any, size: int | None = None) -> None:
    # lazy: openpyxl costs about 60 ms of start-up and only --format xlsx needs it
    from openpyxl.styles import Font

    cell.font = Font(bold=True, size=size) if size else Font(bold=True)


def _table(ws: Any, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Header at HEADER_ROW, frozen, filtered; rows below it; columns fitted; printable."""
    # lazy: openpyxl costs about 60 ms of start-up and only --format xlsx needs it
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


def _duty_sheet(ws: Any, duties: DutyTable) -> None:
    lang = duties.lang
    w = words(lang)
    _bold(put(ws, 1, 1, w["duties_title"].format(unit=in_script(lang, duties.agency.name),
                                                 as_of=day(lang, duties.as_of))), 14)
    put(ws, 2, 1, duties.counts)
    _table(ws, [w[c] for c in COLUMNS], [_row(row, lang) for row in duties.rows])


def workbook(lists: DutyTables, *, overview: bool = False) -> bytes:
    """One sheet per duty list, named by its unit; with `overview`, first a sheet of every
    unit's counts (the summary workbook of `duties --all`)."""
    # lazy: openpyxl costs about 60 ms of start-up and only --format xlsx needs it
    from openpyxl import Workbook

    lang = lists.lang
    wb = Workbook()
    first: Any = wb.active
    taken: set[str] = set()
    w = words(lang)
    if overview:
        ws = first
        ws.title = sheet_title(w["summary_sheet"], taken)
        as_of = day(lang, lists.tables[0].as_of) if lists.tables else ""
        _bold(put(ws, 1, 1, w["summary_title"].format(as_of=as_of)), 14)
        header = [w[c] for c in ("unit", "unit_id", "lead_count", "support_count",
                                 "open_count", "overdue_count")]
        rows = []
        for duties in lists:
            c = duties.duties.counts()
            rows.append([in_script(lang, duties.agency.name), duties.agency.id, c["lead"],
                         c["support"], c["open"], c["overdue"]])
        _table(ws, header, rows)
    for n, duties in enumerate(lists):
        ws = first if n == 0 and not overview else wb.create_sheet()
        ws.title = sheet_title(in_script(lang, duties.agency.name), taken)
        _duty_sheet(ws, duties)
    return to_bytes(wb)
