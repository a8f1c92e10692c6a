"""The outline → sections, tasks and phases.

A task is an item that carries a unit clause, or an item without one among siblings that do
(reported).  An item whose sub-items carry clauses is a heading; its nearest such heading
names the task's section.  Items under 保障措施 (or 組織實施) are safeguard measures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from suizhou_plan.importer.assignment import Assignment
from suizhou_plan.importer.draft import DraftPhase, DraftSection
from suizhou_plan.importer.findings import FindingLog
from suizhou_plan.importer.outline import Node
from suizhou_plan.importer.phases import STEPS_HEADING, build_phase, is_phase
from suizhou_plan.importer.script import compile_either

_SAFEGUARD = compile_either(r"保障|组织实施|组织领导|工作要求")
_SHORT_NAME = compile_either(r"的(?P<name>[^的“”\"「」]{2,10})$")


@dataclass
class RawTask:
    """A task as found, before units are matched and ids given."""

    node: Node | None
    line: int
    path: str
    kind: str
    section: str
    text: str  # the full text, markers of sub-items kept
    body: str  # the text without the unit clause, for deadlines and titles
    assignment: Assignment | None
    table_units: list[str] | None = None
    table_leads: list[str] = field(default_factory=list)
    table_deadline: str | None = None
    order: int = 0  # the block's position, for document order within one line
    row: int | None = None  # a table row: its position in the table, the heading row 1
    cells: tuple[tuple[str, str], ...] = ()  # a table row's unit cells: (header, cell)
    lead_column: str | None = None  # the header of the table's lead column
    deadline_cell: tuple[str, str] | None = None  # (header, cell): 完成時限, 2023年9月底


@dataclass
class Structure:
    tasks: list[RawTask] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    phases: list[DraftPhase] = field(default_factory=list)
    tables: list[Node] = field(default_factory=list)


def read_structure(root: Node, log: FindingLog) -> Structure:
    out = Structure()
    nodes = root.walk()
    phase_nodes: set[int] = set()
    for node in nodes:
        if node.style == "table":
            out.tables.append(node)
            continue
        in_steps = any(STEPS_HEADING.search(a.text[:12]) for a in node.ancestors)
        period = is_phase(node, in_steps) if not _has_clause(node) or in_steps else None
        if period is not None and not any(id(a) in phase_nodes for a in node.ancestors):
            phase_nodes.add(id(node))
            out.phases.append(build_phase(node, period, len(out.phases) + 1, log))
    task_nodes = _task_nodes(root, phase_nodes, log)
    task_ids = set(map(id, task_nodes))
    for node in task_nodes:
        section = _section_of(node, out, task_ids)
        kind = "safeguard" if any(_SAFEGUARD.search(a.text[:12]) for a in node.ancestors) \
            else "task"
        text = _full_text(node)
        clause = node.assignment
        body = node.body[: clause.start] + node.body[clause.end:] if clause else node.body
        out.tasks.append(RawTask(node, node.line, node.path, kind, section, text,
                                 body.strip(), clause, order=node.order))
    _report_skipped(root, task_nodes, phase_nodes, log)
    _check_numbering(root, log)
    return out


def _check_numbering(root: Node, log: FindingLog) -> None:
    """Numbers run 1, 2, 3 among siblings, or continue the previous section's numbering;
    a skipped or repeated number may mean a lost or a doubled item."""
    last_of_style: dict[str, int] = {}
    for node in [root, *root.walk()]:
        previous: int | None = None
        for child in node.children:
            if child.style == "annex":
                previous = None
                last_of_style.clear()
            if child.marker is None:
                continue
            value, style = child.marker.value, child.marker.style
            if previous is None:
                expected = {1, last_of_style.get(style, 0) + 1}
                if value not in expected:
                    log.add("numbering", child.line, "numbering-start",
                            marker=child.marker.written,
                            expected=" / ".join(map(str, sorted(expected))))
            elif value == previous:
                log.add("numbering", child.line, "numbering-repeated",
                        marker=child.marker.written)
            elif value != previous + 1:
                log.add("numbering", child.line, "numbering-skip", previous=str(previous),
                        value=str(value), marker=child.marker.written)
            previous = value
            last_of_style[style] = value


def _has_clause(node: Node) -> bool:
    clause = node.assignment
    return clause is not None and bool(clause.units)


def _task_nodes(root: Node, phase_nodes: set[int], log: FindingLog) -> list[Node]:
    chosen: list[Node] = []
    chosen_ids: set[int] = set()

    def inside_task_or_phase(node: Node) -> bool:
        return any(id(a) in phase_nodes or id(a) in chosen_ids for a in node.ancestors)

    for node in root.walk():
        if node.style == "table" or id(node) in phase_nodes or inside_task_or_phase(node):
            continue
        if not _has_clause(node):
            continue
        below = [d for d in node.walk() if d.style != "table" and _has_clause(d)]
        if below:
            log.add("heading-units", node.line, text=_clip(node.text))
            continue
        chosen.append(node)
        chosen_ids.add(id(node))
    # Items without a clause among siblings that have one: tasks without units.
    extra: list[Node] = []
    extra_ids: set[int] = set()
    parents_seen: set[tuple[int, str]] = set()
    for node in chosen:
        parent = node.parent
        if parent is None or (id(parent), node.style) in parents_seen:
            continue
        parents_seen.add((id(parent), node.style))
        for sibling in parent.children:
            if (sibling.style == node.style and id(sibling) not in chosen_ids
                    and id(sibling) not in extra_ids
                    and id(sibling) not in phase_nodes and not _has_clause(sibling)
                    and not any(_has_clause(d) for d in sibling.walk())
                    and sibling.style != "table"):
                extra.append(sibling)
                extra_ids.add(id(sibling))
    every = set(map(id, chosen + extra))
    return [n for n in root.walk() if id(n) in every]


def _full_text(node: Node) -> str:
    parts = [node.body]
    for child in node.walk():
        if child.style == "table":
            continue
        marker = child.marker.written if child.marker else ""
        parts.append(marker + child.body)
    return "\n".join(p for p in parts if p)


def _section_of(node: Node, out: Structure, tasks: set[int]) -> str:
    heading = next((a for a in reversed(node.ancestors) if id(a) not in tasks), None)
    if heading is None:
        name = "正文"
        title = "正文"
    else:
        title = re.split(r"[。]", heading.text, maxsplit=1)[0].strip(" ：:")
        short = _SHORT_NAME.search(title)
        name = short.group("name") if short else title
    for section in out.sections:
        if section.heading == title:
            return section.name
        if section.name == name:
            name = title
    out.sections.append(DraftSection(f"s{len(out.sections) + 1}", name, title))
    return name


def _report_skipped(root: Node, tasks: list[Node], phase_nodes: set[int],
                    log: FindingLog) -> None:
    chosen = set(map(id, tasks))
    for top in root.children:
        if top.style in ("table", "none") or id(top) in chosen or id(top) in phase_nodes:
            continue
        inner = top.walk()
        if any(id(n) in chosen or id(n) in phase_nodes for n in inner):
            continue
        numbered = [n for n in inner if n.marker is not None]
        if numbered:
            log.add("skipped-text", top.line, text=_clip(top.text), count=str(len(numbered)))


def _clip(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def section_for_table(table: Node, out: Structure) -> str:
    """The section a task-division table belongs to: the heading above it (a task that the
    table follows is not a heading)."""
    tasks = {id(a) for a in table.ancestors if _has_clause(a)}
    return _section_of(table, out, tasks)
