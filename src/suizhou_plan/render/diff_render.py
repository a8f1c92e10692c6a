"""`suizhou diff` output: text, markdown (a pull-request comment) and json."""

from __future__ import annotations

from collections.abc import Sequence

from suizhou_plan.base.escapes import markdown_code, markdown_text, visible_lines
from suizhou_plan.i18n import colon, in_script, localise, t, tn
from suizhou_plan.render.machine import SCHEMA_VERSION, dumps
from suizhou_plan.views.plan_diff import Change

ATTENTION = {"lead-changed", "due-slipped", "item-removed", "agency-removed"}


def render(fmt: str, changes: Sequence[Change], old: str, new: str, lang: str = "en") -> str:
    """The changes in `fmt`; json keeps the plan's text as stored, in English, with `lang`."""
    if fmt == "json":
        return dumps({"schema_version": SCHEMA_VERSION, "lang": lang, "old": old, "new": new,
                      "changes": [c.to_json() for c in changes]})

    def said(c: Change) -> str:
        return in_script(lang, localise(c.message, lang))

    if fmt == "markdown":
        old_code, new_code = "`" + markdown_code(old) + "`", "`" + markdown_code(new) + "`"
        lines = [t(lang, "### Plan changes: {old} → {new}", old=old_code, new=new_code), ""]
        if not changes:
            lines.append(t(lang, "No change to tasks, milestones, dates, units or status."))
        for c in changes:
            mark = "⚠️ " if c.kind in ATTENTION else ""
            lines.append(f"- {mark}**{c.kind}** {markdown_text(said(c))}")
        return "\n".join(lines) + "\n"
    lines = [f"{old} → {new}{colon(lang)}"
             + tn(lang, "{n} change(s)", "{n} change(s)", len(changes))]
    lines += [f"  {c.kind:<16} {said(c)}" for c in changes]
    return visible_lines("\n".join(lines)) + "\n"
