"""The 台賬 template a unit fills in and sends back: one row per item it holds.

Layout (format 2; `reading.py` reads format 1 too):

- row 1 the title (unit, day), row 2 what to do, row 3 the sign-off the office expects:
  填報人 (B3), 聯繫電話 (F3), 審核 (I3), open cells;
- rows 4 and 5 the headings (a group row over the column row), repeated on every printed
  page;
- from row 6 one row per item.  Columns A–F say which item (id, title, role, due date,
  current status, last report: the lead's line, and a supporting unit's own latest) and
  are locked; G–L are the unit's report (status from a drop-down list of what a unit may
  report, date, 進展, 存在問題, 下一步, 佐證材料); M–N its application for more time (the
  new date, the reason), filled only to apply.

A very hidden sheet (`MARKER_SHEET`) records what the template was made from: the unit,
the plan's content hash, the day, the format, each item (id, title, due date, role) and
the text of its locked cells; signed with the office's key (`signing.py`) when the
workspace has one.  Printing: A4 landscape, as wide as the page, headings repeated."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from suizhou_plan.i18n import colon, day, in_script
from suizhou_plan.sheets.cells import put, stored, to_bytes
from suizhou_plan.views.duties import DutyList
from suizhou_plan.words.sheet_words import UNIT_CHOICES, role_word, status_word, words

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.views.index import Item, PlanIndex
    from suizhou_plan.views.record import Said

MARKER_SHEET = "_suizhou"
MARKER_KIND = "suizhou ledger template"
REVIEW_KIND = "suizhou review sheet"  # the office's (`review.py`)
FORMAT = 2
FORMATS = ("1", "2")  # the formats `reading.py` reads
TITLE_ROW, HELP_ROW, SIGNOFF_ROW, GROUP_ROW, HEADER_ROW = 1, 2, 3, 4, 5
FIRST_ROW = 6
# Column letters, named for what they hold; the importer reads the same ones.
ID, TITLE, ROLE_COL, DUE, CURRENT, LATEST = "A", "B", "C", "D", "E", "F"
STATUS, DATE, NOTE, PROBLEMS, NEXT, EVIDENCE = "G", "H", "I", "J", "K", "L"
UNTIL, REASON = "M", "N"
LOCKED = (ID, TITLE, ROLE_COL, DUE, CURRENT, LATEST)
FILL_IN = (STATUS, DATE, NOTE, PROBLEMS, NEXT, EVIDENCE, UNTIL, REASON)
COLUMNS = (*LOCKED, *FILL_IN)
HEADINGS = {ID: "id", TITLE: "item", ROLE_COL: "role", DUE: "due", CURRENT: "current_status",
            LATEST: "latest_entry", STATUS: "new_status", DATE: "new_date", NOTE: "note",
            PROBLEMS: "problems", NEXT: "next", EVIDENCE: "evidence", UNTIL: "extend_until",
            REASON: "extend_reason"}
# Widths in characters (a CJK character counts two), chosen so that the fourteen columns
# print across A4 landscape at about 80%, 11-point text at about 9 points (long text wraps
# inside its column, and its row is made tall enough).
WIDTHS = {ID: 8, TITLE: 22, ROLE_COL: 6, DUE: 11, CURRENT: 9, LATEST: 20, STATUS: 9,
          DATE: 11, NOTE: 18, PROBLEMS: 12, NEXT: 12, EVIDENCE: 11, UNTIL: 11, REASON: 12}
WRAPPED = (TITLE, LATEST, NOTE, PROBLEMS, NEXT, EVIDENCE, REASON)
# The sign-off: (label cell, open cell, word) for 填報人, 聯繫電話, 審核.
SIGNOFF = (("A3", "B3", "filler"), ("E3", "F3", "phone"), ("H3", "I3", "reviewer"))


@dataclass(frozen=True)
class MarkedItem:
    """One item as the template showed it: its plan facts and its locked cells' text."""

    title: str
    due: str  # YYYY-MM-DD
    role: str  # lead | support
    shown: tuple[str, ...] = ()  # the text of B–F as written (format 2)


