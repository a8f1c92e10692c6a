"""The dashboard's timeline: an SVG Gantt chart of the phases, each phase's milestones and the
plan's targets on one date scale, with a vertical line at the as-of date.

Every mark carries its light three ways (colour, the symbol ✖ ▲ ● ○ before its label, and the
words in its `<title>`), so the chart reads in black-and-white print and for colour-blind
viewers.  Coordinates are written with one decimal, so the same input gives the same bytes."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from suizhou_plan.base.textwidth import truncate
from suizhou_plan.i18n import colon, day, phase_name, span
from suizhou_plan.model.plan import Phase
from suizhou_plan.model.status import Light
from suizhou_plan.views.state import ItemState
from suizhou_plan.words.dashboard_words import words
from suizhou_plan.words.labels import SYMBOL, light_label, status_label

WIDTH = 1600
LABEL_WIDTH = 440
RIGHT_PAD = 28
TOP = 60
LANE_HEIGHT = 34
ROW_HEIGHT = 24
BOTTOM = 14
LABEL_COLUMNS = 46

FILL = {Light.RED: "#d32f2f", Light.YELLOW: "#f9a825", Light.GREEN: "#2e7d32",
        Light.GREY: "#9e9e9e"}
INK = {Light.RED: "#b71c1c", Light.YELLOW: "#7a5d00", Light.GREEN: "#1b5e20",
       Light.GREY: "#555555"}
PHASE_FILL = {"ended": "#cfd8dc", "current": "#bbdefb", "upcoming": "#f1f3f4"}


@dataclass(frozen=True)
class PhaseLane:
    phase: Phase
    state: str  # "ended" | "current" | "upcoming"
    milestones: tuple[ItemState, ...]


@dataclass(frozen=True)
class DateScale:
    """Days → x, linear: `start` at `left`, `end` at `right`."""

    start: date
    end: date
    left: float
    right: float

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.left + (day - self.start).days / span * (self.right - self.left)


def _n(value: float) -> str:
    return f"{value:.1f}"


def scale_for(lanes: tuple[PhaseLane, ...], targets: tuple[ItemState, ...],
              as_of: date) -> DateScale:
    """From the first phase's start to the last due date, widened to take in the as-of date."""
    days = [as_of] + [d for lane in lanes for d in (lane.phase.start, lane.phase.end)]
    days += [m.due for lane in lanes for m in lane.milestones]
    days += [m.due for m in targets]
    return DateScale(min(days), max(days), LABEL_WIDTH + 16, WIDTH - RIGHT_PAD)


def height(lanes: tuple[PhaseLane, ...], targets: tuple[ItemState, ...]) -> int:
    rows = sum(len(lane.milestones) for lane in lanes) + len(targets)
    return TOP + LANE_HEIGHT * (len(lanes) + (1 if targets else 0)) + ROW_HEIGHT * rows + BOTTOM


def mark_title(mark: ItemState, lang: str) -> str:
    w = words(lang)
    item = mark.item
    lines = [f"{item.id} {item.title}",
             f"{w['due']} {day(lang, mark.due)} · {light_label(mark.light, lang)} · "
             f"{w['status']} {status_label(mark.status, lang)}"]
    if mark.days_late is not None:
        lines[-1] += f" · {w['overdue']} {mark.days_late}{w['days']}"
    if mark.lead is not None:
        lines.append(f"{w['lead']} {mark.lead.name}")
    return "\n".join(lines)


def _mark(mark: ItemState, y: float, scale: DateScale, guide_from: float, lang: str) -> str:
    esc = html.escape
    item = mark.item
    x = scale.x(mark.due)
    label = truncate(f"{item.id} {item.title}", LABEL_COLUMNS)
    if item.kind == "milestone":
        shape = (f'<polygon points="{_n(x)},{_n(y - 9)} {_n(x + 9)},{_n(y)} {_n(x)},{_n(y + 9)} '
                 f'{_n(x - 9)},{_n(y)}" fill="{FILL[mark.light]}" stroke="#212121" '
                 'stroke-width="1.5"/>')
        guide = ""
    else:
        shape = (f'<circle cx="{_n(x)}" cy="{_n(y)}" r="8" fill="{FILL[mark.light]}" '
                 'stroke="#212121" stroke-width="1.5"/>')
        guide = ' stroke-dasharray="4 4"'
    return (
        f'<g class="mark {item.kind} {mark.light.value}" data-id="{esc(item.id)}" '
        f'data-due="{mark.due}" data-light="{mark.light.value}">'
        f"<title>{esc(mark_title(mark, lang))}</title>"
        f'<line x1="{_n(guide_from)}" y1="{_n(y)}" x2="{_n(x)}" y2="{_n(y)}" stroke="#90a4ae" '
        f'stroke-width="2"{guide}/>{shape}'
        f'<text x="12" y="{_n(y + 5)}" class="row-label"><tspan fill="{INK[mark.light]}" '
        f'font-weight="bold">{SYMBOL[mark.light]}</tspan> {esc(label)}</text></g>'
    )


