"""The normalised plan as plain data (the `export --format json` contract)."""

from __future__ import annotations

from datetime import date
from typing import Any

from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import Item, PlanIndex
from suizhou_plan.views.state import states_on, tally_of

EXPORT_VERSION = 1


def _progress(entries: Any) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json", exclude_none=True) for e in entries]


def standing(index: PlanIndex, as_of: date) -> tuple[dict[str, Any], Any]:
    """With `--as-of`: the counts over every item (`status.tally`) and a function giving an
    item's light, lead and holders on that date (`state.ItemState` and `holding.Holders`, as
    every other view)."""
    holders = Holders(index, as_of)
    held = holders.by_item()
    states = states_on(holders, index.tasks_file.supervision.due_soon_days)

    def of(item: Item) -> dict[str, Any]:
        state = states.of(item)
        lead = state.lead
        return {"light": state.light.value, "lead_as_of": lead.id if lead else None,
                "holders": [{"unit": unit.id, "role": h.role,
                             "via": h.via.id if h.via else None, "via_kind": h.via_kind}
                            for unit, h in held.get(id(item), [])]}

    counts = tally_of(states.of(item) for item in index.items)
    return {"date": as_of.isoformat(), "counts": counts}, of


def _nothing(item: Item) -> dict[str, Any]:
    return {}


def export_plan(index: PlanIndex, as_of: date | None = None) -> dict[str, Any]:
    """The plan as data; with `as_of`, each item also carries its light and its holders on
    that date, and `as_of` the counts over all items."""
    summary: dict[str, Any] | None = None
    extra: Any = _nothing
    if as_of is not None:
        summary, extra = standing(index, as_of)
    tf = index.tasks_file
    items = index.by_id
    registry = index.registry

    def unit_id(name: str) -> str | None:
        agency = registry.exact(name)
        return agency.id if agency else None

    tasks = []
    for task in tf.tasks:
        item = items[task.id]
        tasks.append({
            "id": task.id,
            "number": task.number,
            "kind": task.kind,
            "section": task.section,
            "title": task.title,
            "text": task.text,
            "agencies": [unit_id(u) for u in task.units],
            "lead": item.lead.id if item.lead else None,
            "lead_inferred": item.lead_inferred,
            "due": item.due.isoformat(),
            "planned_due": (item.planned_due or item.due).isoformat(),
            "due_rule": item.due_rule,
            "targets": [
                {"id": g.id, "text": g.text, "due_text": g.due_text, "due": g.due.isoformat(),
                 "status": items[g.id].status if g.id in items else "unknown",
                 "progress": _progress(g.progress),
                 **(extra(items[g.id]) if g.id in items else {})}
                for g in task.targets
            ],
            "milestones": item.linked,
            "status": item.status,
            "progress": _progress(task.progress),
            "repairs": [r.model_dump() for r in task.repairs],
            **extra(item),
        })
    phases = [
        {
            "id": p.id, "number": p.number, "theme": p.theme, "period": p.period,
            "start": p.start.isoformat(), "end": p.end.isoformat(),
            "milestones": [
                {"id": m.id, "title": m.title, "due": (m.due or p.end).isoformat(),
                 "tasks": list(m.tasks), "agencies": [unit_id(u) for u in m.units],
                 "status": items[m.id].status if m.id in items else "unknown",
                 "progress": _progress(m.progress),
                 **(extra(items[m.id]) if m.id in items else {})}
                for m in p.milestones
            ],
        }
        for p in tf.phases
    ]
    agencies = [
        {
            "id": a.id, "name": a.name, "full_name": a.full_name, "aliases": list(a.aliases),
            "kind": a.kind, "members": list(a.members), "vague": a.vague,
            "in_source_text": a.in_source_text,
            "change": a.change.model_dump(mode="json") if a.change else None,
        }
        for a in index.agencies_file.agencies
    ]
    return {
        "schema_version": EXPORT_VERSION,
        "plan": tf.plan.model_dump(mode="json"),
        "supervision": tf.supervision.model_dump(mode="json"),
        "sections": [s.model_dump(mode="json") for s in tf.sections],
        "phases": phases,
        "agencies": agencies,
        "tasks": tasks,
        "governance": tf.governance.model_dump(mode="json") if tf.governance else None,
        **({"as_of": summary} if summary is not None else {}),
    }
