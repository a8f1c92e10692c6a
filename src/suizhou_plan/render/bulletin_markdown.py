"""The bulletin (進展情況通報) in Markdown: the blocks of `bulletin_text` laid out as
headings, paragraphs and pipe tables, and the whole page put in the output's script, plan
text included."""

from __future__ import annotations

from suizhou_plan.base.escapes import markdown_text
from suizhou_plan.i18n import official
from suizhou_plan.render.bulletin_text import blocks
from suizhou_plan.render.official_docx import Block
from suizhou_plan.views.bulletin import Bulletin

MARK = {"title": "# ", "heading": "## ", "subheading": "### "}


def _table(block: Block) -> list[str]:
    out = ["| " + " | ".join(block.header) + " |", "|" + "---|" * len(block.header)]
    out += ["| " + " | ".join(markdown_text(c.text) for c in row) + " |" for row in block.rows]
    return out


def render(b: Bulletin, lang: str) -> str:
    out: list[str] = []
    for block in blocks(b, lang):
        if block.kind == "table":
            out += [*_table(block), ""]
        else:
            out += [MARK.get(block.kind, "") + markdown_text(block.text), ""]
    return official(lang, "\n".join(out))
