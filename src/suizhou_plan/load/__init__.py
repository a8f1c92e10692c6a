"""Loading a plan directory: the one place that reads YAML.

`load_plan(directory)` returns a `Loaded` with the validated `Plan` (or None when a file
could not be turned into one) and every problem found on the way, each located at
`file:line:col`.  Nothing here raises on bad input: problems are results.

The folder also holds what is read before any YAML (`plan_dir`: which plan; `plan_source`,
`git`: a revision of it) and the ledger's text (`ledger`).  Importing one of those must not
load PyYAML and pydantic (a stored `check` result is printed without them), so `load_plan`
and `Loaded` are looked up here only when asked for (PEP 562).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from suizhou_plan.load.plan_loader import Loaded, load_plan

__all__ = ["Loaded", "load_plan"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        # lazy: plan_loader brings PyYAML and pydantic (+200 ms); plan_dir and ledger do not
        from suizhou_plan.load import plan_loader

        return getattr(plan_loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
