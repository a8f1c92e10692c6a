"""`suizhou schema`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from suizhou_plan.cli.options import default_lang, lang_option, write
from suizhou_plan.model.schema import schemas


@click.command("schema")
@click.argument("which", type=click.Choice(["tasks", "agencies"]), required=False)
@click.option("--out", "out_dir", metavar="DIR", default=None,
              help="Write tasks.schema.json and agencies.schema.json into DIR (atomically).")
@lang_option
def command(which: str | None, out_dir: str | None, lang: str | None) -> None:
    """Print the JSON Schema of tasks.yaml or agencies.yaml (both, keyed by file, when
    WHICH is omitted), or write both files with --out.  Editors that use
    yaml-language-server complete and check plan files with it."""
    # lazy: not loaded for --help or a usage error (+315 ms: pydantic, yaml)
    from suizhou_plan.base.output_files import write_files
    from suizhou_plan.render.machine import dumps

    all_schemas = schemas()
    if out_dir is not None:
        files = {f"{name}.schema.json": dumps(schema).encode("utf-8")
                 for name, schema in all_schemas.items()}
        write_files(Path(out_dir), files)
        # lazy: not loaded for --help or a usage error (+0 ms)
        from suizhou_plan.i18n import t

        lang = lang or default_lang()
        sys.stderr.write(t(lang, "wrote {n} files to {dir}: {names}", n=len(files),
                           dir=out_dir, names=", ".join(files)) + "\n")
        return
    write(dumps(all_schemas[which] if which else all_schemas))
