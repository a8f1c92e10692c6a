"""A page saved from a government website → blocks, without the page furniture.

lxml's HTML parser reads the page (and its declared charset); navigation, breadcrumbs,
headers, footers, scripts and share widgets are dropped by element and by class or id, and
the rest is read block by block with the source line of each element."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.reading import Block, Document, UnreadableDocument, table_cells

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


def read_html(path: Path, data: bytes) -> Document:
    import lxml.html

    text, encoding = _decode(path, data)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises its own types for unparseable markup
        raise UnreadableDocument(Msg("{path} cannot be read as HTML: {why}", path=str(path),
                                     why=str(exc))) from None
    doc = Document(path, "html", encoding)
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


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The page's text and its encoding: the one it declares, else the one detected (a page
    saved without a declaration is common, and lxml would read it as Latin-1)."""
    import codecs

    from suizhou_plan.importer.encoding import decode_document

    match = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(_SUPERSETS.get(declared, declared)).name
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return _XML_DECLARATION.sub("", text, count=1), declared.upper()
    decoded = decode_document(data)
    if decoded is None:
        raise UnreadableDocument(Msg(
            "{path} is not text in UTF-8, GBK, GB18030 or Big5; save the page as UTF-8",
            path=str(path)))
    return _XML_DECLARATION.sub("", decoded.text, count=1), decoded.encoding


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
    _walk(element, out)
    return out


def _walk(element: Any, out: list[Block]) -> None:
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
    if not has_block_child or tag in _HEADINGS or tag == "p":
        for offset, line in enumerate(_lines(element)):
            cells = table_cells(line)
            out.append(Block((element.sourceline or 0) + offset, line, cells,
                             _HEADINGS.get(tag)))
        return
    if element.text and element.text.strip() and tag in _CONTAINERS:
        out.append(Block(element.sourceline or 0, " ".join(element.text.split())))
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, out)
        if child.tail and child.tail.strip():
            out.append(Block(child.sourceline or element.sourceline or 0,
                             " ".join(child.tail.split())))


def _lines(element: Any) -> list[str]:
    """The element's text, split where the page breaks lines (<br>)."""
    parts: list[str] = []
    current: list[str] = []

    def visit(el: Any) -> None:
        if isinstance(el.tag, str) and el.tag == "br":
            parts.append("".join(current))
            current.clear()
        elif el.text and isinstance(el.tag, str):
            current.append(el.text)
        for child in el:
            visit(child)
            if child.tail:
                current.append(child.tail)

    visit(element)
    parts.append("".join(current))
    return [" ".join(p.replace("\u00a0", " ").split()) for p in parts if p.strip()]


def _text(element: Any) -> str:
    return " ".join(" ".join(_lines(element)).split())
