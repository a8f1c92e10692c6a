"""Reading a plan file's bytes into text: size cap, encodings, NUL and control characters.

Plan files travel as e-mail attachments between Windows machines with Chinese locales, so a
GBK, Big5 or UTF-16 file is common.  UTF-8 (with or without BOM) is the only accepted encoding;
anything else is refused with a finding that names the probable encoding.  Characters YAML
does not allow (NUL, other control characters) are refused here, located, so the YAML parser
only ever sees text it can read.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from suizhou_plan.base.finding import Location, Problem
from suizhou_plan.i18n import Msg

MAX_BYTES = 128 * 1024 * 1024  # read at call time, so a test can lower it
TRADITIONAL_MARKS = "的政府市局部門建設數據單位責任務"
SIMPLIFIED_MARKS = "的政府市局部门建设数据单位责任务"

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "little"),
    (codecs.BOM_UTF32_BE, "UTF-32", "big"),
    (codecs.BOM_UTF16_LE, "UTF-16", "little"),
    (codecs.BOM_UTF16_BE, "UTF-16", "big"),
)
# What YAML 1.1 calls printable (tab, line breaks, and the printable planes), negated, and
# written as the small set it is: the negated class compiles ten times slower, at start-up.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class SourceText:
    shown: str  # the file name as shown in findings
    text: str


def clip(text: str, limit: int = 60) -> str:
    """`text`, or its start and its length when longer than `limit` (messages stay short)."""
    if len(text) <= limit:
        return text
    return Msg("{start}… ({count} characters)", start=text[:limit], count=format(len(text), ","))


def too_large(shown: str, size: int, max_bytes: int) -> Problem:
    return Problem(
        rule="file-too-large",
        message=Msg("file is {size} bytes, over the {limit}-byte limit", size=format(size, ","),
                    limit=format(max_bytes, ",")),
        location=Location(shown),
        hint=Msg("split the plan or check that the right file was given"),
    )


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `text[offset]`, counting line breaks as YAML does."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset].decode("utf-8", errors="replace")
    return line_col(before, len(before))


def _guess_legacy(data: bytes) -> str:
    """Name the likelier of GBK and Big5 for a non-UTF-8 Chinese file."""
    scores: dict[str, int] = {}
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # Common characters of plan documents in each script.
        marks = TRADITIONAL_MARKS if enc == "big5" else SIMPLIFIED_MARKS
        scores[enc] = sum(text.count(ch) for ch in marks)
    if not scores:
        return Msg("an unknown legacy encoding")
    best = max(scores, key=lambda k: scores[k])
    return "GBK (GB2312/GB18030)" if best == "gb18030" else "Big5"


def _utf16_without_bom(data: bytes) -> Msg | None:
    """UTF-16 without a byte-order mark: ASCII characters leave a NUL in every other byte."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) > len(odd) * 0.4 and even.count(0) == 0:
        return Msg("UTF-16 (little-endian, no byte-order mark)")
    if len(head) >= 4 and even.count(0) > len(even) * 0.4 and odd.count(0) == 0:
        return Msg("UTF-16 (big-endian, no byte-order mark)")
    return None


def _not_utf8(shown: str, what: Msg, line: int = 1, col: int = 1) -> Problem:
    return Problem(
        rule="encoding",
        message=Msg("file is {what}; plan files must be UTF-8", what=what),
        location=Location(shown, line, col),
        hint=Msg("re-save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)"),
    )


def _with_bom(encoding: str, order: str) -> Msg:
    """`UTF-16 (little-endian): it starts with a UTF-16 byte-order mark`."""
    if order == "little":
        return Msg("{encoding} (little-endian): it starts with a {encoding} byte-order mark",
                   encoding=encoding)
    return Msg("{encoding} (big-endian): it starts with a {encoding} byte-order mark",
               encoding=encoding)


def decode(shown: str, data: bytes, max_bytes: int | None = None) -> SourceText | Problem:
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        return too_large(shown, len(data), limit)
    for bom, encoding, order in _BOMS:
        if data.startswith(bom):
            return _not_utf8(shown, _with_bom(encoding, order))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _not_utf8(shown, utf16)
        line, col = _byte_line_col(data, nul)
        return Problem(
            rule="encoding",
            message=Msg("file contains a NUL byte: it is binary or damaged, not a YAML text file"),
            location=Location(shown, line, col),
            hint=Msg("restore the file from version control or re-save it as UTF-8 text"),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_line_col(data, exc.start)
        return Problem(
            rule="encoding",
            message=Msg("file is not valid UTF-8 (byte 0x{byte}); it looks like {encoding}",
                        byte=format(data[exc.start], "02x"), encoding=_guess_legacy(data)),
            location=Location(shown, line, col),
            hint=Msg("re-save the file as UTF-8, e.g. `iconv -f GBK -t UTF-8 old.yaml > new.yaml`"),
        )
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line, col = line_col(text, bad.start())
        char = bad.group()
        code = f"{ord(char):04X}"
        message = (
            Msg("file contains the control character U+{code}, which YAML does not allow in a "
                "text file", code=code)
            if unicodedata.category(char) == "Cc"
            else Msg("file contains the non-character U+{code}, which YAML does not allow in a "
                     "text file", code=code)
        )
        return Problem(
            rule="encoding",
            message=message,
            location=Location(shown, line, col),
            hint=Msg("delete the character (it is invisible in most editors; it often comes "
                     "from copying out of a PDF or a spreadsheet)"),
        )
    return SourceText(shown, text)
