"""`suizhou progress add` and `suizhou progress show`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from suizhou_plan.cli.options import (
    as_of_or_today,
    default_lang,
    lang_option,
    parse_iso_date,
    plan_option,
    resolve_plan,
)

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
@click.option("--by", "by", required=True, metavar="AGENCY",
              help="The reporting unit: one that holds ITEM, or the leading group's office.")
@click.option("--note", required=True, help="Progress made (進展); says why when a status "
              "goes back.")
@click.option("--problems", default=None, help="Problems (存在問題).")
@click.option("--next", "next_step", default=None, help="Next step (下一步).")
@click.option("--evidence", multiple=True, metavar="REF",
              help="Evidence: document number, URL or file (repeatable).")
@click.option("--as-of", "as_of", callback=parse_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Refuse entries dated after this day [default: today in Asia/Shanghai].")
@click.option("--wait", type=click.FloatRange(min=0), default=60.0, show_default=True,
              metavar="SECONDS", help="How long to wait while another command writes the plan.")
@lang_option
def add(item: str, plan_dir: str | None, status: str, when: date, by: str, note: str,
        problems: str | None, next_step: str | None, evidence: tuple[str, ...],
        as_of: date | None, wait: float, lang: str | None) -> None:
    """Append one dated entry to ITEM's ledger in tasks.yaml.

    Only the reporting unit's own items: --by must hold ITEM (directly, through a
    collective, or as the successor of a renamed unit) or be the leading group's office.
    An entry that repeats the latest one, is dated before it, or verifies what nobody
    reported done (without evidence) is refused.

    Other writers wait for each other (a lock in the plan directory), and a file saved by
    another program in the meantime is read again, never overwritten.  Everything else in
    the file is kept byte for byte; when the result would be invalid nothing is written
    and the command exits 1.
    """
    from suizhou_plan.i18n import in_script, localise, t
    from suizhou_plan.ledger import Entry, pasted
    from suizhou_plan.plan_lock import PlanLocked, PlanNotWritable
    from suizhou_plan.progress_edit import BadRequest, Refused, append_progress
    from suizhou_plan.report.labels import status_label

    lang = lang or default_lang()

    path, _label = resolve_plan(plan_dir, writing=True)
    entry = Entry(when, status, by.strip(), pasted(note),
                  pasted(problems) if problems else None,
                  pasted(next_step) if next_step else None,
                  tuple(pasted(e) for e in evidence if e.strip()))
    try:
        added = append_progress(path, item, entry, as_of_or_today(as_of), wait)
    except BadRequest as exc:
        raise click.UsageError(in_script(lang, localise(exc.args[0], lang))) from None
    except Refused as exc:
        said = "\n".join(localise(reason, lang) for reason in exc.reasons)
        not_written = t(lang, "not written: nothing was changed")
        sys.stderr.write(in_script(lang, f"{said}\n{not_written}") + "\n")
        sys.exit(1)
    except (PlanLocked, PlanNotWritable) as exc:
        not_written = t(lang, "not written: nothing was changed")
        sys.stderr.write(f"{exc}\n{not_written}\n")
        sys.exit(1)
    sys.stdout.write(in_script(lang, t(
        lang, "{item}: added {status} of {date} by {unit} to {file}", item=added.item_id,
        status=status_label(status, lang), date=localise(when, lang), unit=added.entry.by,
        file=_shown(path / "tasks.yaml"))) + "\n")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@command.command("show")
@click.argument("item")
@plan_option
@lang_option
def show(item: str, plan_dir: str | None, lang: str | None) -> None:
    """Print ITEM's ledger, oldest first, with its current status."""
    from suizhou_plan.cli.duties_cmd import load_index
    from suizhou_plan.escapes import visible_lines
    from suizhou_plan.i18n import in_script, localise, t
    from suizhou_plan.report.labels import status_label
    from suizhou_plan.textwidth import table

    index = load_index(plan_dir)
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    found = index.by_id.get(item) or index.by_id.get(item.upper())
    if found is None:
        raise click.UsageError(t(lang, "no task, target or milestone {id}; ids look like T01, "
                                       "S1, T05-2025 or P1-M4", id=repr(item)))
    lines = [f"{found.id} {found.title}",
             t(lang, "status: {status} · due {due}", status=status_label(found.status, lang),
               due=localise(found.due, lang)), ""]
    rows = [[t(lang, "date"), t(lang, "status"), t(lang, "reported by"), t(lang, "progress"),
             t(lang, "problems"), t(lang, "next step"), t(lang, "evidence")]]
    for entry in sorted(found.progress, key=lambda e: e.date):
        rows.append([localise(entry.date, lang), status_label(entry.status, lang),
                     entry.by or "", entry.note or "", entry.problems or "", entry.next or "",
                     "; ".join(entry.evidence)])
    lines += (table(rows, indent="") if found.progress
              else [t(lang, "(no progress recorded)")])
    sys.stdout.write(in_script(lang, visible_lines("\n".join(lines))) + "\n")
