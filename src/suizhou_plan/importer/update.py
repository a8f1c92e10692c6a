"""`suizhou import DOC --out PLAN --update`: a revised document brought into a plan that the
office has corrected by hand and units have reported on.

Three sides meet: the plan as it is (ours: the office's corrections, its ids, the ledger),
what the last import read (the base, `import-base.json`) and what the revised document says
(theirs, imported afresh).  Items are matched, never renumbered:

- the plan's items to the base's by id, else by the same words (an id the office changed);
- the base's items to the new document's by the same words, then the same title, then the
  closest wording (title or text, ≥ 0.6 of their character pairs in common), a shared
  number counting in favour;
- with no base, the plan's items to the document's the same way.

Each field (number, section, title, text, units, lead, deadline; a target's words and date;
a milestone's title, tasks and units; a phase's dates) is merged three ways: the document's
change is taken where the office left the field as imported, the office's value stays where
the document did not change it, and where both changed it the office's value stays and the
document's is reported (a conflict).  Units are compared as the plan writes them: a form
the office resolved by hand (a unit renamed in agencies.yaml, a name replaced in the tasks)
resolves the same way in the new document's items.

What is written: the plan's own lines, edited where a field changed (its comments, layout
and every ledger entry untouched); new items inserted after their predecessor in the
document, with new ids after the highest of their kind; an item the document no longer has
removed, unless units have reported on it (then kept and listed); agencies.yaml as it was,
with the new units appended.  Every change is listed (`Change`), and the result is loaded
and compared with the plan before anything is written: a ledger entry or an agency that
would be lost stops the update."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from suizhou_plan.importer.base_record import (
    Base,
    BaseMilestone,
    BasePhase,
    BaseSection,
    BaseTarget,
    BaseTask,
    from_draft,
)
from suizhou_plan.importer.draft import DraftPlan, DraftTask
from suizhou_plan.importer.emit import (
    due_line,
    flow_list,
    milestone_lines,
    phase_lines,
    scalar,
    section_lines,
    target_lines,
    task_lines,
)
from suizhou_plan.importer.findings import FindingLog
from suizhou_plan.importer.units import merge_key
from suizhou_plan.importer.yaml_lines import Lines, MapSpan, NotEditable, indent, items, mapping

SIMILAR = 0.6  # share of character pairs in common for two wordings to be one item


class UpdateRefused(Exception):
    """The plan cannot be updated as it is written (`args[0]`: a Msg saying why and what to
    do); nothing was written."""


@dataclass(frozen=True)
class Change:
    """One line of what the update did: `key` names the message (`messages.UPDATE`)."""

    key: str
    item: str
    args: tuple[tuple[str, str], ...] = ()

    def arg(self, name: str) -> str:
        return dict(self.args).get(name, "")


@dataclass
class Merged:
    tasks_text: str
    agencies_text: str
    base: Base
    changes: list[Change] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # the new import's id → the plan's
    matched: int = 0  # items that kept their id
    ledger: int = 0  # ledger entries carried over
    had_base: bool = True


# --- the three sides in one shape -----------------------------------------------------

def from_model(tasks: Any) -> Base:
    """The plan as the office has it, in the shape of a base."""
    plan = tasks.plan
    return Base(
        "",
        {"title": plan.title, "issuer": plan.issuer, "issued": plan.issued.isoformat(),
         "source_document": plan.source_document or ""},
        [BaseSection(s.id, s.name, s.heading or "") for s in tasks.sections],
        [BasePhase(p.id, p.number, p.theme, p.period or "", p.start.isoformat(),
                   p.end.isoformat(),
                   [BaseMilestone(m.id, m.title, list(m.tasks), list(m.units))
                    for m in p.milestones]) for p in tasks.phases],
        [BaseTask(t.id, t.number, t.kind, t.section, t.title, t.text, list(t.units), t.lead,
                  t.due.isoformat() if t.due else None,
                  [BaseTarget(g.id, g.text, g.due_text, g.due.isoformat()) for g in t.targets])
         for t in tasks.tasks])


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _pairs(text: str) -> frozenset[str]:
    letters = _letters(text)
    return frozenset(letters[i:i + 2] for i in range(len(letters) - 1)) or frozenset([letters])


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _text(item: Any) -> str:
    """An item's words without its units and their labels, which many items share."""
    # lazy: only _text() needs it (+19 ms: 3 modules)
    from suizhou_plan.importer.assignment import LABEL_WORDS

    text = str(item.text)
    for unit in sorted(getattr(item, "units", []), key=len, reverse=True):
        text = text.replace(unit, "")
    return LABEL_WORDS.sub("", text)


def _title(item: Any) -> str:
    return str(item.title)


def _number(item: Any) -> int | None:
    number = getattr(item, "number", None)
    return number if isinstance(number, int) else None


