"""A Word document in the layout of Chinese official documents (GB/T 9704-2012), shared by
the bulletin (通報) and the duty lists.

A4, margins that leave the 156 × 225 mm text block (top 37 mm, left 28 mm), 22 lines of
28 characters; the title in a 小標宋 face at 二號 (22 pt), the body in 仿宋 at 三號 (16 pt),
headings 一、 in 黑體 and （一） in 楷體; page numbers 「— 1 —」 in 宋體 四號, on the
outer side.  The government fonts are named first: Word and WPS on an office PC have them;
elsewhere the font table names a common face as the alternative (`w:altName`), and
LibreOffice falls back to an installed CJK face (Noto).

All of this is set on named styles, not on each run, so an office can bring its own look:
`--template FILE.docx` supplies the styles (and its header, e.g. a letterhead), as pandoc's
`--reference-doc` does, and nothing here overrides them.  A template is read only as
`docx_template` has made it safe (no macros, no fields that run or fetch, nothing outside
the file); python-docx's own template goes through the same sieve.

The document's properties are its own: its title, its author (the issuing office), the date
it speaks for as created and modified, and nothing left over from a template (python-docx's
say "python-docx", 2013, "Microsoft Macintosh Word")."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from suizhou_plan.base.escapes import visible_lines

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# What Word uses when the government face is missing (the font table's w:altName).
ALTERNATIVES = {TITLE_FONT: "SimSun", BODY_FONT: "FangSong", HEADING_FONT: "SimHei",
                SUBHEADING_FONT: "KaiTi", NUMBER_FONT: "SimSun"}
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, and whether it is a number or a date (set right)."""

    text: str
    numeric: bool = False


@dataclass(frozen=True)
class Block:
    """One piece of an official document, in reading order."""

    kind: str  # title | subtitle | addressee | heading | subheading | para | table | ...
    text: str = ""
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Cell]] = ()
    widths: Sequence[float] = ()  # table column shares (sum 1)


def _set_fonts(style_or_run: Any, east_asian: str, size_pt: float | None = None,
               bold: bool | None = None) -> None:
    # lazy: only _set_fonts() needs it (+80 ms: docx, lxml)
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = LATIN_FONT
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(document: Any, name: str, base: str | None = None) -> Any:
    """The paragraph style `name`, made (based on `base`) when missing.  A template's style
    of that name that is not a paragraph style (a table style called "Title") is replaced."""
    # lazy: only _style() needs it (+39 ms: docx, lxml)
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        pass
    else:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            return style
        style.delete()
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = _style(document, base)
    return style


def _official_styles(document: Any) -> None:
    """GB/T 9704 on the named styles of the default template."""
    # lazy: only _official_styles() needs it (+98 ms: docx, lxml)
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    def paragraph(style: Any, *, align: Any = None, indent: bool = False) -> None:
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH_PT)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(32) if indent else Pt(0)
        if align is not None:
            fmt.alignment = align

    normal = document.styles["Normal"]
    _set_fonts(normal, BODY_FONT, 16, False)
    paragraph(normal, indent=True)
    for name, font, size, align in (
        ("Title", TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER),
        ("Subtitle", SUBHEADING_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER),
        ("Heading 1", HEADING_FONT, 16, None),
        ("Heading 2", SUBHEADING_FONT, 16, None),
        ("Signature", BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT),
        ("Salutation", BODY_FONT, 16, None),
        ("Table Text", BODY_FONT, 12, None),
    ):
        style = _style(document, name, "Normal")
        _set_fonts(style, font, size, False)
        paragraph(style, align=align, indent=name in ("Heading 1", "Heading 2"))
        style.font.color.rgb = None
        style.font.italic = False
        _no_border(style)
    title = document.styles["Title"]
    title.paragraph_format.space_after = Pt(LINE_PITCH_PT)
    for name in ("Heading 1", "Heading 2"):
        document.styles[name].paragraph_format.keep_with_next = True
    table_text = document.styles["Table Text"]
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table_text.paragraph_format.first_line_indent = Pt(0)
    signature = document.styles["Signature"]
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = Pt(64)  # 空四字


def _no_border(style: Any) -> None:
    """The default template underlines its title with a blue rule; an official one has none."""
    # lazy: only _no_border() needs it (+40 ms: docx, lxml)
    from docx.oxml.ns import qn

    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _page(document: Any) -> None:
    # lazy: only _page() needs it (+80 ms: docx, lxml)
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)


