"""A Word .docx → blocks: paragraphs and table rows in body order, with the numbering that
Word generates (「一、」「（一）」「1.」 from the numbering definitions) written back in front of
each numbered paragraph, since it is not part of the paragraph's text."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.document import Block, Document, UnreadableDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


MAX_PART = 64 * 1024 * 1024  # bytes unpacked: a long plan's document.xml is a few MB
MAX_UNPACKED = 200 * 1024 * 1024  # every part together, images included
MAX_PARTS = 10_000


def check_package(path: Path, data: bytes) -> None:
    """Refuse a package whose parts unpack beyond the limits, before any part is read:
    a small file can hold a part of gigabytes.  The sizes checked are those the zip
    directory declares, which bound what zipfile will unpack of each part."""
    # lazy: only check_package() needs it (+6 ms)
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UnreadableDocument(Msg("{path} cannot be read as a Word .docx file: {why}",
                                     path=str(path), why=str(exc))) from None
    if len(infos) > MAX_PARTS:
        raise UnreadableDocument(Msg(
            "{path} holds {count} parts, over the limit of {limit} for a Word document",
            path=str(path), count=format(len(infos), ","), limit=format(MAX_PARTS, ",")))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART:
            raise UnreadableDocument(Msg(
                "{path}: its part {part} unpacks to {size} bytes, over the {limit}-byte limit "
                "for one part; nothing was read", path=str(path), part=info.filename[:200],
                size=format(info.file_size, ","), limit=format(MAX_PART, ",")))
    if total > MAX_UNPACKED:
        raise UnreadableDocument(Msg(
            "{path} unpacks to {size} bytes, over the {limit}-byte limit; nothing was read",
            path=str(path), size=format(total, ","), limit=format(MAX_UNPACKED, ",")))


def read_docx(path: Path, data: bytes) -> Document:
    check_package(path, data)
    try:
        # lazy: only read_docx() needs it (+187 ms: docx, lxml)
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise UnreadableDocument(Msg("{path} cannot be read as a Word .docx file: {why}",
                                     path=str(path), why=str(exc))) from None
    doc = Document(path, "docx", None)
    numbering = _Numbering(word)
    position = 0
    for child in word.element.body.iterchildren():
        if child.tag == f"{_W}p":
            position += 1
            para = Paragraph(child, word)
            text = " ".join(para.text.split())
            if not text:
                continue
            prefix = numbering.prefix(para)
            doc.blocks.append(Block(position, prefix + text, None, _heading_level(para)))
        elif child.tag == f"{_W}tbl":
            rows = [tuple(" ".join(c.text.split()) for c in row.cells)
                    for row in Table(child, word).rows]
            if all(len({c for c in cells if c}) <= 1 for cells in rows):
                # one item per cell (a one-column table used as a frame): its paragraphs
                table = Table(child, word)
                for row in table.rows:
                    seen: list[Any] = []
                    for cell in row.cells:
                        if any(cell._tc is tc for tc in seen):
                            continue  # a merged cell comes back once per grid column
                        seen.append(cell._tc)
                        for para in cell.paragraphs:
                            position += 1
                            text = " ".join(para.text.split())
                            if text:
                                doc.blocks.append(Block(position, numbering.prefix(para) + text,
                                                        None, _heading_level(para)))
                continue
            for cells in rows:
                position += 1
                if any(cells):
                    doc.blocks.append(Block(position, " | ".join(cells), cells))
    return doc


def _heading_level(para: Any) -> int | None:
    name = (para.style.name if para.style is not None else "") or ""
    match = re.match(r"(?:Heading|標題|标题)\s*(\d)", name)
    return int(match.group(1)) if match else None


class _Numbering:
    """Counters per (numbering id, level), rendered with each level's format and text."""

    def __init__(self, word: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def prefix(self, para: Any) -> str:
        num_pr = _num_pr(para)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        spec = self.levels.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, spec[2] - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]
        fmt, template, _ = spec
        if fmt == "bullet" or fmt == "none":
            return ""

        def level_value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            spec_at = self.levels.get((num_id, level), spec)
            value = self.counters.get((num_id, level), spec_at[2])
            return _format(spec_at[0], value)

        return re.sub(r"%(\d)", level_value, template)


def _num_pr(para: Any) -> tuple[str, int] | None:
    for source in (para._p.pPr, _style_ppr(para)):
        if source is None:
            continue
        num_pr = source.find(f"{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is not None:
            return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val")) if ilvl is not None else 0
    return None


def _style_ppr(para: Any) -> Any:
    style = para.style
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.find(f"{_W}numPr") is not None:
            return ppr
        style = style.base_style
    return None


def _format(fmt: str, value: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"):
        return _cn(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    return str(value)


def _cn(value: int) -> str:
    if value <= 10:
        return _CN[value - 1]
    if value < 20:
        return "十" + _CN[value - 11]
    tens, ones = divmod(value, 10)
    return _CN[tens - 1] + "十" + (_CN[ones - 1] if ones else "")
