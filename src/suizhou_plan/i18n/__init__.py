"""Output languages: English, simplified Chinese (zh-Hans) and traditional Chinese (zh-Hant).

Every word a person reads comes from one gettext catalogue (`locale/<lang>/LC_MESSAGES/
suizhou.po`, compiled to `.mo`), with the English text in the code as the message id and
named placeholders (`{days}`), so a translation may reorder them.  Translators edit
`zh_Hans/…/suizhou.po`; the traditional catalogue is derived from it with OpenCC (s2tw) by
`python -m suizhou_plan.devtools update`, so the two scripts never disagree.

Plan text (titles, unit names, notes) is shown in the output's script: `in_script` converts
it with OpenCC, so a page in simplified characters never mixes in traditional ones (the
bundled plan is a traditional copy, and units write their notes in simplified)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gettext as _gettext

LANGS = ("zh-Hans", "zh-Hant", "en")
SOURCE = "en"  # the language of the messages in the code (the catalogues' msgids)
DOMAIN = "suizhou"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DIRECTORY = {"zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}  # gettext's folder names
_HANT_REGIONS = ("tw", "hk", "mo")


def parse_lang(text: str) -> str | None:
    """The output language a `--lang` value or a locale names: `zh`, `zh-CN`, `zh_CN.UTF-8`,
    `zh-Hans` → zh-Hans; `zh-TW`, `zh_HK`, `zh-Hant` → zh-Hant; `en`, `en_US.UTF-8` → en.
    None for what names no language (`C`, `POSIX`, ``) or one suizhou does not speak."""
    value = text.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-").lower()
    if not value or value in ("c", "posix"):
        return None
    parts = value.split("-")
    if parts[0] == "zh":
        if "hant" in parts[1:] or any(p in _HANT_REGIONS for p in parts[1:]):
            return "zh-Hant"
        return "zh-Hans"
    if parts[0] == "en":
        return "en"
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the user's locale (LC_ALL, then LC_MESSAGES, then LANG), or None."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return parse_lang(value)  # the first one set decides, as in POSIX
    return None


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")


# Typography is the catalogue's too (contexts "typography..."; literal, for the extractor):
# the English message is the English way to write it, and each language's translation its
# own, so a renderer never asks which language it writes and a new language is a
# catalogue, not a branch.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def listed(lang: str, items: Iterable[str]) -> str:
    """Items of a list: 「市政数局、市发改委」 / "A, B"."""
    return tp(lang, "typography", ", ").join(items)


def clauses(lang: str, parts: Iterable[str]) -> str:
    """Clauses of a sentence: 「8 个错误，57 个警告」 / "8 errors, 57 warnings"."""
    return tp(lang, "typography: clauses", ", ").join(parts)


def aside(lang: str, text: str, note: str) -> str:
    """A note in brackets after a text: 「第一阶段（2021年11月—2022年6月）」 / "Phase 1 (…)"."""
    return tp(lang, "typography", "{text} ({note})", text=text, note=note)


def tag(lang: str, text: str) -> str:
    """A short state in brackets: 「（已结束）」 / "[ended]"."""
    return tp(lang, "typography", "[{text}]", text=text)


def labelled(lang: str, label: str, text: str) -> str:
    """A column group's label before a column's: 「牵头·到期」 / "Lead: due"."""
    return tp(lang, "typography: column label", "{label}: {text}", label=label, text=text)


def counted(lang: str, heading: str, n: int) -> str:
    """A heading with its count: 全局问题（26） in Chinese, Plan-wide findings (26) in English."""
    return aside(lang, heading, str(n))


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese (小结：), `: ` in English."""
    return tp(lang, "typography", ": ")


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    # lazy: only translations() needs it (+1 ms)
    import gettext as _gettext  # not at start-up: it compiles a large pattern when imported

    folder = DIRECTORY.get(lang)
    if folder is None:
        return _gettext.NullTranslations()
    try:
        return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[folder])
    except OSError:  # pragma: no cover - a broken install: English rather than a crash
        return _gettext.NullTranslations()


def N_(msgid: str) -> str:
    """Marks a message for extraction where it is defined; translated where it is shown."""
    return msgid


def t(lang: str, msgid: str, /, **args: Any) -> str:
    """`msgid` in `lang`, with its named placeholders filled in."""
    text = translations(lang).gettext(msgid)
    return text.format(**args) if args else text


def tp(lang: str, context: str, msgid: str, /, **args: Any) -> str:
    """`t` for a word whose translation depends on where it stands (`status` vs `label`)."""
    text = translations(lang).pgettext(context, msgid)
    return text.format(**args) if args else text


def tn(lang: str, singular: str, plural: str, n: int, /, **args: Any) -> str:
    text = translations(lang).ngettext(singular, plural, n)
    return text.format(n=n, **args)


@cache
def _converter(config: str) -> Any:
    # lazy: only _converter() needs it (+4 ms: opencc)
    import opencc

    return opencc.OpenCC(config)


@cache
def _pattern(text: str) -> re.Pattern[str]:
    """A pattern compiled when first used: a class of CJK ranges takes over a millisecond to
    compile, which a machine-format run would pay at start-up for nothing."""
    return re.compile(text)


