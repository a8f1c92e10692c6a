"""Dates: what is overdue, what is due soon, what was reported done but never verified."""

from __future__ import annotations

from collections.abc import Iterator

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.model.status import due_soon as is_due_soon
from suizhou_plan.model.status import overdue as is_overdue
from suizhou_plan.rules.about import about, describe, status_word
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import rule
from suizhou_plan.views.index import Item

DUE_RULE = {
    "explicit": Msg("explicit"),
    "plan end": Msg("plan end"),
    "phase end": Msg("phase end"),
}


def due_rule(item: Item) -> str:
    """What an item's due date comes from (its own date, the plan's or phase's end, a
    target's phrase), as an overdue finding says it."""
    if item.due_rule in DUE_RULE:
        return DUE_RULE[item.due_rule]
    phrase = item.due_rule.removeprefix("target").strip()
    # a target without `due_text` is due on its own explicit date
    return Msg("target {phrase}", phrase=phrase) if phrase else DUE_RULE["explicit"]


@rule("SZ301", "overdue", Severity.ERROR, "past its due date and not done", dated=True,
      reads=("Phase.end", "Milestone.due", "ProgressEntry.status", "ProgressEntry.until",
             "Task.due", "Target.due"),
      table=True)
def overdue(ctx: Context) -> Iterator[Problem]:
    """A milestone, target, task or measure whose due date is before the as-of date and whose
    latest progress entry is not `reported-done` or `verified`.  A due date counts to the end
    of its day.  Milestones are due at their phase's end, targets at their stated date, tasks
    at their own `due` or else the plan's end.

    Failing (as of 2024-01-15, phase 1 ended 2023-11-30):

        - id: P1-M1
          title: 成立領導小組

    Passing:

        - id: P1-M1
          title: 成立領導小組
          progress:
            - {date: 2022-03-01, status: verified, evidence: [隨政辦發〔2022〕5號]}
    """
    for item in ctx.index.items:
        if not is_overdue(item.status, item.due, ctx.as_of):
            continue
        days = (ctx.as_of - item.due).days
        yield about(
            item,
            "overdue",
            Msg("{item} was due {due} ({rule}): {days} day(s) overdue, status {status}",
                item=describe(item), due=item.due, rule=due_rule(item), days=days,
                status=status_word(item.status)),
            ctx.at(item.path),
            Msg("record progress (a `progress:` entry with its status and evidence), or, if "
                "the date was moved by decision, change `due` and cite the decision"),
        )


@rule("SZ302", "due-soon", Severity.WARNING, "due within the warning window", dated=True,
      reads=("Supervision.due_soon_days", "Phase.end", "Milestone.due", "ProgressEntry.status",
             "ProgressEntry.until", "Task.due", "Target.due"),
      table=True)
def due_soon(ctx: Context) -> Iterator[Problem]:
    """Not done and due within the warning window (`--due-within`, default 30 days, or
    `supervision.due_soon_days`).

    Failing (as of 2023-11-10): a phase-1 milestone with no progress.

    Passing: the same milestone with a `reported-done` entry.
    """
    for item in ctx.index.items:
        if is_due_soon(item.status, item.due, ctx.as_of, ctx.due_within):
            days = (item.due - ctx.as_of).days
            yield about(
                item,
                "due-soon",
                Msg("{item} is due {due}, in {days} day(s); status {status}",
                    item=describe(item), due=item.due, days=days,
                    status=status_word(item.status)),
                ctx.at(item.path),
                Msg("confirm with the lead unit that it will be done in time"),
            )


@rule("SZ303", "unverified-done", Severity.WARNING,
      "reported done but not verified long after its due date", dated=True,
      reads=("Supervision.verify_within_days", "ProgressEntry.status"))
def unverified_done(ctx: Context) -> Iterator[Problem]:
    """Reported done (辦結) is not closed (銷號): the office verifies the evidence and records
    a `verified` entry.  An item still only `reported-done` more than
    `supervision.verify_within_days` (default 90) after its due date, or after the report
    when that came later, is flagged.

    Failing (as of 2024-06-01):

        progress:
          - {date: 2023-11-20, status: reported-done, evidence: [報告]}

    Passing:

        progress:
          - {date: 2023-11-20, status: reported-done, evidence: [報告]}
          - {date: 2024-01-10, status: verified, evidence: [驗收意見]}
    """
    limit = ctx.supervision.verify_within_days
    for item in ctx.index.items:
        latest = item.latest
        if latest is None or latest.status != "reported-done":
            continue
        since = max(item.due, latest.date)
        waited = (ctx.as_of - since).days
        if waited > limit:
            yield about(
                item,
                "unverified-done",
                Msg("{item} was reported done on {date} but is not verified {days} days after "
                    "its due date", item=describe(item), date=latest.date, days=waited)
                if since == item.due else
                Msg("{item} was reported done on {date} but is not verified {days} days after "
                    "the report", item=describe(item), date=latest.date, days=waited),
                ctx.at(item.path),
                Msg("the office reviews the evidence and closes the item (`suizhou progress "
                    "close`, 銷號) or returns it (`suizhou progress return`)"),
            )
