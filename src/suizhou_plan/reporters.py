"""Who may report progress on an item: a ledger that anyone can write to is no record.

An entry's reporting unit (`by`) must hold the item: be one of its units, a member of a
collective on it (隨縣 on a duty of 各縣、市、區人民政府), or the successor of a renamed unit
on it (隨州市數據局 for 市政數局), at any depth; or be the leading group's office, which
supervises every item and verifies (銷號) what the units report done.  A collective reports
through its members, and a placeholder (市政府有關部門) is nobody who could."""

from __future__ import annotations

from suizhou_plan.index import Item, PlanIndex
from suizhou_plan.model.agency import Agency


def _with_successors(index: PlanIndex, agency: Agency, out: dict[str, Agency]) -> None:
    seen = 0
    while agency.id not in out and seen < 100:  # a cycle of renames is a plan error, not a hang
        out[agency.id] = agency
        change = agency.change
        successor = index.registry.by_id.get(change.successor) if change and change.successor \
            else None
        if successor is None:
            return
        agency, seen = successor, seen + 1


def office(index: PlanIndex) -> list[Agency]:
    """The leading group's office (and its successors), as named in the plan's governance."""
    group = index.tasks_file.governance.leading_group if index.tasks_file.governance else None
    unit = group.office.unit if group is not None and group.office is not None else None
    agency = index.registry.exact(unit) if unit else None
    out: dict[str, Agency] = {}
    if agency is not None:
        _with_successors(index, agency, out)
    return list(out.values())


def may_report(index: PlanIndex, item: Item) -> list[Agency]:
    """Every unit that may record progress on `item`: its holders first (document order),
    then the office."""
    out: dict[str, Agency] = {}
    for agency in item.resolved:
        _with_successors(index, agency, out)
        for member in agency.members:
            found = index.registry.by_id.get(member)
            if found is not None:
                _with_successors(index, found, out)
    for agency in office(index):
        out.setdefault(agency.id, agency)
    # A collective reports through its members, and a placeholder is nobody in particular.
    return [a for a in out.values() if a.kind not in ("collective", "placeholder")]
