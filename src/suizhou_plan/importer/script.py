"""Patterns that match a word in either script: 責任單位 and 责任单位 alike.

Documents arrive in traditional or simplified script (and copies mix both), so every label
and role word the importer looks for is written once, simplified, and widened here into a
character class holding each character's other-script forms (by OpenCC, plus the variants
that plan copies leave half-converted: 于/於, 云/雲, 台/臺)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_EXTRA = {"于": "於", "於": "于", "云": "雲", "台": "臺", "里": "裡", "后": "後", "干": "幹"}
_converters: dict[str, Any] = {}


def _convert(config: str, text: str) -> str:
    if config not in _converters:
        # lazy: only _convert() needs it (+4 ms: opencc)
        import opencc

        _converters[config] = opencc.OpenCC(config)
    return str(_converters[config].convert(text))


@lru_cache(maxsize=4096)
def forms(ch: str) -> str:
    """`ch` and its other-script forms, `ch` first."""
    if not "\u4e00" <= ch <= "\u9fff":
        return ch
    out = ch
    for other in (_convert("s2t", ch), _convert("t2s", ch), _EXTRA.get(ch, "")):
        if len(other) == 1 and other not in out:
            out += other
    return out


def either(pattern: str) -> str:
    """`pattern` (a regular expression) with each Chinese character widened to its forms
    (inside a character class, the forms are added to the class)."""
    out: list[str] = []
    in_class = False
    for ch in pattern:
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        wide = forms(ch)
        out.append(wide if in_class or len(wide) == 1 else f"[{wide}]")
    return "".join(out)


def compile_either(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(either(pattern), flags)
