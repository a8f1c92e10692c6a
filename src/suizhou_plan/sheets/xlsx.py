"""Reading a returned .xlsx from outside, with every cost bounded by the file, not trusted.

openpyxl reads what a workbook claims: a `<dimension>` record that stops short hides the
rows after it, a date serial of 60 becomes 1900-02-28, and its parsers run as long as the
XML does.  A ledger template needs little of a workbook (the sheet list, the shared
strings, which cell styles are dates, and the rows of two sheets), so this module reads
just that, from bytes already in memory, as a stream (lxml's `iterparse`, elements freed
as they are read), and stops at the first limit passed:

- the package: at most `MEMBERS` parts, each at most `PART` bytes unpacked (its declared
  size is checked before it is opened, and no more than that is ever read), all together at
  most `UNPACKED`; no part may declare a document type (no entities, no DTD);
- the shared strings: at most `STRINGS`, each at most `CELL_TEXT` characters (Excel's
  own limit);
- a sheet: rows as they are in the file, whatever `<dimension>` says; at most `ROWS` rows
  and `CELLS` cells are looked at, then `TooMuch` says where it stopped.

Each failure is `Unreadable` (damaged, or not a workbook) or `TooMuch` (a limit), with
what is needed to say it in the reader's language; never another exception."""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO, Any

MEMBERS = 500  # parts in the package (a template has about 12)
PART = 16 * 1024 * 1024  # bytes, unpacked, of any one part
UNPACKED = 48 * 1024 * 1024  # bytes, unpacked, of all parts together
STRINGS = 50_000  # shared strings (a template of ROWS rows holds at most 28,000)
CELL_TEXT = 32_767  # characters in one cell: Excel's own limit
ROWS = 2_000  # rows of a sheet looked at (a unit holds tens of items, a few hundred at most)
CELLS = 50_000  # cells of a sheet looked at (ROWS rows of 14 columns are 28,000)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_C, _V, _IS, _T = f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DECLARES = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})$")
# Excel's built-in number formats that show a date (or a date and time): 14-22, the
# East Asian ones (27-36, 50-58) and the Thai ones (71-81).
_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59),
                           *range(71, 82)])
_NOT_DATE_PARTS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


