"""Click's own words (`Usage:`, `Options`, `Error: …`, `No such option …`) in the reader's
language.

Click asks the standard `gettext` for them; `speaking(lang)` lends click our catalogue for
the length of one command.  The messages are listed here so that the catalogue tool
extracts them: if a later click rewords one, that one falls back to English, nothing
breaks."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from suizhou_plan.i18n import N_, translations

CLICK_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.types",
                 "click.decorators", "click.parser")


def Np_(singular: str, plural: str) -> tuple[str, str]:
    return singular, plural


MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Error: {message}"),
    N_("Try '{command} {option}' for help."), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"), N_("Missing argument"), N_("Missing option"),
    N_("Missing command."), N_("Missing parameter"), N_("Missing {param_type}"),
    N_("No such command {name!r}."), N_("No such option {name!r}."),
    N_("Option {name!r} does not take a value."), N_("Aborted!"), N_("default: {default}"),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("%(prog)s, version %(version)s"),
)
PLURALS = (
    Np_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    Np_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    Np_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    Np_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
)


_CURRENT = ["en"]


def current_lang() -> str:
    """The language of the command being run (for words click does not own, such as the
    list of commands)."""
    return _CURRENT[-1]


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Click's messages from our catalogue while the block runs (English: untouched)."""
    _CURRENT.append(lang)
    try:
        with _click_words(lang):
            yield
    finally:
        _CURRENT.pop()


@contextmanager
def _click_words(lang: str) -> Iterator[None]:
    if lang == "en":
        yield
        return
    tr = translations(lang)
    saved: list[tuple[Any, str, Any]] = []
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        for attr, replacement in (("_", tr.gettext), ("ngettext", tr.ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, replacement)
    try:
        yield
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)


@contextmanager
def helping(lang: str) -> Iterator[None]:
    """`--help` of our own commands and options in `lang`: click reads the help text from
    the command and option objects when it formats the page; the catalogue holds each text
    (`python -m suizhou_plan.i18n` collects them from the objects)."""
    if lang == "en":
        yield
        return
    import inspect

    import click

    from suizhou_plan.i18n import in_script

    tr = translations(lang)

    def translated(text: str | None) -> str | None:
        if not text:
            return text
        return in_script(lang, tr.gettext(inspect.cleandoc(text).partition("\f")[0]))

    original_text = click.Command.format_help_text
    original_record = click.Option.get_help_record

    def format_help_text(self: click.Command, ctx: click.Context,
                         formatter: click.HelpFormatter) -> None:
        saved, self.help = self.help, translated(self.help)
        try:
            original_text(self, ctx, formatter)
        finally:
            self.help = saved

    def get_help_record(self: click.Option, ctx: click.Context) -> tuple[str, str] | None:
        saved, self.help = self.help, translated(self.help)
        try:
            return original_record(self, ctx)
        finally:
            self.help = saved

    click.Command.format_help_text = format_help_text  # type: ignore[method-assign]
    click.Option.get_help_record = get_help_record  # type: ignore[method-assign]
    try:
        yield
    finally:
        click.Command.format_help_text = original_text  # type: ignore[method-assign]
        click.Option.get_help_record = original_record  # type: ignore[method-assign]
