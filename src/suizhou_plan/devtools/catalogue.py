"""Maintaining the message catalogues with Babel (a development tool, not needed to run).

    python -m suizhou_plan.devtools update    # extract messages from the code, merge them into
                                          # zh_Hans/suizhou.po, derive zh_Hant, compile .mo
    python -m suizhou_plan.devtools check     # exit 1 when a catalogue is stale or incomplete

Translators edit `src/suizhou_plan/locale/zh_Hans/LC_MESSAGES/suizhou.po` (msgstr lines),
then run `update`; `tests/test_i18n.py` fails while anything is stale or untranslated."""

from __future__ import annotations

import inspect
import io
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from suizhou_plan.cli import COMMANDS, cli
from suizhou_plan.cli.click_messages import METAVAR
from suizhou_plan.i18n import DOMAIN, LOCALE_DIR, in_script
from suizhou_plan.rules.describe import texts

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS: dict[str, Any] = {"N_": None, "t": (2,), "tp": ((2, "c"), 3), "tn": (2, 3),
                            "word": ((1, "c"), 2), "Msg": (1,), "Word": ((1, "c"), 2),
                            "Np_": (1, 2)}
PRIMARY, DERIVED = "zh_Hans", "zh_Hant"


def _po_path(folder: str) -> Path:
    return LOCALE_DIR / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Any:
    """The template: every message of the code (Babel's extraction with our keywords), every
    help text and placeholder of the command line, and every rule's summary and prose."""
    catalog = Catalog(project="suizhou", domain=DOMAIN, charset="utf-8",
                      fuzzy=False)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in sorted(
            extract_from_dir(str(PACKAGE), method_map, keywords=KEYWORDS,
                             comment_tags=("TRANSLATORS:",), strip_comment_tags=True),
            key=lambda m: (m[0], m[1])):
        catalog.add(message, None, [(f"suizhou_plan/{filename}", lineno)],
                    auto_comments=comments, context=context,
                    flags=("python-brace-format",) if "{" in str(message) else ())
    for text in help_texts():
        catalog.add(text, None, [("suizhou_plan/cli (--help)", 0)],
                    flags=("python-brace-format",) if "{" in text else ())
    for text in metavars():
        catalog.add(text, None, [("suizhou_plan/cli (--help)", 0)], context=METAVAR)
    for context, text in texts():  # rule summaries and documentation, from the registry
        catalog.add(text, None, [("suizhou_plan/rules (documentation)", 0)], context=context)
    return catalog


def help_texts() -> list[str]:
    """Every help text of the command line (commands and options), as `--help` shows them:
    click keeps them on the command objects, so they are read from there."""
    out: list[str] = []

    def add(text: str | None) -> None:
        if text:
            cleaned = inspect.cleandoc(text).partition("\f")[0]
            if cleaned not in out:
                out.append(cleaned)

    def walk(command: click.Command) -> None:
        add(command.help)
        for param in command.params:
            if isinstance(param, click.Option):
                add(param.help)
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    walk(sub)

    walk(cli)
    for _module, short in COMMANDS.values():
        add(short)
    return out


def metavars() -> list[str]:
    """The placeholders `--help` and the usage line show (`FILE`, `YYYY-MM-DD`, `[DIR]`),
    except a list of choices (`[text|json]`), which are typed as they stand."""
    out: list[str] = []

    def walk(command: click.Command, ctx: click.Context) -> None:
        for param in command.params:
            if isinstance(param, click.Option) and (param.is_flag or param.hidden):
                continue
            shown = param.make_metavar(ctx)
            if isinstance(param.type, click.Choice) or shown in out:
                continue
            out.append(shown)
        if isinstance(command, click.Group):
            if command.subcommand_metavar not in out:
                out.append(command.subcommand_metavar)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    walk(sub, click.Context(sub, parent=ctx, info_name=name))

    walk(cli, click.Context(cli, info_name="suizhou"))
    return out


