"""Options shared by several commands, and the one place that turns a plan directory that
cannot be used into a usage error (exit 2)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from suizhou_plan.base.clock import today_in_china
from suizhou_plan.i18n import Msg, from_environment, localise, parse_lang, t

F = TypeVar("F", bound=Callable[..., Any])


def parse_iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """`--as-of` and friends: YYYY-MM-DD only, with the ISO form suggested for other forms."""
    if value is None:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise click.BadParameter(Msg("{date} is not a real calendar date",
                                         date=text)) from None
    # lazy: not loaded for --help or a usage error (+82 ms: pydantic)
    from suizhou_plan.model.types import iso_suggestion

    suggestion = iso_suggestion(text)
    if suggestion:
        raise click.BadParameter(Msg("{text} is not a date written YYYY-MM-DD; type {date}",
                                     text=repr(text), date=suggestion))
    raise click.BadParameter(Msg("{text} is not a date written YYYY-MM-DD, e.g. 2024-01-15",
                                 text=repr(text)))


def plan_option(fn: F) -> F:
    return click.option(
        "--plan", "plan_dir", metavar="DIR", default=None,
        help="Plan directory holding tasks.yaml and agencies.yaml "
        "[default: $SUIZHOU_PLAN, else ./plan, else the bundled plan].",
    )(fn)


def as_of_option(fn: F) -> F:
    return click.option(
        "--as-of", "as_of", callback=parse_iso_date, default=None, metavar="YYYY-MM-DD",
        help="The date to check against [default: today in Asia/Shanghai].",
    )(fn)


def default_lang(plan_lang: str | None = None) -> str:
    """The output language when --lang is not given: the locale's (LC_ALL, LC_MESSAGES,
    LANG), else the plan's `supervision.lang`, else English."""
    return from_environment() or plan_lang or "en"


def _parse_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    lang = parse_lang(value)
    if lang is None:
        raise click.BadParameter(Msg("{value} is not a language suizhou writes; type zh-Hans "
                                     "(简体中文), zh-Hant (繁體中文) or en",
                                     value=repr(value)))
    return lang


def lang_option(fn: F) -> F:
    return click.option(
        "--lang", callback=_parse_lang, default=None, metavar="LANG",
        help="Language and script of the output: zh-Hans (简体中文), zh-Hant (繁體中文) or en; "
        "zh, zh-CN, zh-TW, zh_CN.UTF-8 and the like are understood [default: the locale, "
        "else the plan's supervision.lang, else en].",
    )(fn)


def resolve_plan(plan_dir: str | None, *, writing: bool = False) -> tuple[Path, str]:
    """The plan directory to read (or, with `writing`, to change) and how it was chosen.
    The bundled copy is read-only: a writer that would fall back to it is a usage error
    that says how to start a workspace."""
    # lazy: not loaded for --help or a usage error (+3 ms: 2 modules)
    from suizhou_plan.load.plan_dir import choose, is_bundled

    choice = choose(plan_dir)
    if writing and (choice.origin == "bundled" or is_bundled(choice.path)):
        raise click.UsageError(Msg(
            "the plan bundled with suizhou is read-only (an upgrade would replace it). Start "
            "a workspace of your own first: `suizhou init` copies it into ./plan (or `suizhou "
            "init DIR`, then --plan DIR); run this command again there"
        ))
    if not choice.path.exists():
        raise click.UsageError(Msg(
            "plan directory {path} ({origin}) does not exist; type --plan DIR with the "
            "directory that holds tasks.yaml and agencies.yaml", path=str(choice.path),
            origin=choice.origin))
    if not choice.path.is_dir():
        raise click.UsageError(Msg(
            "{path} is a file; --plan takes the directory that holds tasks.yaml and "
            "agencies.yaml", path=str(choice.path)))
    return choice.path, choice.describe()


def as_of_or_today(as_of: date | None) -> date:
    if as_of is not None:
        return as_of
    return today_in_china()


def use_color(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def office_template(path: str, lang: str) -> Any:
    """`--template FILE.docx`, made safe (`report.docx_template`): what was left out of it is
    said on stderr, a file that is not a Word document is a usage error that says what to
    give instead.  One reading for every command that writes Word documents."""
    # lazy: not loaded for --help or a usage error (+18 ms: 3 modules)
    from suizhou_plan.render.docx_template import read_template

    safe = read_template(Path(path), path)
    for message in safe.dropped:
        sys.stderr.write(t(lang, "warning: {message}", message=localise(message, lang)) + "\n")
    return safe
