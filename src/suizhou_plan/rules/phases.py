"""Phase order: the phases follow one another without overlap or gap, and a milestone falls
within its phase."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.model.plan import Phase
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import rule


@rule("SZ206", "milestone-outside-phase", Severity.ERROR,
      "a milestone due outside its phase's window",
      reads=("Phase.start", "Phase.end", "Milestone.due"))
def milestone_outside_phase(ctx: Context) -> Iterator[Problem]:
    """A milestone with its own `due` must fall within its phase (start to end).

    Failing (phase 1 ends 2023-11-30):

        - id: P1-M1
          due: 2024-03-31

    Passing:

        - id: P1-M1
          due: 2023-06-30
    """
    for pi, phase in enumerate(ctx.index.tasks_file.phases):
        for mi, ms in enumerate(phase.milestones):
            if ms.due is not None and not phase.start <= ms.due <= phase.end:
                yield Problem(
                    "milestone-outside-phase",
                    Msg("milestone {id} is due {due}, outside phase {phase} ({start} to {end})",
                        id=ms.id, due=ms.due, phase=phase.number, start=phase.start,
                        end=phase.end),
                    ctx.at(("phases", pi, "milestones", mi, "due")),
                    Msg("move the milestone to the phase whose window holds its date, or fix "
                        "the date"),
                    milestone=ms.id,
                    phase=phase.id,
                )


def _successive(phases: list[Phase]) -> Iterator[tuple[int, int]]:
    """Index pairs of phases that follow one another by start date."""
    return itertools.pairwise(sorted(range(len(phases)), key=lambda i: phases[i].start))


@rule("SZ207", "phase-overlap", Severity.ERROR, "two phases overlap",
      reads=("Phase.start", "Phase.end"))
def phase_overlap(ctx: Context) -> Iterator[Problem]:
    """Phases follow one another: each starts after the previous one ends.

    Failing:

        - {id: P1, number: 1, start: 2021-11-01, end: 2023-11-30}
        - {id: P2, number: 2, start: 2023-11-01, end: 2024-11-30}

    Passing:

        - {id: P1, number: 1, start: 2021-11-01, end: 2023-11-30}
        - {id: P2, number: 2, start: 2023-12-01, end: 2024-11-30}
    """
    phases = ctx.index.tasks_file.phases
    for a, b in _successive(phases):
        if phases[b].start <= phases[a].end:
            yield Problem(
                "phase-overlap",
                Msg("phase {later} starts {start}, before phase {earlier} ends ({end})",
                    later=phases[b].number, start=phases[b].start, earlier=phases[a].number,
                    end=phases[a].end),
                ctx.at(("phases", b, "start")),
                Msg("start phase {phase} the day after {end}", phase=phases[b].number,
                    end=phases[a].end),
                phase=phases[b].id,
            )


@rule("SZ208", "phase-gap", Severity.ERROR, "days between two phases belong to no phase",
      reads=("Phase.start", "Phase.end"))
def phase_gap(ctx: Context) -> Iterator[Problem]:
    """Phases cover the plan without gaps: each starts the day after the previous one ends.

    Failing:

        - {id: P1, number: 1, start: 2021-11-01, end: 2023-11-30}
        - {id: P2, number: 2, start: 2024-01-01, end: 2024-11-30}

    Passing:

        - {id: P1, number: 1, start: 2021-11-01, end: 2023-11-30}
        - {id: P2, number: 2, start: 2023-12-01, end: 2024-11-30}
    """
    phases = ctx.index.tasks_file.phases
    for a, b in _successive(phases):
        gap = (phases[b].start - phases[a].end).days
        if gap > 1:
            yield Problem(
                "phase-gap",
                Msg("{days} day(s) between phase {earlier} (ends {end}) and phase {later} "
                    "(starts {start}) belong to no phase", days=gap - 1,
                    earlier=phases[a].number, end=phases[a].end, later=phases[b].number,
                    start=phases[b].start),
                ctx.at(("phases", b, "start")),
                Msg("start phase {phase} the day after {end}", phase=phases[b].number,
                    end=phases[a].end),
                phase=phases[b].id,
            )
