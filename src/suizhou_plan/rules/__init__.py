"""All rules, registered on import.  `RULES` maps slug → `Rule`, ordered by code."""

from suizhou_plan.rules import (  # noqa: F401  (imported to register their rules)
    assignment,
    governance,
    loading,
    phases,
    progress,
    references,
    schedule,
)
from suizhou_plan.rules.registry import RULES, Rule, by_code_or_slug, expand

ORDERED: list[Rule] = sorted(RULES.values(), key=lambda r: r.code)

__all__ = ["ORDERED", "RULES", "Rule", "by_code_or_slug", "expand"]
