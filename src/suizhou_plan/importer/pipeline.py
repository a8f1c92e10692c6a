"""The whole import: read, find the structure, draft, write, and validate with the loader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.findings import FindingLog, ImportFinding
from suizhou_plan.importer.reading import Document, UnreadableDocument, read_document

TASKS = "tasks.yaml"
AGENCIES = "agencies.yaml"
REPORT = "import-report.md"


class RegistryUnusable(Exception):
    """The `--agencies` file cannot be used (the message says why)."""


class OutputUnwritable(Exception):
    """The plan directory cannot be written (the message says why)."""


@dataclass
class ImportResult:
    document: Document | None
    findings: list[ImportFinding] = field(default_factory=list)
    written: bool = False
    failure: str | None = None  # why nothing was written
    tasks: int = 0
    safeguards: int = 0
    phases: int = 0
    targets: int = 0
    new_agencies: int = 0
    matched_agencies: int = 0
    validation_errors: list[str] = field(default_factory=list)  # a bug of the importer
    unassigned: list[str] = field(default_factory=list)  # what the document left open
    validation_warnings: int = 0
    plan: Any = None  # the DraftPlan written, for the report's items


def load_registry(path: Path) -> Any:
    """The agencies of an existing `agencies.yaml`, read by the project's own loader."""
    from suizhou_plan.load.plan_loader import load_agencies_file
    from suizhou_plan.registry import AgencyRegistry

    loaded = load_agencies_file(path)
    if loaded.agencies is None or loaded.problems:
        first = loaded.problems[0] if loaded.problems else None
        why = (Msg("{where}: {message}", where=str(first.location), message=first.message)
               if first else Msg("it holds no agencies"))
        raise RegistryUnusable(Msg(
            "--agencies {path} is not a valid agencies.yaml ({why}); run `suizhou validate` "
            "on its plan, or leave --agencies out", path=str(path), why=why))
    return AgencyRegistry(loaded.agencies.agencies)


