"""docs/rules.md: the rule registry, each rule with its failing and passing example."""

from __future__ import annotations

from suizhou_plan.docgen.page import anchor, header, table_cell
from suizhou_plan.i18n import in_script, t
from suizhou_plan.rules import RULES
from suizhou_plan.rules.describe import documentation, severity, summary
from suizhou_plan.rules.registry import Rule


def _ordered_rules() -> list[Rule]:
    """The registry in code order, as it stands when a page is made."""
    return sorted(RULES.values(), key=lambda r: r.code)


def rule_anchor(rule: Rule) -> str:
    return anchor(f"{rule.code} {rule.slug}")


def doc_markdown(doc: str) -> list[str]:
    """A rule's docstring as Markdown: its indented examples become fenced YAML blocks."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        blanks = 0
        while block and not block[-1].strip():
            block.pop()
            blanks += 1
        if block:
            out.extend(["```yaml", *block, "```"] + [""] * min(blanks, 1))
        block.clear()

    for line in doc.splitlines():
        if line.startswith("    ") or (block and not line.strip()):
            block.append(line[4:])
        else:
            flush()
            out.append(line)
    flush()
    return out


def _when(rule: Rule) -> str:
    if rule.check is None:
        return "reported by the loader while it reads the files"
    if rule.dated:
        return "needs the as-of date: run by `check`"
    return "run by `validate` and `check`"


def rules_markdown() -> str:
    rules = _ordered_rules()
    lines = [header("the rule registry"), "", "# Rule reference", "",
             "Every finding `suizhou` reports comes from one of these rules.  Select or skip "
             "them with `--select` / `--ignore` (a code, a slug, or a code prefix such as "
             "`SZ3`); `suizhou rules SLUG` prints the same documentation.", "",
             "| Code | Slug | Severity | Summary |", "|---|---|---|---|"]
    lines += [f"| [{r.code}](#{rule_anchor(r)}) | `{r.slug}` | {r.severity.value} | "
              f"{table_cell(r.summary)} |" for r in rules]
    for r in rules:
        lines += ["", f"## {r.code} {r.slug}", "",
                  f"**{r.severity.value}**: {r.summary}.  Family `{r.family}`; {_when(r)}."]
        if r.reads:
            links = ", ".join(f"[`{key}`](plan-format.md#{anchor(key.split('.')[0])})"
                              for key in r.reads)
            lines += ["", f"Fields it reads: {links}."]
        lines += ["", *doc_markdown(r.doc)]
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown_in(lang: str) -> str:
    """docs/rules.zh-Hans.md: the same reference for a Chinese reader, from the catalogue
    (what `suizhou rules --lang zh-Hans` prints, as one page)."""
    rules = _ordered_rules()
    lines = [header("the rule registry and the message catalogue"), "",
             "# " + t(lang, "Rule reference"), "",
             in_script(lang, t(lang, "Every finding `suizhou` reports comes from one of these "
                                     "rules. Select or skip them with `--select` / "
                                     "`--ignore` (a code, a slug, or a code prefix such as "
                                     "`SZ3`); `suizhou rules SLUG --lang {lang}` prints the "
                                     "same documentation.", lang=lang)), "",
             "| " + " | ".join((t(lang, "Code"), t(lang, "Slug"), t(lang, "Severity"),
                                t(lang, "Summary"))) + " |", "|---|---|---|---|"]
    lines += [f"| [{r.code}](#{rule_anchor(r)}) | `{r.slug}` | {severity(r, lang)} | "
              f"{table_cell(summary(r, lang))} |" for r in rules]
    for r in rules:
        lines += ["", f"## {r.code} {r.slug}", "",
                  f"**{severity(r, lang)}**：{summary(r, lang)}。", "",
                  *doc_markdown(documentation(r, lang))]
    return "\n".join(lines).rstrip() + "\n"
