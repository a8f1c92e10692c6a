"""The draft → `tasks.yaml` and `agencies.yaml` text, in the layout of the bundled plan.

Written by hand rather than by a YAML library so that the files read like the bundled ones
(flow lists for units, a comment with the document's line above each task) and so that every
scalar is one the project's strict loader reads back as the same text."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from suizhou_plan.importer.draft import (
    DraftMilestone,
    DraftPhase,
    DraftPlan,
    DraftSection,
    DraftTarget,
    DraftTask,
)
from suizhou_plan.importer.units import UnitEntry, UnitTable

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`\d.+~][^#\n]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
# Characters a YAML file may not hold as they are (the loader refuses them), and line
# separators: written as escapes inside double quotes.
_UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def scalar(text: str, *, flow: bool = False) -> str:
    """`text` plain when YAML reads it back unchanged, else double-quoted (JSON escapes)."""
    plain = (
        _PLAIN.match(text) is not None
        and ": " not in text and not text.endswith((":", " "))
        and text.lower() not in _RESERVED
        and not (flow and _FLOW_UNSAFE.search(text))
    )
    if plain and not _UNWRITABLE.search(text):
        return text
    return _UNWRITABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                           json.dumps(text, ensure_ascii=False))


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def _iso(value: date) -> str:
    return value.isoformat()


def tasks_yaml(plan: DraftPlan, doc_label: str, header: list[str]) -> str:
    out: list[str] = [f"# Imported by `suizhou import` from {doc_label}.", *[
        f"# {line}" for line in header], "schema_version: 1", "", "plan:"]
    out.append(f"  title: {scalar(plan.title)}")
    out.append(f"  issuer: {scalar(plan.issuer)}")
    out.append(f"  issued: {_iso(plan.issued)}")
    out.append(f"  source_document: {scalar(plan.source_document)}")
    if plan.repairs:
        out.append("  repairs:")
        for original, repaired, reason in plan.repairs:
            out += [f"    - original: {scalar(original)}", f"      repaired: {scalar(repaired)}",
                    f"      reason: {scalar(reason)}"]
    if plan.sections:
        out += ["", "sections:"]
        for section in plan.sections:
            out += section_lines(section)
    if plan.phases:
        out += ["", "phases:"]
        for phase in plan.phases:
            out += phase_lines(phase)
    out += ["", "tasks:"]
    for task in plan.tasks:
        out += task_lines(task)
    return "\n".join(out) + "\n"


# Each item's lines as `tasks_yaml` lays them out: a top-level list's dash in column 2, its
# keys in column 4; a milestone's or a target's dash in column 6.  `import --update` moves
# them to the columns of the plan it edits.

def section_lines(section: DraftSection) -> list[str]:
    return [f"  - id: {section.id}", f"    name: {scalar(section.name)}",
            f"    heading: {scalar(section.heading)}"]


def phase_lines(phase: DraftPhase) -> list[str]:
    out = [f"  # DOC line {phase.line}", f"  - id: {phase.id}", f"    number: {phase.number}"]
    if phase.theme:
        out.append(f"    theme: {scalar(phase.theme)}")
    out += [f"    period: {scalar(phase.period)}", f"    start: {_iso(phase.start)}",
            f"    end: {_iso(phase.end)}"]
    if phase.milestones:
        out.append("    milestones:")
        for ms in phase.milestones:
            out += milestone_lines(ms)
    return out


def milestone_lines(ms: DraftMilestone) -> list[str]:
    out = [f"      - id: {ms.id}", f"        title: {scalar(ms.title)}"]
    if ms.tasks:
        out.append(f"        tasks: {flow_list(ms.tasks)}")
    if ms.units:
        out.append(f"        units: {flow_list(ms.units)}")
    return out


def target_lines(target: DraftTarget) -> list[str]:
    return [f"      - id: {target.id}", f"        text: {scalar(target.text)}",
            f"        due_text: {scalar(target.due_text)}", f"        due: {_iso(target.due)}"]


def due_line(due: date, due_text: str | None, indent: str = "    ") -> str:
    comment = f"   # {due_text}" if due_text and "#" not in due_text and "\n" not in due_text \
        else ""
    return f"{indent}due: {_iso(due)}{comment}"


def task_lines(task: DraftTask) -> list[str]:
    return _task(task)


def _task(task: DraftTask) -> list[str]:
    where = f"DOC line {task.line}" + (f" · {task.path}" if task.path else "")
    out = [f"  # {where}", f"  - id: {task.id}", f"    number: {task.number}",
           f"    kind: {task.kind}", f"    section: {scalar(task.section)}",
           f"    title: {scalar(task.title)}", f"    text: {scalar(task.text)}"]
    if task.units:
        out.append(f"    units: {flow_list(task.units)}")
    if task.lead:
        out.append(f"    lead: {scalar(task.lead)}")
    if task.due:
        out.append(due_line(task.due, task.due_text))
    if task.targets:
        out.append("    targets:")
        for target in task.targets:
            out += target_lines(target)
    if task.repairs:
        out.append("    repairs:")
        for original, repaired, reason in task.repairs:
            out += [f"      - original: {scalar(original)}",
                    f"        repaired: {scalar(repaired)}", f"        reason: {scalar(reason)}"]
    return out


def agencies_yaml(units: UnitTable, header: list[str]) -> str:
    out = [*[f"# {line}" for line in header], "schema_version: 1", "agencies:"]
    for agency in units.registry_agencies:
        data = agency.model_dump(mode="json", exclude_defaults=True)
        extra = units.added_aliases.get(agency.id, [])
        if extra:
            data["aliases"] = [*data.get("aliases", []), *extra]
        out += _mapping(data, "  ", first="- ")
    for entry in units.entries:
        out += entry_lines(entry)
    return "\n".join(out) + "\n"


def entry_lines(entry: UnitEntry) -> list[str]:
    """A new unit as an item of agencies.yaml's list (its dash in column 2)."""
    fields: dict[str, Any] = {"id": entry.id, "name": entry.name, "kind": entry.kind}
    if entry.aliases:
        fields["aliases"] = entry.aliases
    if entry.note:
        fields["note"] = entry.note
    return [f"  # DOC line {entry.first_line}", *_mapping(fields, "  ", first="- ")]


def _mapping(data: dict[str, Any], indent: str, first: str = "") -> list[str]:
    out: list[str] = []
    for index, (key, value) in enumerate(data.items()):
        lead = indent + (first if index == 0 else " " * len(first))
        if isinstance(value, dict):
            out.append(f"{lead}{key}:")
            out += _mapping(value, lead.replace("-", " ") + "  ")
        elif isinstance(value, list):
            out.append(f"{lead}{key}: {flow_list([str(v) for v in value])}")
        elif isinstance(value, bool):
            out.append(f"{lead}{key}: {'true' if value else 'false'}")
        elif isinstance(value, int) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            out.append(f"{lead}{key}: {value}")
        else:
            out.append(f"{lead}{key}: {scalar(str(value))}")
    return out
