"""Duty lists (責任清單) as Word documents in the official layout of the bulletin
(`official_docx`): per unit a title, the date, its counts, and a table of its duties, phase
by phase.  Everything shown comes from the rows of `duty_rows`; the words are those of the
Excel duty list (`sheet_words`), so a unit reads the same headings in either file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from suizhou_plan.i18n import in_script, long_date
from suizhou_plan.render import official_docx
from suizhou_plan.render.duty_rows import DutyRow, DutyTable, DutyTables
from suizhou_plan.render.official_docx import Block, Cell
from suizhou_plan.words.sheet_words import words

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template

COLUMNS = ("item", "role", "due", "status", "light", "days_late", "latest")
WIDTHS = (0.27, 0.07, 0.16, 0.09, 0.1, 0.08, 0.23)


def _row(row: DutyRow) -> list[Cell]:
    via = f"（{row.via_unit}）" if row.via_unit else ""
    return [Cell(f"{row.item} {row.title}{via}"), Cell(row.role, True),
            Cell(row.due_words_long, True), Cell(row.status, True), Cell(row.light_word, True),
            Cell(str(row.days_late) if row.days_late else "", True), Cell(row.record)]


def blocks(duties: DutyTable) -> list[Block]:
    w = words(duties.lang)
    out = [Block("title", duties.title(long_date)), Block("para", duties.counts)]
    for phase in duties.phases:
        if phase.number is not None:
            out.append(Block("heading", phase.name))
        out.append(Block("table", header=[w[c] for c in COLUMNS],
                         rows=[_row(row) for row in phase.rows], widths=WIDTHS))
    return out


def render(lists: DutyTables, template: Template | None = None) -> bytes:
    """One document: each unit's list on pages of its own; dated its as-of date, by the
    office that sends it when known."""
    lang = lists.lang
    out: list[Block] = []
    for n, duties in enumerate(lists):
        if n:
            out.append(Block("pagebreak"))
        out += blocks(duties)
    shown = [Block(b.kind, in_script(lang, b.text), [in_script(lang, h) for h in b.header],
                   [[Cell(in_script(lang, c.text), c.numeric) for c in row] for row in b.rows],
                   b.widths) for b in out]
    title = in_script(lang, out[0].text) if out else ""
    return official_docx.render(shown, title=title, template=template,
                                author=in_script(lang, lists.sender) if lists.sender else None,
                                dated=lists.tables[0].as_of if lists.tables else None)
