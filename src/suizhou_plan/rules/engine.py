"""Run the rules over a loaded plan: select, stamp code and severity, sort, filter."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from suizhou_plan.base.finding import Finding, Problem, Severity
from suizhou_plan.load.plan_loader import Loaded, bounded
from suizhou_plan.load.yamltree import resume_gc
from suizhou_plan.rules import ORDERED, RULES
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import Rule
from suizhou_plan.views.index import PlanIndex, build_index


@dataclass(frozen=True)
class Selection:
    """Which rules run: `select` empty means all; `ignore` wins over `select`."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, slug: str) -> bool:
        return (not self.select or slug in self.select) and slug not in self.ignore


@dataclass
class Result:
    loaded: Loaded
    index: PlanIndex | None
    findings: list[Finding] = field(default_factory=list)
    as_of: date | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Severity}


def stamp(problem: Problem) -> Finding:
    return _stamp(problem, RULES[problem.rule])


def _stamp(problem: Problem, rule: Rule) -> Finding:
    problem = bounded(problem)  # rule messages quote plan values, which can be any length
    return Finding(
        rule=rule.slug,
        code=rule.code,
        severity=rule.severity,
        message=problem.message,
        location=problem.location,
        hint=problem.hint,
        task=problem.task,
        milestone=problem.milestone,
        phase=problem.phase,
        agency=problem.agency,
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Every object made while checking lives until the report is written: a cyclic GC pass
    in between would only rescan the whole plan, again and again as findings pile up."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        resume_gc(was_enabled)


def run(
    loaded: Loaded,
    *,
    as_of: date | None,
    due_within: int | None = None,
    selection: Selection = Selection(),
    keep: Callable[[Finding], bool] | None = None,
) -> Result:
    """Check `loaded`.  With `as_of` None only undated (structural) rules run: `validate`."""
    with _gc_paused():
        problems: list[Problem] = list(loaded.problems)
        index = None
        if loaded.ok:
            index = build_index(loaded)
            window = (index.tasks_file.supervision.due_soon_days if due_within is None
                      else due_within)
            ctx = Context(index, as_of or index.tasks_file.plan.issued, window)
            for rule in ORDERED:
                if rule.check is None or (rule.dated and as_of is None):
                    continue
                if selection.wants(rule.slug):
                    problems.extend(rule.check(ctx))
        wanted = {slug: selection.wants(slug) for slug in RULES}
        findings: Iterable[Finding] = (
            _stamp(p, RULES[p.rule]) for p in problems
            if (wanted[p.rule] if p.rule in wanted else selection.wants(p.rule))
        )
        if keep is not None:
            findings = (f for f in findings if keep(f))
        ordered = sorted(findings, key=Finding.sort_key)
    return Result(loaded, index, ordered, as_of)
