"""`suizhou check` for people: per phase, its window and counts, then each item with its
light, lead and due date; then the plan-wide findings; then a one-line summary.

Plain text (aligned by display width, so Chinese lines up) when piped or printed; the CLI
uses `check_rich` instead in a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from suizhou_plan.base.escapes import visible, visible_lines
from suizhou_plan.base.finding import Finding
from suizhou_plan.base.textwidth import table, truncate
from suizhou_plan.i18n import aside, clauses, colon, counted, in_script, localise, phase_name, t
from suizhou_plan.load.plan_loader import PlanFile
from suizhou_plan.model.status import BUCKETS
from suizhou_plan.render import findings_text
from suizhou_plan.rules import RULES
from suizhou_plan.views.board import PhaseBoard, Row
from suizhou_plan.words.labels import light_label, status_label, words

if TYPE_CHECKING:
    from suizhou_plan.render.docx_template import Template
    from suizhou_plan.views.bulletin import Bulletin

TABLE_RULES = frozenset(slug for slug, r in RULES.items() if r.table)  # `rule(table=True)`
TITLE_COLUMNS = 40


@dataclass
class CheckView:
    """Everything a check report shows, computed once, for every format."""

    title: str
    plan_label: str
    as_of: date
    boards: list[PhaseBoard]
    findings: list[Finding]
    files: dict[str, PlanFile]
    lang: str = "en"
    overview: str = ""  # the bulletin's overall picture, in sentences
    filters: tuple[str, ...] = ()  # the filters given, as typed: ("--phase 1", ...)
    left_out_items: int = 0  # items the filters left out of the tables
    left_out_findings: int = 0  # findings of the rules run that the filters left out
    rules_not_run: int = 0  # rules --select/--ignore left out
    bulletin: Bulletin | None = None  # for the media that show the bulletin (markdown, docx)
    issuer: str | None = None  # the plan's issuer: the Word bulletin's author if no office signs
    template: Template | None = None  # the office's Word document to take styles from (docx)

    @property
    def plan_wide(self) -> list[Finding]:
        """Findings the tables do not show, errors first, then warnings, then info."""
        rest = [f for f in self.findings if f.rule not in TABLE_RULES]
        return sorted(rest, key=lambda f: (f.severity.rank, f.sort_key()))

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def summary_text(view: CheckView) -> str:
    """The findings shown; with a filter, also the items shown (by light) and what the
    filter left out, so a filtered report never reads as a clean plan."""
    w = words(view.lang)
    line = findings_text.summary_line(view.counts(), w, view.lang)
    if not view.filters:
        return line
    lights = [row.light for board in view.boards for row in board.rows]
    by_light = " · ".join(f"{light_label(light, view.lang)} {lights.count(light)}"
                          for light in sorted(set(lights), key=lambda light: light.severity_rank))
    shown = f"{len(lights)} {w['items_shown']}"
    line += " · " + (aside(view.lang, shown, by_light) if by_light else shown)
    left = [f"{view.left_out_items} {w['items']}", f"{view.left_out_findings} {w['findings_n']}"]
    if view.rules_not_run:
        left.append(f"{view.rules_not_run} {w['rules_not_run']}")
    return (line + f" · {w['left_out_by']} {' '.join(view.filters)}{colon(view.lang)}"
            + clauses(view.lang, left))


def header_tail(view: CheckView) -> str:
    """What follows the plan's title on the first line: the as-of date and the plan read."""
    return t(view.lang, " — as of {date} (plan: {plan})", date=shown_date(view, view.as_of),
             plan=localise(view.plan_label, view.lang))


def shown_date(view: CheckView, day: date) -> str:
    """2024年1月15日 in Chinese, 2024-01-15 in English (tables stay compact)."""
    return localise(day, view.lang)


def phase_heading(board: PhaseBoard, view: CheckView,
                  plan_text: Callable[[str], str] = str) -> str:
    """The phase's line; `plan_text` prepares the plan's own words (its theme) for the
    medium, e.g. `escapes.markdown_text`."""
    w = words(view.lang)
    counts = board.counts()
    tally = " · ".join(f"{w[k]} {counts[k]}" for k in BUCKETS)
    if board.phase is None:
        return f"— ({tally})"
    p = board.phase
    theme = f" {plan_text(p.theme)}" if p.theme else ""
    state = w[board.state(view.as_of)]
    span = t(view.lang, "  {start} → {end} [{state}]", start=shown_date(view, p.start),
             end=shown_date(view, p.end), state=state)
    return f"{phase_name(view.lang, p.number)}{theme}{span}  {tally}"


def row_cells(row: Row, view: CheckView) -> list[str]:
    item = row.item
    late = row.days_late(view.as_of)
    return [
        light_label(row.light, view.lang),
        item.id,
        truncate(visible(item.title), TITLE_COLUMNS),
        row.lead.name if row.lead else "—",
        shown_date(view, item.due),
        status_label(item.status, view.lang),
        f"{late}{words(view.lang)['days']}" if late is not None else "",
    ]


def render(view: CheckView) -> str:
    w = words(view.lang)
    lines = [view.title + header_tail(view), ""]
    if view.overview:
        lines += [view.overview, ""]
    for board in view.boards:
        lines.append(phase_heading(board, view))
        header = [w["light"], w["id"], w["item"], w["lead"], w["due"], w["status"], w["late"]]
        rows = [header] + [row_cells(r, view) for r in board.rows]
        lines.extend(table(rows) if board.rows else [f"  ({w['none']})"])
        lines.append("")
    lines.extend(_findings_block(view))
    lines.append(w["summary"] + colon(view.lang) + summary_text(view))
    return in_script(view.lang, visible_lines("\n".join(lines))) + "\n"


def _findings_block(view: CheckView) -> Iterable[str]:
    w = words(view.lang)
    shown = [f for f in view.findings if f.rule in TABLE_RULES]
    rest = view.plan_wide
    yield counted(view.lang, w["plan_wide"], len(rest))
    if shown:
        yield "  " + t(view.lang,
                       "(+{n} overdue / due-soon / no-progress: shown in the tables above)",
                       n=len(shown))
    for line in findings_text.render(rest, view.files, source=False, lang=view.lang):
        yield "  " + line
    yield ""
