"""A semantic diff of two plans: what a reviewer of a plan edit needs to see.

Items added or removed; units added, removed or reordered, with a change of lead called
out; due dates moved (later = slipped, by how many days); status changes; titles changed;
agencies added, removed or renamed."""

from __future__ import annotations

from dataclasses import dataclass

from suizhou_plan.index import Item, PlanIndex


@dataclass(frozen=True)
class Change:
    kind: str  # item-added, item-removed, lead-changed, units-changed, due-slipped, ...
    subject: str  # item or agency id
    message: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "subject": self.subject, "message": self.message}


def _names(item: Item) -> list[str]:
    return [ref.agency.name if ref.agency else ref.text for ref in item.refs]


def _unit_changes(old: Item, new: Item) -> list[Change]:
    sid = new.id
    out: list[Change] = []
    old_lead = old.lead.id if old.lead else None
    new_lead = new.lead.id if new.lead else None
    if old_lead != new_lead:
        out.append(Change("lead-changed", sid, f"{sid}: lead changed from "
                          f"「{old.lead.name if old.lead else '—'}」 to "
                          f"「{new.lead.name if new.lead else '—'}」"))
    before, after = _names(old), _names(new)
    added = [n for n in after if n not in before]
    removed = [n for n in before if n not in after]
    if added or removed:
        parts = (["added " + "、".join(added)] if added else []) + (
            ["removed " + "、".join(removed)] if removed else [])
        out.append(Change("units-changed", sid, f"{sid}: units " + "; ".join(parts)))
    elif before != after and old_lead == new_lead:
        out.append(Change("units-reordered", sid, f"{sid}: units reordered"))
    return out


def _item_changes(old: Item, new: Item) -> list[Change]:
    """Changes of an item's own fields; what it derives from another item (a target's or
    milestone's units from its task) is reported once, on that item."""
    sid = new.id
    out: list[Change] = []
    if new.kind in ("task", "safeguard"):
        out += _unit_changes(old, new)
    elif new.kind == "milestone":
        if old.linked != new.linked:
            out.append(Change("links-changed", sid, f"{sid}: advances "
                              f"{', '.join(old.linked) or '—'} → {', '.join(new.linked) or '—'}"))
        if old.lead_inferred is False or new.lead_inferred is False:
            out += _unit_changes(old, new)
    if old.due != new.due and not (new.kind in ("task", "safeguard") and new.due_rule ==
                                   old.due_rule == "plan end"):
        days = (new.due - old.due).days
        kind, word = ("due-slipped", "slipped") if days > 0 else ("due-advanced",
                                                                  "brought forward")
        out.append(Change(kind, sid, f"{sid}: due date {word} by {abs(days)} day(s), "
                                     f"{old.due} → {new.due}"))
    if old.status != new.status:
        out.append(Change("status-changed", sid, f"{sid}: status {old.status} → {new.status}"))
    if old.title != new.title:
        out.append(Change("title-changed", sid, f"{sid}: title 「{old.title}」 → 「{new.title}」"))
    if (old.kind in ("task", "safeguard") and old.task is not None and new.task is not None
            and old.task.text != new.task.text):
        out.append(Change("text-changed", sid, f"{sid}: source text changed"))
    return out


def diff_plans(old: PlanIndex, new: PlanIndex) -> list[Change]:
    changes: list[Change] = []
    for item_id, item in new.by_id.items():
        if item_id not in old.by_id:
            changes.append(Change("item-added", item_id,
                                  f"{item_id}: {item.kind} added 「{item.title}」"))
    for item_id, item in old.by_id.items():
        if item_id not in new.by_id:
            changes.append(Change("item-removed", item_id,
                                  f"{item_id}: {item.kind} removed 「{item.title}」"))
        else:
            changes.extend(_item_changes(item, new.by_id[item_id]))
    old_phases = {p.id: p for p in old.tasks_file.phases}
    for phase in new.tasks_file.phases:
        was = old_phases.get(phase.id)
        if was is None:
            changes.append(Change("phase-added", phase.id, f"phase {phase.id} added"))
        elif (was.start, was.end) != (phase.start, phase.end):
            changes.append(Change("phase-moved", phase.id, f"phase {phase.id}: {was.start} → "
                                  f"{was.end} is now {phase.start} → {phase.end}"))
    for phase_id in old_phases.keys() - {p.id for p in new.tasks_file.phases}:
        changes.append(Change("phase-removed", phase_id, f"phase {phase_id} removed"))
    old_agencies = old.registry.by_id
    new_agencies = new.registry.by_id
    for agency_id, agency in new_agencies.items():
        previous = old_agencies.get(agency_id)
        if previous is None:
            changes.append(Change("agency-added", agency_id,
                                  f"agency {agency_id} added 「{agency.name}」"))
        elif previous.name != agency.name:
            changes.append(Change("agency-renamed", agency_id,
                                  f"agency {agency_id} renamed 「{previous.name}」 → "
                                  f"「{agency.name}」"))
        elif previous != agency:
            changes.append(Change("agency-changed", agency_id,
                                  f"agency {agency_id} 「{agency.name}」 details changed"))
    for agency_id, agency in old_agencies.items():
        if agency_id not in new_agencies:
            changes.append(Change("agency-removed", agency_id,
                                  f"agency {agency_id} removed 「{agency.name}」"))
    if old.tasks_file.governance != new.tasks_file.governance:
        changes.append(Change("governance-changed", "governance",
                              "governance (leading group, meetings or mechanisms) changed"))
    return changes


def touched_items(changes: list[Change], new: PlanIndex) -> set[str]:
    """Item ids an edit touched: changed items, their milestones and targets, and the items
    of changed agencies (for `check --changed-since`)."""
    touched = {c.subject for c in changes if c.subject in new.by_id}
    agencies = {c.subject for c in changes if c.kind.startswith("agency-")}
    for item in new.items:
        if item.task is not None and item.task.id in touched:
            touched.add(item.id)
        if item.kind == "milestone" and touched & set(item.linked):
            touched.add(item.id)
        if agencies & {a.id for a in item.agencies}:
            touched.add(item.id)
    return touched
