"""Where the loader says a schema error is, and what it suggests (`load/schema_errors.py`).

The models here are written for the test (unknown fields forbidden, as in the plan's own
models): a field in a list, in a list inside a list, in a nested mapping, in a mapping of
named entries, and a check of the whole file.  Each case composes its YAML, validates it
with pydantic and passes the error to `problems_from`, then pins every field of the problem:
rule, message, line and column, and the hint."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from suizhou_plan.load import schema_errors


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Sub(Strict):
    name: str
    code: str = ""


class Inner(Strict):
    title: str
    subs: list[Sub] = Field(default_factory=list)


class Top(Strict):
    items: list[Annotated[Inner, Field(description="the items")]] = Field(default_factory=list)
    single: Sub | None = None
    meta: dict[str, Sub] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)
    count: int = 0

    @model_validator(mode="after")
    def _count_matches(self) -> Top:
        if self.count < 0:
            raise ValueError("count cannot be negative")
        return self


def problems(text: str) -> list[tuple[str, str, int | None, int | None, str]]:
    with pytest.raises(ValidationError) as caught:
        Top.model_validate(yaml.safe_load(text))
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return [(p.rule, str(p.message), p.location.line, p.location.column, str(p.hint))
            for p in schema_errors.problems_from(caught.value, Top, root, "f.yaml")]


def test_an_unknown_field_at_the_top() -> None:
    assert problems("count: 1\nitemz: []\n") == [
        ("unknown-field", "unknown field `itemz` in top level", 2, 1,
         "did you mean `items`?")]


def test_an_unknown_field_of_an_annotated_list_item() -> None:
    assert problems("items:\n  - title: a\n    titel: b\n") == [
        ("unknown-field", "unknown field `titel` in items[0]", 3, 5, "did you mean `title`?")]


def test_an_unknown_field_in_a_list_inside_a_list() -> None:
    """The fields offered are those of the innermost item (`Sub`), not of the outer one."""
    text = "items:\n  - title: a\n    subs:\n      - name: x\n        nmae: y\n"
    assert problems(text) == [
        ("unknown-field", "unknown field `nmae` in items[0].subs[0]", 5, 9,
         "did you mean `name`?")]


def test_an_unknown_field_in_a_nested_mapping() -> None:
    assert problems("single:\n  name: x\n  cdoe: y\n") == [
        ("unknown-field", "unknown field `cdoe` in single", 3, 3, "did you mean `code`?")]


def test_an_unknown_field_like_none_of_the_allowed_lists_them() -> None:
    assert problems("items:\n  - title: a\n    zzz: 1\n") == [
        ("unknown-field", "unknown field `zzz` in items[0]", 3, 5,
         "allowed fields: title, subs")]


def test_an_unknown_field_where_the_fields_are_not_known_is_to_be_removed() -> None:
    """Entries of a mapping of named entries: the loader does not look into `dict[str, …]`."""
    assert problems("meta:\n  k:\n    name: a\n    extra: 1\n") == [
        ("unknown-field", "unknown field `extra` in meta.k", 4, 5, "remove it")]


def test_a_missing_field_at_the_top_and_inside() -> None:
    assert problems("items:\n  - subs: []\n") == [
        ("missing-field", "required field `title` is missing in items[0]", 2, 5,
         "add `title:`")]


def test_a_check_of_the_whole_file_is_at_its_top() -> None:
    assert problems("\ncount: -1\n") == [
        ("invalid-value", "top level: Value error, count cannot be negative", 2, 1,
         "see docs/plan-format.md for this field")]


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("single:\n  name: [a, b]\n", "single.name: expected text, found a list",
     "quote the value if it is meant as text"),
    ("single:\n  name: {a: 1}\n", "single.name: expected text, found a mapping",
     "quote the value if it is meant as text"),
    ("single:\n  name: ~\n", "single.name: expected text, found nothing",
     "quote the value if it is meant as text"),
    ("single:\n  name: 12\n", "single.name: expected text, found text",
     "quote the value if it is meant as text"),
    ("single:\n  name: x\ntags: 5\n", "tags: expected a list, found text",
     "write a list as [a, b] or one `- item` per line"),
    ("single:\n  name: x\ntags: '~'\n", "tags: expected a list, found text",
     "write a list as [a, b] or one `- item` per line"),
    ("single:\n  name: x\ntags: null\n", "tags: expected a list, found nothing",
     "write a list as [a, b] or one `- item` per line"),
], ids=["list", "mapping", "null", "number", "plain", "quoted-null", "null-word"])
def test_a_value_of_the_wrong_kind_says_what_was_found(text: str, message: str,
                                                       hint: str) -> None:
    [(rule, said, _line, _column, given)] = problems(text)
    assert (rule, said, given) == ("invalid-value", message, hint)


@pytest.mark.parametrize("node", [None, "a string", 5])
def test_something_that_is_not_a_yaml_node_is_nothing(node: Any) -> None:
    assert schema_errors._kind(node) == "nothing"
