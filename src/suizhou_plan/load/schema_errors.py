"""Pydantic validation errors → located problems.

Messages never embed the offending input: pydantic's default rendering does, and on a
hostile file that alone can run for minutes.  We quote the source line instead (the reporter
does, truncated), and suggest the field name that was probably meant.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from suizhou_plan.finding import Location, Problem
from suizhou_plan.load.text import clip
from suizhou_plan.load.yamltree import locate


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model


def _kind(node: Any) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.ScalarNode):
        # libyaml gives a plain scalar the style "" where pure-Python PyYAML gives None.
        return "nothing" if node.tag.endswith(":null") and not node.style else "text"
    return "nothing"


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(clip(str(p)) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(
        ".[", "["
    )


def problems_from(
    exc: ValidationError, root_model: type[BaseModel], root: Any, shown: str,
    limit: int | None = None,
) -> list[Problem]:
    """The first `limit` errors as located problems (locating each is a walk of the tree)."""
    out: list[Problem] = []
    for err in exc.errors(include_input=False, include_url=False)[:limit]:
        loc = tuple(err["loc"])
        etype = err["type"]
        key_node, node = locate(root, loc)
        mark = node.start_mark if node is not None else None
        field = clip(str(loc[-1])) if loc else ""
        where = _where(loc) or "top level"
        if etype == "extra_forbidden":
            mark = key_node.start_mark if key_node is not None else mark
            model = _model_at(root_model, loc[:-1])
            names = list(model.model_fields) if model else []
            close = difflib.get_close_matches(field, names, n=1, cutoff=0.6)
            rule = "unknown-field"
            message = f"unknown field `{field}` in {_where(loc[:-1]) or 'top level'}"
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else ("allowed fields: " + ", ".join(names) if names else "remove it")
            )
        elif etype == "missing":
            _parent_key, parent = locate(root, loc[:-1])
            mark = parent.start_mark if parent is not None else None
            rule = "missing-field"
            message = f"required field `{field}` is missing in {_where(loc[:-1]) or 'top level'}"
            hint = f"add `{field}:`"
        elif etype == "iso_date":
            rule = "invalid-date"
            message = f"{where}: {err['msg']}"
            hint = "write dates as YYYY-MM-DD, e.g. 2023-11-30"
        else:
            rule = "invalid-value"
            msg = err["msg"]
            if etype in ("string_type", "list_type", "model_type", "model_attributes_type",
                         "dict_type", "date_type", "int_type", "bool_type"):
                want = {
                    "string_type": "text",
                    "list_type": "a list",
                    "model_type": "a mapping",
                    "model_attributes_type": "a mapping",
                    "dict_type": "a mapping",
                }.get(etype, "a value")
                msg = f"expected {want}, found {_kind(node)}"
            message = f"{where}: {msg}"
            hint = _hint_for(etype)
        location = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        out.append(Problem(rule, message, location, hint))
    return out


def _hint_for(etype: str) -> str:
    return {
        "string_type": "quote the value if it is meant as text",
        "list_type": "write a list as [a, b] or one `- item` per line",
        "literal_error": "use one of the values listed",
        "string_pattern_mismatch": "ids use letters, digits, '.', '_' and '-' only",
        "string_too_short": "fill in the value or remove the field",
        "whole_number": "write a plain whole number",
        "boolean": "write true or false",
    }.get(etype, "see docs/plan-format.md for this field")
