"""The plain (unquoted) scalars of a plan file that fill a text field of the format.

suizhou keeps every scalar as the string that was typed, so `title: no` is the text "no"
here; PyYAML, Ruby, most YAML 1.1 readers and spreadsheets' importers read it as `false`.  To
warn about such values a rule needs to know which scalars were written plain and which fields
hold text: the first is in the node store (each node's style), the second in the pydantic
models, which this module walks together with the nodes."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, Union

from pydantic import BaseModel

from suizhou_plan.load.nodestore import MAP, SEQ, STYLE_CODE, LazyMapping, Store

PLAIN = STYLE_CODE[""]
Path = tuple[str | int, ...]

# A field's shape: text, a list of texts, a model, a list of models, or anything else.
TEXT, TEXTS, MODEL, MODELS, OTHER = range(5)


def _shape(annotation: Any) -> tuple[int, type[BaseModel] | None]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _shape(typing.get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        parts = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _shape(parts[0]) if len(parts) == 1 else (OTHER, None)
    if annotation is str:
        return TEXT, None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return MODEL, annotation
    if origin is list:
        inner, model = _shape(typing.get_args(annotation)[0])
        if inner == TEXT:
            return TEXTS, None
        if inner == MODEL:
            return MODELS, model
    return OTHER, None


@cache
def fields_of(model: type[BaseModel]) -> dict[str, tuple[int, type[BaseModel] | None]]:
    return {name: _shape(field.annotation) for name, field in model.model_fields.items()}


def plain_text_scalars(root: Any, model: type[BaseModel]) -> Iterator[tuple[Path, int, str]]:
    """(path, node, text) of every plain scalar in a text field of `model`, in file order.
    Parts the model does not define are skipped (the loader reports them)."""
    if not isinstance(root, LazyMapping):
        return
    yield from _walk(root._store, root._i, model, ())


def _walk(store: Store, i: int, model: type[BaseModel], path: Path
          ) -> Iterator[tuple[Path, int, str]]:
    shape, texts, fields = store.shape, store.texts, fields_of(model)
    kids = store.children(i)
    for k in range(0, len(kids), 2):
        key, value = kids[k], kids[k + 1]
        kind, sub = fields.get(texts[key] or "", (OTHER, None))
        if kind == OTHER:
            continue
        here = (*path, texts[key] or "")
        value_shape = shape[value]
        if kind == TEXT or (kind == TEXTS and value_shape < SEQ):
            if value_shape == PLAIN:
                yield here, value, texts[value] or ""
        elif kind == TEXTS and SEQ <= value_shape < MAP:
            for n, item in enumerate(store.children(value)):
                if shape[item] == PLAIN:
                    yield (*here, n), item, texts[item] or ""
        elif kind == MODEL and value_shape >= MAP and sub is not None:
            yield from _walk(store, value, sub, here)
        elif kind == MODELS and SEQ <= value_shape < MAP and sub is not None:
            for n, item in enumerate(store.children(value)):
                if shape[item] >= MAP:
                    yield from _walk(store, item, sub, (*here, n))


def start_of(root: Any, node: int) -> tuple[int, int]:
    """1-based line and column of `node` of the store behind `root`."""
    line, column = root._store.start(node)
    return line + 1, column + 1
