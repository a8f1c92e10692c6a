"""The whole import: read, find the structure, draft, merge into an existing plan (--update),
and validate the files with the loader before anything is written.

`run_import` writes nothing: it returns the files (`ImportResult.files`), and `write_plan`
writes them with the report, all of them or none."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.base.finding import Severity
from suizhou_plan.base.output_files import OutputError, content_digest, write_files
from suizhou_plan.i18n import Msg
from suizhou_plan.importer import base_record
from suizhou_plan.importer.base_record import BASE, dumps, from_draft
from suizhou_plan.importer.clauses import find_added_units, find_lead_rule
from suizhou_plan.importer.document import Document, UnreadableDocument
from suizhou_plan.importer.draft import DraftPlan, DraftSection
from suizhou_plan.importer.emit import agencies_yaml, entry_lines, tasks_yaml
from suizhou_plan.importer.findings import FindingLog, ImportFinding, phrase
from suizhou_plan.importer.flat import split_blocks
from suizhou_plan.importer.meta import read_meta
from suizhou_plan.importer.milestone_links import link_milestones
from suizhou_plan.importer.outline import build_outline
from suizhou_plan.importer.reading import read_document
from suizhou_plan.importer.structure import read_structure, section_for_table
from suizhou_plan.importer.tables import read_tables
from suizhou_plan.importer.tasks_draft import draft_tasks
from suizhou_plan.importer.units import build_units
from suizhou_plan.importer.update import UpdateRefused, merge
from suizhou_plan.importer.yaml_lines import Lines, NotEditable, indent, items, mapping
from suizhou_plan.load.plan_loader import load_agencies_file, load_plan
from suizhou_plan.ops.open_plan import PlanRefused, open_plan
from suizhou_plan.rules.engine import run
from suizhou_plan.views.registry import AgencyRegistry

TASKS = "tasks.yaml"
AGENCIES = "agencies.yaml"
REPORT = "import-report.md"


class RegistryUnusable(SuizhouError):
    """The `--agencies` file cannot be used (the message says why; a usage error)."""

    exit_code = USAGE


class OutputUnwritable(SuizhouError):
    """The plan directory cannot be written (the message says why and to type another
    --out: a usage error)."""

    exit_code = USAGE


class PlanUnusable(SuizhouError):
    """--update: the plan in --out cannot be read, merged or kept whole (the message says why
    and what to do); nothing was written (exit 1)."""


@dataclass
class Update:
    """What `--update` did to the plan."""

    changes: list[Any] = field(default_factory=list)  # update.Change
    matched: int = 0  # items that kept their id
    ledger: int = 0  # ledger entries carried over, each byte as it was
    had_base: bool = True
    digests: dict[str, str] = field(default_factory=dict)  # the plan files as read
    ids: dict[str, str] = field(default_factory=dict)  # the document's item → the plan's id
    final: set[str] = field(default_factory=set)  # the tasks the updated plan holds
    before: Any = None  # the plan as it was loaded, for the errors it had already


@dataclass
class ImportResult:
    document: Document | None
    findings: list[ImportFinding] = field(default_factory=list)
    written: bool = False  # the plan's files were made (`files`), ready to write
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
    plan: Any = None  # the DraftPlan read from the document, for the report's items
    loaded: Any = None  # the files as the loader reads them, when already loaded
    files: dict[str, str] = field(default_factory=dict)  # file name → text to write
    update: Update | None = None


def load_registry(path: Path) -> Any:
    """The agencies of an existing `agencies.yaml`, read by the project's own loader."""
    loaded = load_agencies_file(path)
    if loaded.agencies is None or loaded.problems:
        first = loaded.problems[0] if loaded.problems else None
        why = (Msg("{where}: {message}", where=str(first.location), message=first.message)
               if first else Msg("it holds no agencies"))
        raise RegistryUnusable(Msg(
            "--agencies {path} is not a valid agencies.yaml ({why}); run `suizhou validate` "
            "on its plan, or leave --agencies out", path=str(path), why=why))
    return AgencyRegistry(loaded.agencies.agencies)


@dataclass
class _Drafted:
    doc: Document
    plan: Any  # DraftPlan
    log: FindingLog
    header: list[str]
    label: str


