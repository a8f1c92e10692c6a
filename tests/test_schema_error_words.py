"""The loader rewrites pydantic's errors as catalogue messages (`load/schema_errors._said`)
so that they can be translated; in English they must read exactly as pydantic writes them.
pydantic is the independent oracle here: each case makes pydantic itself fail on a value and
compares its `msg` with what the loader says, and the hint the loader adds."""

from __future__ import annotations

import re
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from suizhou_plan.i18n import Msg, localise
from suizhou_plan.load import schema_errors


class Sample(BaseModel):
    one: Annotated[str, Field(min_length=1)] = "x"
    three: Annotated[str, Field(min_length=3)] = "xxx"
    at_most_one: Annotated[str, Field(max_length=1)] = "x"
    at_most_four: Annotated[str, Field(max_length=4)] = "x"
    ident: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$")] = "x"
    ge: Annotated[int, Field(ge=1)] = 1
    gt: Annotated[int, Field(gt=1)] = 2
    le: Annotated[int, Field(le=9)] = 1
    lt: Annotated[int, Field(lt=9)] = 1
    kind: Literal["task", "milestone", "target"] = "task"
    pair: Literal["lead", "support"] = "lead"
    only: Literal["only"] = "only"


CASES = [
    ("one", "", "string_too_short", "fill in the value or remove the field"),
    ("three", "ab", "string_too_short", "fill in the value or remove the field"),
    ("at_most_one", "ab", "string_too_long", "see docs/plan-format.md for this field"),
    ("at_most_four", "abcdef", "string_too_long", "see docs/plan-format.md for this field"),
    ("ident", "a b", "string_pattern_mismatch", "ids use letters, digits, '.', '_' and '-' only"),
    ("ge", 0, "greater_than_equal", "see docs/plan-format.md for this field"),
    ("gt", 1, "greater_than", "see docs/plan-format.md for this field"),
    ("le", 10, "less_than_equal", "see docs/plan-format.md for this field"),
    ("lt", 9, "less_than", "see docs/plan-format.md for this field"),
    ("kind", "goal", "literal_error", "use one of the values listed"),
    ("pair", "both", "literal_error", "use one of the values listed"),
    ("only", "other", "literal_error", "use one of the values listed"),
]


@pytest.mark.parametrize(("field", "value", "etype", "hint"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_the_loader_says_what_pydantic_says_in_english(field, value, etype, hint):
    with pytest.raises(ValidationError) as caught:
        Sample(**{field: value})
    [err] = caught.value.errors()
    assert err["type"] == etype
    said = schema_errors._said(err, None)
    assert str(said) == err["msg"]
    # and it is a catalogue message, so a Chinese reader does not get pydantic's English
    assert isinstance(said, Msg)
    chinese = localise(said, "zh-Hans")
    assert not re.search(r"[A-Za-z]", re.sub(r"'[^']*'", "", chinese)), chinese  # values quoted
    assert str(schema_errors._hint_for(etype)) == hint


def test_a_type_error_names_what_was_wanted_and_what_was_found():
    cases = {"string_type": "text", "list_type": "a list", "model_type": "a mapping",
             "model_attributes_type": "a mapping", "dict_type": "a mapping",
             "date_type": "a value", "int_type": "a value", "bool_type": "a value"}
    for etype, wanted in cases.items():
        said = schema_errors._said({"type": etype, "msg": "pydantic's"}, None)
        assert str(said).startswith(f"expected {wanted}, found "), etype


def test_an_error_type_the_loader_does_not_know_keeps_pydantics_words():
    assert schema_errors._said({"type": "uuid_parsing", "msg": "Input should be a UUID"},
                               None) == "Input should be a UUID"


def test_the_chinese_of_a_length_error_keeps_its_number():
    from suizhou_plan.i18n import localise

    with pytest.raises(ValidationError) as caught:
        Sample(three="ab")
    said = schema_errors._said(caught.value.errors()[0], None)
    assert "3" in localise(said, "zh-Hans") and "3" in str(said)


@pytest.mark.parametrize(("etype", "hint"), [
    ("string_type", "quote the value if it is meant as text"),
    ("list_type", "write a list as [a, b] or one `- item` per line"),
    ("whole_number", "write a plain whole number"),
    ("boolean", "write true or false"),
    ("int_type", "see docs/plan-format.md for this field"),
])
def test_each_error_type_gets_its_hint(etype, hint):
    assert str(schema_errors._hint_for(etype)) == hint