_CJK = "[\u3400-\u9fff\uf900-\ufaff]"


# A file's path in a message (`測試台账/市政數局.xlsx`, `plan/tasks.yaml`): shown exactly as the
# file system has it, never converted, or the path printed would not exist.
_PATH = (r"[^\s，。；：、「」（）()<>\[\]'\",;|]*[/\\][^\s，。；：、「」（）()<>\[\]'\",;|]*"
         r"|[^\s，。；：、「」（）()<>\[\]'\",;|]+\.(?:xlsx|xls|docx|yaml|yml|md|html|csv|json|pdf|txt)\b")


_PATH_CHAR = r"[A-Za-z0-9._~-]"  # a path has something of a file name besides its slashes


def in_script(lang: str, text: str) -> str:
    """Plan text in the script of `lang` (English output shows it as stored); file paths in
    it are left exactly as they are."""
    if not text or lang == "en" or not _pattern(_CJK).search(text):
        return text
    convert = _converter("t2s" if lang == "zh-Hans" else "s2tw").convert
    out, at = [], 0
    for found in _pattern(_PATH).finditer(text):
        if not _pattern(_PATH_CHAR).search(found.group()):
            continue  # 「牵头/配合」, 「数字政府/数字经济」: words with a slash, not a path
        out += [convert(text[at:found.start()]), found.group()]
        at = found.end()
    out.append(convert(text[at:]))
    return "".join(out)


_HALF_WIDTH = "(?<=[\u3400-\u9fff])([,;:!?])(?=[\u3400-\u9fff])"
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def official(lang: str, text: str) -> str:
    """`in_script`, and on a Chinese page the half-width commas, semicolons and colons the
    plan's copy has between two Chinese characters (数据运营,挖掘) written full-width, as
    official writing does.  For pages whose columns are not aligned by counting characters
    (the bulletin, Markdown and HTML duty lists, the dashboard page)."""
    shown = in_script(lang, text)
    if lang == "en":
        return shown
    return _pattern(_HALF_WIDTH).sub(lambda m: _FULL_WIDTH[m.group(1)], shown)


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (phases and heading numbers; up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else ""
    return out + (_CN_DIGITS[ones] if ones else "")


def long_date(lang: str, day: Any) -> str:
    """2024年1月15日 in Chinese; 15 January 2024 in English."""
    if is_chinese(lang):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day(lang: str, when: Any) -> str:
    """A date as the reader writes it: 2024年1月15日 in Chinese, 2024-01-15 in English."""
    return long_date(lang, when) if is_chinese(lang) else str(when.isoformat())


def span(lang: str, start: Any, end: Any) -> str:
    """A window of dates: 2021年11月1日—2023年11月30日 in Chinese, 2021-11-01 → 2023-11-30."""
    if is_chinese(lang):
        return f"{day(lang, start)}—{day(lang, end)}"
    return f"{start.isoformat()} → {end.isoformat()}"


def phase_name(lang: str, number: int) -> str:
    """第一阶段 in Chinese, everywhere; Phase 1 in English."""
    numeral = chinese_number(number) if is_chinese(lang) else str(number)
    return t(lang, "Phase {numeral}", numeral=numeral)


def heading_number(lang: str, n: int) -> str:
    """一、 in Chinese (the numbering of an official document's sections); 1. in English."""
    return f"{chinese_number(n)}、" if is_chinese(lang) else f"{n}. "


def sub_number(lang: str, n: int) -> str:
    """（一） in Chinese; (1) in English."""
    return f"（{chinese_number(n)}）" if is_chinese(lang) else f"({n}) "


class Msg(str):
    """A message in English that remembers its id and arguments, so that it can be shown in
    another language later (`localise`).  Being a `str`, it goes wherever text goes: a rule
    yields one, the engine stamps it into a finding, and only the renderer picks the
    language.  Arguments that are plan text stay as they are; dates are written for the
    language; `Msg` and `Word` arguments are translated too."""

    msgid: str
    args: dict[str, Any]

    def __new__(cls, msgid: str, /, **args: Any) -> Msg:
        shown = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in args.items()}
        obj = super().__new__(cls, msgid.format(**shown) if args else msgid)
        obj.msgid, obj.args = msgid, args
        return obj


class Word(str):
    """A word with its context (`status:in-progress`), shown in English as itself."""

    context: str

    def __new__(cls, context: str, english: str) -> Word:
        obj = super().__new__(cls, english)
        obj.context = context
        return obj


def localise(text: Any, lang: str) -> str:
    """`text` in `lang`: a `Msg` or `Word` translated, a date written for the language, plain
    text as it is."""
    if isinstance(text, Msg):
        if lang == "en":
            return str(text)
        args = {k: localise(v, lang) for k, v in text.args.items()}
        return t(lang, text.msgid, **args)
    if isinstance(text, Word):
        return str(text) if lang == "en" else tp(lang, text.context, str(text))
    if hasattr(text, "isoformat") and not isinstance(text, str):
        return long_date(lang, text) if is_chinese(lang) else str(text.isoformat())
    return text if isinstance(text, str) else str(text)
