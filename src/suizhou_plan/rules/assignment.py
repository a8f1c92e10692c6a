"""Who is responsible: items with nobody, vague placeholders, units that no longer exist,
and units with no duty at all."""

from __future__ import annotations

from collections.abc import Iterator

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.model.agency import Agency
from suizhou_plan.model.status import DONE
from suizhou_plan.rules.about import describe
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import rule
from suizhou_plan.views.holding import CONFIDENCE


@rule("SZ401", "unassigned", Severity.ERROR, "no responsible unit, or only vague ones",
      reads=("Milestone.tasks", "Milestone.units", "Task.units", "Agency.kind"))
def unassigned(ctx: Context) -> Iterator[Problem]:
    """A task or measure with no units, or whose only units are vague placeholders such as
    `市政府有關部門` (which names nobody in particular), is in practice unassigned.  A milestone
    with no linked task and no units of its own is unassigned too.

    Failing:

        units: [市政府有關部門]

    Passing:

        units: [市政數局, 市政府有關部門]
    """
    vague = _vague_ids(ctx)
    for item in ctx.index.iter_kind("task", "safeguard", "milestone"):
        if item.resolved and not vague.issuperset(map(id, item.resolved)):
            continue  # a specific unit holds it (the common case, decided without a loop)
        known = [ref.agency for ref in item.refs if ref.agency is not None]
        if any(ref.agency is None for ref in item.refs):
            continue  # unknown-agency reports these; do not guess
        if item.kind == "milestone" and any(t not in ctx.index.by_id for t in item.linked):
            continue  # unknown-task reports these
        if item.kind == "milestone" and not item.refs:
            message = Msg("{item} links no task and names no unit of its own",
                          item=describe(item))
        elif not known:
            message = Msg("{item} has no responsible unit", item=describe(item))
        else:
            message = Msg("{item} names only vague units ({units})", item=describe(item),
                          units="、".join(a.name for a in known))
        yield Problem(
            "unassigned",
            message,
            ctx.at((*item.path, "units") if item.refs else item.path),
            Msg("name at least one specific unit as lead (first in `units`)")
            if item.kind != "milestone"
            else Msg("link the milestone to its task(s) in `tasks:` or give it `units:`"),
            task=item.id if item.kind != "milestone" else None,
            milestone=item.id if item.kind == "milestone" else None,
            phase=item.phase.id if item.phase is not None and item.kind == "milestone" else None,
        )


@rule("SZ402", "vague-agency", Severity.WARNING, "a vague placeholder among real units",
      reads=("Task.units", "Agency.kind"))
def vague_agency(ctx: Context) -> Iterator[Problem]:
    """`市政府有關部門` ("relevant municipal departments") names nobody: among specific units
    it adds no one to hold to account.  Name the departments meant, or accept the warning.

    Failing:

        units: [市政數局, 市政府有關部門]

    Passing:

        units: [市政數局, 市財政局]
    """
    vague = _vague_ids(ctx)
    if not vague:
        return
    for item in ctx.index.iter_kind("task", "safeguard"):
        if vague.isdisjoint(map(id, item.resolved)):
            continue  # no vague unit among its units: nothing to say
        known = [ref for ref in item.refs if ref.agency is not None]
        if all(ref.agency.vague for ref in known if ref.agency):
            continue  # nothing specific: `unassigned` covers it
        for ref in known:
            if ref.agency is not None and ref.agency.vague:
                yield Problem(
                    "vague-agency",
                    Msg("{id} lists 「{unit}」, which names no particular unit", id=item.id,
                        unit=ref.text),
                    ctx.at(ref.path),
                    Msg("name the departments meant, so each sees the duty in its own list"),
                    task=item.id,
                    agency=ref.agency.id,
                )


def _vague_ids(ctx: Context) -> set[int]:
    """Identities of the vague units (each unit is one object in the index)."""
    return {id(a) for a in ctx.index.registry.agencies if a.vague}


def _changed_ids(ctx: Context) -> set[int]:
    """Identities of the units with a recorded `change`."""
    return {id(a) for a in ctx.index.registry.agencies if a.change is not None}


def _gone_since(agency: Agency) -> Msg | None:
    change = agency.change
    if change is None:
        return None
    if change.valid_until is not None:
        return Msg("ceased on {date}", date=change.valid_until)
    if change.known_by is not None:
        return Msg("was replaced by {date} at the latest", date=change.known_by)
    return None


@rule("SZ403", "defunct-agency", Severity.WARNING,
      "an open duty held by a unit that no longer exists", dated=True,
      reads=("Task.units", "Change.successor", "Change.valid_until", "Change.known_by"),
      governance=Msg("the successor unit carries on the duty; the office tells it so"))