class Unreadable(Exception):
    """Not a workbook, or a damaged one: `why` says what is wrong (a `Msg`)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class TooMuch(Exception):
    """A limit passed: `what` (parts, part, unpacked, strings, text, rows, cells), the limit,
    and where (a part's name, or a sheet's row and column)."""

    def __init__(self, what: str, limit: int, *, part: str = "", size: int = 0,
                 row: int = 0, column: int = 0) -> None:
        super().__init__(what)
        self.what, self.limit, self.part, self.size = what, limit, part, size
        self.row, self.column = row, column


@dataclass(frozen=True)
class Serial:
    """A number in a cell formatted as a date: Excel's day number, not yet a date."""

    value: float
    date1904: bool = False

    def day(self) -> date | None:
        """The calendar day, or None for a number that is no day: before day 1, Excel's
        29 February 1900 (day 60, which never was), or after 9999-12-31."""
        whole = int(self.value // 1)
        if self.date1904:
            return date(1904, 1, 1) + timedelta(whole) if 0 <= whole <= 2_957_003 else None
        if whole < 1 or whole == 60 or whole > 2_958_465:
            return None
        return date(1899, 12, 31 if whole < 60 else 30) + timedelta(whole)


Value = str | float | bool | Serial | None


@dataclass(frozen=True)
class SheetInfo:
    name: str
    state: str  # visible, hidden, veryHidden
    part: str  # the worksheet's part in the package


def column_letter(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class Workbook:
    """An .xlsx package opened from bytes, its limits checked before anything is read."""

    def __init__(self, data: bytes) -> None:
        declared = _declared_entries(data)
        if declared > MEMBERS:  # before zipfile reads a directory of that many entries
            raise TooMuch("parts", MEMBERS, size=declared)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise Unreadable(_damage(exc)) from None
        if len(infos) > MEMBERS:
            raise TooMuch("parts", MEMBERS, size=len(infos))
        total = 0
        self._sizes: dict[str, int] = {}
        for info in infos:
            if info.file_size > PART:
                raise TooMuch("part", PART, part=info.filename, size=info.file_size)
            total += info.file_size
            self._sizes[info.filename] = info.file_size
        if total > UNPACKED:
            raise TooMuch("unpacked", UNPACKED, size=total)
        self.sheets, self.date1904 = self._workbook()
        self._strings: list[str] | None = None
        self._dates: frozenset[int] | None = None

    def close(self) -> None:
        self._zip.close()

    # -- the parts ---------------------------------------------------------------------

    def _open(self, name: str) -> IO[bytes]:
        if name not in self._sizes:
            # lazy: only _open() needs it (+3 ms: 1 module)
            from suizhou_plan.i18n import Msg

            raise Unreadable(Msg("it has no part {part}", part=name))
        try:
            with self._zip.open(name) as stream:
                data = stream.read(PART + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
                RuntimeError) as exc:
            raise Unreadable(_damage(exc)) from None
        if len(data) > PART:  # never met: zipfile stops at the declared size
            raise TooMuch("part", PART, part=name, size=len(data))
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:200]:
            # lazy: only _open() needs it (+3 ms: 1 module)
            from suizhou_plan.i18n import Msg

            raise Unreadable(Msg("its part {part} is not UTF-8 text", part=name))
        if _DECLARES.search(data):
            # lazy: only _open() needs it (+3 ms: 1 module)
            from suizhou_plan.i18n import Msg

            raise Unreadable(Msg("its part {part} declares a document type (<!DOCTYPE or "
                                 "<!ENTITY>), which no workbook needs", part=name))
        return io.BytesIO(data)

    def _events(self, name: str, tags: tuple[str, ...] | None = None,
                events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Any]]:
        # lazy: only _events() needs it (+0 ms: lxml)
        from lxml import etree

        stream = self._open(name)
        parser = etree.iterparse(stream, events=events, tag=tags, resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
        try:
            yield from parser
        except etree.XMLSyntaxError as exc:
            # lazy: only _events() needs it (+3 ms: 1 module)
            from suizhou_plan.i18n import Msg

            raise Unreadable(Msg("its part {part} is not well-formed XML ({why})", part=name,
                                 why=" ".join(str(exc).split())[:120])) from None

    def _workbook(self) -> tuple[list[SheetInfo], bool]:
        targets: dict[str, str] = {}
        rels = "xl/_rels/workbook.xml.rels"
        if rels in self._sizes:
            for _, el in self._events(rels, (f"{_PKG_REL}Relationship",)):
                if el.get("TargetMode") != "External":
                    targets[el.get("Id", "")] = el.get("Target", "")
                el.clear()
        sheets: list[SheetInfo] = []
        date1904 = False
        for _, el in self._events("xl/workbook.xml", (f"{_MAIN}sheet", f"{_MAIN}workbookPr")):
            if el.tag == f"{_MAIN}workbookPr":
                date1904 = el.get("date1904", "") in ("1", "true")
            else:
                target = targets.get(el.get(f"{_REL}id", ""), "")
                part = (target.lstrip("/") if target.startswith("/")
                        else posixpath.normpath(posixpath.join("xl", target)))
                sheets.append(SheetInfo(el.get("name", ""), el.get("state", "visible"), part))
            el.clear()
            if len(sheets) > MEMBERS:
                raise TooMuch("parts", MEMBERS, size=len(sheets))
        return sheets, date1904

    def strings(self) -> list[str]:
        """The shared strings, each the text of its runs (phonetic guides left out)."""
        if self._strings is not None:
            return self._strings
        out: list[str] = []
        name = "xl/sharedStrings.xml"
        if name in self._sizes:
            t_tag, rph_tag = f"{_MAIN}t", f"{_MAIN}rPh"
            for _, el in self._events(name, (f"{_MAIN}si",)):
                if len(out) >= STRINGS:
                    raise TooMuch("strings", STRINGS, part=name, size=len(out) + 1)
                if len(el) == 1 and el[0].tag == t_tag:  # plain text: <si><t>…</t></si>
                    text = el[0].text or ""
                else:  # rich text runs; phonetic guides (rPh) are not the cell's text
                    text = "".join(t.text or "" for t in el.iter(t_tag)
                                   if t.getparent().tag != rph_tag)
                if len(text) > CELL_TEXT:
                    raise TooMuch("text", CELL_TEXT, part=name, size=len(text))
                out.append(text)
                el.clear()
                while el.getprevious() is not None:  # the strings read are not kept as XML
                    del el.getparent()[0]
        self._strings = out
        return out

    def date_styles(self) -> frozenset[int]:
        """The indexes of the cell formats (`s=`) that show a number as a date."""
        if self._dates is not None:
            return self._dates
        codes: dict[int, str] = {}
        formats: list[int] = []
        name = "xl/styles.xml"
        if name in self._sizes:
            inside = False
            for event, el in self._events(name, events=("start", "end")):
                tag = el.tag
                if tag == f"{_MAIN}cellXfs":
                    inside = event == "start"
                elif event == "end" and tag == f"{_MAIN}numFmt":
                    codes[_int(el.get("numFmtId"))] = el.get("formatCode", "")
                elif event == "end" and tag == f"{_MAIN}xf" and inside:
                    formats.append(_int(el.get("numFmtId")))
                if event == "end" and tag in (f"{_MAIN}numFmt", f"{_MAIN}xf"):
                    el.clear()
                if len(formats) > CELLS:
                    raise TooMuch("cells", CELLS, part=name, size=len(formats))
        self._dates = frozenset(k for k, fmt in enumerate(formats)
                                if fmt in _DATE_FORMATS or _is_date_code(codes.get(fmt, "")))
        return self._dates

    def rows(self, sheet: SheetInfo, columns: int, *, rows: int = ROWS,
             cells: int = CELLS) -> Iterator[tuple[int, list[Value]]]:
        """(row number, values of columns 1..`columns`) of every row that holds a value,
        in the file's order; rows past `rows` or cells past `cells` raise `TooMuch` with
        the row (and column) where reading stopped."""
        strings = self.strings()
        dates = self.date_styles()
        row_number = 0
        seen_rows = seen_cells = 0
        for _, row in self._events(sheet.part, (f"{_MAIN}row",)):
            row_number = _int(row.get("r")) or row_number + 1
            seen_rows += 1
            if seen_rows > rows or row_number > 1_048_576:
                raise TooMuch("rows", rows, part=sheet.name, row=row_number)
            values: list[Value] = [None] * columns
            column = 0
            filled = False
            for c in row.iterchildren(_C):
                seen_cells += 1
                ref = _REF.match(c.get("r") or "")
                column = column_number(ref.group(1)) if ref else column + 1
                if seen_cells > cells:
                    raise TooMuch("cells", cells, part=sheet.name, row=row_number,
                                  column=column)
                if column > columns:
                    continue
                value = _value(c, strings, dates, self.date1904)
                if isinstance(value, str) and len(value) > CELL_TEXT:
                    raise TooMuch("text", CELL_TEXT, part=sheet.name, row=row_number,
                                  column=column, size=len(value))
                if value is not None:
                    values[column - 1] = value
                    filled = True
            row.clear()
            while row.getprevious() is not None:  # the rows read are not kept
                del row.getparent()[0]
            if filled:
                yield row_number, values


def _declared_entries(data: bytes) -> int:
    """How many entries the package's end-of-central-directory record declares (its Zip64
    record's, when it has one); 0 when there is none to read (zipfile then says why)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return 0
    count: int = struct.unpack_from("<H", data, at + 10)[0]
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, locator + 8)[0]
        if 0 <= offset <= len(data) - 56 and data[offset:offset + 4] == b"PK\x06\x06":
            count = struct.unpack_from("<Q", data, offset + 32)[0]
    return count


def _value(c: Any, strings: list[str], dates: frozenset[int], date1904: bool) -> Value:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        node = c.find(_IS)
        return "".join(t.text or "" for t in node.iter(_T)) if node is not None else None
    v = c.find(_V)
    text: str | None = v.text if v is not None else None
    if text is None:
        return None
    if kind == "s":
        k = _int(text, -1)
        return strings[k] if 0 <= k < len(strings) else None
    if kind in ("str", "e", "d"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    try:
        number = float(text)
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    if _int(c.get("s")) in dates:
        return Serial(number, date1904)
    return number


def _is_date_code(code: str) -> bool:
    """Whether a custom number format shows a date: it has a year, month or day (or time)
    part once quoted text, escaped characters and [colour] or [$-locale] parts are gone."""
    bare = _NOT_DATE_PARTS.sub("", code).split(";", 1)[0].lower()
    return bare not in ("", "general", "@") and any(ch in bare for ch in "ymdhs")


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _damage(exc: BaseException) -> str:
    # lazy: only _damage() needs it (+3 ms: 1 module)
    from suizhou_plan.i18n import Msg

    if isinstance(exc, (zipfile.BadZipFile, EOFError)):
        return Msg("it is not a complete .xlsx package (another format, or a damaged or "
                   "cut-off copy)")
    detail = " ".join(str(exc).split())[:120] or type(exc).__name__
    return Msg("the package is damaged ({why})", why=detail)
