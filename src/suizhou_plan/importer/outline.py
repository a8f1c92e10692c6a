"""Blocks → a tree of numbered items.

Marker styles nest in the order they first appear (一、 then （一） then 1. ...), as a reader
takes them; a style seen again closes the deeper ones.  Paragraphs without numbering belong to
the item before them, except one that carries its own unit clause after an item that already
has one: that is a sub-item whose number the document left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from suizhou_plan.importer.assignment import Assignment, find_assignment
from suizhou_plan.importer.document import Block
from suizhou_plan.importer.numbering import Marker, parse_marker
from suizhou_plan.importer.script import compile_either

_ANNEX = compile_either(r"^附件\s*\d*\s*([：:]|$)")


@dataclass(eq=False)
class Node:
    style: str
    marker: Marker | None
    line: int
    text: str  # the first paragraph, after its marker
    parent: Node | None = None
    paragraphs: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    table: list[Block] = field(default_factory=list)
    order: int = 0  # the block's position, for document order within one line
    _assignment: Assignment | None = None
    _parsed: bool = False

    @property
    def body(self) -> str:
        return "\n".join([self.text, *self.paragraphs])

    @property
    def assignment(self) -> Assignment | None:
        if not self._parsed:
            self._assignment = find_assignment(self.body)
            self._parsed = True
        return self._assignment

    def add_paragraph(self, text: str) -> None:
        self.paragraphs.append(text)
        self._parsed = False

    @property
    def ancestors(self) -> list[Node]:
        out: list[Node] = []
        node = self.parent
        while node is not None and node.style != "root":
            out.append(node)
            node = node.parent
        return out[::-1]

    @property
    def path(self) -> str:
        return " ".join(n.marker.written for n in [*self.ancestors, self] if n.marker)

    def headline(self) -> bool:
        """Reads as a heading: short, no full stop, no paragraphs of its own yet."""
        return not self.paragraphs and "。" not in self.text and len(self.text) <= 40

    def walk(self) -> list[Node]:
        out: list[Node] = []
        for child in self.children:
            out.append(child)
            out.extend(child.walk())
        return out


def build_outline(blocks: list[Block]) -> Node:
    root = Node("root", None, 0, "")
    stack: list[Node] = [root]
    for block in blocks:
        if block.cells is not None:
            holder = stack[-1]
            if holder.children and holder.children[-1].style == "table":
                holder.children[-1].table.append(block)
            else:
                table = Node("table", None, block.line, "", parent=holder, order=block.order)
                table.table.append(block)
                holder.children.append(table)
            continue
        if _ANNEX.match(block.text):
            del stack[1:]
            root.children.append(Node("annex", None, block.line, block.text, parent=root))
            continue
        parsed = parse_marker(block.text)
        if parsed is None and block.heading is not None:
            style = f"h{block.heading}"
            marker, text = None, block.text
        elif parsed is not None:
            marker, text = parsed
            style = marker.style
        else:
            _attach_unnumbered(stack, block)
            continue
        styles = [n.style for n in stack]
        if style in styles:
            del stack[styles.index(style):]
        node = Node(style, marker, block.line, text.strip(), parent=stack[-1],
                    order=block.order)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _attach_unnumbered(stack: list[Node], block: Block) -> None:
    current = stack[-1]
    if current.style == "root":
        node = Node("none", None, block.line, block.text, parent=current, order=block.order)
        current.children.append(node)
        return
    own = find_assignment(block.text)
    if own is not None and own.labelled and own.start == 0:
        current.add_paragraph(block.text)  # 「責任單位：…」 on a line of its own
        return
    has_own_units = own is not None and own.start > 0
    if has_own_units and current.assignment is not None and current.parent is not None:
        sibling = Node(current.style, None, block.line, block.text, parent=current.parent,
                       order=block.order)
        current.parent.children.append(sibling)
        stack[-1] = sibling
    elif has_own_units and current.headline():
        child = Node("none", None, block.line, block.text, parent=current, order=block.order)
        current.children.append(child)
        stack.append(child)
    elif _closed_by_clause(current) and current.parent is not None:
        current.parent.add_paragraph(block.text)
    else:
        current.add_paragraph(block.text)


def _closed_by_clause(node: Node) -> bool:
    """The item ends with its unit clause: what follows is not part of it."""
    clause = node.assignment
    return clause is not None and not node.body[clause.end:].strip(" 。；;")
