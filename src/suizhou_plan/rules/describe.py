"""A rule as a reader sees it: its summary and documentation in the reader's language.

The English texts live where the rule is defined (the `@rule` summary and the check's
docstring).  The catalogue holds each summary (context `rule summary`) and each prose
paragraph of a docstring (context `rule doc`); the examples, which are plan-file syntax,
are not translated but shown in the reader's script."""

from __future__ import annotations

from collections.abc import Iterable

from suizhou_plan.base.finding import SEVERITY
from suizhou_plan.base.textwidth import pad
from suizhou_plan.i18n import SOURCE, aside, colon, in_script, localise, tp
from suizhou_plan.rules import ORDERED
from suizhou_plan.rules.registry import Rule

SUMMARY_CONTEXT = "rule summary"
DOC_CONTEXT = "rule doc"


def paragraphs(doc: str) -> list[tuple[str, bool]]:
    """The documentation split at blank lines: (text, is it an example?).  An example is a
    paragraph whose every line is indented (plan-file syntax, shown as it is)."""
    out = []
    for para in doc.split("\n\n"):
        if not para.strip():
            continue
        lines = para.splitlines()
        out.append((para, all(line.startswith("    ") for line in lines if line.strip())))
    return out


def summary(rule: Rule, lang: str) -> str:
    if lang == SOURCE:  # the code's own words need no catalogue
        return rule.summary
    return in_script(lang, tp(lang, SUMMARY_CONTEXT, rule.summary))


def documentation(rule: Rule, lang: str) -> str:
    if lang == SOURCE:
        return rule.doc
    shown = [in_script(lang, text if example else tp(lang, DOC_CONTEXT, text))
             for text, example in paragraphs(rule.doc)]
    return "\n\n".join(shown)


def severity(rule: Rule, lang: str) -> str:
    return localise(SEVERITY[rule.severity.value], lang)


def listing(rules: Iterable[Rule], lang: str) -> str:
    """One line per rule: code, slug, severity, summary (columns padded by display width)."""
    return "".join(f"{r.code}  {r.slug:<24} {pad(severity(r, lang), 8)} {summary(r, lang)}\n"
                   for r in rules)


def page(rule: Rule, lang: str) -> str:
    """One rule's documentation with its failing and passing examples."""
    head = aside(lang, f"{rule.code} {rule.slug}", severity(rule, lang)) + colon(lang) \
        + summary(rule, lang)
    return f"{head}\n\n{documentation(rule, lang)}\n"


def texts() -> list[tuple[str, str]]:
    """(context, English text) of every summary and prose paragraph, for the catalogue."""
    out: list[tuple[str, str]] = []
    for rule in ORDERED:
        out.append((SUMMARY_CONTEXT, rule.summary))
        out.extend((DOC_CONTEXT, text) for text, example in paragraphs(rule.doc)
                   if not example)
    return out
