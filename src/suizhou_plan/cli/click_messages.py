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


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Click's messages from our catalogue while the block runs (English: untouched)."""
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
