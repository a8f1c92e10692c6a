"""The import report's items: each task, safeguard measure, target and milestone with the
words of the document it was read from, so that a person can confirm it in a minute.

One short block per item, in the reader's language: where it was found (line, Word
paragraph, PDF page; the row of a table) with its number and section as written; its units
and the clause or cells that named them; which unit was taken as lead and why; its deadline
and the words it came from.  The document's words are quoted as written, made harmless for
Markdown (`escapes.markdown_text`), never translated, so that they can be searched for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from suizhou_plan.i18n import N_, tp

W: dict[str, str] = {
    "heading": N_("## Items as found ({n})"),
    "intro": N_("Each item with the words of the document it was read from: check its number, "
                "title, units, lead and deadline against the document, and correct "
                "`tasks.yaml` where they differ."),
    "intro_update": N_("Each item as the revised document has it, under the plan's id, with the "
                       "words it was read from; where the plan keeps the office's own value, "
                       "「What the update changed」 above says so."),
    "found": N_("found: {where}"),
    "numbered": N_("numbered 「{marker}」"),
    "in_section": N_("in 「{section}」"),
    "line": N_("line {n}"),
    "paragraph": N_("paragraph {n}"),
    "page": N_("page {n}"),
    "row": N_("table row {n}"),
    "units": N_("units: {units}, from 「{words}」"),
    "units_cells": N_("units: {units}, from the cells {cells}"),
    "cell": N_("{column} 「{cell}」"),
    "units_none": N_("units: none found"),
    "units_added": N_("also: {units}, added by 「{words}」 ({where})"),
    "lead_label": N_("lead: {unit}, as the document marks it: 「{words}」"),
    "lead_column": N_("lead: {unit}, from the 「{column}」 column"),
    "lead_rule": N_("lead: {unit}, listed first; the document says 「{words}」"),
    "lead_first": N_("lead: {unit}, listed first (the document marks no lead: the plan "
                     "format's default)"),
    "lead_none": N_("lead: none"),
    "due": N_("deadline: {due}, from 「{words}」 ({rule})"),
    "due_cell": N_("deadline: {due}, from the 「{column}」 cell 「{words}」 ({rule})"),
    "due_no_date": N_("deadline: 「{words}」 gives no date ({rule})"),
    "due_no_date_cell": N_("deadline: the 「{column}」 cell 「{words}」 gives no date ({rule})"),
    "due_horizon": N_("deadline: none written; due at the plan's end, {due}"),
    "due_none": N_("deadline: none written"),
    "target": N_("target {id}: {due}, from 「{words}」 ({rule})"),
    "phase": N_("phase {number} 「{period}」"),
    "ms_due": N_("deadline: {due}, the end of its phase"),
    "ms_words": N_("tasks: {tasks}, proposed by the shared words {words}: check"),
    "ms_closest": N_("tasks: {tasks}, proposed by the closest wording: check"),
    "ms_none": N_("tasks: none linked"),
    "ms_units": N_("units: {units}"),
}


def render_items(plan: Any, doc: Any, lang: str, update: Any = None) -> list[str]:
    """The Markdown lines of the items section; `plan` is the DraftPlan that was read, `doc`
    the Document it was read from (for the kind of place: line, paragraph, page); with
    `update` (pipeline.Update), items under the plan's ids, and only those the plan holds."""
    # lazy: only render_items() needs it (+15 ms: 2 modules)
    from dataclasses import replace

    from suizhou_plan.base.escapes import markdown_text
    from suizhou_plan.i18n import localise, t

    def say(key: str, **args: str) -> str:
        return t(lang, W[key], **args)

    def quoted(text: str) -> str:
        return markdown_text(text)

    def day(value: date) -> str:
        return str(localise(value, lang))

    sep = tp(lang, "typography: clauses", ", ")
    if update is not None:
        ids: dict[str, str] = update.ids
        tasks = [replace(t, id=ids[t.id], targets=[replace(g, id=ids.get(g.id, g.id))
                                                   for g in t.targets])
                 for t in plan.tasks if ids.get(t.id) in update.final]
        phases = [replace(p, milestones=[
            replace(m, id=ids.get(m.id, m.id), tasks=[ids[x] for x in m.tasks
                                                      if ids.get(x) in update.final])
            for m in p.milestones]) for p in plan.phases]
        plan = replace(plan, tasks=tasks, phases=phases)
    milestones = [ms for phase in plan.phases for ms in phase.milestones]
    lines = [say("heading", n=str(len(plan.tasks) + len(milestones))), "",
             say("intro" if update is None else "intro_update"), ""]
    for task in plan.tasks:
        lines += _task_block(task, plan, doc, lang, say, quoted, day, sep)
    for phase in plan.phases:
        for ms in phase.milestones:
            lines += _milestone_block(ms, phase, doc, say, quoted, day, sep)
    return lines


Say = Callable[..., str]


def _place(doc: Any, line: int, row: int | None, say: Say, sep: str) -> str:
    page = doc.page_of(line) if doc is not None else None
    if page is not None:
        where = say("page", n=str(page))
    elif doc is not None and doc.format == "docx":
        where = say("paragraph", n=str(line))
    else:
        where = say("line", n=str(line))
    return where + (sep + say("row", n=str(row)) if row is not None else "")


