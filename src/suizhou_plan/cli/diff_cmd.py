"""`suizhou diff`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suizhou_plan.cli.options import default_lang, lang_option, plan_option, resolve_plan
from suizhou_plan.i18n import Msg, t

if TYPE_CHECKING:
    from suizhou_plan.views.index import PlanIndex


def index_of(spec: str, plan_dir: Path) -> tuple[PlanIndex, str]:
    """Load side `spec` (a directory or a git revision of the plan directory), or exit."""
    # lazy: the loader, the rules and pydantic, which --help does without
    from suizhou_plan.load.plan_source import SourceError, materialise
    from suizhou_plan.ops.open_plan import PlanRefused, open_plan

    try:
        with materialise(spec, plan_dir) as (directory, label):
            try:
                return open_plan(directory).index, label
            except PlanRefused:
                lang = default_lang()
                sys.stderr.write(t(lang, "{label}: the plan cannot be read; run `suizhou "
                                         "validate` on it", label=label) + "\n")
                sys.exit(1)
    except SourceError as exc:
        raise click.UsageError(Msg(
            "{spec} is neither a plan directory nor a git revision of {plan} ({why}); type a "
            "directory, or a revision such as HEAD~1 or main", spec=repr(spec),
            plan=str(plan_dir), why=str(exc))) from None


@click.command("diff")
@click.argument("old")
@click.argument("new", required=False, default=None)
@plan_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True, help="markdown suits a pull-request comment.")
@lang_option
def command(old: str, new: str | None, plan_dir: str | None, fmt: str,
            lang: str | None) -> None:
    """What changed between two plans, in the plan's terms (not a text diff).

    OLD and NEW are plan directories or git revisions of the plan directory (HEAD~1, main);
    NEW defaults to the plan directory as it is.  Shows items added or removed, units
    added, removed or reordered (a change of lead called out), due dates moved (slipped,
    with days), status changes, and agencies added, removed or renamed.
    """
    # lazy: not loaded for --help or a usage error (+573 ms: pydantic, yaml)
    from suizhou_plan.render import diff_render
    from suizhou_plan.views.plan_diff import diff_plans
    path, _ = resolve_plan(plan_dir)
    old_index, old_label = index_of(old, path)
    new_index, new_label = index_of(new, path) if new else index_of(str(path), path)
    changes = diff_plans(old_index, new_index)
    lang = lang or default_lang(new_index.tasks_file.supervision.lang)
    sys.stdout.write(diff_render.render(fmt, changes, old_label, new_label, lang))
