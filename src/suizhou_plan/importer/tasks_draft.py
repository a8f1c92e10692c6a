"""Found tasks → draft tasks: ids, titles, units with the document-wide additions, leads,
deadlines as targets, and a finding for every doubt."""

from __future__ import annotations

import re
from datetime import date

from suizhou_plan.importer.assignment import Assignment, looks_like_unit
from suizhou_plan.importer.clauses import AddedUnits
from suizhou_plan.importer.deadlines import (
    YEARLESS,
    TargetSpan,
    find_targets,
    resolve,
    resolve_yearless,
)
from suizhou_plan.importer.draft import DraftTarget, DraftTask, Source
from suizhou_plan.importer.findings import FindingLog, phrase
from suizhou_plan.importer.script import either
from suizhou_plan.importer.structure import RawTask

MAX_TEXT = 20_000  # the plan format's longest text field
_DAMAGE = re.compile(r"[\u4e00-\u9fff][?？\ufffd]+[^\s?？]")
_LEADS_VERB = either("牵头")
_RESPONSIBLE_VERB = either("负责")


def draft_tasks(raw: list[RawTask], added: list[AddedUnits], horizon: date | None, log: FindingLog,
                plan_year: int | None = None, lead_rule: tuple[int, str] | None = None
                ) -> list[DraftTask]:
    """`lead_rule`: where and in which words the document says its first unit leads."""
    counts = {"task": sum(r.kind == "task" for r in raw),
              "safeguard": sum(r.kind == "safeguard" for r in raw)}
    numbers = {"task": 0, "safeguard": 0}
    out: list[DraftTask] = []
    for item in raw:
        numbers[item.kind] += 1
        number = numbers[item.kind]
        prefix = "T" if item.kind == "task" else "S"
        width = len(str(counts[item.kind]))
        task_id = f"{prefix}{number:0{width}d}"
        task = _draft(item, task_id, number, added, horizon, log, plan_year)
        assert task.source is not None
        if not task.lead and task.units and lead_rule is not None:
            task.source.lead_how, task.source.lead_words = "rule", lead_rule[1]
        out.append(task)
    return out


def _draft(item: RawTask, task_id: str, number: int, added: list[AddedUnits],
           horizon: date | None, log: FindingLog, plan_year: int | None) -> DraftTask:
    task = _draft_task(item, task_id, number, added, horizon, log, plan_year)
    source = task.source = task.source or Source(item.line)
    source.marker, source.table_row = item.path, item.row
    clause = item.assignment
    if item.table_units is not None:
        source.unit_words = [(header, cell) for header, cell in item.cells if cell]
        if task.lead and item.lead_column:
            source.lead_how, source.lead_words = "column", item.lead_column
        if item.deadline_cell is not None:
            source.deadline_column, source.deadline_words = item.deadline_cell
    elif clause is not None:
        body = item.node.body if item.node is not None else item.text
        source.unit_words = [("", body[clause.start:clause.end].strip())]
        if task.lead:
            source.lead_how, source.lead_words = "label", clause.lead_words or ""
        if clause.deadline:
            source.deadline_words = clause.deadline_words or clause.deadline
    return task


def _draft_task(item: RawTask, task_id: str, number: int, added: list[AddedUnits],
                horizon: date | None, log: FindingLog, plan_year: int | None) -> DraftTask:
    clause = item.assignment
    units = list(item.table_units if item.table_units is not None else
                 clause.units if clause else [])
    leads = list(item.table_leads if item.table_units is not None else
                 clause.leads if clause else [])
    text = " ".join(item.text.split()) if "\n" not in item.text else item.text
    title = _title(item.body or item.text)
    if len(text) > MAX_TEXT or len(title) > MAX_TEXT:
        log.add("text-cut", item.line, task=task_id, count=format(len(text), ","),
                limit=format(MAX_TEXT, ","))
        text, title = text[:MAX_TEXT], title[:MAX_TEXT]
    task = DraftTask(task_id, number, item.kind, item.section, title, text, item.line,
                     item.path)
    task.source = Source(item.line)
    for extra in added:
        if (extra.scope == "following" and item.line < extra.line) or (
                extra.scope == "preceding" and item.line > extra.line):
            continue
        new = [unit for unit in extra.units if unit not in units]
        units.extend(new)
        if new:
            task.source.added.append((extra.line, extra.text, new))
    task.units = units
    if not units:
        log.add("no-units", item.line, task=task_id, title=task.title)
    if leads:
        task.lead = leads[0]
        if len(leads) > 1:
            log.add("several-leads", item.line, task=task_id, count=str(len(leads)),
                    leads="、".join(leads))
    if clause is not None:
        _clause_findings(item, task_id, clause, log)
    _contradicted_lead(item, task, log)
    _deadlines(item, task, clause.deadline if clause else item.table_deadline, horizon, log,
               plan_year)
    damage = _DAMAGE.search(item.text)
    if damage:
        log.add("damaged-text", item.line, task=task_id, text=damage.group())
    return task


