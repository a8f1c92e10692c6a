"""`suizhou import`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from suizhou_plan.cli.options import default_lang, lang_option, write
from suizhou_plan.i18n import Msg


@click.command("import")
@click.argument("doc", metavar="DOC", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", metavar="DIR", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="New plan directory to write tasks.yaml, agencies.yaml and "
              "import-report.md into (must not exist, or be empty).")
@click.option("--agencies", "agencies_file", metavar="FILE", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="An existing agencies.yaml: its units are matched and kept, only new units "
              "are added (a city's second plan shares the first's registry).")
@click.option("--replace-bad-bytes", "replace_bad_bytes", is_flag=True,
              help="Read a text or HTML document that has a few bytes invalid in its "
              "encoding (a damaged GBK file) with each such byte replaced by U+FFFD; every "
              "spot is listed in the import report.")
@lang_option
def command(doc: Path, out_dir: Path, agencies_file: Path | None, replace_bad_bytes: bool,
            lang: str | None) -> None:
    """Turn an implementation plan document (實施方案) into a plan directory to review.

    DOC is plain text (UTF-8, GBK, GB18030 or Big5, detected), markdown, an HTML page saved
    from a government website, a Word .docx or a PDF with a text layer, with or without
    line breaks (text copied from a web page often has none), tables included.  Tasks,
    their units (lead and supporting), deadlines, sections and phases are read into
    DIR/tasks.yaml and DIR/agencies.yaml; every spot the import is unsure of is printed with
    its line and written to DIR/import-report.md.  Exit 0 when the plan was written (even
    with findings to confirm), 1 when the document cannot be read or holds nothing usable
    (each said: not a regular file, a scan without text, over a limit, a bad byte), 2 for
    a usage error.
    """
    from suizhou_plan.importer import import_report
    from suizhou_plan.importer.pipeline import OutputUnwritable, RegistryUnusable, run_import

    if not doc.exists() and doc.is_symlink():
        import os

        raise click.UsageError(Msg(
            "{doc} is a symbolic link to {target}, which does not exist; type the path of the "
            "plan document", doc=str(doc), target=os.readlink(doc)))
    if not doc.exists():
        raise click.UsageError(Msg("{doc} does not exist; type the path of the plan document",
                                   doc=str(doc)))
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise click.UsageError(Msg(
            "{out} already exists and is not empty; type a new directory, e.g. --out "
            "{name}-imported (or remove {out} first)", out=str(out_dir), name=out_dir.name))
    if agencies_file is not None and not agencies_file.is_file():
        raise click.UsageError(Msg(
            "--agencies {file} does not exist; type the path of an agencies.yaml",
            file=str(agencies_file)))
    try:
        result = run_import(doc, out_dir, agencies_file, shown=str(doc),
                            replace_bad_bytes=replace_bad_bytes)
    except (RegistryUnusable, OutputUnwritable) as exc:
        raise click.UsageError(exc.args[0]) from None
    lang = lang or default_lang()
    if not result.written:
        from suizhou_plan.i18n import localise

        sys.stderr.write(f"suizhou import: {localise(result.failure, lang)}\n")
        sys.exit(1)
    from suizhou_plan.escapes import visible_lines

    write(visible_lines(import_report.render_text(result, str(doc), str(out_dir), lang)))
    try:
        (out_dir / "import-report.md").write_text(
            import_report.render_markdown(result, str(doc), str(out_dir), lang),
            encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(Msg("cannot write {file}: {why}",
                                   file=str(out_dir / "import-report.md"),
                                   why=str(exc.strerror or exc))) from None
    sys.exit(1 if result.validation_errors else 0)
