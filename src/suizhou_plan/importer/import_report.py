"""The import report: what was found, and every spot to confirm, with the document's line.

The same findings are printed (text) and written to DIR/import-report.md (markdown), in
English or Chinese, so the person who reviews the import can work through them."""

from __future__ import annotations

from suizhou_plan.importer.findings import ImportFinding
from suizhou_plan.importer.pipeline import ImportResult

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "read": "read {how}: {counts}{registry} → {out}/",
        "task": "{n} task{s}", "safeguard": "{n} safeguard measure{s}", "phase": "{n} phase{s}",
        "target": "{n} dated target{s}", "unit": "{n} new unit{s}", "sep": ", ",
        "registry": " (and the registry's {n} kept)",
        "findings": "{n} findings to confirm; see {out}/import-report.md",
        "nothing": "nothing to confirm; see {out}/import-report.md",
        "unassigned": "`suizhou validate` will report until units are named: {error}",
        "invalid": "suizhou import: internal error: the written plan does not validate: {error}",
        "title": "# Import report: {doc}",
        "intro": "Every spot the import was unsure of is listed below with the place in the "
                 "document. Confirm or fix each in `tasks.yaml` / `agencies.yaml`, then run "
                 "`suizhou validate --plan {out}` and `suizhou check --plan {out} --as-of "
                 "YYYY-MM-DD`.",
        "before": "## Before the plan validates",
        "before_intro": "The document names no unit for these items; `suizhou validate` "
                        "reports them as errors until `units:` are written:",
        "does_not": "## The written plan does not validate",
        "to_confirm": "## To confirm ({n})", "none": "Nothing.",
        "header": "| where | what | finding | what to do |",
        "document": "document", "line": "line", "paragraph": "paragraph",
    },
    "zh": {
        "read": "已讀取（{how}）：{counts}{registry} → {out}/",
        "task": "任務 {n} 項", "safeguard": "保障措施 {n} 項", "phase": "階段 {n} 個",
        "target": "帶日期的目標 {n} 個", "unit": "新單位 {n} 個", "sep": "、",
        "registry": "（並沿用單位名錄中的 {n} 個單位）",
        "findings": "待確認 {n} 處，見 {out}/import-report.md",
        "nothing": "沒有待確認之處，見 {out}/import-report.md",
        "unassigned": "寫明責任單位之前 `suizhou validate` 會報告：{error}",
        "invalid": "suizhou import: 內部錯誤：寫出的方案未通過校驗：{error}",
        "title": "# 導入報告：{doc}",
        "intro": "導入時沒有把握的地方都列在下面，並註明在文件中的位置。請在 `tasks.yaml` / "
                 "`agencies.yaml` 中逐條確認或修改，然後運行 `suizhou validate --plan {out}` "
                 "和 `suizhou check --plan {out} --as-of YYYY-MM-DD`。",
        "before": "## 校驗通過之前",
        "before_intro": "文件沒有為以下事項寫明責任單位；寫上 `units:` 之前，"
                        "`suizhou validate` 會把它們報告為錯誤：",
        "does_not": "## 寫出的方案未通過校驗",
        "to_confirm": "## 待確認（{n}）", "none": "無。",
        "header": "| 位置 | 類別 | 問題 | 處理建議 |",
        "document": "全文", "line": "第 {n} 行", "paragraph": "第 {n} 段",
    },
}


def _words(lang: str) -> dict[str, str]:
    """The frame of the report in `lang` (en, zh-Hans, zh-Hant)."""
    from suizhou_plan.i18n import in_script, is_chinese

    if not is_chinese(lang):
        return WORDS["en"]
    return {key: in_script(lang, text) for key, text in WORDS["zh"].items()}


def _where(result: ImportResult, finding: ImportFinding, lang: str) -> str:
    w = _words(lang)
    if finding.line is None:
        return w["document"]
    unit = result.document.where if result.document else "line"
    if lang != "en":
        return w[unit].format(n=finding.line)
    return f"{w[unit]} {finding.line}"


def summary(result: ImportResult, out_dir: str, lang: str = "en") -> str:
    w = _words(lang)
    doc = result.document
    how = (doc.format + (f", {doc.encoding}" if doc.encoding else "")) if doc else ""
    counts = w["sep"].join(
        w[word].format(n=n, s="" if n == 1 else "s") for n, word in (
            (result.tasks, "task"), (result.safeguards, "safeguard"), (result.phases, "phase"),
            (result.targets, "target"), (result.new_agencies, "unit")))
    registry = w["registry"].format(n=result.matched_agencies) if result.matched_agencies else ""
    return w["read"].format(how=how, counts=counts, registry=registry, out=out_dir)


def render_text(result: ImportResult, doc_shown: str, out_dir: str, lang: str = "en",
                dry_run: bool = False) -> str:
    w = _words(lang)
    lines = [f"{doc_shown}: {summary(result, out_dir, lang)}"]
    for finding in result.findings:
        message, hint = finding.text(lang)
        lines.append(f"{doc_shown}:{finding.line or 1}: [{finding.slug}] {message}")
        if hint:
            lines.append(f"    → {hint}")
    lines += [w["unassigned"].format(error=e) for e in result.unassigned]
    lines += [w["invalid"].format(error=e) for e in result.validation_errors]
    key = "findings" if result.findings else "nothing"
    lines.append(w[key].format(n=len(result.findings), out=out_dir))
    if result.update is not None:
        from suizhou_plan.importer import update_report

        lines += update_report.render_text(result.update, out_dir, lang, dry_run)
    return "\n".join(lines) + "\n"


def render_markdown(result: ImportResult, doc_shown: str, out_dir: str,
                    lang: str = "en") -> str:
    from suizhou_plan.escapes import markdown_code, markdown_text

    w = _words(lang)
    lines = [w["title"].format(doc=markdown_text(doc_shown)), "",
             markdown_text(summary(result, out_dir, lang)), "",
             w["intro"].format(out=markdown_code(out_dir)), ""]
    if result.update is not None:
        from suizhou_plan.importer import update_report

        lines += update_report.render_markdown(result.update, lang)
    if result.unassigned:
        lines += [w["before"], "", w["before_intro"], ""]
        lines += [f"- {markdown_text(e)}" for e in result.unassigned] + [""]
    if result.validation_errors:
        lines += [w["does_not"], ""]
        lines += [f"- {markdown_text(e)}" for e in result.validation_errors] + [""]
    lines += [w["to_confirm"].format(n=len(result.findings)), ""]
    if not result.findings:
        lines.append(w["none"])
    else:
        lines += [w["header"], "|---|---|---|---|"]
        for f in result.findings:
            message, hint = f.text(lang, escape=markdown_text)
            cells = [_where(result, f, lang), f"`{f.slug}`", message, hint]
            lines.append("| " + " | ".join(cells) + " |")
    if result.plan is not None:
        from suizhou_plan.importer.report_items import render_items

        lines += ["", *render_items(result.plan, result.document, lang, result.update)]
    return "\n".join(lines).rstrip("\n") + "\n"
