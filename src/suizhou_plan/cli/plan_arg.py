"""The plan a command answers on: the `--plan` directory opened (`ops.open_plan`), or exit 1
with the errors that stop it on stderr, each with the line it quotes and its hint, then one
line saying what to do.  Every command that reads a plan to answer on it goes through here,
so a plan is refused, and the refusal shown, one way."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from suizhou_plan.cli.options import default_lang, resolve_plan
from suizhou_plan.i18n import localise

if TYPE_CHECKING:
    from suizhou_plan.ops.open_plan import OpenPlan, PlanRefused
    from suizhou_plan.views.index import PlanIndex


def plan_index(plan_dir: str | None, lang: str | None) -> PlanIndex:
    """The indexed plan of `--plan`, or exit 1 with the errors that stop it, in `lang` (else
    the locale's language, else the plan's)."""
    path, _ = resolve_plan(plan_dir)
    return open_or_exit(path, lang).index


def open_or_exit(path: Path, lang: str | None, *, as_of: date | None = None,
                 verdict: str | None = None) -> OpenPlan:
    """The plan in `path` (checked with the dated rules too when `as_of` is given), or exit 1
    with the errors that stop it and `verdict` (default: the plan cannot be loaded, fix it
    first) after them."""
    # lazy: the loader, the rules and pydantic (+170 ms), which --help and usage errors skip
    from suizhou_plan.ops.open_plan import PlanRefused, open_plan

    try:
        return open_plan(path, as_of=as_of)
    except PlanRefused as exc:
        _refused(exc, lang, verdict)


def _refused(exc: PlanRefused, lang: str | None, verdict: str | None) -> NoReturn:
    # lazy: the findings' renderer (and the YAML loader under it) only a refusal needs
    from suizhou_plan.render import findings_text

    said = lang or default_lang(exc.plan_lang)
    sys.stderr.write("\n".join(findings_text.render(exc.findings, exc.files, lang=said)) + "\n"
                     + localise(verdict or exc.message, said) + "\n")
    sys.exit(1)
