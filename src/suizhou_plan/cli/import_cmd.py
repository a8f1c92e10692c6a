"""`suizhou import`."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import NoReturn

import click

from suizhou_plan.base.escapes import visible_lines
from suizhou_plan.cli.options import default_lang, lang_option, write
from suizhou_plan.i18n import Msg, localise


@click.command("import")
@click.argument("doc", metavar="DOC", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", metavar="DIR", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Plan directory to write tasks.yaml, agencies.yaml, import-report.md and "
              "import-base.json into: a new one (it must not exist, or be empty), or, with "
              "--update, a plan imported before.")
@click.option("--update", "update", is_flag=True,
              help="Bring a revised document into the plan in --out, keeping its ids, the "
              "office's corrections (units renamed in agencies.yaml, leads, titles, "
              "sections…) and every ledger entry; what is new, changed, kept and gone is "
              "listed in import-report.md.")
@click.option("--dry-run", "dry_run", is_flag=True,
              help="Print what the import would do and write nothing.")
@click.option("--agencies", "agencies_file", metavar="FILE", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="An existing agencies.yaml: its units are matched and kept, only new units "
              "are added (a city's second plan shares the first's registry).")
@click.option("--replace-bad-bytes", "replace_bad_bytes", is_flag=True,
              help="Read a text or HTML document that has a few bytes invalid in its "
              "encoding (a damaged GBK file) with each such byte replaced by U+FFFD; every "
              "spot is listed in the import report.")
@lang_option
def command(doc: Path, out_dir: Path, update: bool, dry_run: bool, agencies_file: Path | None,
            replace_bad_bytes: bool, lang: str | None) -> None:
    """Turn an implementation plan document (實施方案) into a plan directory to review.

    DOC is plain text (UTF-8, GBK, GB18030 or Big5, detected), markdown, an HTML page saved
    from a government website, a Word .docx or a PDF with a text layer, with or without
    line breaks (text copied from a web page often has none), tables included.  Tasks,
    their units (lead and supporting), deadlines, sections and phases are read into
    DIR/tasks.yaml and DIR/agencies.yaml; every spot the import is unsure of is printed with
    its line, and DIR/import-report.md lists them and each item with the words it was read
    from.  With --update, a revised document is merged into the plan in DIR (ids,
    corrections and ledger kept).  The files are written all or none.  Exit 0 when the plan
    was written (even with findings to confirm), 1 when the document cannot be read or
    holds nothing usable (each said: not a regular file, a scan without text, over a limit,
    a bad byte) or the plan to update does not load, 2 for a usage error.
    """
    # lazy: the importer (the document readers, the plan loader), which --help does without
    from suizhou_plan.ops.plan_import import PlanUnusable, run_import, write_plan
    from suizhou_plan.ops.plan_lock import PlanLocked, PlanNotWritable, locked

    _check_paths(doc, out_dir, update, agencies_file)
    lang = lang or default_lang()
    try:
        if update:
            try:
                with locked(out_dir):
                    result = run_import(doc, out_dir, shown=str(doc), update=True,
                                        replace_bad_bytes=replace_bad_bytes)
                    report = _finish(result, doc, out_dir, lang, dry_run)
                    if not dry_run:
                        write_plan(out_dir, result, report)
            except (PlanLocked, PlanNotWritable) as exc:
                _fail(exc.args[0], lang)
        else:
            result = run_import(doc, out_dir, agencies_file, shown=str(doc),
                                replace_bad_bytes=replace_bad_bytes)
            report = _finish(result, doc, out_dir, lang, dry_run)
            if not dry_run:
                write_plan(out_dir, result, report)
    except PlanUnusable as exc:
        _fail(exc.args[0], lang)
    sys.exit(1 if result.validation_errors else 0)


def _check_paths(doc: Path, out_dir: Path, update: bool, agencies_file: Path | None) -> None:
    # lazy: the importer is loaded by the command itself, not by --help
    from suizhou_plan.ops.plan_import import TASKS

    if not doc.exists() and doc.is_symlink():
        raise click.UsageError(Msg(
            "{doc} is a symbolic link to {target}, which does not exist; type the path of the "
            "plan document", doc=str(doc), target=os.readlink(doc)))
    if not doc.exists():
        raise click.UsageError(Msg("{doc} does not exist; type the path of the plan document",
                                   doc=str(doc)))
    holds_plan = (out_dir / TASKS).is_file()
    if update and not holds_plan:
        raise click.UsageError(Msg(
            "--update brings a revised document into a plan, and {out} holds none (no "
            "tasks.yaml); leave out --update to import into a new directory",
            out=str(out_dir)))
    if update and agencies_file is not None:
        raise click.UsageError(Msg(
            "--agencies cannot go with --update: the plan's own agencies.yaml is kept and "
            "new units are added to it"))
    if not update and holds_plan:
        raise click.UsageError(Msg(
            "{out} already holds a plan; to bring the revised document into it, keeping its "
            "ids, the office's corrections and the ledger, type: suizhou import {doc} --out "
            "{out} --update (add --dry-run to see the changes first); or import into a new "
            "directory, e.g. --out {name}-imported", out=shlex.quote(str(out_dir)),
            doc=shlex.quote(str(doc)), name=out_dir.name))
    if not update and out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise click.UsageError(Msg(
            "{out} already exists and is not empty; type a new directory, e.g. --out "
            "{name}-imported (or remove {out} first)", out=str(out_dir), name=out_dir.name))
    if agencies_file is not None and not agencies_file.is_file():
        raise click.UsageError(Msg(
            "--agencies {file} does not exist; type the path of an agencies.yaml",
            file=str(agencies_file)))


def _finish(result: object, doc: Path, out_dir: Path, lang: str, dry_run: bool) -> str:
    """Print what was read (and what the update does); the report to write.  A document
    that gives nothing is exit 1, with why."""
    # lazy: the importer and its report are loaded by the command itself, not by --help
    from suizhou_plan.ops.plan_import import ImportResult
    from suizhou_plan.render import import_report

    assert isinstance(result, ImportResult)
    if not result.written:
        _fail(result.failure, lang)
    write(visible_lines(import_report.render_text(result, str(doc), str(out_dir), lang,
                                                  dry_run)))
    return import_report.render_markdown(result, str(doc), str(out_dir), lang)


def _fail(message: object, lang: str) -> NoReturn:
    sys.stderr.write(visible_lines(f"suizhou import: {localise(message, lang)}\n"))
    sys.exit(1)