def defunct_agency(ctx: Context) -> Iterator[Problem]:
    """An open task or measure still names a unit whose `change.valid_until` (or
    `change.known_by`) is before the as-of date.  The successor is named when known, with
    the confidence recorded in agencies.yaml.

    Failing (as of 2024-01-01):

        units: [人行隨州中心支行]     # ceased 2023-08-17

    Passing:

        units: [中國人民銀行隨州市分行]
    """
    registry = ctx.index.registry
    changed = _changed_ids(ctx)
    if not changed:
        return
    for item in ctx.index.iter_kind("task", "safeguard"):
        if item.status in DONE or changed.isdisjoint(map(id, item.resolved)):
            continue
        for ref in item.refs:
            agency = ref.agency
            if agency is None or agency.change is None:
                continue
            change = agency.change
            cutoff = change.valid_until or change.known_by
            if cutoff is None or cutoff >= ctx.as_of:
                continue
            succ = registry.by_id.get(change.successor or "")
            yield Problem(
                "defunct-agency",
                Msg("{id} is assigned to 「{unit}」, which {gone} ({confidence}); successor: "
                    "「{successor}」", id=item.id, unit=agency.name, gone=_gone_since(agency),
                    confidence=CONFIDENCE[change.confidence],
                    successor=succ.name) if succ else
                Msg("{id} is assigned to 「{unit}」, which {gone} ({confidence})", id=item.id,
                    unit=agency.name, gone=_gone_since(agency),
                    confidence=CONFIDENCE[change.confidence]),
                ctx.at(ref.path),
                Msg("assign the duty to 「{unit}」 (its successor)", unit=succ.name) if succ
                else Msg("assign the duty to the unit that took over"),
                task=item.id,
                agency=agency.id,
            )


@rule("SZ404", "possibly-renamed", Severity.INFO,
      "an open duty held by a unit that may have been renamed or merged",
      reads=("Task.units", "Agency.change", "Change.valid_until", "Change.known_by"),
      governance=Msg("the office confirms the unit's present name with it"))
def possibly_renamed(ctx: Context) -> Iterator[Problem]:
    """A unit with a recorded `change` but no date for it: renamed or merged since 2021 is
    likely or unconfirmed.  Worth confirming before the duty list is sent.

    Failing:

        - id: local-finance
          change: {confidence: unconfirmed, source: DOMAIN.md}

    Passing: the same unit with `change.valid_until` once the date is confirmed (then
    `defunct-agency` applies), or without `change` once it is confirmed unchanged.
    """
    changed = _changed_ids(ctx)
    if not changed:
        return
    for item in ctx.index.iter_kind("task", "safeguard"):
        if item.status in DONE or changed.isdisjoint(map(id, item.resolved)):
            continue
        for ref in item.refs:
            agency = ref.agency
            if agency is None or agency.change is None:
                continue
            if agency.change.valid_until or agency.change.known_by:
                continue
            yield Problem(
                "possibly-renamed",
                Msg("{id} is assigned to 「{unit}」, which may have been renamed or merged since "
                    "2021 ({confidence})", id=item.id, unit=agency.name,
                    confidence=CONFIDENCE[agency.change.confidence]),
                ctx.at(ref.path),
                Msg("confirm the unit's current name and record it in agencies.yaml"),
                task=item.id,
                agency=agency.id,
            )


@rule("SZ405", "idle-agency", Severity.INFO, "a defined unit with no duty at all",
      reads=("Task.units", "Agency.kind"))
def idle_agency(ctx: Context) -> Iterator[Problem]:
    """A unit in agencies.yaml (for example a leading-group member) that no task, measure or
    milestone names, directly or through a collective.  Not an error: the office sees who
    carries no load.  The issuing government, placeholders and successors of units that hold
    duties are not counted.

    Failing: 市科技局 is a leading-group member and holds no duty.

    Passing: a unit that some task lists in `units`.
    """
    index = ctx.index
    holding: dict[int, Agency] = {}  # every unit named anywhere, once (by identity)
    for item in index.items:
        for agency in item.resolved:
            holding[id(agency)] = agency
    busy: set[str] = set()
    for agency in holding.values():
        busy.add(agency.id)
        busy.update(agency.members)
    for agency in index.agencies_file.agencies:
        if agency.change and agency.change.successor and agency.id in busy:
            busy.add(agency.change.successor)
    for ai, agency in enumerate(index.agencies_file.agencies):
        if agency.id in busy or agency.kind in ("municipal-government", "placeholder"):
            continue
        yield Problem(
            "idle-agency",
            Msg("「{unit}」 holds no duty in the plan", unit=agency.name),
            ctx.at_agency(("agencies", ai)),
            Msg("nothing to fix unless the unit was meant to be on a task"),
            agency=agency.id,
        )
