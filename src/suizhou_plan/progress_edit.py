"""`progress add` as a core operation: find the item, insert the entry, validate the whole
plan with it, and only then write the file (atomically)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from suizhou_plan.finding import Finding
from suizhou_plan.ledger import Entry, insert_entry

DATED_ERRORS = frozenset({"overdue", "future-progress"})


@dataclass
class Outcome:
    item_id: str = ""
    usage_error: str = ""
    errors: list[str] = field(default_factory=list)


def _subject(finding: Finding) -> tuple[str | None, ...]:
    if finding.task or finding.milestone or finding.agency:
        return (finding.rule, finding.task, finding.milestone, finding.agency)
    return (finding.rule, finding.message)


def append_progress(plan: Path, item_id: str, entry: Entry, as_of: date) -> Outcome:
    from suizhou_plan.engine import run
    from suizhou_plan.load import load_plan
    from suizhou_plan.load.plan_loader import TASKS
    from suizhou_plan.load.yamltree import locate
    from suizhou_plan.report.findings_text import headline
    from suizhou_plan.writing import write_atomic

    loaded = load_plan(plan)
    before = run(loaded, as_of=as_of)
    if before.index is None or run(loaded, as_of=None).summary()["error"]:
        return Outcome(errors=[headline(f) for f in before.findings
                               if f.severity.value == "error" and f.rule not in DATED_ERRORS]
                       + ["the plan has errors already: fix them first (`suizhou validate`)"])
    # Problems the plan already has (an overdue item, another entry's date) are not this
    # entry's fault: only errors it would add refuse it.  Compared by rule and subject, not
    # by line (the insertion shifts lines) nor message (it may quote the new status).
    known = {_subject(f) for f in before.findings if f.severity.value == "error"}
    index = before.index
    item = index.by_id.get(item_id) or index.by_id.get(item_id.upper())
    if item is None:
        return Outcome(usage_error=f"no task, target or milestone {item_id!r}; ids look like "
                                   "T01, S1, T05-2025 or P1-M4")
    if entry.date > as_of:
        return Outcome(item.id, usage_error=f"--date {entry.date} is after today ({as_of}); "
                                            "progress is recorded for days that have come")
    found = index.registry.find(entry.by).matches if entry.by else ()
    if len(found) == 1:  # record the unit as the plan writes it, whatever script was typed
        entry = replace(entry, by=found[0].name)
    tasks_file = loaded.files[TASKS]
    _, node = locate(tasks_file.root, item.path)
    raw = (plan / TASKS).read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    new_text = insert_entry(tasks_file.text, node, entry)

    with tempfile.TemporaryDirectory(prefix="suizhou-progress-") as tmp:
        trial = Path(tmp)
        for other in plan.iterdir():
            if other.is_file() and other.name != TASKS:
                shutil.copy2(other, trial / other.name)
        (trial / TASKS).write_text(new_text, encoding="utf-8", newline="")
        result = run(load_plan(trial), as_of=as_of)
        errors = [f for f in result.findings if f.severity.value == "error"
                  and _subject(f) not in known]
        if errors or result.index is None:
            shown = str(plan / TASKS)
            return Outcome(item.id, errors=[
                headline(f).replace(str(trial / TASKS), shown).replace(str(trial), str(plan))
                for f in errors] or ["the new entry could not be read back"])
        written = result.index.by_id[item.id].progress[-1]
        if (written.date, written.status, written.note) != (entry.date, entry.status, entry.note):
            return Outcome(item.id, errors=["the new entry did not read back as given"])
    data = new_text.encode("utf-8")
    write_atomic(plan / TASKS, b"\xef\xbb\xbf" + data if bom else data)
    return Outcome(item.id)
