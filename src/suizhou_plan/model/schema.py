"""JSON Schema of the plan files, generated from the pydantic models (never hand-written)."""

from __future__ import annotations

from typing import Any


def schemas() -> dict[str, dict[str, Any]]:
    # lazy: only schemas() needs it (+317 ms: pydantic)
    from suizhou_plan.model.agency import AgenciesFile
    from suizhou_plan.model.plan import TasksFile

    out: dict[str, dict[str, Any]] = {}
    for name, model in (("tasks", TasksFile), ("agencies", AgenciesFile)):
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"suizhou {name}.yaml"
        out[name] = schema
    return out
