"""The ledger (台賬): is progress reported, recent, consistent and backed by evidence?"""

from __future__ import annotations

from collections.abc import Iterator

from suizhou_plan.finding import Problem, Severity
from suizhou_plan.model.plan import ProgressEntry
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import rule
from suizhou_plan.rules.schedule import about, describe
from suizhou_plan.status import DONE, ORDER


@rule("SZ501", "no-progress", Severity.WARNING, "an open item with no progress entry", dated=True)
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
            f"{describe(item)} has no progress entry: status unknown",
            ctx.at(item.path),
            "ask the lead unit for a progress report and record it under `progress:`",
        )


@rule("SZ502", "stale-progress", Severity.WARNING,
      "an open item whose latest entry is older than the reporting cadence", dated=True)
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
                f"{describe(item)}: last progress entry is {age} days old ({latest.date}); "
                f"reports are due every {cadence} days",
                ctx.at((*item.path, "progress", _first_equal(item.progress, latest))),
                "record this period's progress",
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
      "reported done or verified with no evidence")
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
                    f"{describe(item)}: {entry.status} entry of {entry.date} has no evidence",
                    ctx.at((*item.path, "progress", k)),
                    "add `evidence:` (document number, URL or file reference)",
                )


@rule("SZ504", "status-regression", Severity.WARNING, "a status that goes backwards")
def status_regression(ctx: Context) -> Iterator[Problem]:
    """In date order, an entry whose status is earlier in the vocabulary than the one
    before (for example `in-progress` after `verified`).  `blocked` may come and go.  A real
    reopening should say so in its note.

    Failing:

        progress:
          - {date: 2023-01-10, status: verified, evidence: [x]}
          - {date: 2023-03-10, status: in-progress}

    Passing:

        progress:
          - {date: 2023-01-10, status: in-progress}
          - {date: 2023-03-10, status: verified, evidence: [x]}
    """
    for item in ctx.index.items:
        if len(item.progress) < 2:
            continue  # nothing to go back from
        ordered = sorted(enumerate(item.progress), key=lambda pair: (pair[1].date, pair[0]))
        best = ""
        for k, entry in ordered:
            if entry.status == "blocked":
                continue
            if best and ORDER[entry.status] < ORDER[best]:
                yield about(
                    item,
                    "status-regression",
                    f"{describe(item)}: status goes back from {best} to {entry.status} "
                    f"on {entry.date}",
                    ctx.at((*item.path, "progress", k)),
                    "if the item was reopened, say why in the entry's note; otherwise fix "
                    "the status",
                )
            if not best or ORDER[entry.status] > ORDER[best]:
                best = entry.status


@rule("SZ505", "future-progress", Severity.ERROR,
      "a progress entry dated after the as-of date", dated=True)
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
                    f"{describe(item)}: progress entry dated {entry.date}, after the as-of "
                    f"date {ctx.as_of}",
                    ctx.at((*item.path, "progress", k, "date")),
                    "fix the date (or run with a later --as-of)",
                )
