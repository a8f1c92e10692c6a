"""Click's own words (`Usage:`, `Options`, `Error: …`, `No such option …`) in the reader's
language.

Click asks the standard `gettext` for them; `speaking(lang)` lends click our catalogue for
the length of one command.  The messages are listed here so that the catalogue tool
extracts them: if a later click rewords one, that one falls back to English, nothing
breaks."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from suizhou_plan.i18n import N_, SOURCE, in_script, translations

# Not click.decorators: the help texts it makes ("Show this message and exit.") are made
# once and kept on the command, so they stay English there and `helping` translates them
# as it does our own, whatever language a command in the same process ran in before.
CLICK_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.types",
                 "click.parser")


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
    N_("%(prog)s, version %(version)s"), N_("[OPTIONS]"),
    N_("required"),
)
METAVAR = "metavar"  # the catalogue context of a placeholder such as FILE or YYYY-MM-DD
NO_LINE_START = "，。、；：？！）」』”’》〉】"  # marks a Chinese line may not begin with
CHUNKS = "[\u3000-\u9fff\uff00-\uffef]|[^\u3000-\u9fff\uff00-\uffef]+"  # compiled when used
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
    if lang == SOURCE:  # click's own words are English
        yield
        return
    tr = translations(lang)
    # lazy: not loaded for --help or a usage error (+3 ms: 2 modules)
    import click.formatting

    from suizhou_plan.base.textwidth import width as display_width

    textwrap = importlib.import_module("click._textwrap")  # where click's wrapper lives
    chunks = re.compile(CHUNKS)

    saved: list[tuple[Any, str, Any]] = [
        (click.Option, "make_metavar", click.Option.make_metavar),
        (click.Argument, "make_metavar", click.Argument.make_metavar),
        (click.Command, "collect_usage_pieces", click.Command.collect_usage_pieces),
        (click.Group, "collect_usage_pieces", click.Group.collect_usage_pieces),
        (click.formatting, "term_len", getattr(click.formatting, "term_len")),  # noqa: B009
        (textwrap, "TextWrapper", textwrap.TextWrapper),
        (click.HelpFormatter, "write_heading", click.HelpFormatter.write_heading),
    ]

    def translating(make_metavar: Any) -> Any:
        def translated_metavar(self: click.Parameter, ctx: click.Context) -> str:
            return tr.pgettext(METAVAR, make_metavar(self, ctx))
        return translated_metavar

    def pieces_translated(usage_pieces: Any) -> Any:
        def translated_pieces(self: click.Command, ctx: click.Context) -> list[str]:
            def shown(piece: str) -> str:
                if piece == self.options_metavar:
                    return tr.gettext(piece)
                if piece == getattr(self, "subcommand_metavar", None):
                    return tr.pgettext(METAVAR, piece)
                return piece
            return [shown(piece) for piece in usage_pieces(self, ctx)]
        return translated_pieces

    class Wrapper(textwrap.TextWrapper):  # type: ignore[name-defined,misc]
        """Help text wrapped for a Chinese page: never inside `zh-TW` or `--due-within`
        (typed whole); lines measured in display columns (a Chinese character takes two);
        and no line starting with a closing mark such as ，or 。 (it joins the line above)."""

        width: int
        subsequent_indent: str

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, break_on_hyphens=False, **kwargs)

        def _split(self, text: str) -> list[str]:
            """Every Chinese character a place to break at; a run of Latin text (`main`,
            `--due-within`) stays whole."""
            pieces: list[str] = []
            for chunk in super()._split(text):
                pieces += chunks.findall(chunk)
            return pieces

        def wrap(self, text: str) -> list[str]:
            columns: int = self.width
            self.width = max(20, columns * len(text) // max(display_width(text), 1))
            try:
                lines: list[str] = super().wrap(text)
            finally:
                self.width = columns
            indent = len(self.subsequent_indent)
            for k in range(1, len(lines)):
                while lines[k][indent:indent + 1] and lines[k][indent] in NO_LINE_START:
                    lines[k - 1] += lines[k][indent]
                    lines[k] = lines[k][:indent] + lines[k][indent + 1:]
            return [line for line in lines if line.strip()]

    click.Option.make_metavar = translating(click.Option.make_metavar)  # type: ignore[method-assign]
    click.Argument.make_metavar = translating(  # type: ignore[method-assign]
        click.Argument.make_metavar)
    for cls in (click.Command, click.Group):
        cls.collect_usage_pieces = pieces_translated(  # type: ignore[method-assign]
            cls.collect_usage_pieces)
    # the help page's columns line up by display width (a Chinese character takes two)
    def term_len(x: str) -> int:
        return display_width(click.unstyle(x))

    setattr(click.formatting, "term_len", term_len)  # noqa: B010  (not exported by click)
    textwrap.TextWrapper = Wrapper  # type: ignore[attr-defined]

    def write_heading(self: click.HelpFormatter, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")  # 选项：, not 选项:

    click.HelpFormatter.write_heading = write_heading  # type: ignore[method-assign]
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
    (`python -m suizhou_plan.devtools` collects them from the objects)."""
    if lang == SOURCE:
        yield
        return
    tr = translations(lang)

    def translated(text: str | None) -> str | None:
        if not text:
            return text
        return in_script(lang, tr.gettext(inspect.cleandoc(text).partition("\f")[0]))

    original_text = click.Command.format_help_text
    original_record = click.Option.get_help_record
    original_short = click.Command.get_short_help_str

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

    def get_short_help_str(self: click.Command, limit: int = 45) -> str:
        saved = self.help, self.short_help
        self.help, self.short_help = translated(self.help), translated(self.short_help)
        try:
            return original_short(self, limit)
        finally:
            self.help, self.short_help = saved

    click.Command.format_help_text = format_help_text  # type: ignore[method-assign]
    click.Option.get_help_record = get_help_record  # type: ignore[method-assign]
    click.Command.get_short_help_str = get_short_help_str  # type: ignore[method-assign]
    try:
        yield
    finally:
        click.Command.format_help_text = original_text  # type: ignore[method-assign]
        click.Option.get_help_record = original_record  # type: ignore[method-assign]
        click.Command.get_short_help_str = original_short  # type: ignore[method-assign]