def _read(path: Path, locale: str) -> Any:
    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN, project="suizhou")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _po_bytes(catalog: Any) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False,
             include_previous=False, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Any) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _derive(primary: Any) -> Any:
    """The traditional catalogue: every translation of the simplified one through OpenCC."""
    derived = Catalog(locale="zh_Hant", domain=DOMAIN, project="suizhou", fuzzy=False)
    for message in primary:
        if not message.id:
            continue
        if isinstance(message.string, tuple | list):
            string: Any = tuple(in_script("zh-Hant", s) for s in message.string)
        else:
            string = in_script("zh-Hant", message.string or "")
        derived.add(message.id, string, [], flags=message.flags, context=message.context)
    return derived


def _stable(catalog: Any) -> Any:
    """No creation dates or tool versions in the header: a rebuild changes no byte."""
    fixed = datetime(2021, 11, 12, tzinfo=timezone.utc)  # the plan's date, not the build's
    catalog.creation_date = catalog.revision_date = fixed
    catalog.fuzzy = False
    catalog.version = "1"
    catalog.msgid_bugs_address = ""
    catalog.copyright_holder = "the suizhou authors"
    catalog.last_translator = "the suizhou authors"
    catalog.language_team = "the suizhou authors"
    return catalog


def build() -> dict[Path, bytes]:
    """Every catalogue file as it should be: the .po files updated from the code (keeping
    the translations), the traditional one derived, all compiled."""
    template = extract()
    primary = _read(_po_path(PRIMARY), "zh_Hans")
    if not isinstance(primary, Catalog):  # pragma: no cover
        raise TypeError("not a catalogue")
    primary.update(template, no_fuzzy_matching=True)
    primary.obsolete.clear()
    _stable(primary)
    derived = _stable(_derive(primary))
    return {
        _po_path(PRIMARY): _po_bytes(primary),
        _po_path(PRIMARY).with_suffix(".mo"): _mo_bytes(primary),
        _po_path(DERIVED): _po_bytes(derived),
        _po_path(DERIVED).with_suffix(".mo"): _mo_bytes(derived),
    }


def untranslated(primary: Any = None) -> list[str]:
    """Messages of the simplified catalogue (or of `primary`) without a translation."""
    if primary is None:
        primary = _read(_po_path(PRIMARY), "zh_Hans")

    def missing(string: Any) -> bool:  # a plural's forms are a tuple: every one must be there
        return not string or (isinstance(string, tuple | list) and not all(string))

    return [str(m.id) for m in primary if m.id and (missing(m.string) or m.fuzzy)]


def _messages(path: Path) -> set[tuple[Any, ...]]:
    """What a catalogue file says, header aside (it names the Babel version that wrote it)."""
    with path.open("rb") as handle:
        catalog = read_mo(handle) if path.suffix == ".mo" else read_po(handle)
    return {(m.context, str(m.id), str(m.string), path.suffix == ".po" and m.fuzzy)
            for m in catalog if m.id}


def stale() -> list[Path]:
    """The catalogue files whose messages differ from what `build` makes (or that are
    missing)."""
    out = []
    for path, data in build().items():
        if not path.exists():
            out.append(path)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / path.name
            fresh.write_bytes(data)
            if _messages(fresh) != _messages(path):
                out.append(path)
    return out


def update() -> None:
    """Write every catalogue file that differs from what `build` makes, and say how many
    messages still need a translation."""
    for path, data in build().items():
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(PACKAGE.parent)}")
    missing = untranslated()
    if missing:
        print(f"{len(missing)} message(s) still need a translation in {PRIMARY}/suizhou.po")


def check() -> int:
    """Print what is stale or untranslated; the exit code: 1 when anything is, else 0."""
    problems = [f"stale: {p.relative_to(PACKAGE.parent)}" for p in stale()]
    problems += [f"untranslated: {m!r}" for m in untranslated()]
    print("\n".join(problems) or "catalogues are fresh and complete")
    return 1 if problems else 0
