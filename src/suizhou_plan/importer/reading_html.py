"""A page saved from a government website → blocks, without the page furniture.

lxml's HTML parser reads the page (and its declared charset); navigation, breadcrumbs,
headers, footers, scripts and share widgets are dropped by element and by class or id, and
the rest is read block by block with the source line of each element."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.document import Block, Document, UnreadableDocument, table_cells

_DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "button", "select", "iframe", "svg", "template", "head"}
_FURNITURE = re.compile(
    r"nav|menu|breadcrumb|crumb|bread|footer|foot|header|head|sidebar|share|location|position|"
    r"weizhi|dqwz|topbar|toolbar|copyright|print|qrcode|ewm|related|xgwz|pager|search|login",
    re.I)
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr",
               "table", "section", "article", "main", "blockquote", "pre", "dd", "dt", "ul",
               "ol", "center", "tbody", "thead", "body", "html", "font", "span"}
_CONTAINERS = {"p", "div", "li", "section", "article", "main", "blockquote", "pre", "dd",
               "dt", "center", "body", "td", "th", "font", "span", "ul", "ol"}
_BREADCRUMB_TEXT = re.compile(
    r"^(當前位置|当前位置|您的位置|您現在的位置|您现在的位置|首頁\s*[>›»]|首页\s*[>›»])|"
    r"(掃一掃|扫一扫|分享到|打印本頁|打印本页|關閉窗口|关闭窗口|【字體|【字体|瀏覽次數|浏览次数)")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


# Presentational tags that old pages open and never close (「<font color=red>」 per line):
# they carry nothing the import reads, and nested they pass libxml2's depth limit.
_INLINE = re.compile(rb"</?(?:font|b|strong|i|em|u|small|big|o:p)(?:\s[^<>]*)?/?>", re.I)
MAX_DEPTH = 2048  # libxml2's limit with huge_tree; the page beyond it would be cut


def read_html(path: Path, data: bytes, *, replace_bad_bytes: bool = False) -> Document:
    # lazy: only read_html() needs it (+13 ms: lxml)
    import lxml.etree
    import lxml.html

    text, encoding, notes, replaced = _decode(path, _INLINE.sub(b"", data), replace_bad_bytes)
    parser = lxml.html.HTMLParser(huge_tree=True, recover=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise UnreadableDocument(Msg("{path} cannot be read as HTML: {why}", path=str(path),
                                     why=str(exc))) from None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message:
            raise UnreadableDocument(Msg(
                "{path}: its elements are nested more than {limit} deep at line {line}, "
                "where the HTML parser stops, so the rest of the page could not be read; "
                "save the page as text (or correct its markup) and import that",
                path=str(path), limit=str(MAX_DEPTH), line=str(error.line)))
    doc = Document(path, "html", encoding)
    doc.notes.extend(notes)
    doc.replaced = replaced
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _DROP_TAGS or _is_furniture(element):
            parent = element.getparent()
            if parent is not None:
                doc.dropped.extend(_blocks(element))
                element.drop_tree()
    body = root.find("body")
    for block in _blocks(body if body is not None else root):
        (doc.dropped if _BREADCRUMB_TEXT.search(block.text) else doc.blocks).append(block)
    return doc


_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
# What a page may declare: the text encodings of the web (WHATWG), by Python's names.
_WEB_CODECS = {"utf_8", "gb18030", "gbk", "big5hkscs", "big5", "utf_16_le", "utf_16_be",
               "utf_16", "ascii", "latin_1", "iso8859_2", "iso8859_15", "cp1250", "cp1251",
               "cp1252", "shift_jis", "euc_jp", "euc_kr", "koi8_r", "iso2022_jp", "hz",
               "gb2312", "cp936", "cp950"}


def _decode(path: Path, data: bytes, replace_bad_bytes: bool
            ) -> tuple[str, str, list[tuple[str, int | None, dict[str, str]]],
                       list[tuple[int, int, str]]]:
    """The page's text and its encoding: the one it declares, else the one detected (a page
    saved without a declaration is common, and lxml would read it as Latin-1).  A declared
    name that is no text encoding (「undefined」, 「punycode」) is said and set aside."""
    # lazy: only _decode() needs it (+5 ms: 1 module)
    from suizhou_plan.importer.encoding import (
        bad_byte_message,
        decode_or_refuse,
        decode_replacing,
        locate_bad_byte,
    )

    notes: list[tuple[str, int | None, dict[str, str]]] = []
    match = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        line = data.count(b"\n", 0, match.start()) + 1
        try:
            codec = codecs.lookup(_SUPERSETS.get(declared, declared)).name.replace("-", "_")
        except LookupError:
            codec = ""
        if codec in _WEB_CODECS:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                bad = locate_bad_byte(data, ((codec, declared.upper()),))
                if bad is not None and replace_bad_bytes:
                    replaced = decode_replacing(data, codec, declared.upper())
                    if replaced is not None:
                        return (_XML_DECLARATION.sub("", replaced.text, count=1),
                                declared.upper(), notes, replaced.replaced)
                if bad is not None and not replace_bad_bytes:
                    raise UnreadableDocument(bad_byte_message(path, bad)) from None
            else:
                return _XML_DECLARATION.sub("", text, count=1), declared.upper(), notes, []
        else:
            notes.append(("charset-unknown", line, {"charset": declared[:40]}))
    decoded = decode_or_refuse(path, data, replace_bad_bytes=replace_bad_bytes)
    return (_XML_DECLARATION.sub("", decoded.text, count=1), decoded.encoding, notes,
            decoded.replaced)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _is_furniture(element: Any) -> bool:
    marks = " ".join(filter(None, (element.get("class"), element.get("id"),
                                   element.get("role"))))
    if not marks or element.tag in ("body", "html"):
        return False
    return bool(_FURNITURE.search(marks)) and not re.search(r"content|article|zoom|main|text",
                                                            marks, re.I)


def _blocks(element: Any) -> list[Block]:
    out: list[Block] = []
    _walk(element, out, 0)
    return out


_WALK_DEPTH = 200  # deeper elements are read as one block of lines (no recursion limit)


def _walk(element: Any, out: list[Block], depth: int) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "tr":
        row = tuple(_text(c) for c in element if isinstance(c.tag, str)
                    and c.tag in ("td", "th"))
        if any(row):
            out.append(Block(element.sourceline or 0, " | ".join(row),
                             row if len(row) >= 2 else None))
        return
    has_block_child = any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS and c.tag != "span"
                          and c.tag != "font" for c in element)
    if not has_block_child or tag in _HEADINGS or tag == "p" or depth >= _WALK_DEPTH:
        for offset, line in enumerate(_lines(element)):
            cells = table_cells(line)
            out.append(Block((element.sourceline or 0) + offset, line, cells,
                             _HEADINGS.get(tag)))
        return
    if element.text and element.text.strip() and tag in _CONTAINERS:
        out.append(Block(element.sourceline or 0, " ".join(element.text.split())))
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, out, depth + 1)
        if child.tail and child.tail.strip():
            out.append(Block(child.sourceline or element.sourceline or 0,
                             " ".join(child.tail.split())))


_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"}


def _lines(element: Any) -> list[str]:
    """The element's text, split where the page breaks lines (<br>, and the blocks inside an
    element read whole), without recursion: a page may nest elements thousands deep."""
    # lazy: only _lines() needs it (+9 ms: lxml)
    import lxml.etree

    parts: list[str] = []
    current: list[str] = []
    for event, el in lxml.etree.iterwalk(element, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BREAKS and el is not element:
                parts.append("".join(current))
                current.clear()
            if el.text and tag and tag != "br":
                current.append(el.text)
        else:
            if tag in _BREAKS and tag != "br" and el is not element:
                parts.append("".join(current))
                current.clear()
            if el is not element and el.tail:
                current.append(el.tail)
    parts.append("".join(current))
    return [" ".join(p.replace("\u00a0", " ").split()) for p in parts if p.strip()]


def _text(element: Any) -> str:
    return " ".join(" ".join(_lines(element)).split())