def match(left: list[Any], right: list[Any], *, by_id: bool = False,
          words: Callable[[Any], str] = _text, title: Callable[[Any], str] = _title,
          number: Callable[[Any], int | None] = _number) -> dict[int, int]:
    """Pairs (index in `left` → index in `right`) of one item seen twice: the same id (when
    `by_id`), the same words, the same title, then the closest wording, best first."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def pair(i: int, j: int) -> None:
        pairs[i] = j
        taken.add(j)

    if by_id:
        where = {item.id: j for j, item in enumerate(right)}
        for i, item in enumerate(left):
            j = where.get(item.id)
            if j is not None and j not in taken:
                pair(i, j)
    key: Callable[[Any], str]
    for key in (words, title):
        index: dict[str, list[int]] = {}
        for j, item in enumerate(right):
            if j not in taken:
                index.setdefault(_squeeze(key(item)), []).append(j)
        seen: dict[str, list[int]] = {}
        for i, item in enumerate(left):
            if i not in pairs:
                seen.setdefault(_squeeze(key(item)), []).append(i)
        for value, lefts in seen.items():
            rights = index.get(value, [])
            if len(lefts) == 1 and len(rights) == 1 and value:
                pair(lefts[0], rights[0])
    rest_left = [i for i in range(len(left)) if i not in pairs]
    rest_right = [j for j in range(len(right)) if j not in taken]
    if not rest_left or not rest_right:
        return pairs
    right_pairs = {j: (_pairs(title(right[j])), _pairs(words(right[j]))) for j in rest_right}
    scored: list[tuple[float, int, int]] = []
    for i in rest_left:
        title_i, words_i = _pairs(title(left[i])), _pairs(words(left[i]))
        for j in rest_right:
            title_j, words_j = right_pairs[j]
            score = max(_dice(title_i, title_j), _dice(words_i, words_j))
            if number(left[i]) is not None and number(left[i]) == number(right[j]) and \
                    score >= SIMILAR - 0.1:
                score += 0.1
            if score >= SIMILAR:
                scored.append((score, -i, -j))
    for _, i, j in sorted(scored, reverse=True):
        if -i not in pairs and -j not in taken:
            pair(-i, -j)
    return pairs


def _target_words(target: Any) -> str:
    return str(target.text)


def _target_due(target: Any) -> str:
    return str(target.due_text or target.due)


def _no_number(_: Any) -> int | None:
    return None


def _phase_number(phase: Any) -> str:
    return str(phase.number)


def _phase_period(phase: Any) -> str:
    return str(phase.period)


def _milestone_title(ms: Any) -> str:
    return str(ms.title)


# --- merging one value ----------------------------------------------------------------

@dataclass
class Pick:
    value: Any
    how: str  # same | document | office | conflict


def pick(ours: Any, base: Any, theirs: Any, *, has_base: bool) -> Pick:
    if ours == theirs:
        return Pick(ours, "same")
    if not has_base:
        return Pick(ours, "conflict")
    if theirs == base:
        return Pick(ours, "office")
    if ours == base:
        return Pick(theirs, "document")
    return Pick(ours, "conflict")


def shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "—"
    return str(value)


# --- units ----------------------------------------------------------------------------

class Units:
    """The new document's unit forms → how the plan writes them: as written when the
    registry knows the form; the agency's present name when the last import resolved the
    form to an agency that the office has since renamed; the office's replacement when it
    replaced the form in the tasks and dropped it from the registry; the registry's name for
    the same name in another script or width; else a new unit (added to agencies.yaml)."""

    def __init__(self, registry: Any, base: Base | None,
                 learned: dict[str, str]) -> None:
        self.registry = registry
        self.base_units = base.units if base is not None else {}
        self.base_names = base.names if base is not None else {}
        self.learned = learned
        self.cache: dict[str, str] = {}
        self.how: dict[str, str] = {}  # form → renamed | replaced | script (when mapped)
        self.new: list[str] = []

    def __call__(self, form: str) -> str:
        if form in self.cache:
            return self.cache[form]
        out = self._resolve(form)
        self.cache[form] = out
        return out

    def _resolve(self, form: str) -> str:
        if self.registry.exact(form) is not None:
            return form
        agency_id = self.base_units.get(form)
        if agency_id is not None and agency_id in self.registry.by_id:
            name = str(self.registry.by_id[agency_id].name)
            if self.base_names.get(agency_id) != name:  # renamed since the last import
                self.how[form] = "renamed"
            return name
        if form in self.learned and self.registry.exact(self.learned[form]) is not None:
            self.how[form] = "replaced"
            return self.learned[form]
        key = merge_key(form)
        for agency in self.registry.agencies:
            if any(merge_key(label) == key for label in self.registry.labels(agency)):
                self.how[form] = "script"
                return str(agency.name)
        if form not in self.new:
            self.new.append(form)
        return form

    def many(self, forms: Iterable[str]) -> list[str]:
        out: list[str] = []
        for form in forms:
            unit = self(form)
            if unit not in out:
                out.append(unit)
        return out


def learned_replacements(pairs: list[tuple[BaseTask, BaseTask]]) -> dict[str, str]:
    """Forms the office replaced in the tasks (the base's list and the plan's, position by
    position, where both have as many units): one replacement per form, or none."""
    seen: dict[str, set[str]] = {}
    for base, ours in pairs:
        if len(base.units) != len(ours.units):
            continue
        for old, new in zip(base.units, ours.units, strict=True):
            if old != new:
                seen.setdefault(old, set()).add(new)
    return {old: next(iter(new)) for old, new in seen.items() if len(new) == 1}


# --- the merge ------------------------------------------------------------------------

@dataclass
class _Ids:
    taken: set[str]

    def next(self, prefix: str, examples: Iterable[str]) -> str:
        numbers = [m for m in (re.fullmatch(re.escape(prefix) + r"(\d+)", e) for e in examples)
                   if m]
        width = max((len(m.group(1)) for m in numbers if m.group(1).startswith("0")),
                    default=1)
        n = max((int(m.group(1)) for m in numbers), default=0) + 1
        while f"{prefix}{n:0{width}d}" in self.taken:
            n += 1
        new = f"{prefix}{n:0{width}d}"
        self.taken.add(new)
        return new

    def target(self, task_id: str, year: str) -> str:
        new = f"{task_id}-{year}"
        n = 2
        while new in self.taken:
            new = f"{task_id}-{year}-{n}"
            n += 1
        self.taken.add(new)
        return new


class _Merge:
    def __init__(self, text: str, tasks_model: Any, registry: Any, base: Base | None,
                 theirs: DraftPlan, log: FindingLog) -> None:
        # lazy: only __init__() needs it (+19 ms: yaml)
        import yaml

        self.text = text
        self.model = tasks_model
        self.ours = from_model(tasks_model)
        self.base = base
        self.theirs = theirs
        self.theirs_base = from_draft(theirs, {}, "")
        self.log = log
        self.changes: list[Change] = []
        self.lines = Lines(text)
        try:
            root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            self.top = mapping(root, 0)
        except NotEditable as exc:
            raise self.refused(str(exc)) from None
        self.ids = _Ids(self._all_ids())
        self.progress = self._progress_counts()
        self.id_map: dict[str, str] = {}  # theirs id → plan id
        self.matched = 0
        self.registry = registry
        self.units = Units(registry, base, {})
        self.removed: set[str] = set()  # items removed (the document no longer has them)
        self.final: set[str] = set()  # the ids of the tasks the updated plan holds
        self.base_section: dict[str, str] = {}
        self.sections: dict[str, str] = {}
        self.new_sections: list[Any] = []

    @staticmethod
    def refused(where: str) -> UpdateRefused:
        # lazy: only refused() needs it (+4 ms: 1 module)
        from suizhou_plan.i18n import Msg

        return UpdateRefused(Msg(
            "tasks.yaml is laid out in a way the update cannot edit line by line ({where}); "
            "write its lists in block style (one `- ` item a line), or import into a new "
            "directory and copy the corrections over", where=where))

    def _all_ids(self) -> set[str]:
        out: set[str] = set()
        for t in self.ours.tasks:
            out.add(t.id)
            out.update(g.id for g in t.targets)
        for p in self.ours.phases:
            out.add(p.id)
            out.update(m.id for m in p.milestones)
        out.update(s.id for s in self.ours.sections)
        return out

    def _progress_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in self.model.tasks:
            out[t.id] = len(t.progress) + sum(len(g.progress) for g in t.targets)
            for g in t.targets:
                out[g.id] = len(g.progress)
        for p in self.model.phases:
            out[p.id] = sum(len(m.progress) for m in p.milestones)
            for m in p.milestones:
                out[m.id] = len(m.progress)
        return out

    def note(self, key: str, item: str, **args: str) -> None:
        self.changes.append(Change(key, item, tuple(args.items())))

    # -- spans --

    def _list(self, owner: MapSpan, key: str) -> list[MapSpan]:
        span = owner.keys.get(key)
        if span is None:
            return []
        try:
            return items(span.value, span.line + 1, self.lines.lines)
        except NotEditable as exc:
            raise self.refused(str(exc)) from None

    def set_key(self, span: MapSpan, key: str, rendered: list[str] | None,
                order: tuple[str, ...]) -> None:
        """Replace `key`'s value (its lines from the key's line), insert it after the keys
        before it in `order`, or remove it (`rendered` None); `rendered` starts at column 0
        of the mapping's keys."""
        lines = indent(rendered, span.column) if rendered is not None else None
        existing = span.keys.get(key)
        if existing is not None:
            self.lines.replace(existing.line, existing.last + 1, lines or [])
            return
        if lines is None:
            return
        before = order[:order.index(key)] if key in order else order
        self.lines.insert(span.after(*before), lines)

    # -- the whole plan --

    def run(self) -> None:
        has_base = self.base is not None
        ours_tasks, theirs_tasks = self.ours.tasks, self.theirs_base.tasks
        if self.base is not None:
            ours_to_base = match(ours_tasks, self.base.tasks, by_id=True)
            base_to_theirs = match(self.base.tasks, theirs_tasks)
            self.units.learned = learned_replacements(
                [(self.base.tasks[j], ours_tasks[i]) for i, j in ours_to_base.items()])
        else:
            ours_to_base, base_to_theirs = {}, {}
        base_to_ours = {j: i for i, j in ours_to_base.items()}
        theirs_to_ours: dict[int, int] = {}
        theirs_to_base: dict[int, int] = {t: b for b, t in base_to_theirs.items()}
        deleted: list[int] = []  # theirs items the office deleted by hand
        for t, b in theirs_to_base.items():
            if b in base_to_ours:
                theirs_to_ours[t] = base_to_ours[b]
            else:
                deleted.append(t)
        # Items only the plan has (added by hand, or no base) may be the document's too.
        free_ours = [i for i in range(len(ours_tasks))
                     if i not in ours_to_base and i not in theirs_to_ours.values()]
        free_theirs = [t for t in range(len(theirs_tasks)) if t not in theirs_to_base]
        extra = match([ours_tasks[i] for i in free_ours], [theirs_tasks[t] for t in free_theirs])
        for i, t in extra.items():
            theirs_to_ours[free_theirs[t]] = free_ours[i]
        if self.base is None:  # what the office replaced, seen against the document itself
            self.units.learned = learned_replacements(
                [(theirs_tasks[t], ours_tasks[o]) for t, o in theirs_to_ours.items()])
        self._units_of(theirs_tasks)
        self.sections = self._sections(has_base)
        ours_index = {o: t for t, o in theirs_to_ours.items()}
        for t, o in theirs_to_ours.items():
            self.id_map[theirs_tasks[t].id] = ours_tasks[o].id
        self.matched = len(theirs_to_ours)
        for t in deleted:
            b = theirs_to_base[t]
            assert self.base is not None
            self.id_map[theirs_tasks[t].id] = self.base.tasks[b].id
            self.note("deleted-by-office", self.base.tasks[b].id,
                      title=theirs_tasks[t].title)
        new = [t for t in range(len(theirs_tasks))
               if t not in theirs_to_ours and t not in deleted]
        examples = [x.id for x in ours_tasks]
        for t in new:
            prefix = "S" if theirs_tasks[t].kind == "safeguard" else "T"
            self.id_map[theirs_tasks[t].id] = self.ids.next(prefix, examples)
        spans = self._list(self.top, "tasks")
        for o, span in enumerate(spans):
            found = ours_index.get(o)
            if found is not None:
                in_base = theirs_to_base.get(found)
                base_task = self.base.tasks[in_base] if self.base is not None and \
                    in_base is not None else None
                self._task(span, ours_tasks[o], base_task, theirs_tasks[found],
                           self.theirs.tasks[found], has_base)
            elif self.base is not None and o in ours_to_base:
                self._gone(span, ours_tasks[o])
            elif not has_base:
                self.note("not-in-document", ours_tasks[o].id, title=ours_tasks[o].title)
        self._insert_new(spans, new, theirs_to_ours)
        self.final = ({t.id for t in ours_tasks} - self.removed) | {
            self.id_map[theirs_tasks[t].id] for t in new}
        self._phases(has_base)
        self._plan_meta(has_base)

    # -- units and sections --

    def _units_of(self, theirs_tasks: list[BaseTask]) -> None:
        for task in theirs_tasks:
            self.units.many(task.units)
        for phase in self.theirs_base.phases:
            for ms in phase.milestones:
                self.units.many(ms.units)
        for form, how in self.units.how.items():
            self.note(f"unit-{how}", "", form=form, unit=self.units(form))

    def _sections(self, has_base: bool) -> dict[str, str]:
        """The new document's section names → the plan's; new sections added."""
        ours = self.ours.sections
        out: dict[str, str] = {}
        base_by_name: dict[str, str] = {}
        if self.base is not None:
            ours_by_id = {s.id: s for s in ours}
            for s in self.base.sections:
                if s.id in ours_by_id:
                    base_by_name[s.name] = ours_by_id[s.id].name
        self.base_section = base_by_name
        by_heading = {s.heading: s.name for s in ours if s.heading}
        by_name = {s.name: s.name for s in ours}
        base_heading: dict[str, str] = {}
        if self.base is not None:
            base_heading = {s.heading: base_by_name.get(s.name, s.name)
                            for s in self.base.sections}
        new: list[Any] = []
        id_of = {s.name: s.id for s in ours}
        for drafted in self.theirs.sections:
            name = (base_heading.get(drafted.heading) or by_heading.get(drafted.heading)
                    or by_name.get(drafted.name))
            if name is None:
                new.append(drafted)
                name = drafted.name
            elif name in id_of:
                self.id_map[drafted.id] = id_of[name]
            out[drafted.name] = name
        self.new_sections = new
        return out

    def _section_of_base(self, name: str) -> str:
        return self.base_section.get(name, name)

    # -- tasks --

    TASK_ORDER = ("id", "number", "kind", "section", "title", "text", "units", "lead", "due",
                  "targets")

    def _task(self, span: MapSpan, ours: BaseTask, base: BaseTask | None, theirs: BaseTask,
              draft: DraftTask, has_base: bool) -> None:
        u = self.units
        values = {
            "number": (ours.number, base.number if base else None, theirs.number),
            "kind": (ours.kind, base.kind if base else None, theirs.kind),
            "section": (ours.section, self._section_of_base(base.section) if base else None,
                        self.sections.get(theirs.section, theirs.section)),
            "title": (ours.title, base.title if base else None, theirs.title),
            "text": (ours.text, base.text if base else None, theirs.text),
            "units": (ours.units, u.many(base.units) if base else None, u.many(theirs.units)),
            "lead": (ours.lead, u(base.lead) if base and base.lead else None,
                     u(theirs.lead) if theirs.lead else None),
            "due": (ours.due, base.due if base else None, theirs.due),
        }
        for key, (o, b, t) in values.items():
            chosen = pick(o, b, t, has_base=has_base)
            if key == "number" and not has_base and chosen.how == "conflict":
                chosen = Pick(t, "document")  # the document's numbering: nobody corrects it
            if chosen.how == "same":
                continue
            if chosen.how == "document":
                self.set_key(span, key, self._render(key, chosen.value, draft), self.TASK_ORDER)
                if key != "number":
                    self.note(f"changed-{key}", ours.id, old=shown(o), new=shown(chosen.value))
                else:
                    self.note("renumbered", ours.id, old=shown(o), new=shown(chosen.value))
            elif chosen.how == "office":
                self.note(f"kept-{key}", ours.id, value=shown(o), document=shown(t))
            else:
                self.note(f"conflict-{key}", ours.id, value=shown(o), document=shown(t))
        self._targets(span, ours, base, theirs, draft, has_base)
        self._doc_comment(span, draft.line, draft.path)

    def _render(self, key: str, value: Any, draft: DraftTask) -> list[str] | None:
        if value is None or value == []:
            return None
        if key == "units":
            return [f"units: {flow_list(list(value))}"]
        if key == "number":
            return [f"number: {value}"]
        if key == "due":
            # lazy: only this branch needs it (+0 ms)
            from datetime import date

            return [due_line(date.fromisoformat(value), draft.due_text, "").lstrip()]
        return [f"{key}: {scalar(str(value))}"]

    def _doc_comment(self, span: MapSpan, line: int, path: str) -> None:
        """The importer's 「# DOC line N · 三、 (一) 1.」 above the item, told the new place."""
        pattern = re.compile(r"^(\s*)# DOC line \d+( · .*)?$")
        for number in range(span.first, span.line):
            found = pattern.match(self.lines.lines[number])
            if found:
                where = f"DOC line {line}" + (f" · {path}" if path else "")
                self.lines.replace(number, number + 1, [f"{found.group(1)}# {where}"])
                return

    def _gone(self, span: MapSpan, ours: BaseTask) -> None:
        entries = self.progress.get(ours.id, 0)
        if entries:
            self.note("gone-kept", ours.id, title=ours.title, entries=str(entries))
            return
        self.lines.replace(span.first, span.last + 1, [])
        self.note("gone-removed", ours.id, title=ours.title)
        self.removed.add(ours.id)

    def _insert_new(self, spans: list[MapSpan], new: list[int],
                    theirs_to_ours: dict[int, int]) -> None:
        """Each new item after the plan's item that precedes it in the document."""
        if not new:
            return
        ours_tasks = self.ours.tasks
        dash = spans[0].dash if spans else 2
        by_id = {t.id: span for t, span in zip(ours_tasks, spans, strict=True)}
        groups: dict[int, list[str]] = {}
        previous: int | None = None
        for t, draft in enumerate(self.theirs.tasks):
            if t in theirs_to_ours:
                previous = by_id[ours_tasks[theirs_to_ours[t]].id].last + 1
                continue
            if t not in new:
                continue
            at = previous if previous is not None else (spans[0].first if spans else None)
            if at is None:
                raise self.refused("the plan has no tasks to put new ones beside")
            groups.setdefault(at, []).extend(indent(self._new_task_lines(draft), dash - 2))
            self.note("new", self.id_map[draft.id], title=draft.title)
        for at, lines in groups.items():
            self.lines.insert(at, lines)

    def _new_task_lines(self, draft: DraftTask) -> list[str]:
        task_id = self.id_map[draft.id]
        units = self.units.many(draft.units)
        targets = [replace(g, id=self.ids.target(task_id, str(g.due.year)))
                   for g in draft.targets]
        copy = replace(draft, id=task_id, units=units,
                       lead=self.units(draft.lead) if draft.lead else None,
                       section=self.sections.get(draft.section, draft.section),
                       targets=targets)
        return task_lines(copy)

    # -- targets --

    TARGET_ORDER = ("id", "text", "due_text", "due")

    def _targets(self, span: MapSpan, ours: BaseTask, base: BaseTask | None,
                 theirs: BaseTask, draft: DraftTask, has_base: bool) -> None:
        target_spans = self._list(span, "targets")
        words, due_words, no_number = _target_words, _target_due, _no_number
        if base is not None:
            ours_to_base = match(ours.targets, base.targets, by_id=True, words=words,
                                 title=due_words, number=no_number)
            base_to_theirs = match(base.targets, theirs.targets, words=words,
                                   title=due_words, number=no_number)
            pairs = {o: base_to_theirs[b] for o, b in ours_to_base.items()
                     if b in base_to_theirs}
            gone = [o for o, b in ours_to_base.items() if b not in base_to_theirs]
            seen_theirs = set(base_to_theirs.values())
        else:
            pairs = match(ours.targets, theirs.targets, words=words, title=due_words,
                          number=no_number)
            gone, ours_to_base = [], {}
            seen_theirs = set(pairs.values())
        for o, t in pairs.items():
            o_target, t_target = ours.targets[o], theirs.targets[t]
            self.id_map[t_target.id] = o_target.id
            b_target = base.targets[ours_to_base[o]] if base is not None else None
            for key in ("text", "due_text", "due"):
                chosen = pick(getattr(o_target, key), getattr(b_target, key, None)
                              if b_target else None, getattr(t_target, key), has_base=has_base)
                if chosen.how == "document":
                    value = chosen.value
                    rendered = [f"{key}: {value if key == 'due' else scalar(str(value))}"] \
                        if value is not None else None
                    self.set_key(target_spans[o], key, rendered, self.TARGET_ORDER)
                    self.note(f"changed-target-{key}", o_target.id, old=shown(
                        getattr(o_target, key)), new=shown(value))
                elif chosen.how == "conflict":
                    self.note(f"conflict-target-{key}", o_target.id,
                              value=shown(getattr(o_target, key)),
                              document=shown(getattr(t_target, key)))
        removed = 0
        for o in gone:
            g = ours.targets[o]
            if self.progress.get(g.id, 0):
                self.note("gone-kept", g.id, title=g.text, entries=str(self.progress[g.id]))
                continue
            removed += 1
            self.lines.replace(target_spans[o].first, target_spans[o].last + 1, [])
            self.note("gone-removed", g.id, title=g.text)
        new = [t for t in range(len(theirs.targets)) if t not in seen_theirs]
        if not new and removed == len(ours.targets) and removed:
            targets_key = span.keys["targets"]
            self.lines.replace(targets_key.line, targets_key.line + 1, [])  # items: above
            return
        if not new:
            return
        task_id = ours.id
        lines: list[str] = []
        for t in new:
            target = draft.targets[t]
            target_id = self.ids.target(task_id, str(target.due.year))
            self.id_map[target.id] = target_id
            lines += target_lines(replace(target, id=target_id))
            self.note("new-target", target_id, title=target.text)
        if target_spans:
            at = target_spans[-1].last + 1
            self.lines.insert(at, indent(lines, target_spans[-1].dash - 6))
        else:
            block = ["targets:", *indent(lines, -4)]
            self.set_key(span, "targets", block, self.TASK_ORDER)

    # -- phases, milestones, sections, the plan's own fields --

    def _new_sections(self) -> None:
        """New sections after the plan's (before its phases, when both are new)."""
        if not self.new_sections:
            return
        section_spans = self._list(self.top, "sections")
        rendered: list[str] = []
        for s in self.new_sections:
            section_id = self.ids.next("s", [x.id for x in self.ours.sections])
            self.id_map[s.id] = section_id
            rendered += section_lines(replace(s, id=section_id))
            self.note("new-section", section_id, title=s.name)
        if section_spans:
            self.lines.insert(section_spans[-1].last + 1,
                              indent(rendered, section_spans[-1].dash - 2))
        else:
            self._top_level("sections", rendered)

    def _phases(self, has_base: bool) -> None:
        self._new_sections()
        ours_phases = self.ours.phases
        theirs_phases = self.theirs_base.phases
        number, period = _phase_number, _phase_period
        if self.base is not None:
            o_b = match(ours_phases, self.base.phases, by_id=True, words=period, title=number)
            b_t = match(self.base.phases, theirs_phases, words=period, title=number)
            pairs = {o: b_t[b] for o, b in o_b.items() if b in b_t}
            gone = [o for o, b in o_b.items() if b not in b_t]
            bases = {o: self.base.phases[b] for o, b in o_b.items()}
            claimed = set(b_t.values())
        else:
            pairs = match(ours_phases, theirs_phases, words=period, title=number)
            gone, bases, claimed = [], {}, set(pairs.values())
        spans = self._list(self.top, "phases")
        removed = 0
        for o, t in pairs.items():
            self.id_map[theirs_phases[t].id] = ours_phases[o].id
            self._phase(spans[o], ours_phases[o], bases.get(o), theirs_phases[t],
                        self.theirs.phases[t], has_base)
        for o in gone:
            phase = ours_phases[o]
            if self.progress.get(phase.id, 0):
                self.note("gone-kept", phase.id, title=phase.period,
                          entries=str(self.progress[phase.id]))
                continue
            self.lines.replace(spans[o].first, spans[o].last + 1, [])
            self.note("gone-removed", phase.id, title=phase.period)
            removed += 1
        new = [t for t in range(len(theirs_phases)) if t not in claimed]
        if spans and removed == len(spans) and not new:
            self._drop_key(self.top, "phases")
        lines: list[str] = []
        for t in new:
            draft = self.theirs.phases[t]
            phase_id = self.ids.next("P", [p.id for p in ours_phases])
            self.id_map[draft.id] = phase_id
            milestones = [replace(m, id=f"{phase_id}-M{i}", tasks=self._task_ids(m.tasks),
                                  units=self.units.many(m.units))
                          for i, m in enumerate(draft.milestones, start=1)]
            for m, new_m in zip(draft.milestones, milestones, strict=True):
                self.id_map[m.id] = new_m.id
            lines += phase_lines(replace(draft, id=phase_id, milestones=milestones))
            self.note("new", phase_id, title=draft.period)
        if lines:
            if spans:
                self.lines.insert(spans[-1].last + 1, indent(lines, spans[-1].dash - 2))
            else:
                self._top_level("phases", lines)

    def _drop_key(self, owner: MapSpan, key: str) -> None:
        """A list's key once all its items are removed (its items' lines are removed with
        them): an empty list is no list."""
        span = owner.keys[key]
        self.lines.replace(span.line, span.line + 1, [])

    def _task_ids(self, ids: list[str]) -> list[str]:
        """A milestone's tasks (the new import's ids) as the plan's, those it holds."""
        return [self.id_map[x] for x in ids if self.id_map.get(x) in self.final]

    def _top_level(self, key: str, lines: list[str]) -> None:
        tasks = self.top.keys.get("tasks")
        at = tasks.line if tasks is not None else len(self.lines.lines)
        self.lines.insert(at, [f"{key}:", *lines, ""])

    PHASE_ORDER = ("id", "number", "theme", "period", "start", "end", "milestones")
    MS_ORDER = ("id", "title", "tasks", "units")

    def _phase(self, span: MapSpan, ours: BasePhase, base: BasePhase | None, theirs: BasePhase,
               draft: Any, has_base: bool) -> None:
        for key in ("number", "theme", "period", "start", "end"):
            o, t = getattr(ours, key), getattr(theirs, key)
            b = getattr(base, key) if base is not None else None
            chosen = pick(o, b, t, has_base=has_base)
            if chosen.how == "document":
                value = chosen.value
                rendered = None if value is None else [
                    f"{key}: {value if key in ('number', 'start', 'end') else scalar(value)}"]
                self.set_key(span, key, rendered, self.PHASE_ORDER)
                self.note(f"changed-phase-{key}", ours.id, old=shown(o), new=shown(value))
            elif chosen.how == "conflict":
                self.note(f"conflict-phase-{key}", ours.id, value=shown(o), document=shown(t))
        ms_spans = self._list(span, "milestones")
        title = _milestone_title
        if base is not None:
            o_b = match(ours.milestones, base.milestones, by_id=True, words=title, title=title)
            b_t = match(base.milestones, theirs.milestones, words=title, title=title)
            pairs = {o: b_t[b] for o, b in o_b.items() if b in b_t}
            gone = [o for o, b in o_b.items() if b not in b_t]
            bases = {o: base.milestones[b] for o, b in o_b.items()}
            claimed = set(b_t.values())
        else:
            pairs = match(ours.milestones, theirs.milestones, words=title, title=title)
            gone, bases, claimed = [], {}, set(pairs.values())
        for o, t in pairs.items():
            om, tm = ours.milestones[o], theirs.milestones[t]
            self.id_map[tm.id] = om.id
            bm = bases.get(o)
            values = {
                "title": (om.title, bm.title if bm else None, tm.title),
                "tasks": (om.tasks, bm.tasks if bm else None, self._task_ids(tm.tasks)),
                "units": (om.units, self.units.many(bm.units) if bm else None,
                          self.units.many(tm.units)),
            }
            for key, (o_value, b_value, t_value) in values.items():
                chosen = pick(o_value, b_value, t_value, has_base=has_base)
                if key == "tasks" and set(chosen.value) & self.removed:
                    chosen = Pick([x for x in chosen.value if x not in self.removed],
                                  "document")
                if chosen.how == "document":
                    value = chosen.value
                    rendered = None if not value else [
                        f"{key}: {flow_list(value) if isinstance(value, list) else scalar(value)}"]
                    self.set_key(ms_spans[o], key, rendered, self.MS_ORDER)
                    self.note(f"changed-milestone-{key}", om.id, old=shown(o_value),
                              new=shown(value))
                elif chosen.how == "conflict":
                    self.note(f"conflict-milestone-{key}", om.id, value=shown(o_value),
                              document=shown(t_value))
        removed = 0
        for o in gone:
            m = ours.milestones[o]
            if self.progress.get(m.id, 0):
                self.note("gone-kept", m.id, title=m.title, entries=str(self.progress[m.id]))
                continue
            self.lines.replace(ms_spans[o].first, ms_spans[o].last + 1, [])
            self.note("gone-removed", m.id, title=m.title)
            removed += 1
        if ms_spans and removed == len(ms_spans) and len(theirs.milestones) == len(claimed):
            self._drop_key(span, "milestones")
        for o, m in enumerate(ours.milestones):
            if o not in pairs and o not in gone and set(m.tasks) & self.removed:
                kept = [x for x in m.tasks if x not in self.removed]
                self.set_key(ms_spans[o], "tasks", [f"tasks: {flow_list(kept)}"] if kept else
                             None, self.MS_ORDER)
                self.note("changed-milestone-tasks", m.id, old=shown(m.tasks), new=shown(kept))
        new = [t for t in range(len(theirs.milestones)) if t not in claimed]
        lines: list[str] = []
        for t in new:
            dm = draft.milestones[t]
            ms_id = self.ids.next(f"{ours.id}-M", [m.id for m in ours.milestones])
            self.id_map[dm.id] = ms_id
            lines += milestone_lines(replace(dm, id=ms_id, tasks=self._task_ids(dm.tasks),
                                             units=self.units.many(dm.units)))
            self.note("new", ms_id, title=dm.title)
        if lines:
            if ms_spans:
                self.lines.insert(ms_spans[-1].last + 1, indent(lines, ms_spans[-1].dash - 6))
            else:
                self.set_key(span, "milestones", ["milestones:", *indent(lines, -4)],
                             self.PHASE_ORDER)

    def _entries_before(self, day: str) -> str:
        """The first ledger entry dated before `day` (ISO), or ""."""
        dates = [e.date.isoformat() for t in self.model.tasks for e in [
            *t.progress, *(x for g in t.targets for x in g.progress)]]
        dates += [e.date.isoformat() for p in self.model.phases for m in p.milestones
                  for e in m.progress]
        early = [d for d in dates if d < day]
        return min(early) if early else ""

    def _plan_meta(self, has_base: bool) -> None:
        plan = self.top.keys.get("plan")
        if plan is None:
            return
        span = mapping(plan.value, plan.line + 1)
        order = ("title", "issuer", "issued", "source_document")
        for key in order:
            o = self.ours.plan.get(key)
            b = self.base.plan.get(key) if self.base is not None else None
            t = self.theirs_base.plan.get(key)
            if key == "source_document" or key in self.theirs.guessed:
                continue  # where it was read from, said in the report; or a placeholder
            chosen = pick(o, b, t, has_base=has_base)
            if key == "issued" and chosen.how == "document" and self._entries_before(str(t)):
                self.note("kept-issued", "", value=shown(o), document=shown(t),
                          first=self._entries_before(str(t)))
                continue
            if chosen.how == "document":
                value = str(chosen.value)
                self.set_key(span, key, [f"{key}: {value if key == 'issued' else scalar(value)}"],
                             order)
                self.note(f"changed-plan-{key}", "", old=shown(o), new=shown(value))
            elif chosen.how == "conflict":
                self.note(f"conflict-plan-{key}", "", value=shown(o), document=shown(t))


def merge(text: str, tasks_model: Any, registry: Any, base: Base | None, theirs: DraftPlan,
          log: FindingLog) -> tuple[_Merge, str]:
    """The edited tasks.yaml text, and the merge (changes, ids, units)."""
    work = _Merge(text, tasks_model, registry, base, theirs, log)
    work.removed = set()
    work.run()
    return work, work.lines.apply()