def _draft(doc_path: Path, shown: str, replace_bad_bytes: bool,
           result: ImportResult) -> _Drafted | None:
    try:
        doc = read_document(doc_path, replace_bad_bytes=replace_bad_bytes)
    except UnreadableDocument as exc:
        result.failure = exc.args[0]
        return None
    result.document = doc
    doc.blocks, furniture_found = split_blocks(doc.blocks)
    doc.dropped.extend(furniture_found)
    log = FindingLog()
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
                             path=shown)
        result.findings = log.sorted()
        return None
    added = find_added_units(doc.blocks)
    for clause in added:
        log.add("units-for-all", clause.line, text=clause.text[:40],
                units="、".join(clause.units), scope=phrase(f"scope-{clause.scope}"))
    lead_rule = find_lead_rule(doc.blocks)
    phase_years = [p.start.year for p in structure.phases]
    meta = read_meta(doc.blocks, log, min(phase_years) if phase_years else None)
    plan = DraftPlan(meta.title, meta.issuer, meta.issued, shown, meta.repairs,
                     structure.sections, structure.phases)
    plan.guessed = meta.guessed
    for section in {t.section for t in raw} - {s.name for s in plan.sections}:
        plan.sections.append(DraftSection(f"s{len(plan.sections) + 1}", section, section))
    title_years = set(re.findall(r"(\d{4})\s*年", plan.title))
    plan_year = int(title_years.pop()) if len(title_years) == 1 else None
    plan.tasks = draft_tasks(raw, added, plan.horizon, log, plan_year,
                             (lead_rule.line, lead_rule.text) if lead_rule else None)
    _check_phases(plan, log)
    link_milestones(plan, log)
    header = _lead_header(plan, lead_rule, log)
    label = f"{shown} ({doc.format}" + (f", {doc.encoding})" if doc.encoding else ")")
    return _Drafted(doc, plan, log, header, label)


def run_import(doc_path: Path, out_dir: Path, registry_path: Path | None = None,
               shown: str | None = None, *, replace_bad_bytes: bool = False,
               update: bool = False) -> ImportResult:
    """Read `doc_path` into the files of a plan for `out_dir` (nothing is written).  With
    `update`, the plan in `out_dir` is read and the document merged into it."""
    shown = shown or str(doc_path)
    registry = load_registry(registry_path) if registry_path else None
    ours = _read_plan(out_dir) if update else None
    result = ImportResult(None)
    drafted = _draft(doc_path, shown, replace_bad_bytes, result)
    if drafted is None:
        return result
    if ours is not None:
        _merge_into(ours, drafted, out_dir, result)
    else:
        _new_plan(drafted, registry, out_dir, result)
    plan = drafted.plan
    result.written = True
    result.plan = plan
    result.tasks = sum(t.kind == "task" for t in plan.tasks)
    result.safeguards = sum(t.kind == "safeguard" for t in plan.tasks)
    result.phases = len(plan.phases)
    result.targets = sum(len(t.targets) for t in plan.tasks)
    _validate(out_dir, result)
    result.findings = drafted.log.sorted()
    return result


def _new_plan(drafted: _Drafted, registry: Any, out_dir: Path, result: ImportResult) -> None:
    plan = drafted.plan
    seen = [(u, t.line) for t in plan.tasks for u in t.units]
    units = build_units(seen, registry, drafted.log)
    ids = _unit_ids(units, registry, [u for u, _ in seen])
    result.files = {
        TASKS: tasks_yaml(plan, drafted.label, drafted.header),
        AGENCIES: agencies_yaml(units, [
            f"Units of {plan.source_document}, as the document writes them (imported by "
            "`suizhou import`).", "Kinds are guessed from the names: check each `kind`."]),
        BASE: dumps(from_draft(plan, ids, drafted.label, _names(units, registry, ids))),
    }
    result.new_agencies = len(units.entries)
    result.matched_agencies = len(units.registry_agencies)


def _names(units: Any, registry: Any, ids: dict[str, str]) -> dict[str, str]:
    """Each agency a form was resolved to → its name as written now."""
    names = {entry.id: entry.name for entry in units.entries}
    if registry is not None:
        names.update({a.id: a.name for a in registry.agencies})
    return {agency_id: names[agency_id] for agency_id in set(ids.values()) if agency_id in names}


def _unit_ids(units: Any, registry: Any, forms: list[str]) -> dict[str, str]:
    """Each form as written → the agency it was resolved to."""
    out: dict[str, str] = {}
    for entry in units.entries:
        for form in (entry.name, *entry.aliases):
            out[form] = entry.id
    for agency_id, aliases in units.added_aliases.items():
        for form in aliases:
            out[form] = agency_id
    for form in forms:
        if form not in out and registry is not None:
            agency = registry.exact(form)
            if agency is not None:
                out[form] = agency.id
    return out


