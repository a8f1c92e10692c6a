"""Maintaining the message catalogues with Babel (a development tool, not needed to run).

    python -m suizhou_plan.i18n update    # extract messages from the code, merge them into
                                          # zh_Hans/suizhou.po, derive zh_Hant, compile .mo
    python -m suizhou_plan.i18n check     # exit 1 when a catalogue is stale or incomplete
    python -m suizhou_plan.i18n audit     # English words left in each Chinese output

Translators edit `src/suizhou_plan/locale/zh_Hans/LC_MESSAGES/suizhou.po` (msgstr lines),
then run `update`; `tests/test_i18n.py` fails while anything is stale or untranslated."""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path
from typing import Any

from suizhou_plan.i18n import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS: dict[str, Any] = {"N_": None, "t": (2,), "tp": ((2, "c"), 3), "tn": (2, 3),
                            "word": ((1, "c"), 2), "Msg": (1,), "Word": ((1, "c"), 2),
                            "Np_": (1, 2)}
PRIMARY, DERIVED = "zh_Hans", "zh_Hant"


def _po_path(folder: str) -> Path:
    return LOCALE_DIR / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Any:
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

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
    return catalog


def help_texts() -> list[str]:
    """Every help text of the command line (commands and options), as `--help` shows them:
    click keeps them on the command objects, so they are read from there."""
    import inspect

    import click

    from suizhou_plan.cli import COMMANDS, cli

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


def _read(path: Path, locale: str) -> Any:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN, project="suizhou")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _po_bytes(catalog: Any) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False,
             include_previous=False, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _derive(primary: Any) -> Any:
    """The traditional catalogue: every translation of the simplified one through OpenCC."""
    from babel.messages.catalog import Catalog

    from suizhou_plan.i18n import in_script

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
    from datetime import datetime, timezone

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
    from babel.messages.catalog import Catalog

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


def untranslated() -> list[str]:
    primary = _read(_po_path(PRIMARY), "zh_Hans")
    return [str(m.id) for m in primary if m.id and (not m.string or m.fuzzy)]


def _messages(path: Path) -> set[tuple[Any, ...]]:
    """What a catalogue file says, header aside (it names the Babel version that wrote it)."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_mo(handle) if path.suffix == ".mo" else read_po(handle)
    return {(m.context, str(m.id), str(m.string), path.suffix == ".po" and m.fuzzy)
            for m in catalog if m.id}


def stale() -> list[Path]:
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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["update"]:
        for path, data in build().items():
            if not path.exists() or path.read_bytes() != data:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                print(f"wrote {path.relative_to(PACKAGE.parent)}")
        missing = untranslated()
        if missing:
            print(f"{len(missing)} message(s) still need a translation in {PRIMARY}/suizhou.po")
        return
    if args == ["check"]:
        problems = [f"stale: {p.relative_to(PACKAGE.parent)}" for p in stale()]
        problems += [f"untranslated: {m!r}" for m in untranslated()]
        print("\n".join(problems) or "catalogues are fresh and complete")
        sys.exit(1 if problems else 0)
    if args[:1] == ["audit"]:
        for name, count, sample in audit(*args[1:2]):
            print(f"{name:<20} {count:>5}  {' '.join(sample)}")
        return
    print("usage: python -m suizhou_plan.i18n update|check|audit [LANG]", file=sys.stderr)
    sys.exit(2)


# What `audit` runs: every command that prints, as a Chinese reader would run it.
AUDIT = (
    ("check (bulletin)", ["check", "--as-of", "2024-01-15", "--format", "markdown"]),
    ("check (text)", ["check", "--as-of", "2024-01-15"]),
    ("validate", ["validate"]),
    ("duties (text)", ["duties", "市政数局", "--as-of", "2024-01-15"]),
    ("duties (markdown)", ["duties", "市政数局", "--as-of", "2024-01-15", "--format",
                           "markdown"]),
    ("duties (csv)", ["duties", "市政数局", "--as-of", "2024-01-15", "--format", "csv"]),
    ("duties (html)", ["duties", "市政数局", "--as-of", "2024-01-15", "--format", "html"]),
    ("agencies", ["agencies", "--as-of", "2024-01-15"]),
    ("rules", ["rules"]),
    ("rules overdue", ["rules", "overdue"]),
    ("progress show", ["progress", "show", "P1-M1"]),
    ("report (terminal)", ["report", "--as-of", "2024-01-15"]),
    ("report (html)", ["report", "--as-of", "2024-01-15", "--out", "-"]),
    ("check --help", ["check", "--help"]),
    ("a usage error", ["check", "--as-of", "2024/01/15"]),
)
_IDENTIFIER = r"\b(?:P\d+-M\d+|[TS]\d+(?:-\d{4})?|SZ\d{3})\b"
_UNIT_ID = __import__("re").compile(r"[a-z]+(?:-[a-z]+)+")  # gov-data, dahongshan-committee


def english_words(text: str) -> list[str]:
    """Latin words of two letters or more.  Not counted: identifiers (item ids, rule codes
    and slugs, unit ids), file locations, what a hint quotes of the file's own syntax
    (`progress:`), and in HTML what the page does not show (tags, attributes, styles)."""
    import re

    from suizhou_plan.rules import RULES

    if "<html" in text:
        text = re.sub(r"<style.*?</style>|<[^>]+>|&\w+;", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`|\S+\.ya?ml(?::\d+:\d+)?|--[a-z-]+", " ", text)
    text = re.sub(_IDENTIFIER, "", text)
    slugs = {rule.slug for rule in RULES.values()}
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", text)
            if w not in slugs and not _UNIT_ID.fullmatch(w)]


def audit(lang: str = "zh-Hans") -> list[tuple[str, int, list[str]]]:
    """(output, number of English words, the first few) for every command in `AUDIT`, run
    as a person runs it (the installed entry point, a Chinese locale, the bundled plan)."""
    import os
    import re
    import subprocess

    locale = "zh_CN.UTF-8" if lang == "zh-Hans" else "zh_TW.UTF-8"
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    out = []
    for name, args in AUDIT:
        wants_lang = args[-1] != "--help" and "/" not in args[-1]
        argv = [*args, "--lang", lang] if wants_lang else args
        done = subprocess.run([sys.executable, "-m", "suizhou_plan", *argv], text=True,
                              capture_output=True, env={**env, "LANG": locale}, timeout=120)
        shown = "\n".join(line for line in (done.stdout + done.stderr).splitlines()
                          if not re.match(r"\s+(\d+ )?\| ", line))  # quoted file lines
        words = english_words(shown)
        out.append((name, len(words), sorted(set(words))[:8]))
    return out
