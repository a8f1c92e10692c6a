"""The media of `suizhou check --format`: text, json, markdown (the bulletin, 通報), docx (the
bulletin as a Word document) and github, each laying out one `check_text.CheckView`.

Imported with the command, before it knows whether the plan's stored result will do: so the
renderers, and the plan loader and the office libraries they bring, are imported only when
one is called."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, TextIO

from suizhou_plan.i18n import Msg
from suizhou_plan.render.formats import Medium, Registry

if TYPE_CHECKING:
    from suizhou_plan.render.check_text import CheckView
    from suizhou_plan.views.bulletin import Bulletin


class Shows(Enum):
    """How much of the bulletin (`views.bulletin`) a medium shows, and so has worked out."""

    NOTHING = "nothing"  # the boards and the findings only
    OVERVIEW = "overview"  # and the bulletin's overall picture in sentences, no unit table
    BULLETIN = "bulletin"  # the whole bulletin, each item with its record


class CheckMedium(Medium["CheckView"]):
    """A medium of `check`: besides the record every medium has, how much of the bulletin it
    shows, whether its output may be stored for the next check of the unchanged plan
    (`ops.check_cache`), and how it is drawn in a colour terminal, if otherwise."""

    __slots__ = ("cached", "shows", "terminal")

    def __init__(self, *, name: str, extension: str, render: Callable[[CheckView], str | bytes],
                 binary: bool = False, needs_out: Msg | None = None, to_file: bool = False,
                 takes_template: bool = False, shows: Shows = Shows.NOTHING,
                 cached: bool = False,
                 terminal: Callable[[CheckView, TextIO], None] | None = None) -> None:
        super().__init__(name=name, extension=extension, render=render, binary=binary,
                         needs_out=needs_out, to_file=to_file, takes_template=takes_template)
        self.shows = shows
        self.cached = cached
        self.terminal = terminal


def _bulletin(view: CheckView) -> Bulletin:
    """The bulletin of a medium that shows it: the command refuses such a medium before
    rendering when the plan cannot be read into one."""
    assert view.bulletin is not None, "a medium that shows the bulletin was given none"
    return view.bulletin


def _text(view: CheckView) -> str:
    # lazy: the renderers import the plan loader, which a stored check prints without
    from suizhou_plan.render import check_text

    return check_text.render(view)


def _terminal(view: CheckView, stream: TextIO) -> None:
    # lazy: rich costs tens of milliseconds of start-up and only a colour terminal needs it
    from suizhou_plan.render import check_rich

    check_rich.render(view, stream, color=True)


def _json(view: CheckView) -> str:
    # lazy: the renderers import the plan loader, which a stored check prints without
    from suizhou_plan.render import machine

    return machine.check_json(view)


def _github(view: CheckView) -> str:
    # lazy: the renderers import the plan loader, which a stored check prints without
    from suizhou_plan.render import machine

    return machine.github(view.findings)


def _markdown(view: CheckView) -> str:
    # lazy: only --format markdown lays the bulletin out in Markdown
    from suizhou_plan.render import bulletin_markdown

    return bulletin_markdown.render(_bulletin(view), view.lang)


def _docx(view: CheckView) -> bytes:
    # lazy: python-docx and lxml cost about 100 ms of start-up and only --format docx needs them
    from suizhou_plan.render import bulletin_docx

    return bulletin_docx.render(_bulletin(view), view.lang, view.template, view.issuer)


CHECK: Registry[CheckMedium] = Registry([
    CheckMedium(name="text", extension="txt", render=_text, terminal=_terminal,
                shows=Shows.OVERVIEW, cached=True),
    CheckMedium(name="json", extension="json", render=_json, cached=True),
    CheckMedium(name="markdown", extension="md", render=_markdown, to_file=True,
                shows=Shows.BULLETIN),
    CheckMedium(name="docx", extension="docx", render=_docx, binary=True, to_file=True,
                needs_out=Msg("a Word document goes to a file: add --out 通報.docx"),
                takes_template=True, shows=Shows.BULLETIN),
    CheckMedium(name="github", extension="txt", render=_github, cached=True),
])
