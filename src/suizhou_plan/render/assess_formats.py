"""The media of `suizhou assess --format`: text, csv, json and xlsx (a workbook), each laying
out one `Assessed` (the assessment and the language to show it in).

Imported with the command (the registry is its `--format` choice, and the extensions say
which medium an `--out` file asks for), so the renderer, which brings the plan's model and
pydantic, is imported only when a medium is called: `assess --help` does without it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from suizhou_plan.i18n import Msg
from suizhou_plan.render.formats import Medium, Registry

if TYPE_CHECKING:
    from suizhou_plan.views.assessment import Assessment


class Assessed(NamedTuple):
    """What a medium of `assess` lays out."""

    assessment: Assessment
    lang: str


def _text(shown: Assessed) -> str:
    # lazy: the renderer brings the plan's model (pydantic); `assess --help` does without
    from suizhou_plan.render import assessment_render

    return assessment_render.text(shown.lang, shown.assessment)


def _csv(shown: Assessed) -> bytes:
    # lazy: the renderer brings the plan's model (pydantic); `assess --help` does without
    from suizhou_plan.render import assessment_render

    return assessment_render.csv_bytes(shown.lang, shown.assessment)


def _json(shown: Assessed) -> str:
    # lazy: the renderer brings the plan's model (pydantic); `assess --help` does without
    from suizhou_plan.render import assessment_render

    return assessment_render.json_text(shown.assessment)


def _workbook(shown: Assessed) -> bytes:
    # lazy: the renderer brings the plan's model (pydantic); `assess --help` does without
    from suizhou_plan.render import assessment_render

    return assessment_render.workbook(shown.lang, shown.assessment)


ASSESS: Registry[Medium[Assessed]] = Registry([
    Medium(name="text", extension="txt", render=_text, to_file=True),
    Medium(name="csv", extension="csv", render=_csv, to_file=True),
    Medium(name="json", extension="json", render=_json, to_file=True),
    Medium(name="xlsx", extension="xlsx", render=_workbook, binary=True, to_file=True,
           needs_out=Msg("--format xlsx writes a workbook: add --out FILE.xlsx")),
])
