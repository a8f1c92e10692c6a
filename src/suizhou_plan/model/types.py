"""Field types that keep YAML 1.1 out of the plan: dates, whole numbers and booleans are
accepted only in one spelling, and a wrong spelling is an error that shows the right one."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel as _BaseModel
from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH_END = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月底?$")


def iso_suggestion(text: str) -> str:
    m = _LOOSE.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}"
    m = _MONTH_END.match(text)
    if m:
        import calendar

        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    if "T" in text or " " in text:
        head = text.replace("T", " ").split(" ")[0]
        if _ISO.match(head):
            return head
    return ""


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD")
    m = _ISO.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise PydanticCustomError(
                "iso_date", "{value} is not a real calendar date", {"value": value}
            ) from None
    suggestion = iso_suggestion(value)
    if suggestion:
        raise PydanticCustomError(
            "iso_date",
            "date must be written YYYY-MM-DD: write {suggestion}",
            {"suggestion": suggestion},
        )
    raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD")


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise PydanticCustomError("whole_number", "expected a whole number such as 12")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"0|[1-9][0-9]{0,8}", value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"0[0-9]+", value):
        raise PydanticCustomError(
            "whole_number",
            "a leading zero is ambiguous in YAML: write {value} without it",
            {"value": value.lstrip("0") or "0"},
        )
    raise PydanticCustomError("whole_number", "expected a whole number such as 12")


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise PydanticCustomError("boolean", "expected true or false")


def as_list(value: Any) -> Any:
    """A single string where a list is expected is read as a one-item list."""
    return [value] if isinstance(value, str) else value


IsoDate = Annotated[date, BeforeValidator(parse_date)]
Int = Annotated[int, BeforeValidator(parse_int)]
PosInt = Annotated[int, BeforeValidator(parse_int), Field(ge=1)]
Bool = Annotated[bool, BeforeValidator(parse_bool)]
Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=20_000)]
Id = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
]
TextList = Annotated[list[Text], BeforeValidator(as_list)]


class Model(_BaseModel):
    """Base of every plan model: unknown fields are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


SchemaVersion = Annotated[Literal[1], BeforeValidator(parse_int)]
