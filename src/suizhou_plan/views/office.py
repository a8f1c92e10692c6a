"""Who the office is, and the units a renamed unit became: the two facts the record of an
item needs before any view is built (so they sit below `index.py`)."""

from __future__ import annotations

from suizhou_plan.model.agency import Agency
from suizhou_plan.model.plan import TasksFile
from suizhou_plan.views.registry import AgencyRegistry


def with_successors(registry: AgencyRegistry, agency: Agency) -> list[Agency]:
    """`agency` and every unit it was renamed into, oldest first."""
    out: dict[str, Agency] = {}
    seen = 0
    while agency.id not in out and seen < 100:  # a cycle of renames is a plan error, not a hang
        out[agency.id] = agency
        change = agency.change
        successor = registry.by_id.get(change.successor) if change and change.successor \
            else None
        if successor is None:
            break
        agency, seen = successor, seen + 1
    return list(out.values())


def office_units(tasks_file: TasksFile, registry: AgencyRegistry) -> list[Agency]:
    """The office that decides (銷號, 退回, 延期): `supervision.office` when set, else the
    leading group's office named in the plan's governance; with its successors."""
    unit = tasks_file.supervision.office
    if unit is None:
        group = tasks_file.governance.leading_group if tasks_file.governance else None
        unit = group.office.unit if group is not None and group.office is not None else None
    agency = registry.exact(unit) if unit else None
    return with_successors(registry, agency) if agency is not None else []
