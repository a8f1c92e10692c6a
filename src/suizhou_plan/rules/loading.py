"""Rules for problems the loader finds while reading a file (always errors), and one warning
about how other YAML readers would read it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from suizhou_plan.base.finding import Location, Problem, Severity
from suizhou_plan.i18n import Msg
from suizhou_plan.load.plan_loader import AGENCIES, TASKS
from suizhou_plan.load.text_fields import (
    MODEL,
    MODELS,
    TEXT,
    TEXTS,
    fields_of,
    plain_text_scalars,
    start_of,
)
from suizhou_plan.model.agency import AgenciesFile
from suizhou_plan.model.plan import TasksFile
from suizhou_plan.rules.context import Context
from suizhou_plan.rules.registry import loader_rule, rule

loader_rule("SZ101", "yaml-syntax", "the file is not valid YAML", """
    The file cannot be parsed as YAML: a missing colon, a bad indent, an unclosed quote or
    bracket, or a tab used for indentation.  The finding points at the first character the
    parser could not read.

    Failing:

        tasks:
          - id: T01
           title: 建設大數據產業園

    Passing:

        tasks:
          - id: T01
            title: 建設大數據產業園
""")
loader_rule("SZ102", "encoding", "the file is not UTF-8 text", """
    Plan files are UTF-8 (a byte-order mark is accepted).  A GBK, Big5 or UTF-16 file, or one
    holding a NUL byte, is refused with the probable encoding named.

    Failing: a file saved as GBK by a Chinese-locale editor.

    Passing: the same file re-saved as UTF-8 (`iconv -f GBK -t UTF-8`).
""")
loader_rule("SZ103", "duplicate-key", "a key is repeated in one mapping", """
    YAML keeps only the last of two equal keys, silently.  Every repeat is reported.

    Failing:

        - id: T01
          title: 建設大數據產業園
          title: 提升數字運營能力

    Passing:

        - id: T01
          title: 建設大數據產業園
""")
loader_rule("SZ104", "yaml-alias", "anchors and aliases are refused", """
    Aliases (`*name`) and merge keys (`<<:`) are refused: a few lines of aliases can expand
    into billions of values ("billion laughs").  Write values out in full.

    Failing:

        units: &core [市政數局, 市大數據中心]
        other: *core

    Passing:

        units: [市政數局, 市大數據中心]
        other: [市政數局, 市大數據中心]
""")
loader_rule("SZ105", "yaml-tag", "YAML tags such as !!python/object are refused", """
    Plan files hold text, numbers and dates.  Any tag other than YAML's standard ones is
    refused and the value is never constructed.

    Failing:

        title: !!python/object/apply:os.system [echo]

    Passing:

        title: 建設大數據產業園
""")
loader_rule("SZ106", "file-too-large", "the file is over the size limit", """
    Files over 128 MiB are refused before parsing.

    Failing: a 200 MiB tasks.yaml.

    Passing: any real plan (the bundled one is about 30 KiB).
""")
loader_rule("SZ107", "missing-file", "a plan file is missing", """
    A plan directory holds `tasks.yaml` and `agencies.yaml`.

    Failing: a directory with only tasks.yaml.

    Passing: a directory with both files.
""")
loader_rule("SZ108", "unreadable-file", "a plan file cannot be read", """
    The path is a directory, a symlink loop, or not readable by this user.

    Failing: `plan/tasks.yaml` is a directory.

    Passing: `plan/tasks.yaml` is a regular, readable file.
""")
loader_rule("SZ110", "unknown-field", "a field the format does not define", """
    Unknown fields are errors, so that a typo is not silently ignored; the nearest known
    field is suggested.

    Failing:

        - id: T01
          titel: 建設大數據產業園

    Passing:

        - id: T01
          title: 建設大數據產業園
""")
loader_rule("SZ111", "missing-field", "a required field is missing", """
    Failing:

        - id: T01
          number: 1

    Passing:

        - id: T01
          number: 1
          kind: task
          section: 數字經濟
          title: 建設大數據產業園
          text: 建設大數據產業園。…
