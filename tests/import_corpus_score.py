"""Scoring an import against an answer key (`import_corpus_shapes.Key`).

An item of the key is found when an imported task's text holds its words and no item found
before took that task (a task that swallowed its neighbours counts once).  Over (item, unit)
pairs: precision (units imported that the key names), recall (units the key names that were
imported); leads: the items whose marked lead is the imported task's lead (explicit, or the
first unit as the plan format reads it); tasks found: items found over items in the key.
Imported tasks that match no item add their units to the false positives."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from import_corpus_shapes import Key


@dataclass
class Score:
    items: int = 0
    found: int = 0
    extra: int = 0  # imported tasks that are no item of the key
    tp: int = 0
    fp: int = 0
    fn: int = 0
    leads: int = 0
    leads_right: int = 0

    def add(self, other: Score) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def lead_share(self) -> float:
        return self.leads_right / self.leads if self.leads else 1.0

    @property
    def found_share(self) -> float:
        return self.found / self.items if self.items else 0.0

    def row(self, name: str) -> str:
        return (f"| {name} | {self.precision:.2f} | {self.recall:.2f} | "
                f"{self.leads_right}/{self.leads} | {self.found}/{self.items} | {self.extra} |")


HEADER = ("| document | precision | recall | leads | tasks found | extra tasks |\n"
          "|---|---:|---:|---:|---:|---:|")


def _squeeze(text: str) -> str:
    return "".join(text.split())


def score(tasks: list[dict[str, Any]], key: tuple[Key, ...]) -> Score:
    """`tasks` as `tasks.yaml` holds them (id, text, units, lead)."""
    out = Score(items=len(key))
    taken: set[str] = set()
    for item in key:
        out.leads += item.lead is not None
        phrase = _squeeze(item.phrase)
        task = next((t for t in tasks if t["id"] not in taken
                     and phrase in _squeeze(str(t.get("text", "")))), None)
        if task is None:
            out.fn += len(item.units)
            continue
        taken.add(task["id"])
        out.found += 1
        got = list(task.get("units") or [])
        out.tp += len(set(got) & set(item.units))
        out.fp += len(set(got) - set(item.units))
        out.fn += len(set(item.units) - set(got))
        if item.lead is not None:
            lead = task.get("lead") or (got[0] if got else None)
            out.leads_right += lead == item.lead
    for task in tasks:
        if task["id"] not in taken:
            out.extra += 1
            out.fp += len(task.get("units") or [])
    return out


def same_tasks(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[str]:
    """What differs between two imports of one document: ids, units, leads, texts."""
    def shape(tasks: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(t["id"], tuple(t.get("units") or ()), t.get("lead"),
                 _squeeze(str(t.get("text", "")))) for t in tasks]

    a, b = shape(first), shape(second)
    return [f"{x} != {y}" for x, y in zip(a, b, strict=False) if x != y] + (
        [f"{len(a)} tasks != {len(b)} tasks"] if len(a) != len(b) else [])
