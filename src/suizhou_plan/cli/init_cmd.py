"""`suizhou init`: start a plan workspace of one's own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from suizhou_plan.i18n import Msg


@click.command("init")
@click.argument("directory", required=False, default="plan", metavar="[DIR]")
@click.option("--from", "source", metavar="DIR", default=None,
              help="Copy this plan directory instead of the bundled plan.")
def command(directory: str, source: str | None) -> None:
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
    try:
        written = init_workspace(dest, origin)
    except WorkspaceError as exc:
        sys.stderr.write(f"suizhou init: {exc}\n")
        sys.exit(1)
    plan = "" if dest == Path("plan") else f" --plan {directory}"
    sys.stdout.write(
        f"Copied the plan into {directory}/ ({', '.join(p.name for p in written)}).\n"
        "Next:\n"
        f"  suizhou check{plan}                      # what is overdue today\n"
        f"  suizhou duties UNIT{plan}                # one unit's duty list\n"
        f"  suizhou progress add ITEM{plan} --status in-progress --date YYYY-MM-DD "
        "--by UNIT --note TEXT\n"
        f"  git init && git add {directory} && git commit -m 'plan'   # keep its history\n"
    )
