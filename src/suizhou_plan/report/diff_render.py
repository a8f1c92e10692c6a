"""`suizhou diff` output: text, markdown (a pull-request comment) and json."""

from __future__ import annotations

from collections.abc import Sequence

from suizhou_plan.escapes import markdown_code, markdown_text, visible_lines
from suizhou_plan.plan_diff import Change
from suizhou_plan.report.machine import SCHEMA_VERSION, dumps

ATTENTION = {"lead-changed", "due-slipped", "item-removed", "agency-removed"}


def render(fmt: str, changes: Sequence[Change], old: str, new: str) -> str:
    if fmt == "json":
        return dumps({"schema_version": SCHEMA_VERSION, "old": old, "new": new,
                      "changes": [c.to_json() for c in changes]})
    if fmt == "markdown":
        lines = [f"### Plan changes: `{markdown_code(old)}` → `{markdown_code(new)}`", ""]
        if not changes:
            lines.append("No change to tasks, milestones, dates, units or status.")
        for c in changes:
            mark = "⚠️ " if c.kind in ATTENTION else ""
            lines.append(f"- {mark}**{c.kind}** {markdown_text(c.message)}")
        return "\n".join(lines) + "\n"
    lines = [f"{old} → {new}: {len(changes)} change(s)"]
    lines += [f"  {c.kind:<16} {c.message}" for c in changes]
    return visible_lines("\n".join(lines)) + "\n"
