"""YAML text → plain Python values, with a compact node tree kept for locating problems.

We read libyaml's event stream (`CSafeLoader`) once and build values ourselves instead of
letting PyYAML construct them, because construction is where YAML 1.1 leaks in: `no` → False,
`0012` → 10, `2025-02-30` → a bare ValueError with no line.  Here every scalar stays the
string the author typed (the pydantic models decide what it means), duplicate keys are
reported instead of silently dropped, aliases are refused (an alias bomb cannot expand),
and unknown tags such as `!!python/object` are refused, never constructed.

Why events and not `yaml.compose`: a composed tree costs a Python node object and two mark
objects per scalar, and a call into PyYAML's regex resolver for each one; at 100,000 tasks
that is gigabytes and most of the run.  The same facts (kind, style, tag, start and end
line/column, children) fit in a few flat arrays, from which `Tree.root` hands out
`yaml.Node` objects on demand, so code that walks nodes (locating a finding, editing the
ledger) sees what `yaml.compose` would have given it.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from suizhou_plan.base.finding import Location, Problem
from suizhou_plan.i18n import Msg
from suizhou_plan.load.nodestore import (
    CODE_STYLE,
    FLOW_CODE,
    KNOWN_TAGS,
    LIBYAML,
    MAP,
    MAX_DEPTH,
    MERGE_TAG,
    NULL_TAG,
    PLAIN_SPECIAL,
    SEQ,
    STD_TAG,
    STYLE_CODE,
    LazyMapping,
    LazySequence,
    Store,
    scalar_tag,
)
from suizhou_plan.load.nodestore import Loader as _Loader
from suizhou_plan.load.text import clip
from suizhou_plan.load.yaml_words import yaml_says

_FREEZE_ABOVE = 100_000  # objects made during a GC pause
PARSE_COUNT = 0  # number of YAML parses this process made (kept honest by a test)
_warned = False

@dataclass
class Tree:
    """A parsed document: its values, its root node and the problems found building them."""

    source: str
    value: Any
    root: yaml.Node | None
    problems: list[Problem] = field(default_factory=list)


def _loc(source: str, mark: Any) -> Location:
    return Location(source, mark.line + 1, mark.column + 1)


def _syntax_problem(source: str, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = (
        Msg("YAML syntax error: {problem} ({context})", problem=yaml_says(problem),
            context=yaml_says(context))
        if context
        else Msg("YAML syntax error: {problem}", problem=yaml_says(problem))
    )
    hint = Msg("check indentation, colons and quotes on this line and the one before")
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "'\\t'" in problem or "tab character" in problem:
        message = Msg("YAML syntax error: a tab character is used for indentation")
        hint = Msg("indent with spaces, never tabs (set your editor to insert spaces)")
    location = _loc(source, mark) if mark is not None else Location(source)
    return Problem("yaml-syntax", message, location, hint)


def _warn_pure_python() -> None:
    global _warned
    if not LIBYAML and not _warned:  # pragma: no cover - depends on how PyYAML was built
        _warned = True
        sys.stderr.write(
            "suizhou: warning: PyYAML has no libyaml here; reading YAML in pure Python "
            "(correct, about 10x slower)\n"
        )


def compose(source: str, text: str) -> Tree:
    global PARSE_COUNT
    PARSE_COUNT += 1
    _warn_pure_python()
    # Loading makes millions of small objects that live for the whole run: a cyclic GC pass
    # in the middle would rescan all of them and make loading super-linear.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    loader = _Loader(text)
    try:
        try:
            return _Builder(source, text, loader).run()
        except yaml.YAMLError as exc:
            return Tree(source, None, None, [_syntax_problem(source, exc, text)])
        except RecursionError:  # pragma: no cover - the builder does not recurse deeply
            return Tree(
                source,
                None,
                None,
                [
                    Problem(
                        "yaml-syntax",
                        Msg("YAML nesting is too deep to read"),
                        Location(source, 1, 1),
                        Msg("a plan file needs no more than {depth} levels of nesting",
                            depth=MAX_DEPTH),
                    )
                ],
            )
    finally:
        loader.dispose()
        resume_gc(gc_was_enabled)


def resume_gc(was_enabled: bool) -> None:
    """Turn the cyclic GC back on after a pause in which many objects were made.

    Those objects live until the process ends and hold no cycles, yet the first collection
    after the pause would scan every one of them (seconds at 100,000 tasks), and later full
    collections again.  Frozen, they are left out of every collection; reference counting
    still frees them.  Small pauses are not frozen, so a long-lived process keeps its
    usual GC behaviour for the small plans it loads."""
    if was_enabled:
        if gc.get_count()[0] > _FREEZE_ABOVE:
            gc.freeze()
        gc.enable()


class _Builder:
    """Builds values and the node store from one pass over the events.

    Which nodes are built, and which problems are reported where, follows a recursive walk
    of the composed tree exactly: a rejected key, tag or depth skips the subtree (its nodes
    are stored, not built); an alias builds nothing once its anchor has been built, and
    builds the anchor's stored subtree when the anchor itself was skipped.
    """

    def __init__(self, source: str, text: str, loader: Any) -> None:
        self.source = source
        self.loader = loader
        self.store = Store(text)
        self.problems: list[Problem] = []
        self.anchors: dict[str, int] = {}
        self.anchored: set[int] = set()
        self.built: set[int] = set()  # anchored nodes built so far
        self.aliases: list[tuple[str, Any]] = []

    # -- problems --------------------------------------------------------------------

    def _at(self, i: int) -> Location:
        line, column = self.store.start(i)
        return Location(self.source, line + 1, column + 1)

    def _tag_ok(self, i: int, tag: str) -> bool:
        if tag in KNOWN_TAGS:
            return True
        self.problems.append(
            Problem(
                "yaml-tag",
                Msg("YAML tag {tag} is not allowed in plan files",
                    tag=clip(tag.replace(STD_TAG, "!!"))),
                self._at(i),
                Msg("remove the tag: plan files hold plain text, numbers and dates only"),
            )
        )
        return False

    def _too_deep(self, i: int) -> None:
        self.problems.append(
            Problem(
                "yaml-syntax",
                Msg("value is nested more than {depth} levels deep", depth=MAX_DEPTH),
                self._at(i),
                Msg("a plan file needs only a few levels of nesting; check the indentation"),
            )
        )

    def _key_tag(self, k: int) -> str:
        store = self.store
        shape = store.shape[k]
        if shape < SEQ:
            return scalar_tag(store.texts[k] or "", store.tags.get(k), CODE_STYLE[shape])
        return store.tag(k)

    def _accept_key(self, built: dict[str, Any], kids: Sequence[int], k: int) -> str | None:
        """The checks on key `k` of a mapping built so far into `built` (its keys and values
        are `kids`): the key's text when its value is to be built, else None."""
        store = self.store
        tag = self._key_tag(k)
        if tag == MERGE_TAG:
            self.problems.append(
                Problem(
                    "yaml-alias",
                    Msg("merge key `<<` is not allowed in plan files"),
                    self._at(k),
                    Msg("write the merged keys out in full in this mapping"),
                )
            )
            return None
        if store.shape[k] >= SEQ:
            self.problems.append(
                Problem(
                    "yaml-syntax",
                    Msg("a mapping key must be plain text, not a list or mapping"),
                    self._at(k),
                    Msg("write the key as a simple word such as `id:`"),
                )
            )
            return None
        if not self._tag_ok(k, tag):
            return None
        text = store.texts[k] or ""
        if text in built:
            line = store.start(self._first_key(kids, text))[0]
            self.problems.append(
                Problem(
                    "duplicate-key",
                    Msg("key `{key}` is repeated in this mapping (first at line {line}); "
                        "YAML would silently keep only the last value",
                        key=clip(text), line=line + 1),
                    self._at(k),
                    Msg("remove one of the two `{key}:` entries or merge them", key=clip(text)),
                )
            )
            return None
        return text

    def _first_key(self, kids: Sequence[int], text: str) -> int:
        """The key node that was accepted for `text`: the first that passed the checks."""
        store = self.store
        for k in kids[::2]:
            if store.shape[k] < SEQ and store.texts[k] == text:
                tag = self._key_tag(k)
                if tag != MERGE_TAG and tag in KNOWN_TAGS:
                    return k
        raise AssertionError(f"no accepted key {text!r}")  # pragma: no cover

    def _scalar(self, i: int, value: str, tag: str | None, style: str | None,
                depth: int) -> Any:
        """A scalar's value, with the checks a recursive walk would make at this node."""
        if i in self.anchored:
            self.built.add(i)
        if depth > MAX_DEPTH:
            self._too_deep(i)
            return None
        resolved = scalar_tag(value, tag, style)
        if not self._tag_ok(i, resolved):
            return None
        return None if resolved == NULL_TAG and not style else value

    def _replay(self, i: int, depth: int) -> Any:
        """Build stored node `i` (an alias whose anchor was never built)."""
        store = self.store
        if i in self.anchored:
            if i in self.built:
                return None
            self.built.add(i)
        if depth > MAX_DEPTH:
            self._too_deep(i)
            return None
        shape = store.shape[i]
        if shape < SEQ:
            text = store.texts[i] or ""
            style = CODE_STYLE[shape]
            tag = scalar_tag(text, store.tags.get(i), style)
            if not self._tag_ok(i, tag):
                return None
            return None if tag == NULL_TAG and not style else text
        if not self._tag_ok(i, store.tag(i)):
            return None
        kids = store.children(i)
        if shape < MAP:
            return [self._replay(c, depth + 1) for c in kids]
        out: dict[str, Any] = {}
        for k in range(0, len(kids), 2):
            key = self._accept_key(out, kids, kids[k])
            if key is not None:
                out[key] = self._replay(kids[k + 1], depth + 1)
        return out

    # -- the event loop ----------------------------------------------------------------

    def _anchor(self, anchor: str, i: int, event: Any) -> None:
        if anchor in self.anchors:
            first = self.store.mark(self.store.starts[self.anchors[anchor]])
            if LIBYAML:
                raise yaml.composer.ComposerError(
                    "found duplicate anchor; first occurrence", first,
                    "second occurrence", event.start_mark)
            raise yaml.composer.ComposerError(  # pragma: no cover - pure-Python wording
                f"found duplicate anchor {anchor!r}; first occurrence", first,
                "second occurrence", event.start_mark)
        self.anchors[anchor] = i
        self.anchored.add(i)

    def _alias(self, event: Any) -> int:
        anchor = event.anchor
        target = self.anchors.get(anchor)
        if target is None:
            if LIBYAML:
                raise yaml.composer.ComposerError(
                    None, None, "found undefined alias", event.start_mark)
            raise yaml.composer.ComposerError(  # pragma: no cover - pure-Python wording
                None, None, f"found undefined alias {anchor!r}", event.start_mark)
        self.aliases.append((anchor, event.start_mark))
        return target

    def run(self) -> Tree:
        get = self.loader.get_event
        get()  # stream start
        if get().__class__ is StreamEndEvent:  # else: document start
            return Tree(self.source, None, None, [])
        root_value = self._document(get)
        get()  # document end
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", self.store.mark(0),
                "but found another document", event.start_mark)
        problems = self.problems
        if self.aliases:  # every alias is refused, expanded or not
            problems = problems + [
                Problem(
                    "yaml-alias",
                    Msg("alias *{name} is not allowed in plan files", name=clip(name)),
                    _loc(self.source, mark),
                    Msg("write the value out in full; anchors and aliases (& and *) are "
                        "refused so that a small file cannot expand into a huge one"),
                )
                for name, mark in self.aliases
            ]
        return Tree(self.source, root_value, self.store.node(0), problems)

    def _document(self, get: Any) -> Any:
        """Values of one document, from its root node's first event to its last.

        The open collection's state lives in local variables (saved on a stack while a
        nested one is open): this loop runs once per event, millions of times.  Whether a
        key was seen before is whether the mapping built so far has it.
        """
        store = self.store
        starts_append, ends_append = store.starts.append, store.ends.append
        shape_append, texts_append = store.shape.append, store.texts.append
        tags, links, kids_store, ends = store.tags, store.links, store.kids, store.ends
        # plain scalars that are not simply text: nulls, `<<` and `=` (none longer than 4)
        style_code, max_depth, special = STYLE_CODE, MAX_DEPTH, PLAIN_SPECIAL
        event = get()
        if event.__class__ is ScalarEvent:  # the whole document is one scalar
            self._node_of(event, 0)
            return self._scalar(0, event.value, event.tag, event.style, 0)
        holder: list[Any] = []  # the root's parent, a one-item list
        stack: list[tuple[Any, ...]] = []
        # the open collection: node id, mapping?, children, value, depth, built?, key state
        f_out: Any = holder  # the dict or list being built (None: not built)
        f_kids: list[int] = []
        f_i, f_map, f_depth, f_vis = -1, False, -1, True
        f_want, f_ok, f_key = False, False, ""
        kids_append = f_kids.append
        n = 0
        while True:
            cls = event.__class__
            if cls is ScalarEvent:
                i = n
                n += 1
                starts_append(event.start_mark.index)
                ends_append(event.end_mark.index)
                value = event.value
                texts_append(value)
                style = event.style
                shape_append(style_code[style])
                tag = event.tag
                if tag is not None:
                    tags[i] = tag
                anchor = event.anchor
                if anchor is not None:
                    self._anchor(anchor, i, event)
                kids_append(i)
                if f_map:
                    if f_want:
                        f_want = False
                        if f_vis:
                            if (tag is None and style == "" and value not in special
                                    and value not in f_out):
                                f_key, f_ok = value, True  # the common case, inline
                            else:
                                key = self._accept_key(f_out, f_kids, i)
                                f_key, f_ok = key or "", key is not None
                    else:
                        f_want = True
                        if f_vis and f_ok:
                            if (tag is None and style == "" and anchor is None
                                    and f_depth < max_depth
                                    and (len(value) > 4 or value not in special)):
                                f_out[f_key] = value  # the common case, inline
                            else:
                                f_out[f_key] = self._scalar(i, value, tag, style, f_depth + 1)
                elif f_vis:
                    if (tag is None and style == "" and anchor is None and f_depth < max_depth
                            and (len(value) > 4 or value not in special)):
                        f_out.append(value)
                    else:
                        f_out.append(self._scalar(i, value, tag, style, f_depth + 1))
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                i = n
                n += 1
                is_map = cls is MappingStartEvent
                starts_append(event.start_mark.index)
                ends_append(-1)
                texts_append(None)
                shape_append((MAP if is_map else SEQ) + FLOW_CODE[event.flow_style])
                tag = event.tag
                if tag is not None:
                    tags[i] = tag
                if event.anchor is not None:
                    self._anchor(event.anchor, i, event)
                kids_append(i)
                depth = f_depth + 1
                out: Any = None
                if f_map and f_want:  # a collection as a key: refused, never built
                    f_want, f_ok, visited = False, False, False
                    if f_vis:
                        self._accept_key(f_out, f_kids, i)
                else:
                    if f_map:
                        f_want = True
                        visited = f_vis and f_ok
                    else:
                        visited = f_vis
                    if visited:
                        if i in self.anchored:
                            self.built.add(i)
                        if depth > MAX_DEPTH:
                            self._too_deep(i)
                        elif self._tag_ok(i, store.tag(i)):
                            out = {} if is_map else []
                        if f_map:
                            f_out[f_key] = out
                        else:
                            f_out.append(out)
                        visited = out is not None
                stack.append((f_i, f_map, f_kids, f_out, f_depth, f_vis, f_want, f_ok, f_key))
                f_i, f_map, f_kids, f_out, f_depth, f_vis = i, is_map, [], out, depth, visited
                f_want, f_ok, f_key = True, False, ""
                kids_append = f_kids.append
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                ends[f_i] = event.end_mark.index
                links[f_i] = len(kids_store)
                kids_store.append(len(f_kids))
                kids_store.extend(f_kids)
                f_i, f_map, f_kids, f_out, f_depth, f_vis, f_want, f_ok, f_key = stack.pop()
                kids_append = f_kids.append
                if f_i < 0:
                    return holder[0]
            elif cls is AliasEvent:
                target = self._alias(event)
                kids_append(target)
                if f_map and f_want:
                    f_want = False
                    if f_vis:
                        key = self._accept_key(f_out, f_kids, target)
                        f_key, f_ok = key or "", key is not None
                elif f_map:
                    f_want = True
                    if f_vis and f_ok:
                        f_out[f_key] = self._replay(target, f_depth + 1)
                elif f_vis:
                    f_out.append(self._replay(target, f_depth + 1))
            else:  # pragma: no cover - the parser yields nothing else inside a document
                raise yaml.composer.ComposerError(
                    None, None, f"unexpected {cls.__name__}", event.start_mark)
            event = get()

    def _node_of(self, event: Any, i: int) -> None:
        """Store a scalar that is the whole document (node 0)."""
        store = self.store
        store.starts.append(event.start_mark.index)
        store.ends.append(event.end_mark.index)
        store.texts.append(event.value)
        store.shape.append(STYLE_CODE[event.style])
        if event.tag is not None:
            store.tags[i] = event.tag
        if event.anchor is not None:
            self._anchor(event.anchor, i, event)


def locate(tree_root: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[Any, Any]:
    """The (key node, value node) at `path`; the deepest existing node when it is missing."""
    if isinstance(tree_root, LazySequence | LazyMapping):
        store = tree_root._store
        key_id, i = store.locate(tree_root._i, path)
        return (store.node(key_id) if key_id >= 0 else None), store.node(i)
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


def position(tree_root: yaml.Node | None, path: tuple[str | int, ...], *,
             key: bool = False) -> tuple[int, int] | None:
    """0-based (line, column) of what `locate` finds (its key with `key`), or None.

    The same answer as `locate`, without making node objects: rules locate every finding.
    """
    if isinstance(tree_root, LazySequence | LazyMapping):
        store = tree_root._store
        key_id, i = store.locate(tree_root._i, path)
        return store.start(key_id if key and key_id >= 0 else i)
    key_node, node = locate(tree_root, path)
    target = key_node if key and key_node is not None else node
    if target is None:
        return None
    return target.start_mark.line, target.start_mark.column
