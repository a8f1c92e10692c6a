"""`suizhou duties`: one unit's duty list, several units' lists, or every unit's list in a
file of its own (`--all --out DIR`), in the medium `--format` names
(`render.duty_formats`)."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    plan_option,
)
from suizhou_plan.cli.plan_arg import plan_index
from suizhou_plan.i18n import Msg, t, tn
from suizhou_plan.render.duty_formats import DUTIES, DutyMedium, file_names

if TYPE_CHECKING:
    from suizhou_plan.render.duty_rows import DutyTables


@click.command("duties")
@click.argument("agency", nargs=-1, metavar="[AGENCY]...")
@plan_option
@as_of_option
@click.option("--role", type=click.Choice(["lead", "support"]), default=None,
              help="Only duties where the unit leads (牽頭) or supports (配合).")
@click.option("--phase", type=click.IntRange(1), default=None, help="Only this phase.")
@click.option("--open", "only_open", is_flag=True, help="Only duties not yet done.")
@click.option("--format", "fmt", type=click.Choice(DUTIES.names), default="text", show_default=True,
              help="Output format.")
@click.option("--all", "all_units", is_flag=True, help="Every unit (needs --out).")
@click.option("--out", "out_dir", metavar="DIR|FILE", default=None,
              help="With --all: write one file per unit plus an index into DIR (xlsx: one "
              "workbook per unit, named by its name, and a summary workbook).  With "
              "--format xlsx and named units: the workbook FILE.xlsx.")
@click.option("--mechanism", default=None, metavar="NAME",
              help="The duties under one coordination mechanism (數字政府/數字經濟/數字社會).")
@lang_option
def command(agency: tuple[str, ...], plan_dir: str | None, as_of: date | None,
            role: str | None, phase: int | None, only_open: bool, fmt: str, all_units: bool,
            out_dir: str | None, mechanism: str | None, lang: str | None) -> None:
    """Print a unit's duty list: every task, measure, target and milestone it holds, as lead
    (牽頭) or supporting (配合) unit, including duties that reach it through a collective
    (各縣、市、區人民政府) or from a unit it replaced.

    AGENCY is an id, a name, a full name or an alias, in simplified or traditional script:
    `suizhou duties 市政数局` finds 市政數局.
    """
    medium = DUTIES[fmt]
    if all_units and not out_dir:
        raise click.UsageError(Msg("--all writes one file per unit: add --out DIR"))
    if medium.needs_out is not None and not out_dir:
        raise click.UsageError(medium.needs_out)
    if medium.binary and mechanism is not None:
        raise click.UsageError(Msg("--mechanism prints text; drop --format {fmt}", fmt=fmt))
    if out_dir and not all_units and not medium.to_file:
        raise click.UsageError(Msg("--out goes with --all or --format xlsx; to print one "
                                   "unit, drop --out"))
    if not agency and not all_units and mechanism is None:
        raise click.UsageError(Msg(
            "name a unit, e.g. `suizhou duties 市政數局`, or use --all --out DIR, "
            "or --mechanism 數字政府"))
    # lazy: the views and renderers bring pydantic, which --help and usage errors do without
    from suizhou_plan.cli.scope_arg import pick_agency
    from suizhou_plan.render.duty_rows import duty_tables
    from suizhou_plan.views.duties import DutyList, duties_for
    from suizhou_plan.views.holding import Holders

    index = plan_index(plan_dir, lang)
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    day = as_of_or_today(as_of)
    window = index.tasks_file.supervision.due_soon_days
    if mechanism is not None:
        # lazy: only --mechanism lays out a mechanism's duties
        from suizhou_plan.render.mechanism import render_mechanism

        sys.stdout.write(render_mechanism(index, mechanism, day, window, lang))
        return

    def narrowed(dl: DutyList) -> DutyList:
        kept = [d for d in dl.duties
                if (role is None or d.role == role)
                and (phase is None or (d.item.phase is not None and d.item.phase.number == phase))
                and (not only_open or d.item.status not in ("reported-done", "verified"))]
        return DutyList(dl.agency, dl.as_of, kept, dl.lineage)

    holders = Holders(index, day)
    if all_units:
        units = [a for a in index.agencies_file.agencies if not a.vague]
    else:
        units = []
        for name in agency:
            found = pick_agency(index.registry, name)
            if found not in units:
                units.append(found)
    lists = duty_tables([narrowed(duties_for(index, a, day, window, holders)) for a in units],
                        lang, index)
    if all_units:
        _write_all(Path(out_dir or "."), medium, lists)
    elif medium.to_file:
        _write_one(Path(out_dir or ""), medium, lists)
    else:
        sys.stdout.buffer.write(medium.encode(medium.render(lists)))
        sys.stdout.flush()


def _write_all(directory: Path, medium: DutyMedium, lists: DutyTables) -> None:
    """`duties --all --out DIR`: one file per unit, and the medium's index beside them,
    written as one set (all or nothing)."""
    # lazy: the writers' module is needed only when files are written
    from suizhou_plan.base.output_files import write_files

    names, index_name = file_names(medium, lists)
    files = {name: medium.encode(medium.render(one))
             for name, one in zip(names, lists.each(), strict=True)}
    if medium.index is not None and index_name is not None:
        files[index_name] = medium.encode(medium.index.render(
            replace(lists, files=tuple(names))))
    write_files(directory, files)
    sys.stderr.write(tn(lists.lang, "wrote {n} file to {dir}", "wrote {n} files to {dir}",
                        len(files), dir=str(directory)) + "\n")


def _write_one(path: Path, medium: DutyMedium, lists: DutyTables) -> None:
    """`duties UNIT... --format xlsx|docx --out FILE`: one workbook or document."""
    # lazy: the writers' module is needed only when files are written
    from suizhou_plan.base.output_files import write_files

    suffix = f".{medium.extension}"
    if path.suffix.lower() != suffix:
        raise click.UsageError(Msg("--out {path}: name the file FILE{suffix} (Excel, Word and "
                                   "WPS open it by its extension)", path=str(path),
                                   suffix=suffix))
    write_files(path.parent, {path.name: medium.encode(medium.render(lists))})
    sys.stderr.write(t(lists.lang, "wrote {path}", path=str(path)) + "\n")
