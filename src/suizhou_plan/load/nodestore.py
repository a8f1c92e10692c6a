"""The compact node store behind `yamltree`: every node of a document in flat arrays (kind,
style, tag, start and end, children), handing out `yaml.Node` objects only when some code
asks for one (to locate a finding, or to edit the ledger).  Also the scalar tag rules the
builder needs: which plain scalars are null, and which are refused (`<<`, `=`)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

    LIBYAML = False

__all__ = ["LIBYAML", "MAX_DEPTH", "Loader", "Store"]

MAX_DEPTH = 64
STD_TAG = "tag:yaml.org,2002:"
NULL_TAG = STD_TAG + "null"
MERGE_TAG = STD_TAG + "merge"
STR_TAG = STD_TAG + "str"
SEQ_TAG = STD_TAG + "seq"
MAP_TAG = STD_TAG + "map"
KNOWN_TAGS = {
    STD_TAG + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
}
# What PyYAML's resolver makes of the plain scalars whose tag matters to the builder.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
REFUSED_PLAIN = {"<<": MERGE_TAG, "=": STD_TAG + "value"}
PLAIN_SPECIAL = NULLS | set(REFUSED_PLAIN)

# Node shapes, one byte per node.  Scalars: their style; collections: kind and flow style.
STYLE_CODE: dict[str | None, int] = {None: 0, "": 1, "'": 2, '"': 3, "|": 4, ">": 5}
CODE_STYLE: tuple[str | None, ...] = (None, "", "'", '"', "|", ">")
SEQ, MAP = 8, 16  # plus 0 (flow style unknown), 1 (block) or 2 (flow)
FLOW_CODE: dict[bool | None, int] = {None: 0, False: 1, True: 2}
CODE_FLOW: tuple[bool | None, ...] = (None, False, True)
STREAM = "<unicode string>"
BLOCK_BITS = 12  # line ends are counted per block of 4096 characters
# Line breaks as both YAML readers count them (CR LF is one).
BREAKS = re.compile("(\r\n|[\n\r\x85\u2028\u2029])")


RESOLVER = yaml.resolver.Resolver()


def resolve_scalar(value: str, tag: str | None, style: str | None) -> str:
    """The tag `yaml.compose` would give a scalar (PyYAML's implicit resolver)."""
    if tag is not None and tag != "!":
        return tag
    if style == "" or style is None or tag == "!":  # plain (or `!`): implicitly resolved
        return str(RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]
    return STR_TAG


def scalar_tag(value: str, tag: str | None, style: str | None) -> str:
    """A scalar's tag, cheaply: of the implicit ones only null, merge and value matter."""
    if tag is not None and tag != "!":
        return tag
    if tag == "!" or style == "" or style is None:
        refused = REFUSED_PLAIN.get(value)
        if refused is not None:
            return refused
        if value in NULLS:
            return NULL_TAG
    return STR_TAG


class Store:
    """Every node of a document in flat arrays, in document order (keys before values).

    A node is a number.  `starts`/`ends` hold character offsets (turned into line and
    column only for the few nodes that are ever located), `shape` its kind and style,
    `texts` a scalar's value; a collection's children are `kids[links[i] + 1:]`, counted
    by `kids[links[i]]`: keys and values alternate in a mapping.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.shape = bytearray()
        self.texts: list[str | None] = []
        self.links: dict[int, int] = {}
        self.kids: array[int] = array("q")
        self.tags: dict[int, str] = {}
        self._lines: array[int] | None = None
        self._blocks: array[int] | None = None
        self._skipped = 0
        self._keys: dict[int, dict[str, tuple[int, int]]] = {}  # made as mappings are located

    def line_col(self, offset: int) -> tuple[int, int]:
        """0-based line and column of a character offset, as the parser counts them."""
        text = self.text
        if self._lines is None:
            self._index_lines()
        if self._blocks is not None:  # only LF or CR LF line ends: count them where needed
            block = offset >> BLOCK_BITS
            line = self._blocks[block] + text.count("\n", block << BLOCK_BITS, offset)
            return line, offset - text.rfind("\n", 0, offset) - 1
        lines = self._lines
        assert lines is not None
        offset += self._skipped
        line = bisect_right(lines, offset) - 1
        column = offset - lines[line]
        if not LIBYAML and "\ufeff" in text:  # pragma: no cover - pure-Python reader
            column -= text.count("\ufeff", lines[line], offset)
        return line, column

    def _index_lines(self) -> None:
        """Prepare `line_col`.  Usually: the count of LF before each block of the text, so a
        plan of 70 MB needs no table of its two million line starts.  With other line breaks
        (a lone CR, NEL, LS, PS) or a byte-order mark: every line's start."""
        text = self.text
        if (text.count("\r") == text.count("\r\n") and "\x85" not in text
                and "\u2028" not in text and "\u2029" not in text and "\ufeff" not in text):
            size = 1 << BLOCK_BITS
            blocks = array("q", [0])
            blocks.extend(accumulate(text.count("\n", k, k + size)
                                     for k in range(0, len(text), size)))
            self._blocks = blocks
            self._lines = array("q")
            return
        parts = BREAKS.split(text)
        lines = array("q", [0])
        lines.extend(accumulate(map(len, parts[:-1])))
        lines = lines[::2]
        if LIBYAML and text.startswith("\ufeff"):
            lines[0] = self._skipped = 1  # libyaml's reader drops a leading BOM
        self._lines = lines

    def start(self, i: int) -> tuple[int, int]:
        return self.line_col(self.starts[i])

    def mark(self, offset: int) -> yaml.Mark:
        line, column = self.line_col(offset)
        return yaml.Mark(STREAM, offset, line, column, None, None)  # type: ignore[arg-type]

    def children(self, i: int) -> array[int]:
        at = self.links.get(i)
        if at is None:  # still open: only while building (an alias into its own anchor)
            return array("q")
        return self.kids[at + 1 : at + 1 + self.kids[at]]

    def tag(self, i: int) -> str:
        explicit = self.tags.get(i)
        shape = self.shape[i]
        if shape < SEQ:
            return resolve_scalar(self.texts[i] or "", explicit, CODE_STYLE[shape])
        if explicit is not None and explicit != "!":
            return explicit
        return MAP_TAG if shape >= MAP else SEQ_TAG

    def node(self, i: int) -> yaml.Node:
        """Node `i` as `yaml.compose` would have made it.  Not kept here: a store that held
        its nodes, each holding the store, would be a cycle only the cyclic GC can free."""
        shape = self.shape[i]
        start, end = self.mark(self.starts[i]), self.mark(self.ends[i])
        if shape < SEQ:
            return yaml.ScalarNode(self.tag(i), self.texts[i], start, end, CODE_STYLE[shape])
        if shape < MAP:
            return LazySequence(self, i, start, end, CODE_FLOW[shape - SEQ])
        return LazyMapping(self, i, start, end, CODE_FLOW[shape - MAP])

    def _find_key(self, i: int, text: str) -> tuple[int, int] | None:
        """(key id, value id) of the first scalar key `text` of mapping `i`.  Most mappings
        are searched once or twice; the top level, for every finding, through a dict."""
        if i == 0:
            keys = self._keys.get(i)
            if keys is None:
                keys = self._keys[i] = self._key_map(i)
            return keys.get(text)
        at = self.links.get(i)
        if at is None:
            return None
        kids, texts, shape = self.kids, self.texts, self.shape
        for k in range(at + 1, at + 1 + kids[at], 2):
            key = kids[k]
            if texts[key] == text and shape[key] < SEQ:
                return key, kids[k + 1]
        return None

    def _key_map(self, i: int) -> dict[str, tuple[int, int]]:
        """A mapping's scalar keys → (key id, value id), the first of equal keys winning."""
        kids = self.children(i)
        shape, texts = self.shape, self.texts
        out: dict[str, tuple[int, int]] = {}
        for k in range(0, len(kids), 2):
            key = kids[k]
            text = texts[key]
            if shape[key] < SEQ and text is not None and text not in out:
                out[text] = (key, kids[k + 1])
        return out

    def locate(self, i: int, path: tuple[str | int, ...]) -> tuple[int, int]:
        """Ids of the (key node, value node) at `path` from node `i` (-1: no key node)."""
        key_id = -1
        for part in path:
            shape = self.shape[i]
            if shape >= MAP:
                found = self._find_key(i, str(part))
                if found is None:
                    return key_id, i
                key_id, i = found
            elif shape >= SEQ and isinstance(part, int):
                at = self.links.get(i)
                count = -1 if at is None else self.kids[at]
                if 0 <= part < count:
                    key_id, i = -1, self.kids[at + 1 + part]  # type: ignore[operator]
                else:
                    return key_id, i
            else:
                return key_id, i
        return key_id, i


class LazySequence(yaml.SequenceNode):
    """A sequence node whose children are made into nodes when first asked for."""

    def __init__(self, store: Store, i: int, start: yaml.Mark, end: yaml.Mark,
                 flow_style: bool | None) -> None:
        self._store, self._i = store, i
        self._value: list[yaml.Node] | None = None
        super().__init__(store.tag(i), None, start, end, flow_style)

    @property
    def value(self) -> list[yaml.Node]:
        if self._value is None:
            self._value = [self._store.node(c) for c in self._store.children(self._i)]
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        self._value = value


class LazyMapping(yaml.MappingNode):
    """A mapping node whose (key, value) pairs are made into nodes when first asked for."""

    def __init__(self, store: Store, i: int, start: yaml.Mark, end: yaml.Mark,
                 flow_style: bool | None) -> None:
        self._store, self._i = store, i
        self._value: list[tuple[yaml.Node, yaml.Node]] | None = None
        super().__init__(store.tag(i), None, start, end, flow_style)

    @property
    def value(self) -> list[tuple[yaml.Node, yaml.Node]]:
        if self._value is None:
            kids = self._store.children(self._i)
            node = self._store.node
            self._value = [(node(kids[k]), node(kids[k + 1])) for k in range(0, len(kids), 2)]
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        self._value = value
