"""Many ledger entries at once (`progress import`): one lock, one read, one atomic write.

The same steps as `progress_edit.append_progress`, for a month of reports: under the plan
directory's lock, read both files once, check every entry with the rules of `progress add`
(the item exists, the date has come, the unit may report on it, `rules.progress.
entry_problems` against the ledger as it will be, earlier entries of the batch included),
insert the accepted ones as text, read the new text back and compare it with the old plan,
then replace `tasks.yaml` atomically unless another program saved it in between.

An entry identical to one already in the item's ledger is not news: it is set aside as
`already`, which makes importing the same returned spreadsheet twice add nothing.  Whether a
refused entry stops the whole batch is the caller's choice (`skip_invalid`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suizhou_plan.i18n import Msg
from suizhou_plan.ledger import Entry
from suizhou_plan.plan_lock import DEFAULT_WAIT
from suizhou_plan.progress_edit import Refused, _ledger

if TYPE_CHECKING:
    from suizhou_plan.index import Item, PlanIndex
    from suizhou_plan.load.plan_loader import Loaded
    from suizhou_plan.model.plan import ProgressEntry


@dataclass(frozen=True)
class Report:
    """One entry to append to `item_id`'s ledger; `source` says where it came from
    (`台賬.xlsx!台賬!G7`) and leads every message about it."""

    item_id: str
    entry: Entry  # `by`: the reporting unit, as an id or as the plan writes its name
    source: str
    row: int = 0  # the row (or line) of `source` it came from; 0: none


@dataclass(frozen=True)
class Objection:
    report: Report
    slug: str
    message: str
    hint: str
    field: str  # what is at fault: item, by, date, status, note, problems, next, evidence


# The part of an entry each ledger rule objects to, so a message can point at its cell.
RULE_FIELD = {"reporter-not-responsible": "by", "verified-without-report": "status",
              "progress-out-of-order": "date", "duplicate-progress": "date"}


@dataclass
class Outcome:
    added: list[Report] = field(default_factory=list)  # as written: `by` is the unit's name
    already: list[Report] = field(default_factory=list)
    refused: list[Objection] = field(default_factory=list)
    written: Path | None = None  # None: nothing was written


def append_reports(plan: Path, reports: list[Report], as_of: date, *,
                   wait: float = DEFAULT_WAIT, write: bool = True,
                   skip_invalid: bool = False) -> Outcome:
    """Check `reports` (in order) against the plan and append the acceptable ones.

    Nothing is written when `write` is false (a dry run), when nothing is new, or when an
    entry is refused and `skip_invalid` is false.  Raises `Refused` (exit 1) when the plan
    cannot be written at all: it has errors, or another program keeps saving it."""
    from suizhou_plan.load.plan_loader import TASKS
    from suizhou_plan.progress_edit import read_plan, rewrite
    from suizhou_plan.writing import content_digest

    result: list[Outcome] = []

    def make() -> tuple[bytes, str] | None:
        given, loaded, index = read_plan(plan)
        outcome, accepted = _sift(index, reports, as_of)
        result[:] = [outcome]
        if not write or not accepted or (outcome.refused and not skip_invalid):
            return None
        return _insert_all(loaded, given, index, accepted), content_digest(given[TASKS])

    written = rewrite(plan, wait, make)
    outcome = result[0]
    outcome.written = written
    return outcome


def _as_progress(entry: Entry) -> ProgressEntry:
    from suizhou_plan.model.plan import ProgressEntry

    return ProgressEntry(date=entry.date, status=entry.status, by=entry.by, note=entry.note,
                         problems=entry.problems, next=entry.next, evidence=list(entry.evidence))


def _first_error(exc: ValueError) -> str:
    """pydantic's first complaint, in words that can be translated."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        from suizhou_plan.load.schema_errors import said

        first = errors()[0]
        return Msg("{where}: {message}", where=".".join(str(p) for p in first["loc"]),
                   message=said(first))
    return str(exc)


def _same(a: ProgressEntry, b: ProgressEntry) -> bool:
    return (a.date, a.status, a.by, a.note, a.problems, a.next, tuple(a.evidence)) == (
        b.date, b.status, b.by, b.note, b.problems, b.next, tuple(b.evidence))


