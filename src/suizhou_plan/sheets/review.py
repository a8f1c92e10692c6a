"""The office's review sheet (`progress template --office`): one row per item that waits
for the office's decision on the day: the lead reported it done (辦結: close it, 銷號, or
return it, 退回), or a unit applied for more time (approve, 同意延期, or refuse).

Columns A–F say which item and what waits (id, title, lead, the date in force, what was
reported or asked, with its evidence or reason) and are locked; G–K are the office's: its
decision (a drop-down: 銷號, 退回, 同意延期, 不同意延期), the date, its opinion or reason, the
new date of an extension (the date asked for when left empty), the document number or
evidence.  The marker is the unit template's (`template.py`), of kind `REVIEW_KIND`, made
for the office and signed with its key; `progress import` reads the decisions into the
ledger through the same append path as `progress close/return/extend/refuse`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from suizhou_plan.i18n import colon, day, in_script
from suizhou_plan.sheets.template import (
    DUE,
    ID,
    LATEST,
    REVIEW_KIND,
    TITLE,
    Choice,
    Layout,
    MarkedItem,
    Provenance,
    SheetRow,
    _said_line,
    write_sheet,
)
from suizhou_plan.words.sheet_words import words

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.views.index import Item, PlanIndex

LEAD, WAITING = "C", "E"  # C: the lead unit; E: what waits; F (LATEST): its evidence/reason
DECISION, DECIDED_ON, OPINION, NEW_DATE, DOCUMENT = "G", "H", "I", "J", "K"
COLUMNS = ("A", "B", "C", "D", "E", "F", DECISION, DECIDED_ON, OPINION, NEW_DATE, DOCUMENT)
FILL_IN = (DECISION, DECIDED_ON, OPINION, NEW_DATE, DOCUMENT)
HEADINGS = {"A": "id", "B": "item", LEAD: "lead_unit", DUE: "due", WAITING: "waiting",
            LATEST: "submitted", DECISION: "decision", DECIDED_ON: "decided_on",
            OPINION: "opinion", NEW_DATE: "extend_until", DOCUMENT: "document"}
WIDTHS = {"A": 8, "B": 24, LEAD: 12, DUE: 11, WAITING: 28, LATEST: 24, DECISION: 11,
          DECIDED_ON: 11, OPINION: 24, NEW_DATE: 11, DOCUMENT: 16}
# What the office decides here, in the order of the drop-down.
DECISIONS = ("verified", "returned", "extension-approved", "extension-refused")
DONE, EXTENSION = "done", "extension"  # what a row waits for (the marker's `role`)


@dataclass(frozen=True)
class Waiting:
    item: Item
    what: tuple[str, ...]  # DONE and/or EXTENSION


def decision_words(lang: str) -> dict[str, str]:
    w = words(lang)
    return {status: w[f"decide_{status}"] for status in DECISIONS}


def waiting(index: PlanIndex) -> list[Waiting]:
    """Every item on which the office has something to decide, in the plan's order."""
    out = []
    for item in index.items:
        record = item.record
        if record is None:
            continue
        what = ((DONE,) if record.status == "reported-done" else ()) + (
            (EXTENSION,) if record.pending else ())
        if what:
            out.append(Waiting(item, what))
    return out


def _row(w: Waiting, index: PlanIndex, lang: str) -> SheetRow:
    record = w.item.record
    assert record is not None
    sep = colon(lang)
    asked, details = [], []
    if DONE in w.what and record.line is not None:
        asked.append(_said_line(record.line, lang))
        if record.line.entry.evidence:
            details.append(in_script(lang, words(lang)["evidence"] + sep
                                     + "；".join(record.line.entry.evidence)))
    for s in record.pending:
        entry = s.entry
        asked.append(in_script(lang, words(lang)["asks_until"].format(
            date=entry.date.isoformat(), unit=s.who or "—",
            until=entry.until.isoformat() if entry.until else "?")))
        if entry.reason:
            details.append(in_script(lang, words(lang)["extend_reason"] + sep + entry.reason))
    lead = w.item.lead
    values: dict[str, Any] = {
        ID: w.item.id, TITLE: in_script(lang, w.item.title),
        LEAD: in_script(lang, lead.name) if lead is not None else None, DUE: w.item.due,
        WAITING: "\n".join(asked) or None, LATEST: "\n".join(details) or None}
    return SheetRow(w.item.id, values, MarkedItem(w.item.title, w.item.due.isoformat(),
                                                   " ".join(w.what)))


def build_review(index: PlanIndex, office: Agency, as_of: date, lang: str, plan_sha256: str,
                 key: bytes | None) -> tuple[bytes, int]:
    """The office's review sheet as .xlsx bytes, and how many items wait on it."""
    w = words(lang)
    rows = [_row(x, index, lang) for x in waiting(index)]
    choice = Choice(DECISION, tuple(decision_words(lang).values()), w["decision"],
                    w["decision_prompt"], w["decision_error"])
    layout = Layout(REVIEW_KIND, COLUMNS, HEADINGS, WIDTHS, ("B", WAITING, LATEST, OPINION,
                                                              DOCUMENT),
                    (("A", LATEST, "group_waiting"), (DECISION, DOCUMENT, "group_decision")),
                    (DECIDED_ON, NEW_DATE), choice)
    title = w["review_title"].format(unit=in_script(lang, office.name), as_of=day(lang, as_of))
    data = write_sheet(layout, lang, w["review_sheet"], title, w["review_help"], rows,
                       Provenance(office.id, office.name, plan_sha256, as_of.isoformat(), lang,
                                  w["review_sheet"], {}), key)
    return data, len(rows)
