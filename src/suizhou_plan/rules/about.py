"""What a finding about an item says of it: the item as a reader knows it (「task T01 …」),
its status in words, and the ids a problem about it carries (task, milestone, phase, lead).
Shared by the rule modules, so that none of them imports another."""

from __future__ import annotations

from suizhou_plan.base.finding import Location, Problem
from suizhou_plan.i18n import Msg, Word

# A status of the ledger (`reported-done`) as a finding says it: the word of the one table of
# statuses (`status.STATUS_TABLE`).
from suizhou_plan.model.status import status_word as status_word
from suizhou_plan.views.index import Item


def about(item: Item, rule: str, message: str, location: Location, hint: str) -> Problem:
    """A problem about `item`, carrying its task, milestone, phase and lead unit ids."""
    return Problem(
        rule,
        message,
        location,
        hint,
        task=item.task.id if item.task is not None else None,
        milestone=item.id if item.kind == "milestone" else None,
        phase=item.phase.id if item.phase is not None else None,
        agency=item.lead.id if item.lead is not None else None,
    )


KIND = {
    "milestone": Word("kind:milestone", "milestone"),
    "task": Word("kind:task", "task"),
    "safeguard": Word("kind:safeguard", "safeguard"),
    "target": Word("kind:target", "target"),
}


def describe(item: Item) -> Msg:
    """The item as a finding names it: its kind, id and title (「task T01 「…」」)."""
    return Msg("{kind} {id} 「{title}」", kind=KIND[item.kind], id=item.id, title=item.title)