def _page_number(paragraph: Any, align: Any) -> None:
    """「— PAGE —」 in 宋體 四號."""
    # lazy: only _page_number() needs it (+80 ms: docx, lxml)
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.paragraph_format.alignment = align
    paragraph.paragraph_format.first_line_indent = 0

    def run(text: str = "") -> Any:
        r = paragraph.add_run(text)
        _set_fonts(r, NUMBER_FONT, 14)
        return r

    run("— ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        r = run()
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        r._r.append(element)
    run(" —")


def _page_numbers(document: Any) -> None:
    """Odd pages on the right, even pages on the left (單頁碼居右，雙頁碼居左)."""
    # lazy: only _page_numbers() needs it (+58 ms: docx, lxml)
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        _page_number(paragraph, align)


def _font_alternatives(document: Any) -> None:
    """Name a common face for each government font in the font table (`w:altName`)."""
    # lazy: only _font_alternatives() needs it (+80 ms: docx, lxml)
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    try:
        part = document.part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    # lazy: only _font_alternatives() needs it (+0 ms: lxml)
    from lxml import etree

    root = etree.fromstring(part.blob)
    present = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alternative in ALTERNATIVES.items():
        if name in present:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), alternative)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _repeat_header(row: Any) -> None:
    # lazy: only _repeat_header() needs it (+80 ms: docx, lxml)
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    trpr.append(cant_split)


def _table(document: Any, block: Block, table_text: str) -> None:
    # lazy: only _table() needs it (+138 ms: docx, lxml)
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    columns = len(block.header)
    table = document.add_table(rows=1, cols=columns)
    # A template without it, or whose "Table Grid" is no table style, keeps Word's default.
    with contextlib.suppress(KeyError, ValueError):
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    text_block = Mm(156)
    shares = list(block.widths) or [1 / columns] * columns
    widths = [int(text_block * share) for share in shares]

    def fill(cell: Any, text: str, *, bold: bool = False, numeric: bool = False,
             width: int) -> None:
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = table_text
        if numeric:
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(visible_lines(text))
        if bold:
            run.bold = True

    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, block.header, widths, strict=True):
        fill(cell, text, bold=True, width=width)
    for values in block.rows:
        row = table.add_row()
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            fill(cell, value.text, numeric=value.numeric, width=width)
    document.add_paragraph("")._p.style = table_text


def _properties(document: Any, *, title: str, author: str | None,
                dated: date | None) -> None:
    """Title, author (also the last to modify it) and the date the document speaks for as
    created and modified (midnight UTC: the same calendar day in China); every other
    property removed, whatever the template had."""
    properties = document.core_properties
    element = properties._element
    for child in list(element):
        element.remove(child)
    properties.title = title
    if author:
        properties.author = author
        properties.last_modified_by = author
    if dated is not None:
        midnight = datetime(dated.year, dated.month, dated.day)
        properties.created = midnight
        properties.modified = midnight


def render(blocks: Iterable[Block], *, title: str, template: Template | None = None,
           author: str | None = None, dated: date | None = None) -> bytes:
    """The .docx bytes of `blocks`.  With `template` (made safe by `docx_template`), its
    styles and headers are used as they are.  `author` is the issuing office and `dated` the
    date the document speaks for (the as-of date); without them the document has no author
    or dates, never the clock's or a template's."""
    # lazy: only render() needs it (+75 ms: docx, lxml)
    import docx

    from suizhou_plan.render.docx_template import default_template

    source = template if template is not None else default_template()
    document = docx.Document(io.BytesIO(source.data))
    if template is None:
        _official_styles(document)
        _page(document)
        _page_numbers(document)
        _font_alternatives(document)
    else:
        _style(document, "Normal")
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Signature", "Salutation",
                     "Table Text"):
            _style(document, name, "Normal")
    _properties(document, title=visible_lines(title).replace("\n", " "),
                author=visible_lines(author).replace("\n", " ") if author else None,
                dated=dated)
    # Each style's id, looked up once: python-docx resolves a style object per paragraph by
    # walking every style of the document (a template may bring two thousand).
    names = {"title": "Title", "subtitle": "Subtitle", "heading": "Heading 1",
             "subheading": "Heading 2", "para": "Normal", "signature": "Signature",
             "plain": "Table Text", "addressee": "Salutation"}
    ids = {kind: document.styles[name].style_id for kind, name in names.items()}
    for block in blocks:
        if block.kind == "table":
            _table(document, block, ids["plain"])
        elif block.kind == "pagebreak":
            document.add_page_break()  # type: ignore[no-untyped-call]  # python-docx
        else:
            document.add_paragraph(visible_lines(block.text))._p.style = ids[block.kind]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
