"""Appending to the progress ledger (台賬) without disturbing a byte of the rest of the file.

A round-trip YAML library (ruamel.yaml) was tried first: on this project's own tasks.yaml it
re-wraps the leading group's multi-line member list, so an edit would touch lines nobody
asked to change.  Instead the new entry is written as text at the place the node tree says
the item's ledger ends: every other byte of the file, comments and quoting included, stays
as it was.  A ledger written in flow style (`progress: [{...}, {...}]`) is extended in flow
style, so its earlier entries are never rewritten.  The whole plan is then validated from
the new text before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import date as Day  # inside `Entry`, `date` is a field
from typing import Any

import yaml

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\[\]{},]*$")
# What a YAML file cannot hold even escaped, as a person would never mean it: C0 and C1
# controls other than tab and line breaks, and lone surrogates (unpaired UTF-16 halves).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def unstorable(text: str) -> tuple[int, str] | None:
    """(1-based position, description) of the first character that cannot be stored."""
    # lazy: only unstorable() needs it (+10 ms: 1 module)
    from suizhou_plan.i18n import Msg

    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return found.start() + 1, Msg("{code} (a lone surrogate, half of a character lost in "
                                      "copying)", code=code)
    # (the C0 and C1 controls have no character names to show)
    return found.start() + 1, Msg("{code} (a control character)", code=code)


def pasted(text: str) -> str:
    """Text as pasted from a spreadsheet cell: line breaks become `\\n`, ends trimmed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def scalar(value: str, *, flow: bool = False) -> str:
    """`value` as a YAML scalar that reads back as the same string (quoted when needed).
    In flow context every value that could end the collection is quoted."""
    if (_PLAIN_SAFE.match(value) and value.isprintable() and value == value.strip()
            and not (flow and " #" in value)):
        try:  # `...`, `=`, `<<`, `0x_`: plain-looking text that YAML reads otherwise
            loaded = yaml.safe_load(value)
        except (yaml.YAMLError, ValueError):
            loaded = None
        if isinstance(loaded, str) and loaded == value:
            return value
    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=1 << 16,
                                 default_style='"')
    return dumped.rstrip("\n")  # double-quoted: never the open-ended `...` of a plain one


@dataclass(frozen=True)
class Source:
    """The file an entry came from: its name as given and the SHA-256 of its bytes."""

    file: str
    sha256: str


@dataclass(frozen=True)
class Entry:
    date: date
    status: str
    by: str | None = None
    note: str | None = None
    problems: str | None = None
    next: str | None = None
    evidence: tuple[str, ...] = ()
    until: Day | None = None
    reason: str | None = None
    received: Day | None = None
    source: Source | None = None

    def key(self) -> tuple[object, ...]:
        """What makes two entries the same report: everything the unit wrote (not when or
        from which file it was recorded), so the same sheet imported twice adds nothing."""
        return (self.date, self.status, self.by, self.note, self.problems, self.next,
                tuple(self.evidence), self.until, self.reason)

    def fields(self, *, flow: bool = False) -> list[str]:
        """`key: value` for every field that is set, in the ledger's order."""
        out = [f"date: {self.date.isoformat()}", f"status: {self.status}"]
        if self.by:
            out.append(f"by: {scalar(self.by, flow=flow)}")
        if self.until is not None:
            out.append(f"until: {self.until.isoformat()}")
        for key in ("reason", "note", "problems", "next"):
            value = getattr(self, key)
            if value:
                out.append(f"{key}: {scalar(value, flow=flow)}")
        if self.evidence:
            out.append("evidence: [" + ", ".join(scalar(e, flow=True) for e in self.evidence)
                       + "]")
        if self.received is not None:
            out.append(f"received: {self.received.isoformat()}")
        if self.source is not None:
            out.append(f"source: {{file: {scalar(self.source.file, flow=True)}, "
                       f"sha256: {scalar(self.source.sha256, flow=True)}}}")
        return out

    def lines(self) -> list[str]:
        """Block-style lines of this entry; the first starts with `- `."""
        out = self.fields()
        return ["- " + out[0]] + ["  " + line for line in out[1:]]

    def flow(self) -> str:
        """This entry as one flow mapping: `{date: …, status: …}`."""
        return "{" + ", ".join(self.fields(flow=True)) + "}"


def _last_end(node: Any) -> Any:
    """The end mark of the last scalar or flow collection in `node`'s subtree: unlike a block
    collection's end mark it sits right after text, never after trailing comments."""
    while True:
        if isinstance(node, yaml.ScalarNode) or node.flow_style:  # collections have one
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


def _at(text: str, mark: Any) -> int:
    return _offset(text, mark.line, mark.column)


def _line_start_after(text: str, mark: Any) -> int:
    """Offset of the start of the line after the text that ends at `mark`.  A block scalar
    (`note: |`) ends with its last line break, so its mark is already at a line start."""
    return _offset(text, mark.line + (mark.column > 0), 0)


def _is_null(node: Any) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in (
        "", "~", "null", "Null", "NULL")


class NotAList(ValueError):
    """The item's `progress:` holds something other than a list (or nothing)."""


_DASH_ALONE = re.compile(r"( *)-[ \t]*(?:#.*)?$")  # `-`, maybe with a comment after it


