"""An item's ledger as a plain YAML reader sees it: an oracle independent of suizhou, shared
by the ledger-writing tests."""

from __future__ import annotations

from pathlib import Path

import yaml


def ledger(plan: Path, item: str) -> list[dict[str, object]]:
    data = yaml.safe_load((plan / "tasks.yaml").read_text(encoding="utf-8"))
    for milestone in (m for phase in data["phases"] for m in phase.get("milestones", [])):
        if milestone["id"] == item:
            return list(milestone.get("progress") or [])
    for task in data["tasks"]:
        if task["id"] == item:
            return list(task.get("progress") or [])
        for target in task.get("targets") or []:
            if target["id"] == item:
                return list(target.get("progress") or [])
    raise KeyError(item)
