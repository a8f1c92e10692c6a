"""Filling in a 台賬 template as a person does in Excel or WPS: only the unlocked cells,
dates typed as text, notes pasted with line breaks, rows left empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from suizhou_plan.sheets import template as layout


def fill(template: Path, out: Path, rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Write `rows` (item id → column letter → value) into the template's rows of those
    items and save it as `out`; the row number of each item.  Every cell written must be
    one the sheet's protection leaves open, as it is for a person."""
    wb = load_workbook(template)
    ws = wb[wb.sheetnames[0]]
    assert ws.protection.sheet, "the template's sheet is protected"
    where = {ws[f"{layout.ID}{r}"].value: r
             for r in range(layout.FIRST_ROW, ws.max_row + 1)}
    for item, cells in rows.items():
        row = where[item]
        for letter, value in cells.items():
            cell = ws[f"{letter}{row}"]
            assert cell.protection.locked is False, f"{letter}{row} is locked"
            cell.value = value
    wb.save(out)
    return {item: where[item] for item in rows}
