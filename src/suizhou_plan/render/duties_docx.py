"""Duty lists (責任清單) as Word documents in the official layout of the bulletin
(`official_docx`): per unit a title, the date, its counts, and a table of its duties, phase
by phase.  Everything shown comes from the `DutyList`; the words are those of the Excel
duty list (`sheet_words`), so a unit reads the same headings in either file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from suizhou_plan.i18n import in_script, long_date, phase_name, t
from suizhou_plan.render import official_docx
from suizhou_plan.render.official_docx import Block, Cell
from suizhou_plan.views.duties import Duty, DutyList
from suizhou_plan.words.labels import light_label
from suizhou_plan.words.sheet_words import role_word, status_word, words

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template
    from suizhou_plan.views.index import PlanIndex

COLUMNS = ("item", "role", "due", "status", "light", "days_late", "latest")
WIDTHS = (0.27, 0.07, 0.16, 0.09, 0.1, 0.08, 0.23)


def _row(d: Duty, dl: DutyList, lang: str) -> list[Cell]:
    from suizhou_plan.render.duties_render import record_cell
    from suizhou_plan.words.labels import due_words

    late = d.days_late(dl.as_of)
    via = f"（{d.via.name}）" if d.via is not None else ""
    return [Cell(f"{d.item.id} {d.item.title}{via}"), Cell(role_word(d.role, lang), True),
            Cell(due_words(lang, d.item.due, d.item.planned_due, long_date), True),
            Cell(status_word(d.item.status, lang), True),
            Cell(light_label(d.light, lang), True), Cell(str(late) if late else "", True),
            Cell(record_cell(d, dl, lang))]


def blocks(dl: DutyList, lang: str) -> list[Block]:
    w = words(lang)
    title = w["duties_title"].format(unit=dl.agency.name, as_of=long_date(lang, dl.as_of))
    out = [Block("title", title), Block("para", w["duties_counts"].format(**dl.counts()))]
    groups: dict[int | None, list[Duty]] = {}
    for duty in dl.duties:
        groups.setdefault(duty.item.phase.number if duty.item.phase else None, []).append(duty)
    for number, duties in groups.items():
        if number is not None:
            out.append(Block("heading", phase_name(lang, number)))
        out.append(Block("table", header=[w[c] for c in COLUMNS],
                         rows=[_row(d, dl, lang) for d in duties], widths=WIDTHS))
    return out


def sender(index: PlanIndex, lang: str) -> str:
    """Who sends the duty lists, as the bulletin signs: the leading group's office, else
    the plan's issuer (the document's author)."""
    plan = index.tasks_file
    group = plan.governance.leading_group if plan.governance is not None else None
    return (t(lang, "{group} Office", group=group.name) if group is not None
            else plan.plan.issuer)


def render(dls: Sequence[DutyList], lang: str, template: Template | None = None,
           author: str | None = None) -> bytes:
    """One document: each unit's list on pages of its own; dated its as-of date, by
    `author` (the office that sends it) when the caller knows it."""
    out: list[Block] = []
    for n, dl in enumerate(dls):
        if n:
            out.append(Block("pagebreak"))
        out += blocks(dl, lang)
    shown = [Block(b.kind, in_script(lang, b.text), [in_script(lang, h) for h in b.header],
                   [[Cell(in_script(lang, c.text), c.numeric) for c in row] for row in b.rows],
                   b.widths) for b in out]
    title = in_script(lang, out[0].text) if out else ""
    return official_docx.render(shown, title=title, template=template,
                                author=in_script(lang, author) if author else None,
                                dated=dls[0].as_of if dls else None)
