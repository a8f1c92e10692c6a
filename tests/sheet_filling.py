"""Filling in a 台賬 template as a person does in Excel or WPS: only the unlocked cells,
dates typed as text, notes pasted with line breaks, rows left empty, the sign-off under the
title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from suizhou_plan.sheets import template as layout

SIGNED = {"B3": "張三", "F3": "0722-3251234", "I3": "李四"}  # 填報人, 聯繫電話, 審核


def fill(template: Path, out: Path, rows: dict[str, dict[str, Any]],
         signoff: dict[str, str] | None = None) -> dict[str, int]:
    """Write `rows` (item id → column letter → value) into the template's rows of those
    items, sign it off (`signoff`: cell → text; by default `SIGNED`, `{}` for none) and
    save it as `out`; the row number of each item.  Every cell written must be one the
    sheet's protection leaves open, as it is for a person."""
    wb = load_workbook(template)
    ws = wb[wb.sheetnames[0]]
    assert ws.protection.sheet, "the template's sheet is protected"
    where = {ws[f"{layout.ID}{r}"].value: r
             for r in range(layout.HEADER_ROW + 1, ws.max_row + 1)}
    for item, cells in rows.items():
        row = where[item]
        for letter, value in cells.items():
            cell = ws[f"{letter}{row}"]
            assert cell.protection.locked is False, f"{letter}{row} is locked"
            cell.value = value
    for ref, text in (SIGNED if signoff is None else signoff).items():
        assert ws[ref].protection.locked is False, f"{ref} is locked"
        ws[ref] = text
    wb.save(out)
    return {item: where[item] for item in rows}
