"""`suizhou agencies`."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click

from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    plan_option,
)
from suizhou_plan.cli.plan_arg import plan_index
from suizhou_plan.i18n import day as shown_day
from suizhou_plan.i18n import in_script, localise, t


@click.command("agencies")
@plan_option
@as_of_option
@click.option("--sort", "sort_by", type=click.Choice(["name", "lead", "support", "open",
                                                       "overdue", "unknown"]),
              default="name", show_default=True, help="Order (counts: largest first).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@lang_option
def command(plan_dir: str | None, as_of: date | None, sort_by: str, fmt: str,
            lang: str | None) -> None:
    """Every unit with its counts of lead and supporting duties, open and overdue, so the
    office sees who carries the load and who carries none.

    A renamed unit is one row (「市政數局 → 隨州市數據局」) counted for the unit in office on
    the as-of date; a collective's duties are counted under each of its members."""
    # lazy: not loaded for --help or a usage error (+698 ms: pydantic, yaml)
    from suizhou_plan.render.machine import SCHEMA_VERSION, dumps
    from suizhou_plan.views.duties import duties_for
    from suizhou_plan.views.holding import Holders

    index = plan_index(plan_dir, lang)
    day = as_of_or_today(as_of)
    window = index.tasks_file.supervision.due_soon_days
    holders = Holders(index, day)
    rows = []
    for position, line in enumerate(holders.lineages()):
        counts = duties_for(index, line.holder, day, window, holders).counts()
        rows.append((position, line, counts))
    if sort_by != "name":
        rows.sort(key=lambda r: (-r[2][sort_by], r[0]))
    collectives = [a for a in index.agencies_file.agencies if a.kind == "collective"]
    if fmt == "json":
        sys.stdout.write(dumps({
            "schema_version": SCHEMA_VERSION, "as_of": day.isoformat(),
            "agencies": [{"id": ln.holder.id, "name": ln.holder.name, "kind": ln.holder.kind,
                          "lineage": list(ln.ids), "lineage_note": ln.note(), **c}
                         for _, ln, c in rows],
            "collectives": [{"id": a.id, "name": a.name, "members": list(a.members),
                             "items": len(holders.of(a))} for a in collectives]}))
        return
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    _table(lang, day, rows, collectives, holders, index)


def _table(lang: str, day: date, rows: list[Any], collectives: list[Any], holders: Any,
           index: Any) -> None:
    """Every unit with its load, in the reader's words and script; a renamed unit's lineage
    shown as its chain, and when and how surely its duties pass on."""
    # lazy: not loaded for --help or a usage error (+14 ms: 7 modules)
    from suizhou_plan.base.escapes import visible
    from suizhou_plan.base.textwidth import table
    from suizhou_plan.words.sheet_words import words

    w = words(lang)
    lines = [[w["unit"], w["unit_id"], w["lead_count"], w["support_count"], w["open_count"],
              w["overdue_count"]]]
    lines += [[ln.label(), ln.holder.id, str(c["lead"]), str(c["support"]), str(c["open"]),
               str(c["overdue"])] for _, ln, c in rows]
    notes = [localise(note, lang) for _, ln, _ in rows if (note := ln.note())]
    notes += [t(lang, "{unit} ({count}) = {members}: counted under each member",
                unit=a.name, count=len(holders.of(a)),
                members="、".join(index.registry.by_id[m].name for m in a.members
                                 if m in index.registry.by_id)) for a in collectives]
    text = (t(lang, "as of {date}", date=shown_day(lang, day)) + "\n"
            + "\n".join(table(lines, indent="")) + "\n"
            + "".join(f"  {visible(note)}\n" for note in notes))
    sys.stdout.write(in_script(lang, text))  # table() escapes every cell's control characters
