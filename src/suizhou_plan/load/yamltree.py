"""YAML text → plain Python values, with the node tree kept for locating problems.

We compose nodes with libyaml (`CSafeLoader`) and build values ourselves instead of letting
PyYAML construct them, because construction is where YAML 1.1 leaks in: `no` → False,
`0012` → 10, `2025-02-30` → a bare ValueError with no line.  Here every scalar stays the
string the author typed (the pydantic models decide what it means), duplicate keys are
reported instead of silently dropped, aliases are refused (an alias bomb cannot expand),
and unknown tags such as `!!python/object` are refused, never constructed.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any

import yaml

from suizhou_plan.finding import Location, Problem

try:
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False

MAX_DEPTH = 64
_STD_TAG = "tag:yaml.org,2002:"
_NULL_TAG = _STD_TAG + "null"
_MERGE_TAG = _STD_TAG + "merge"
_KNOWN_TAGS = {
    _STD_TAG + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
}

PARSE_COUNT = 0  # number of YAML parses this process made (kept honest by a test)


@dataclass
class Tree:
    """A composed document: its values, its root node and the problems found building them."""

    source: str
    value: Any
    root: yaml.Node | None
    problems: list[Problem] = field(default_factory=list)


def _loc(source: str, mark: Any) -> Location:
    return Location(source, mark.line + 1, mark.column + 1)


def _syntax_problem(source: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    hint = "check indentation, colons and quotes on this line and the one before"
    if "'\\t'" in problem or "tab" in problem:
        message = "YAML syntax error: a tab character is used for indentation"
        hint = "indent with spaces, never tabs (set your editor to insert spaces)"
    location = _loc(source, mark) if mark is not None else Location(source)
    return Problem("yaml-syntax", message, location, hint)


def compose(source: str, text: str) -> Tree:
    global PARSE_COUNT
    PARSE_COUNT += 1
    # libyaml builds millions of small node objects; the cyclic GC would rescan them all at
    # every gen-2 collection and make loading super-linear.  Nodes form no cycles we rely on.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            return Tree(source, None, None, [_syntax_problem(source, exc)])
        except RecursionError:
            return Tree(
                source,
                None,
                None,
                [
                    Problem(
                        "yaml-syntax",
                        "YAML nesting is too deep to read",
                        Location(source, 1, 1),
                        f"a plan file needs no more than {MAX_DEPTH} levels of nesting",
                    )
                ],
            )
        builder = _Builder(source, track_aliases="*" in text or "<<" in text)
        value = builder.build(root) if root is not None else None
        problems = builder.problems
        if builder.alias_seen:
            problems = [p for p in problems if p.rule != "yaml-alias"] + _alias_problems(
                source, text
            )
        return Tree(source, value, root, problems)
    finally:
        if gc_was_enabled:
            gc.enable()


def _alias_problems(source: str, text: str) -> list[Problem]:
    """Locate every alias exactly (error path only: a second scan is fine here)."""
    out: list[Problem] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                out.append(
                    Problem(
                        "yaml-alias",
                        f"alias *{token.value} is not allowed in plan files",
                        _loc(source, token.start_mark),
                        "write the value out in full; anchors and aliases (& and *) are refused "
                        "so that a small file cannot expand into a huge one",
                    )
                )
    except yaml.YAMLError:  # pragma: no cover - the text composed once already
        pass
    return out


class _Builder:
    def __init__(self, source: str, track_aliases: bool) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.track = track_aliases
        self.seen: set[int] = set()
        self.alias_seen = False

    def _check_tag(self, node: yaml.Node) -> bool:
        tag = node.tag
        if tag in _KNOWN_TAGS or tag is None:
            return True
        self.problems.append(
            Problem(
                "yaml-tag",
                f"YAML tag {tag.replace(_STD_TAG, '!!')} is not allowed in plan files",
                _loc(self.source, node.start_mark),
                "remove the tag: plan files hold plain text, numbers and dates only",
            )
        )
        return False

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if self.track:
            key = id(node)
            if key in self.seen:
                self.alias_seen = True
                self.problems.append(Problem("yaml-alias", "", _loc(self.source, node.start_mark)))
                return None
            self.seen.add(key)
        if depth > MAX_DEPTH:
            self.problems.append(
                Problem(
                    "yaml-syntax",
                    f"value is nested more than {MAX_DEPTH} levels deep",
                    _loc(self.source, node.start_mark),
                    "a plan file needs only a few levels of nesting; check the indentation",
                )
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            if not self._check_tag(node):
                return None
            if node.tag == _NULL_TAG and node.style is None:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if not self._check_tag(node):
                return None
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, yaml.MappingNode):
            if not self._check_tag(node):
                return None
            return self._mapping(node, depth)
        return None  # pragma: no cover - composer yields only the three kinds

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.alias_seen = True
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        "yaml-syntax",
                        "a mapping key must be plain text, not a list or mapping",
                        _loc(self.source, key_node.start_mark),
                        "write the key as a simple word such as `id:`",
                    )
                )
                continue
            if not self._check_tag(key_node):
                continue
            key = key_node.value
            if key in first:
                prev = first[key].start_mark
                self.problems.append(
                    Problem(
                        "duplicate-key",
                        f"key `{key}` is repeated in this mapping (first at line {prev.line + 1}); "
                        "YAML would silently keep only the last value",
                        _loc(self.source, key_node.start_mark),
                        f"remove one of the two `{key}:` entries or merge them",
                    )
                )
                continue
            first[key] = key_node
            out[key] = self.build(value_node, depth + 1)
        return out


def locate(tree_root: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[Any, Any]:
    """The (key node, value node) at `path`; the deepest existing node when it is missing.

    Only used to report problems, so a linear scan of each mapping is fine.
    """
    node: Any = tree_root
    key_node: Any = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    key_node, node = k, v
                    break
            else:
                return key_node, node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                return key_node, node
        else:
            return key_node, node
    return key_node, node
