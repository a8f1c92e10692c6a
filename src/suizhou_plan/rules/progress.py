"""The ledger (台賬): is progress reported, recent, consistent and backed by evidence?

The rules about one entry against the entries before it run the checks of
`rules/entry_checks.py` on every entry, the same checks a writer runs on a new one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.model.plan import ProgressEntry
from suizhou_plan.model.status import DONE, ORDER
from suizhou_plan.rules.about import about, describe, status_word
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.entry_checks import (
    before_plan,
    decided_by_unit,
    nothing_to_decide,
    out_of_order,
    outsider,
    repeated,
    unearned_verification,
    verified_by_unit,
)
from suizhou_plan.rules.registry import rule

if TYPE_CHECKING:
    from suizhou_plan.views.index import Item


@rule("SZ501", "no-progress", Severity.WARNING, "an open item with no progress entry", dated=True,
      reads=("PlanMeta.issued", "Phase.start", "Milestone.progress", "Task.progress",
             "Target.progress"),
      table=True)
def no_progress(ctx: Context) -> Iterator[Problem]:
    """An item whose work has begun (its phase has started; tasks and targets from the
    plan's issue date) and that has no dated progress entry: its status is unknown, and the
    light is grey until it is overdue.

    Failing:

        - id: T01
          ...            # no `progress:`

    Passing:

        - id: T01
          ...
          progress:
            - {date: 2022-03-31, status: in-progress, by: 隨州高新區管委會, note: 機房主體完工}
    """
    issued = ctx.index.tasks_file.plan.issued
    for item in ctx.index.items:
        if item.progress:
            continue
        start = item.phase.start if item.kind == "milestone" and item.phase else issued
        if start > ctx.as_of:
            continue
        yield about(
            item,
            "no-progress",
            Msg("{item} has no progress entry: status unknown", item=describe(item)),
            ctx.at(item.path),
            Msg("ask the lead unit for a progress report and record it under `progress:`"),
        )


@rule("SZ502", "stale-progress", Severity.WARNING,
      "an open item whose latest entry is older than the reporting cadence", dated=True,
      reads=("Supervision.reporting_cadence_days", "Milestone.progress", "ProgressEntry.date",
             "Task.progress", "Target.progress"))
def stale_progress(ctx: Context) -> Iterator[Problem]:
    """Units report on a cadence (`supervision.reporting_cadence_days`, default 92 days:
    quarterly).  An open item whose latest entry is older than that is stale.

    Failing (as of 2023-01-01):

        progress:
          - {date: 2022-03-31, status: in-progress}

    Passing:

        progress:
          - {date: 2022-03-31, status: in-progress}
          - {date: 2022-12-20, status: in-progress}
    """
    cadence = ctx.supervision.reporting_cadence_days
    for item in ctx.index.items:
        latest = item.latest
        if latest is None or latest.status in DONE or latest.date > ctx.as_of:
            continue
        age = (ctx.as_of - latest.date).days
        if age > cadence:
            yield about(
                item,
                "stale-progress",
                Msg("{item}: last progress entry is {age} days old ({date}); reports are due "
                    "every {cadence} days", item=describe(item), age=age, date=latest.date,
                    cadence=cadence),
                ctx.at((*item.path, "progress", _first_equal(item.progress, latest))),
                Msg("record this period's progress"),
            )


def _first_equal(entries: list[ProgressEntry], entry: ProgressEntry) -> int:
    """`entries.index(entry)`: the first entry equal to it (an identical one may come
    earlier), comparing the cheap fields before the whole record."""
    for k, other in enumerate(entries):
        if other is entry or (other.date == entry.date and other.status == entry.status
                              and other == entry):
            return k
    raise ValueError("entry not in list")  # pragma: no cover - entry comes from the list


@rule("SZ503", "done-without-evidence", Severity.WARNING,
      "reported done or verified with no evidence",
      reads=("ProgressEntry.status", "ProgressEntry.evidence"),
      entry_field="evidence")
def done_without_evidence(ctx: Context) -> Iterator[Problem]:
    """A finished item is closed (銷號) only on evidence: a document number, a URL or a file
    reference on the `reported-done` or `verified` entry.

    Failing:

        progress:
          - {date: 2023-10-30, status: verified}

    Passing:

        progress:
          - {date: 2023-10-30, status: verified, evidence: [隨數字辦〔2023〕3號]}
    """
    for item in ctx.index.items:
        for k, entry in enumerate(item.progress):
            if entry.status in DONE and not entry.evidence:
                yield about(
                    item,
                    "done-without-evidence",
                    Msg("{item}: {status} entry of {date} has no evidence", item=describe(item),
                        status=status_word(entry.status), date=entry.date),
                    ctx.at((*item.path, "progress", k)),
                    Msg("add `evidence:` (document number, URL or file reference)"),
                )


@rule("SZ504", "status-regression", Severity.WARNING,
      "a status that goes backwards with no note saying why",
      reads=("ProgressEntry.date", "ProgressEntry.status", "ProgressEntry.note"))
def status_regression(ctx: Context) -> Iterator[Problem]:
    """In date order, a unit's entry whose status is earlier in the vocabulary than the
    best one the same unit reported before it (for example `in-progress` after its own
    `reported-done`), or than `verified` once the item was closed, and that has no `note`.
    `blocked` may come and go, and after the office returns or reopens the item every unit
    starts afresh.  A real step back says why in its note; `suizhou progress add` always
    takes one.

    Failing:

        progress:
          - {date: 2023-01-10, status: verified, evidence: [x]}
          - {date: 2023-03-10, status: in-progress}

    Passing:

        progress:
          - {date: 2023-01-10, status: verified, evidence: [x]}
          - {date: 2023-03-10, status: in-progress, note: 驗收發現接口未通，重新整改}
    """
    for item in ctx.index.items:
        if len(item.progress) < 2:
            continue  # nothing to go back from
        ordered = sorted(enumerate(item.progress), key=lambda pair: (pair[1].date, pair[0]))
        best: dict[str | None, str] = {}  # each reporter's best status so far
        closed = False  # 銷號: every report after it is measured against it
        for k, entry in ordered:
            if entry.status in ("returned", "reopened"):
                best.clear()  # the office put the item back in progress: no regression
                closed = False
            if entry.status not in ORDER or entry.status == "blocked":
                continue
            mine = "verified" if closed else best.get(entry.by, "")
            if mine and ORDER[entry.status] < ORDER[mine] and not entry.note:
                yield about(
                    item,
                    "status-regression",
                    Msg("{item}: status goes back from {before} to {status} on {date} with no "
                        "note saying why", item=describe(item), before=status_word(mine),
                        status=status_word(entry.status), date=entry.date),
                    ctx.at((*item.path, "progress", k)),
                    Msg("if the item was reopened, say why in the entry's `note:`; otherwise fix "
                        "the status"),
                )
            if not mine or ORDER[entry.status] > ORDER[mine]:
                best[entry.by] = entry.status
            closed = closed or entry.status == "verified"


@rule("SZ505", "future-progress", Severity.ERROR,
      "a progress entry dated after the as-of date", dated=True,
      reads=("ProgressEntry.date",))
def future_progress(ctx: Context) -> Iterator[Problem]:
    """Progress cannot be reported for a day that has not come: usually a typo in the year.

    Failing (as of 2024-01-15):

        progress:
          - {date: 2042-01-10, status: in-progress}

    Passing:

        progress:
          - {date: 2024-01-10, status: in-progress}
    """
    for item in ctx.index.items:
        for k, entry in enumerate(item.progress):
            if entry.date > ctx.as_of:
                yield about(
                    item,
                    "future-progress",
                    Msg("{item}: progress entry dated {date}, after the as-of date {as_of}",
                        item=describe(item), date=entry.date, as_of=ctx.as_of),
                    ctx.at((*item.path, "progress", k, "date")),
                    Msg("fix the date (or run with a later --as-of)"),
                )


def _each_entry(ctx: Context, slug: str,
                check: Callable[[Item, int], tuple[Msg, Msg] | None]) -> Iterator[Problem]:
    for item in ctx.index.items:
        for k in range(len(item.progress)):
            said = check(item, k)
            if said is not None:
                yield about(item, slug, said[0], ctx.at((*item.path, "progress", k)), said[1])


@rule("SZ506", "reporter-not-responsible", Severity.ERROR,
      "a progress entry reported by a unit that holds no duty on the item",
      reads=("ProgressEntry.by",),
      entry_field="by")
def reporter_not_responsible(ctx: Context) -> Iterator[Problem]:
    """An entry's `by` must be a unit that holds the item: one of its units, a member of a
    collective on it, or the successor of a renamed unit on it; or the leading group's
    office (`governance.leading_group.office.unit`), which verifies.  Anyone else could
    turn another unit's item green.

    Failing (T13 is held by 市政數局 and others, not by 市教育局):

        - id: T13
          progress:
            - {date: 2022-03-31, status: in-progress, by: 市教育局, note: test}

    Passing:

        - id: T13
          progress:
            - {date: 2022-03-31, status: in-progress, by: 市政數局, note: 平台上線}
    """
    yield from _each_entry(ctx, "reporter-not-responsible",
                           lambda item, k: outsider(ctx.index, item, k))


@rule("SZ507", "verified-without-report", Severity.ERROR,
      "verified with no earlier reported-done entry and no evidence",
      reads=("ProgressEntry.status", "ProgressEntry.evidence"),
      entry_field="status")
def verified_without_report(ctx: Context) -> Iterator[Problem]:
    """An item is closed (銷號) after its unit reports it done (辦結), or on evidence: a
    `verified` entry needs a `reported-done` entry before it, or evidence of its own.

    Failing:

        progress:
          - {date: 2023-10-30, status: verified, by: 市政數局}

    Passing:

        progress:
          - {date: 2023-10-20, status: reported-done, by: 市大數據中心, evidence: [驗收報告]}
          - {date: 2023-10-30, status: verified, by: 市政數局}
    """
    yield from _each_entry(ctx, "verified-without-report", unearned_verification)


@rule("SZ508", "progress-out-of-order", Severity.WARNING,
      "a progress entry dated before the entry above it",
      reads=("ProgressEntry.date",),
      entry_field="date")
def progress_out_of_order(ctx: Context) -> Iterator[Problem]:
    """The ledger is a record in time: each entry is dated on or after every entry above
    it.  An earlier date is usually a typo, or an entry written back into the past.

    Failing:

        progress:
          - {date: 2023-03-10, status: in-progress}
          - {date: 2023-01-10, status: in-progress}

    Passing:

        progress:
          - {date: 2023-01-10, status: in-progress}
          - {date: 2023-03-10, status: in-progress}
    """
    yield from _each_entry(ctx, "progress-out-of-order", out_of_order)


@rule("SZ509", "duplicate-progress", Severity.WARNING,
      "a progress entry identical to the one before it",
      reads=("ProgressEntry.date", "ProgressEntry.status", "ProgressEntry.by",
             "ProgressEntry.note", "ProgressEntry.evidence"),
      entry_field="date")
def duplicate_progress(ctx: Context) -> Iterator[Problem]:
    """An entry that repeats the one before it, field for field, is a copy (a report sent
    twice), not news: it makes a stale item look freshly reported.

    Failing:

        progress:
          - {date: 2023-03-10, status: in-progress, note: 招標完成}
          - {date: 2023-03-10, status: in-progress, note: 招標完成}

    Passing:

        progress:
          - {date: 2023-03-10, status: in-progress, note: 招標完成}
          - {date: 2023-04-10, status: in-progress, note: 合同簽訂}
    """
    yield from _each_entry(ctx, "duplicate-progress", repeated)


@rule("SZ510", "decision-by-unit", Severity.ERROR,
      "a return, reopening or extension decision written by a unit, not the office",
      reads=("Supervision.office", "ProgressEntry.status", "ProgressEntry.by"),
      entry_field="status")
def decision_by_unit(ctx: Context) -> Iterator[Problem]:
    """Only the office (the leading group's office, or `supervision.office`) returns an
    item (退回), reopens it, and approves or refuses an extension (延期).  A unit reports on
    its part and applies for more time.

    Failing (市公安局 is a unit, not the office):

        progress:
          - {date: 2023-03-10, status: returned, by: 市公安局, reason: 材料不全}

    Passing:

        progress:
          - {date: 2023-03-01, status: reported-done, by: 市政數局, evidence: [驗收報告]}
          - {date: 2023-03-10, status: returned, by: 市發改委, reason: 材料不全}
    """
    yield from _each_entry(ctx, "decision-by-unit",
                           lambda item, k: decided_by_unit(ctx.index, item, k))


@rule("SZ511", "verified-by-unit", Severity.WARNING,
      "a unit closed (verified) an item itself",
      reads=("Supervision.office", "ProgressEntry.status", "ProgressEntry.by"),
      entry_field="status")
def verified_by_unit_rule(ctx: Context) -> Iterator[Problem]:
    """Closing an item (銷號) is the office's decision after it reviews the lead's report of
    done (辦結).  A `verified` entry by a unit (written before the office decided, or by
    hand) is read as that unit's report of done and listed for the office to review; the
    tools refuse to write one.

    Failing:

        progress:
          - {date: 2023-03-10, status: verified, by: 市公安局, evidence: [無]}

    Passing:

        progress:
          - {date: 2023-03-01, status: reported-done, by: 市政數局, evidence: [驗收報告]}
          - {date: 2023-03-10, status: verified, by: 市發改委, evidence: [驗收意見]}
    """
    yield from _each_entry(ctx, "verified-by-unit",
                           lambda item, k: verified_by_unit(ctx.index, item, k))


@rule("SZ512", "nothing-to-decide", Severity.WARNING,
      "the office closed or returned an item nobody reported done, or decided nothing pending",
      reads=("Supervision.office", "ProgressEntry.status", "ProgressEntry.by"),
      entry_field="status")
def nothing_to_decide_rule(ctx: Context) -> Iterator[Problem]:
    """The office closes (銷號) or returns (退回) what the lead reported done (辦結), reopens
    what it closed, and refuses an extension somebody applied for.  Otherwise the decision
    answers nothing: usually a date typed wrong, or the lead's report not recorded yet.

    Failing:

        progress:
          - {date: 2023-03-01, status: in-progress, by: 市政數局, note: 建設中}
          - {date: 2023-03-10, status: returned, by: 市發改委, reason: 材料不全}

    Passing:

        progress:
          - {date: 2023-03-01, status: reported-done, by: 市政數局, evidence: [驗收報告]}
          - {date: 2023-03-10, status: returned, by: 市發改委, reason: 材料不全}
    """
    yield from _each_entry(ctx, "nothing-to-decide", nothing_to_decide)


@rule("SZ513", "progress-before-plan", Severity.ERROR,
      "a progress entry dated before the plan was issued",
      reads=("PlanMeta.issued", "ProgressEntry.date"),
      entry_field="date")
def progress_before_plan(ctx: Context) -> Iterator[Problem]:
    """Nothing is reported on a plan before it exists: a date before `plan.issued` is a
    typo in the year (or a sheet's impossible date, such as Excel's 1900-02-28).

    Failing (the plan was issued on 2021-11-12):

        progress:
          - {date: 2012-03-10, status: in-progress, by: 市政數局, note: 建設中}

    Passing:

        progress:
          - {date: 2022-03-10, status: in-progress, by: 市政數局, note: 建設中}
    """
    yield from _each_entry(ctx, "progress-before-plan",
                           lambda item, k: before_plan(ctx.index, item, k))
