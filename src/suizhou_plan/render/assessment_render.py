"""The assessment (考核) laid out: an Excel workbook (the summary per unit, the items due in
the span, the reports per period), CSV (the summary), JSON and a terminal table.

Everything shown comes from `assessment.Assessment`: nothing is counted or dated here.  A
rate is written with its numerator and denominator (「3/4（75.0%）」) and as 「—」 when
nothing was due; the workbook says what each column means under the table, since a leader
reads the page and not this code."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from suizhou_plan.base.escapes import spreadsheet_cell
from suizhou_plan.i18n import aside, day, in_script, labelled, localise, t, tp
from suizhou_plan.views.assessment import Assessment, Outcome, Rate, RoleFigures, UnitAssessment
from suizhou_plan.views.periods import Period, UnitReport
from suizhou_plan.words.labels import MONTH_WORDS, QUARTER_WORDS, word

WORDS = (
    word("assess:title", "Assessment of the responsible units: {plan}"),
    word("assess:span", "Assessed: {first} to {last}"),
    word("assess:cycle:monthly", "reports due monthly by day {day}"),
    word("assess:cycle:quarterly", "reports due quarterly by day {day} of the quarter's last "
         "month"),
    word("assess:overall", "{due} items fell due; {on_time} done on time, {overdue} overdue; "
         "on-time rate {rate}"),
    word("assess:unit", "Unit"), word("assess:unit_id", "Unit id"),
    word("assess:group:lead", "Items it leads"),
    word("assess:group:support", "Items it supports"),
    word("assess:group:reports", "Progress reports"),
    word("assess:due", "Due"), word("assess:on_time", "Done on time"),
    word("assess:rate", "On-time rate"), word("assess:overdue", "Overdue"),
    word("assess:returns", "Returned"), word("assess:applied", "Extensions applied for"),
    word("assess:approved", "Extensions approved"),
    word("assess:reports_due", "Reports due"), word("assess:reports_on_time", "On time"),
    word("assess:reports_late", "Late"), word("assess:reports_missing", "Missing"),
    word("assess:reports_rate", "On-time reporting rate"),
    word("assess:short:lead_rate", "Lead: on time"),
    word("assess:short:lead_overdue", "Lead: overdue"),
    word("assess:short:support_rate", "Support: on time"),
    word("assess:short:support_overdue", "Support: overdue"),
    word("assess:short:extensions", "Extensions applied/approved"),
    word("assess:none", "No unit had an item or a report due in this span."),
    word("assess:sheet:summary", "Assessment"), word("assess:sheet:items", "Items due"),
    word("assess:sheet:reports", "Reports"),
    word("assess:item", "Item"), word("assess:lead_units", "Lead"),
    word("assess:support_units", "Supporting units"),
    word("assess:planned_due", "Planned date"), word("assess:due_in_force", "Date in force"),
    word("assess:done_on", "Done on"), word("assess:result", "Result"),
    word("assess:result:on_time", "done on time"),
    word("assess:result:late", "done late"),
    word("assess:result:open", "overdue, not done"),
    word("assess:period", "Period"), word("assess:period_span", "Covers"),
    word("assess:cutoff", "Cut-off"), word("assess:state", "Report"),
    word("assess:received", "Received"),
    word("assess:state:on-time", "on time"), word("assess:state:late", "late"),
    word("assess:state:missing", "missing"),
    word("assess:notes", "How the figures are counted"),
    word("assess:note:due", "Due: items whose date in force (the plan's date, or the new "
         "date of an approved extension) falls in the assessed span."),
    word("assess:note:on_time", "Done on time: reported done (办结) or closed (销号) on or "
         "before that date; overdue: the other items due, whether done late or not yet done."),
    word("assess:note:rate", "A rate shows done on time over due, and a dash when nothing "
         "was due."),
    word("assess:note:returns", "Returned: items the office sent back for redoing (退回), "
         "counted against the lead unit."),
    word("assess:note:reports", "Reports: one for each reporting period whose cut-off falls "
         "in the span, owed by a unit holding an open item under way; on time when received "
         "by the cut-off."),
    word("assess:note:holders", "Each unit is assessed on what it holds on the last day of "
         "the span; a county government also for what the plan gives the counties together."),
)


@cache
def words(lang: str) -> dict[str, str]:
    return {context.removeprefix("assess:"): in_script(lang, tp(lang, context, english))
            for context, english in WORDS}


def period_name(lang: str, period: Period) -> str:
    """2024年1月 / 2024年第一季度 in Chinese; January 2024 / Q1 2024 in English."""
    if period.cycle == "monthly":
        return t(lang, "{month} {year}", month=localise(MONTH_WORDS[period.number - 1], lang),
                 year=period.year)
    return t(lang, "{quarter} {year}", quarter=localise(QUARTER_WORDS[period.number - 1], lang),
             year=period.year)


def period_span(lang: str, period: Period) -> str:
    """2023年12月29日至2024年1月28日 / 2023-12-29 to 2024-01-28."""
    return t(lang, "{first} to {last}", first=day(lang, period.start),
             last=day(lang, period.cutoff))


def rate_text(lang: str, rate: Rate) -> str:
    """「3/4（75.0%）」, "3/4 (75.0%)"; 「—」 when nothing was due."""
    if rate.percent is None:
        return "—"
    return aside(lang, f"{rate.numerator}/{rate.denominator}", f"{rate.percent:.1f}%")


def _unit_name(lang: str, unit: UnitAssessment) -> str:
    return in_script(lang, unit.lineage)


def _role_cells(lang: str, figures: RoleFigures, returns: bool) -> list[Any]:
    cells: list[Any] = [figures.due, figures.on_time, rate_text(lang, figures.rate),
                        figures.overdue]
    if returns:
        cells.append(len(figures.returns))
    return [*cells, len(figures.applied), len(figures.approved)]


def _report_cells(lang: str, unit: UnitAssessment) -> list[Any]:
    r = unit.reports
    return [r.due, r.on_time, r.late, r.missing, rate_text(lang, r.rate)]


GROUPS = (("lead", ("due", "on_time", "rate", "overdue", "returns", "applied", "approved")),
          ("support", ("due", "on_time", "rate", "overdue", "applied", "approved")),
          ("reports", ("reports_due", "reports_on_time", "reports_late", "reports_missing",
                       "reports_rate")))


def summary_rows(lang: str, assessment: Assessment) -> list[list[Any]]:
    """One row per unit: its name, then the columns of `GROUPS` in order."""
    return [[_unit_name(lang, u), *_role_cells(lang, u.lead, True),
             *_role_cells(lang, u.support, False), *_report_cells(lang, u)]
            for u in assessment.units]


def _flat_header(lang: str) -> list[str]:
    w = words(lang)
    return [w["unit"], *(labelled(lang, w["group:" + g], w[c]) if g != "reports" else w[c]
                         for g, columns in GROUPS for c in columns)]


def heading_lines(lang: str, assessment: Assessment) -> list[str]:
    w = words(lang)
    cadence = assessment.cadence
    return [
        w["title"].format(plan=in_script(lang, assessment.title)),
        t(lang, "{span}; {cycle}", span=w["span"].format(first=day(lang, assessment.first),
                                                         last=day(lang, assessment.last)),
          cycle=w["cycle:" + cadence.cycle].format(day=cadence.cutoff_day)),
        w["overall"].format(due=assessment.due, on_time=assessment.on_time,
                            overdue=assessment.overdue,
                            rate=rate_text(lang, assessment.rate)),
    ]


# --- CSV, JSON, text --------------------------------------------------------------------


def csv_text(lang: str, assessment: Assessment) -> str:
    """The summary, one row per unit, every cell neutralised for a spreadsheet."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([words(lang)["unit_id"], *_flat_header(lang)])
    for unit, row in zip(assessment.units, summary_rows(lang, assessment), strict=True):
        writer.writerow([spreadsheet_cell(str(cell)) for cell in [unit.unit.id, *row]])
    return buf.getvalue()