@dataclass(frozen=True)
class Provenance:
    """What a template was made from (its marker sheet)."""

    unit_id: str
    unit_name: str
    plan_sha256: str  # of tasks.yaml as it was read
    made_on: str  # the as-of day, YYYY-MM-DD
    lang: str
    sheet: str
    items: dict[str, MarkedItem]
    format: str = str(FORMAT)
    first_row: int = FIRST_ROW
    signoff: tuple[str, ...] = ()  # the open sign-off cells (B3, F3, I3)
    key_id: str = ""
    signature: str = ""
    kind: str = MARKER_KIND
    rows: tuple[tuple[str, ...], ...] = field(default=(), compare=False)  # as read, to verify


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
    """What a unit may pick: its own report on its part, never the office's decisions."""
    return [status_word(s, lang) for s in UNIT_CHOICES]


def _said_line(said: Said, lang: str) -> str:
    """`2024-01-10 市政數局：機房主體完工`; a decision or an application names itself
    (`2024-01-12 市發改委：已退回：材料不全`)."""
    entry = said.entry
    word = status_word(entry.status, lang)
    text = entry.note or entry.reason or word
    if entry.status not in UNIT_CHOICES and text != word:
        text = f"{word}{colon(lang)}{text}"
    return in_script(lang, words(lang)["latest_line"].format(
        date=entry.date.isoformat(), unit=said.who or "—", text=text))


def latest_text(item: Item, unit: Agency, lang: str) -> str:
    """Column F: whose words the item's last report is (the lead's line, or the office's
    decision), and for any other unit its own latest report on its part as well."""
    record = item.record
    if record is None:
        return ""
    lines = []
    line = record.line
    if line is not None:
        lines.append(_said_line(line, lang))
    own = next((s for s in reversed(record.parts) if s.unit is not None and s.unit.id == unit.id),
               None)
    if own is not None and (line is None or own.k != line.k):
        lines.append(_said_line(own, lang))
    return "\n".join(lines)


@dataclass(frozen=True)
class Choice:
    """A drop-down list on a column: its words, the heading and messages that go with it."""

    column: str
    words: tuple[str, ...]
    title: str
    prompt: str
    error: str


@dataclass(frozen=True)
class Layout:
    """What differs between a unit's template and the office's review sheet: the columns
    (A–F locked, the rest to fill), their headings, widths and groups, the drop-down, and
    the columns that take a date."""

    kind: str  # the marker's `kind`
    columns: tuple[str, ...]
    headings: dict[str, str]  # column -> word key
    widths: dict[str, int]
    wrapped: tuple[str, ...]
    groups: tuple[tuple[str, str, str], ...]  # (first, last, word key), one fill each
    dates: tuple[str, ...]  # open columns that take a date
    choice: Choice | None = None
    later: str | None = None  # an open column whose date must come after the due date (D)


UNIT_LAYOUT = Layout(MARKER_KIND, COLUMNS, HEADINGS, WIDTHS, WRAPPED,
                     ((ID, LATEST, "group_item"), (STATUS, EVIDENCE, "group_report"),
                      (UNTIL, REASON, "group_extension")), (DATE, UNTIL), later=UNTIL)
_FILLS = ("E7E6E6", "FFF2CC", "E2EFDA")  # grey (locked), yellow, green


@dataclass(frozen=True)
class SheetRow:
    """One item's row: the text of its locked cells, and what the marker keeps of it."""

    item_id: str
    values: dict[str, Any]  # column -> value, A–F
    marked: MarkedItem


def build(dl: DutyList, lang: str, plan_sha256: str, key: bytes | None = None) -> bytes:
    """The template for `dl`'s unit, as .xlsx bytes; signed when `key` is given."""
    w = words(lang)
    rows = []
    for d in dl.duties:
        item = d.item
        values: dict[str, Any] = {
            ID: item.id, TITLE: in_script(lang, item.title), ROLE_COL: role_word(d.role, lang),
            DUE: item.due, CURRENT: status_word(item.status, lang),
            LATEST: latest_text(item, dl.agency, lang) or None,
        }
        rows.append(SheetRow(item.id, values, MarkedItem(item.title, item.due.isoformat(),
                                                         d.role)))
    choice = Choice(STATUS, tuple(status_choices(lang)), w["new_status"], w["status_prompt"],
                    w["status_error"])
    layout = replace(UNIT_LAYOUT, choice=choice)
    title = w["ledger_title"].format(unit=in_script(lang, dl.agency.name),
                                     as_of=day(lang, dl.as_of))
    return write_sheet(layout, lang, w["ledger_sheet"], title, w["ledger_help"], rows,
                       Provenance(dl.agency.id, dl.agency.name, plan_sha256,
                                  dl.as_of.isoformat(), lang, w["ledger_sheet"], {}), key)


def write_sheet(layout: Layout, lang: str, sheet: str, title_text: str, help_text: str,
                rows: list[SheetRow], provenance: Provenance, key: bytes | None) -> bytes:
    """The workbook: title, help, sign-off, the two heading rows, one row per item (A–F
    locked, the rest open), the drop-down and date checks, print set-up, and the marker
    (signed when `key` is given)."""
    # lazy: only write_sheet() needs it (+306 ms: lxml, openpyxl)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import column_index_from_string
    from openpyxl.worksheet.datavalidation import DataValidation

    w = words(lang)
    wb = Workbook()
    ws: Any = wb.active
    ws.title = sheet
    columns = layout.columns
    last_letter = columns[-1]
    title = put(ws, TITLE_ROW, 1, title_text)
    title.font = Font(bold=True, size=14)
    ws.merge_cells(f"A{TITLE_ROW}:{last_letter}{TITLE_ROW}")
    put(ws, HELP_ROW, 1, help_text).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A{HELP_ROW}:{last_letter}{HELP_ROW}")
    ws.row_dimensions[HELP_ROW].height = 45
    open_cell = Protection(locked=False)
    line = Side(style="thin")
    for label, value, key_word in SIGNOFF:
        cell = put(ws, SIGNOFF_ROW, column_index_from_string(label[0]), w[key_word])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="right")
        ws[value].protection = open_cell
        ws[value].border = Border(bottom=line)
    fills: dict[str, Any] = {}
    for (start, end, key_word), colour in zip(layout.groups, _FILLS, strict=False):
        fill = PatternFill("solid", fgColor=colour)
        cell = put(ws, GROUP_ROW, column_index_from_string(start), w[key_word])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        cell.fill = fill
        ws.merge_cells(f"{start}{GROUP_ROW}:{end}{GROUP_ROW}")
        fills.update((letter, fill) for letter in
                     columns[columns.index(start):columns.index(end) + 1])
    for letter, key_word in layout.headings.items():
        cell = put(ws, HEADER_ROW, column_index_from_string(letter), w[key_word])
        cell.font = Font(bold=True)
        cell.fill = fills[letter]
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    top = Alignment(vertical="top", wrap_text=True)
    grey = fills[ID]
    marked: dict[str, MarkedItem] = {}
    row = FIRST_ROW
    for r in rows:
        for letter in LOCKED:
            cell = put(ws, row, column_index_from_string(letter), r.values.get(letter))
            cell.fill = grey
            cell.alignment = top
        for letter in columns[len(LOCKED):]:
            cell = ws[f"{letter}{row}"]
            cell.protection = open_cell
            cell.alignment = top
            if letter in layout.dates:
                cell.number_format = "yyyy-mm-dd"
        ws.row_dimensions[row].height = row_height(r.values, layout)
        marked[r.item_id] = replace(r.marked, shown=tuple(_shown(r.values.get(letter))
                                                          for letter in LOCKED[1:]))
        row += 1
    last = row - 1
    if rows and layout.choice is not None:
        c = layout.choice
        choices = DataValidation(type="list", formula1='"' + ",".join(c.words) + '"',
                                 allow_blank=True, showDropDown=False, showErrorMessage=True,
                                 errorTitle=c.title, error=c.error, promptTitle=c.title,
                                 prompt=c.prompt, showInputMessage=True)
        choices.add(f"{c.column}{FIRST_ROW}:{c.column}{last}")
        ws.add_data_validation(choices)
    if rows and layout.later is not None:
        later = DataValidation(type="date", operator="greaterThan", formula1=f"{DUE}{FIRST_ROW}",
                               allow_blank=True, showErrorMessage=True,
                               errorTitle=w["extend_until"], error=w["until_error"],
                               promptTitle=w["extend_until"], prompt=w["until_prompt"],
                               showInputMessage=True)
        later.add(f"{layout.later}{FIRST_ROW}:{layout.later}{last}")
        ws.add_data_validation(later)
    for letter, width in layout.widths.items():
        ws.column_dimensions[letter].width = width + 1
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{max(last, FIRST_ROW)}"
    ws.protection.sheet = True  # no password: it guards against slips, not against people
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _page(ws)
    _marker(wb, replace(provenance, kind=layout.kind, sheet=ws.title, items=marked,
                        signoff=tuple(value for _, value, _ in SIGNOFF)), key)
    return to_bytes(wb)


