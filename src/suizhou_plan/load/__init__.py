"""Loading a plan directory: the one place that reads YAML.

`load_plan(directory)` returns a `Loaded` with the validated `Plan` (or None when a file
could not be turned into one) and every problem found on the way, each located at
`file:line:col`.  Nothing here raises on bad input: problems are results.
"""

from suizhou_plan.load.plan_loader import Loaded, load_plan

__all__ = ["Loaded", "load_plan"]
