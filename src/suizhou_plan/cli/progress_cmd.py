"""`suizhou progress add` and `suizhou progress show`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from suizhou_plan.cli.options import as_of_or_today, parse_iso_date, plan_option, resolve_plan

STATUSES = ["not-started", "in-progress", "blocked", "reported-done", "verified"]


@click.group("progress")
def command() -> None:
    """The progress ledger (台賬): append an entry, or show an item's history."""


@command.command("add")
@click.argument("item")
@plan_option
@click.option("--status", type=click.Choice(STATUSES), required=True,
              help="Status as of this report (reported-done = 辦結, verified = 銷號).")
@click.option("--date", "when", callback=parse_iso_date, required=True, metavar="YYYY-MM-DD",
              help="Date of the report.")
@click.option("--by", "by", required=True, metavar="AGENCY", help="The reporting unit.")
@click.option("--note", required=True, help="Progress made (進展).")
@click.option("--problems", default=None, help="Problems (存在問題).")
@click.option("--next", "next_step", default=None, help="Next step (下一步).")
@click.option("--evidence", multiple=True, metavar="REF",
              help="Evidence: document number, URL or file (repeatable).")
@click.option("--as-of", "as_of", callback=parse_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Refuse entries dated after this day [default: today in Asia/Shanghai].")
def add(item: str, plan_dir: str | None, status: str, when: date, by: str, note: str,
        problems: str | None, next_step: str | None, evidence: tuple[str, ...],
        as_of: date | None) -> None:
    """Append one dated entry to ITEM's ledger in tasks.yaml.

    Everything else in the file is kept byte for byte.  The whole plan is validated with
    the new entry before the file is written (atomically); when the result would be invalid
    nothing is written and the command exits 1.
    """
    from suizhou_plan.ledger import Entry
    from suizhou_plan.progress_edit import append_progress

    path, label = resolve_plan(plan_dir)
    entry = Entry(when, status, by.strip(), note, problems, next_step, tuple(evidence))
    outcome = append_progress(path, item, entry, as_of_or_today(as_of))
    if outcome.usage_error:
        raise click.UsageError(outcome.usage_error)
    if outcome.errors:
        sys.stderr.write("\n".join(outcome.errors) + "\n")
        sys.stderr.write("not written: the plan would be invalid with this entry\n")
        sys.exit(1)
    sys.stdout.write(f"{outcome.item_id}: added {status} of {when} to {Path(path) / 'tasks.yaml'}"
                     f" ({label})\n")


@command.command("show")
@click.argument("item")
@plan_option
def show(item: str, plan_dir: str | None) -> None:
    """Print ITEM's ledger, oldest first, with its current status."""
    from suizhou_plan.cli.duties_cmd import load_index
    from suizhou_plan.report.labels import status_label
    from suizhou_plan.textwidth import table

    index = load_index(plan_dir)
    found = index.by_id.get(item) or index.by_id.get(item.upper())
    if found is None:
        raise click.UsageError(f"no task, target or milestone {item!r}; ids look like T01, S1, "
                               "T05-2025 or P1-M4")
    lines = [f"{found.id} {found.title}", f"status: {found.status} "
             f"({status_label(found.status, 'zh')}) · due {found.due}", ""]
    rows = [["date", "status", "by", "進展 note", "存在問題", "下一步", "evidence"]]
    for entry in sorted(found.progress, key=lambda e: e.date):
        rows.append([entry.date.isoformat(), entry.status, entry.by or "", entry.note or "",
                     entry.problems or "", entry.next or "", "; ".join(entry.evidence)])
    lines += table(rows, indent="") if found.progress else ["(no progress recorded)"]
    sys.stdout.write("\n".join(lines) + "\n")
