"""Words the reports show.  The English text is the message id; the translations are in
the gettext catalogue (`suizhou_plan/locale`).  Each word carries its key as its context,
so the same English word may be translated differently in different places."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from suizhou_plan.i18n import Word, day, t, tp
from suizhou_plan.model.status import STATUS_TABLE, Light

SYMBOL = {Light.RED: "✖", Light.YELLOW: "▲", Light.GREEN: "●", Light.GREY: "○"}


def word(key: str, english: str) -> tuple[str, str]:
    """A word of a report: (key, English text).  `python -m suizhou_plan.devtools` extracts it."""
    return key, english


WORDS = (
    word("red", "red"), word("yellow", "yellow"), word("green", "green"),
    word("grey", "grey"),
    word("phase", "Phase"), word("as_of", "as of"), word("plan", "plan"),
    word("complete", "complete"), word("open", "open"), word("overdue", "overdue"),
    word("unknown", "unknown"), word("on_schedule", "on schedule"), word("items", "items"),
    word("items_shown", "items shown"), word("findings_n", "findings"),
    word("rules_not_run", "rules not run"), word("left_out_by", "left out by"),
    word("light", "Light"), word("id", "ID"), word("item", "Item"), word("lead", "Lead"),
    word("due", "Due"), word("status", "Status"), word("late", "Late"),
    word("findings", "Findings"), word("none", "none"), word("summary", "Summary"),
    word("errors", "error(s)"), word("warnings", "warning(s)"), word("infos", "info"),
    word("bulletin", "Progress bulletin"), word("progress", "Progress"),
    word("problems", "Problems"), word("next", "Next step"), word("task", "Item"),
    word("deadline", "Deadline"), word("days", "d"),
    word("ended", "ended"), word("current", "current"), word("upcoming", "upcoming"),
    word("plan_wide", "Plan-wide findings"),
)

# The statuses' words, as the one table of statuses (`status.STATUS_TABLE`) holds them.
STATUS_WORDS = tuple((kind.word.context, str(kind.word)) for kind in STATUS_TABLE)


@cache
def _translated(lang: str, words: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {key: tp(lang, key, english) for key, english in words}


def words(lang: str) -> dict[str, str]:
    return _translated(lang, WORDS)


def light_label(light: Light, lang: str) -> str:
    return f"{SYMBOL[light]} {words(lang)[light.value]}"


def status_label(status: str, lang: str) -> str:
    return _translated(lang, STATUS_WORDS).get(f"status:{status}", status)


# The months and quarters of a reporting period, as a period's name shows them
# (「2024年1月」, "January 2024"; 「2024年第一季度」, "Q1 2024").
MONTH_WORDS = (
    Word("month", "January"), Word("month", "February"), Word("month", "March"),
    Word("month", "April"), Word("month", "May"), Word("month", "June"),
    Word("month", "July"), Word("month", "August"), Word("month", "September"),
    Word("month", "October"), Word("month", "November"), Word("month", "December"),
)
QUARTER_WORDS = (Word("quarter", "Q1"), Word("quarter", "Q2"), Word("quarter", "Q3"),
                 Word("quarter", "Q4"))


def due_words(lang: str, due: date, planned: date | None,
              shown: Callable[[str, date], str] = day) -> str:
    """An item's date as every view shows it: the date in force, and where an approved
    extension moved it, the plan's own date beside it (原定2023年11月30日，延期至2024年3月31日)."""
    if planned is None or planned == due:
        return shown(lang, due)
    return t(lang, "originally {planned}, extended to {due}", planned=shown(lang, planned),
             due=shown(lang, due))