def run_import(doc_path: Path, out_dir: Path, registry_path: Path | None = None,
               shown: str | None = None, *, replace_bad_bytes: bool = False) -> ImportResult:
    from suizhou_plan.importer.clauses import find_added_units, find_lead_rule
    from suizhou_plan.importer.draft import DraftPlan
    from suizhou_plan.importer.emit import agencies_yaml, tasks_yaml
    from suizhou_plan.importer.meta import read_meta
    from suizhou_plan.importer.milestone_links import link_milestones
    from suizhou_plan.importer.outline import build_outline
    from suizhou_plan.importer.structure import read_structure, section_for_table
    from suizhou_plan.importer.tables import read_tables
    from suizhou_plan.importer.tasks_draft import draft_tasks
    from suizhou_plan.importer.units import build_units

    registry = load_registry(registry_path) if registry_path else None
    try:
        doc = read_document(doc_path, replace_bad_bytes=replace_bad_bytes)
    except UnreadableDocument as exc:
        return ImportResult(None, failure=exc.args[0])
    from suizhou_plan.importer.flat import split_blocks

    doc.blocks, furniture_found = split_blocks(doc.blocks)
    doc.dropped.extend(furniture_found)
    log = FindingLog()
    result = ImportResult(doc)
    for slug, line, args in doc.notes:
        log.add(slug, line, **args)
    for line, column, _ in doc.replaced:
        log.add("replaced-byte", line, column=str(column), encoding=doc.encoding or "")
    furniture = [b for b in doc.dropped if b.text.strip()]
    if furniture:
        first = min(furniture, key=lambda b: b.line)
        log.add("page-furniture", first.line, count=str(len(furniture)),
                text=" ".join(first.text.split())[:30])
    root = build_outline(doc.blocks)
    structure = read_structure(root, log)
    sections = {id(t): section_for_table(t, structure) for t in structure.tables}
    raw = sorted([*structure.tasks, *read_tables(structure.tables, log, sections)],
                 key=lambda t: (t.line, t.order))
    if not raw:
        result.failure = Msg("no tasks found in {path}: no paragraph names its responsible "
                             "units (責任單位, 牽頭單位 …) and no table has a unit column",
                             path=shown or str(doc_path))
        result.findings = log.sorted()
        return result
    added = find_added_units(doc.blocks)
    from suizhou_plan.importer.findings import phrase

    for clause in added:
        log.add("units-for-all", clause.line, text=clause.text[:40],
                units="、".join(clause.units), scope=phrase(f"scope-{clause.scope}"))
    lead_rule = find_lead_rule(doc.blocks)
    phase_years = [p.start.year for p in structure.phases]
    meta = read_meta(doc.blocks, log, min(phase_years) if phase_years else None)
    plan = DraftPlan(meta.title, meta.issuer, meta.issued, shown or str(doc_path),
                     meta.repairs, structure.sections, structure.phases)
    for section in {t.section for t in raw} - {s.name for s in plan.sections}:
        from suizhou_plan.importer.draft import DraftSection

        plan.sections.append(DraftSection(f"s{len(plan.sections) + 1}", section, section))
    title_years = set(re.findall(r"(\d{4})\s*年", plan.title))
    plan_year = int(title_years.pop()) if len(title_years) == 1 else None
    plan.tasks = draft_tasks(raw, added, plan.horizon, log, plan_year,
                             (lead_rule.line, lead_rule.text) if lead_rule else None)
    _check_phases(plan, log)
    link_milestones(plan, log)
    header = _lead_header(plan, lead_rule, log)
    seen = [(u, t.line) for t in plan.tasks for u in t.units]
    units = build_units(seen, registry, log)
    doc_label = f"{shown or doc_path} ({doc.format}" + (
        f", {doc.encoding})" if doc.encoding else ")")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / TASKS).write_text(tasks_yaml(plan, doc_label, header), encoding="utf-8")
        (out_dir / AGENCIES).write_text(agencies_yaml(units, [
            f"Units of {shown or doc_path}, as the document writes them (imported by `suizhou "
            "import`).", "Kinds are guessed from the names: check each `kind`."]),
            encoding="utf-8")
    except OSError as exc:
        raise OutputUnwritable(Msg("cannot write {path}: {why}; type --out with a directory "
                                   "you can write to", path=str(out_dir),
                                   why=exc.strerror or str(exc))) from None
    result.written = True
    result.plan = plan
    result.tasks = sum(t.kind == "task" for t in plan.tasks)
    result.safeguards = sum(t.kind == "safeguard" for t in plan.tasks)
    result.phases = len(plan.phases)
    result.targets = sum(len(t.targets) for t in plan.tasks)
    result.new_agencies = len(units.entries)
    result.matched_agencies = len(units.registry_agencies)
    _validate(out_dir, result)
    result.findings = log.sorted()
    return result


def _lead_header(plan: Any, lead_rule: Any, log: FindingLog) -> list[str]:
    if lead_rule is not None:
        return [f"Leads: the document says 「{lead_rule.text}」 (DOC line {lead_rule.line}); "
                "a task without `lead:` is led by its first unit."]
    if any(t.lead for t in plan.tasks):
        return ["Leads: `lead:` where the document marks one (牽頭); elsewhere the first unit."]
    log.add("lead-inferred", None)
    return ["Leads: the document names none; the first unit of each task is taken as lead."]


def _check_phases(plan: Any, log: FindingLog) -> None:
    for before, after in zip(plan.phases, plan.phases[1:], strict=False):
        if after.start <= before.end:
            log.add("phase-overlap", after.line, phase=after.id, period=after.period,
                    previous=before.id, end=before.end.isoformat())


def _validate(out_dir: Path, result: ImportResult) -> None:
    from suizhou_plan.engine import run
    from suizhou_plan.finding import Severity
    from suizhou_plan.load import load_plan

    checked = run(load_plan(out_dir), as_of=None)
    for finding in checked.findings:
        if finding.severity is Severity.ERROR and finding.rule == "unassigned":
            result.unassigned.append(f"{finding.location}: {finding.message}")
        elif finding.severity is Severity.ERROR:
            result.validation_errors.append(f"{finding.location}: {finding.message}")
        elif finding.severity is Severity.WARNING:
            result.validation_warnings += 1
