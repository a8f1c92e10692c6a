"""A semantic diff of two plans: what a reviewer of a plan edit needs to see.

Items added or removed; units added, removed or reordered, with a change of lead called
out; due dates moved (later = slipped, by how many days); status changes; titles changed;
agencies added, removed or renamed."""

from __future__ import annotations

from dataclasses import dataclass

from suizhou_plan.i18n import Msg
from suizhou_plan.i18n import Word as _Word  # words the catalogue holds already
from suizhou_plan.model.status import status_word
from suizhou_plan.views.index import Item, PlanIndex


@dataclass(frozen=True)
class Change:
    kind: str  # item-added, item-removed, lead-changed, units-changed, due-slipped, ...
    subject: str  # item or agency id
    message: str  # a `Msg`: English as it stands, any language through `localise`

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "subject": self.subject, "message": self.message}


def _kind(kind: str) -> _Word:
    return _Word("sheet:kind:" + kind, kind)


def _names(item: Item) -> list[str]:
    return [ref.agency.name if ref.agency else ref.text for ref in item.refs]


def _unit_changes(old: Item, new: Item) -> list[Change]:
    sid = new.id
    out: list[Change] = []
    old_lead = old.lead.id if old.lead else None
    new_lead = new.lead.id if new.lead else None
    if old_lead != new_lead:
        out.append(Change("lead-changed", sid, Msg(
            "{id}: lead changed from 「{old}」 to 「{new}」", id=sid,
            old=old.lead.name if old.lead else "—", new=new.lead.name if new.lead else "—")))
    before, after = _names(old), _names(new)
    added = [n for n in after if n not in before]
    removed = [n for n in before if n not in after]
    if added and removed:
        out.append(Change("units-changed", sid, Msg(
            "{id}: units added {added}; removed {removed}", id=sid, added="、".join(added),
            removed="、".join(removed))))
    elif added:
        out.append(Change("units-changed", sid, Msg("{id}: units added {added}", id=sid,
                                                    added="、".join(added))))
    elif removed:
        out.append(Change("units-changed", sid, Msg("{id}: units removed {removed}", id=sid,
                                                    removed="、".join(removed))))
    elif before != after and old_lead == new_lead:
        out.append(Change("units-reordered", sid, Msg("{id}: units reordered", id=sid)))
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
            out.append(Change("links-changed", sid, Msg(
                "{id}: advances {old} → {new}", id=sid, old=", ".join(old.linked) or "—",
                new=", ".join(new.linked) or "—")))
        if old.lead_inferred is False or new.lead_inferred is False:
            out += _unit_changes(old, new)
    if old.due != new.due and not (new.kind in ("task", "safeguard") and new.due_rule ==
                                   old.due_rule == "plan end"):
        days = (new.due - old.due).days
        if days > 0:
            out.append(Change("due-slipped", sid, Msg(
                "{id}: due date slipped by {days} day(s), {old} → {new}", id=sid, days=days,
                old=old.due, new=new.due)))
        else:
            out.append(Change("due-advanced", sid, Msg(
                "{id}: due date brought forward by {days} day(s), {old} → {new}", id=sid,
                days=-days, old=old.due, new=new.due)))
    if old.status != new.status:
        out.append(Change("status-changed", sid, Msg(
            "{id}: status {old} → {new}", id=sid, old=status_word(old.status),
            new=status_word(new.status))))
    if old.title != new.title:
        out.append(Change("title-changed", sid, Msg("{id}: title 「{old}」 → 「{new}」", id=sid,
                                                    old=old.title, new=new.title)))
    if (old.kind in ("task", "safeguard") and old.task is not None and new.task is not None
            and old.task.text != new.task.text):
        out.append(Change("text-changed", sid, Msg("{id}: source text changed", id=sid)))
    return out


def diff_plans(old: PlanIndex, new: PlanIndex) -> list[Change]:
    changes: list[Change] = []
    for item_id, item in new.by_id.items():
        if item_id not in old.by_id:
            changes.append(Change("item-added", item_id, Msg(
                "{id}: {kind} added 「{title}」", id=item_id, kind=_kind(item.kind),
                title=item.title)))
    for item_id, item in old.by_id.items():
        if item_id not in new.by_id:
            changes.append(Change("item-removed", item_id, Msg(
                "{id}: {kind} removed 「{title}」", id=item_id, kind=_kind(item.kind),
                title=item.title)))
        else:
            changes.extend(_item_changes(item, new.by_id[item_id]))
    old_phases = {p.id: p for p in old.tasks_file.phases}
    for phase in new.tasks_file.phases:
        was = old_phases.get(phase.id)
        if was is None:
            changes.append(Change("phase-added", phase.id, Msg("phase {id} added",
                                                               id=phase.id)))
        elif (was.start, was.end) != (phase.start, phase.end):
            changes.append(Change("phase-moved", phase.id, Msg(
                "phase {id}: {old_start} → {old_end} is now {start} → {end}", id=phase.id,
                old_start=was.start, old_end=was.end, start=phase.start, end=phase.end)))
    for phase_id in old_phases.keys() - {p.id for p in new.tasks_file.phases}:
        changes.append(Change("phase-removed", phase_id, Msg("phase {id} removed",
                                                             id=phase_id)))
    old_agencies = old.registry.by_id
    new_agencies = new.registry.by_id
    for agency_id, agency in new_agencies.items():
        previous = old_agencies.get(agency_id)
        if previous is None:
            changes.append(Change("agency-added", agency_id, Msg(
                "agency {id} added 「{name}」", id=agency_id, name=agency.name)))
        elif previous.name != agency.name:
            changes.append(Change("agency-renamed", agency_id, Msg(
                "agency {id} renamed 「{old}」 → 「{new}」", id=agency_id, old=previous.name,
                new=agency.name)))
        elif previous != agency:
            changes.append(Change("agency-changed", agency_id, Msg(
                "agency {id} 「{name}」 details changed", id=agency_id, name=agency.name)))
    for agency_id, agency in old_agencies.items():
        if agency_id not in new_agencies:
            changes.append(Change("agency-removed", agency_id, Msg(
                "agency {id} removed 「{name}」", id=agency_id, name=agency.name)))
    if old.tasks_file.governance != new.tasks_file.governance:
        changes.append(Change("governance-changed", "governance", Msg(
            "governance (leading group, meetings or mechanisms) changed")))
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
