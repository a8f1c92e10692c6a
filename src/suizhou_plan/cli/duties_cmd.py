"""`suizhou duties`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    plan_option,
    resolve_plan,
)
from suizhou_plan.i18n import Msg

FORMATS = ["text", "markdown", "csv", "html", "json", "xlsx", "docx"]
OFFICE = {"xlsx", "docx"}  # written to files, never to a terminal


def load_index(plan_dir: str | None, lang: str | None) -> Any:
    """The indexed plan, or exit 1 with the errors that stop it from being read, in `lang`
    (else the locale's language).  Only a plan that cannot be read into the model (syntax,
    schema, duplicate ids) is refused: findings about its content (unassigned, vague or
    unknown units, overdue) are what the commands exist to report, so they answer on it."""
    from suizhou_plan.load import load_plan
    from suizhou_plan.render import findings_text
    from suizhou_plan.rules.engine import run
    path, _ = resolve_plan(plan_dir)
    result = run(load_plan(path), as_of=None)
    errors = unreadable(result)
    if result.index is None or errors:
        from suizhou_plan.i18n import t

        said = lang or default_lang()
        sys.stderr.write("\n".join(findings_text.render(errors, result.loaded.files, lang=said))
                         + "\n" + t(said, "the plan cannot be loaded: fix it first (`suizhou "
                                          "validate`)") + "\n")
        sys.exit(1)
    return result.index


UNREADABLE_RULES = frozenset({"duplicate-id"})  # besides every error that stops the loader


def unreadable(result: Any) -> list[Any]:
    """The errors that keep the plan out of the model: all of them when it did not load,
    else the ids it holds twice (every view keys items by id)."""
    errors = [f for f in result.findings if f.severity.value == "error"]
    if result.index is None:
        return errors
    return [f for f in errors if f.rule in UNREADABLE_RULES]


@click.command("duties")
@click.argument("agency", nargs=-1, metavar="[AGENCY]...")
@plan_option
@as_of_option
@click.option("--role", type=click.Choice(["lead", "support"]), default=None,
              help="Only duties where the unit leads (牽頭) or supports (配合).")
@click.option("--phase", type=click.IntRange(1), default=None, help="Only this phase.")
@click.option("--open", "only_open", is_flag=True, help="Only duties not yet done.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
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
    from suizhou_plan.cli.check_cmd import pick_agency
    from suizhou_plan.render import duties_render
    from suizhou_plan.views.duties import DutyList, duties_for
    from suizhou_plan.views.holding import Holders
    if all_units and not out_dir:
        raise click.UsageError(Msg("--all writes one file per unit: add --out DIR"))
    if fmt == "docx" and not out_dir:
        raise click.UsageError(Msg("--format docx writes a Word document: add --out FILE.docx "
                                   "(or --all --out DIR for one document per unit)"))
    if fmt == "docx" and mechanism is not None:
        raise click.UsageError(Msg("--mechanism prints text; drop --format {fmt}", fmt="docx"))
    if fmt == "xlsx" and not out_dir:
        raise click.UsageError(Msg("--format xlsx writes a workbook: add --out FILE.xlsx (or "
                                   "--all --out DIR)"))
    if fmt == "xlsx" and mechanism is not None:
        raise click.UsageError(Msg("--mechanism prints text; drop --format {fmt}", fmt="xlsx"))
    if out_dir and not all_units and fmt not in OFFICE:
        raise click.UsageError(Msg("--out goes with --all or --format xlsx; to print one "
                                   "unit, drop --out"))
    if not agency and not all_units and mechanism is None:
        raise click.UsageError(Msg(
            "name a unit, e.g. `suizhou duties 市政數局`, or use --all --out DIR, "
            "or --mechanism 數字政府"))
    index = load_index(plan_dir, lang)
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    day = as_of_or_today(as_of)
    window = index.tasks_file.supervision.due_soon_days
    if mechanism is not None:
        from suizhou_plan.render.mechanism import NoMechanism, render_mechanism

        try:
            sys.stdout.write(render_mechanism(index, mechanism, day, window,
                                              lang))
        except NoMechanism as exc:
            raise click.UsageError(exc.args[0]) from None
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
        lists = [narrowed(duties_for(index, a, day, window, holders)) for a in units]
        if fmt == "xlsx":
            _write_workbooks(Path(out_dir or "."), lists,
                             lang)
        elif fmt == "docx":
            _write_documents(Path(out_dir or "."), lists,
                             lang, index)
        else:
            _write_all(Path(out_dir or "."), fmt, lists,
                       lang)
        return
    units = []
    for name in agency:
        found = pick_agency(index.registry, name)
        if found not in units:
            units.append(found)
    lists = [narrowed(duties_for(index, a, day, window, holders)) for a in units]
    if fmt == "xlsx":
        _write_workbook(Path(out_dir or "duties.xlsx"), lists,
                        lang)
        return
    if fmt == "docx":
        _write_document(Path(out_dir or "duties.docx"), lists,
                        lang, index)
        return
    data = duties_render.encode(fmt, duties_render.render_many(
        fmt, lists, lang))
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _write_all(directory: Path, fmt: str, lists: list[Any], lang: str = "en") -> None:
    """One file per unit and the index, written as one set (all or nothing)."""
    from suizhou_plan.base.output_files import OutputError, write_files
    from suizhou_plan.render import duties_render
    names = duties_render.file_names([dl.agency.id for dl in lists], fmt)
    files: dict[str, bytes] = {}
    written = []
    for name, dl in zip(names, lists, strict=True):
        files[name] = duties_render.encode(fmt, duties_render.render_many(fmt, [dl], lang))
        written.append((name, dl))
    index_name = f"{duties_render.INDEX}.{duties_render.EXTENSION[fmt]}"
    files[index_name] = duties_render.encode(fmt, duties_render.index_page(fmt, written, lang))
    try:
        write_files(directory, files)
    except OutputError as exc:
        raise click.ClickException(exc.args[0]) from None
    _said_written(lang, len(files), directory)


def _said_written(lang: str, count: int, directory: Path) -> None:
    """`duties --all --out DIR` says what it wrote, in the reader's language."""
    from suizhou_plan.i18n import tn

    sys.stderr.write(tn(lang, "wrote {n} file to {dir}", "wrote {n} files to {dir}", count,
                        dir=str(directory)) + "\n")


