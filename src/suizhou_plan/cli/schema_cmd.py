"""`suizhou schema`."""

from __future__ import annotations

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

    from suizhou_plan.report.machine import dumps
    from suizhou_plan.schema import schemas
    from suizhou_plan.writing import write_atomic

    all_schemas = schemas()
    if out_dir is not None:
        target = Path(out_dir)
        target.mkdir(parents=True, exist_ok=True)
        for name, schema in all_schemas.items():
            write_atomic(target / f"{name}.schema.json", dumps(schema).encode("utf-8"))
        return
    write(dumps(all_schemas[which] if which else all_schemas))
