"""Which rules look at which field of the plan format (a hand-kept map, tested)."""

from __future__ import annotations

from pydantic import BaseModel

from suizhou_plan.load.text_fields import MODEL, MODELS, TEXT, TEXTS, fields_of

# Which rules look at a field, beyond the ones every field gets from its type (SZ110-SZ114).
# Keyed `Model.field`; tests/test_docs.py checks that every key is a field of the format,
# every slug a rule, and every rule that is not the loader's appears here.
_BY_HAND: dict[str, tuple[str, ...]] = {
    "PlanMeta.issued": ("no-progress", "meeting-cadence", "progress-before-plan"),
    "PlanMeta.addressees": ("unknown-agency",),
    "Supervision.reporting_cadence_days": ("stale-progress",),
    "Supervision.due_soon_days": ("due-soon",),
    "Supervision.verify_within_days": ("unverified-done",),
    "Supervision.office": ("decision-by-unit", "verified-by-unit", "nothing-to-decide"),
    "Section.id": ("duplicate-id", "unknown-section"),
    "Section.name": ("unknown-section", "uncovered-section"),
    "Phase.id": ("duplicate-id",),
    "Phase.start": ("phase-overlap", "phase-gap", "milestone-outside-phase", "no-progress"),
    "Phase.end": ("phase-overlap", "phase-gap", "milestone-outside-phase", "overdue",
                  "due-soon"),
    "Milestone.id": ("duplicate-id",),
    "Milestone.tasks": ("unknown-task", "unassigned"),
    "Milestone.units": ("unknown-agency", "unassigned"),
    "Milestone.due": ("milestone-outside-phase", "overdue", "due-soon"),
    "Milestone.progress": ("no-progress", "stale-progress"),
    "ProgressEntry.date": ("future-progress", "stale-progress", "status-regression",
                           "progress-out-of-order", "duplicate-progress",
                           "progress-before-plan"),
    "ProgressEntry.status": ("overdue", "due-soon", "unverified-done", "status-regression",
                             "done-without-evidence", "verified-without-report",
                             "duplicate-progress", "decision-by-unit", "verified-by-unit",
                             "nothing-to-decide"),
    "ProgressEntry.by": ("unknown-agency", "reporter-not-responsible", "duplicate-progress",
                         "decision-by-unit", "verified-by-unit", "nothing-to-decide"),
    "ProgressEntry.until": ("overdue", "due-soon"),
    "ProgressEntry.note": ("status-regression", "duplicate-progress"),
    "ProgressEntry.evidence": ("done-without-evidence", "verified-without-report",
                               "duplicate-progress"),
    "Task.id": ("duplicate-id", "unknown-task"),
    "Task.section": ("unknown-section", "uncovered-section"),
    "Task.units": ("unknown-agency", "unassigned", "vague-agency", "defunct-agency",
                   "possibly-renamed", "idle-agency"),
    "Task.lead": ("unknown-agency", "lead-not-listed"),
    "Task.due": ("overdue", "due-soon"),
    "Task.progress": ("no-progress", "stale-progress"),
    "Target.id": ("duplicate-id",),
    "Target.due": ("overdue", "due-soon"),
    "Target.progress": ("no-progress", "stale-progress"),
    "LeadingGroup.members": ("unknown-agency",),
    "LeadingGroup.meetings": ("meeting-cadence",),
    "Meeting.date": ("meeting-cadence",),
    "Meeting.kind": ("meeting-cadence",),
    "Office.unit": ("unknown-agency",),
    "Mechanism.id": ("duplicate-id",),
    "Mechanism.section": ("unknown-section", "uncovered-section"),
    "Mechanism.daily_unit": ("unknown-agency",),
    "Agency.id": ("duplicate-id", "unknown-agency", "id-case-clash"),
    "Agency.name": ("unknown-agency",),
    "Agency.kind": ("unassigned", "vague-agency", "idle-agency"),
    "Agency.aliases": ("unknown-agency",),
    "Agency.members": ("unknown-agency",),
    "Agency.change": ("possibly-renamed",),
    "Change.successor": ("unknown-agency", "defunct-agency"),
    "Change.valid_until": ("defunct-agency", "possibly-renamed"),
    "Change.known_by": ("defunct-agency", "possibly-renamed"),
}


def _text_fields() -> list[str]:
    """Every text field of the format (`Task.title`), as `ambiguous-text` walks them."""
    from suizhou_plan.model.agency import AgenciesFile
    from suizhou_plan.model.plan import TasksFile

    out: list[str] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, (kind, sub) in fields_of(model).items():
            if kind in (TEXT, TEXTS):
                out.append(f"{model.__name__}.{name}")
            elif kind in (MODEL, MODELS) and sub is not None:
                visit(sub)

    visit(TasksFile)
    visit(AgenciesFile)
    return out


# `ambiguous-text` looks at every text field, so it is added to each here, not by hand.
CHECKED_BY: dict[str, tuple[str, ...]] = dict(_BY_HAND)
for _field in _text_fields():
    CHECKED_BY[_field] = (*CHECKED_BY.get(_field, ()), "ambiguous-text")
