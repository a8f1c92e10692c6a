"""The dashboard in a terminal (`suizhou report` without `--out`): the same overview as the
HTML page, as lines of styled segments.  With rich in a terminal the styles become colours;
piped, the same characters are printed plain, so symbols and words carry every light."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TextIO

from suizhou_plan.base.escapes import visible
from suizhou_plan.base.textwidth import pad, truncate, width
from suizhou_plan.i18n import colon, counted, day, in_script, localise, phase_name, span, tag
from suizhou_plan.model.status import Light
from suizhou_plan.render.dashboard import (
    TALLY,
    Dashboard,
    SectionTally,
    leader_action,
    source_line,
)
from suizhou_plan.render.dashboard_matrix import cell_counts, column_heading
from suizhou_plan.render.dashboard_timeline import DateScale, PhaseLane, scale_for
from suizhou_plan.words.dashboard_words import words
from suizhou_plan.words.labels import SYMBOL

Segment = tuple[str, str]  # (text, rich style; "" for none)
Line = list[Segment]

TIMELINE_COLUMNS = 64
BAR_COLUMNS = 30
LIGHT_STYLE = {Light.RED: "bold red", Light.YELLOW: "yellow", Light.GREEN: "green",
               Light.GREY: "dim"}
PHASE_STYLE = {"ended": "dim", "current": "bold cyan", "upcoming": ""}
BAR_CHAR = {"complete": "█", "on_schedule": "▒", "overdue": "!", "unknown": "·"}
BAR_STYLE = {"complete": "green", "on_schedule": "blue", "overdue": "bold red", "unknown": "dim"}


def _heading(text: str) -> Line:
    return [(text, "bold underline")]


def _phase_bar(lanes: Sequence[PhaseLane], scale: DateScale) -> Line:
    line: Line = []
    column = 0
    for lane in lanes:
        p = lane.phase
        start = max(round(scale.x(p.start)), column)
        end = max(round(scale.x(p.end + timedelta(days=1))), start + 2)
        if start > column:
            line.append((" " * (start - column), ""))
        column = end
        room = end - start
        label = truncate(visible(f"{p.number} {p.theme or ''}".strip()), max(room - 2, 1))
        text = "[" + label + "━" * max(room - 2 - width(label), 0) + "]"
        line.append((text, PHASE_STYLE[lane.state]))
    return line


def _as_of_marker(dash: Dashboard, scale: DateScale) -> Line:
    column = min(max(round(scale.x(dash.as_of)), 0), TIMELINE_COLUMNS - 1)
    text = f"{words(dash.lang)['as_of']} {day(dash.lang, dash.as_of)}"
    if column + 2 + width(text) <= TIMELINE_COLUMNS or column < width(text) + 2:
        return [(" " * column, ""), ("▲ " + text, "bold red")]
    return [(" " * (column - width(text) - 1), ""), (text + " ▲", "bold red")]


def _light_counts(lights: Sequence[Light]) -> Line:
    line: Line = []
    for light in sorted(set(lights), key=lambda light: light.severity_rank):
        line += [(" ", ""), (f"{SYMBOL[light]}{lights.count(light)}", LIGHT_STYLE[light])]
    return line


def bracketed(lang: str, text: str) -> str:
    """[ended] in English, （已结束） in Chinese."""
    return tag(lang, text)


def _timeline(dash: Dashboard) -> list[Line]:
    w = words(dash.lang)
    scale = scale_for(dash.lanes, dash.targets, dash.as_of)
    scale = DateScale(scale.start, scale.end, 0, TIMELINE_COLUMNS)
    lines: list[Line] = [_heading(w["timeline"]),
                         [(span(dash.lang, scale.start, scale.end), "dim")],
                         _phase_bar(dash.lanes, scale), _as_of_marker(dash, scale)]
    for lane in dash.lanes:
        p = lane.phase
        name = phase_name(dash.lang, p.number) + (f" {p.theme}" if p.theme else "")
        lines.append([(f"  {name}  {span(dash.lang, p.start, p.end)}  ", ""),
                      (bracketed(dash.lang, w[lane.state]), PHASE_STYLE[lane.state]),
                      (f"  {w['milestones']}{colon(dash.lang).rstrip()}", ""),
                      *_light_counts([m.light for m in lane.milestones])])
    if dash.targets:
        lines.append([(f"  {w['targets']}{colon(dash.lang).rstrip()}", ""),
                      *_light_counts([m.light for m in dash.targets])])
    return lines


def _bar(tally: SectionTally) -> Line:
    """Columns by largest remainder, so the bar is always BAR_COLUMNS wide."""
    if tally.total == 0:
        return [("·" * BAR_COLUMNS, "dim")]
    exact = {k: tally.count(k) * BAR_COLUMNS / tally.total for k in TALLY}
    cols = {k: int(v) for k, v in exact.items()}
    for k in sorted(TALLY, key=lambda k: (-(exact[k] - cols[k]), TALLY.index(k))):
        if sum(cols.values()) >= BAR_COLUMNS:
            break
        cols[k] += 1
    return [(BAR_CHAR[k] * cols[k], BAR_STYLE[k]) for k in TALLY if cols[k]]


def _sections(dash: Dashboard) -> list[Line]:
    w = words(dash.lang)
    names = {"complete": w["complete"], "on_schedule": w["on_track"], "overdue": w["overdue"],
             "unknown": w["unknown"]}
    legend: Line = [("  ", "")]
    for k in TALLY:
        legend += [(BAR_CHAR[k], BAR_STYLE[k]), (f" {names[k]}  ", "")]
    lines: list[Line] = [_heading(w["sections"]), legend]
    name_width = max((width(visible(s.name)) for s in dash.sections), default=0)
    for s in dash.sections:
        counts = " · ".join(f"{names[k]} {s.count(k)}" for k in TALLY)
        lines.append([(f"  {pad(visible(s.name), name_width)}  ", ""), *_bar(s),
                      (f"  {counts}", "")])
    return lines


def _aligned(rows: list[list[Segment]]) -> list[Line]:
    rows = [[(visible(text), style) for text, style in row] for row in rows]
    widths = [max(width(row[i][0]) for row in rows) for i in range(len(rows[0]))]
    out: list[Line] = []
    for row in rows:
        line: Line = [("  ", "")]
        for i, (text, style) in enumerate(row):
            line += [(pad(text, widths[i]) if i < len(row) - 1 else text, style), ("  ", "")]
        out.append(line[:-1])
    return out


def _matrix(dash: Dashboard) -> list[Line]:
    w = words(dash.lang)
    rows: list[list[Segment]] = [[(w["unit"], "bold")] + [
        (column_heading(p, dash.lang)[0], "bold") for p in dash.matrix.columns]]
    for row in dash.matrix.rows:
        cells: list[Segment] = [(row.title, "")]
        for cell in row.cells:
            light = cell.light
            cells.append((f"{SYMBOL[light]} {cell_counts(cell, dash.lang)}", LIGHT_STYLE[light])
                          if light is not None else ("—", "dim"))
        rows.append(cells)
    aligned = _aligned(rows)
    lines: list[Line] = [_heading(w["matrix"]), aligned[0]]
    group = None
    for row, line in zip(dash.matrix.rows, aligned[1:], strict=True):
        if row.leads != group:
            group = row.leads
            lines.append([(f"  {w['leading_units'] if group else w['supporting_units']}",
                           "italic")])
        lines.append(line)
    return lines


def _red(dash: Dashboard) -> list[Line]:
    w = words(dash.lang)
    lines: list[Line] = [_heading(counted(dash.lang, w["red_items"], len(dash.red)))]
    if not dash.red:
        return [*lines, [(f"  ({w['none']})", "")]]
    rows: list[list[Segment]] = [[(w[k], "bold") for k in ("id", "item", "lead", "due",
                                                             "days_overdue")]]
    rows += [[(f"{SYMBOL[Light.RED]} {m.item.id}", "bold red"),
              (truncate(visible(m.item.title), 40), ""),
              (m.lead.name if m.lead else "—", ""), (day(dash.lang, m.due), ""),
              (f"{m.days_late}{w['days']}", "red")] for m in dash.red]
    return [*lines, *_aligned(rows)]


def _governance(dash: Dashboard) -> list[Line]:
    w = words(dash.lang)
    lines: list[Line] = [_heading(counted(dash.lang, w["governance"], len(dash.governance)))]
    # a leader's page: what is wrong and what to do, no rule codes (as on the HTML page)
    for f in dash.governance:
        action = leader_action(f.rule)
        hint = f" — {localise(action, dash.lang)}" if action else ""
        lines.append([("  ! ", "yellow"), (localise(f.message, dash.lang) + hint, "")])
    if not dash.governance:
        lines.append([(f"  ({w['none']})", "")])
    return lines


def overview(dash: Dashboard) -> list[Line]:
    """The overview's lines, plan text in them with its control characters escaped."""
    w = words(dash.lang)
    tally: Line = []
    for light, count in dash.lights:
        tally += [(f"{SYMBOL[light]} {w[light.value]} {count}", LIGHT_STYLE[light]), ("  ", "")]
    blocks = [_timeline(dash), _sections(dash), _matrix(dash), _red(dash), _governance(dash)]
    lines: list[Line] = [[(f"{dash.title} · {w['dashboard']}", "bold")],
                         [(f"{w['as_of']} {day(dash.lang, dash.as_of)}", "bold red"),
                          (f" · {source_line(dash)}", "")],
                         tally[:-1]]
    for block in blocks:
        lines += [[], *block]
    return [_trimmed(line, dash.lang) for line in lines]


def _trimmed(line: Line, lang: str) -> Line:
    """Plan text in the page's script, control characters escaped, no trailing space."""
    line = [(in_script(lang, visible(text)), style) for text, style in line]
    if line and line[-1][0].endswith(" "):
        return [*line[:-1], (line[-1][0].rstrip(), line[-1][1])]
    return line


def plain(dash: Dashboard) -> str:
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in overview(dash))


def render_rich(dash: Dashboard, stream: TextIO, *, color: bool) -> None:
    # lazy: only render_rich() needs it (+33 ms: rich)
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True)
    for line in overview(dash):
        console.print(Text.assemble(*line))
