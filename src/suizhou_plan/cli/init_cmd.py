"""`suizhou init`: start a plan workspace of one's own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from suizhou_plan.cli.options import default_lang, lang_option
from suizhou_plan.i18n import Msg


@click.command("init")
@click.argument("directory", required=False, default="plan", metavar="[DIR]")
@click.option("--from", "source", metavar="DIR", default=None,
              help="Copy this plan directory instead of the bundled plan.")
@lang_option
def command(directory: str, source: str | None, lang: str | None) -> None:
    """Copy the bundled plan (or --from DIR) into DIR [default: ./plan].

    The bundled plan is read-only; `progress add` and every other writer work on a copy
    of your own.  Nothing that exists is overwritten.
    """
    from suizhou_plan.plan_dir import bundled_plan
    from suizhou_plan.workspace import WorkspaceError, init_workspace

    dest = Path(directory)
    origin = Path(source) if source else bundled_plan()
    if source and not origin.is_dir():
        raise click.UsageError(Msg("--from {source}: no such directory; type the directory "
                                   "that holds tasks.yaml and agencies.yaml",
                                   source=str(source)))
    from suizhou_plan.i18n import in_script, localise, t

    lang = lang or default_lang()
    try:
        written = init_workspace(dest, origin)
    except WorkspaceError as exc:
        sys.stderr.write(in_script(lang, "suizhou init: " + localise(exc.args[0], lang)) + "\n")
        sys.exit(1)
    plan = "" if dest == Path("plan") else f" --plan {directory}"
    unit, item, day, text = t(lang, "UNIT"), t(lang, "ITEM"), t(lang, "YYYY-MM-DD"), t(lang, "TEXT")
    overdue, duties, history = (t(lang, "what is overdue today"), t(lang, "one unit's duty list"),
                                t(lang, "keep its history"))
    sys.stdout.write(
        t(lang, "Copied the plan into {directory}/ ({files}).", directory=directory,
          files=", ".join(p.name for p in written)) + "\n"
        + t(lang, "Next:") + "\n"
        f"  suizhou check{plan}                      # {overdue}\n"
        f"  suizhou duties {unit}{plan}                # {duties}\n"
        f"  suizhou progress add {item}{plan} --status in-progress --date {day} "
        f"--by {unit} --note {text}\n"
        f"  git init && git add {directory} && git commit -m 'plan'   # {history}\n"
    )
