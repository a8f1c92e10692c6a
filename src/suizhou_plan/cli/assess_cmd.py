"""`suizhou assess`: the assessment (考核) of the responsible units over a span of dates."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from suizhou_plan.cli.options import default_lang, lang_option, parse_iso_date, plan_option
from suizhou_plan.cli.plan_arg import plan_index
from suizhou_plan.i18n import Msg
from suizhou_plan.render.assess_formats import ASSESS, Assessed


@click.command("assess")
@plan_option
@click.option("--from", "first", callback=parse_iso_date, required=True,
              metavar="YYYY-MM-DD", help="The first day of the span assessed.")
@click.option("--to", "last", callback=parse_iso_date, required=True, metavar="YYYY-MM-DD",
              help="The last day of the span assessed; entries dated after it are not read.")
@click.option("--format", "fmt", type=click.Choice(ASSESS.names), default=None,
              help="text (the terminal), csv, json, or xlsx (an Excel workbook; needs --out) "
              "[default: from the --out file's extension, else text].")
@click.option("--out", "out_file", metavar="FILE", default=None,
              help="Write to FILE instead of the terminal.")
@lang_option
def command(plan_dir: str | None, first: date, last: date, fmt: str | None,
            out_file: str | None, lang: str | None) -> None:
    """The assessment (考核) of each responsible unit over a span: as lead and as supporting
    unit, the items that fell due, those done on time (辦結 or 銷號 by the date in force) and
    overdue, returns, extensions applied for and approved; and its progress reports, due,
    on time, late and missing, for each reporting period whose cut-off falls in the span.

    Every rate shows its numerator and denominator, and a dash when nothing was due.
    """
    if last < first:
        raise click.UsageError(Msg("--to {last} is before --from {first}", last=last,
                                   first=first))
    if fmt is None:
        suffix = Path(out_file).suffix.lower() if out_file else ".txt"
        found = next((m.name for m in ASSESS if f".{m.extension}" == suffix), None)
        if found is None:
            raise click.UsageError(Msg("--out {path}: name the file .xlsx, .csv or .json, or "
                                       "say which with --format", path=out_file))
        fmt = found
    medium = ASSESS[fmt]
    if medium.needs_out is not None and not out_file:
        raise click.UsageError(medium.needs_out)
    index = plan_index(plan_dir, lang)
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    # lazy: the assessment's view brings the plan's model (pydantic), which --help does without
    from suizhou_plan.views.assessment import assess

    data = medium.encode(medium.render(Assessed(assess(index, first, last), lang)))
    if not out_file:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write(Path(out_file), data, lang)


def _write(target: Path, data: bytes, lang: str) -> None:
    # lazy: the writer of --out (tempfile, shutil, hashlib), which --help does without
    from suizhou_plan.base.output_files import write_files
    from suizhou_plan.i18n import t

    if target.is_dir():
        raise click.UsageError(Msg("--out takes a file name; {path} is a directory",
                                   path=str(target)))
    write_files(target.parent, {target.name: data})
    sys.stderr.write(t(lang, "wrote {path}", path=str(target)) + "\n")
