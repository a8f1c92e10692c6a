"""Findings as lines: `file:line:col: slug message [CODE severity]`, then the source line
with a caret under the problem and the fix hint (hledger style)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from suizhou_plan.base.escapes import visible
from suizhou_plan.base.finding import Finding, headline
from suizhou_plan.base.textwidth import truncate, width
from suizhou_plan.i18n import clauses, in_script, localise, t
from suizhou_plan.load.plan_loader import PlanFile

MAX_EXCERPT = 100


def _excerpt(finding: Finding, files: Mapping[str, PlanFile]) -> list[str]:
    loc = finding.location
    if loc.line is None:
        return []
    source = next((f for f in files.values() if f.shown == loc.file), None)
    if source is None:
        return []
    text = visible(source.line(loc.line).replace("\t", " "))
    if not text.strip():
        return []
    col = max(1, loc.column or 1)
    before = text[: col - 1]
    shown = truncate(text, MAX_EXCERPT)
    gutter = f"{loc.line:>5} | "
    caret_at = width(before) if len(before) < MAX_EXCERPT and width(before) < MAX_EXCERPT else 0
    return [gutter + shown, " " * (len(gutter) - 2) + "| " + " " * caret_at + "^"]


def render(findings: Iterable[Finding], files: Mapping[str, PlanFile], *,
           source: bool = True, lang: str = "en") -> list[str]:
    """Lines for a terminal or a log: plan text in them has its control characters escaped."""
    lines: list[str] = []
    for finding in findings:
        lines.append(visible(in_script(lang, headline(finding, lang))))
        if source:
            lines.extend(_excerpt(finding, files))
        if finding.hint:
            hint = t(lang, "hint: {hint}",
                     hint=visible(in_script(lang, localise(finding.hint, lang))))
            lines.append(f"      {hint}")
    return lines


def summary_line(counts: Mapping[str, int], words: Mapping[str, str], lang: str = "en") -> str:
    return clauses(lang, (f"{counts.get('error', 0)} {words['errors']}",
                     f"{counts.get('warning', 0)} {words['warnings']}",
                     f"{counts.get('info', 0)} {words['infos']}"))