def _entry_columns(body: str, first: Any) -> tuple[int, int]:
    """(column of the `-`, column of the keys) of a block ledger's first entry, however the
    file spaces them (`- date:`, `-   date:`, or `-` alone on its line)."""
    lines = body.split("\n")
    line = lines[first.start_mark.line]
    keys = first.start_mark.column
    dash = line.rfind("-", 0, keys)
    if dash < 0:  # `-` alone on a line above the mapping (blank or comment lines between)
        for above in range(first.start_mark.line - 1, -1, -1):
            text = lines[above].strip()
            if not text or text.startswith("#"):
                continue
            alone = _DASH_ALONE.match(lines[above])
            if alone is not None:
                return len(alone.group(1)), keys
            break
        return max(keys - 2, 0), keys  # not met in a plan the loader accepts
    return dash, keys


def insert_entry(text: str, item_node: Any, entry: Entry) -> str:
    """The text of the file with `entry` appended to the ledger of the item at `item_node`.
    Only text is added (or an empty ledger's `[]`/`null` replaced): no earlier entry is
    rewritten, whatever style the ledger is written in."""
    return insert_entries(text, item_node, [entry])


def _dash_line_start(body: str, entry: Any) -> int:
    """Offset of the start of the line that holds a block entry's `-` (the entry's own
    line, or the line of a `-` standing alone above it)."""
    lines = body.split("\n")
    line = entry.start_mark.line
    if lines[line].rfind("-", 0, entry.start_mark.column) < 0:
        for above in range(line - 1, -1, -1):
            if _DASH_ALONE.match(lines[above]) is not None:
                line = above
                break
    return _offset(body, line, 0)


def place_entries(text: str, item_node: Any, placed: Sequence[tuple[int, Entry]]) -> str:
    """The text with each `(position, entry)` inserted into the item's ledger before its
    existing entry number `position` (the ledger's length: after the last), so a late report
    stands among the entries of its own date.  Only text is added: no entry is rewritten.
    Insertions are made from the end of the ledger backwards, so the marks of one parse
    stay valid; entries for one position keep their order."""
    progress = next((v for k, v in item_node.value if k.value == "progress"), None)
    count = len(progress.value) if isinstance(progress, yaml.SequenceNode) else 0
    groups: dict[int, list[Entry]] = {}
    for position, entry in placed:
        groups.setdefault(min(max(position, 0), count), []).append(entry)
    text = insert_entries(text, item_node, groups.pop(count, []))
    if not groups:
        return text
    assert isinstance(progress, yaml.SequenceNode)
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n")
    for position in sorted(groups, reverse=True):
        entries = groups[position]
        before = progress.value[position]
        if progress.flow_style:
            at = _at(body, before.start_mark)
            body = body[:at] + ", ".join(e.flow() for e in entries) + ", " + body[at:]
            continue
        dash, keys = _entry_columns(body, progress.value[0])
        lines = [line for entry in entries for line in entry.lines()]
        block = [" " * dash + "-" + " " * (keys - dash - 1) + line[2:] if line[:2] == "- "
                 else " " * keys + line[2:] for line in lines]
        at = _dash_line_start(body, before)
        body = body[:at] + "\n".join(block) + "\n" + body[at:]
    return body.replace("\n", newline) if newline != "\n" else body


def insert_entries(text: str, item_node: Any, entries: Sequence[Entry]) -> str:
    """As `insert_entry`, for several entries appended in order.  Only text at or after the
    item's ledger changes, so items edited from the end of the file backwards keep the
    marks of one parse valid (`progress import` writes a month of reports at once)."""
    if not entries:
        return text
    flows = ", ".join(entry.flow() for entry in entries)
    lines = [line for entry in entries for line in entry.lines()]
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n")
    flow_item = bool(item_node.flow_style)
    key_column = item_node.value[0][0].start_mark.column if item_node.value else (
        item_node.start_mark.column)
    progress = next((v for k, v in item_node.value if k.value == "progress"), None)
    if isinstance(progress, yaml.SequenceNode) and progress.value:
        if progress.flow_style:  # `[{…}, {…}]`: one more flow mapping after the last one
            at = _at(body, progress.value[-1].end_mark)
            new = body[:at] + ", " + flows + body[at:]
        else:
            dash, keys = _entry_columns(body, progress.value[0])
            at = _line_start_after(body, _last_end(progress))
            if at == len(body) and not body.endswith("\n"):  # no final line break
                body += "\n"
                at += 1
            block = [" " * dash + "-" + " " * (keys - dash - 1) + line[2:] if line[:2] == "- "
                     else " " * keys + line[2:] for line in lines]
            new = body[:at] + "\n".join(block) + "\n" + body[at:]
    elif progress is not None:  # `[]`, `null`, `~` or nothing: the empty ledger is replaced
        if not (isinstance(progress, yaml.SequenceNode) or _is_null(progress)):
            raise NotAList("the item's `progress:` is not a list")
        start = _at(body, progress.start_mark)
        end = _at(body, progress.end_mark)
        if flow_item:
            colon = "" if body[:start].rstrip().endswith(":") else ": "
            new = body[:start] + colon + "[" + flows + "]" + body[end:]
        else:
            block = [" " * (key_column + 2) + line for line in lines]
            new = body[:start].rstrip(" ") + "\n" + "\n".join(block) + body[end:]
    elif flow_item:  # `- {id: T01, …}`: add the key inside the braces
        at = _at(body, _last_end(item_node.value[-1][1]))
        new = body[:at] + ", progress: [" + flows + "]" + body[at:]
    else:
        at = _line_start_after(body, _last_end(item_node))
        if at == len(body) and not body.endswith("\n"):
            body += "\n"
            at += 1
        block = [" " * key_column + "progress:"]
        block += [" " * (key_column + 2) + line for line in lines]
        new = body[:at] + "\n".join(block) + "\n" + body[at:]
    return new.replace("\n", newline) if newline != "\n" else new
