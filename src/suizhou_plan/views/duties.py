"""Duty lists: what one unit must do, as lead (牽頭) or supporting (配合) unit.

Who holds what comes from `holding.Holders` (the one model every view uses): the items that
name the unit, the items that name a collective it belongs to (`各縣、市、區人民政府` → 隨縣、
廣水市、曾都區), and, once a rename has taken effect, the items of the unit it succeeded.  The
latter two are marked with `via`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from suizhou_plan.model.agency import Agency
from suizhou_plan.views.holding import Holders, Lineage, Role
from suizhou_plan.views.index import KIND_ORDER, PlanIndex
from suizhou_plan.views.state import OnItsDate, states_on, tally_of


@dataclass(frozen=True)
class Duty(OnItsDate):
    """One unit's part in an item: its role, what it comes through, and the item's state on
    the list's date (`state.ItemState`)."""

    role: Role
    via: Agency | None  # the collective or predecessor the duty comes through
    via_kind: str | None  # "collective" | "predecessor"

    @property
    def phases(self) -> list[str]:
        return [self.item.phase.id] if self.item.phase is not None else []


@dataclass
class DutyList:
    agency: Agency
    as_of: date
    duties: list[Duty]
    lineage: Lineage | None = None

    def counts(self) -> dict[str, int]:
        """lead + support, and the partition of `status.tally` (complete, on_schedule,
        overdue, unknown; open = all but complete)."""
        return {
            "lead": sum(1 for d in self.duties if d.role == "lead"),
            "support": sum(1 for d in self.duties if d.role == "support"),
            **tally_of(d.state for d in self.duties),
        }


def duties_for(index: PlanIndex, agency: Agency, as_of: date, window: int,
               holders: Holders | None = None) -> DutyList:
    """`agency`'s duty list on `as_of`.  Pass `holders` (built once) when asking for many
    units: building it is the one pass over the items."""
    holders = holders if holders is not None else Holders(index, as_of)
    states = states_on(holders, window)  # shared by every unit's list on the date
    duties = [Duty(states.of(h.item), h.role, h.via, h.via_kind) for h in holders.of(agency)]
    duties.sort(key=lambda d: (d.item.phase.number if d.item.phase else 99, d.item.due,
                               KIND_ORDER[d.item.kind], d.item.path))
    return DutyList(agency, as_of, duties, holders.lineage(agency))


def others_on(duty: Duty, agency: Agency) -> list[Agency]:
    """The other units on the item, lead first."""
    units = duty.item.resolved
    lead = duty.item.lead
    first = [a for a in units if a is lead]
    ordered = first + [a for a in units if a is not lead]
    return [a for a in ordered if a is not agency and a is not duty.via]
