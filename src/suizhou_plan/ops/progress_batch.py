"""Many ledger entries at once (`progress import`): one lock, one read, one atomic write.

The same steps as `progress_add.append_progress`, for a month of reports: under the plan
directory's lock, read both files once, check every entry with the rules of `progress add`
(the item exists, the date has come, the unit may report on it, `rules.progress.
entry_problems` against the ledger as it will be, earlier entries of the batch included),
insert the accepted ones as text, read the new text back and compare it with the old plan,
then replace `tasks.yaml` atomically unless another program saved it in between.

An entry identical to one already in the item's ledger is not news: it is set aside as
`already`, which makes importing the same returned spreadsheet twice add nothing.  Whether a
refused entry stops the whole batch is the caller's choice (`skip_invalid`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from suizhou_plan.base.finding import headline_message
from suizhou_plan.base.output_files import content_digest
from suizhou_plan.i18n import Msg
from suizhou_plan.load.ledger import Entry, place_entries
from suizhou_plan.load.plan_loader import AGENCIES, TASKS, Loaded, load_plan
from suizhou_plan.load.schema_errors import said
from suizhou_plan.load.yamltree import locate
from suizhou_plan.model.plan import EntrySource, ProgressEntry
from suizhou_plan.ops import progress_edit
from suizhou_plan.ops.plan_lock import DEFAULT_WAIT
from suizhou_plan.ops.progress_edit import Refused, unstorable_field
from suizhou_plan.ops.progress_edit import ledger_at as _ledger
from suizhou_plan.rules import RULES
from suizhou_plan.rules.engine import run
from suizhou_plan.rules.entry_checks import entry_problems
from suizhou_plan.views.index import Item, PlanIndex, with_progress
from suizhou_plan.views.reporters import may_report


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


@dataclass
class Outcome:
    added: list[Report] = field(default_factory=list)  # as written: `by` is the unit's name
    already: list[Report] = field(default_factory=list)
    refused: list[Objection] = field(default_factory=list)
    written: Path | None = None  # None: nothing was written


def append_reports(plan: Path, reports: list[Report], as_of: date, *,
                   wait: float = DEFAULT_WAIT, write: bool = True,
                   skip_invalid: bool = False,
                   vet: Callable[[PlanIndex, list[Report]], list[Report]] | None = None
                   ) -> Outcome:
    """Check `reports` (in order) against the plan and append the acceptable ones.
    `vet`, given the plan as read under the lock, may refuse (raise) or rewrite them first.

    Nothing is written when `write` is false (a dry run), when nothing is new, or when an
    entry is refused and `skip_invalid` is false.  Raises `Refused` (exit 1) when the plan
    cannot be written at all: it has errors, or another program keeps saving it."""
    result: list[Outcome] = []

    def make() -> tuple[bytes, str] | None:
        given, loaded, index = progress_edit.read_plan(plan)
        outcome, ledgers = _sift(index, vet(index, reports) if vet else reports, as_of)
        result[:] = [outcome]
        if not write or not outcome.added or (outcome.refused and not skip_invalid):
            return None
        return _insert_all(loaded, given, ledgers), content_digest(given[TASKS])

    written = progress_edit.rewrite(plan, wait, make)
    outcome = result[0]
    outcome.written = written
    return outcome


def _as_progress(entry: Entry) -> ProgressEntry:
    source = (EntrySource(file=entry.source.file, sha256=entry.source.sha256)
              if entry.source is not None else None)
    return ProgressEntry(date=entry.date, status=entry.status, by=entry.by, note=entry.note,
                         problems=entry.problems, next=entry.next, evidence=list(entry.evidence),
                         until=entry.until, reason=entry.reason, received=entry.received,
                         source=source)


def _first_error(exc: ValueError) -> str:
    """pydantic's first complaint, in words that can be translated."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = said(first)
        return Msg("{where}: {message}", where=where, message=message) if where else message
    return str(exc)


def key_of(entry: ProgressEntry) -> tuple[object, ...]:
    """What the unit wrote (`ledger.Entry.key`): the same report recorded twice is one."""
    return (entry.date, entry.status, entry.by, entry.note, entry.problems, entry.next,
            tuple(entry.evidence), entry.until, entry.reason)


def place(ledger: list[ProgressEntry], entry: ProgressEntry) -> int:
    """Where a new entry goes: after every entry dated on or before it, so the ledger stays
    in date order however late a report arrives (entries of one day keep their arrival
    order)."""
    position = 0
    for k, old in enumerate(ledger):
        if old.date <= entry.date:
            position = k + 1
    return position