def csv_bytes(lang: str, assessment: Assessment) -> bytes:
    """UTF-8 with a BOM, so that Excel reads the Chinese."""
    return b"\xef\xbb\xbf" + csv_text(lang, assessment).encode("utf-8")


def _rate_json(rate: Rate) -> dict[str, Any]:
    return {"numerator": rate.numerator, "denominator": rate.denominator,
            "percent": rate.percent}


def _period_json(period: Period) -> dict[str, Any]:
    return {"cycle": period.cycle, "year": period.year, "number": period.number,
            "start": period.start.isoformat(), "cutoff": period.cutoff.isoformat()}


def _role_json(figures: RoleFigures, returns: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "held": figures.held, "due": figures.due, "on_time": figures.on_time,
        "overdue": figures.overdue, "done_late": figures.done_late,
        "still_open": figures.still_open, "rate": _rate_json(figures.rate),
        "items_on_time": [o.item.id for o in figures.outcomes if o.on_time],
        "items_overdue": [o.item.id for o in figures.outcomes if not o.on_time],
    }
    if returns:
        out["returns"] = [{"item": r.item.id, "on": r.on.isoformat(), "reason": r.reason}
                          for r in figures.returns]
    out["extensions_applied"] = len(figures.applied)
    out["extensions_applied_late"] = figures.applied_late
    out["extensions_approved"] = len(figures.approved)
    return out


def _report_json(report: UnitReport) -> dict[str, Any]:
    received = report.received_on
    return {**_period_json(report.period), "state": report.state,
            "received": received.isoformat() if received else None}


