"""The media of `suizhou duties --format`: text, markdown, csv, html, json, xlsx (a workbook)
and docx (a Word document), each laying out `duty_rows.DutyTables`, and the one rule that
names the files of `duties --all --out DIR` (`file_names`).

Imported with the command (the registry is its `--format` choice), so the renderers, which
bring the plan's model and pydantic, are imported only when one is called: `duties --help`
and a usage error do without them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from suizhou_plan.base import file_names as safe_names
from suizhou_plan.i18n import Msg, in_script
from suizhou_plan.render.formats import Medium, Registry

if TYPE_CHECKING:
    from suizhou_plan.render.duty_rows import DutyTables

INDEX = "index"  # the index of `duties --all --out` in a medium of text, without its extension


class Index(NamedTuple):
    """The file `duties --all --out DIR` writes beside the units' files: its name (without
    the extension) in a language, and how it is laid out from the lists and their files."""

    name: Callable[[str], str]
    render: Callable[[DutyTables], str | bytes]


class DutyMedium(Medium["DutyTables"]):
    """A medium of `duties`: besides the record every medium has, the index it writes beside
    the units' files with `--all` (None: none, as a Word document cannot link to others)."""

    __slots__ = ("index",)

    def __init__(self, *, name: str, extension: str,
                 render: Callable[[DutyTables], str | bytes], binary: bool = False,
                 needs_out: Msg | None = None, to_file: bool = False, bom: bool = False,
                 index: Index | None = None) -> None:
        super().__init__(name=name, extension=extension, render=render, binary=binary,
                         needs_out=needs_out, to_file=to_file, bom=bom)
        self.index = index


def file_names(medium: DutyMedium, lists: DutyTables) -> tuple[list[str], str | None]:
    """The files of `duties --all --out DIR` in `medium`: one per unit, in order, named by the
    unit's name in the output's script (`广水市人民政府.md`: the name a clerk looks for), made
    safe on every disk and distinct (`base.file_names`); and the index's, which no unit's
    file takes (a unit called `index` gets `index-2.md`)."""
    index = (f"{medium.index.name(lists.lang)}.{medium.extension}" if medium.index is not None
             else None)
    names = safe_names.file_names([in_script(lists.lang, duties.agency.name)
                                   for duties in lists], medium.extension,
                                  reserved=[index] if index is not None else [])
    return names, index


def _index_name(lang: str) -> str:
    return INDEX


def _summary_name(lang: str) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.words.sheet_words import words

    return words(lang)["summary_file"]


def _text(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.text(lists)


def _text_index(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.text_index(lists)


def _markdown(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.markdown(lists)


def _markdown_index(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.markdown_index(lists)


def _csv(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.csv_text(lists)


def _csv_index(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.csv_index(lists)


def _html(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.html_page(lists)


def _html_index(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.html_index(lists)


def _json(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.json_text(lists)


def _json_index(lists: DutyTables) -> str:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render import duties_render

    return duties_render.json_index(lists)


def _workbook(lists: DutyTables) -> bytes:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render.duties_xlsx import workbook

    return workbook(lists)


def _summary(lists: DutyTables) -> bytes:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render.duties_xlsx import workbook

    return workbook(lists, overview=True)


def _document(lists: DutyTables) -> bytes:
    # lazy: the renderers bring the plan's model (pydantic); `duties --help` does without
    from suizhou_plan.render.duties_docx import render

    return render(lists)


DUTIES: Registry[DutyMedium] = Registry([
    DutyMedium(name="text", extension="txt", render=_text, index=Index(_index_name, _text_index)),
    DutyMedium(name="markdown", extension="md", render=_markdown,
               index=Index(_index_name, _markdown_index)),
    DutyMedium(name="csv", extension="csv", render=_csv, bom=True,
               index=Index(_index_name, _csv_index)),
    DutyMedium(name="html", extension="html", render=_html,
               index=Index(_index_name, _html_index)),
    DutyMedium(name="json", extension="json", render=_json,
               index=Index(_index_name, _json_index)),
    DutyMedium(name="xlsx", extension="xlsx", render=_workbook, binary=True, to_file=True,
               needs_out=Msg("--format xlsx writes a workbook: add --out FILE.xlsx (or "
                             "--all --out DIR)"),
               index=Index(_summary_name, _summary)),
    DutyMedium(name="docx", extension="docx", render=_document, binary=True, to_file=True,
               needs_out=Msg("--format docx writes a Word document: add --out FILE.docx "
                             "(or --all --out DIR for one document per unit)")),
])
