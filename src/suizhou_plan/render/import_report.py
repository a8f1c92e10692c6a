"""The import report: what was found, and every spot to confirm, with the document's line.

The same findings are printed (text) and written to DIR/import-report.md (markdown), in
English or Chinese, so the person who reviews the import can work through them."""

from __future__ import annotations

from suizhou_plan.i18n import N_, listed, t, tn
from suizhou_plan.importer.findings import ImportFinding
from suizhou_plan.ops.plan_import import ImportResult


def Np_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with its plural for extraction; counted where it is shown (`tn`)."""
    return singular, plural

WORDS: dict[str, str] = {
    "read": N_("read {how}: {counts}{registry} → {out}/"),
    "registry": N_(" (and the registry's {n} kept)"),
    "nothing": N_("nothing to confirm; see {out}/import-report.md"),
    "unassigned": N_("`suizhou validate` will report until units are named: {error}"),
    "invalid": N_("suizhou import: internal error: the written plan does not validate: "
                  "{error}"),
    "title": N_("# Import report: {doc}"),
    "intro": N_("Every spot the import was unsure of is listed below with the place in the "
                "document. Confirm or fix each in `tasks.yaml` / `agencies.yaml`, then run "
                "`suizhou validate --plan {out}` and `suizhou check --plan {out} --as-of "
                "YYYY-MM-DD`."),
    "before": N_("## Before the plan validates"),
    "before_intro": N_("The document names no unit for these items; `suizhou validate` "
                       "reports them as errors until `units:` are written:"),
    "does_not": N_("## The written plan does not validate"),
    "to_confirm": N_("## To confirm ({n})"),
    "none": N_("Nothing."),
    "header": N_("| where | what | finding | what to do |"),
    "document": N_("document"),
    "line": N_("line {n}"),
    "paragraph": N_("paragraph {n}"),
    "page": N_("page {n}"),
}
# (singular, plural) of each count in the summary line.
COUNTS: dict[str, tuple[str, str]] = {
    "task": (Np_("{n} task", "{n} tasks")),
    "safeguard": (Np_("{n} safeguard measure", "{n} safeguard measures")),
    "phase": (Np_("{n} phase", "{n} phases")),
    "target": (Np_("{n} dated target", "{n} dated targets")),
    "unit": (Np_("{n} new unit", "{n} new units")),
    "findings": (Np_("{n} finding to confirm; see {out}/import-report.md",
                     "{n} findings to confirm; see {out}/import-report.md")),
}


def _say(lang: str, key: str, **args: object) -> str:
    return t(lang, WORDS[key], **args)


def _count(lang: str, key: str, n: int, **args: object) -> str:
    singular, plural = COUNTS[key]
    return tn(lang, singular, plural, n, **args)


def _where(result: ImportResult, finding: ImportFinding, lang: str) -> str:
    if finding.line is None:
        return _say(lang, "document")
    doc = result.document
    page = doc.page_of(finding.line) if doc is not None else None
    if page is not None:
        return _say(lang, "page", n=page)
    return _say(lang, doc.where if doc is not None else "line", n=finding.line)


def summary(result: ImportResult, out_dir: str, lang: str = "en") -> str:
    doc = result.document
    how = (doc.format + (f", {doc.encoding}" if doc.encoding else "")) if doc else ""
    counts = listed(lang, (_count(lang, word, n) for n, word in (
            (result.tasks, "task"), (result.safeguards, "safeguard"), (result.phases, "phase"),
            (result.targets, "target"), (result.new_agencies, "unit"))))
    registry = _say(lang, "registry", n=result.matched_agencies) \
        if result.matched_agencies else ""
    return _say(lang, "read", how=how, counts=counts, registry=registry, out=out_dir)


def render_text(result: ImportResult, doc_shown: str, out_dir: str, lang: str = "en",
                dry_run: bool = False) -> str:
    lines = [f"{doc_shown}: {summary(result, out_dir, lang)}"]
    for finding in result.findings:
        message, hint = finding.text(lang)
        lines.append(f"{doc_shown}:{finding.line or 1}: [{finding.slug}] {message}")
        if hint:
            lines.append(f"    → {hint}")
    lines += [_say(lang, "unassigned", error=e) for e in result.unassigned]
    lines += [_say(lang, "invalid", error=e) for e in result.validation_errors]
    if result.findings:
        lines.append(_count(lang, "findings", len(result.findings), out=out_dir))
    else:
        lines.append(_say(lang, "nothing", out=out_dir))
    if result.update is not None:
        # lazy: only render_text() needs it (+2 ms: 1 module)
        from suizhou_plan.render import update_report
        lines += update_report.render_text(result.update, out_dir, lang, dry_run)
    return "\n".join(lines) + "\n"


def render_markdown(result: ImportResult, doc_shown: str, out_dir: str,
                    lang: str = "en") -> str:
    # lazy: only render_markdown() needs it (+1 ms: 1 module)
    from suizhou_plan.base.escapes import markdown_code, markdown_text

    lines = [_say(lang, "title", doc=markdown_text(doc_shown)), "",
             markdown_text(summary(result, out_dir, lang)), "",
             _say(lang, "intro", out=markdown_code(out_dir)), ""]
    if result.update is not None:
        # lazy: only render_markdown() needs it (+2 ms: 1 module)
        from suizhou_plan.render import update_report
        lines += update_report.render_markdown(result.update, lang)
    if result.unassigned:
        lines += [_say(lang, "before"), "", _say(lang, "before_intro"), ""]
        lines += [f"- {markdown_text(e)}" for e in result.unassigned] + [""]
    if result.validation_errors:
        lines += [_say(lang, "does_not"), ""]
        lines += [f"- {markdown_text(e)}" for e in result.validation_errors] + [""]
    lines += [_say(lang, "to_confirm", n=len(result.findings)), ""]
    if not result.findings:
        lines.append(_say(lang, "none"))
    else:
        lines += [_say(lang, "header"), "|---|---|---|---|"]
        for f in result.findings:
            message, hint = f.text(lang, escape=markdown_text)
            cells = [_where(result, f, lang), f"`{f.slug}`", message, hint]
            lines.append("| " + " | ".join(cells) + " |")
    if result.plan is not None:
        # lazy: only render_markdown() needs it (+3 ms: 1 module)
        from suizhou_plan.importer.report_items import render_items

        lines += ["", *render_items(result.plan, result.document, lang, result.update)]
    return "\n".join(lines).rstrip("\n") + "\n"
