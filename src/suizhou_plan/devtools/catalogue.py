"""Maintaining the message catalogues with Babel (a development tool, not needed to run).

    python -m suizhou_plan.devtools update    # extract messages from the code, merge them into
                                          # zh_Hans/suizhou.po, derive zh_Hant, compile .mo
    python -m suizhou_plan.devtools check     # exit 1 when a catalogue is stale or incomplete
    python -m suizhou_plan.devtools audit     # English words left in each Chinese output

Translators edit `src/suizhou_plan/locale/zh_Hans/LC_MESSAGES/suizhou.po` (msgstr lines),
then run `update`; `tests/test_i18n.py` fails while anything is stale or untranslated."""

from __future__ import annotations

import io
import sys
import tempfile
from functools import cache
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
    from suizhou_plan.cli.click_messages import METAVAR

    for text in metavars():
        catalog.add(text, None, [("suizhou_plan/cli (--help)", 0)], context=METAVAR)
    from suizhou_plan.rules.describe import texts

    for context, text in texts():  # rule summaries and documentation, from the registry
        catalog.add(text, None, [("suizhou_plan/rules (documentation)", 0)], context=context)
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


def metavars() -> list[str]:
    """The placeholders `--help` and the usage line show (`FILE`, `YYYY-MM-DD`, `[DIR]`),
    except a list of choices (`[text|json]`), which are typed as they stand."""
    import click

    from suizhou_plan.cli import cli

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


def untranslated(primary: Any = None) -> list[str]:
    """Messages of the simplified catalogue (or of `primary`) without a translation."""
    if primary is None:
        primary = _read(_po_path(PRIMARY), "zh_Hans")
    def missing(string: Any) -> bool:  # a plural's forms are a tuple: every one must be there
        return not string or (isinstance(string, tuple | list) and not all(string))

    return [str(m.id) for m in primary if m.id and (missing(m.string) or m.fuzzy)]


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
    print("usage: python -m suizhou_plan.devtools update|check|audit [LANG]", file=sys.stderr)
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
    ("duties --mechanism", ["duties", "--mechanism", "数字政府", "--as-of", "2024-01-15"]),
    ("agencies", ["agencies", "--as-of", "2024-01-15"]),
    ("rules", ["rules"]),
    ("rules overdue", ["rules", "overdue"]),
    ("progress show", ["progress", "show", "P1-M1"]),
    ("report (terminal)", ["report", "--as-of", "2024-01-15"]),
    ("report (html)", ["report", "--as-of", "2024-01-15", "--out", "-"]),
    ("a usage error", ["check", "--as-of", "2024/01/15"]),
    # writers say what they wrote (into the working directory: `audit` runs in a new one)
    ("duties --all --out", ["duties", "--all", "--as-of", "2024-01-15", "--out",
                            "o1"]),
    ("progress template", ["progress", "template", "--all", "--as-of", "2024-01-15", "--out",
                           "o2"]),
    ("check --format docx", ["check", "--as-of", "2024-01-15", "--format", "docx", "--out",
                             "o3.docx"]),
    ("import (no tasks)", ["import", "/dev/null", "--out", "o4"]),
    ("--help", ["--help"]),
    *((f"{name} --help", [*name.split(), "--help"]) for name in (
        "check", "validate", "duties", "agencies", "rules", "progress", "progress add",
        "progress show", "progress template", "progress import", "init", "report", "diff",
        "export", "schema", "import")),
)
_IDENTIFIER = r"\b(?:P\d+-M\d+|[TS]\d+(?:-\d{4})?|SZ\d{3}|(?=[a-f]*\d)[0-9a-f]{7,40})\b"
# What a reader types or a file holds, not words: `quoted syntax`, option names, $VARIABLES,
# file names and keys (tasks.yaml, supervision.lang, due_soon_days, zh_CN.UTF-8), and cell
# addresses such as 文件.xlsx!工作表!C7.
_TYPED = (r"`[^`\n]*`|--[a-z-]+|(?<![\w.])(?:\.{1,2}|~)?/[^\s)）]*|\b[a-z][\w.-]*/[\w./-]+"
          r"|\$[A-Z_]+|\S+\.ya?ml(?::\d+:\d+)?|\b[a-z0-9]+(?:[._][A-Za-z0-9]+)+\b|![A-Z]+\d+\b")
