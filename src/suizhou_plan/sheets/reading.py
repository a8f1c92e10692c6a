"""Opening a returned template: the file, its marker (what it was made from, and whether the
office made it), its locked cells, its sign-off and its filled rows.

A file from outside is anything: an .xls, a CSV renamed, a truncated download, a zip bomb,
a device or a pipe behind a link, a marker edited to name another unit.  Every way it can
fail is a `SheetProblem` at its place (the file, `FILE.xlsx!_suizhou`, a cell), never an
exception:

- only a regular file is read (whatever a link points at), at most `MAX_FILE` bytes, read
  once: its SHA-256 is of exactly the bytes parsed;
- the workbook is read by `xlsx.py`, every part's size and every count bounded;
- the marker's signature is checked with the workspace's key (`signing.py`): a sheet the
  office did not sign as it is, or signed by another workspace, is refused; without a key,
  every sheet is read with a warning that it cannot be verified;
- the locked columns A–F of each item's row must still say what the marker says."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from suizhou_plan.i18n import N_, Msg
from suizhou_plan.sheets import xlsx
from suizhou_plan.sheets.messages import SheetProblem, problem
from suizhou_plan.sheets.template import (
    COLUMNS,
    FILL_IN,
    FORMATS,
    LOCKED,
    MARKER_KIND,
    MARKER_SHEET,
    REVIEW_KIND,
    MarkedItem,
    Provenance,
)

MAX_FILE = 10 * 1024 * 1024  # bytes on disk: a filled template of 500 rows is under 1 MB
MAX_UNPACKED = xlsx.UNPACKED  # kept for callers that lower it (tests)
_FORMAT1_FILL_IN = FILL_IN[:6]  # format 1 had no extension columns


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, as the spreadsheet shows it
    cells: dict[str, xlsx.Value]  # column letter -> value (None when empty)
    fill_in: tuple[str, ...] = FILL_IN

    def filled(self) -> bool:
        return any(_present(self.cells.get(letter)) for letter in self.fill_in)


@dataclass
class Template:
    shown: str  # the file as the user named it
    provenance: Provenance
    rows: list[Row]
    sha256: str = ""  # of the file's bytes
    signoff: dict[str, xlsx.Value] = field(default_factory=dict)  # cell -> value
    verified: bool = False  # signed with the workspace's key, and the signature holds
    tampered: set[int] = field(default_factory=set)  # rows whose locked cells were changed

    def at(self, column: str, row: int) -> str:
        return f"{self.shown}!{self.provenance.sheet}!{column}{row}"


def _present(value: xlsx.Value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.0f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


# -- the file ------------------------------------------------------------------------------

_KINDS = ((stat.S_ISDIR, N_("a directory")), (stat.S_ISCHR, N_("a device")),
          (stat.S_ISBLK, N_("a device")), (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
          (stat.S_ISSOCK, N_("a socket")))


def _kind(mode: int) -> Msg | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, words in _KINDS:
        if test(mode):
            return Msg(words)
    return Msg("not a regular file")


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return Msg("no such file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Msg("permission denied")
    return str(exc.strerror or exc)


def read_file(path: Path, shown: str) -> bytes | SheetProblem:
    """The bytes of a regular file; a problem for anything else (checked before it is
    opened, and again on the open file, so a FIFO put in its place never blocks)."""
    link = os.path.islink(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        if link and exc.errno == errno.ENOENT:
            return problem(shown, "dangling-link", file=shown, target=_target(path))
        return problem(shown, "unreadable-file", file=shown, why=_why(exc))
    what = _kind(st.st_mode)
    if what is not None:
        if link:
            return problem(shown, "link-not-a-file", file=shown, target=_target(path),
                           what=what)
        return problem(shown, "not-a-file", file=shown, what=what)
    if st.st_size > MAX_FILE:
        return problem(shown, "file-too-large", file=shown, size=size_text(st.st_size),
                       limit=size_text(MAX_FILE))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return problem(shown, "unreadable-file", file=shown, why=_why(exc))
    try:
        what = _kind(os.fstat(fd).st_mode)
        if what is not None:  # swapped for something else since it was looked at
            return problem(shown, "not-a-file", file=shown, what=what)
        chunks, total = [], 0
        while total <= MAX_FILE:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        return problem(shown, "unreadable-file", file=shown, why=_why(exc))
    finally:
        os.close(fd)
    if total > MAX_FILE:
        return problem(shown, "file-too-large", file=shown, size=size_text(total),
                       limit=size_text(MAX_FILE))
    return b"".join(chunks)


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


# -- the workbook --------------------------------------------------------------------------

def open_template(path: Path, shown: str, key: bytes | None
                  ) -> tuple[Template | None, list[SheetProblem]]:
    """The template in the file, and what there is to say about it; None when nothing of
    it may be imported (the problems say why)."""
    data = read_file(path, shown)
    if isinstance(data, SheetProblem):
        return None, [data]
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: .xls, .et, .doc
        return None, [problem(shown, "xls-workbook", file=shown)]
    if data[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
        return None, [problem(shown, "not-a-workbook", file=shown,
                              why=Msg("it is not a complete .xlsx package (another format, "
                                      "or a damaged or cut-off copy)"))]
    digest = hashlib.sha256(data).hexdigest()
    try:
        book = xlsx.Workbook(data)
    except xlsx.Unreadable as exc:
        return None, [problem(shown, "not-a-workbook", file=shown, why=exc.why)]
    except xlsx.TooMuch as exc:
        return None, [_limit(shown, shown, exc)]
    try:
        return _read(book, shown, digest, key)
    except xlsx.Unreadable as exc:
        return None, [problem(shown, "not-a-workbook", file=shown, why=exc.why)]
    finally:
        book.close()


def _limit(shown: str, where: str, exc: xlsx.TooMuch) -> SheetProblem:
    """A limit passed, at the place reading stopped."""
    if exc.what == "parts":
        return problem(where, "too-many-parts", file=shown, n=exc.size, limit=exc.limit)
    if exc.what == "part":
        return problem(where, "part-too-large", file=shown, part=exc.part,
                       size=size_text(exc.size), limit=size_text(exc.limit))
    if exc.what == "unpacked":
        return problem(where, "too-large", file=shown, size=size_text(exc.size),
                       limit=size_text(exc.limit))
    if exc.what == "strings":
        return problem(where, "too-many-strings", file=shown, limit=exc.limit)
    if exc.what == "text":
        return problem(where, "cell-too-long", limit=exc.limit)
    if exc.what == "rows":
        return problem(where, "too-many-rows", limit=exc.limit)
    return problem(where, "too-many-cells", limit=exc.limit)


def _rows(book: xlsx.Workbook, sheet: xlsx.SheetInfo, shown: str, columns: int
          ) -> list[tuple[int, list[xlsx.Value]]] | SheetProblem:
    try:
        return list(book.rows(sheet, columns))
    except xlsx.TooMuch as exc:
        if exc.row:
            where = f"{shown}!{sheet.name}!{xlsx.column_letter(exc.column or 1)}{exc.row}"
        else:
            where = f"{shown}!{sheet.name}" if exc.part == sheet.name else shown
        return _limit(shown, where, exc)


def _read(book: xlsx.Workbook, shown: str, digest: str, key: bytes | None
          ) -> tuple[Template | None, list[SheetProblem]]:
    by_name = {s.name: s for s in book.sheets}
    marker = by_name.get(MARKER_SHEET)
    if marker is None:
        return None, [problem(shown, "not-a-template", file=shown,
                              why=Msg("it has no sheet {sheet}", sheet=MARKER_SHEET))]
    marker_at = f"{shown}!{MARKER_SHEET}"
    table = _rows(book, marker, shown, 12)
    if isinstance(table, SheetProblem):
        return None, [table]
    rows = tuple(tuple(_text(v) for v in _trimmed(values)) for _, values in table)
    provenance = _provenance(rows)
    if isinstance(provenance, str):
        return None, [problem(shown, "not-a-template", file=shown, why=provenance)]
    problems: list[SheetProblem] = []
    verified = False
    if key is None:
        problems.append(problem(shown, "unverifiable-sheet", "warning"))
    else:
        refused = _check_signature(provenance, key, marker_at)
        if refused is not None:
            return None, [refused]
        verified = True
    sheet = by_name.get(provenance.sheet)
    if sheet is None:
        return None, [problem(shown, "not-a-template", file=shown,
                              why=Msg("its sheet {sheet} was removed or renamed",
                                      sheet=repr(provenance.sheet)))]
    values = _rows(book, sheet, shown, len(COLUMNS))
    if isinstance(values, SheetProblem):
        return None, [*problems, values]
    fill_in: tuple[str, ...]
    letters: tuple[str, ...]
    if provenance.kind == REVIEW_KIND:
        # lazy: only _read() needs it (+2 ms: 1 module)
        from suizhou_plan.sheets import review

        fill_in, letters = review.FILL_IN, review.COLUMNS
    else:
        fill_in = FILL_IN if provenance.format != "1" else _FORMAT1_FILL_IN
        letters = COLUMNS if provenance.format != "1" else (*LOCKED, *_FORMAT1_FILL_IN)
    template = Template(shown, provenance, [], digest, verified=verified)
    signoff = set(provenance.signoff)
    for number, cells in values:
        if number < provenance.first_row:
            for k, letter in enumerate(letters):
                if f"{letter}{number}" in signoff:
                    template.signoff[f"{letter}{number}"] = cells[k]
            continue
        template.rows.append(Row(number, dict(zip(letters, cells, strict=False)), fill_in))
    problems += _locked_cells(template)
    return template, problems


def _check_signature(p: Provenance, key: bytes, where: str) -> SheetProblem | None:
    # lazy: only _check_signature() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets.signing import key_id, verify

    made_on = made_day(p.made_on)
    if not p.signature:
        return problem(where, "unsigned-sheet", made_on=made_on)
    if p.key_id != key_id(key):
        return problem(where, "foreign-sheet", made_on=made_on)
    if not verify(key, p.rows, p.signature):
        return problem(where, "forged-sheet", made_on=made_on)
    return None


def made_day(text: str) -> date | str:
    """The marker's day as a date (written for the reader's language), else as typed."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def _locked_cells(template: Template) -> list[SheetProblem]:
    """Each locked cell of an item's row (B–F) that no longer says what the marker says."""
    items = template.provenance.items
    out = []
    for row in template.rows:
        marked = items.get(_text(row.cells.get(LOCKED[0])))
        if marked is None or not marked.shown:
            continue
        for letter, expected in zip(LOCKED[1:], marked.shown, strict=False):
            value = _text(row.cells.get(letter)).replace("\r\n", "\n")
            if value != expected.replace("\r\n", "\n"):
                template.tampered.add(row.number)
                out.append(problem(template.at(letter, row.number), "locked-cell-changed",
                                   value=_short(value), expected=_short(expected)))
    return out


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