def _title(body: str) -> str:
    first = re.split(r"[。；;\n]", body.strip(), maxsplit=1)[0].strip()
    first = first.rstrip("：:，,")
    return first or body.strip()[:30]


def _clause_findings(item: RawTask, task_id: str, clause: object, log: FindingLog) -> None:
    assert isinstance(clause, Assignment)
    if clause.ends_with_etc:
        log.add("open-list", item.line, task=task_id)
    if clause.unclosed:
        log.add("bracket", item.line, "bracket-unclosed", task=task_id)
    elif clause.mismatched:
        log.add("bracket", item.line, "bracket-mismatched", task=task_id)
    for unit in clause.odd_units:
        if not looks_like_unit(unit):
            log.add("odd-unit", item.line, task=task_id, unit=unit)


def _contradicted_lead(item: RawTask, task: DraftTask, log: FindingLog) -> None:
    if not task.units:
        return
    lead = task.lead or task.units[0]
    for unit in task.units:
        if unit == lead:
            continue
        if re.search(re.escape(unit) + _LEADS_VERB, item.body) or re.search(
                "由" + re.escape(unit) + "(" + _RESPONSIBLE_VERB + ")", item.body):
            how = phrase("how-explicit" if task.lead else "how-first")
            log.add("lead-contradicted", item.line, task=task.id, unit=unit, how=how, lead=lead)
            return


def _yearless(item: RawTask, task: DraftTask, spans: list[TargetSpan], plan_year: int | None,
              log: FindingLog, used: set[str]) -> None:
    """「年底前基本實現…」: the year is the plan's own when the title names one year."""
    taken = {span.offset for span in spans}
    for match in YEARLESS.finditer(item.body):
        start = max((item.body.rfind(ch, 0, match.start()) for ch in "。；;"), default=-1) + 1
        if start in taken:
            continue
        taken.add(start)
        ends = [i for i in (item.body.find(ch, match.end()) for ch in "。；;") if i >= 0]
        text = item.body[start:min(ends) + 1 if ends else len(item.body)].strip()
        if plan_year is None:
            log.add("deadline", item.line, "deadline-no-year", task=task.id,
                    phrase=match.group())
            continue
        due = resolve_yearless(match.group(), plan_year)
        target_id = f"{task.id}-{due.year}"
        while target_id in used:
            target_id += "b"
        used.add(target_id)
        task.targets.append(DraftTarget(target_id, text, match.group(), due,
                                        "the year of the plan's title"))
        log.add("deadline", item.line, "deadline-title-year", task=task.id,
                phrase=match.group(), year=str(plan_year), due=due.isoformat())


def _deadlines(item: RawTask, task: DraftTask, field_deadline: str | None,
               horizon: date | None, log: FindingLog, plan_year: int | None = None) -> None:
    if field_deadline:
        resolved = resolve(field_deadline, horizon)
        if task.source is not None:
            task.source.deadline_rule = resolved.rule
        if resolved.due is None:
            log.add("deadline", item.line, "deadline-no-date", task=task.id,
                    phrase=field_deadline, rule=resolved.rule)
        else:
            task.due, task.due_text = resolved.due, field_deadline
            if "read as" in resolved.rule:
                log.add("deadline", item.line, "deadline-read-as", task=task.id,
                        phrase=field_deadline, rule=resolved.rule, due=resolved.due.isoformat())
    used: set[str] = set()
    spans = find_targets(item.body)
    _yearless(item, task, spans, plan_year, log, used)
    for span in spans:
        resolved = resolve(span.phrase, horizon)
        if resolved.due is None:
            log.add("deadline", item.line, "target-no-date", task=task.id,
                    phrase=span.phrase, rule=resolved.rule)
            continue
        target_id = f"{task.id}-{resolved.due.year}"
        suffix = 2
        while target_id in used:
            target_id = f"{task.id}-{resolved.due.year}-{suffix}"
            suffix += 1
        used.add(target_id)
        task.targets.append(DraftTarget(target_id, span.text, span.phrase, resolved.due,
                                        resolved.rule))
        if "read as" in resolved.rule or "31 December" in resolved.rule:
            log.add("deadline", item.line, "target-resolved", task=task.id,
                    phrase=span.phrase, due=resolved.due.isoformat(), rule=resolved.rule)