def _task_block(task: Any, plan: Any, doc: Any, lang: str, say: Say,
                quoted: Callable[[str], str], day: Callable[[date], str],
                sep: str) -> list[str]:
    # lazy: only _task_block() needs it (+0 ms)
    from suizhou_plan.i18n import t

    source = task.source
    listing = "、"
    found = [_place(doc, task.line, source.table_row if source else None, say, sep)]
    if source is not None and source.marker:
        found.append(say("numbered", marker=quoted(source.marker)))
    found.append(say("in_section", section=quoted(task.section)))
    out = [f"### {quoted(task.id)} {quoted(task.title)}", "",
           "- " + say("found", where=sep.join(found))]
    words = source.unit_words if source is not None else []
    added = [u for _, _, extra in (source.added if source else []) for u in extra]
    own = [u for u in task.units if u not in added]
    own_units = quoted(listing.join(own))
    if not own:
        out.append("- " + say("units_none"))
    elif len(words) == 1 and not words[0][0]:
        out.append("- " + say("units", units=own_units, words=quoted(words[0][1])))
    elif words:
        cells = tp(lang, "typography", "; ")
        out.append("- " + say("units_cells", units=own_units, cells=cells.join(
            say("cell", column=quoted(column), cell=quoted(cell)) for column, cell in words)))
    else:
        out.append("- " + say("ms_units", units=own_units))
    for line, clause, extra in source.added if source else []:
        out.append("- " + say("units_added", units=quoted(listing.join(extra)),
                              words=quoted(clause), where=_place(doc, line, None, say, sep)))
    lead = task.lead or (task.units[0] if task.units else None)
    how = source.lead_how if source is not None else "first"
    if lead is None:
        out.append("- " + say("lead_none"))
    elif how == "label":
        out.append("- " + say("lead_label", unit=quoted(lead), words=quoted(source.lead_words)))
    elif how == "column":
        out.append("- " + say("lead_column", unit=quoted(lead),
                              column=quoted(source.lead_words)))
    elif how == "rule":
        out.append("- " + say("lead_rule", unit=quoted(lead), words=quoted(source.lead_words)))
    else:
        out.append("- " + say("lead_first", unit=quoted(lead)))
    if task.due is not None and source is not None and source.deadline_words:
        rule = t(lang, source.deadline_rule) if source.deadline_rule else ""
        if source.deadline_column:
            out.append("- " + say("due_cell", due=day(task.due),
                                  column=quoted(source.deadline_column),
                                  words=quoted(source.deadline_words), rule=rule))
        else:
            out.append("- " + say("due", due=day(task.due), words=quoted(source.deadline_words),
                                  rule=rule))
    elif task.due is not None:
        out.append("- " + say("due", due=day(task.due), words=quoted(task.due_text or ""),
                              rule=""))
    elif source is not None and source.deadline_words:
        rule = t(lang, source.deadline_rule) if source.deadline_rule else ""
        if source.deadline_column:
            out.append("- " + say("due_no_date_cell", column=quoted(source.deadline_column),
                                  words=quoted(source.deadline_words), rule=rule))
        else:
            out.append("- " + say("due_no_date", words=quoted(source.deadline_words),
                                  rule=rule))
    elif plan.horizon is not None and not task.targets:
        out.append("- " + say("due_horizon", due=day(plan.horizon)))
    elif not task.targets:
        out.append("- " + say("due_none"))
    for target in task.targets:
        out.append("- " + say("target", id=quoted(target.id), due=day(target.due),
                              words=quoted(target.due_text),
                              rule=t(lang, target.rule) if target.rule else ""))
    return [*out, ""]


def _milestone_block(ms: Any, phase: Any, doc: Any, say: Say,
                     quoted: Callable[[str], str], day: Callable[[date], str],
                     sep: str) -> list[str]:
    found = [_place(doc, ms.line, None, say, sep),
             say("phase", number=str(phase.number), period=quoted(phase.period))]
    out = [f"### {quoted(ms.id)} {quoted(ms.title)}", "",
           "- " + say("found", where=sep.join(found)),
           "- " + say("ms_due", due=day(phase.end))]
    tasks = quoted("、".join(ms.tasks))
    if not ms.tasks:
        out.append("- " + say("ms_none"))
    elif ms.link_how == "words":
        out.append("- " + say("ms_words", tasks=tasks, words="、".join(
            f"「{quoted(w)}」" for w in _spans(ms.title, ms.link_words))))
    else:
        out.append("- " + say("ms_closest", tasks=tasks))
    if ms.units:
        out.append("- " + say("ms_units", units=quoted("、".join(ms.units))))
    return [*out, ""]


def _spans(title: str, pieces: list[str]) -> list[str]:
    """The shared phrases as stretches of the title: overlapping pieces joined
    (「神農云二期建」 and 「農云二期建設」 are 「神農云二期建設」)."""
    # lazy: only _spans() needs it (+25 ms: 3 modules)
    from suizhou_plan.importer.milestone_links import _letters

    letters = _letters(title)
    covered = [False] * len(letters)
    for piece in pieces:
        start = letters.find(piece)
        while start >= 0:
            for i in range(start, start + len(piece)):
                covered[i] = True
            start = letters.find(piece, start + 1)
    out: list[str] = []
    current = ""
    for ch, on in zip(letters, covered, strict=True):
        if on:
            current += ch
        elif current:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out or pieces
