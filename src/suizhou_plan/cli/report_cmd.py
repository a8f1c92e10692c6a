"""`suizhou report`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    plan_option,
    resolve_plan,
    use_color,
    write,
)
from suizhou_plan.cli.plan_arg import open_or_exit
from suizhou_plan.i18n import Msg, t


@click.command("report")
@plan_option
@as_of_option
@lang_option
@click.option("--out", "out_file", metavar="FILE.html", default=None,
              help="Write the dashboard as one self-contained HTML file ('-' for stdout) "
              "[default: print the overview].")
def command(plan_dir: str | None, as_of: date | None, lang: str | None,
            out_file: str | None) -> None:
    """The meeting dashboard: a timeline of the phases with their milestones and targets, a
    traffic-light matrix of units × phases, progress bars per section, the red items and the
    governance findings.

    With --out, one HTML file that needs no network (inline CSS and SVG, no scripts), for a
    projector or an A4 landscape printout.  Without it, the same overview in the terminal.
    Exit 0, or 1 when the plan cannot be loaded.
    """
    # lazy: the dashboard brings in the plan's models (pydantic), which --help does without
    from suizhou_plan.render.dashboard import build_dashboard, git_source, render_html

    path, label = resolve_plan(plan_dir)
    day = as_of_or_today(as_of)
    opened = open_or_exit(path, lang, as_of=day)
    index = opened.index
    dash = build_dashboard(index, opened.result.findings, day,
                           window=index.tasks_file.supervision.due_soon_days,
                           source=git_source(label, path),
                           lang=lang or default_lang(index.tasks_file.supervision.lang))
    if out_file == "-":
        write(render_html(dash))
    elif out_file:
        # lazy: the writer of --out (tempfile, shutil, hashlib), which --help does without
        from suizhou_plan.base.output_files import write_files

        target = Path(out_file)
        if target.is_dir():
            raise click.UsageError(Msg("--out takes a file name; {path} is a directory",
                                       path=str(out_file)))
        write_files(target.parent, {target.name: render_html(dash).encode("utf-8")})
        sys.stderr.write(t(dash.lang, "wrote {path}", path=str(out_file)) + "\n")
    elif use_color(sys.stdout):
        # lazy: not loaded for --help or a usage error (+202 ms: pydantic, yaml)
        from suizhou_plan.render.dashboard_terminal import render_rich

        render_rich(dash, sys.stdout, color=True)
    else:
        # lazy: not loaded for --help or a usage error (+202 ms: pydantic, yaml)
        from suizhou_plan.render.dashboard_terminal import plain

        write(plain(dash))
