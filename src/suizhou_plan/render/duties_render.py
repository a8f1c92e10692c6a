"""Duty lists in the media of text: text, markdown (A4), csv (Excel: UTF-8 with BOM), html
(one self-contained file with print CSS, no external assets) and json; each one list or
several, and the index of `duties --all --out DIR` in each.  The rows come from `duty_rows`:
nothing is counted, dated or worded here, only laid out."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence

from suizhou_plan.base.escapes import markdown_text, spreadsheet_cell, visible, visible_lines
from suizhou_plan.base.textwidth import table, truncate
from suizhou_plan.i18n import aside, in_script, official, t
from suizhou_plan.render.duty_rows import DutyRow, DutyTable, DutyTables, PhaseRows
from suizhou_plan.render.machine import SCHEMA_VERSION, dumps
from suizhou_plan.views.duties import others_on
from suizhou_plan.words.sheet_words import words

COLUMN_KEYS = ("id", "item", "kind", "role", "via", "section", "linked", "due", "status",
               "light", "others", "latest")  # every column: the CSV's
TEXT_COLUMNS = ("light", "id", "item", "role", "due", "status", "via")
PAGE_COLUMNS = ("id", "item", "role", "via", "due", "status", "light", "others", "latest")


def _cells(row: DutyRow, *, short: bool = False) -> dict[str, str]:
    """A row's cells by column; `short`: the title cut to fit a terminal's line."""
    return {"id": row.item, "item": truncate(visible(row.title), 36) if short else row.title,
            "kind": row.kind, "role": row.role, "via": row.via, "section": row.section,
            "linked": row.linked, "due": row.due_and_late, "status": row.status,
            "light": row.light_word, "others": row.others, "latest": row.record}


def _header(keys: Sequence[str], lang: str) -> list[str]:
    w = words(lang)
    return [w[k] for k in keys]


def heading(duties: DutyTable) -> list[str]:
    """The list's title, and its counts (with the unit's lineage when renamed)."""
    return [duties.title(), duties.counts + duties.renamed]


def _phase_title(phase: PhaseRows, lang: str) -> str:
    if phase.number is None:
        return "—"
    return aside(lang, phase.name, phase.span)


def _none(lang: str) -> str:
    return t(lang, "(none)")


def _text(duties: DutyTable) -> str:
    lang = duties.lang
    lines = [*heading(duties), ""]
    for phase in duties.phases:
        lines.append(_phase_title(phase, lang))
        rows = [_header(TEXT_COLUMNS, lang)]
        rows += [[cells[k] for k in TEXT_COLUMNS]
                 for cells in (_cells(row, short=True) for row in phase.rows)]
        lines += [*table(rows), ""]
    if not duties.rows:
        lines.append(_none(lang))
    return in_script(lang, visible_lines("\n".join(lines).rstrip())) + "\n"


def text(lists: DutyTables) -> str:
    """The lists as plain text, aligned by display width (a terminal, a printout)."""
    return "\n".join(_text(duties) for duties in lists)


def _markdown(duties: DutyTable) -> str:
    lang = duties.lang
    head = heading(duties)
    out = [f"# {markdown_text(head[0])}", "", head[1], ""]
    for phase in duties.phases:
        out += [f"## {_phase_title(phase, lang)}", "",
                "| " + " | ".join(_header(PAGE_COLUMNS, lang)) + " |",
                "|" + "---|" * len(PAGE_COLUMNS)]
        out += ["| " + " | ".join(markdown_text(cells[k]) for k in PAGE_COLUMNS) + " |"
                for cells in (_cells(row) for row in phase.rows)]
        out.append("")
    if not duties.rows:
        out.append(f"_{_none(lang)}_")
    return official(lang, "\n".join(out).rstrip()) + "\n"


def markdown(lists: DutyTables) -> str:
    """The lists in Markdown, a table per phase."""
    return "\n".join(_markdown(duties) for duties in lists)


def csv_text(lists: DutyTables) -> str:
    """One row per duty; the medium adds the BOM that makes Excel read UTF-8."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w = words(lists.lang)
    writer.writerow([w["unit_id"], w["unit"], *_header(COLUMN_KEYS, lists.lang)])
    for duties in lists:
        for row in duties.rows:
            cells = _cells(row)
            writer.writerow(_csv_row([duties.agency.id, duties.agency.name,
                                      *(cells[k] for k in COLUMN_KEYS)]))
    return in_script(lists.lang, buf.getvalue())


def _csv_row(cells: Sequence[object]) -> list[str]:
    """Every cell neutralised for a spreadsheet (`escapes.spreadsheet_cell`)."""
    return [spreadsheet_cell(str(cell)) for cell in cells]


CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;
color:#111}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.4em}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top}
th{background:#eee}.red{color:#b00020;font-weight:bold}.yellow{color:#8a6d00}
.green{color:#1b5e20}.grey{color:#555}
@media print{@page{size:A4;margin:12mm}body{margin:0}tr{page-break-inside:avoid}
a{color:inherit;text-decoration:none}}
"""


def _html(duties: DutyTable) -> str:
    esc = html.escape
    lang = duties.lang
    head = heading(duties)
    parts = ["<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
             f"<title>{esc(head[0])}</title><style>{CSS}</style></head><body>",
             f"<h1>{esc(head[0])}</h1><p>{esc(head[1])}</p>"]
    for phase in duties.phases:
        parts.append(f"<h2>{esc(_phase_title(phase, lang))}</h2><table><thead><tr>")
        parts += [f"<th>{esc(h)}</th>" for h in _header(PAGE_COLUMNS, lang)]
        parts.append("</tr></thead><tbody>")
        for row in phase.rows:
            cells = _cells(row)
            parts.append("<tr>" + "".join(
                f'<td class="{row.light.value}">{esc(cells[k])}</td>' if k == "light"
                else f"<td>{esc(cells[k])}</td>" for k in PAGE_COLUMNS) + "</tr>")
        parts.append("</tbody></table>")
    if not duties.rows:
        parts.append(f"<p>{esc(_none(lang))}</p>")
    parts.append("</body></html>")
    return official(lang, "\n".join(parts)) + "\n"


def html_page(lists: DutyTables) -> str:
    """The lists as HTML pages, one after the other."""
    return "".join(_html(duties) for duties in lists)


def json_text(lists: DutyTables) -> str:
    """The lists as JSON, ids and values rather than words (a versioned contract)."""
    dls = [duties.duties for duties in lists]
    as_of = dls[0].as_of.isoformat() if dls else None
    return dumps({
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of,
        "agencies": [
            {
                "id": dl.agency.id,
                "name": dl.agency.name,
                "counts": dl.counts(),
                "duties": [
                    {
                        "item": d.item.id,
                        "title": d.item.title,
                        "kind": d.item.kind,
                        "role": d.role,
                        "via": d.via.id if d.via else None,
                        "via_kind": d.via_kind,
                        "section": d.item.section,
                        "due": d.item.due.isoformat(),
                        "status": d.item.status,
                        "light": d.light.value,
                        "phases": d.phases,
                        "milestones": d.item.linked if d.item.kind in ("task", "safeguard")
                        else [],
                        "others": [a.id for a in others_on(d, dl.agency)],
                    }
                    for d in dl.duties
                ],
            }
            for dl in dls
        ],
    })


def _index_rows(lists: DutyTables) -> list[tuple[str, DutyTable, dict[str, int]]]:
    return [(name, duties, duties.duties.counts())
            for name, duties in zip(lists.files, lists.tables, strict=True)]


_URL_QUOTED = {ord(c): f"%{ord(c):02X}" for c in "% #?()"}


def _href(name: str) -> str:
    """A file name as a relative link: the characters that would end or cut a link quoted,
    the unit's name (Chinese included) left readable."""
    return name.translate(_URL_QUOTED)


def json_index(lists: DutyTables) -> str:
    """The index of `duties --all --out`: one entry per unit with its counts and file."""
    return dumps({"schema_version": SCHEMA_VERSION,
                  "as_of": lists.tables[0].as_of.isoformat() if lists.tables else None,
                  "agencies": [{"id": d.agency.id, "name": d.agency.name, "file": n,
                                "counts": c} for n, d, c in _index_rows(lists)]})


def _count_headings(lang: str) -> list[str]:
    return _header(("lead_count", "support_count", "open_count", "overdue_count"), lang)


def csv_index(lists: DutyTables) -> str:
    """The index of `duties --all --out`: one row per unit with its file and counts."""
    w = words(lists.lang)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([w["unit_id"], w["unit"], w["file"], *_count_headings(lists.lang)])
    for n, d, c in _index_rows(lists):
        writer.writerow(_csv_row([d.agency.id, d.agency.name, n, c["lead"], c["support"],
                                  c["open"], c["overdue"]]))
    return in_script(lists.lang, buf.getvalue())


def html_index(lists: DutyTables) -> str:
    """The index of `duties --all --out`: a page linking to every unit's page."""
    esc = html.escape
    lang = lists.lang
    w = words(lang)
    title = w["index_title"]
    body = "".join(
        f'<tr><td><a href="{esc(_href(n))}">{esc(d.agency.name)}</a></td><td>{c["lead"]}</td>'
        f'<td>{c["support"]}</td><td>{c["open"]}</td><td>{c["overdue"]}</td></tr>'
        for n, d, c in _index_rows(lists))
    head = "".join(f"<th>{esc(h)}</th>" for h in (w["unit"], *_count_headings(lang)))
    return in_script(lang, f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta '
                           f'charset="utf-8"><title>{esc(title)}</title><style>{CSS}'
                           f"</style></head><body><h1>{esc(title)}</h1><table><thead><tr>"
                           f"{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n")


def markdown_index(lists: DutyTables) -> str:
    """The index of `duties --all --out`: a table linking to every unit's list."""
    w = words(lists.lang)
    header = [w["unit"], w["file"], *_count_headings(lists.lang)]
    out = [f"# {w['index_title']}", "", "| " + " | ".join(header) + " |", "|" + "---|" * 6]
    out += [f"| [{markdown_text(d.agency.name)}]({_href(n)}) | {markdown_text(n)} | "
            f"{c['lead']} | {c['support']} | {c['open']} | {c['overdue']} |"
            for n, d, c in _index_rows(lists)]
    return in_script(lists.lang, "\n".join(out) + "\n")


def text_index(lists: DutyTables) -> str:
    """The index of `duties --all --out`: one aligned line per unit."""
    w = words(lists.lang)
    lines = [[w["unit"], w["file"], *_count_headings(lists.lang)]]
    lines += [[d.agency.name, n, str(c["lead"]), str(c["support"]), str(c["open"]),
               str(c["overdue"])] for n, d, c in _index_rows(lists)]
    return in_script(lists.lang, "\n".join(table(lines, indent="")) + "\n")  # table() escapes