def json_text(assessment: Assessment) -> str:
    """Machine keys in English; names as the plan writes them."""
    units = []
    for unit in assessment.units:
        lead = _role_json(unit.lead, True)
        reports = unit.reports
        units.append({
            "id": unit.unit.id, "name": unit.unit.name, "lineage": unit.lineage,
            "lead": lead, "support": _role_json(unit.support, False),
            "reports": {"due": reports.due, "on_time": reports.on_time, "late": reports.late,
                        "missing": reports.missing, "rate": _rate_json(reports.rate),
                        "periods": [_report_json(r) for r in reports.reports]},
        })
    data = {
        "plan": assessment.title, "from": assessment.first.isoformat(),
        "to": assessment.last.isoformat(),
        "cycle": assessment.cadence.cycle, "cutoff_day": assessment.cadence.cutoff_day,
        "periods": [_period_json(p) for p in assessment.periods],
        "items": {"due": assessment.due, "on_time": assessment.on_time,
                  "overdue": assessment.overdue, "rate": _rate_json(assessment.rate),
                  "list": [_outcome_json(o) for o in assessment.outcomes]},
        "units": units,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    done = outcome.done_on
    return {"id": outcome.item.id, "planned_due": outcome.planned_due.isoformat(),
            "due": outcome.due.isoformat(), "done_on": done.isoformat() if done else None,
            "on_time": outcome.on_time}


def text(lang: str, assessment: Assessment) -> str:
    """The summary for a terminal: the heading, then one aligned row per unit, the counts
    that a rate already shows (due, done on time) left to the rate."""
    # lazy: only text() needs it (+1 ms: 1 module)
    from suizhou_plan.base.textwidth import table

    w = words(lang)
    lines = heading_lines(lang, assessment)
    if not assessment.units:
        return "\n".join([*lines, "", w["none"]]) + "\n"
    header = [w["unit"], w["short:lead_rate"], w["short:lead_overdue"], w["returns"],
              w["short:support_rate"], w["short:support_overdue"], w["short:extensions"],
              w["reports_rate"], w["reports_late"], w["reports_missing"]]
    rows = [[_unit_name(lang, u), rate_text(lang, u.lead.rate), str(u.lead.overdue),
             str(len(u.lead.returns)), rate_text(lang, u.support.rate), str(u.support.overdue),
             f"{len(u.lead.applied) + len(u.support.applied)}/"
             f"{len(u.lead.approved) + len(u.support.approved)}",
             rate_text(lang, u.reports.rate), str(u.reports.late), str(u.reports.missing)]
            for u in assessment.units]
    return "\n".join([*lines, "", *table([header, *rows], indent="")]) + "\n"


# --- Excel -------------------------------------------------------------------------------

GROUP_ROW, HEADER_ROW = 4, 5


def _bold(cell: Any, size: int | None = None) -> Any:
    # lazy: only _bold() needs it (+113 ms: lxml, openpyxl)
    from openpyxl.styles import Font

    cell.font = Font(bold=True, size=size) if size else Font(bold=True)
    return cell


def _border() -> Any:
    # lazy: only _border() needs it (+113 ms: lxml, openpyxl)
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="888888")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _header(ws: Any, row: int, texts: Sequence[str], first: int = 1) -> None:
    # lazy: only _header() needs it (+117 ms: lxml, openpyxl)
    from openpyxl.styles import Alignment, PatternFill

    from suizhou_plan.sheets.cells import put

    fill = PatternFill("solid", fgColor="DDDDDD")
    for c, text_ in enumerate(texts, first):
        cell = _bold(put(ws, row, c, text_))
        cell.fill = fill
        cell.border = _border()
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _summary_sheet(ws: Any, lang: str, assessment: Assessment) -> None:
    # lazy: only _summary_sheet() needs it (+261 ms: lxml, openpyxl)
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from suizhou_plan.sheets.cells import print_landscape, put

    w = words(lang)
    first, second, third = heading_lines(lang, assessment)
    _bold(put(ws, 1, 1, first), 14)
    put(ws, 2, 1, second)
    put(ws, 3, 1, third)
    header = [w["unit"], *(w[c] for _, columns in GROUPS for c in columns)]
    column = 2
    group_cells = []
    for group, columns in GROUPS:
        group_cells.append((column, column + len(columns) - 1, w["group:" + group]))
        column += len(columns)
    labels = {start: label for start, _, label in group_cells}
    _header(ws, GROUP_ROW, [w["unit"], *(labels.get(c, "") for c in range(2, len(header) + 1))])
    _header(ws, HEADER_ROW, header[1:], first=2)
    ws.merge_cells(start_row=GROUP_ROW, start_column=1, end_row=HEADER_ROW, end_column=1)
    for start, end, _ in group_cells:
        ws.merge_cells(start_row=GROUP_ROW, start_column=start, end_row=GROUP_ROW,
                       end_column=end)
    rows = summary_rows(lang, assessment)
    centred = Alignment(horizontal="center")
    for r, row in enumerate(rows, HEADER_ROW + 1):
        for c, value in enumerate(row, 1):
            cell = put(ws, r, c, value)
            cell.border = _border()
            if c > 1:
                cell.alignment = centred
    if not rows:
        put(ws, HEADER_ROW + 1, 1, w["none"])
    notes = HEADER_ROW + max(len(rows), 1) + 2
    _bold(put(ws, notes, 1, w["notes"]))
    for n, key in enumerate(("note:due", "note:on_time", "note:rate", "note:returns",
                             "note:reports", "note:holders"), 1):
        put(ws, notes + n, 1, w[key])
    ws.column_dimensions["A"].width = max(
        [14, *(_width(str(row[0])) + 2 for row in rows)])
    for c in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 13 if header[c - 1] in (
            w["rate"], w["reports_rate"]) else 7
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    print_landscape(ws, HEADER_ROW)
    ws.print_title_rows = f"{GROUP_ROW}:{HEADER_ROW}"