def _write_office_file(path: Path, suffix: str, data: Callable[[], bytes], lang: str) -> None:
    """`duties UNIT... --format xlsx|docx --out FILE`: one workbook or document."""
    from suizhou_plan.base.output_files import OutputError, write_files
    from suizhou_plan.i18n import t

    if path.suffix.lower() != suffix:
        raise click.UsageError(Msg("--out {path}: name the file FILE{suffix} (Excel, Word and "
                                   "WPS open it by its extension)", path=str(path),
                                   suffix=suffix))
    try:
        write_files(path.parent, {path.name: data()})
    except OutputError as exc:
        raise click.ClickException(exc.args[0]) from None
    sys.stderr.write(t(lang, "wrote {path}", path=str(path)) + "\n")


def _write_workbook(path: Path, lists: list[Any], lang: str) -> None:
    """One sheet per unit."""
    from suizhou_plan.render.duties_xlsx import workbook

    _write_office_file(path, ".xlsx", lambda: workbook(lists, lang), lang)


def _write_document(path: Path, lists: list[Any], lang: str, index: Any) -> None:
    """Each unit's list on its own pages."""
    from suizhou_plan.render.duties_docx import render, sender

    _write_office_file(path, ".docx", lambda: render(lists, lang, author=sender(index, lang)),
                       lang)


def _write_documents(directory: Path, lists: list[Any], lang: str, index: Any) -> None:
    """`duties --all --format docx --out DIR`: one document per unit, named by its name."""
    from suizhou_plan.base.file_names import file_names
    from suizhou_plan.base.output_files import OutputError, write_files
    from suizhou_plan.i18n import in_script
    from suizhou_plan.render.duties_docx import render, sender

    names = file_names([in_script(lang, dl.agency.name) for dl in lists], "docx")
    author = sender(index, lang)
    files = {name: render([dl], lang, author=author) for name, dl in zip(names, lists,
                                                                         strict=True)}
    try:
        write_files(directory, files)
    except OutputError as exc:
        raise click.ClickException(exc.args[0]) from None
    _said_written(lang, len(files), directory)


def _write_workbooks(directory: Path, lists: list[Any], lang: str) -> None:
    """`duties --all --format xlsx --out DIR`: one workbook per unit, named by the unit's
    name, and a summary workbook with a sheet per unit, written as one set."""
    from suizhou_plan.base.file_names import file_names
    from suizhou_plan.base.output_files import OutputError, write_files
    from suizhou_plan.i18n import in_script
    from suizhou_plan.render.duties_xlsx import workbook
    from suizhou_plan.words.sheet_words import words

    summary = f"{words(lang)['summary_file']}.xlsx"
    names = file_names([in_script(lang, dl.agency.name) for dl in lists], "xlsx",
                       reserved=[summary])
    files = {name: workbook([dl], lang) for name, dl in zip(names, lists, strict=True)}
    files[summary] = workbook(lists, lang, overview=True)
    try:
        write_files(directory, files)
    except OutputError as exc:
        raise click.ClickException(exc.args[0]) from None
    _said_written(lang, len(files), directory)
