"""`suizhou export`."""

from __future__ import annotations

import sys
from datetime import date

import click

from suizhou_plan.cli.options import (
    default_lang,
    lang_option,
    parse_iso_date,
    plan_option,
    resolve_plan,
    write,
)


@click.command("export")
@plan_option
@click.option("--as-of", "as_of", callback=parse_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Also give each item its light and its holders on this date, and the "
              "counts over all items [default: the plan only, no date].")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format.")
@lang_option
def command(plan_dir: str | None, as_of: date | None, fmt: str, lang: str | None) -> None:
    """Print the normalised plan (ids resolved, leads and due dates derived) as JSON, for
    other tools.  Refuses (exit 1, findings on stderr) when the plan has errors.

    The plan itself has no date, so --as-of is optional: with it, the lights, the holders
    (renames and collectives applied, as in `suizhou duties`) and the counts on that date."""
    from suizhou_plan.engine import run
    from suizhou_plan.export import export_plan
    from suizhou_plan.load import load_plan
    from suizhou_plan.report import findings_text, machine

    path, _ = resolve_plan(plan_dir)
    result = run(load_plan(path), as_of=None)
    if result.summary()["error"] or result.index is None:
        from suizhou_plan.i18n import t

        tasks = result.loaded.tasks
        lang = lang or default_lang(tasks.supervision.lang if tasks is not None else None)
        errors = [f for f in result.findings if f.severity.value == "error"]
        sys.stderr.write("\n".join(findings_text.render(errors, result.loaded.files,
                                                         lang=lang)) + "\n")
        sys.stderr.write(t(lang, "export refused: the plan has errors (run `suizhou "
                                 "validate`)") + "\n")
        sys.exit(1)
    write(machine.dumps(export_plan(result.index, as_of)))
