"""The office's combined list of reminders: one row per item a unit is reminded of (and one
per missing report), with what is asked and the reply date; as an Excel workbook or as
Markdown (also what `suizhou remind` prints without --out)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from suizhou_plan.base.escapes import markdown_text
from suizhou_plan.i18n import long_date, official, t, tn
from suizhou_plan.render.assessment_render import period_name
from suizhou_plan.render.reminders_docx import (
    asked,
    due_text,
    item_text,
    situation,
    title_of,
    words,
)

if TYPE_CHECKING:
    from suizhou_plan.views.reminders import Reminders


def header(lang: str) -> list[str]:
    w = words(lang)
    return [w["unit"], w["item"], w["role"], w["due"], w["situation"], w["asked"],
            w["reply_by"]]


def rows(r: Reminders, lang: str) -> list[list[str]]:
    """Unit by unit (as the notices), each item in the order of its notice, then the
    missing report."""
    w = words(lang)
    reply = long_date(lang, r.reply_by)
    out: list[list[str]] = []
    for notice in r.notices:
        for ask in notice.asks:
            out.append([notice.unit.name, item_text(ask), w["role:" + ask.role],
                        due_text(lang, ask), situation(lang, r, ask), asked(lang, ask), reply])
        if notice.missing is not None:
            period = notice.missing.period
            out.append([notice.unit.name, "—", "—", long_date(lang, period.cutoff),
                        t(lang, "no report for {period}", period=period_name(lang, period)),
                        t(lang, "Send the missing report"), reply])
    return [[official(lang, cell) for cell in row] for row in out]


def heading(r: Reminders, lang: str) -> str:
    return official(lang, t(lang, "{title} (as of {date}): {count}", title=title_of(r, lang),
                            date=long_date(lang, r.as_of),
                            count=tn(lang, "{n} unit", "{n} units", len(r.notices))))


def markdown(r: Reminders, lang: str) -> str:
    lines = [f"# {markdown_text(heading(r, lang))}", ""]
    body = rows(r, lang)
    if not body:
        lines.append(official(lang, t(lang, "No unit has anything to answer for on {date}.",
                                      date=long_date(lang, r.as_of))))
        return "\n".join(lines) + "\n"
    head = header(lang)
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def workbook(r: Reminders, lang: str) -> bytes:
    """One sheet: the title, the header at row 3 (frozen, filtered), A4 landscape."""
    # lazy: only workbook() needs it (+157 ms: lxml, openpyxl)
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from suizhou_plan.sheets.cells import fit_columns, print_landscape, put, to_bytes

    wb = Workbook()
    ws: Any = wb.active
    ws.title = words(lang)["sheet"]
    put(ws, 1, 1, heading(r, lang)).font = Font(bold=True, size=14)
    fill = PatternFill("solid", fgColor="DDDDDD")
    head = header(lang)
    for c, text in enumerate(head, 1):
        cell = put(ws, 3, c, text)
        cell.font = Font(bold=True)
        cell.fill = fill
    body = rows(r, lang)
    for n, row in enumerate(body, 4):
        for c, value in enumerate(row, 1):
            put(ws, n, c, value)
    ws.freeze_panes = "A4"
    # lazy: only workbook() needs it (+96 ms: lxml, openpyxl)
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A3:{get_column_letter(len(head))}{3 + max(len(body), 1)}"
    fit_columns(ws, 3)
    print_landscape(ws, 3)
    return to_bytes(wb)
