"""Which rules look at which field of the plan format: the registrations' `reads`, turned
around (field → slugs, in rule-code order) for the field tables of docs/plan-format.md."""

from __future__ import annotations

from suizhou_plan.rules import ORDERED

# Keyed `Model.field`; tests/test_docs.py checks that every key is a field of the format and
# that every rule that is not the loader's reads at least one.
CHECKED_BY: dict[str, tuple[str, ...]] = {}
for _rule in ORDERED:
    for _field in _rule.reads:
        CHECKED_BY[_field] = (*CHECKED_BY.get(_field, ()), _rule.slug)
