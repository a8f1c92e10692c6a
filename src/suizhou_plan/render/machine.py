"""Machine formats: JSON (a versioned contract) and GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from suizhou_plan.base.escapes import visible
from suizhou_plan.base.finding import Finding
from suizhou_plan.render.check_text import CheckView

SCHEMA_VERSION = 1


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def findings_json(findings: Iterable[Finding], summary: dict[str, int], lang: str = "en",
                  **extra: Any) -> str:
    return dumps({"schema_version": SCHEMA_VERSION, "lang": lang, **extra,
                  "findings": [f.to_json(lang) for f in findings], "summary": summary})


def check_json(view: CheckView) -> str:
    phases = []
    for board in view.boards:
        phases.append({
            "id": board.phase.id if board.phase else None,
            "number": board.phase.number if board.phase else None,
            "start": board.phase.start.isoformat() if board.phase else None,
            "end": board.phase.end.isoformat() if board.phase else None,
            "counts": board.counts(),
            "items": [
                {
                    "id": r.item.id,
                    "kind": r.item.kind,
                    "title": r.item.title,
                    "light": r.light.value,
                    "due": r.item.due.isoformat(),
                    "planned_due": (r.item.planned_due or r.item.due).isoformat(),
                    "status": r.item.status,
                    "lead": r.lead.id if r.lead else None,
                    "days_overdue": r.days_late(view.as_of),
                }
                for r in board.rows
            ],
        })
    return dumps({
        "schema_version": SCHEMA_VERSION,
        "lang": view.lang,
        "as_of": view.as_of.isoformat(),
        "plan": view.plan_label,
        "findings": [f.to_json(view.lang) for f in view.findings],
        "phases": phases,
        "summary": view.counts(),
        **({"left_out": {"filters": list(view.filters), "items": view.left_out_items,
                         "findings": view.left_out_findings,
                         "rules_not_run": view.rules_not_run}} if view.filters else {}),
    })


def _escape(text: str, prop: bool = False) -> str:
    """GitHub's workflow-command encoding; other control characters (a log viewer renders
    ANSI colours) shown as visible escapes."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    text = visible(text)
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(findings: Iterable[Finding]) -> str:
    """One workflow command per finding; GitHub has no `info` level, so info is `notice`."""
    lines = []
    for f in findings:
        level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
        props = [f"file={_escape(f.location.file, True)}"]
        if f.location.line is not None:
            props += [f"line={f.location.line}", f"col={f.location.column or 1}"]
        props.append(f"title={_escape(f'{f.code} {f.rule}', True)}")
        message = f.message + (f" — hint: {f.hint}" if f.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
