"""Duty lists in every format: text, markdown (A4), csv (Excel: UTF-8 with BOM), html
(one self-contained file with print CSS, no external assets) and json."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Sequence
from datetime import date

from suizhou_plan.base.escapes import markdown_text, spreadsheet_cell, visible, visible_lines
from suizhou_plan.base.textwidth import table, truncate
from suizhou_plan.i18n import day, in_script, is_chinese, official, phase_name, span, t
from suizhou_plan.render.machine import SCHEMA_VERSION, dumps
from suizhou_plan.render.record_text import record_words
from suizhou_plan.views.duties import Duty, DutyList, others_on
from suizhou_plan.words.labels import due_words, light_label, status_label
from suizhou_plan.words.sheet_words import kind_word, role_word, via_word, words

COLUMN_KEYS = ("id", "item", "kind", "role", "via", "section", "linked", "due", "status",
               "light", "others", "latest")


def _columns(lang: str) -> list[str]:
    w = words(lang)
    return [w[k] for k in COLUMN_KEYS]


def due_cell(d: Duty, dl: DutyList, lang: str,
             shown: Callable[[str, date], str] = day) -> str:
    """The date in force (with the plan's own beside it when extended), and days overdue."""
    late = d.days_late(dl.as_of)
    return (due_words(lang, d.item.due, d.item.planned_due, shown)
            + (t(lang, " ({days} days overdue)", days=late) if late else ""))


def record_cell(d: Duty, dl: DutyList, lang: str) -> str:
    """The item's record as the unit's duty list shows it (`record_text.record_words`)."""
    return record_words(d.item, lang, dl.agency)


def _cells(d: Duty, dl: DutyList, *, short: bool, lang: str) -> list[str]:
    """A duty's cells in `lang`: the words of the Excel duty list, dates as the reader writes
    them (2024年1月15日 in Chinese, 2024-01-15 in English)."""
    item = d.item
    feeds = item.linked if item.kind in ("task", "safeguard") else d.phases
    others = "、".join(a.name for a in others_on(d, dl.agency))
    return [
        item.id,
        truncate(visible(item.title), 36) if short else item.title,
        kind_word(item.kind, lang),
        role_word(d.role, lang),
        via_word(d.via.name, lang) if d.via else "",
        item.section or "",
        ("、" if is_chinese(lang) else ", ").join(feeds),
        due_cell(d, dl, lang),
        status_label(item.status, lang),
        light_label(d.light, lang),
        others,  # not a column of the short (text) form
        record_cell(d, dl, lang),
    ]


def heading(dl: DutyList, lang: str) -> list[str]:
    c = dl.counts()
    a = dl.agency
    w = words(lang)
    chain = dl.lineage.label() if dl.lineage is not None and dl.lineage.note() else None
    return [w["duties_title"].format(unit=a.name, as_of=day(lang, dl.as_of)),
            w["duties_counts"].format(**c)
            + (t(lang, " · renamed: {chain}", chain=chain) if chain else "")]


def _by_phase(dl: DutyList, lang: str) -> list[tuple[str, list[Duty]]]:
    groups: dict[str, list[Duty]] = {}
    for d in dl.duties:
        p = d.item.phase
        opening, closing = ("（", "）") if is_chinese(lang) else (" (", ")")
        key = (f"{phase_name(lang, p.number)}{opening}{span(lang, p.start, p.end)}{closing}"
               if p else "—")
        groups.setdefault(key, []).append(d)
    return list(groups.items())


def _none(lang: str) -> str:
    return t(lang, "(none)")


def text(dl: DutyList, lang: str) -> str:
    lines = [*heading(dl, lang), ""]
    columns = _columns(lang)
    for title, duties in _by_phase(dl, lang):
        lines.append(title)
        picks = (9, 0, 1, 3, 7, 8, 4)
        rows = [[columns[i] for i in picks]]
        rows += [[cells[i] for i in picks] for cells in (_cells(d, dl, short=True, lang=lang)
                                                          for d in duties)]
        lines += [*table(rows), ""]
    if not dl.duties:
        lines.append(_none(lang))
    return in_script(lang, visible_lines("\n".join(lines).rstrip())) + "\n"


def markdown(dl: DutyList, lang: str) -> str:
    head = heading(dl, lang)
    out = [f"# {markdown_text(head[0])}", "", head[1], ""]
    picks = (0, 1, 3, 4, 7, 8, 9, 10, 11)
    columns = _columns(lang)
    for title, duties in _by_phase(dl, lang):
        out += [f"## {title}", "", "| " + " | ".join(columns[i] for i in picks) + " |",
                "|" + "---|" * len(picks)]
        out += ["| " + " | ".join(markdown_text(cells[i]) for i in picks) + " |"
                for cells in (_cells(d, dl, short=False, lang=lang) for d in duties)]
        out.append("")
    if not dl.duties:
        out.append(f"_{_none(lang)}_")
    return official(lang, "\n".join(out).rstrip()) + "\n"


def csv_text(dls: Sequence[DutyList], lang: str) -> str:
    """One row per duty; the BOM is added by `encode` so that Excel reads UTF-8."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w = words(lang)
    writer.writerow([w["unit_id"], w["unit"], *_columns(lang)])
    for dl in dls:
        for d in dl.duties:
            writer.writerow(_csv_row([dl.agency.id, dl.agency.name,
                                      *_cells(d, dl, short=False, lang=lang)]))
    return in_script(lang, buf.getvalue())


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


def html_page(dl: DutyList, lang: str) -> str:
    esc = html.escape
    head = heading(dl, lang)
    columns = _columns(lang)
    parts = ["<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
             f"<title>{esc(head[0])}</title><style>{CSS}</style></head><body>",
             f"<h1>{esc(head[0])}</h1><p>{esc(head[1])}</p>"]
    picks = (0, 1, 3, 4, 7, 8, 9, 10, 11)
    for title, duties in _by_phase(dl, lang):
        parts.append(f"<h2>{esc(title)}</h2><table><thead><tr>")
        parts += [f"<th>{esc(columns[i])}</th>" for i in picks]
        parts.append("</tr></thead><tbody>")
        for d in duties:
            cells = _cells(d, dl, short=False, lang=lang)
            parts.append("<tr>" + "".join(
                f'<td class="{d.light.value}">{esc(cells[i])}</td>' if i == 9
                else f"<td>{esc(cells[i])}</td>" for i in picks) + "</tr>")
        parts.append("</tbody></table>")
    if not dl.duties:
        parts.append(f"<p>{esc(_none(lang))}</p>")
    parts.append("</body></html>")
    return official(lang, "\n".join(parts)) + "\n"


def json_text(dls: Sequence[DutyList]) -> str:
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


def render_many(fmt: str, dls: Sequence[DutyList], lang: str) -> str:
    """The duty lists in `fmt`, in the words and script of `lang`."""
    if fmt == "json":
        return json_text(dls)
    if fmt == "csv":
        return csv_text(dls, lang)
    one: Callable[[DutyList, str], str] = {"text": text, "markdown": markdown,
                                           "html": html_page}[fmt]
    sep = "\n" if fmt != "html" else ""
    return sep.join(one(dl, lang) for dl in dls)


def encode(fmt: str, content: str) -> bytes:
    data = content.encode("utf-8")
    return b"\xef\xbb\xbf" + data if fmt == "csv" else data


EXTENSION = {"text": "txt", "markdown": "md", "csv": "csv", "html": "html", "json": "json"}
INDEX = "index"  # the index file of `duties --all --out`, without its extension
# Names no unit's file may take: the index, and the device names Windows reserves in any case
# and with any extension (`con.md` cannot be opened there).
RESERVED = frozenset({INDEX, "con", "prn", "aux", "nul",
                      *(f"{dev}{n}" for dev in ("com", "lpt") for n in range(1, 10))})


def file_names(ids: Sequence[str], fmt: str) -> list[str]:
    """One file name per unit id (`gov-data.md`), distinct from the index and from each other
    even on a disk that ignores case: a unit whose id is taken that way (`index`, `NUL`, or
    `Gov-Data` beside `gov-data`) gets a numbered name (`index-2.md`), never another's file."""
    ext = EXTENSION[fmt]
    keys = [ident.casefold() for ident in ids]
    taken = set(RESERVED) | set(keys)  # every natural name is claimed before any is numbered
    given: set[str] = set()
    names = []
    for ident, key in zip(ids, keys, strict=True):
        if key not in RESERVED and key not in given:
            given.add(key)
            names.append(f"{ident}.{ext}")
            continue
        n = 2
        while f"{key}-{n}" in taken:
            n += 1
        taken.add(f"{key}-{n}")
        names.append(f"{ident}-{n}.{ext}")
    return names


def index_page(fmt: str, written: Sequence[tuple[str, DutyList]], lang: str) -> str:
    """The index of `duties --all --out`: one line per unit with its counts and file."""
    rows = [(name, dl.agency, dl.counts()) for name, dl in written]
    if fmt == "json":
        return dumps({"schema_version": SCHEMA_VERSION,
                      "as_of": written[0][1].as_of.isoformat() if written else None,
                      "agencies": [{"id": a.id, "name": a.name, "file": n, "counts": c}
                                   for n, a, c in rows]})
    w = words(lang)
    counts = [w[k] for k in ("lead_count", "support_count", "open_count", "overdue_count")]
    title = w["index_title"]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([w["unit_id"], w["unit"], w["file"], *counts])
        for n, a, c in rows:
            writer.writerow(_csv_row([a.id, a.name, n, c["lead"], c["support"], c["open"],
                                      c["overdue"]]))
        return in_script(lang, buf.getvalue())
    if fmt == "html":
        esc = html.escape
        body = "".join(
            f'<tr><td><a href="{esc(n)}">{esc(a.name)}</a></td><td>{c["lead"]}</td>'
            f'<td>{c["support"]}</td><td>{c["open"]}</td><td>{c["overdue"]}</td></tr>'
            for n, a, c in rows)
        head = "".join(f"<th>{esc(h)}</th>" for h in (w["unit"], *counts))
        return in_script(lang, f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta '
                               f'charset="utf-8"><title>{esc(title)}</title><style>{CSS}'
                               f"</style></head><body><h1>{esc(title)}</h1><table><thead><tr>"
                               f"{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n")
    lines = [[w["unit"], w["file"], *counts]]
    lines += [[a.name, n, str(c["lead"]), str(c["support"]), str(c["open"]), str(c["overdue"])]
              for n, a, c in rows]
    if fmt == "markdown":
        out = [f"# {title}", "", "| " + " | ".join(lines[0]) + " |", "|" + "---|" * 6]
        out += [f"| [{markdown_text(a.name)}]({n}) | {n} | {c['lead']} | {c['support']} | "
                f"{c['open']} | {c['overdue']} |" for n, a, c in rows]
        return in_script(lang, "\n".join(out) + "\n")
    return in_script(lang, "\n".join(table(lines, indent="")) + "\n")  # table() escapes
