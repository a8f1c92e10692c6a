"""The checks of one ledger entry against the entries before it: what the ledger rules
(`rules/progress.py`) run on every entry of a plan, and what a writer (`suizhou progress
add`, `progress import`) runs on the entry it is about to write, so the two never differ.

Each check takes the item whose record includes the entry and the entry's position, and
gives (message, hint) when the entry breaks its rule, else None."""

from __future__ import annotations

from typing import TYPE_CHECKING

from suizhou_plan.i18n import Msg
from suizhou_plan.rules.about import describe, status_word
from suizhou_plan.views.record import OFFICE_ONLY
from suizhou_plan.views.reporters import may_report, office

if TYPE_CHECKING:
    from suizhou_plan.views.index import Item, PlanIndex
    from suizhou_plan.views.record import Said


def outsider(index: PlanIndex, item: Item, k: int) -> tuple[Msg, Msg] | None:
    """(message, hint) when entry `k` is reported by a unit that does not hold the item."""
    by = item.progress[k].by
    unit = index.registry.exact(by) if by else None
    if unit is None:
        return None  # no reporter, or an unknown one (`unknown-agency` says so)
    allowed = may_report(index, item)
    if any(a is unit for a in allowed):
        return None
    names = "、".join(a.name for a in allowed)
    return (Msg("{item}: entry of {date} is reported by 「{unit}」, which holds no duty on it",
                item=describe(item), date=item.progress[k].date, unit=unit.name),
            Msg("progress on it is reported by {units}", units=names))


def unearned_verification(item: Item, k: int) -> tuple[Msg, Msg] | None:
    """A closing (銷號) with neither a `reported-done` entry before it nor evidence."""
    entry = item.progress[k]
    if entry.status != "verified" or entry.evidence:
        return None
    if any(e.status == "reported-done" and e.date <= entry.date for e in item.progress[:k]):
        return None
    return (Msg("{item}: verified on {date} with no `reported-done` entry before it and no "
                "evidence", item=describe(item), date=entry.date),
            Msg("record the unit's `reported-done` first, or give the verification's "
                "evidence"))


def out_of_order(item: Item, k: int) -> tuple[Msg, Msg] | None:
    """An entry dated before an entry above it: the ledger is a record in time."""
    if k == 0:
        return None
    entry = item.progress[k]
    before = max(item.progress[:k], key=lambda e: e.date)  # the latest entry above it
    if entry.date >= before.date:
        return None
    return (Msg("{item}: entry of {date} comes after the entry of {before}",
                item=describe(item), date=entry.date, before=before.date),
            Msg("a ledger only grows: give the entry its real date, or put it in date order"))


def repeated(item: Item, k: int) -> tuple[Msg, Msg] | None:
    """An entry that repeats the one before it, field for field (a report sent twice)."""
    if k == 0 or item.progress[k] != item.progress[k - 1]:
        return None
    entry = item.progress[k]
    return (Msg("{item}: the entry of {date} ({status}) repeats the one before it word for "
                "word", item=describe(item), date=entry.date, status=status_word(entry.status)),
            Msg("remove the copy, or record what changed since"))


def _said(item: Item, k: int) -> Said | None:
    """What entry `k` says in the item's record (who said it, as unit or office)."""
    record = item.record
    return record.at(k) if record is not None and record.said else None


def _office_names(index: PlanIndex) -> str:
    """The office's name, for a hint that says who decides."""
    found = office(index)
    return found[0].name if found else Msg("the leading group's office")


def decided_by_unit(index: PlanIndex, item: Item, k: int) -> tuple[Msg, Msg] | None:
    """A decision only the office takes (退回, 重新打開, 延期 approved or refused), written by
    a unit."""
    said = _said(item, k)
    if said is None or said.entry.status not in OFFICE_ONLY or said.entry.status == "verified":
        return None
    if said.office or (said.unit is None and not said.entry.by):
        return None
    return (Msg("{item}: 「{unit}」 cannot record {status} (entry of {date}): only the office "
                "decides that", item=describe(item), unit=said.who or "—",
                status=status_word(said.entry.status), date=said.entry.date),
            Msg("a unit reports on its own part or applies for an extension; {office} "
                "decides", office=_office_names(index)))


