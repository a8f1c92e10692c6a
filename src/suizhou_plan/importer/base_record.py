"""`import-base.json`: what the last import read from the document, under the plan's ids.

Written beside the plan by every import (and rewritten by `import --update`), it is the
common ancestor of a three-way merge: when a revised document is imported into a plan the
office has corrected, a field the office changed differs from the base, a field the document
changed differs from the base in the new import, and only a field changed on both sides is a
conflict (the office's value is kept and the document's reported).  Without it (a plan made
before, or the file deleted), every difference is treated as the office's correction: kept,
and the document's words reported.

The file is data for the importer, not for people: JSON, one record per item, the units as
the document wrote them and the agency each form was resolved to."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from suizhou_plan.importer.draft import DraftPlan

BASE = "import-base.json"
FORMAT = 1
MAX_BYTES = 16 * 1024 * 1024


@dataclass
class BaseTarget:
    id: str
    text: str
    due_text: str | None
    due: str


@dataclass
class BaseTask:
    id: str
    number: int
    kind: str
    section: str
    title: str
    text: str
    units: list[str]
    lead: str | None
    due: str | None
    targets: list[BaseTarget] = field(default_factory=list)


@dataclass
class BaseMilestone:
    id: str
    title: str
    tasks: list[str]
    units: list[str]


@dataclass
class BasePhase:
    id: str
    number: int
    theme: str | None
    period: str
    start: str
    end: str
    milestones: list[BaseMilestone] = field(default_factory=list)


@dataclass
class BaseSection:
    id: str
    name: str
    heading: str


@dataclass
class Base:
    document: str
    plan: dict[str, str]  # title, issuer, issued, source_document
    sections: list[BaseSection] = field(default_factory=list)
    phases: list[BasePhase] = field(default_factory=list)
    tasks: list[BaseTask] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # form as written → agency id
    names: dict[str, str] = field(default_factory=dict)  # agency id → its name then


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def from_draft(plan: DraftPlan, units: dict[str, str], document: str,
               names: dict[str, str] | None = None) -> Base:
    """The base of a plan written from `plan` (ids as written)."""
    return Base(
        document,
        {"title": plan.title, "issuer": plan.issuer, "issued": plan.issued.isoformat(),
         "source_document": plan.source_document},
        [BaseSection(s.id, s.name, s.heading) for s in plan.sections],
        [BasePhase(p.id, p.number, p.theme, p.period, p.start.isoformat(), p.end.isoformat(),
                   [BaseMilestone(m.id, m.title, list(m.tasks), list(m.units))
                    for m in p.milestones]) for p in plan.phases],
        [BaseTask(t.id, t.number, t.kind, t.section, t.title, t.text, list(t.units), t.lead,
                  _day(t.due), [BaseTarget(g.id, g.text, g.due_text, g.due.isoformat())
                                for g in t.targets]) for t in plan.tasks],
        dict(sorted(units.items())), dict(sorted((names or {}).items())))


def dumps(base: Base) -> str:
    data = {"format": FORMAT,
            "about": "What `suizhou import` last read from the document, for `suizhou import "
                     "--update` to tell the office's corrections from the document's "
                     "revisions. Written by the importer: do not edit.",
            **asdict(base)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read(directory: Path) -> Base | None:
    """The base beside a plan; None when there is none, or it cannot be used (damaged,
    another format): the merge then keeps every difference as the office's."""
    path = directory / BASE
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return _parse(data) if isinstance(data, dict) and data.get("format") == FORMAT \
            else None
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _parse(data: dict[str, Any]) -> Base:
    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError("not text")
        return value

    def maybe(value: Any) -> str | None:
        return None if value is None else text(value)

    def texts(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise TypeError("not a list")
        return [text(v) for v in value]

    def number(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("not a number")
        return value

    plan = data["plan"]
    return Base(
        text(data["document"]),
        {key: text(plan[key]) for key in ("title", "issuer", "issued", "source_document")},
        [BaseSection(text(s["id"]), text(s["name"]), text(s["heading"]))
         for s in data["sections"]],
        [BasePhase(text(p["id"]), number(p["number"]), maybe(p["theme"]), text(p["period"]),
                   text(p["start"]), text(p["end"]),
                   [BaseMilestone(text(m["id"]), text(m["title"]), texts(m["tasks"]),
                                  texts(m["units"])) for m in p["milestones"]])
         for p in data["phases"]],
        [BaseTask(text(t["id"]), number(t["number"]), text(t["kind"]), text(t["section"]),
                  text(t["title"]), text(t["text"]), texts(t["units"]), maybe(t["lead"]),
                  maybe(t["due"]),
                  [BaseTarget(text(g["id"]), text(g["text"]), maybe(g["due_text"]),
                              text(g["due"])) for g in t["targets"]])
         for t in data["tasks"]],
        {text(k): text(v) for k, v in data["units"].items()},
        {text(k): text(v) for k, v in data.get("names", {}).items()})
