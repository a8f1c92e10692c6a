"""`progress add` and the office's decisions as a core operation: one entry typed on the
command line, checked and written through the one append path of the ledger
(`progress_batch.append_reports`), so a line typed here and a row of a returned sheet meet
the same rules; what was typed wrong is said in the command line's words (`BadRequest`,
exit 2), what the plan or the ledger does not allow as a refusal (`Refused`, exit 1)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.i18n import Msg
from suizhou_plan.load.ledger import Entry
from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import NEEDS_REASON
from suizhou_plan.ops.plan_lock import DEFAULT_WAIT
from suizhou_plan.ops.progress_batch import Report, append_reports
from suizhou_plan.ops.progress_edit import Refused, unstorable_field
from suizhou_plan.views.index import Item, PlanIndex
from suizhou_plan.views.reporters import may_report


class BadRequest(SuizhouError):
    """What was asked for cannot be done as typed (exit 2): the message says what to type."""

    exit_code = USAGE

    plan_lang: str | None = None  # the plan's `supervision.lang`, once it was read


@dataclass(frozen=True)
class Added:
    """What was written: the item, the entry as recorded (`by`: the unit's name) and where."""

    item_id: str
    entry: Entry
    written: Path  # the file written (a symlink's target)
    plan_lang: str | None = None  # the plan's `supervision.lang`


def check_text(entry: Entry) -> None:
    """Refuse an empty note, reason or opinion where one is needed, and characters that
    cannot be stored, naming the option."""
    if entry.status == "verified" and not (entry.note or "").strip():
        raise BadRequest(Msg("--opinion is empty; give the office's review opinion"))
    if entry.status in NEEDS_REASON and not (entry.reason or "").strip():
        raise BadRequest(Msg("--reason is empty; say why"))
    if entry.status not in NEEDS_REASON - {"extension-requested"} | {"extension-approved"} \
            and not (entry.note or "").strip():
        raise BadRequest(Msg("--note is empty; say in a few words what was done (進展)"))
    bad = unstorable_field(entry)
    if bad is not None:
        raise BadRequest(Msg("{option} holds {char} at character {at}, which cannot be "
                             "stored in the plan; type the text again without it",
                             option="--" + bad[0], char=bad[2], at=bad[1]))


def append_progress(plan: Path, item_id: str, entry: Entry, as_of: date,
                    wait: float = DEFAULT_WAIT) -> Added:
    """Record `entry` in the ledger of `item_id` in `plan`/tasks.yaml, or raise `BadRequest`
    (what was typed) or `Refused` (what the plan or the ledger does not allow)."""
    check_text(entry)
    lang: list[str | None] = [None]

    def vet(index: PlanIndex, reports: list[Report]) -> list[Report]:
        lang[0] = index.tasks_file.supervision.lang
        try:
            return [Report(_typed_item(index, item_id).id,
                           _typed(index, item_id, entry, as_of), "", 0)]
        except BadRequest as exc:
            exc.plan_lang = lang[0]
            raise

    outcome = append_reports(plan, [], as_of, wait=wait, vet=vet)
    refused: Refused | None = None
    if outcome.refused:
        refused = Refused([Msg("{id}: {message} [{slug}]\n  hint: {hint}",
                               id=o.report.item_id, message=o.message, slug=o.slug,
                               hint=o.hint) for o in outcome.refused])
    elif outcome.already:
        said = outcome.already[0]
        refused = Refused([Msg("{id}: the entry of {date} ({status}) is in the ledger already, "
                               "word for word [duplicate-progress]\n  hint: {hint}",
                               id=said.item_id, date=said.entry.date, status=said.entry.status,
                               hint=Msg("remove the copy, or record what changed since"))])
    if refused is not None:
        refused.plan_lang = lang[0]
        raise refused
    assert outcome.written is not None and outcome.added
    added = outcome.added[0]
    return Added(added.item_id, added.entry, outcome.written, lang[0])


def _typed_item(index: PlanIndex, item_id: str) -> Item:
    item = index.by_id.get(item_id) or index.by_id.get(item_id.upper())
    if item is None:
        raise BadRequest(Msg("no task, target or milestone {id}; ids look like T01, S1, "
                             "T05-2025 or P1-M4 (`suizhou duties UNIT` lists a unit's items)",
                             id=repr(item_id)))
    return item


def _typed(index: PlanIndex, item_id: str, entry: Entry, as_of: date) -> Entry:
    """The entry as typed, its dates and unit checked in the command line's words."""
    item = _typed_item(index, item_id)
    issued = index.tasks_file.plan.issued
    if entry.date < issued:
        raise BadRequest(Msg("--date {date} is before the plan was issued ({issued}); check "
                             "the year", date=entry.date.isoformat(),
                             issued=issued.isoformat()))
    if entry.date > as_of:
        raise BadRequest(Msg("--date {date} is after today ({today}); progress is "
                             "recorded for days that have come", date=entry.date.isoformat(),
                             today=as_of.isoformat()))
    if entry.received is not None and not entry.date <= entry.received <= as_of:
        raise BadRequest(Msg("--received {received} must lie between the entry's date "
                             "({date}) and today ({today})", received=entry.received.isoformat(),
                             date=entry.date.isoformat(), today=as_of.isoformat()))
    return replace(entry, by=_reporter(index, item, entry.by or ""))


def _reporter(index: PlanIndex, item: Item, typed: str) -> str:
    """The reporting unit as the plan writes it, if it may report on `item`."""
    found: tuple[Agency, ...] = index.registry.find(typed).matches if typed.strip() else ()
    allowed = may_report(index, item)
    names = "、".join(a.name for a in allowed)
    if len(found) != 1:
        raise BadRequest(
            Msg("--by {typed} matches several units; type one of the units that report on "
                "{id}: {names}", typed=repr(typed), id=item.id, names=names) if found else
            Msg("--by {typed} is not a unit in agencies.yaml; type one of the units that "
                "report on {id}: {names}", typed=repr(typed), id=item.id, names=names))
    unit = found[0]
    if unit.kind == "collective":
        raise BadRequest(Msg("{unit} stands for several units and reports through them; "
                             "--by takes one of: {names}", unit=unit.name, names=names))
    if not any(a is unit for a in allowed):
        raise BadRequest(Msg("{unit} holds no duty on {id} and cannot report its progress; "
                             "--by takes one of: {names}", unit=unit.name, id=item.id,
                             names=names))
    return str(unit.name)