def verified_by_unit(index: PlanIndex, item: Item, k: int) -> tuple[Msg, Msg] | None:
    """A unit's own 銷號: read as its 辦結, and to be reviewed by the office."""
    said = _said(item, k)
    if said is None or said.entry.status != "verified" or said.office:
        return None
    if said.unit is None and not said.entry.by:
        return None  # no reporter named: an older ledger's entry, the office's by default
    return (Msg("{item}: 「{unit}」 closed (verified) the item itself on {date}; only the "
                "office closes an item after reviewing the lead's report", item=describe(item),
                unit=said.who or "—", date=said.entry.date),
            Msg("it is read as the unit's report of done; {office} reviews it and closes or "
                "returns the item", office=_office_names(index)))


_NEEDS = {"verified": "reported-done", "returned": "reported-done", "reopened": "verified"}


def nothing_to_decide(item: Item, k: int) -> tuple[Msg, Msg] | None:
    """The office closes or returns what the lead reported done, reopens what it closed, and
    decides on an application that is waiting."""
    said = _said(item, k)
    record = item.record
    if said is None or record is None or not said.office:
        return None
    status = said.entry.status
    before = record.before_entry(k)
    if status in _NEEDS and before.status != _NEEDS[status]:
        return (Msg("{item}: {status} on {date}, but the item stood at {before}: nobody had "
                    "reported it done", item=describe(item), status=status_word(status),
                    date=said.entry.date, before=status_word(before.status))
                if _NEEDS[status] == "reported-done" else
                Msg("{item}: reopened on {date}, but the item was not closed (it stood at "
                    "{before})", item=describe(item), date=said.entry.date,
                    before=status_word(before.status)),
                Msg("the lead reports done (reported-done) first; the office then closes or "
                    "returns it") if _NEEDS[status] == "reported-done" else
                Msg("only a closed (verified) item is reopened"))
    if status == "extension-refused" and not before.pending:
        return (Msg("{item}: an extension refused on {date}, but no application was waiting",
                    item=describe(item), date=said.entry.date),
                Msg("record the unit's application (extension-requested) first"))
    return None


def before_plan(index: PlanIndex, item: Item, k: int) -> tuple[Msg, Msg] | None:
    """An entry dated before the plan was issued: a typo in the year."""
    entry = item.progress[k]
    issued = index.tasks_file.plan.issued
    if entry.date >= issued:
        return None
    return (Msg("{item}: entry dated {date}, before the plan was issued ({issued})",
                item=describe(item), date=entry.date, issued=issued),
            Msg("check the year: progress is reported after the plan was issued"))


def unproved_closing(item: Item, k: int) -> tuple[Msg, Msg] | None:
    """A closing (銷號) without evidence: what a writer refuses to record."""
    entry = item.progress[k]
    if entry.status != "verified" or entry.evidence:
        return None
    return (Msg("{item}: {status} entry of {date} has no evidence", item=describe(item),
                status=status_word(entry.status), date=entry.date),
            Msg("add `evidence:` (document number, URL or file reference)"))


def entry_problems(index: PlanIndex, item: Item, k: int, *, writing: bool = False
                   ) -> list[tuple[str, Msg, Msg]]:
    """(slug, message, hint) of every ledger rule that entry `k` of `item` breaks (`item`'s
    record includes the entry).  `writing`: the stricter checks a writer makes of a new
    entry: a closing (銷號) needs evidence."""
    found = [("reporter-not-responsible", outsider(index, item, k)),
             ("progress-before-plan", before_plan(index, item, k)),
             ("decision-by-unit", decided_by_unit(index, item, k)),
             ("verified-by-unit", verified_by_unit(index, item, k)),
             ("verified-without-report", unearned_verification(item, k)),
             ("nothing-to-decide", nothing_to_decide(item, k)),
             ("progress-out-of-order", out_of_order(item, k)),
             ("duplicate-progress", repeated(item, k))]
    if writing:
        found.append(("done-without-evidence", unproved_closing(item, k)))
    return [(slug, said[0], said[1]) for slug, said in found if said is not None]
