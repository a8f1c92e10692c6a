"""The bulletin (進展情況通報) as a Word document in the official layout (GB/T 9704): the
blocks of `bulletin_text`, laid out by `official_docx`, in the output's script."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from suizhou_plan.i18n import in_script, official, t
from suizhou_plan.render import official_docx
from suizhou_plan.render.bulletin_text import blocks, title_of
from suizhou_plan.render.official_docx import Block, Cell
from suizhou_plan.views.bulletin import Bulletin

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template


def _in_script(block: Block, lang: str) -> Block:
    return replace(block, text=official(lang, block.text),
                   header=[official(lang, h) for h in block.header],
                   rows=[[Cell(official(lang, c.text), c.numeric) for c in row]
                         for row in block.rows])


def render(bulletin: Bulletin, lang: str, template: Template | None = None,
           plan_issuer: str | None = None) -> bytes:
    """The Word bulletin; its author is the office that signs it (else `plan_issuer`), its
    dates the as-of date."""
    office = t(lang, "{group} Office", group=bulletin.issuer) if bulletin.issuer else plan_issuer
    return official_docx.render([_in_script(b, lang) for b in blocks(bulletin, lang)],
                                title=in_script(lang, title_of(bulletin, lang)),
                                template=template,
                                author=official(lang, office) if office else None,
                                dated=bulletin.as_of)
