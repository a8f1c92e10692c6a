"""Cross-references: every id and unit name the plan uses must exist, once."""

from __future__ import annotations

import difflib
from collections.abc import Container, Iterable, Iterator

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.base.names import closest
from suizhou_plan.i18n import Msg, Word
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import rule

Path = tuple[str | int, ...]


def unit_sites(ctx: Context, known: Container[str] = ()) -> Iterator[tuple[Path, str, str | None]]:
    """Every place tasks.yaml names a unit: (path, text, task id), leaving out the texts in
    `known` (a plan names a few hundred units a hundred thousand times: most sites need
    no path made)."""
    tf = ctx.index.tasks_file
    for j, name in enumerate(tf.plan.addressees):
        if name not in known:
            yield ("plan", "addressees", j), name, None
    for ti, task in enumerate(tf.tasks):
        for j, name in enumerate(task.units):
            if name not in known:
                yield ("tasks", ti, "units", j), name, task.id
        if task.lead is not None and task.lead not in known:
            yield ("tasks", ti, "lead"), task.lead, task.id
        for k, entry in enumerate(task.progress):
            if entry.by and entry.by not in known:
                yield ("tasks", ti, "progress", k, "by"), entry.by, task.id
        for gi, target in enumerate(task.targets):
            for k, entry in enumerate(target.progress):
                if entry.by and entry.by not in known:
                    yield ("tasks", ti, "targets", gi, "progress", k, "by"), entry.by, task.id
    for pi, phase in enumerate(tf.phases):
        for mi, ms in enumerate(phase.milestones):
            base: Path = ("phases", pi, "milestones", mi)
            for j, name in enumerate(ms.units):
                if name not in known:
                    yield (*base, "units", j), name, None
            for k, entry in enumerate(ms.progress):
                if entry.by and entry.by not in known:
                    yield (*base, "progress", k, "by"), entry.by, None
    gov = tf.governance
    if gov is not None:
        lg = gov.leading_group
        if lg is not None:
            for j, name in enumerate(lg.members):
                if name not in known:
                    yield ("governance", "leading_group", "members", j), name, None
            if lg.office is not None and lg.office.unit not in known:
                yield ("governance", "leading_group", "office", "unit"), lg.office.unit, None
        for k, mech in enumerate(gov.mechanisms):
            if mech.daily_unit not in known:
                yield ("governance", "mechanisms", k, "daily_unit"), mech.daily_unit, None


ID_OF = {
    "item": Word("id-of:item", "item"), "phase": Word("id-of:phase", "phase"),
    "section": Word("id-of:section", "section"),
    "mechanism": Word("id-of:mechanism", "mechanism"), "agency": Word("id-of:agency", "agency"),
}