""")
loader_rule("SZ112", "invalid-value", "a value of the wrong type or outside its choices", """
    Text where a list is expected, a list where text is expected, a kind or status outside
    the vocabulary, a number with a leading zero (`0012`), `no`/`on` where true/false is
    meant, a phase that ends before it starts.

    Failing:

        kind: project

    Passing:

        kind: task
""")
loader_rule("SZ113", "invalid-date", "a date not written YYYY-MM-DD, or not a real date", """
    Dates are ISO `YYYY-MM-DD`.  `2025-6-30`, `2025/06/30`, `2025年6月30日`, a date-time or
    `2025年11月底` are refused with the ISO form to write; `2025-02-30` is not a date.

    Failing:

        due: 2025年11月底

    Passing:

        due: 2025-11-30
""")


# What YAML 1.1 readers (PyYAML, Ruby, go-yaml v2, spreadsheets' importers) and the YAML 1.2
# core schema make of a plain scalar: booleans, then integers (with 1.1's octal, binary and
# base-60 forms), then floats.
_BOOLEAN = re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
                      r"|on|On|ON|off|Off|OFF")
_NUMBER = re.compile(
    r"[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)"
    r"|[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


_FIRST = frozenset("yYnNtTfFoO0123456789+-.")  # how every boolean and number starts


def other_readers_see(text: str) -> str | None:
    """"a boolean" or "a number" when a YAML 1.1 or 1.2 reader would read the plain scalar
    `text` as one, else None."""
    if text[:1] not in _FIRST:
        return None
    if _BOOLEAN.fullmatch(text):
        return "a boolean"
    special = text.lstrip("+-") in (".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN")
    if _NUMBER.fullmatch(text) and (special or any(c.isdigit() for c in text)):
        return "a number"
    return None


def text_fields() -> tuple[str, ...]:
    """Every text field of the format (`Task.title`), in the order `ambiguous-text` walks
    them: the fields it reads."""
    out: list[str] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, (kind, sub) in fields_of(model).items():
            if kind in (TEXT, TEXTS):
                out.append(f"{model.__name__}.{name}")
            elif kind in (MODEL, MODELS) and sub is not None:
                visit(sub)

    visit(TasksFile)
    visit(AgenciesFile)
    return tuple(out)


@rule("SZ114", "ambiguous-text", Severity.WARNING,
      "unquoted text that other YAML readers take as a boolean or number",
      reads=text_fields())
def ambiguous_text(ctx: Context) -> Iterator[Problem]:
    """suizhou reads every value as the text that was typed, but most other YAML readers
    (PyYAML, Ruby, go-yaml, the importers of spreadsheets and editors) follow YAML 1.1, where
    an unquoted `no`, `yes`, `on`, `off`, `y` or `n` is a boolean and `0012` (octal 10),
    `0x1F`, `1e3` or `1:30` (90) is a number.  A text field written that way means something
    else in those tools; quoted, it means the same text everywhere.

    Failing:

        note: no
        evidence: [0012]

    Passing:

        note: "no"
        evidence: ["0012"]
    """
    for name, model in ((TASKS, TasksFile), (AGENCIES, AgenciesFile)):
        plan_file = ctx.index.files[name]
        for path, node, text in plain_text_scalars(plan_file.root, model):
            seen_as = other_readers_see(text)
            if seen_as is None:
                continue
            line, column = start_of(plan_file.root, node)
            field = next(part for part in reversed(path) if isinstance(part, str))
            yield Problem(
                "ambiguous-text",
                Msg("`{field}`: the unquoted {text} is text here, but other YAML readers take "
                    "it as a boolean", field=field, text=text) if seen_as == "a boolean" else
                Msg("`{field}`: the unquoted {text} is text here, but other YAML readers take "
                    "it as a number", field=field, text=text),
                Location(plan_file.shown, line, column),
                Msg('quote it so that every tool reads the same text: "{text}"', text=text),
            )
