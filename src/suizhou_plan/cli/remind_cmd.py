"""`suizhou remind`: reminders (催辦通知) to the units with something to answer for."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    office_template,
    plan_option,
)
from suizhou_plan.cli.plan_arg import plan_index
from suizhou_plan.i18n import Msg, in_script, long_date, t, tn

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template
    from suizhou_plan.views.holding import Holders
    from suizhou_plan.views.index import PlanIndex
    from suizhou_plan.views.reminders import Reminders


@click.command("remind")
@plan_option
@as_of_option
@click.option("--out", "out_dir", metavar="DIR", default=None,
              help="Write one Word notice per unit into DIR, named by the unit [default: "
              "print the combined list].")
@click.option("--agency", "agencies", multiple=True, metavar="NAME",
              help="Only this unit (id or name, either script; repeatable).")
@click.option("--combined", type=click.Choice(["xlsx", "md"]), default=None,
              help="With --out: also the office's combined list (unit, item, what is asked, "
              "reply date) in DIR, as a workbook or Markdown.")
@click.option("--template", "template", metavar="FILE.docx", default=None,
              help="Take the notices' styles (and letterhead) from this Word document.")
@lang_option
def command(plan_dir: str | None, as_of: date | None, out_dir: str | None,
            agencies: tuple[str, ...], combined: str | None, template: str | None,
            lang: str | None) -> None:
    """Reminders (催辦通知): one Word document per unit that has something to answer for on
    the as-of date, addressed to it and signed by the office.

    A unit is reminded of the items it holds, as lead or supporting unit, that are overdue
    or fall due within supervision.due_soon_days; of an item returned to it (退回) that it
    has not reported done again; and of its report for the reporting period just closed,
    when missing (補報).  Each notice gives the reply date (supervision.reply_days after the
    as-of date).  A unit with nothing to answer for gets none.  The files are written all
    or none.
    """
    if combined and not out_dir:
        raise click.UsageError(Msg("--combined writes into the --out directory: add --out DIR"))
    if template and not out_dir:
        raise click.UsageError(Msg("--template goes with the Word notices: add --out DIR"))
    index = plan_index(plan_dir, lang)
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    day = as_of_or_today(as_of)
    safe_template = office_template(template, lang) if template else None
    # lazy: not loaded for --help or a usage error (+306 ms: pydantic, yaml)
    from suizhou_plan.views.holding import Holders
    from suizhou_plan.views.reminders import build_reminders

    holders = Holders(index, day)
    reminders = build_reminders(index, day, holders)
    if agencies:
        reminders = _only(reminders, holders, agencies, index, lang)
    if not out_dir:
        # lazy: not loaded for --help or a usage error (+190 ms: pydantic, yaml)
        from suizhou_plan.render import reminders_list
        sys.stdout.write(reminders_list.markdown(reminders, lang))
        return
    _write(Path(out_dir), reminders, lang, combined, safe_template)


def _only(reminders: Reminders, holders: Holders, names: tuple[str, ...], index: PlanIndex,
          lang: str) -> Reminders:
    """Only the notices of the units named (each as the unit in office on the date); a unit
    named with nothing to answer for is said so."""
    # lazy: not loaded for --help or a usage error (+194 ms: pydantic, yaml)
    from dataclasses import replace

    from suizhou_plan.cli.scope_arg import pick_agency

    wanted: list[str] = []
    for name in names:
        unit = holders.holder_of(pick_agency(index.registry, name))
        if unit.id in wanted:
            continue
        wanted.append(unit.id)
        if reminders.notice(unit) is None:
            sys.stderr.write(in_script(lang, t(lang, "{unit} has nothing to answer for on "
                                                     "{date}", unit=unit.name,
                                               date=long_date(lang, reminders.as_of))) + "\n")
    return replace(reminders, notices=tuple(n for n in reminders.notices
                                            if n.unit.id in wanted))


def _write(directory: Path, reminders: Reminders, lang: str, combined: str | None,
           template: Template | None) -> None:
    # lazy: not loaded for --help or a usage error (+377 ms: pydantic, yaml)
    from suizhou_plan.base.file_names import file_names
    from suizhou_plan.base.output_files import write_files
    from suizhou_plan.render import reminders_docx, reminders_list
    if not reminders.notices:
        sys.stderr.write(in_script(lang, t(lang, "No unit has anything to answer for on "
                                                 "{date}; nothing was written.",
                                           date=long_date(lang, reminders.as_of))) + "\n")
        return
    list_name = f"{reminders_docx.words(lang)['file']}.{combined}" if combined else None
    names = file_names([in_script(lang, n.unit.name) for n in reminders.notices], "docx",
                       reserved=[list_name] if list_name else [])
    files = {name: reminders_docx.render(reminders, notice, lang, template)
             for name, notice in zip(names, reminders.notices, strict=True)}
    if list_name is not None:
        files[list_name] = (reminders_list.workbook(reminders, lang) if combined == "xlsx"
                            else reminders_list.markdown(reminders, lang).encode("utf-8"))
    write_files(directory, files)
    sys.stderr.write(tn(lang, "wrote {n} file to {dir}", "wrote {n} files to {dir}",
                        len(files), dir=str(directory)) + "\n")