# Lines of a plan file shown as they are: an excerpt under a finding (`  239 | …`) and the
# examples of a rule's documentation (indented YAML).
_QUOTED_LINES = r"(?m)^\s+(?:\d+ )?\|.*$|^ {4,}(?:- )?(?:[a-z_]+:|\{|\[).*$"
# Names of programs, file formats, character sets and units, written so in Chinese too.
PROPER_NOUNS = frozenset({
    "Word", "Excel", "WPS", "LibreOffice", "git", "Python", "Windows", "macOS",
    "YAML", "JSON", "HTML", "CSS", "SVG", "PDF", "CSV", "ISO", "Unicode",
    "UTF", "GBK", "GB", "Big", "KiB", "MiB", "Schema",
})


@cache
def typed_words() -> frozenset[str]:
    """Identifiers a reader types or reads in a file: command names, the choices of every
    option, language names, rule slugs and the unit ids of the bundled plan."""
    import click

    from suizhou_plan.cli import COMMANDS, cli
    from suizhou_plan.i18n import LANGS
    from suizhou_plan.load.plan_dir import bundled_plan
    from suizhou_plan.rules import RULES

    words = {"suizhou", *COMMANDS, *LANGS, "zh", "zh-CN", "zh-TW", "zh-HK"}
    words |= {rule.slug for rule in RULES.values()}

    def walk(command: click.Command, ctx: click.Context) -> None:
        for param in command.params:
            if isinstance(param.type, click.Choice):
                words.update(str(choice) for choice in param.type.choices)
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    words.add(name)
                    walk(sub, click.Context(sub, parent=ctx, info_name=name))

    walk(cli, click.Context(cli, info_name="suizhou"))
    import yaml

    agencies = yaml.safe_load((bundled_plan() / "agencies.yaml").read_text(encoding="utf-8"))
    words |= {str(entry["id"]) for entry in agencies["agencies"]}
    return frozenset(words)


def english_words(text: str) -> list[str]:
    """Latin words of two letters or more.  Not counted: identifiers (item ids, rule codes
    and slugs, unit ids, command names and option values: `typed_words`), file locations,
    what a text quotes of the file's own syntax (`progress:`), names of programs and
    character sets (`PROPER_NOUNS`), and in HTML what the page does not show (tags,
    attributes, styles)."""
    import re

    if "<html" in text:
        text = re.sub(r"<style.*?</style>|<[^>]+>|&\w+;", " ", text, flags=re.S)
    text = re.sub(_QUOTED_LINES, "", text)
    text = re.sub(_TYPED, " ", text)
    text = re.sub(_IDENTIFIER, "", text)
    exempt = typed_words() | PROPER_NOUNS
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", text) if w not in exempt]


def audit(lang: str = "zh-Hans") -> list[tuple[str, int, list[str]]]:
    """(output, number of English words, the first few) for every command in `AUDIT`, run
    as a person runs it (the installed entry point, a Chinese locale, the bundled plan), in
    a new directory that the writers among them write into."""
    import os
    import subprocess
    import tempfile

    locale = "zh_CN.UTF-8" if lang == "zh-Hans" else "zh_TW.UTF-8"
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    out = []
    with tempfile.TemporaryDirectory(prefix="suizhou-audit-") as scratch:
        for name, args in AUDIT:
            wants_lang = args[-1] != "--help" and "/" not in args[-1]
            argv = [*args, "--lang", lang] if wants_lang else args
            done = subprocess.run([sys.executable, "-m", "suizhou_plan", *argv], text=True,
                                  capture_output=True, env={**env, "LANG": locale},
                                  timeout=120, cwd=scratch)
            words = english_words(done.stdout + done.stderr)
            out.append((name, len(words), sorted(set(words))[:8]))
    return out
