"""Every command as a reader in each language sees it: golden outputs in zh-Hans, zh-Hant
and English of the outputs #13 names (check as text and as the bulletin, the duty list in
four formats, agencies, a rule's documentation, an item's ledger, a usage error and
`--help`), and no English word in any Chinese output of any command.

The commands run in-process through the same entry as the installed `suizhou` (so click's
own words and `--help` are translated as a user sees them), on a copy of the bundled plan
with a ledger a unit would write (`reported_plan`, notes in simplified characters).

Regenerate the goldens after an intended change (and read the diffs):

    SUIZHOU_UPDATE_GOLDEN=1 pytest tests/test_languages.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import opencc
import pytest
from golden_files import GOLDEN, check_golden, updating
from test_i18n import reported_plan  # noqa: F401  (the fixture)

from suizhou_plan.cli import _run
from suizhou_plan.devtools.audit import AUDIT, english_words

LANGS = ("zh-Hans", "zh-Hant", "en")
AS_OF = ("--as-of", "2024-01-15")

# name → (arguments, the stream shown, file extension)
CASES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "check": (("check", *AS_OF), "out", "txt"),
    "check-bulletin": (("check", *AS_OF, "--format", "markdown"), "out", "md"),
    "duties": (("duties", "市政数局", *AS_OF), "out", "txt"),
    "duties-markdown": (("duties", "市政数局", *AS_OF, "--format", "markdown"), "out", "md"),
    "duties-csv": (("duties", "市政数局", *AS_OF, "--format", "csv"), "out", "csv"),
    "duties-html": (("duties", "市政数局", *AS_OF, "--format", "html"), "out", "html"),
    "agencies": (("agencies", *AS_OF), "out", "txt"),
    "rules-overdue": (("rules", "overdue"), "out", "txt"),
    "progress-show": (("progress", "show", "P1-M3"), "out", "txt"),
    "usage-error": (("check", "--as-of", "2024/01/15"), "err", "txt"),
    "check-help": (("check", "--help"), "out", "txt"),
}
EXIT = {"check": 1, "check-bulletin": 1, "usage-error": 2}


@dataclass
class Shown:
    code: int
    out: str
    err: str


@pytest.fixture
def suizhou(reported_plan, monkeypatch, capsys):  # noqa: F811
    """`suizhou ARGS` as typed, in a directory whose ./plan is the reported plan."""
    monkeypatch.chdir(reported_plan.parent)

    def run(*args: str, locale: str | None = None) -> Shown:
        if locale:
            monkeypatch.setenv("LANG", locale)
        capsys.readouterr()
        try:
            code = _run(list(args))
        except SystemExit as done:  # a command that ends with sys.exit (check, validate)
            code = done.code if isinstance(done.code, int) else 0
        shown = capsys.readouterr()
        return Shown(code, shown.out, shown.err)

    return run


def _args(args: tuple[str, ...], lang: str) -> tuple[tuple[str, ...], str | None]:
    """`--help` and a usage error are asked for in the reader's locale (the option would
    come too late or not at all); every other command takes --lang."""
    locale = {"zh-Hans": "zh_CN.UTF-8", "zh-Hant": "zh_TW.UTF-8", "en": "en_US.UTF-8"}[lang]
    if args[-1] == "--help" or "2024/01/15" in args:
        return args, locale
    return (*args, "--lang", lang), None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_in_each_language(suizhou, name, lang):
    args, stream, ext = CASES[name]
    argv, locale = _args(args, lang)
    shown = suizhou(*argv, locale=locale)
    assert shown.code == EXIT.get(name, 0), shown.err
    text = shown.out if stream == "out" else shown.err
    if ext == "csv":  # a spreadsheet's rows end in CRLF; the golden file is plain text
        assert all(line.endswith("\r\n") for line in text.splitlines(keepends=True))
        text = text.replace("\r\n", "\n")
    check_golden(GOLDEN / "languages" / f"{name}.{lang}.{ext}", text, update=updating())


_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2tw")


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_no_english_and_one_script_in_any_chinese_output(suizhou, lang):
    """Every output `python -m suizhou_plan.devtools audit` counts, as a Chinese reader runs it:
    no English word (identifiers, typed values, file syntax and names of programs and
    formats excepted: `english_words`), and no character of the other script."""
    problems = {}
    for name, args in AUDIT:
        argv, locale = _args(tuple(args), lang)
        shown = suizhou(*argv, locale=locale)
        text = shown.out + shown.err
        assert text.strip(), name
        words = english_words(text)
        if words:
            problems[name] = sorted(set(words))
        # the lines a finding quotes from the plan file stay as the file has them
        ours = "\n".join(line for line in text.splitlines()
                         if not re.match(r"\s+(\d+ )?\| ", line))
        other = _T2S if lang == "zh-Hans" else _S2T
        if other.convert(ours) != ours:
            changed = {a for a, b in zip(ours, other.convert(ours), strict=True) if a != b}
            problems[f"{name} (script)"] = sorted(changed)
    assert problems == {}


def test_english_words_counts_what_a_reader_would_call_english():
    """The counter itself: identifiers and typed values pass, words do not."""
    assert english_words("P1-M1 市政数局 gov-data `kind: plenary` --as-of 日期 text") == []
    assert english_words("plan/tasks.yaml:239:19 vague-agency [SZ402 警告] zh-TW ./plan") == []
    assert english_words("2023年11月30日 Word 文档") == []
    assert english_words("用法： suizhou check [OPTIONS]") == ["OPTIONS"]
    assert english_words("--as-of YYYY-MM-DD 检查日期 [默认：today in Asia/Shanghai]") == [
        "YYYY-MM-DD", "today", "in", "Asia", "Shanghai"]
    assert english_words("note: 说明") == ["note"]


@pytest.mark.parametrize(("as_of", "said"), [("2025-11-30", False), ("2025-12-01", True)])
def test_the_bulletin_says_when_the_plan_period_has_ended(suizhou, as_of, said):
    """The bundled plan's last phase ends on 2025-11-30: from the next day the overall
    picture opens by saying the period is over (on the day itself, not yet)."""
    zh = suizhou("check", "--as-of", as_of, "--format", "markdown", "--lang", "zh-Hans").out
    en = suizhou("check", "--as-of", as_of, "--lang", "en").out
    assert ("方案实施期已于2025年11月30日届满。方案确定的督办事项共53项" in zh) is said
    assert en.splitlines()[2].startswith("The plan's period ended on 30 November 2025. ") is said