def _sift(index: PlanIndex, reports: list[Report], as_of: date
          ) -> tuple[Outcome, list[tuple[Item, Report]]]:
    """Every report checked against the ledger as it stands plus the reports before it."""
    from suizhou_plan.progress_edit import unstorable_field
    from suizhou_plan.reporters import may_report
    from suizhou_plan.rules.progress import entry_problems

    outcome = Outcome()
    accepted: list[tuple[Item, Report]] = []
    ledgers: dict[str, list[ProgressEntry]] = {}

    def refuse(report: Report, slug: str, message: str, hint: str, field: str) -> None:
        outcome.refused.append(Objection(report, slug, message, hint, field))

    for report in reports:
        entry = report.entry
        item = index.by_id.get(report.item_id) or index.by_id.get(report.item_id.upper())
        if item is None:
            refuse(report, "unknown-item",
                   Msg("there is no item {item} in the plan", item=repr(report.item_id)),
                   Msg("ids look like T01, S1, T05-2025 or P1-M4 (`suizhou duties UNIT` lists "
                       "a unit's items)"), "item")
            continue
        bad = unstorable_field(entry)
        if bad is not None:
            refuse(report, "unstorable-text",
                   Msg("the cell holds {char} at character {at}, which cannot be stored in "
                       "the plan", char=bad[2], at=bad[1]),
                   Msg("type the text again without it"), bad[0])
            continue
        if entry.date > as_of:
            refuse(report, "future-progress",
                   Msg("{id}: the date {date} is after today ({today})", id=item.id,
                       date=entry.date, today=as_of),
                   Msg("progress is recorded for days that have come: fix the year, month or "
                       "day"), "date")
            continue
        by = entry.by or ""
        unit = index.registry.by_id.get(by) or index.registry.exact(by)
        allowed = may_report(index, item)
        if unit is None or not any(a is unit for a in allowed):
            who = unit.name if unit is not None else by
            refuse(report, "reporter-not-responsible",
                   Msg("{who} holds no duty on {id} and cannot report its progress", who=who,
                       id=item.id),
                   Msg("progress on it is reported by {who}",
                       who="、".join(a.name for a in allowed)), "by")
            continue
        entry = replace(entry, by=str(unit.name))
        report = replace(report, item_id=item.id, entry=entry)
        ledger = ledgers.setdefault(item.id, list(item.progress))
        try:
            new = _as_progress(entry)
        except ValueError as exc:  # pydantic's ValidationError: e.g. a note of 30,000 characters
            refuse(report, "invalid-entry",
                   Msg("{id}: the entry cannot be stored: {why}", id=item.id,
                       why=_first_error(exc)),
                   Msg("shorten or correct the cell and import again"), "entry")
            continue
        if any(_same(old, new) for old in ledger):
            outcome.already.append(report)
            continue
        problems = entry_problems(index, replace(item, progress=[*ledger, new]), len(ledger))
        for slug, message, hint in problems:
            refuse(report, slug, message, hint, RULE_FIELD.get(slug, "entry"))
        if problems:
            continue
        ledger.append(new)
        accepted.append((item, report))
        outcome.added.append(report)
    return outcome, accepted


def _insert_all(loaded: Loaded, given: dict[str, bytes], index: PlanIndex,
                accepted: list[tuple[Item, Report]]) -> bytes:
    """The new bytes of tasks.yaml with every accepted entry appended, read back and
    compared: the new plan is the old one plus exactly these entries."""
    import yaml

    from suizhou_plan.engine import run
    from suizhou_plan.ledger import insert_entries
    from suizhou_plan.load import load_plan
    from suizhou_plan.load.plan_loader import AGENCIES, TASKS
    from suizhou_plan.load.yamltree import locate
    from suizhou_plan.report.findings_text import headline_message

    by_item: dict[str, list[Entry]] = {}
    items: dict[str, Item] = {}
    for item, report in accepted:
        by_item.setdefault(item.id, []).append(report.entry)
        items[item.id] = item
    text = loaded.files[TASKS].text
    for item_id, entries in by_item.items():
        # Each insertion moves the text after it, so the node tree is composed afresh
        # (libyaml, about 3 ms for the bundled plan) before the next item is located.
        root = yaml.compose(text.replace("\r\n", "\n"), Loader=yaml.CSafeLoader)
        _, node = locate(root, items[item_id].path)
        try:
            text = insert_entries(text, node, entries)
        except ValueError:
            raise Refused([Msg("{file}: {id}: the item's `progress:` is not a list; make it a "
                               "list (`progress: []`) and import again",
                               file=loaded.files[TASKS].shown, id=item_id)]) from None
    bom = b"\xef\xbb\xbf" if given[TASKS].startswith(b"\xef\xbb\xbf") else b""
    data = bom + text.encode("utf-8")
    after = load_plan(loaded.directory, {TASKS: data, AGENCIES: given[AGENCIES]})
    if after.tasks is None or after.problems:
        raise Refused([headline_message(f) for f in run(after, as_of=None).findings
                       if f.severity.value == "error"]
                      or [Msg("the new entries could not be read back")])
    _same_but_for(loaded.tasks, after.tasks, [(items[i].path, e) for i, e in by_item.items()])
    return data


def _same_but_for(old: Any, new: Any, appended: list[tuple[Any, list[Entry]]]) -> None:
    """`new` is `old` with exactly these entries appended to these ledgers."""
    removed: list[tuple[list[Any], list[Any]]] = []
    try:
        for path, entries in appended:
            ledger = _ledger(new, path)
            tail = ledger[len(ledger) - len(entries):] if len(ledger) >= len(entries) else []
            if len(tail) != len(entries) or not all(
                    _same(got, _as_progress(want)) for got, want in zip(tail, entries,
                                                                         strict=True)):
                raise Refused([Msg("the new entries did not read back as given; nothing "
                                   "was written")])
            del ledger[len(ledger) - len(entries):]
            removed.append((ledger, tail))
        if new != old:
            raise Refused([Msg("writing the entries would have changed other parts of "
                               "tasks.yaml; nothing was written")])
    finally:
        for ledger, tail in removed:
            ledger.extend(tail)
