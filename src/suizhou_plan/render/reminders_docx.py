"""Reminders (催辦通知) laid out: one Word document per unit in the official layout (GB/T
9704, `official_docx`, with the office's `--template`), and the office's combined list as a
workbook or Markdown (`reminders_list`).

A notice is addressed to the unit, lists exactly the items it has to answer for (returned
for redoing, overdue, falling due) with their dates (an extended item's original date
beside the new one) and what is asked of it in its capacity, asks for the missing report
(補報), gives the reply date, and is signed by the office with the as-of date.  Nothing is
counted or dated here: everything comes from `reminders.Reminders`."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from suizhou_plan.i18n import heading_number, in_script, long_date, official, t, tp
from suizhou_plan.render import official_docx
from suizhou_plan.render.assessment_render import period_name, period_span
from suizhou_plan.render.official_docx import Block, Cell
from suizhou_plan.words.labels import due_words, word

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template
    from suizhou_plan.views.reminders import Ask, Notice, Reminders

WORDS = (
    word("remind:item", "Item"), word("remind:role", "Role"),
    word("remind:due", "Deadline"), word("remind:days_late", "Days overdue"),
    word("remind:days_left", "Days left"), word("remind:returned_on", "Returned on"),
    word("remind:reason", "Reason for return"), word("remind:asked", "What is asked"),
    word("remind:role:lead", "lead"), word("remind:role:support", "support"),
    word("remind:unit", "Unit"), word("remind:situation", "Situation"),
    word("remind:reply_by", "Reply by"), word("remind:file", "reminders"),
    word("remind:sheet", "Reminders"),
)


@cache
def words(lang: str) -> dict[str, str]:
    return {context.removeprefix("remind:"): in_script(lang, tp(lang, context, english))
            for context, english in WORDS}


def signer(r: Reminders, lang: str) -> str:
    """Who signs: the office `supervision.office` names; else the leading group's office
    (as the 通報 signs); else the plan's issuer."""
    if r.office_set and r.office is not None:
        return r.office.name
    if r.group is not None:
        return t(lang, "{group} Office", group=r.group)
    return r.office.name if r.office is not None else r.issuer


def title_of(r: Reminders, lang: str) -> str:
    return t(lang, "Reminder to act on items of the {plan}", plan=r.title)


def item_text(ask: Ask) -> str:
    return f"{ask.item.id} {ask.item.title}"


def due_text(lang: str, ask: Ask) -> str:
    """The date in force; an extended item's original date beside it."""
    return due_words(lang, ask.due, ask.planned_due, long_date)


def _leads(ask: Ask) -> str:
    return "、".join(u.name for u in ask.leads) or "—"


def asked(lang: str, ask: Ask) -> str:
    """What is asked of the unit for `ask`, in its capacity."""
    if ask.why == "returned":
        return t(lang, "Redo it as the return asks and report it done again")
    if ask.role == "support":
        return t(lang, "Support {lead} in finishing it and report on your part",
                 lead=_leads(ask))
    if ask.why == "overdue":
        return t(lang, "Finish it without delay and report the result")
    return t(lang, "Finish it by its deadline and report the result")


def situation(lang: str, r: Reminders, ask: Ask) -> str:
    """Overdue N days / N days left / returned on D (for the combined list)."""
    if ask.why == "returned" and ask.returned is not None:
        return t(lang, "returned on {date}", date=long_date(lang, ask.returned.on))
    days = ask.days(r.as_of)
    if days > 0:
        return t(lang, "{days} days overdue", days=days)
    return t(lang, "{days} days left", days=-days)


def missing_text(lang: str, r: Reminders, notice: Notice) -> str | None:
    """The sentence asking for the missing report, if one is missing."""
    report = notice.missing
    if report is None:
        return None
    return t(lang, "Your unit did not report its progress for {period} ({span}) by the "
                   "cut-off of {cutoff}; send it by {reply}.",
             period=period_name(lang, report.period), span=period_span(lang, report.period),
             cutoff=long_date(lang, report.period.cutoff), reply=long_date(lang, r.reply_by))


