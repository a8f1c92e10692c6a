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

from suizhou_plan.base.finding import Location, Problem
from suizhou_plan.i18n import Msg
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


def _kind(node: Any) -> Msg:
    if isinstance(node, yaml.MappingNode):
        return Msg("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return Msg("a list")
    if isinstance(node, yaml.ScalarNode):
        # libyaml gives a plain scalar the style "" where pure-Python PyYAML gives None.
        return Msg("nothing") if node.tag.endswith(":null") and not node.style else Msg("text")
    return Msg("nothing")


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(clip(str(p)) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(
        ".[", "["
    )


def _place(loc: tuple[Any, ...]) -> str:
    """Where in the file, as the path of keys (`tasks[0].title`), or "top level"."""
    return _where(loc) or Msg("top level")


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
        where = _place(loc)
        message: str
        hint: str
        if etype == "extra_forbidden":
            mark = key_node.start_mark if key_node is not None else mark
            model = _model_at(root_model, loc[:-1])
            names = list(model.model_fields) if model else []
            close = difflib.get_close_matches(field, names, n=1, cutoff=0.6)
            rule = "unknown-field"
            message = Msg("unknown field `{field}` in {where}", field=field,
                          where=_place(loc[:-1]))
            if close:
                hint = Msg("did you mean `{name}`?", name=close[0])
            elif names:
                hint = Msg("allowed fields: {names}", names=", ".join(names))
            else:
                hint = Msg("remove it")
        elif etype == "missing":
            _parent_key, parent = locate(root, loc[:-1])
            mark = parent.start_mark if parent is not None else None
            rule = "missing-field"
            message = Msg("required field `{field}` is missing in {where}", field=field,
                          where=_place(loc[:-1]))
            hint = Msg("add `{field}:`", field=field)
        elif etype == "iso_date":
            rule = "invalid-date"
            message = Msg("{where}: {message}", where=where, message=_said(err, node))
            hint = Msg("write dates as YYYY-MM-DD, e.g. 2023-11-30")
        else:
            rule = "invalid-value"
            message = Msg("{where}: {message}", where=where, message=_said(err, node))
            hint = _hint_for(etype)
        location = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        out.append(Problem(rule, message, location, hint))
    return out


_TYPE_ERRORS = ("string_type", "list_type", "model_type", "model_attributes_type", "dict_type",
                "date_type", "int_type", "bool_type")


def _wanted(etype: str) -> Msg:
    """What a field of the type that `etype` names holds."""
    if etype == "string_type":
        return Msg("text")
    if etype == "list_type":
        return Msg("a list")
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return Msg("a mapping")
    return Msg("a value")


def _said(err: Any, node: Any) -> str:
    """What is wrong with the value, in words that can be translated: the models' own
    messages (`model.types.invalid`) and pydantic's common ones, written as pydantic writes
    them in English.  An error type not listed keeps pydantic's English."""
    etype, ctx = err["type"], err.get("ctx") or {}
    custom = ctx.get("message")
    if isinstance(custom, Msg):
        return custom
    if etype in _TYPE_ERRORS:
        return Msg("expected {want}, found {found}", want=_wanted(etype), found=_kind(node))
    if etype == "literal_error":
        return Msg("Input should be {expected}", expected=_alternatives(str(ctx["expected"])))
    if etype == "string_too_short":
        if ctx.get("min_length") == 1:
            return Msg("String should have at least 1 character")
        return Msg("String should have at least {min_length} characters",
                   min_length=ctx["min_length"])
    if etype == "string_too_long":
        if ctx.get("max_length") == 1:
            return Msg("String should have at most 1 character")
        return Msg("String should have at most {max_length} characters",
                   max_length=ctx["max_length"])
    if etype == "string_pattern_mismatch":
        return Msg("String should match pattern '{pattern}'", pattern=ctx["pattern"])
    if etype == "greater_than_equal":
        return Msg("Input should be greater than or equal to {ge}", ge=ctx["ge"])
    if etype == "greater_than":
        return Msg("Input should be greater than {gt}", gt=ctx["gt"])
    if etype == "less_than_equal":
        return Msg("Input should be less than or equal to {le}", le=ctx["le"])
    if etype == "less_than":
        return Msg("Input should be less than {lt}", lt=ctx["lt"])
    return str(err["msg"])


def said(err: Any) -> str:
    """What pydantic's error `err` says, as a message that can be translated."""
    return _said(err, None)


def _alternatives(expected: str) -> str:
    """pydantic's `'a', 'b' or 'c'` as nested messages, so that a translation can use its own
    commas and its own "or"."""
    head, sep, last = expected.rpartition(" or ")
    values = [*(head.split(", ") if sep else []), last]
    shown: str = values[-1]
    if len(values) > 1:
        shown = Msg("{first} or {last}", first=values[-2], last=shown)
        for value in reversed(values[:-2]):
            shown = Msg("{first}, {rest}", first=value, rest=shown)
    return shown


def _hint_for(etype: str) -> Msg:
    if etype == "string_type":
        return Msg("quote the value if it is meant as text")
    if etype == "list_type":
        return Msg("write a list as [a, b] or one `- item` per line")
    if etype == "literal_error":
        return Msg("use one of the values listed")
    if etype == "string_pattern_mismatch":
        return Msg("ids use letters, digits, '.', '_' and '-' only")
    if etype == "string_too_short":
        return Msg("fill in the value or remove the field")
    if etype == "whole_number":
        return Msg("write a plain whole number")
    if etype == "boolean":
        return Msg("write true or false")
    return Msg("see docs/plan-format.md for this field")
