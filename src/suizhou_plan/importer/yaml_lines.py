"""A plan file as lines, with the lines each key and each list item spans, and edits that
replace, insert or remove whole lines, so that `import --update` changes the lines of what
changed and leaves every other byte as the office left it (its comments, its layout, the
ledger's entries).

Spans come from libyaml's marks (`yaml.compose`).  A key's span starts after the previous
key's value (so the comments above a key travel with it) and ends on the last line of its
value; a block collection's last line is its last child's.  Only block collections can be
edited: a flow list (`units: [A, B]`) is replaced whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


class NotEditable(Exception):
    """The file's layout is not one the editor can change line by line (`args[0]` says
    where, in English, for the message that wraps it)."""


@dataclass
class KeySpan:
    key: str
    first: int  # the first line of its span: the comments above it
    line: int  # the key's own line
    last: int  # the last line of its value
    column: int
    value: Any  # the yaml node


@dataclass
class MapSpan:
    """A mapping: an item of a block list (`- id: T1` …), or a key's block value."""

    first: int  # the item's first line (comments above it included)
    line: int  # the line of its first key (the dash's line for a list item)
    last: int
    column: int  # the column of its keys
    dash: int  # the column of the item's dash (-1 for a plain mapping)
    keys: dict[str, KeySpan] = field(default_factory=dict)
    node: Any = None

    def after(self, *names: str) -> int:
        """The line after the last of `names` present (or after the item's first key)."""
        present = [self.keys[n].last for n in names if n in self.keys]
        return max(present) + 1 if present else self.line + 1


def last_line(node: Any) -> int:
    """The last line (0-based) that holds part of `node`."""
    # lazy: only last_line() needs it (+22 ms: yaml)
    import yaml

    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            end = node.end_mark
            return end.line if end.column > 0 else end.line - 1
        return int(node.end_mark.line)
    if node.flow_style or not node.value:
        return int(node.end_mark.line)
    child = node.value[-1]
    return last_line(child[1] if isinstance(child, tuple) else child)


def mapping(node: Any, first: int, dash: int = -1) -> MapSpan:
    # lazy: only mapping() needs it (+22 ms: yaml)
    import yaml

    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise NotEditable(f"line {node.start_mark.line + 1}: not a block mapping")
    out = MapSpan(first, node.start_mark.line, last_line(node), node.start_mark.column, dash,
                  node=node)
    start = first
    for key, value in node.value:
        span = KeySpan(str(key.value), start, key.start_mark.line, last_line(value),
                       key.start_mark.column, value)
        out.keys[span.key] = span
        start = span.last + 1
    return out


def items(node: Any, first: int, lines: list[str]) -> list[MapSpan]:
    """The mappings of a block list, each from the line after the previous one's last."""
    # lazy: only items() needs it (+22 ms: yaml)
    import yaml

    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        raise NotEditable(f"line {node.start_mark.line + 1}: not a block list")
    out: list[MapSpan] = []
    start = first
    for item in node.value:
        line, column = item.start_mark.line, item.start_mark.column
        dash = lines[line].rfind("-", 0, column)
        if dash < 0 or lines[line][dash + 1:column].strip():
            raise NotEditable(f"line {line + 1}: a list item that does not start its line")
        span = mapping(item, start, dash)
        out.append(span)
        start = span.last + 1
    return out


@dataclass(frozen=True)
class Edit:
    start: int  # the first line replaced (0-based)
    end: int  # the line after the last replaced: start == end inserts
    lines: tuple[str, ...]


class Lines:
    """The file's lines and the edits to make; `apply` makes them all at once, from the
    bottom up, refusing edits that overlap (a bug).  Lines are split where libyaml counts
    a line (CR LF, LF, CR, NEL, LS, PS), each keeping its own ending, so a file saved on
    Windows stays so; new lines take the file's first ending."""

    def __init__(self, text: str) -> None:
        parts = re.split("(\r\n|[\n\r\x85\u2028\u2029])", text)
        self.lines: list[str] = parts[0::2]
        self.ends: list[str] = [*parts[1::2], ""]
        if len(self.lines) > 1 and self.lines[-1] == "":
            self.lines.pop()
            self.ends.pop()
        self.newline = next((e for e in self.ends if e in ("\r\n", "\n")), "\n")
        self.edits: list[Edit] = []

    def replace(self, start: int, end: int, lines: list[str]) -> None:
        self.edits.append(Edit(start, end, tuple(lines)))

    def insert(self, at: int, lines: list[str]) -> None:
        if lines:
            self.edits.append(Edit(at, at, tuple(lines)))

    def apply(self) -> str:
        pairs = list(zip(self.lines, self.ends, strict=True))
        if pairs and not pairs[-1][1] and self.edits:
            pairs[-1] = (pairs[-1][0], self.newline)  # lines may follow the last one now
            unterminated = True
        else:
            unterminated = False
        # From the bottom up; at one line, a replacement before the insertions in front of
        # it, and insertions at one line in the order they were asked for.
        ordered = sorted(enumerate(self.edits),
                         key=lambda e: (e[1].start, e[1].end, e[0]), reverse=True)
        floor = len(pairs)
        for _, edit in ordered:
            if edit.end > floor:
                raise AssertionError(f"overlapping edits at line {edit.start + 1}")
            pairs[edit.start:edit.end] = [(line, self.newline) for line in edit.lines]
            floor = edit.start
        text = "".join(line + end for line, end in pairs)
        return text[:-len(self.newline)] if unterminated and text.endswith(self.newline) \
            else text


def indent(lines: list[str], by: int) -> list[str]:
    """`lines` moved right by `by` columns (left when negative, as far as their spaces go)."""
    if by >= 0:
        return [(" " * by + line) if line else line for line in lines]
    out: list[str] = []
    for line in lines:
        spaces = len(line) - len(line.lstrip(" "))
        out.append(line[min(spaces, -by):])
    return out