LINE = 15  # points per line of 11-point text
FILL_LINES = 2  # room to type in every row, at least


def row_height(values: dict[str, Any], layout: Layout = UNIT_LAYOUT) -> float:
    """The height of an item's row, in points: enough lines for its longest wrapped text
    (a CJK character is two columns wide), and room to type.  An office suite does not
    grow a row by itself when it opens the file (LibreOffice prints one line, cut)."""
    # lazy: only row_height() needs it (+0 ms)
    from suizhou_plan.base.textwidth import width

    lines = FILL_LINES
    for letter in layout.wrapped:
        text = values.get(letter)
        if not isinstance(text, str) or not text:
            continue
        room = max(layout.widths[letter] - 2, 4)
        needed = sum(max(1, -(-width(part) // room)) for part in text.split("\n"))
        lines = max(lines, needed)
    return float(lines * LINE)


def _shown(value: Any) -> str:
    """A locked cell's value as the marker keeps it: the text stored, a date as
    YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return stored(str(value))


def _page(ws: Any) -> None:
    """A4 landscape, as wide as the page (as many pages down as it takes), narrow margins,
    the two heading rows on every page, the page number in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{GROUP_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&P / &N"


def marker_rows(p: Provenance, key: bytes | None) -> list[list[str]]:
    """The marker's table, every cell text as stored; its last row the signature when
    there is a key."""
    # lazy: only marker_rows() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets.signing import SIGNATURE, key_id, sign

    pairs = [("kind", p.kind), ("format", p.format), ("unit_id", p.unit_id),
             ("unit_name", p.unit_name), ("plan_sha256", p.plan_sha256),
             ("made_on", p.made_on), ("lang", p.lang), ("sheet", p.sheet),
             ("first_row", str(p.first_row)), ("signoff", " ".join(p.signoff))]
    if key is not None:
        pairs.append(("key_id", key_id(key)))
    rows: list[list[str]] = [[stored(k), stored(v)] for k, v in pairs]
    for item_id, m in p.items.items():
        rows.append([stored(c) for c in ("item", item_id, m.title, m.due, m.role)]
                    + list(m.shown))
    if key is not None:
        rows.append([SIGNATURE, sign(key, rows)])
    return rows


def _marker(wb: Any, p: Provenance, key: bytes | None) -> None:
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "veryHidden"
    for r, cells in enumerate(marker_rows(p, key), 1):
        for c, value in enumerate(cells, 1):
            put(ws, r, c, value)
    ws.protection.sheet = True
