"""A document (text, markdown, saved HTML, Word .docx) → blocks with the line they came from.

A block is one paragraph, or one table row (`cells`).  `line` is the 1-based line of the file
for text, markdown and HTML, and the paragraph's position in the body for .docx (a table row
counts as one paragraph), so every finding can point at the place to look."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from suizhou_plan.i18n import Msg

MAX_BYTES = 64 * 1024 * 1024
FORMATS = ("text", "markdown", "html", "docx")


@dataclass(frozen=True)
class Block:
    line: int
    text: str
    cells: tuple[str, ...] | None = None
    heading: int | None = None  # markdown / HTML / Word heading level


@dataclass
class Document:
    path: Path
    format: str
    encoding: str | None
    blocks: list[Block] = field(default_factory=list)
    dropped: list[Block] = field(default_factory=list)  # page furniture left out (HTML)

    @property
    def where(self) -> str:
        return "paragraph" if self.format == "docx" else "line"


class UnreadableDocument(Exception):
    """The document cannot be read at all (the message says why and what to do)."""


def detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".docx" or head.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in (".html", ".htm", ".xhtml", ".shtml", ".mhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    sniff = head[:2048].lower()
    if b"<html" in sniff or b"<!doctype html" in sniff:
        return "html"
    return "text"


def read_document(path: Path) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableDocument(Msg(
                "{path} is {size} bytes, over the {limit}-byte limit", path=str(path),
                size=format(size, ","), limit=format(MAX_BYTES, ",")))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(Msg("cannot read {path}: {why}", path=str(path),
                                     why=exc.strerror or str(exc))) from None
    if path.suffix.lower() == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(Msg(
            "{path} is an old Word .doc file; open it in Word or WPS and save it as .docx "
            "(or run `soffice --headless --convert-to docx` on it)", path=str(path)))
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF"):
        raise UnreadableDocument(Msg(
            "{path} is a PDF; convert it to text first (`pdftotext -layout {name}`)",
            path=str(path), name=path.name))
    fmt = detect_format(path, data[:4096])
    if fmt == "docx":
        from suizhou_plan.importer.reading_docx import read_docx

        return read_docx(path, data)
    if fmt == "html":
        from suizhou_plan.importer.reading_html import read_html

        return read_html(path, data)
    from suizhou_plan.importer.encoding import decode_document

    decoded = decode_document(data)
    if decoded is None:
        raise UnreadableDocument(Msg(
            "{path} is not text in UTF-8, GBK, GB18030 or Big5; save it as UTF-8 text",
            path=str(path)))
    doc = Document(path, fmt, decoded.encoding)
    doc.blocks = text_blocks(decoded.text, markdown=fmt == "markdown")
    return doc


_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]\s+|>\s*)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_PAGE_NUMBER = re.compile(r"^[—–\-－~～\s]*(第\s*)?\d{1,3}\s*(页|頁)?[—–\-－~～\s]*$"
                          r"|^[—–\-－]\s*\d{1,3}\s*[—–\-－]$")
_TERMINAL = "。；;：:）)」”！!？?】"


def text_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Lines → blocks.  A hard-wrapped paragraph (a long line that does not end a sentence,
    followed by a line with no numbering) is joined back into one block."""
    from suizhou_plan.importer.numbering import parse_marker

    blocks: list[Block] = []
    joinable = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u00a0", " ").replace("\f", "").strip()
        if _PAGE_NUMBER.match(line):
            continue  # 「— 3 —」 between the pages of a converted PDF
        if not line:
            joinable = False
            continue
        heading = None
        if markdown:
            if _TABLE_RULE.match(line):
                continue
            match = _MD_HEADING.match(line)
            if match:
                heading = len(match.group(1))
                line = line[match.end():]
            line = _MD_EMPHASIS.sub("", _MD_LIST.sub("", line)).strip()
        cells = table_cells(line)
        if cells is not None:
            blocks.append(Block(number, line, cells))
            joinable = False
            continue
        if (joinable and blocks and heading is None and parse_marker(line) is None):
            prev = blocks[-1]
            blocks[-1] = Block(prev.line, prev.text + line, None, prev.heading)
        else:
            blocks.append(Block(number, line, None, heading))
        joinable = len(line) >= 30 and line[-1] not in _TERMINAL and heading is None
    return blocks


def table_cells(line: str) -> tuple[str, ...] | None:
    """A row of a table flattened to text: cells split by 「|」 or tabs (at least 3 cells)."""
    if line.count("|") >= 2:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
    elif "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    else:
        return None
    return tuple(cells) if len(cells) >= 3 else None
