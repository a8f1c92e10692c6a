"""The import report: what was found, and every spot to confirm, with the document's line.

The same findings are printed (text) and written to DIR/import-report.md (markdown), so the
person who reviews the import can work through them in their editor."""

from __future__ import annotations

from suizhou_plan.importer.findings import ImportFinding
from suizhou_plan.importer.pipeline import ImportResult


def _where(result: ImportResult, finding: ImportFinding) -> str:
    if finding.line is None:
        return "document"
    word = result.document.where if result.document else "line"
    return f"{word} {finding.line}"


def summary(result: ImportResult, out_dir: str) -> str:
    doc = result.document
    how = f"{doc.format}" + (f", {doc.encoding}" if doc and doc.encoding else "") if doc else ""
    registry = (f" (and the registry's {result.matched_agencies} kept)"
                if result.matched_agencies else "")
    counts = ", ".join(_count(n, word) for n, word in (
        (result.tasks, "task"), (result.safeguards, "safeguard measure"),
        (result.phases, "phase"), (result.targets, "dated target"),
        (result.new_agencies, "new unit")))
    return f"read {how}: {counts}{registry} → {out_dir}/"


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def render_text(result: ImportResult, doc_shown: str, out_dir: str) -> str:
    lines = [f"{doc_shown}: {summary(result, out_dir)}"]
    for finding in result.findings:
        lines.append(f"{doc_shown}:{finding.line or 1}: [{finding.slug}] {finding.message}")
        if finding.hint:
            lines.append(f"    → {finding.hint}")
    for error in result.unassigned:
        lines.append(f"`suizhou validate` will report until units are named: {error}")
    for error in result.validation_errors:
        lines.append(f"suizhou import: internal error: the written plan does not validate: "
                     f"{error}")
    verdict = (f"{len(result.findings)} findings to confirm; see {out_dir}/import-report.md"
               if result.findings else f"nothing to confirm; see {out_dir}/import-report.md")
    lines.append(verdict)
    return "\n".join(lines) + "\n"


def render_markdown(result: ImportResult, doc_shown: str, out_dir: str) -> str:
    lines = [f"# Import report: {doc_shown}", "", summary(result, out_dir), "",
             "Every spot the import was unsure of is listed below with the place in the "
             "document. Confirm or fix each in `tasks.yaml` / `agencies.yaml`, then run "
             f"`suizhou validate --plan {out_dir}` and "
             f"`suizhou check --plan {out_dir} --as-of YYYY-MM-DD`.", ""]
    if result.unassigned:
        lines += ["## Before the plan validates", "",
                  "The document names no unit for these items; `suizhou validate` reports "
                  "them as errors until `units:` are written:", ""]
        lines += [f"- {e}" for e in result.unassigned] + [""]
    if result.validation_errors:
        lines += ["## The written plan does not validate", ""]
        lines += [f"- {e}" for e in result.validation_errors] + [""]
    lines += [f"## To confirm ({len(result.findings)})", ""]
    if not result.findings:
        lines.append("Nothing.")
    else:
        lines += ["| where | what | finding | what to do |", "|---|---|---|---|"]
        for f in result.findings:
            cells = [_where(result, f), f"`{f.slug}`", f.message, f.hint]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
