"""The traffic-light matrix of the dashboard: responsible units × phases.

Each row is one unit's duty list (`duties.duties_for`, so the same duties, roles and lights as
`suizhou duties`), cut by phase; a cell shows the worst light of those duties.  Rows are the
units a meeting can hold to account at the as-of date (`holding.Holders.lineages`, as
`suizhou agencies`): not placeholders (市政府有關部門 names nobody), not collectives (each
member carries the collective's duties), and a renamed unit once, labelled with its lineage
(「市政數局 → 隨州市數據局」) and holding what the unit in office on the date holds."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from suizhou_plan.i18n import phase_name, span
from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import Phase
from suizhou_plan.model.status import Light
from suizhou_plan.views.duties import Duty, duties_for
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import PlanIndex
from suizhou_plan.words.dashboard_words import words
from suizhou_plan.words.labels import SYMBOL


def worst(lights: Iterable[Light]) -> Light | None:
    """Red before yellow before grey before green; None for no lights at all."""
    return min(lights, key=lambda light: light.severity_rank, default=None)


@dataclass(frozen=True)
class Cell:
    duties: tuple[Duty, ...]

    @property
    def light(self) -> Light | None:
        return worst(d.light for d in self.duties)

    @property
    def lead(self) -> int:
        return sum(1 for d in self.duties if d.role == "lead")

    @property
    def support(self) -> int:
        return sum(1 for d in self.duties if d.role == "support")

    @property
    def overdue(self) -> int:
        return sum(1 for d in self.duties if d.light is Light.RED)


@dataclass(frozen=True)
class UnitRow:
    agency: Agency  # the unit in office on the date
    cells: tuple[Cell, ...]  # one per column of the matrix
    label: str | None = None  # the lineage, 「市政數局 → 隨州市數據局」, for a renamed unit

    @property
    def title(self) -> str:
        return self.label or self.agency.name

    @property
    def leads(self) -> bool:
        return any(cell.lead for cell in self.cells)


@dataclass(frozen=True)
class Matrix:
    columns: tuple[Phase | None, ...]  # the phases; None collects duties due outside them
    rows: tuple[UnitRow, ...]


def build_matrix(index: PlanIndex, as_of: date, window: int,
                 holders: Holders | None = None) -> Matrix:
    phases: list[Phase | None] = list(index.tasks_file.phases)
    holders = holders if holders is not None else Holders(index, as_of)
    lists = []
    for line in holders.lineages():
        duties = duties_for(index, line.holder, as_of, window, holders).duties
        if duties:
            lists.append((line, duties))
    if any(d.item.phase is None for _, duties in lists for d in duties):
        phases.append(None)
    rows = [
        UnitRow(line.holder, tuple(Cell(tuple(d for d in duties if d.item.phase is phase))
                                   for phase in phases),
                line.label() if len(line.units) > 1 else None)
        for line, duties in lists
    ]
    rows.sort(key=lambda row: not row.leads)  # stable: registry order within each group
    return Matrix(tuple(phases), tuple(rows))


def column_heading(phase: Phase | None, lang: str) -> tuple[str, str]:
    """(heading, dates) of a column."""
    if phase is None:
        return "—", ""
    theme = f" {phase.theme}" if phase.theme else ""
    return phase_name(lang, phase.number) + theme, span(lang, phase.start, phase.end)


def cell_counts(cell: Cell, lang: str) -> str:
    w = words(lang)
    parts = [f"{w['lead_n']} {cell.lead}", f"{w['support_n']} {cell.support}"]
    if cell.overdue:
        parts.append(f"{w['overdue']} {cell.overdue}")
    return " · ".join(parts)


def _cell_html(row: UnitRow, phase: Phase | None, cell: Cell, lang: str) -> str:
    key = phase.id if phase is not None else "none"
    data = f'data-unit="{html.escape(row.agency.id)}" data-phase="{html.escape(key)}"'
    light = cell.light
    if light is None:
        return f'<td class="cell empty" {data} data-light="">—</td>'
    label = words(lang)[light.value]
    return (f'<td class="cell {light.value}" {data} data-light="{light.value}">'
            f'<span class="sym">{SYMBOL[light]}</span> {html.escape(label)}'
            f'<small>{html.escape(cell_counts(cell, lang))}</small></td>')


def matrix_html(matrix: Matrix, lang: str) -> str:
    w = words(lang)
    esc = html.escape
    head = "".join(
        f"<th scope=\"col\">{esc(title)}<small>{esc(dates)}</small></th>"
        for title, dates in (column_heading(p, lang) for p in matrix.columns))
    out = [f'<table class="matrix"><thead><tr><th scope="col">{esc(w["unit"])}</th>{head}'
           "</tr></thead><tbody>"]
    group = None
    span = len(matrix.columns) + 1
    for row in matrix.rows:
        if row.leads != group:
            group = row.leads
            title = w["leading_units"] if row.leads else w["supporting_units"]
            out.append(f'<tr class="group"><th colspan="{span}">{esc(title)}</th></tr>')
        cells = "".join(_cell_html(row, phase, cell, lang)
                        for phase, cell in zip(matrix.columns, row.cells, strict=True))
        out.append(f'<tr><th scope="row" title="{esc(row.agency.full_name or row.agency.name)}">'
                   f"{esc(row.title)}</th>{cells}</tr>")
    if not matrix.rows:
        out.append(f'<tr><td colspan="{span}">{esc(w["none"])}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)