def _width(text_: str) -> int:
    # lazy: only _width() needs it (+1 ms: 1 module)
    from suizhou_plan.base.textwidth import width

    return min(width(text_), 40)


def _result(lang: str, outcome: Outcome) -> str:
    w = words(lang)
    if outcome.on_time:
        return w["result:on_time"]
    return w["result:late"] if outcome.done_on is not None else w["result:open"]


def _names(lang: str, units: Sequence[Any]) -> str:
    return in_script(lang, "、".join(u.name for u in units))


def _items_sheet(ws: Any, lang: str, assessment: Assessment) -> None:
    # lazy: only _items_sheet() needs it (+4 ms: 3 modules)
    from suizhou_plan.sheets.cells import fit_columns, print_landscape, put

    w = words(lang)
    _bold(put(ws, 1, 1, w["sheet:items"]), 14)
    put(ws, 2, 1, words(lang)["span"].format(first=day(lang, assessment.first),
                                             last=day(lang, assessment.last)))
    header = [w["item"], w["lead_units"], w["support_units"], w["planned_due"],
              w["due_in_force"], w["done_on"], w["result"]]
    _header(ws, 3, header)
    for r, outcome in enumerate(assessment.outcomes, 4):
        item = outcome.item
        for c, value in enumerate([f"{item.id} {in_script(lang, item.title)}",
                                   _names(lang, outcome.leads), _names(lang, outcome.supports),
                                   outcome.planned_due, outcome.due, outcome.done_on,
                                   _result(lang, outcome)], 1):
            put(ws, r, c, value)
    ws.freeze_panes = "A4"
    fit_columns(ws, 3)
    print_landscape(ws, 3)


def _reports_sheet(ws: Any, lang: str, assessment: Assessment) -> None:
    # lazy: only _reports_sheet() needs it (+4 ms: 3 modules)
    from suizhou_plan.sheets.cells import fit_columns, print_landscape, put

    w = words(lang)
    _bold(put(ws, 1, 1, w["sheet:reports"]), 14)
    put(ws, 2, 1, words(lang)["span"].format(first=day(lang, assessment.first),
                                             last=day(lang, assessment.last)))
    _header(ws, 3, [w["unit"], w["period"], w["period_span"], w["cutoff"], w["state"],
                    w["received"]])
    r = 4
    for unit in assessment.units:
        for report in unit.reports.reports:
            for c, value in enumerate([_unit_name(lang, unit), period_name(lang, report.period),
                                       period_span(lang, report.period), report.period.cutoff,
                                       w["state:" + report.state], report.received_on], 1):
                put(ws, r, c, value)
            r += 1
    ws.freeze_panes = "A4"
    fit_columns(ws, 3)
    print_landscape(ws, 3)


def workbook(lang: str, assessment: Assessment) -> bytes:
    """Three sheets: the summary per unit (frozen two-row header, A4 landscape, one page
    wide), the items due in the span, and the reports per period."""
    # lazy: only workbook() needs it (+138 ms: lxml, openpyxl)
    from openpyxl import Workbook

    from suizhou_plan.sheets.cells import sheet_title, to_bytes

    w = words(lang)
    wb = Workbook()
    taken: set[str] = set()
    summary: Any = wb.active
    summary.title = sheet_title(w["sheet:summary"], taken)
    _summary_sheet(summary, lang, assessment)
    _items_sheet(wb.create_sheet(sheet_title(w["sheet:items"], taken)), lang, assessment)
    _reports_sheet(wb.create_sheet(sheet_title(w["sheet:reports"], taken)), lang, assessment)
    return to_bytes(wb)
