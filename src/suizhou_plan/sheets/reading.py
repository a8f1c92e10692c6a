"""Opening a returned template: its provenance (the marker sheet) and its filled rows.

A file from outside is anything: an .xls renamed, a CSV, a truncated download, a zip bomb.
Every way it can fail to be a template is a `SheetProblem` naming the file, never an
exception: the size is checked before anything is unpacked, and whatever the workbook
library raises on a damaged file becomes `not-a-workbook`."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from suizhou_plan.sheets.messages import SheetProblem, problem
from suizhou_plan.sheets.template import (
    FILL_IN,
    FORMAT,
    LOCKED,
    MARKER_KIND,
    MARKER_SHEET,
    Provenance,
)

MAX_UNPACKED = 200 * 1024 * 1024  # bytes: a template of 500 rows unpacks to well under 1 MB


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, as the spreadsheet shows it
    cells: dict[str, Any]  # column letter -> value (None when empty)

    def filled(self) -> bool:
        return any(_present(self.cells.get(letter)) for letter in FILL_IN)


@dataclass(frozen=True)
class Template:
    shown: str  # the file as the user named it
    provenance: Provenance
    rows: list[Row]

    def at(self, column: str, row: int) -> str:
        return f"{self.shown}!{self.provenance.sheet}!{column}{row}"


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def open_template(path: Path, shown: str) -> Template | SheetProblem:
    try:
        if not path.is_file():
            why = "it is a directory" if path.is_dir() else "no such file"
            return problem(shown, "unreadable-file", file=shown, why=why)
        if not zipfile.is_zipfile(path):
            return problem(shown, "not-a-workbook", file=shown,
                           why="it is not a complete .xlsx package (another format, or a "
                               "damaged or cut-off copy)")
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return problem(shown, "unreadable-file", file=shown, why=why)
    if unpacked > MAX_UNPACKED:
        return problem(shown, "too-large", file=shown, size=_size(unpacked))
    try:
        return _read(path, shown)
    except Exception as exc:  # openpyxl, zipfile and XML parsers raise many kinds on damage
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        return problem(shown, "not-a-workbook", file=shown, why=detail)


def _read(path: Path, shown: str) -> Template | SheetProblem:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if MARKER_SHEET not in wb.sheetnames:
            return problem(shown, "not-a-template", file=shown,
                           why=f"it has no sheet {MARKER_SHEET}")
        provenance = _provenance(wb[MARKER_SHEET])
        if isinstance(provenance, str):
            return problem(shown, "not-a-template", file=shown, why=provenance)
        if provenance.sheet not in wb.sheetnames:
            return problem(shown, "not-a-template", file=shown,
                           why=f"its sheet {provenance.sheet!r} was removed or renamed")
        first = _first_row(wb[MARKER_SHEET])
        rows = []
        letters = (*LOCKED, *FILL_IN)
        for number, values in enumerate(wb[provenance.sheet].iter_rows(
                min_row=first, max_col=len(letters), values_only=True), first):
            cells = {letter: (values[k] if k < len(values) else None)
                     for k, letter in enumerate(letters)}
            rows.append(Row(number, cells))
        return Template(shown, provenance, rows)
    finally:
        wb.close()


def _pairs(ws: Any) -> tuple[dict[str, str], dict[str, tuple[str, str, str]]]:
    pairs: dict[str, str] = {}
    items: dict[str, tuple[str, str, str]] = {}
    for values in ws.iter_rows(max_col=5, values_only=True):
        cells = [("" if v is None else str(v)) for v in values] + [""] * 5
        if cells[0] == "item" and cells[1]:
            items[cells[1]] = (cells[2], cells[3], cells[4])
        elif cells[0]:
            pairs[cells[0]] = cells[1]
    return pairs, items


def _provenance(ws: Any) -> Provenance | str:
    pairs, items = _pairs(ws)
    if pairs.get("kind") != MARKER_KIND:
        return f"its {MARKER_SHEET} sheet is not a template marker"
    if pairs.get("format") != str(FORMAT):
        return f"it is of template format {pairs.get('format')!r}; this suizhou reads {FORMAT}"
    missing = [k for k in ("unit_id", "sheet", "made_on") if not pairs.get(k)]
    if missing:
        return f"its marker lacks {', '.join(missing)}"
    return Provenance(pairs["unit_id"], pairs.get("unit_name", ""), pairs.get("plan_sha256", ""),
                      pairs["made_on"], pairs.get("lang", ""), pairs["sheet"], items)


def _first_row(ws: Any) -> int:
    pairs, _ = _pairs(ws)
    value = pairs.get("first_row", "")
    return int(value) if value.isdigit() and 1 < int(value) < 100 else 4
