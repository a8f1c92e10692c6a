"""The field tables of docs/plan-format.md, from the pydantic models; the prose around
them, and the example plan they quote, are written by hand."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from suizhou_plan.base.textwidth import truncate
from suizhou_plan.docgen.checked_by import CHECKED_BY
from suizhou_plan.docgen.page import DocgenError, anchor, header, table_cell
from suizhou_plan.docgen.rule_reference import rule_anchor
from suizhou_plan.model.agency import AgenciesFile
from suizhou_plan.model.plan import TasksFile
from suizhou_plan.model.types import as_list
from suizhou_plan.rules import RULES

_EXAMPLE = re.compile(r"^```yaml (tasks|agencies)\.yaml\n(.*?)^```$", re.M | re.S)
PLAN_FORMAT_MD = Path("docs/plan-format.md")

@dataclass(frozen=True)
class FieldRow:
    model: type[BaseModel]
    name: str
    type: str
    required: bool
    default: str
    example: str | None  # None when the page's example plan does not show the field
    rules: tuple[str, ...]  # slugs, ordered by code


def _nested(hint: Any) -> list[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    return [m for arg in typing.get_args(hint) for m in _nested(arg)]


def _hints(model: type[BaseModel]) -> dict[str, Any]:
    hints = typing.get_type_hints(model, include_extras=True)
    return {name: hints[name] for name in model.model_fields}


def models_of(root: type[BaseModel]) -> dict[type[BaseModel], list[str]]:
    """Every model a file holds, in the order a reader meets them, with where each appears
    (`tasks[].targets[]`)."""
    found: dict[type[BaseModel], list[str]] = {}

    def visit(model: type[BaseModel], where: str) -> None:
        if model in found:
            found[model].append(where)
            return
        found[model] = [where]
        for name, hint in _hints(model).items():
            is_list = typing.get_origin(hint) is list
            for sub in _nested(hint):
                visit(sub, f"{where}.{name}".lstrip(".") + ("[]" if is_list else ""))

    visit(root, "")
    return found


def _metadata(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        if isinstance(item, FieldInfo):
            yield from item.metadata


def describe(hint: Any) -> str:
    """A type as a reader of the plan files would name it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        base, meta = args[0], list(_metadata(args[1:]))
        if base is str:
            return "id" if any(getattr(m, "pattern", None) for m in meta) else "text"
        text = describe(base)
        floor = next((m.ge for m in meta if getattr(m, "ge", None) is not None), None)
        if floor is not None:
            text += f" ≥ {floor}"
        if any(getattr(m, "func", None) is as_list for m in meta):
            text += " (one text alone is a one-item list)"
        return text
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {describe(args[0])}"
    if origin is typing.Literal:
        values = ", ".join(f"`{a}`" for a in args)
        return f"one of {values}" if len(args) > 1 else values
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return f"[{hint.__name__}](#{anchor(hint.__name__)})"
    names = {str: "text", int: "whole number", bool: "`true` or `false`",
             date: "date `YYYY-MM-DD`"}
    return names.get(hint, getattr(hint, "__name__", str(hint)))


def _is_date(hint: Any) -> bool:
    return hint is date or any(_is_date(a) for a in typing.get_args(hint))


def _yaml(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 20,
                          sort_keys=False)
    return text.strip().removesuffix("...").strip()


def _clip(value: Any) -> Any:
    if isinstance(value, str):
        return truncate(value, 36)
    if isinstance(value, list):
        return [_clip(v) for v in value[:3]] + (["…"] if len(value) > 3 else [])
    return value


