"""`suizhou check`: the command and its options.  What a check shows is worked out in
`check_view`, run cheaply (the stored result of an unchanged plan, the GC paused) by
`check_run`, and laid out by the medium `--format` names (`render.check_formats`)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suizhou_plan.cli.check_run import Asked, run_check
from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    lang_option,
    office_template,
    plan_option,
    resolve_plan,
    use_color,
    write,
)
from suizhou_plan.i18n import Msg, from_environment, t
from suizhou_plan.render.check_formats import CHECK, CheckMedium, Shows

if TYPE_CHECKING:
    from suizhou_plan.render.check_text import CheckView


@click.command("check")
@plan_option
@as_of_option
@click.option("--phase", type=click.IntRange(1), default=None, help="Only this phase (1, 2, 3).")
@click.option("--agency", default=None, metavar="NAME",
              help="Only items this unit holds (id or name, either script).")
@click.option("--section", default=None, metavar="NAME",
              help="Only this section (數字經濟, 數字社會, 數字政府, 數字生態, 保障措施).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules (codes, slugs or code prefixes; comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option("--due-within", type=click.IntRange(0), default=None, metavar="DAYS",
              help="Warn this many days before a due date [default: the plan's due_soon_days].")
@click.option("--strict", is_flag=True, help="Warnings count as errors for the exit code.")
@click.option("--changed-since", "changed_since", default=None, metavar="REV",
              help="Only findings about what changed since git revision REV (for CI on a "
              "pull request).")
@click.option("--format", "fmt", type=click.Choice(CHECK.names), default="text",
              show_default=True,
              help="text (terminal or plain), json, markdown (the bulletin, 通報), docx (the "
              "bulletin as a Word document in the official layout; needs --out), github.")
@click.option("--out", "out_file", metavar="FILE", default=None,
              help="Write the bulletin (markdown or docx) to FILE instead of the terminal.")
@click.option("--template", "template", metavar="FILE.docx", default=None,
              help="With docx: take the styles and the letterhead (headers, footers, small "
              "pictures) from this Word document; its macros, fields that run and links to "
              "other files are left out, each named.")
@lang_option
@click.option("--no-cache", "no_cache", is_flag=True, envvar="SUIZHOU_NO_CACHE",
              help="Check from scratch: neither use nor store the stored result of an "
              "unchanged plan (also $SUIZHOU_NO_CACHE=1).")
def command(plan_dir: str | None, as_of: date | None, phase: int | None, agency: str | None,
            section: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
            due_within: int | None, strict: bool, changed_since: str | None, fmt: str,
            out_file: str | None, template: str | None, lang: str | None,
            no_cache: bool) -> None:
    """What is overdue, due soon, unassigned or missing, phase by phase.

    Runs every rule (see `suizhou rules`), including all of `validate`'s.  Exit 0 when there
    are no errors (warnings allowed), 1 when there are errors (with --strict, warnings
    too), 2 for a usage error.
    """
    path, label = resolve_plan(plan_dir)
    day = as_of_or_today(as_of)
    medium = CHECK[fmt]
    stored = (medium.cached and not (medium.terminal is not None and use_color(sys.stdout))
              and changed_since is None and out_file is None and template is None)
    key = ((label, phase, agency, section, select, ignore, due_within, strict, fmt, lang,
            from_environment()) if stored and not no_cache else None)
    asked = Asked(phase, agency, section, select, ignore, due_within, changed_since, lang)
    run_check(path, day, key, lambda: _check(path, label, day, asked, medium, strict,
                                             out_file, template))


def _check(path: Path, label: str, day: date, asked: Asked, medium: CheckMedium, strict: bool,
           out_file: str | None, template: str | None) -> None:
    """Check the plan, show what was found in `medium`, and exit 1 when it failed."""
    # lazy: the plan loader, the rules and pydantic, which a stored check prints without
    from suizhou_plan.cli.check_view import check_plan

    checked = check_plan(path, label, day, asked)
    view = checked.view
    if medium.needs_out is not None and not out_file:
        raise click.UsageError(medium.needs_out)
    if out_file and not medium.to_file:
        raise click.UsageError(Msg("--out goes with --format markdown or docx"))
    if template and not medium.takes_template:
        raise click.UsageError(Msg("--template goes with --format docx"))
    if template:
        view.template = office_template(template, view.lang)
    checked.add_bulletin(medium.shows)
    if medium.shows is Shows.BULLETIN and view.bulletin is None:  # the text check says why
        raise click.UsageError(Msg("the plan has errors that stop a bulletin; run "
                                   "`suizhou validate` to list them"))
    _show(view, medium, out_file)
    counts = view.counts()
    failed = counts["error"] > 0 or (strict and counts["warning"] > 0)
    sys.exit(1 if failed else 0)


def _show(view: CheckView, medium: CheckMedium, out_file: str | None) -> None:
    """`view` laid out by `medium`: in a colour terminal, on stdout, or into `out_file`."""
    if medium.terminal is not None and use_color(sys.stdout):
        medium.terminal(view, sys.stdout)
        return
    content = medium.render(view)
    if not out_file:
        assert isinstance(content, str), "a medium for programs goes to a file (--out)"
        write(content)
        return
    target = Path(out_file)
    if target.is_dir():
        raise click.UsageError(Msg("--out takes a file name; {path} is a directory",
                                   path=out_file))
    # lazy: the writers' module costs a few ms that a check printed on the terminal does without
    from suizhou_plan.base.output_files import write_files

    write_files(target.parent, {target.name: medium.encode(content)})
    sys.stderr.write(t(view.lang, "wrote {path}", path=out_file) + "\n")
