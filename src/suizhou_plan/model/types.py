"""Field types that keep YAML 1.1 out of the plan: dates, whole numbers and booleans are
accepted only in one spelling, and a wrong spelling is an error that shows the right one."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel as _BaseModel
from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from suizhou_plan.i18n import Msg

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Other spellings, to suggest the ISO form: any script's digits (full-width ２０２５ too) and
# the separators a Chinese-locale keyboard types.  Used with fullmatch only.
_LOOSE = re.compile(r"(\d{4})\s*[-/.年－／．]\s*(\d{1,2})\s*[-/.月－／．]\s*(\d{1,2})\s*日?")
_MONTH_END = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月底?")


def _real(y: int, mo: int, d: int) -> str:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return ""


def iso_suggestion(text: str) -> str:
    """The ISO form of a date written another way, or "" when there is none."""
    m = _LOOSE.fullmatch(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _real(y, mo, d)
    m = _MONTH_END.fullmatch(text)
    if m:
        # lazy: only iso_suggestion() needs it (+2 ms)
        import calendar

        y, mo = int(m.group(1)), int(m.group(2))
        return _real(y, mo, calendar.monthrange(y, mo)[1]) if 1 <= mo <= 12 else ""
    if "T" in text or " " in text:  # a date-time: its date part
        head = text.replace("T", " ").split(" ")[0]  # has neither: the recursion stops
        if _ISO.fullmatch(head):
            return _real(*(int(part) for part in head.split("-")))
        return iso_suggestion(head)
    return ""


def invalid(kind: str, message: Msg) -> PydanticCustomError:
    """A validation error of type `kind` that can be shown in any language: pydantic renders
    its English (`err["msg"]`), and `load.schema_errors` finds the `Msg` itself in
    `err["ctx"]["message"]`, to show it in the reader's language."""
    return PydanticCustomError(kind, "{message}", {"message": message})


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise invalid("iso_date", Msg("expected a date written YYYY-MM-DD"))
    m = _ISO.fullmatch(value)
    if m:
        real = _real(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if not real:
            raise invalid("iso_date", Msg("{value} is not a real calendar date", value=value))
        return date.fromisoformat(real)
    suggestion = iso_suggestion(value)
    if suggestion:
        raise invalid(
            "iso_date", Msg("date must be written YYYY-MM-DD: write {suggestion}",
                            suggestion=suggestion)
        )
    raise invalid("iso_date", Msg("expected a date written YYYY-MM-DD"))


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise invalid("whole_number", Msg("expected a whole number such as 12"))
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"0|[1-9][0-9]{0,8}", value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"0[0-9]{1,9}", value):
        raise invalid(
            "whole_number",
            Msg("a leading zero is ambiguous in YAML: write {value} without it",
                value=value.lstrip("0") or "0"),
        )
    if isinstance(value, str) and re.fullmatch(r"\d{1,9}", value):  # full-width or other digits
        raise invalid(
            "whole_number", Msg("write the number in ASCII digits: {value}", value=str(int(value)))
        )
    raise invalid("whole_number", Msg("expected a whole number such as 12"))


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise invalid("boolean", Msg("expected true or false"))


def empty_list() -> list[Any]:
    """The default of a list field.  Not `list` itself: pydantic inspects the signature of a
    default factory, and a builtin's is parsed from text (tokenize), a cost paid per field at
    every start-up."""
    return []


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

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True,
                              defer_build=True)


SchemaVersion = Annotated[Literal[1], BeforeValidator(parse_int)]
