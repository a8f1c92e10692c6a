"""What a unit, section or phase typed on the command line names: a unit by its id, name, full
name or alias in either script (`pick_agency`, for `--agency` and the units `duties`,
`remind` and `progress` take), and the part of the plan `--phase`, `--agency` and
`--section` narrow a report to (`pick_scope`).  A name that fits nothing, or several, is a
usage error (exit 2) that says what to type."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from suizhou_plan.base.escapes import visible
from suizhou_plan.base.names import name_key
from suizhou_plan.i18n import Msg
from suizhou_plan.views.registry import AgencyRegistry
from suizhou_plan.views.scope import Scope

if TYPE_CHECKING:
    from suizhou_plan.load.plan_loader import Loaded
    from suizhou_plan.model.agency import Agency


def pick_agency(registry: AgencyRegistry, text: str) -> Agency:
    """One unit for `text`, or a usage error with did-you-mean / the ambiguous matches."""
    lookup = registry.find(text)
    if len(lookup.matches) == 1:
        return lookup.matches[0]
    if lookup.matches:
        names = visible("; ".join(f"{a.name} ({a.id})" for a in lookup.matches))
        raise click.UsageError(Msg("{text} matches several units: {names}; type one of the ids",
                                   text=repr(text), names=names))
    if lookup.suggestions:
        raise click.UsageError(Msg("no unit is called {text}; did you mean {names}?",
                                   text=repr(text), names=visible("、".join(lookup.suggestions))))
    raise click.UsageError(Msg("no unit is called {text}; type `suizhou agencies` to list them",
                               text=repr(text)))


def pick_scope(loaded: Loaded, phase: int | None, agency: str | None,
               section: str | None) -> Scope:
    """The part of the loaded plan that `--phase`, `--agency` and `--section` name."""
    tasks = loaded.tasks
    found_agency = None
    if agency is not None:
        found_agency = pick_agency(AgencyRegistry(loaded.agencies.agencies), agency)
    section_name = None
    if section is not None:
        wanted = name_key(section)
        matches = [s for s in tasks.sections if wanted in (name_key(s.name), name_key(s.id))]
        if not matches:
            names = visible("、".join(s.name for s in tasks.sections))
            raise click.UsageError(Msg("no section {name}; type one of: {names}",
                                       name=repr(section), names=names))
        section_name = matches[0].name
    if phase is not None and phase not in {p.number for p in tasks.phases}:
        numbers = ", ".join(str(p.number) for p in tasks.phases)
        raise click.UsageError(Msg("the plan has no phase {phase}; type one of: {numbers}",
                                   phase=phase, numbers=numbers))
    return Scope(phase=phase, agency=found_agency, section=section_name)