def _phase(lane: PhaseLane, y: float, scale: DateScale, lang: str) -> str:
    esc = html.escape
    w = words(lang)
    p = lane.phase
    x0, x1 = scale.x(p.start), scale.x(p.end)
    name = phase_name(lang, p.number) + (f" {p.theme}" if p.theme else "")
    dates = f"{span(lang, p.start, p.end)} · {w[lane.state]}"
    return (
        f'<g class="phase {lane.state}" data-id="{esc(p.id)}" data-start="{p.start}" '
        f'data-end="{p.end}"><title>{esc(name)}{colon(lang)}{esc(dates)}</title>'
        f'<rect x="{_n(x0)}" y="{_n(y + 5)}" width="{_n(x1 - x0)}" height="{LANE_HEIGHT - 10}" '
        f'rx="4" fill="{PHASE_FILL[lane.state]}" fill-opacity="0.7" stroke="#546e7a"/>'
        f'<text x="12" y="{_n(y + 23)}" class="lane-label">{esc(name)}</text>'
        f'<text x="{_n(x0 + 8)}" y="{_n(y + 22)}" class="bar-label" stroke="#ffffff" '
        f'stroke-width="4" paint-order="stroke">{esc(dates)}</text></g>'
    )


def _axis(scale: DateScale, bottom: float) -> list[str]:
    out = []
    for year in range(scale.start.year + 1, scale.end.year + 1):
        day = date(year, 1, 1)
        x = _n(scale.x(day))
        out.append(f'<g class="tick" data-date="{day}"><line x1="{x}" y1="{TOP - 30}" x2="{x}" '
                   f'y2="{_n(bottom)}" stroke="#cfd8dc"/>'
                   f'<text x="{x}" y="{TOP - 38}" text-anchor="middle" class="year">{year}</text>'
                   "</g>")
    return out


def _as_of(scale: DateScale, as_of: date, bottom: float, lang: str) -> str:
    x = scale.x(as_of)
    middle = (scale.left + scale.right) / 2
    anchor = "end" if x > middle else "start"
    shift = -6 if x > middle else 6
    text = f"{words(lang)['as_of']} {day(lang, as_of)}"
    return (f'<g class="as-of"><title>{html.escape(text)}</title>'
            f'<line x1="{_n(x)}" y1="{TOP - 26}" x2="{_n(x)}" y2="{_n(bottom)}" '
            f'stroke="#c62828" stroke-width="3" data-date="{as_of}"/>'
            f'<text x="{_n(x + shift)}" y="{TOP - 12}" text-anchor="{anchor}" '
            f'class="as-of-label">{html.escape(text)}</text></g>')


def timeline_svg(lanes: tuple[PhaseLane, ...], targets: tuple[ItemState, ...], as_of: date,
                 lang: str) -> str:
    w = words(lang)
    esc = html.escape
    scale = scale_for(lanes, targets, as_of)
    total = height(lanes, targets)
    body: list[str] = []
    stripes: list[str] = []
    y: float = TOP
    row = 0
    for lane in lanes:
        body.append(_phase(lane, y, scale, lang))
        y += LANE_HEIGHT
        for mark in lane.milestones:
            stripes.append(_stripe(row, y))
            body.append(_mark(mark, y + ROW_HEIGHT / 2, scale, scale.x(lane.phase.start), lang))
            y += ROW_HEIGHT
            row += 1
    if targets:
        body.append(f'<text x="12" y="{_n(y + 23)}" class="lane-label">{esc(w["targets"])}</text>')
        y += LANE_HEIGHT
        for mark in targets:
            stripes.append(_stripe(row, y))
            body.append(_mark(mark, y + ROW_HEIGHT / 2, scale, scale.left, lang))
            y += ROW_HEIGHT
            row += 1
    bottom = total - BOTTOM / 2
    return "\n".join([
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {total}" role="img" '
        f'aria-labelledby="timeline-title" preserveAspectRatio="xMinYMin meet">',
        f'<title id="timeline-title">{esc(w["timeline"])}</title>',
        *filter(None, stripes), *_axis(scale, bottom), _as_of(scale, as_of, bottom, lang),
        *body, "</svg>",
    ])


def _stripe(row: int, y: float) -> str:
    if row % 2:
        return ""
    return (f'<rect class="stripe" x="0" y="{_n(y)}" width="{WIDTH}" height="{ROW_HEIGHT}" '
            'fill="#f5f7f8"/>')
