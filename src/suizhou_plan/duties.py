"""Duty lists: what one unit must do, as lead (牽頭) or supporting (配合) unit.

A unit's duties are the items that name it, the items that name a collective it belongs to
(`各縣、市、區人民政府` → 隨縣、廣水市、曾都區), and the items of a unit it succeeded (a
rename hands over the duties).  The latter two are marked with `via`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from suizhou_plan.index import Item, PlanIndex
from suizhou_plan.model.agency import Agency
from suizhou_plan.status import DONE, Light, light_of

Role = Literal["lead", "support"]
KIND_ORDER = {"milestone": 0, "target": 1, "task": 2, "safeguard": 3}


@dataclass(frozen=True)
class Duty:
    item: Item
    role: Role
    via: Agency | None  # the collective or predecessor the duty comes through
    via_kind: str | None  # "collective" | "predecessor"
    light: Light

    @property
    def phases(self) -> list[str]:
        return [self.item.phase.id] if self.item.phase is not None else []

    def days_late(self, as_of: date) -> int | None:
        return (as_of - self.item.due).days if self.light is Light.RED else None


@dataclass
class DutyList:
    agency: Agency
    as_of: date
    duties: list[Duty]

    def counts(self) -> dict[str, int]:
        return {
            "lead": sum(1 for d in self.duties if d.role == "lead"),
            "support": sum(1 for d in self.duties if d.role == "support"),
            "open": sum(1 for d in self.duties if d.item.status not in DONE),
            "overdue": sum(1 for d in self.duties if d.light is Light.RED),
        }


def _sources(index: PlanIndex, agency: Agency) -> list[tuple[Agency, Agency | None, str | None]]:
    """(holder, via, via_kind): the unit itself, its collectives, its predecessors."""
    out: list[tuple[Agency, Agency | None, str | None]] = [(agency, None, None)]
    for other in index.agencies_file.agencies:
        if agency.id in other.members:
            out.append((other, other, "collective"))
        if other.change is not None and other.change.successor == agency.id:
            out.append((other, other, "predecessor"))
    return out


def duties_for(index: PlanIndex, agency: Agency, as_of: date, window: int) -> DutyList:
    sources = _sources(index, agency)
    duties: list[Duty] = []
    for item in index.items:
        holders = item.agencies
        for holder, via, via_kind in sources:
            if holder in holders:
                role: Role = "lead" if item.lead is holder else "support"
                light = light_of(item.status, item.due, as_of, window)
                duties.append(Duty(item, role, via, via_kind, light))
                break
    duties.sort(key=lambda d: (d.item.phase.number if d.item.phase else 99, d.item.due,
                               KIND_ORDER[d.item.kind], d.item.path))
    return DutyList(agency, as_of, duties)


def others_on(duty: Duty, agency: Agency) -> list[Agency]:
    """The other units on the item, lead first."""
    units = duty.item.agencies
    lead = duty.item.lead
    ordered = ([lead] if lead in units else []) + [a for a in units if a is not lead]
    return [a for a in ordered if a is not agency and a is not duty.via]