def _trimmed(values: list[xlsx.Value]) -> list[xlsx.Value]:
    end = len(values)
    while end and not _present(values[end - 1]):
        end -= 1
    return values[:end]


def _text(value: xlsx.Value) -> str:
    """A cell as text, as the marker compares it: a date as YYYY-MM-DD, a whole number
    without `.0`."""
    if value is None:
        return ""
    if isinstance(value, xlsx.Serial):
        found = value.day()
        return found.isoformat() if found is not None else repr(value.value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def _provenance(rows: tuple[tuple[str, ...], ...]) -> Provenance | str:
    # lazy: only _provenance() needs it (+2 ms: 1 module)
    from suizhou_plan.sheets.signing import SIGNATURE

    pairs: dict[str, str] = {}
    items: dict[str, MarkedItem] = {}
    for cells in rows:
        padded = (*cells, *[""] * 10)
        if padded[0] == "item" and padded[1]:
            items[padded[1]] = MarkedItem(padded[2], padded[3], padded[4],
                                          tuple(padded[5:10]) if len(cells) > 5 else ())
        elif padded[0] and padded[0] not in pairs:
            pairs[padded[0]] = padded[1]
    if pairs.get("kind") not in (MARKER_KIND, REVIEW_KIND):
        return Msg("its {sheet} sheet is not a template marker", sheet=MARKER_SHEET)
    if pairs.get("format") not in FORMATS:
        return Msg("it is of template format {format}; this suizhou reads formats 1 and 2",
                   format=repr(pairs.get("format")))
    missing = [k for k in ("unit_id", "sheet", "made_on") if not pairs.get(k)]
    if missing:
        return Msg("its marker lacks {fields}", fields=", ".join(missing))
    first = pairs.get("first_row", "")
    first_row = int(first) if first.isdigit() and 1 < int(first) < 100 else 4
    if pairs["format"] == "2":
        items = {k: v if len(v.shown) == 5 else MarkedItem(v.title, v.due, v.role,
                                                           (*v.shown, *[""] * 5)[:5])
                 for k, v in items.items()}
    return Provenance(pairs["unit_id"], pairs.get("unit_name", ""), pairs.get("plan_sha256", ""),
                      pairs["made_on"], pairs.get("lang", ""), pairs["sheet"], items,
                      format=pairs["format"], first_row=first_row,
                      signoff=tuple(pairs.get("signoff", "").split()),
                      key_id=pairs.get("key_id", ""), signature=pairs.get(SIGNATURE, ""),
                      kind=pairs["kind"], rows=rows)