def _either(names: list[str], quote: str = "「{}」") -> str:
    """「A」 or 「B」 or 「C」 (did-you-mean offers three at most), in the reader's language."""
    quoted = [quote.format(name) for name in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return Msg("{a} or {b}", a=quoted[0], b=quoted[1])
    return Msg("{a} or {b} or {c}", a=quoted[0], b=quoted[1], c=" or ".join(quoted[2:]))


def _unknown(ctx: Context, text: str) -> Msg:
    suggestions = ctx.index.registry.suggest(text)
    if suggestions:
        return Msg("did you mean {names}? (a unit is named by its name, alias or id in "
                   "agencies.yaml)", names=_either(suggestions))
    return Msg("add the unit to agencies.yaml (a unit is named by its name, alias or id in "
               "agencies.yaml)")


def _unknown_id(ctx: Context, text: str, own: str) -> Msg:
    """The hint for a member or successor id agencies.yaml lacks: the ids it resembles (the
    schema refuses a name there, so ids are what to offer)."""
    ids = difflib.get_close_matches(text, [i for i in ctx.index.registry.by_id if i != own])
    if ids:
        return Msg("did you mean {ids}? (members and successors are unit ids)",
                   ids=_either(ids, "`{}`"))
    return Msg("write the id of a unit in agencies.yaml (members and successors are unit ids)")


@rule("SZ201", "unknown-agency", Severity.ERROR, "a unit that agencies.yaml does not define",
      reads=("PlanMeta.addressees", "Milestone.units", "ProgressEntry.by", "Task.units",
             "Task.lead", "LeadingGroup.members", "Office.unit", "Mechanism.daily_unit",
             "Agency.id", "Agency.name", "Agency.aliases", "Agency.members", "Change.successor"))
def unknown_agency(ctx: Context) -> Iterator[Problem]:
    """A task, milestone, progress entry or governance entry names a unit that is not in
    `agencies.yaml` (by id, name, full name or alias).  The nearest names, in either script,
    are suggested.  Collective members and successors in `agencies.yaml` are checked by id.

    Failing (市政數據局 is not a unit):

        units: [市政數據局, 市大數據中心]

    Passing:

        units: [市政數局, 市大數據中心]
    """
    registry = ctx.index.registry
    labels = {label for agency in registry.agencies for label in registry.labels(agency)}
    for path, text, task_id in unit_sites(ctx, known=labels):  # only the unknown texts
        yield Problem(
            "unknown-agency",
            Msg("unit 「{unit}」 is not defined in agencies.yaml", unit=text),
            ctx.at(path),
            _unknown(ctx, text),
            task=task_id,
        )
    for ai, agency in enumerate(ctx.index.agencies_file.agencies):
        for j, member in enumerate(agency.members):
            if member not in registry.by_id:
                yield Problem(
                    "unknown-agency",
                    Msg("member id `{member}` of 「{unit}」 is not defined", member=member,
                        unit=agency.name),
                    ctx.at_agency(("agencies", ai, "members", j)),
                    _unknown_id(ctx, member, agency.id),
                    agency=agency.id,
                )
        if agency.change and agency.change.successor:
            succ = agency.change.successor
            if succ not in registry.by_id:
                yield Problem(
                    "unknown-agency",
                    Msg("successor id `{successor}` of 「{unit}」 is not defined",
                        successor=succ, unit=agency.name),
                    ctx.at_agency(("agencies", ai, "change", "successor")),
                    _unknown_id(ctx, succ, agency.id),
                    agency=agency.id,
                )


def _dupes(seen: dict[str, Path], ident: str, path: Path) -> Path | None:
    if ident in seen:
        return seen[ident]
    seen[ident] = path
    return None


@rule("SZ203", "duplicate-id", Severity.ERROR, "two things share one id",
      reads=("Section.id", "Phase.id", "Milestone.id", "Task.id", "Target.id", "Mechanism.id",
             "Agency.id"))
def duplicate_id(ctx: Context) -> Iterator[Problem]:
    """Ids are how commands, progress entries and milestones name things, so each must be
    unique: items (tasks, measures, targets, milestones) share one namespace; phases,
    sections, mechanisms and agencies have their own.

    Failing:

        - id: T01
          ...
        - id: T01

    Passing:

        - id: T01
          ...
        - id: T02
    """
    tf = ctx.index.tasks_file
    item_ids = [item.id for item in ctx.index.items]
    groups: list[tuple[str, Iterable[tuple[str, Path]]]] = []
    if len(set(item_ids)) < len(item_ids):  # else all distinct: no paths need making
        groups.append((
            "item",
            [
                *((t.id, ("tasks", i, "id")) for i, t in enumerate(tf.tasks)),
                *(
                    (g.id, ("tasks", i, "targets", k, "id"))
                    for i, t in enumerate(tf.tasks)
                    for k, g in enumerate(t.targets)
                ),
                *(
                    (m.id, ("phases", i, "milestones", k, "id"))
                    for i, p in enumerate(tf.phases)
                    for k, m in enumerate(p.milestones)
                ),
            ],
        ))
    groups += [
        ("phase", [(p.id, ("phases", i, "id")) for i, p in enumerate(tf.phases)]),
        ("section", [(s.id, ("sections", i, "id")) for i, s in enumerate(tf.sections)]),
    ]
    if tf.governance:
        groups.append(
            (
                "mechanism",
                [(m.id, ("governance", "mechanisms", i, "id"))
                 for i, m in enumerate(tf.governance.mechanisms)],
            )
        )
    for what, entries in groups:
        paths: dict[str, list[Path]] = {}
        for ident, path in entries:
            paths.setdefault(ident, []).append(path)
        for ident, shared in paths.items():
            if len(shared) < 2:
                continue
            # "first" is first in the file: targets are listed before milestones here,
            # yet a plan's phases come before its tasks.
            places = sorted((ctx.at(path) for path in shared),
                            key=lambda at: (at.line or 0, at.column or 0))
            for place in places[1:]:
                yield Problem(
                    "duplicate-id",
                    Msg("{what} id `{id}` is used twice (first at line {line})",
                        what=ID_OF[what], id=ident, line=places[0].line),
                    place,
                    Msg("give each one its own id"),
                )
    seen: dict[str, Path] = {}
    for i, agency in enumerate(ctx.index.agencies_file.agencies):
        first = _dupes(seen, agency.id, ("agencies", i, "id"))
        if first is not None:
            yield Problem(
                "duplicate-id",
                Msg("{what} id `{id}` is used twice (first at line {line})",
                    what=ID_OF["agency"], id=agency.id,
                    line=ctx.at_agency(first).line),
                ctx.at_agency(("agencies", i, "id")),
                Msg("give each unit its own id"),
                agency=agency.id,
            )


@rule("SZ202", "unknown-task", Severity.ERROR, "a milestone links a task id that does not exist",
      reads=("Milestone.tasks", "Task.id"))
def unknown_task(ctx: Context) -> Iterator[Problem]:
    """A milestone's `tasks` must name tasks or safeguard measures of this plan.

    Failing:

        tasks: [T99]

    Passing:

        tasks: [T17]
    """
    tf = ctx.index.tasks_file
    ids = [t.id for t in tf.tasks]
    known = set(ids)
    for pi, phase in enumerate(tf.phases):
        for mi, ms in enumerate(phase.milestones):
            for j, tid in enumerate(ms.tasks):
                if tid not in known:
                    close = difflib.get_close_matches(tid, ids, n=1)
                    yield Problem(
                        "unknown-task",
                        Msg("milestone {id} links task `{task}`, which does not exist", id=ms.id,
                            task=tid),
                        ctx.at(("phases", pi, "milestones", mi, "tasks", j)),
                        Msg("did you mean `{id}`?", id=close[0]) if close
                        else Msg("use a task id such as T01"),
                        milestone=ms.id,
                        phase=phase.id,
                    )


@rule("SZ204", "unknown-section", Severity.ERROR, "a section name that `sections` does not define",
      reads=("Section.id", "Section.name", "Task.section", "Mechanism.section"))
def unknown_section(ctx: Context) -> Iterator[Problem]:
    """A task's or coordination mechanism's `section` must be a section's name or id.

    Failing:

        section: 數字經擠

    Passing:

        section: 數字經濟
    """
    tf = ctx.index.tasks_file
    if not tf.sections:
        return
    names = {s.name for s in tf.sections} | {s.id for s in tf.sections}
    sites: list[tuple[Path, str]] = [(("tasks", i, "section"), t.section)
                                     for i, t in enumerate(tf.tasks)]
    if tf.governance:
        sites += [(("governance", "mechanisms", i, "section"), m.section)
                  for i, m in enumerate(tf.governance.mechanisms)]
    for path, section in sites:
        if section not in names:
            close = closest(section, [s.name for s in tf.sections], n=1)
            yield Problem(
                "unknown-section",
                Msg("section 「{section}」 is not one of the plan's sections", section=section),
                ctx.at(path),
                Msg("did you mean 「{name}」?", name=close[0]) if close else
                Msg("use one of: {names}", names="、".join(s.name for s in tf.sections)),
            )


@rule("SZ205", "lead-not-listed", Severity.ERROR, "a task's `lead` is not one of its units",
      reads=("Task.lead",))
def lead_not_listed(ctx: Context) -> Iterator[Problem]:
    """An explicit `lead` overrides the first-listed unit, and must be one of `units`.

    Failing:

        units: [市政數局, 市大數據中心]
        lead: 市公安局

    Passing:

        units: [市政數局, 市大數據中心]
        lead: 市大數據中心
    """
    registry = ctx.index.registry
    for ti, task in enumerate(ctx.index.tasks_file.tasks):
        if task.lead is None:
            continue
        lead = registry.exact(task.lead)
        # the registry gives one object per unit: identity, not a field-by-field compare
        if lead is not None and all(registry.exact(u) is not lead for u in task.units):
            yield Problem(
                "lead-not-listed",
                Msg("lead 「{unit}」 of {id} is not among its units", unit=task.lead, id=task.id),
                ctx.at(("tasks", ti, "lead")),
                Msg("name one of the task's units, or add the unit to `units`"),
                task=task.id,
            )


@rule("SZ209", "id-case-clash", Severity.WARNING, "two agency ids differ only by case",
      reads=("Agency.id",))
def id_case_clash(ctx: Context) -> Iterator[Problem]:
    """A unit is found by its id as typed, and without regard to case when no id matches
    exactly (`suizhou duties GOV-DATA`, `--agency`), so two ids that differ only by case are
    a trap: the case of one letter picks the other unit, or the command finds both and asks
    which.

    Failing:

        - id: gov-data
          name: 市政數局
        - id: Gov-Data
          name: 市大數據中心

    Passing:

        - id: gov-data
          name: 市政數局
        - id: big-data-center
          name: 市大數據中心
    """
    first: dict[str, int] = {}
    for i, agency in enumerate(ctx.index.agencies_file.agencies):
        key = agency.id.casefold()
        if key not in first:
            first[key] = i
            continue
        other = ctx.index.agencies_file.agencies[first[key]]
        if other.id == agency.id:
            continue  # the same id twice: duplicate-id says so
        yield Problem(
            "id-case-clash",
            Msg("agency id `{id}` differs from `{other}` (line {line}) only by case; typed "
                "without the exact case, the two are confused", id=agency.id,
                other=other.id, line=ctx.at_agency(("agencies", first[key], "id")).line),
            ctx.at_agency(("agencies", i, "id")),
            Msg("give 「{unit}」 an id that differs from `{other}` in more than case",
                unit=agency.name, other=other.id),
            agency=agency.id,
        )