@dataclass
class _Ours:
    texts: dict[str, str]
    digests: dict[str, str]
    loaded: Any


def _read_plan(out_dir: Path) -> _Ours:
    """The plan to update, read once (the caller holds the plan's lock); `PlanUnusable` when
    it is refused (`open_plan`: a file cannot be read, it does not load, or it holds an id
    twice, so its items cannot be matched)."""
    try:
        opened = open_plan(out_dir)
    except PlanRefused as exc:
        if exc.unread:
            first = exc.unread[0]
            raise PlanUnusable(Msg("cannot read {file}: {why}", file=str(first.location),
                                   why=first.message)) from None
        stop = exc.findings[0] if exc.findings else None
        raise PlanUnusable(Msg(
            "the plan in {dir} does not load ({where}: {message}), so it cannot be updated; "
            "fix it (`suizhou validate --plan {dir}` lists what to fix) and import again; "
            "nothing was changed", dir=str(out_dir),
            where=str(stop.location) if stop else "", message=stop.message if stop else "",
        )) from None
    texts = {}
    for name, raw in opened.given.items():
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError:  # pragma: no cover - the loader refused it already
            raise PlanUnusable(Msg("{file} is not UTF-8", file=str(out_dir / name))) from None
    return _Ours(texts, {n: content_digest(b) for n, b in opened.given.items()}, opened.loaded)


def _merge_into(ours: _Ours, drafted: _Drafted, out_dir: Path, result: ImportResult) -> None:
    base = base_record.read(out_dir)
    registry = AgencyRegistry(ours.loaded.agencies.agencies)
    try:
        work, tasks_text = merge(ours.texts[TASKS], ours.loaded.tasks, registry, base,
                                 drafted.plan, drafted.log)
    except UpdateRefused as exc:
        raise PlanUnusable(exc.args[0]) from None
    agencies_text, entries = _add_units(ours.texts[AGENCIES], work, drafted, registry)
    new_base = _merged_base(work, drafted, registry, entries)
    result.files = {TASKS: tasks_text, AGENCIES: agencies_text,
                    base_record.BASE: base_record.dumps(new_base)}
    result.new_agencies = len(entries)
    result.matched_agencies = len(registry.agencies)
    ledger, result.loaded = _check_kept(ours, result.files, out_dir)
    result.update = Update(work.changes, work.matched, ledger, base is not None, ours.digests,
                           dict(work.id_map), set(work.final), ours.loaded)


def _add_units(text: str, work: Any, drafted: _Drafted, registry: Any) -> tuple[str, list[Any]]:
    """agencies.yaml as the office keeps it, with the document's new units appended."""
    new = set(work.units.new)
    if not new:
        return text, []
    seen = [(u, t.line) for t in drafted.plan.tasks for u in t.units if u in new]
    seen += [(u, p.line) for p in drafted.plan.phases for m in p.milestones for u in m.units
             if u in new]
    table = build_units(seen, registry, drafted.log)
    lines = Lines(text)
    try:
        top = mapping(yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), 0)
        key = top.keys["agencies"]
        spans = items(key.value, key.line + 1, lines.lines)
    except (NotEditable, KeyError, yaml.YAMLError):
        raise PlanUnusable(Msg(
            "agencies.yaml is laid out in a way the update cannot add units to (its "
            "`agencies:` list is not in block style); write it one `- ` item a line and "
            "import again; nothing was changed")) from None
    added: list[str] = []
    for entry in table.entries:
        added += entry_lines(entry)
    at = spans[-1].last + 1 if spans else key.line + 1
    lines.insert(at, indent(added, (spans[-1].dash if spans else 2) - 2))
    for entry in table.entries:
        work.note("new-unit", entry.id, title=entry.name)
    return lines.apply(), table.entries


def _merged_base(work: Any, drafted: _Drafted, registry: Any, entries: list[Any]) -> Any:
    """What the document said, under the plan's ids: the base of the next update."""
    plan = drafted.plan
    forms: dict[str, str] = {}
    for entry in entries:
        for form in (entry.name, *entry.aliases):
            forms[form] = entry.id
    for form in {u for t in plan.tasks for u in t.units} | {
            u for p in plan.phases for m in p.milestones for u in m.units}:
        if form not in forms:
            agency = registry.exact(work.units(form))
            if agency is not None:
                forms[form] = agency.id
    names = {entry.id: entry.name for entry in entries}
    names.update({a.id: a.name for a in registry.agencies})
    base = from_draft(plan, forms, drafted.label,
                      {i: names[i] for i in set(forms.values()) if i in names})
    ids = work.id_map
    for task in base.tasks:
        task.id = ids.get(task.id, task.id)
        for target in task.targets:
            target.id = ids.get(target.id, target.id)
    for phase in base.phases:
        phase.id = ids.get(phase.id, phase.id)
        for ms in phase.milestones:
            ms.id = ids.get(ms.id, ms.id)
            ms.tasks = [ids.get(x, x) for x in ms.tasks]
    for section in base.sections:
        section.id = ids.get(section.id, section.id)
    return base


def _check_kept(ours: _Ours, files: dict[str, str], out_dir: Path) -> tuple[int, Any]:
    """The update keeps every ledger entry and every agency as it was: compared on the
    loaded models before anything is written.  The entries carried over, and the updated
    plan as loaded (validated next)."""
    new = load_plan(out_dir, given={TASKS: files[TASKS].encode("utf-8"),
                                    AGENCIES: files[AGENCIES].encode("utf-8")})
    if not new.ok:
        first = new.problems[0] if new.problems else None
        raise PlanUnusable(Msg(
            "internal error: the updated plan does not load ({where}: {message}); nothing "
            "was changed", where=str(first.location) if first else "",
            message=first.message if first else ""))
    before, after = _ledgers(ours.loaded.tasks), _ledgers(new.tasks)
    for item, entries in before.items():
        if entries and after.get(item) != entries:
            raise PlanUnusable(Msg(
                "internal error: the update would change the ledger of {item}; nothing was "
                "changed", item=item))
    agencies = {a.id: a.model_dump() for a in new.agencies.agencies}
    for agency in ours.loaded.agencies.agencies:
        if agencies.get(agency.id) != agency.model_dump():
            raise PlanUnusable(Msg(
                "internal error: the update would change the unit {id} in agencies.yaml; "
                "nothing was changed", id=agency.id))
    return sum(len(e) for e in before.values()), new


def _ledgers(tasks: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for task in tasks.tasks:
        out[task.id] = [e.model_dump() for e in task.progress]
        for target in task.targets:
            out[target.id] = [e.model_dump() for e in target.progress]
    for phase in tasks.phases:
        for ms in phase.milestones:
            out[ms.id] = [e.model_dump() for e in ms.progress]
    return out


def write_plan(out_dir: Path, result: ImportResult, report: str) -> None:
    """The plan's files and the report, all of them or none; with --update, only if the plan
    is still as it was read (the caller holds the plan's lock; an editor does not): checked
    before the files are made and again right before they are renamed into place."""
    read = result.update.digests if result.update is not None else {}

    def unchanged() -> None:
        for name, digest in read.items():
            try:
                now = content_digest((out_dir / name).read_bytes())
            except OSError:
                now = ""
            if now != digest:
                raise PlanUnusable(Msg(
                    "{file} was changed by another program while the document was imported; "
                    "nothing was written: import again", file=str(out_dir / name)))

    unchanged()
    files = {name: text.encode("utf-8") for name, text in result.files.items()}
    files[REPORT] = report.encode("utf-8")
    try:
        write_files(out_dir, files, still_ok=unchanged)
    except OutputError as exc:
        raise OutputUnwritable(Msg("{why}; type --out with a directory you can write to",
                                   why=exc.args[0])) from None


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


def _errors(loaded: Any) -> set[str]:
    return {f"{f.rule} {f.message}" for f in run(loaded, as_of=None).findings
            if f.severity is Severity.ERROR}


def _validate(out_dir: Path, result: ImportResult) -> None:
    loaded = result.loaded or load_plan(out_dir, given={
        TASKS: result.files[TASKS].encode("utf-8"), AGENCIES: result.files[AGENCIES].encode(
            "utf-8")})
    result.loaded = None
    checked = run(loaded, as_of=None)
    before: set[str] = set()
    if result.update is not None and any(f.severity is Severity.ERROR
                                         for f in checked.findings):
        before = _errors(result.update.before)  # the plan's own, not the update's
    for finding in checked.findings:
        if finding.severity is Severity.ERROR and f"{finding.rule} {finding.message}" in before:
            continue  # the plan's own, before the update
        if finding.severity is Severity.ERROR and finding.rule == "unassigned":
            result.unassigned.append(f"{finding.location}: {finding.message}")
        elif finding.severity is Severity.ERROR:
            result.validation_errors.append(f"{finding.location}: {finding.message}")
        elif finding.severity is Severity.WARNING:
            result.validation_warnings += 1
