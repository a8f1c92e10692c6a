"""The leading group and the coordination mechanisms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import rule


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@rule("SZ601", "meeting-cadence", Severity.WARNING,
      "the leading group has not met in the last 12 months", dated=True,
      reads=("PlanMeta.issued", "LeadingGroup.meetings", "Meeting.date", "Meeting.kind"),
      governance=Msg("hold the leading group's plenary meeting as the plan requires"))
def meeting_cadence(ctx: Context) -> Iterator[Problem]:
    """The plan says the leading group meets 一般一年召開1至2次 (once or twice a year).  With no
    plenary meeting in `governance.leading_group.meetings` in the 12 months before the
    as-of date, the office should schedule one (or record the one that was held).  Checked
    once the group has existed for a year (from the plan's issue date).

    Failing (as of 2023-06-01):

        meetings: []

    Passing:

        meetings:
          - {date: 2022-12-20, kind: plenary, evidence: [會議紀要〔2022〕1號]}
    """
    tf = ctx.index.tasks_file
    lg = tf.governance.leading_group if tf.governance else None
    if lg is None:
        return
    since = _year_before(ctx.as_of)
    if since < tf.plan.issued:
        return
    held = [m for m in lg.meetings if m.kind == "plenary" and since <= m.date <= ctx.as_of]
    if held:
        return
    last = max((m.date for m in lg.meetings if m.kind == "plenary" and m.date <= ctx.as_of),
               default=None)
    yield Problem(
        "meeting-cadence",
        Msg("{group} has no plenary meeting recorded between {since} and {until} (last: "
            "{last})", group=lg.name, since=since, until=ctx.as_of, last=last) if last else
        Msg("{group} has no plenary meeting recorded between {since} and {until} (none "
            "recorded)", group=lg.name, since=since, until=ctx.as_of),
        ctx.at(("governance", "leading_group", "meetings")),
        Msg("record meetings held under `meetings:` (date, kind: plenary, evidence), or "
            "schedule one"),
    )


@rule("SZ602", "uncovered-section", Severity.INFO,
      "a section that no coordination mechanism covers",
      reads=("Section.name", "Task.section", "Mechanism.section"))
def uncovered_section(ctx: Context) -> Iterator[Problem]:
    """The plan sets up three mechanisms (數字政府 / 數字經濟 / 數字社會); 數字生態 (tasks 19–25)
    has none of its own, so its tasks are coordinated only by the leading group's office.
    Safeguard measures are the leading group's own.

    Failing: a section with tasks and no mechanism whose `section` names it.

    Passing: each task section named by a mechanism.
    """
    tf = ctx.index.tasks_file
    covered = {m.section for m in tf.governance.mechanisms} if tf.governance else set()
    with_tasks = {t.section for t in tf.tasks if t.kind == "task"}
    for si, section in enumerate(tf.sections):
        if section.id == "safeguards" or section.name in covered or section.id in covered:
            continue
        if section.name not in with_tasks and section.id not in with_tasks:
            continue
        yield Problem(
            "uncovered-section",
            Msg("section 「{section}」 has tasks but no coordination mechanism",
                section=section.name),
            ctx.at(("sections", si)),
            Msg("its tasks are coordinated by the leading group's office; nothing to fix"),
        )
