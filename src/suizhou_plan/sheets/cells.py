"""Writing cells that are data, never formulas, and sizing columns for Chinese text.

Plan text reaches a workbook only through `put`: a string is stored as a string cell (type
`s`, so `=HYPERLINK(...)` in a title never becomes a formula), one that a spreadsheet would
read as a formula when edited gets Excel's quote prefix (what typing `'` does), and the
characters XML cannot hold (C0 controls) are shown as escapes (`\\x1b`) instead of making
the file unwritable, as are the controls and bidirectional overrides that would hide or
reorder text.  Dates go in as real date cells."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from suizhou_plan.base.escapes import spreadsheet_cell
from suizhou_plan.base.textwidth import width

DATE_FORMAT = "yyyy-mm-dd"
# What XML cannot hold (C0 controls but tab and line breaks, U+FFFE/FFFF), and what would
# reorder or hide text in a cell (DEL, C1 controls, bidirectional overrides and isolates).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                         "\ufffe\uffff]")
MAX_WIDTH = 60  # characters (a CJK character counts 2): longer text wraps


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def stored(text: str) -> str:
    """The text `put` stores for `text` (what cannot be shown, as escapes)."""
    return _UNSHOWABLE.sub(_escape, text)


def put(ws: Any, row: int, column: int, value: str | int | date | None) -> Any:
    """Write `value` into the cell; the cell."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        return cell
    if isinstance(value, str):
        safe = stored(value)
        cell.value = safe
        cell.data_type = "s"
        if spreadsheet_cell(safe) != safe:
            cell.quotePrefix = True
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
    return cell


def shown_width(value: Any) -> int:
    """Display width of a cell's longest line (a date is shown as yyyy-mm-dd)."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max((width(line) for line in str(value).split("\n")), default=0)


def fit_columns(ws: Any, first_row: int = 1, minimum: int = 6) -> None:
    """Column widths from the widest cell at or below `first_row`, East-Asian wide
    characters counted as two; text wider than MAX_WIDTH wraps instead."""
    # lazy: only fit_columns() needs it (+204 ms: lxml, openpyxl)
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            widths[cell.column] = max(widths.get(cell.column, minimum), shown_width(cell.value))
    for column, needed in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(needed, MAX_WIDTH) + 2
        if needed > MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=first_row, min_col=column, max_col=column):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def sheet_title(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (at most 31 characters, none of `[]:*?/\\`, not empty,
    unique regardless of case), made from `name`."""
    base = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "_", name).strip("'") or "sheet"
    base = base[:31]
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f"-{n}"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(title.casefold())
    return title


def print_landscape(ws: Any, header_row: int) -> None:
    """A4 landscape, as wide as the page, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def to_bytes(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
