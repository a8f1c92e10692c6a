"""The 台賬 template a unit fills in and sends back: one row per item it holds.

Columns A–F say which item (id, title, role, due date, current status, last report) and are
locked; G–L are the unit's to fill (status from a drop-down list, date, 進展, 存在問題,
下一步, 佐證材料).  A very hidden sheet (`MARKER_SHEET`) records what the template was made
from: the unit, the plan's content hash, the day, and each row's item, so that a returned
template is read against the plan it came from (`reading.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from suizhou_plan.duties import DutyList
from suizhou_plan.i18n import day, in_script
from suizhou_plan.report.sheet_words import REPORTABLE, role_word, status_word, words
from suizhou_plan.sheets.cells import fit_columns, print_landscape, put, to_bytes

if TYPE_CHECKING:
    from suizhou_plan.index import PlanIndex
    from suizhou_plan.model.agency import Agency

MARKER_SHEET = "_suizhou"
MARKER_KIND = "suizhou ledger template"
FORMAT = 1
TITLE_ROW, HELP_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = 4
# Column letters, named for what they hold; the importer reads the same ones.
ID, TITLE, ROLE_COL, DUE, CURRENT, LATEST = "A", "B", "C", "D", "E", "F"
STATUS, DATE, NOTE, PROBLEMS, NEXT, EVIDENCE = "G", "H", "I", "J", "K", "L"
LOCKED = (ID, TITLE, ROLE_COL, DUE, CURRENT, LATEST)
FILL_IN = (STATUS, DATE, NOTE, PROBLEMS, NEXT, EVIDENCE)
HEADINGS = {ID: "id", TITLE: "item", ROLE_COL: "role", DUE: "due", CURRENT: "current_status",
            LATEST: "latest_entry", STATUS: "new_status", DATE: "new_date", NOTE: "note",
            PROBLEMS: "problems", NEXT: "next", EVIDENCE: "evidence"}


@dataclass(frozen=True)
class Provenance:
    """What a template was made from (its marker sheet)."""

    unit_id: str
    unit_name: str
    plan_sha256: str  # of tasks.yaml as it was read
    made_on: str  # the as-of day, YYYY-MM-DD
    lang: str
    sheet: str
    items: dict[str, tuple[str, str, str]]  # item id -> (title, due YYYY-MM-DD, role)


def reporting_units(index: PlanIndex, as_of: date) -> list[Agency]:
    """The units that get a template on `as_of`: every unit that can report (not a
    collective, which reports through its members, nor a placeholder), less those that no
    longer exist (renamed before that day: their successor's template holds their duties)
    or do not exist yet."""
    out = []
    for agency in index.agencies_file.agencies:
        if agency.vague or agency.kind in ("collective", "placeholder"):
            continue
        change = agency.change
        if change is not None and change.successor and change.valid_until is not None \
                and change.valid_until < as_of:
            continue
        if agency.valid_from is not None and agency.valid_from > as_of:
            continue
        out.append(agency)
    return out


def status_choices(lang: str) -> list[str]:
    return [status_word(s, lang) for s in REPORTABLE]


def build(dl: DutyList, lang: str, plan_sha256: str) -> bytes:
    """The template for `dl`'s unit, as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import column_index_from_string
    from openpyxl.worksheet.datavalidation import DataValidation

    w = words(lang)
    wb = Workbook()
    ws: Any = wb.active
    ws.title = w["ledger_sheet"]
    title = put(ws, TITLE_ROW, 1, w["ledger_title"].format(unit=in_script(lang, dl.agency.name),
                                                           as_of=day(lang, dl.as_of)))
    title.font = Font(bold=True, size=14)
    put(ws, HELP_ROW, 1, w["ledger_help"])
    grey = PatternFill("solid", fgColor="E7E6E6")
    for letter, key in HEADINGS.items():
        cell = put(ws, HEADER_ROW, column_index_from_string(letter), w[key])
        cell.font = Font(bold=True)
        cell.fill = grey if letter in LOCKED else PatternFill("solid", fgColor="FFF2CC")
    open_cell = Protection(locked=False)
    top = Alignment(vertical="top", wrap_text=True)
    row = FIRST_ROW
    for d in dl.duties:
        item, latest = d.item, d.item.latest
        values: dict[str, Any] = {
            ID: item.id, TITLE: in_script(lang, item.title), ROLE_COL: role_word(d.role, lang),
            DUE: item.due, CURRENT: status_word(item.status, lang),
            LATEST: (in_script(lang, f"{latest.date.isoformat()} "
                                     f"{latest.note or status_word(latest.status, lang)}")
                     if latest else None),
        }
        for letter in LOCKED:
            put(ws, row, column_index_from_string(letter), values[letter]).fill = grey
        for letter in FILL_IN:
            cell = ws[f"{letter}{row}"]
            cell.protection = open_cell
            cell.alignment = top
            if letter == DATE:
                cell.number_format = "yyyy-mm-dd"
        row += 1
    last = row - 1
    if dl.duties:
        choices = DataValidation(type="list", formula1='"' + ",".join(status_choices(lang)) + '"',
                                 allow_blank=True, showDropDown=False, showErrorMessage=True,
                                 errorTitle=w["new_status"], error=w["status_error"],
                                 promptTitle=w["new_status"], prompt=w["status_prompt"],
                                 showInputMessage=True)
        choices.add(f"{STATUS}{FIRST_ROW}:{STATUS}{last}")
        ws.add_data_validation(choices)
    fit_columns(ws, HEADER_ROW)
    for letter in (NOTE, PROBLEMS, NEXT, EVIDENCE):
        ws.column_dimensions[letter].width = 30
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{EVIDENCE}{max(last, FIRST_ROW)}"
    ws.protection.sheet = True  # no password: it guards against slips, not against people
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    print_landscape(ws, HEADER_ROW)
    _marker(wb, Provenance(dl.agency.id, dl.agency.name, plan_sha256, dl.as_of.isoformat(),
                           lang, ws.title,
                           {d.item.id: (d.item.title, d.item.due.isoformat(), d.role)
                            for d in dl.duties}))
    return to_bytes(wb)


def _marker(wb: Any, p: Provenance) -> None:
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "veryHidden"
    pairs = [("kind", MARKER_KIND), ("format", str(FORMAT)), ("unit_id", p.unit_id),
             ("unit_name", p.unit_name), ("plan_sha256", p.plan_sha256),
             ("made_on", p.made_on), ("lang", p.lang), ("sheet", p.sheet),
             ("first_row", str(FIRST_ROW))]
    for r, (key, value) in enumerate(pairs, 1):
        put(ws, r, 1, key)
        put(ws, r, 2, value)
    for r, (item_id, (title, due, role)) in enumerate(p.items.items(), len(pairs) + 1):
        for c, value in enumerate(("item", item_id, title, due, role), 1):
            put(ws, r, c, value)
    ws.protection.sheet = True
