"""`suizhou check` in a terminal: the same view as `check_text`, drawn with rich tables
(rich measures CJK width itself).  Imported only when stdout is a terminal."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from suizhou_plan.base.escapes import visible
from suizhou_plan.i18n import colon, counted, in_script
from suizhou_plan.model.status import Light
from suizhou_plan.render import findings_text
from suizhou_plan.render.check_text import (
    CheckView,
    header_tail,
    phase_heading,
    row_cells,
    summary_text,
)
from suizhou_plan.words.labels import words

STYLE = {Light.RED: "bold red", Light.YELLOW: "yellow", Light.GREEN: "green", Light.GREY: "dim"}


def _plain(text: str, style: str = "") -> Text:
    """Plan text as rich shows it: never read as markup (`[link=…]`) or emoji codes, and its
    control characters escaped."""
    return Text(visible(text), style=style)


def render(view: CheckView, stream: TextIO, *, color: bool) -> None:
    console = Console(file=stream, no_color=not color, highlight=False, soft_wrap=False)

    def plain(text: str, style: str = "") -> Text:
        return _plain(in_script(view.lang, text), style)

    w = words(view.lang)
    console.print(Text.assemble(plain(view.title, "bold"), plain(header_tail(view))))
    if view.overview:
        console.print(plain(view.overview))
    for board in view.boards:
        table = Table(title=plain(phase_heading(board, view)), title_justify="left",
                      show_lines=False, expand=False)
        for col in (w["light"], w["id"], w["item"], w["lead"], w["due"], w["status"], w["late"]):
            table.add_column(col, overflow="fold")
        for row in board.rows:
            table.add_row(*(plain(cell) for cell in row_cells(row, view)),
                          style=STYLE[row.light])
        console.print(table)
    console.print(plain(counted(view.lang, w["plan_wide"], len(view.plan_wide)), "bold"))
    for line in findings_text.render(view.plan_wide, view.files, source=False,
                                     lang=view.lang):
        console.print(plain("  " + line))
    console.print(Text.assemble(plain(w["summary"] + colon(view.lang), "bold"),
                                plain(summary_text(view))))
