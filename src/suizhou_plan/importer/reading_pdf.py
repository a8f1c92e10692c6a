"""A PDF → blocks: the text layer line by line and its ruled tables row by row, in reading
order, without the page headers, footers and page numbers.

pdfplumber (on pdfminer.six) gives each character with its position, so a table is found by
its ruling lines and its cells read whole (a merged cell comes back as None, and is filled
from the row above, as a merged lead unit means), and the text outside the tables keeps its
lines.  A line in the top or bottom margin band of a page, or a page number anywhere on its
own line, is page furniture.  A PDF without a text layer (a scan) cannot be imported: it is
refused, saying so."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.document import Block, Document, UnreadableDocument, text_blocks

MAX_PAGES = 2000
MARGIN = 0.07  # of the page's height: running headers and footers sit in this band
_PAGE_NUMBER = re.compile(r"^[—–\-－~～\s]*(第\s*)?\d{1,4}\s*(页|頁|/\s*\d+)?[—–\-－~～\s]*$"
                          r"|^(第\s*)?\d{1,4}\s*(页|頁)\s*(共\s*\d+\s*(页|頁))?$"
                          r"|^[-—–－]?\s*\d{1,4}\s*[-—–－]?$")


def read_pdf(path: Path, data: bytes) -> Document:
    try:
        # lazy: only read_pdf() needs it (+160 ms: pdfplumber)
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a declared dependency
        raise UnreadableDocument(Msg(
            "{path} is a PDF, and reading PDFs needs pdfplumber: pip install pdfplumber",
            path=str(path))) from None
    doc = Document(path, "pdf", None)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise UnreadableDocument(Msg(
                    "{path} has {count} pages, over the {limit}-page limit; split it and "
                    "import each part", path=str(path), count=str(len(pdf.pages)),
                    limit=str(MAX_PAGES)))
            segments: list[str | tuple[str, ...]] = []
            chars = 0
            for number, page in enumerate(pdf.pages, start=1):
                before = len(segments)
                chars += _read_page(page, segments, doc)
                doc.pages.extend([number] * (len(segments) - before))
                page.flush_cache()
    except UnreadableDocument:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, AssertionError) as exc:
        raise UnreadableDocument(Msg("{path} cannot be read as a PDF: {why}", path=str(path),
                                     why=str(exc) or type(exc).__name__)) from None
    except Exception as exc:  # pdfminer raises many types of its own for damaged files
        raise UnreadableDocument(Msg("{path} cannot be read as a PDF: {why}", path=str(path),
                                     why=str(exc) or type(exc).__name__)) from None
    if chars == 0:
        raise UnreadableDocument(Msg(
            "{path} has no text layer (it is a scan, or pictures of pages): there is no text "
            "to import; run OCR on it first (e.g. `ocrmypdf -l chi_sim {name} out.pdf`) or "
            "import the document it was printed from", path=str(path), name=path.name))
    doc.blocks = _blocks(segments)
    return doc


def _read_page(page: Any, segments: list[str | tuple[str, ...]], doc: Document) -> int:
    """Appends the page's lines and table rows to `segments`; the characters read."""
    height = float(page.height)
    top_band, bottom_band = height * MARGIN, height * (1 - MARGIN)
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom
                       for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    placed: list[tuple[float, str | tuple[str, ...]]] = []
    chars = 0
    for line in text_page.extract_text_lines(layout=False, strip=True, return_chars=False):
        text = " ".join(str(line["text"]).split())
        if not text:
            continue
        chars += len(text)
        if line["bottom"] <= top_band or line["top"] >= bottom_band or _PAGE_NUMBER.match(text):
            doc.dropped.append(Block(0, text))
            continue
        placed.append((float(line["top"]), text))
    for table in tables:
        previous: list[str] = []
        for index, row in enumerate(table.extract()):
            cells = [None if c is None else join_wrapped(str(c)) for c in row]
            chars += sum(len(c) for c in cells if c)
            filled = [c if c is not None else (previous[i] if i < len(previous)
                                               and any(x is not None for x in cells[1:])
                                               else "") for i, c in enumerate(cells)]
            previous = filled
            placed.append((float(table.bbox[1]) + index * 1e-3, tuple(filled)))
    placed.sort(key=lambda p: p[0])
    segments.extend(item for _, item in placed)
    return chars


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def join_wrapped(text: str) -> str:
    """A table cell's lines as one: a line break between two Chinese characters is where
    the cell wrapped (「编制公共数据」 / 「开放目录」 → 「编制公共数据开放目录」), elsewhere a
    space."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out = ""
    for line in filter(None, lines):
        if out and not (_CJK.match(out[-1]) and _CJK.match(line[0])):
            out += " "
        out += line
    return out


def _blocks(segments: list[str | tuple[str, ...]]) -> list[Block]:
    """Text lines joined as `text_blocks` joins a hard-wrapped text; table rows as rows.
    Lines are numbered over the whole text layer, a table row counting as one line."""
    out: list[Block] = []
    pending: list[str] = []
    first = 1

    def flush() -> None:
        if pending:
            for block in text_blocks("\n".join(pending)):
                out.append(Block(block.line + first - 1, block.text, block.cells, block.heading))
            pending.clear()

    line = 0
    for segment in segments:
        line += 1
        if isinstance(segment, str):
            if not pending:
                first = line
            pending.append(segment)
            continue
        flush()
        cells = tuple(segment)
        if any(cells):
            filled = [c for c in cells if c]
            out.append(Block(line, " | ".join(cells), cells if len(filled) >= 2 or
                             len(cells) >= 2 else None))
    flush()
    return out
