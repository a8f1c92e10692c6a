"""Dates from the phrases plans write: 「2023年底前」, 「到2025年」, 「2021年11月—2023年11月底」.

Conventions (docs/plan-format.md): a month ends on its last day (「底」「末」 or a bare month
as an end); 「到YYYY年」 is due at the plan's horizon (the end of its last phase) when that
falls in the same year, else on 31 December; 「上半年」 ends on 30 June.  A phrase that
allows no date (「長期堅持」, 「持續推進」, 「年內」 with no year) resolves to None and the
caller reports it."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from suizhou_plan.importer.script import compile_either

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}
DASH = "—–\\-~～至到－"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Resolved:
    due: date | None
    rule: str  # how the date was read, for the report


_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH = compile_either(r"(\d{4})\s*年\s*(\d{1,2})\s*月(份)?(底|末|中旬|上旬|下旬)?")
_HALF = compile_either(r"(\d{4})\s*年\s*(上|下)半年")
_QUARTER = compile_either(r"(\d{4})\s*年\s*(第)?([一二三四1-4])季度")
_YEAR_END = compile_either(r"(\d{4})\s*年\s*(底|末|年底|年末|内|全年|12月底)?")
_TO_YEAR = compile_either(r"(到|至|截至|截止到|截止)\s*(\d{4})\s*年(底|末)?")
_RANGE_YEARS = re.compile(r"(\d{4})\s*[" + DASH + r"]\s*(\d{4})\s*年")


def resolve(phrase: str, horizon: date | None) -> Resolved:
    """The due date of a deadline phrase, or None with the reason."""
    text = phrase.strip()
    m = _FULL_DATE.search(text)
    if m:
        try:
            return Resolved(date(int(m[1]), int(m[2]), int(m[3])), "the day written")
        except ValueError:
            return Resolved(None, "not a calendar date")
    m = _RANGE_YEARS.search(text)
    if m:
        return Resolved(date(int(m[2]), 12, 31), "the end of the range's last year")
    m = _MONTH.search(text)
    if m:
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return Resolved(None, "not a calendar month")
        if m[4] and ("上旬" in m[4]):
            return Resolved(date(year, month, 10), "上旬 ends on the 10th")
        if m[4] and ("中旬" in m[4]):
            return Resolved(date(year, month, 20), "中旬 ends on the 20th")
        if "前" in text[m.end():m.end() + 1] and not m[4]:
            return Resolved(month_end(year, month), "「X月前」 read as by the end of that month")
        return Resolved(month_end(year, month), "the last day of the month")
    m = _HALF.search(text)
    if m:
        year = int(m[1])
        return Resolved(date(year, 6, 30) if _CN_DIGITS[m[2]] == 1 else date(year, 12, 31),
                        "the end of the half-year")
    m = _QUARTER.search(text)
    if m:
        year, q = int(m[1]), _CN_DIGITS.get(m[3]) or int(m[3])
        return Resolved(month_end(year, q * 3), "the end of the quarter")
    m = _TO_YEAR.search(text)
    if m:
        year = int(m[2])
        if horizon is not None and horizon.year == year and not m[3]:
            return Resolved(horizon, "the plan's horizon (the end of its last phase)")
        return Resolved(date(year, 12, 31), "31 December of that year")
    m = _YEAR_END.search(text)
    if m:
        return Resolved(date(int(m[1]), 12, 31), "the end of the year")
    return Resolved(None, "no year or month in the phrase")


# Phrases inside a task's text that set a deadline, each starting a target sentence.
TARGET_PHRASE = compile_either(
    r"(到|至|截至|力争|力争到|确保|争取)?\s*\d{4}\s*年(\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?)?"
    r"(底|末|上半年|下半年|第?[一二三四]季度)?(前|以前|之前)"
    r"|(到|至|截至)\s*\d{4}\s*年(底|末)?"
)
_SENTENCE_END = "。；;！!？?"
_AIM = compile_either(r"^(力争到?|确保|争取)\s*")
# A deadline with no year (「年底前」, 「上半年」): the year of an annual plan, if it has one.
YEARLESS = compile_either(r"(?<![\d年])(年底前|年底|年内|年末前|上半年|下半年|第?[一二三四]季度)")


def resolve_yearless(phrase: str, year: int) -> date:
    if "上半年" in phrase:
        return date(year, 6, 30)
    quarter = re.search(r"([一二三四])季度", phrase)
    if quarter:
        return month_end(year, _CN_DIGITS[quarter.group(1)] * 3)
    return date(year, 12, 31)


@dataclass(frozen=True)
class TargetSpan:
    text: str  # the sentence holding the phrase
    phrase: str  # the phrase as written (due_text)
    offset: int


def find_targets(body: str) -> list[TargetSpan]:
    """One target per sentence that holds a deadline phrase (the first phrase names it)."""
    spans: list[TargetSpan] = []
    taken: set[int] = set()
    for match in TARGET_PHRASE.finditer(body):
        start = max((body.rfind(ch, 0, match.start()) for ch in _SENTENCE_END), default=-1) + 1
        if start in taken:
            continue
        taken.add(start)
        ends = [i for i in (body.find(ch, match.end()) for ch in _SENTENCE_END) if i >= 0]
        end = min(ends) + 1 if ends else len(body)
        phrase = _AIM.sub("", match.group().strip())
        spans.append(TargetSpan(body[start:end].strip(), phrase, start))
    return spans


@dataclass(frozen=True)
class Period:
    text: str
    start: date
    end: date


_PERIOD = compile_either(
    r"(?P<y1>\d{4})\s*年\s*(?:(?P<m1>\d{1,2})\s*月(?:份)?(?:(?P<d1>\d{1,2})\s*日)?)?\s*[" + DASH
    + r"]+\s*(?:(?P<y2>\d{4})\s*年)?\s*(?:(?P<m2>\d{1,2})\s*月(?:份)?(?:(?P<d2>\d{1,2})\s*日)?)?"
    r"(?P<end>底|末|中旬|上旬)?(?:前)?"
)
_ONE_MONTH = compile_either(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:份)?(?:底|末)?(?:前)?")
_ONE_YEAR = compile_either(r"(?P<y>\d{4})\s*年(?:底|末|全年)?(?:前)?")


def find_period(text: str) -> Period | None:
    """The date range of a phase heading: 「2021年11月—2023年11月底」, 「2022年」, 「2019年6月」."""
    m = _PERIOD.search(text)
    if m and (m["y2"] or m["m2"]):
        try:
            y1 = int(m["y1"])
            m1 = int(m["m1"] or 1)
            start = date(y1, m1, int(m["d1"] or 1))
            y2 = int(m["y2"] or y1)
            if m["m2"]:
                end = date(y2, int(m["m2"]), int(m["d2"])) if m["d2"] else month_end(
                    y2, int(m["m2"]))
            else:
                end = date(y2, 12, 31)
        except ValueError:
            return None
        return Period(m.group().strip(), start, end)
    m = _ONE_MONTH.search(text)
    if m:
        y, mo = int(m["y"]), int(m["m"])
        if 1 <= mo <= 12:
            return Period(m.group().strip(), date(y, mo, 1), month_end(y, mo))
        return None
    m = _ONE_YEAR.search(text)
    if m:
        y = int(m["y"])
        return Period(m.group().strip(), date(y, 1, 1), date(y, 12, 31))
    return None