def blocks(r: Reminders, notice: Notice, lang: str) -> list[Block]:
    """One unit's notice, in reading order."""
    w = words(lang)
    out = [Block("title", title_of(r, lang)),
           Block("subtitle", t(lang, "(as of {date})", date=long_date(lang, r.as_of))),
           Block("addressee", notice.unit.name + t(lang, ":")),
           Block("para", t(lang, "As of {date}, your unit has the following items of the "
                                 "{plan} to act on or report.", date=long_date(lang, r.as_of),
                           plan=r.title))]
    sections: list[tuple[str, list[Block]]] = []
    returned = notice.of("returned")
    if returned:
        sections.append((t(lang, "Items returned for redoing ({n})", n=len(returned)), [
            Block("table", header=[w["item"], w["due"], w["returned_on"], w["reason"],
                                   w["asked"]],
                  rows=[[Cell(item_text(a)), Cell(due_text(lang, a), True),
                         Cell(long_date(lang, a.returned.on) if a.returned else "", True),
                         Cell((a.returned.reason if a.returned else None) or "—"),
                         Cell(asked(lang, a))] for a in returned],
                  widths=[0.28, 0.17, 0.15, 0.2, 0.2])]))
    for why, heading, days_word in (
            ("overdue", t(lang, "Overdue items ({n})", n=len(notice.of("overdue"))),
             w["days_late"]),
            ("due-soon", t(lang, "Items falling due within {days} days ({n})", days=r.window,
                           n=len(notice.of("due-soon"))), w["days_left"])):
        asks = notice.of(why)  # type: ignore[arg-type]  # a literal of `Why`
        if not asks:
            continue
        rows = [[Cell(item_text(a)), Cell(w["role:" + a.role]), Cell(due_text(lang, a), True),
                 Cell(t(lang, "{days} days", days=abs(a.days(r.as_of))), True),
                 Cell(asked(lang, a))] for a in asks]
        widths = [0.24, 0.12, 0.2, 0.12, 0.32] if lang == "en" else [0.25, 0.08, 0.25, 0.11,
                                                                       0.31]
        sections.append((heading, [Block("table", header=[w["item"], w["role"], w["due"],
                                                          days_word, w["asked"]],
                                         rows=rows, widths=widths)]))
    missing = missing_text(lang, r, notice)
    if missing is not None:
        sections.append((t(lang, "Progress report"), [Block("para", missing)]))
    for n, (heading, body) in enumerate(sections, 1):
        out += [Block("heading", f"{heading_number(lang, n)}{heading}"), *body]
    office = signer(r, lang)
    out.append(Block("para", t(lang, "Send what has been done, in writing, to {office} by "
                                     "{reply}. For an item that cannot be finished on time, "
                                     "say why, what has been done and what will be done; "
                                     "where more time is truly needed, apply for an "
                                     "extension.", office=office,
                               reply=long_date(lang, r.reply_by))))
    out += [Block("signature", office), Block("signature", long_date(lang, r.as_of))]
    return out


def _in_script(block: Block, lang: str) -> Block:
    return replace(block, text=official(lang, block.text),
                   header=[official(lang, h) for h in block.header],
                   rows=[[Cell(official(lang, c.text), c.numeric) for c in row]
                         for row in block.rows])


def render(r: Reminders, notice: Notice, lang: str, template: Template | None = None) -> bytes:
    """One unit's notice as a Word document; its author is the office that signs it, its
    dates the as-of date."""
    title = t(lang, "{title}: {unit}", title=title_of(r, lang), unit=notice.unit.name)
    data = official_docx.render([_in_script(b, lang) for b in blocks(r, notice, lang)],
                                title=official(lang, title), template=template,
                                author=official(lang, signer(r, lang)), dated=r.as_of)
    return _signed_together(data)


def _signed_together(data: bytes) -> bytes:
    """The closing request, the office and the date kept on one page: a date alone at the
    top of a page signs nothing."""
    # lazy: only _signed_together() needs it (+35 ms: docx, lxml)
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    for paragraph in paragraphs[-3:-1]:
        paragraph.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
