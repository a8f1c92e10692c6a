"""The rule registry: one `Rule` per stable code and slug.

A rule is a function that yields `Problem`s from a `Context`; the engine stamps code and
severity, so a rule never repeats them.  Rules whose problems come from the loader (syntax,
encoding, schema) are registered too, with no function, so that `suizhou rules`, the docs,
`--select` and `--ignore` know every finding `suizhou` can report.

A registration also says everything else there is to know about the rule: which fields of
the plan format it reads (the docs), whether the check report shows its findings as rows of
the item table, whether the dashboard shows them in the governance box (and what it asks the
leading group to do), and which part of a progress entry it objects to (so that a refused
entry points at its cell).  The renderers, the writers and the docs ask the registry; no
list of rules is kept anywhere else.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from suizhou_plan.base.finding import Problem, Severity
from suizhou_plan.i18n import Msg

if TYPE_CHECKING:
    from suizhou_plan.rules.context import Context

CheckFn = Callable[["Context"], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: Severity
    summary: str
    doc: str
    family: str
    dated: bool  # needs the as-of date (run by `check`, not by `validate`)
    check: CheckFn | None = None
    reads: tuple[str, ...] = ()  # the fields it reads, `Model.field` ("Task.units")
    table: bool = False  # its findings are the rows of the check report's item table
    governance: Msg | None = None  # shown in the dashboard's governance box, asking this
    entry_field: str | None = None  # the part of a progress entry it objects to ("by")


RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    for other in RULES.values():
        if other.code == rule.code or other.slug == rule.slug:
            raise ValueError(f"rule {rule.code}/{rule.slug} registered twice")
    RULES[rule.slug] = rule


def rule(
    code: str, slug: str, severity: Severity, summary: str, *, dated: bool = False,
    reads: tuple[str, ...] = (), table: bool = False, governance: Msg | None = None,
    entry_field: str | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function; its docstring is the rule's documentation.

    `reads`: the fields of the plan format it looks at (beyond the checks every field gets
    from its type), listed under the rule in docs/rules.md and beside the field in
    docs/plan-format.md.  `table`: the check report shows its findings as rows of the item
    table (what is overdue, due soon or unreported), not in the list below it.
    `governance`: the dashboard shows its findings in the governance box, asking the leading
    group for this (a `Msg`: words a leader reads, not the hint to whoever edits the files).
    `entry_field`: the part of a progress entry the rule objects to (`by`, `date`, `status`,
    `evidence`), where a refused report's message points."""

    def wrap(fn: CheckFn) -> CheckFn:
        module = fn.__module__.rsplit(".", 1)[-1]
        doc = inspect.cleandoc(fn.__doc__ or "")
        _register(Rule(code, slug, severity, summary, doc, module, dated, fn, reads=reads,
                       table=table, governance=governance, entry_field=entry_field))
        return fn

    return wrap


def loader_rule(code: str, slug: str, summary: str, doc: str) -> None:
    """Register a rule whose problems the loader reports (always errors)."""
    _register(Rule(code, slug, Severity.ERROR, summary, inspect.cleandoc(doc), "loading", False))


def by_code_or_slug(name: str) -> Rule | None:
    name = name.strip()
    if name in RULES:
        return RULES[name]
    for r in RULES.values():
        if r.code.lower() == name.lower():
            return r
    return None


def expand(selectors: Iterable[str]) -> set[str]:
    """Slugs named by selectors: a slug, a code, or a code prefix such as `SZ3`."""
    out: set[str] = set()
    for sel in selectors:
        sel = sel.strip()
        if not sel:
            continue
        found = by_code_or_slug(sel)
        if found is not None:
            out.add(found.slug)
            continue
        prefixed = {r.slug for r in RULES.values() if r.code.lower().startswith(sel.lower())}
        if not prefixed:
            raise KeyError(sel)
        out |= prefixed
    return out
