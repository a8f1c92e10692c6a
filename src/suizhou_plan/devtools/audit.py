"""The audit of the Chinese outputs: every command that prints, run as a Chinese reader runs
it, and the English words left in what it printed (a development tool, not needed to run).

    python -m suizhou_plan.devtools audit [LANG]   # English words left in each output

`tests/test_languages.py` runs the same commands and fails on any English word found."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from functools import cache

import click
import yaml

from suizhou_plan.cli import COMMANDS, cli
from suizhou_plan.i18n import LANGS
from suizhou_plan.load.plan_dir import bundled_plan
from suizhou_plan.rules import RULES

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
    agencies = yaml.safe_load((bundled_plan() / "agencies.yaml").read_text(encoding="utf-8"))
    words |= {str(entry["id"]) for entry in agencies["agencies"]}
    return frozenset(words)


def english_words(text: str) -> list[str]:
    """Latin words of two letters or more.  Not counted: identifiers (item ids, rule codes
    and slugs, unit ids, command names and option values: `typed_words`), file locations,
    what a text quotes of the file's own syntax (`progress:`), names of programs and
    character sets (`PROPER_NOUNS`), and in HTML what the page does not show (tags,
    attributes, styles)."""
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
