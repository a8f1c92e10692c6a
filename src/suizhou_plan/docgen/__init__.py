"""Docs that cannot drift: `docs/cli.md` from each command's `--help`, `docs/rules.md` from
the rule registry, the field tables of `docs/plan-format.md` from the pydantic models, the
layers and modules of `docs/architecture.md` from the folders (`architecture.py`), and
`docs/guide.zh-Hant.md` from the simplified user guide `docs/guide.md` (`guide_script.py`).

    python -m suizhou_plan.docgen            # regenerate, from the repository root
    python -m suizhou_plan.docgen --check    # list the stale files and exit 1

Help is rendered at a fixed width, so the result does not depend on the terminal that runs
the generator.  In plan-format.md only the regions between `<!-- BEGIN GENERATED name -->`
and `<!-- END GENERATED name -->` are generated; the prose around them is written by hand.
The tables' examples are read from that page's own example plan (its ```` ```yaml tasks.yaml ````
and ```` ```yaml agencies.yaml ```` blocks), which the tests load with the real loader: an
example cannot show a field or a value the format does not accept.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from suizhou_plan.base.output_files import write_atomic
from suizhou_plan.docgen.architecture import ARCHITECTURE_MD, architecture_markdown
from suizhou_plan.docgen.checked_by import CHECKED_BY
from suizhou_plan.docgen.cli_reference import WIDTH, cli_markdown, command_helps
from suizhou_plan.docgen.guide_script import GUIDE_HANT_MD, GUIDE_MD, guide_hant_markdown
from suizhou_plan.docgen.page import REGENERATE, DocgenError, anchor
from suizhou_plan.docgen.plan_format import (
    PLAN_FORMAT_MD,
    describe,
    example_plan,
    example_values,
    field_rows,
    models_of,
    plan_format_markdown,
)
from suizhou_plan.docgen.rule_reference import doc_markdown, rules_markdown, rules_markdown_in

CLI_MD = Path("docs/cli.md")
RULES_MD = Path("docs/rules.md")
RULES_ZH_MD = Path("docs/rules.zh-Hans.md")

__all__ = [
    "CHECKED_BY", "CLI_MD", "GUIDE_HANT_MD", "GUIDE_MD", "PLAN_FORMAT_MD", "REGENERATE",
    "RULES_MD", "RULES_ZH_MD", "WIDTH",
    "DocgenError",
    "anchor", "cli_markdown", "command_helps", "describe", "doc_markdown", "example_plan",
    "example_values", "expected", "field_rows", "guide_hant_markdown", "main", "models_of",
    "stale", "write",
]

def expected(root: Path) -> dict[Path, str]:
    """Every generated file under `root` with the text it should have (the traditional
    guide where `root` has the simplified one it is made from)."""
    page = root / PLAN_FORMAT_MD
    if not page.is_file():
        raise DocgenError(f"{page} is missing: it holds the prose around the field tables")
    pages = {root / CLI_MD: cli_markdown(),
             root / RULES_MD: rules_markdown(),
             root / RULES_ZH_MD: rules_markdown_in("zh-Hans"),
             page: plan_format_markdown(page.read_text(encoding="utf-8"), page)}
    architecture = root / ARCHITECTURE_MD
    if architecture.is_file():
        pages[architecture] = architecture_markdown(architecture.read_text(encoding="utf-8"),
                                                    root)
    guide = root / GUIDE_MD
    if guide.is_file():
        pages[root / GUIDE_HANT_MD] = guide_hant_markdown(guide.read_text(encoding="utf-8"))
    return pages


def stale(root: Path) -> list[Path]:
    """The generated files under `root` that differ from what the code says."""
    return [path for path, text in expected(root).items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def write(root: Path) -> list[Path]:
    """Regenerate; return the files that changed."""
    changed = []
    for path, text in expected(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text.encode("utf-8"))
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m suizhou_plan.docgen",
        description="Regenerate docs/cli.md, docs/rules.md, the tables of "
        "docs/plan-format.md and docs/guide.zh-Hant.md.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list stale files and exit 1 if there are any")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the repository root (default: the current directory)")
    args = parser.parse_args(argv)
    root: Path = args.root
    try:
        paths = stale(root) if args.check else write(root)
    except DocgenError as exc:
        sys.stderr.write(f"docgen: {exc}\n")
        return 2
    for path in paths:
        shown = path.relative_to(root).as_posix()
        sys.stdout.write(f"stale: {shown}\n" if args.check else f"wrote {shown}\n")
    if args.check and paths:
        sys.stdout.write(f"regenerate with: {REGENERATE}\n")
        return 1
    return 0
