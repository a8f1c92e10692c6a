"""`suizhou schema`."""

from __future__ import annotations

import sys

import click

from suizhou_plan.cli.options import write


@click.command("schema")
@click.argument("which", type=click.Choice(["tasks", "agencies"]), required=False)
@click.option("--out", "out_dir", metavar="DIR", default=None,
              help="Write tasks.schema.json and agencies.schema.json into DIR (atomically).")
def command(which: str | None, out_dir: str | None) -> None:
    """Print the JSON Schema of tasks.yaml or agencies.yaml (both, keyed by file, when
    WHICH is omitted), or write both files with --out.  Editors that use
    yaml-language-server complete and check plan files with it."""
    from pathlib import Path

    from suizhou_plan.output_files import OutputError, write_files
    from suizhou_plan.report.machine import dumps
    from suizhou_plan.schema import schemas

    all_schemas = schemas()
    if out_dir is not None:
        files = {f"{name}.schema.json": dumps(schema).encode("utf-8")
                 for name, schema in all_schemas.items()}
        try:
            write_files(Path(out_dir), files)
        except OutputError as exc:
            raise click.ClickException(str(exc)) from None
        names = ", ".join(files)
        sys.stderr.write(f"wrote {len(files)} files to {out_dir}: {names}\n")
        return
    write(dumps(all_schemas[which] if which else all_schemas))
