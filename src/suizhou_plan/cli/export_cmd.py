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
from suizhou_plan.cli.plan_arg import open_or_exit
from suizhou_plan.i18n import Msg


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
    other tools, with the plan's findings (`findings`, `summary`).  Refuses (exit 1, the
    errors on stderr) only a plan that cannot be read (syntax, schema, duplicate ids); a plan
    with errors about its content is exported and exits 1.

    The plan itself has no date, so --as-of is optional: with it, the lights, the holders
    (renames and collectives applied, as in `suizhou duties`) and the counts on that date."""
    # lazy: the renderer and the export view bring pydantic, which --help does without
    from suizhou_plan.render import machine
    from suizhou_plan.views.export import export_plan
    path, _ = resolve_plan(plan_dir)
    opened = open_or_exit(path, lang, verdict=Msg("export refused: the plan has errors (run "
                                                  "`suizhou validate`)"))
    result = opened.result  # the plan's own findings, as `validate`
    lang = lang or default_lang(opened.index.tasks_file.supervision.lang)
    data = export_plan(opened.index, as_of)
    data["findings"] = [f.to_json(lang) for f in result.findings]
    data["findings_summary"] = result.summary()
    write(machine.dumps(data))
    sys.exit(1 if result.summary()["error"] else 0)
