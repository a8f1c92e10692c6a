"""The numbering that starts a paragraph: 一、 （一） 1. （1） ① 第一章, and its value.

Which marker style sits at which depth is not fixed: the structure module nests styles by the
order in which they first appear, as readers do."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "零一二三四五六七八九十百"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(r"^第([零一二三四五六七八九十百\d]+)(章|部分|篇|節|节)\s*")),
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．,，﹒]\s*")),
    ("pcn", re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*[、.．]?\s*")),
    ("num", re.compile(r"^(\d{1,3})\s*(?:[.．、,，﹒](?!\d)|\s+(?=\D))\s*")),
    ("pnum", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*")),
    ("rnum", re.compile(r"^(\d{1,3})\s*[）)]\s*")),
    ("circ", re.compile(r"^([" + _CIRCLED + r"])\s*")),
)


@dataclass(frozen=True)
class Marker:
    style: str
    value: int
    written: str  # the marker as it stands in the text, e.g. 「（三）」

    def __str__(self) -> str:
        return self.written


def cn_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (plans rarely go beyond)."""
    if text.isdigit():
        return int(text)
    if "百" in text:
        head, _, rest = text.partition("百")
        return (cn_value(head) if head else 1) * 100 + (cn_value(rest) if rest else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN.index(tens) if tens else 1) * 10 + (_CN.index(ones) if ones else 0)
    return _CN.index(text) if len(text) == 1 else 0


def parse_marker(text: str) -> tuple[Marker, str] | None:
    """The leading marker of `text` and the text after it, or None."""
    for style, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        raw = match.group(1)
        value = _CIRCLED.index(raw) + 1 if style == "circ" else cn_value(raw)
        rest = text[match.end():]
        if not rest.strip():
            return None
        if style == "num" and re.match(r"^\s*(年|月|日|%|万|亿|個|个|家|项|項)", rest):
            return None
        return Marker(style, value, match.group().strip()), rest
    return None
