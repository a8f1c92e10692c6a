"""Display width of text in a terminal or a monospaced printout: CJK characters take two
columns, combining marks none.  Plain-text tables are padded with this, not `len`."""

from __future__ import annotations

import unicodedata

from suizhou_plan.base.escapes import visible

_WIDTHS: dict[str, int] = {}  # character → columns, filled as characters are met


def _measure(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        w = 0
    else:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    _WIDTHS[ch] = w
    return w


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    get = _WIDTHS.get
    total = 0
    for ch in text:
        w = get(ch)
        total += w if w is not None else _measure(ch)
    return total


def truncate(text: str, limit: int) -> str:
    """At most `limit` columns, ending in `…` when cut.  One pass that stops at the limit,
    so a 10 MB line costs no more than a short one."""
    if text.isascii():
        return text if len(text) <= limit or not text else text[:max(limit - 1, 0)] + "…"
    get = _WIDTHS.get
    used, cut = 0, 0
    for i, ch in enumerate(text):
        w = get(ch)
        used += w if w is not None else _measure(ch)
        if used <= limit - 1:
            cut = i + 1
        if used > limit:
            return text[:cut] + "…"
    return text


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Rows of cells → aligned lines (the last column is not padded).  Cells are shown with
    their control characters escaped (`escapes.visible`), and measured as shown."""
    if not rows:
        return []
    rows = [[visible(cell) for cell in row] for row in rows]
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines
