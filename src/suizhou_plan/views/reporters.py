"""Who may report progress on an item: a ledger that anyone can write to is no record.

An entry's reporting unit (`by`) must hold the item on some date (`holding.ever_holding`): be
one of its units, a member of a collective on it (隨縣 on a duty of 各縣、市、區人民政府), or
the successor of a renamed unit on it (隨州市數據局 for 市政數局), at any depth; or be the
leading group's office, which supervises every item and verifies (銷號) what the units report
done.  A collective reports through its members, and a placeholder (市政府有關部門) is nobody
who could."""

from __future__ import annotations

from suizhou_plan.model.agency import Agency
from suizhou_plan.views.holding import NOT_ACCOUNTABLE, ever_holding
from suizhou_plan.views.index import Item, PlanIndex
from suizhou_plan.views.office import office_units


def office(index: PlanIndex) -> list[Agency]:
    """The office (and its successors): `office.office_units`."""
    return office_units(index.tasks_file, index.registry)


def may_report(index: PlanIndex, item: Item) -> list[Agency]:
    """Every unit that may record progress on `item`: its holders first (document order),
    then the office."""
    out = {a.id: a for a in ever_holding(index.registry, item)}
    for agency in office(index):
        out.setdefault(agency.id, agency)
    return [a for a in out.values() if a.kind not in NOT_ACCOUNTABLE]