def example_values(plan: dict[str, str]) -> dict[tuple[type[BaseModel], str], Any]:
    """(model, field) → the first non-empty value the example plan gives it."""
    found: dict[tuple[type[BaseModel], str], Any] = {}

    def walk(model: type[BaseModel], data: Any) -> None:
        if not isinstance(data, dict):
            return
        hints = _hints(model)
        for name, value in data.items():
            if name not in hints:
                continue
            if found.get((model, name)) in (None, [], {}):
                found[(model, name)] = value
            for sub in _nested(hints[name]):
                for item in value if isinstance(value, list) else [value]:
                    walk(sub, item)

    for name, root in (("tasks", TasksFile), ("agencies", AgenciesFile)):
        walk(root, yaml.safe_load(plan.get(name, "")) or {})
    return found


def field_rows(root: type[BaseModel], plan: dict[str, str]) -> list[FieldRow]:
    code = {slug: rule.code for slug, rule in RULES.items()}
    examples = example_values(plan)
    rows = []
    for model in models_of(root):
        for name, hint in _hints(model).items():
            info = model.model_fields[name]
            slugs = set(CHECKED_BY.get(f"{model.__name__}.{name}", ()))
            slugs |= {"invalid-date"} if _is_date(hint) else set()
            default = "" if info.is_required() else info.get_default(call_default_factory=True)
            shown = "" if default in (None, [], "") or isinstance(default, BaseModel) \
                else _yaml(default)
            nested = _nested(hint)
            example: str | None = None
            if (model, name) in examples:
                example = (f"see [{nested[0].__name__}](#{anchor(nested[0].__name__)})"
                           if nested else f"`{table_cell(_yaml(_clip(examples[(model, name)])))}`")
            rows.append(FieldRow(model, name, describe(hint), info.is_required(), shown,
                                 example, tuple(sorted(slugs, key=lambda s: code[s]))))
    return rows


def field_tables(root: type[BaseModel], plan: dict[str, str]) -> str:
    wheres = models_of(root)
    rows = field_rows(root, plan)
    out: list[str] = []
    for model, where in wheres.items():
        doc = model.__dict__.get("__doc__") or ""
        at = ", ".join(f"`{w}`" for w in where) if where != [""] else "the top level of the file"
        out += [f"### {model.__name__}", "", f"Where: {at}."]
        if doc:
            out[-1] += "  " + " ".join(doc.split())
        out += ["", "| Field | Type | Required | Example | Checked by |", "|---|---|---|---|---|"]
        for row in (r for r in rows if r.model is model):
            required = "yes" if row.required else "no" + (f" (default `{row.default}`)"
                                                          if row.default else "")
            checks = ", ".join(f"[{slug}](rules.md#{rule_anchor(RULES[slug])})"
                               for slug in row.rules)
            out.append(f"| `{row.name}` | {row.type} | {required} | {row.example or '—'} | "
                       f"{checks or '—'} |")
        out.append("")
    return "\n".join(out)


def example_plan(page: str) -> dict[str, str]:
    """The example plan a page shows: its ```yaml tasks.yaml / agencies.yaml blocks."""
    return {m.group(1): m.group(2) for m in _EXAMPLE.finditer(page)}


def splice(page: str, regions: dict[str, str], where: Path,
           source: str = "the pydantic models in src/suizhou_plan/model/") -> str:
    """`page` with each `<!-- BEGIN GENERATED name -->` … `END` region's body replaced."""
    for name, body in regions.items():
        begin, end = f"<!-- BEGIN GENERATED {name} -->", f"<!-- END GENERATED {name} -->"
        found = re.search(re.escape(begin) + ".*?" + re.escape(end), page, re.S)
        if found is None:
            raise DocgenError(f"{where}: the region `{begin}` … `{end}` is missing")
        note = header(source)
        region = f"{begin}\n{note}\n\n{body.rstrip()}\n\n{end}"
        page = page[:found.start()] + region + page[found.end():]
    return page


def plan_format_markdown(page: str, where: Path = PLAN_FORMAT_MD) -> str:
    plan = example_plan(page)
    regions = {"tasks.yaml": field_tables(TasksFile, plan),
               "agencies.yaml": field_tables(AgenciesFile, plan)}
    return splice(page, regions, where)
