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
    other tools, with the plan's findings (`findings`, `summary`).  Refuses (exit 1, the
    errors on stderr) only a plan that cannot be read (syntax, schema, duplicate ids); a plan
    with errors about its content is exported and exits 1.

    The plan itself has no date, so --as-of is optional: with it, the lights, the holders
    (renames and collectives applied, as in `suizhou duties`) and the counts on that date."""
    from suizhou_plan.cli.duties_cmd import unreadable
    from suizhou_plan.load import load_plan
    from suizhou_plan.render import findings_text, machine
    from suizhou_plan.rules.engine import run
    from suizhou_plan.views.export import export_plan
    path, _ = resolve_plan(plan_dir)
    result = run(load_plan(path), as_of=None)  # the plan's own findings, as `validate`
    tasks = result.loaded.tasks
    lang = lang or default_lang(tasks.supervision.lang if tasks is not None else None)
    refused = unreadable(result)
    if result.index is None or refused:
        from suizhou_plan.i18n import t

        sys.stderr.write("\n".join(findings_text.render(refused, result.loaded.files,
                                                         lang=lang)) + "\n")
        sys.stderr.write(t(lang, "export refused: the plan has errors (run `suizhou "
                                 "validate`)") + "\n")
        sys.exit(1)
    data = export_plan(result.index, as_of)
    data["findings"] = [f.to_json(lang) for f in result.findings]
    data["findings_summary"] = result.summary()
    write(machine.dumps(data))
    sys.exit(1 if result.summary()["error"] else 0)