@dataclass
class _Ledger:
    """One item's ledger as the batch will leave it; `new[k]` marks the batch's entries."""

    entries: list[ProgressEntry]
    new: list[Entry | None]


def _sift(index: PlanIndex, reports: list[Report], as_of: date
          ) -> tuple[Outcome, dict[str, tuple[Item, _Ledger]]]:
    """Every report checked against the ledger as it stands plus the reports before it."""
    outcome = Outcome()
    ledgers: dict[str, tuple[Item, _Ledger]] = {}
    seen: dict[str, set[tuple[object, ...]]] = {}

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
        entry = replace(entry, by=str(unit.name), received=entry.received or as_of)
        report = replace(report, item_id=item.id, entry=entry)
        _, ledger = ledgers.get(item.id) or (
            item, _Ledger(list(item.progress), [None] * len(item.progress)))
        try:
            new = _as_progress(entry)
        except ValueError as exc:  # pydantic's ValidationError: e.g. a note of 30,000 characters
            refuse(report, "invalid-entry",
                   Msg("{id}: the entry cannot be stored: {why}", id=item.id,
                       why=_first_error(exc)),
                   Msg("shorten or correct the cell and import again"), "entry")
            continue
        keys = seen.get(item.id)
        if keys is None:
            keys = seen[item.id] = {key_of(old) for old in item.progress}
        if key_of(new) in keys:
            outcome.already.append(report)
            continue
        at = place(ledger.entries, new)
        entries = [*ledger.entries[:at], new, *ledger.entries[at:]]
        candidate = with_progress(index, item, entries)
        problems = entry_problems(index, candidate, at, writing=True)
        for slug, message, hint in problems:
            # the part of the entry the rule objects to, so the message points at its cell
            refuse(report, slug, message, hint, RULES[slug].entry_field or "entry")
        if problems:
            continue
        keys.add(key_of(new))
        ledgers[item.id] = (candidate, _Ledger(entries,
                                               [*ledger.new[:at], entry, *ledger.new[at:]]))
        outcome.added.append(report)
    return outcome, ledgers


def _insert_all(loaded: Loaded, given: dict[str, bytes],
                ledgers: dict[str, tuple[Item, _Ledger]]) -> bytes:
    """The new bytes of tasks.yaml with every accepted entry inserted in its place, read
    back and compared: the new plan is the old one plus exactly these entries."""
    text = loaded.files[TASKS].text
    for item, ledger in ledgers.values():
        placed: list[tuple[int, Entry]] = []
        old = 0
        for marked in ledger.new:
            if marked is None:
                old += 1
            else:
                placed.append((old, marked))
        if not placed:
            continue
        # Each insertion moves the text after it, so the node tree is composed afresh
        # (libyaml, about 3 ms for the bundled plan) before the next item is located.
        root = yaml.compose(text.replace("\r\n", "\n"), Loader=yaml.CSafeLoader)
        _, node = locate(root, item.path)
        try:
            text = place_entries(text, node, placed)
        except ValueError:
            raise Refused([Msg("{file}: {id}: the item's `progress:` is not a list; make it a "
                               "list (`progress: []`) and import again",
                               file=loaded.files[TASKS].shown, id=item.id)]) from None
    bom = b"\xef\xbb\xbf" if given[TASKS].startswith(b"\xef\xbb\xbf") else b""
    data = bom + text.encode("utf-8")
    after = load_plan(loaded.directory, {TASKS: data, AGENCIES: given[AGENCIES]})
    if after.tasks is None or after.problems:
        raise Refused([headline_message(f) for f in run(after, as_of=None).findings
                       if f.severity.value == "error"]
                      or [Msg("the new entries could not be read back")])
    _same_but_for(loaded.tasks, after.tasks, [(item.path, ledger)
                                              for item, ledger in ledgers.values()])
    return data


def _same_but_for(old: Any, new: Any, changed: list[tuple[Any, _Ledger]]) -> None:
    """`new` is `old` with exactly these ledgers (the batch's entries in their places)."""
    removed: list[tuple[list[Any], list[Any]]] = []
    try:
        for path, ledger in changed:
            got = _ledger(new, path)
            if len(got) != len(ledger.entries) or got != ledger.entries:
                raise Refused([Msg("the new entries did not read back as given; nothing "
                                   "was written")])
            removed.append((got, list(got)))
            got[:] = [e for e, marked in zip(got, ledger.new, strict=True) if marked is None]
        if new != old:
            raise Refused([Msg("writing the entries would have changed other parts of "
                               "tasks.yaml; nothing was written")])
    finally:
        for got, whole in removed:
            got[:] = whole
