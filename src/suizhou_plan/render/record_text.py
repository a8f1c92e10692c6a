"""An item's whole record as text (`suizhou progress show`): where it stands and on whose
word, each supporting unit's part, the extensions and returns, then every entry."""

from __future__ import annotations

from suizhou_plan.base.textwidth import table
from suizhou_plan.i18n import Msg, day, in_script, localise, t
from suizhou_plan.model.agency import Agency
from suizhou_plan.model.status import DONE, OFFICE_ONLY
from suizhou_plan.views.index import Item
from suizhou_plan.views.record import Said
from suizhou_plan.words.labels import due_words, status_label

ROLE = {"lead": Msg("lead"), "support": Msg("supporting"), "office": Msg("office"),
        "other": Msg("holds no duty")}


def said_line(said: Said, lang: str) -> str:
    """「2024年1月10日 市政数局（牵头）：推进中 — 平台上线」"""
    entry = said.entry
    role = _role(said, lang)
    what = status_label(entry.status, lang)
    text = entry.note or entry.reason or ""
    said_text = " — " + text if text else ""
    return in_script(lang, t(lang, "{date} {unit} ({role}): {status}{text}",
                             date=localise(entry.date, lang), unit=said.who or "—", role=role,
                             status=what, text=said_text))


def record_words(item: Item, lang: str, unit: Agency | None = None, *,
                 dated: bool = True) -> str:
    """The record in one cell: where the item stands and on whose word; each other unit's
    latest report on its part (with `unit`: only that unit's, as 「本单位」); an application
    waiting; a return not yet answered.  `dated`: false where a column of its own shows the
    date of the line that speaks for the item."""
    record = item.record
    if record is None or not record.said:
        return ""
    parts: list[str] = []
    line = record.line
    if line is not None:
        text = line.entry.note or line.entry.reason or status_label(line.entry.status, lang)
        parts.append(t(lang, "{date} {unit}: {text}", date=day(lang, line.entry.date),
                       unit=line.who or "—", text=text) if dated else
                     t(lang, "{unit}: {text}", unit=line.who or "—", text=text))
    for s in record.parts:
        if s is line:
            continue
        text = s.entry.note or status_label(s.entry.status, lang)
        if unit is None:
            parts.append(t(lang, "{date} {unit}: {text}", date=day(lang, s.entry.date),
                           unit=s.who or "—", text=text))
        elif s.unit is not None and s.unit.id == unit.id:
            parts.append(t(lang, "this unit ({date}): {text}", date=day(lang, s.entry.date),
                           text=text))
    for said in record.pending:
        parts.append(t(lang, "extension to {until} applied for, waiting for the office",
                       until=day(lang, said.entry.until)))
    if record.returns and item.status not in DONE:
        parts.append(t(lang, "returned on {date}: {reason}",
                       date=day(lang, record.returns[-1].entry.date),
                       reason=record.returns[-1].entry.reason or ""))
    return t(lang, "; ").join(parts)


def record_lines(item: Item, lang: str) -> list[str]:
    record = item.record
    lead = item.lead.name if item.lead is not None else "—"
    lines = [in_script(lang, f"{item.id} {item.title}"),
             in_script(lang, t(lang, "status: {status} · due {due} · lead {lead}",
                               status=status_label(item.status, lang),
                               due=due_words(lang, item.due, item.planned_due, localise_day),
                               lead=lead)), ""]
    if record is None or not record.said:
        return [*lines, t(lang, "(no progress recorded)")]
    if record.line is not None:
        lines += [t(lang, "Where the item stands (the lead's word or the office's):"),
                  "  " + said_line(record.line, lang)]
    if record.parts:
        lines += [t(lang, "Each unit's latest report on its part:")]
        lines += ["  " + said_line(s, lang) for s in record.parts]
    for heading, group in ((Msg("Extensions approved:"), record.extensions),
                           (Msg("Applications for more time waiting:"), record.pending),
                           (Msg("Returned for redoing:"), record.returns),
                           (Msg("Closed by a unit itself (for the office to review):"),
                            record.self_verified)):
        if group:
            lines.append(localise(heading, lang))
            lines += ["  " + said_line(s, lang) + _until(s, lang) for s in group]
    lines.append("")
    rows = [[t(lang, "date"), t(lang, "received"), t(lang, "reported by"), t(lang, "role"),
             t(lang, "status"), t(lang, "progress"), t(lang, "problems"), t(lang, "next step"),
             t(lang, "evidence")]]
    for s in record.said:
        e = s.entry
        late = s.late_days
        rows.append([localise(e.date, lang),
                     localise(e.received_on, lang) + (t(lang, " ({days} d after)", days=late)
                                                      if late > 0 else ""),
                     in_script(lang, s.who or ""), _role(s, lang),
                     status_label(e.status, lang) + _until(s, lang),
                     in_script(lang, e.note or e.reason or ""),
                     in_script(lang, e.problems or ""), in_script(lang, e.next or ""),
                     in_script(lang, "; ".join(e.evidence))])
    return lines + table(rows, indent="")


def _role(said: Said, lang: str) -> str:
    office = said.office and (said.voice != "lead" or said.entry.status in OFFICE_ONLY)
    return localise(ROLE["office"] if office else ROLE[said.voice], lang)


def localise_day(lang: str, when: object) -> str:
    return localise(when, lang)


def _until(said: Said, lang: str) -> str:
    until = said.entry.until
    return t(lang, " → {until}", until=localise(until, lang)) if until is not None else ""
