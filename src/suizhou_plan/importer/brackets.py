"""Brackets as documents write them: full- or half-width, nested, sometimes mismatched.

A 「（」 may close with 「)」, a unit list may hold 「各縣（市、區）人民政府」, and a typist may
drop a closing bracket.  Scanning with a depth counter (not a regular expression) copes with
all of these."""

from __future__ import annotations

from dataclasses import dataclass

OPEN = "（(【[〔"
CLOSE = "）)】]〕"


@dataclass(frozen=True)
class Group:
    start: int  # index of the opening bracket
    end: int  # index after the closing bracket (len(text) when it never closes)
    inner: str
    closed: bool
    mismatched: bool  # closed by a bracket of another shape (（ … ))


def top_level_groups(text: str) -> list[Group]:
    """Bracketed groups at depth 0, in order; an unclosed group runs to the end."""
    groups: list[Group] = []
    depth = 0
    start = 0
    opener = ""
    mismatched = False
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start, opener, mismatched = i, ch, False
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                mismatched = OPEN.index(opener) != CLOSE.index(ch)
                groups.append(Group(start, i + 1, text[start + 1 : i], True, mismatched))
    if depth > 0:
        groups.append(Group(start, len(text), text[start + 1 :], False, False))
    return groups


def split_top_level(text: str, separators: str) -> list[str]:
    """`text` split at each separator character outside brackets."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
        if depth == 0 and ch in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts
