"""A document read into blocks: each paragraph or table row with the line it came from.

The types every reader produces (`Block`, `Document`), the one refusal (`UnreadableDocument`),
the length limits, and plain text → blocks.  The readers of each format (`reading_docx`,
`reading_html`, `reading_pdf`, `encoding`) build on this module; `reading.read_document`
chooses among them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.numbering import parse_marker


@dataclass(frozen=True)
class Block:
    line: int
    text: str
    cells: tuple[str, ...] | None = None
    heading: int | None = None  # markdown / HTML / Word heading level
    order: int = 0  # position among the blocks: pieces of one flattened line share its line


@dataclass
class Document:
    path: Path
    format: str
    encoding: str | None
    blocks: list[Block] = field(default_factory=list)
    dropped: list[Block] = field(default_factory=list)  # page furniture left out (HTML)
    replaced: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, bytes)
    notes: list[tuple[str, int | None, dict[str, str]]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # a PDF: the page of each line (line 1 first)

    def page_of(self, line: int) -> int | None:
        """The PDF page a line of its text layer is on; None for other formats."""
        return self.pages[line - 1] if 0 < line <= len(self.pages) else None

    @property
    def where(self) -> str:
        return "paragraph" if self.format == "docx" else "line"

    def place(self, line: int) -> Msg:
        """「line 12」 or 「paragraph 12」, in the reader's language when shown."""
        if self.format == "docx":
            return Msg("paragraph {n}", n=str(line))
        return Msg("line {n}", n=str(line))


class UnreadableDocument(Exception):
    """The document cannot be read at all (the message says why and what to do)."""


# Characters of text: the bundled plan holds 7,711, a 300-task division table about 25,000;
# the import costs about 15 ms per 1,000 characters, so the limit bounds it to seconds.
MAX_CHARS = 200_000


def check_text_length(doc: Document, text: str) -> None:
    if len(text) > MAX_CHARS:
        line = text.count("\n", 0, MAX_CHARS) + 1
        raise UnreadableDocument(Msg(
            "{path} holds {count} characters of text, over the {limit}-character limit "
            "(reached at {place}); split the document and import each part",
            path=str(doc.path), count=format(len(text), ","), limit=format(MAX_CHARS, ","),
            place=doc.place(line)))


def check_length(doc: Document) -> Document:
    total = 0
    for block in doc.blocks:
        total += len(block.text)
        if total > MAX_CHARS:
            raise UnreadableDocument(Msg(
                "{path} holds more than {limit} characters of text (reached at {place}); "
                "split the document and import each part", path=str(doc.path),
                limit=format(MAX_CHARS, ","), place=doc.place(block.line)))
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
    followed by a line with no numbering) is joined back into one block; the pieces are
    joined once, at the end, so a paragraph of many lines costs its length, not its square."""
    blocks: list[Block] = []
    pieces: list[list[str]] = []  # the lines of each block
    joinable = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u00a0", " ").replace("\f", "").lstrip().rstrip(" \u3000\r\n\v")
        if not line.strip():
            line = ""
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
            pieces.append([line])
            joinable = False
            continue
        if (joinable and blocks and heading is None and parse_marker(line[:40]) is None):
            pieces[-1].append(line)
        else:
            blocks.append(Block(number, line, None, heading))
            pieces.append([line])
        joinable = len(line) >= 30 and line[-1] not in _TERMINAL and heading is None
    return [Block(b.line, "".join(p), b.cells, b.heading) if len(p) > 1 else b
            for b, p in zip(blocks, pieces, strict=True)]


def table_cells(line: str) -> tuple[str, ...] | None:
    """A row of a table flattened to text: cells split by 「|」 or tabs (at least 3 cells)."""
    if line.count("|") >= 2:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
    elif "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    else:
        return None
    return tuple(cells) if len(cells) >= 3 else None
