"""Appending to the progress ledger (台賬) without disturbing a byte of the rest of the file.

A round-trip YAML library (ruamel.yaml) was tried first: on this project's own tasks.yaml it
re-wraps the leading group's multi-line member list, so an edit would touch lines nobody
asked to change.  Instead the new entry is written as text at the place the node tree says
the item's ledger ends: every other byte of the file, comments and quoting included, stays
as it was.  The whole plan is then validated from the new text before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\[\]{},]*$")


def scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same string (quoted when needed)."""
    if _PLAIN_SAFE.match(value) and value == value.strip():
        loaded = yaml.safe_load(value)
        if isinstance(loaded, str) and loaded == value:
            return value
    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=1 << 16,
                                 default_style='"')
    return dumped.rstrip("\n").removesuffix("\n...")


@dataclass(frozen=True)
class Entry:
    date: date
    status: str
    by: str | None = None
    note: str | None = None
    problems: str | None = None
    next: str | None = None
    evidence: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Block-style lines of this entry; the first starts with `- `."""
        out = [f"date: {self.date.isoformat()}", f"status: {self.status}"]
        for key in ("by", "note", "problems", "next"):
            value = getattr(self, key)
            if value:
                out.append(f"{key}: {scalar(value)}")
        if self.evidence:
            out.append("evidence: [" + ", ".join(scalar(e) for e in self.evidence) + "]")
        return ["- " + out[0]] + ["  " + line for line in out[1:]]


def _last_end(node: Any) -> Any:
    """The end mark of the last scalar or flow collection in `node`'s subtree: unlike a block
    collection's end mark it sits right after text, never after trailing comments."""
    while True:
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
            return node.end_mark
        if isinstance(node, yaml.MappingNode) and node.value:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value:
            node = node.value[-1]
        else:
            return node.end_mark


def _offset(text: str, line: int, column: int) -> int:
    """Offset in `text` (LF line ends) of a 0-based line and column."""
    lines = text.split("\n")
    return min(sum(len(x) + 1 for x in lines[:line]) + column, len(text))


def _line_start_after(text: str, mark: Any) -> int:
    """Offset of the start of the line after the one holding `mark`."""
    return _offset(text, mark.line + 1, 0)


def insert_entry(text: str, item_node: Any, entry: Entry) -> str:
    """The text of the file with `entry` appended to the ledger of the item at `item_node`."""
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n")
    key_column = item_node.value[0][0].start_mark.column if item_node.value else (
        item_node.start_mark.column)
    progress = next((v for k, v in item_node.value if k.value == "progress"), None)
    if isinstance(progress, yaml.SequenceNode) and progress.value and not progress.flow_style:
        dash = progress.value[0].start_mark.column - 2
        at = _line_start_after(body, _last_end(progress))
        block = [" " * dash + line for line in entry.lines()]
        new = body[:at] + "\n".join(block) + "\n" + body[at:]
    elif progress is not None:  # `progress: []` (or an empty value): replace it by a block
        start = _offset(body, progress.start_mark.line, progress.start_mark.column)
        end = _offset(body, progress.end_mark.line, progress.end_mark.column)
        block = [" " * (key_column + 2) + line for line in entry.lines()]
        new = body[:start].rstrip(" ") + "\n" + "\n".join(block) + body[end:]
    else:
        at = _line_start_after(body, _last_end(item_node))
        if at == len(body) and not body.endswith("\n"):
            body += "\n"
            at += 1
        block = [" " * key_column + "progress:"]
        block += [" " * (key_column + 2) + line for line in entry.lines()]
        new = body[:at] + "\n".join(block) + "\n" + body[at:]
    return new.replace("\n", newline) if newline != "\n" else new
