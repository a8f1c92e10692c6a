"""Adversarial inputs whose bytes matter, or whose size would bloat the corpus: legacy
encodings, byte-order marks, line ends, NUL and control characters, alias bombs, huge strings,
deep nesting and the size cap.  Each is the minimal plan (base/) with one defect."""

from __future__ import annotations

import codecs
import os
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest
from conftest import Run
from minimal_plan import MAX_MESSAGE, base_text, error_findings, plan_from_base

from suizhou_plan.load import load_plan
from suizhou_plan.load import text as text_module

TASKS = base_text("tasks.yaml")
AGENCIES = base_text("agencies.yaml")
RunCli = Callable[..., Run]


def simplified(text: str) -> str:
    return str(opencc.OpenCC("t2s").convert(text))


# --- legacy encodings: refused, the probable encoding named, the first bad byte located ---

@pytest.mark.parametrize(("stem", "data", "where", "named"), [
    ("tasks", simplified(TASKS).encode("gbk"), (4, 10), "GBK"),
    ("tasks", simplified(TASKS).encode("gb18030"), (4, 10), "GBK"),
    ("agencies", simplified(AGENCIES).encode("gbk"), (5, 11), "GBK"),
    ("tasks", TASKS.encode("big5"), (4, 10), "Big5"),
    ("tasks", TASKS.encode("gbk"), (4, 10), "GBK"),  # traditional characters saved as GBK
], ids=["gbk", "gb18030", "gbk-agencies", "big5", "gbk-traditional"])
def test_a_legacy_chinese_encoding_is_refused_with_its_name(
    run_cli: RunCli, tmp_path: Path, stem: str, data: bytes, where: tuple[int, int], named: str
) -> None:
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, **{stem: data}))
    assert code == 1
    assert errors == [("encoding", f"{stem}.yaml", *where)]
    assert f"it looks like {named}" in found[0]["message"]
    assert "UTF-8" in found[0]["hint"]


@pytest.mark.parametrize(("data", "named"), [
    (codecs.BOM_UTF16_LE + TASKS.encode("utf-16-le"), "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE + TASKS.encode("utf-16-be"), "UTF-16 (big-endian)"),
    (codecs.BOM_UTF32_LE + TASKS.encode("utf-32-le"), "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE + TASKS.encode("utf-32-be"), "UTF-32 (big-endian)"),
    (TASKS.encode("utf-16-le"), "UTF-16 (little-endian, no byte-order mark)"),
    (TASKS.encode("utf-16-be"), "UTF-16 (big-endian, no byte-order mark)"),
], ids=["utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom", "utf16le", "utf16be"])
def test_utf16_and_utf32_are_refused_naming_the_encoding(
    run_cli: RunCli, tmp_path: Path, data: bytes, named: str
) -> None:
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=data))
    assert code == 1
    assert errors == [("encoding", "tasks.yaml", 1, 1)]
    assert found[0]["message"] == f"file is {named}" + (
        "" if "no byte-order mark" in named else
        f": it starts with a {named.split()[0]} byte-order mark") + "; plan files must be UTF-8"


# --- byte-order mark and line ends: accepted, and findings keep their lines ---

TYPO = ("    text: 建設大數據產業園。\n", "    text: 建設大數據產業園。\n    titel: 建設\n")


@pytest.mark.parametrize("variant", ["utf8-bom", "crlf", "cr", "bom-crlf"])
def test_a_utf8_bom_and_windows_or_old_mac_line_ends_are_accepted(
    run_cli: RunCli, tmp_path: Path, variant: str
) -> None:
    def dress(text: str) -> bytes:
        if "crlf" in variant:
            text = text.replace("\n", "\r\n")
        elif variant == "cr":
            text = text.replace("\n", "\r")
        return (codecs.BOM_UTF8 if "bom" in variant else b"") + text.encode("utf-8")

    code, errors, _ = error_findings(run_cli, plan_from_base(tmp_path / "ok", tasks=dress(TASKS)))
    assert (code, errors) == (0, [])
    broken = plan_from_base(tmp_path / "typo", tasks=dress(TASKS.replace(*TYPO)))
    code, errors, _ = error_findings(run_cli, broken)
    assert (code, errors) == (1, [("unknown-field", "tasks.yaml", 26, 5)])
    text = run_cli("validate", "--plan", str(broken)).stdout
    assert "   26 |     titel: 建設\n" in text  # the quoted line, without a stray \r or BOM


def test_a_utf8_bom_in_agencies_is_accepted(run_cli: RunCli, tmp_path: Path) -> None:
    plan = plan_from_base(tmp_path, agencies=codecs.BOM_UTF8 + AGENCIES.encode("utf-8"))
    assert error_findings(run_cli, plan)[:2] == (0, [])


# --- NUL and other characters YAML does not allow: refused, located ---

@pytest.mark.parametrize(("char", "named"), [
    ("\x00", "NUL byte"), ("\x07", "U+0007"), ("\x1b", "U+001B"), ("\x0b", "U+000B"),
    ("\x0c", "U+000C"), ("\x7f", "U+007F"), ("\x9b", "U+009B"), ("\ufffe", "U+FFFE"),
    ("\uffff", "U+FFFF"),
], ids=["nul", "bel", "esc", "vt", "ff", "del", "csi", "fffe", "ffff"])
def test_nul_and_control_characters_are_refused_where_they_are(
    run_cli: RunCli, tmp_path: Path, char: str, named: str
) -> None:
    tasks = TASKS.replace("note: 已啟動", f"note: 已{char}啟動")
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert (code, errors) == (1, [("encoding", "tasks.yaml", 31, 16)])
    assert named in found[0]["message"]


def test_a_control_character_after_crlf_lines_is_located_on_its_line(
    run_cli: RunCli, tmp_path: Path
) -> None:
    tasks = TASKS.replace("note: 已啟動", "note: 已\x07啟動").replace("\n", "\r\n")
    assert error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))[1] == [
        ("encoding", "tasks.yaml", 31, 16)]


# --- empty files ---

@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b"\n\n   \n", b"# only\r\n# comments\r\n",
                                  b"---\n", b"--- ~\n"],
                         ids=["0-bytes", "bom-only", "blank-lines", "comments-crlf", "marker",
                              "null-document"])
def test_an_empty_file_is_one_finding_at_its_start(
    run_cli: RunCli, tmp_path: Path, data: bytes
) -> None:
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, agencies=data))
    assert (code, errors) == (1, [("missing-field", "agencies.yaml", 1, 1)])
    assert found[0]["message"] == "agencies.yaml is empty (or holds only comments)"


# --- alias bombs: refused without expanding, fast, in bounded memory ---

def billion_laughs(indent: str = "") -> str:
    lines = [f"{indent}a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{indent}{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_each_alias(run_cli: RunCli, tmp_path: Path) -> None:
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=billion_laughs()))
    assert code == 1
    # 8 lines of 9 aliases each, every one located; nothing is expanded
    assert errors == [("yaml-alias", "tasks.yaml", line, 8 + 4 * k)
                      for line in range(2, 10) for k in range(9)]
    assert found[0]["message"] == "alias *a is not allowed in plan files"


def test_billion_laughs_inside_a_task_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    tasks = TASKS.replace("    progress:\n", "    laughs:\n" + billion_laughs("      ")
                          + "    progress:\n")
    code, errors, _ = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert code == 1 and len(errors) == 72
    assert errors[0] == ("yaml-alias", "tasks.yaml", 30, 14)
    assert {e[0] for e in errors} == {"yaml-alias"}


@pytest.mark.parametrize("where", ["top", "task"])
def test_billion_laughs_loads_well_under_a_second_in_bounded_memory(
    tmp_path: Path, where: str
) -> None:
    bomb = billion_laughs() if where == "top" else TASKS.replace(
        "    progress:\n", "    laughs:\n" + billion_laughs("      ") + "    progress:\n")
    plan = plan_from_base(tmp_path, tasks=bomb)
    load_plan(plan)  # warm: imports and model building are not the bomb's cost
    started = time.perf_counter()
    loaded = load_plan(plan)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        load_plan(plan)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not loaded.ok
    assert elapsed < 0.25, f"{elapsed:.3f}s"
    assert peak < 4 * 1024 * 1024, f"{peak:,} bytes"  # 9**9 expanded strings would be GiB


def test_twenty_thousand_aliases_are_listed_only_up_to_the_cap(
    run_cli: RunCli, tmp_path: Path
) -> None:
    tasks = "a: &a x\nb: [" + ", ".join(["*a"] * 20_000) + "]\n"
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert code == 1 and len(errors) == 200
    assert errors[0] == ("yaml-alias", "tasks.yaml", 2, 5)
    assert found[-1]["message"] == ("alias *a is not allowed in plan files "
                                    "(and 19,800 more problems in this file, not listed)")


def test_thousands_of_schema_errors_are_listed_only_up_to_the_cap(
    run_cli: RunCli, tmp_path: Path
) -> None:
    head, _, _ = TASKS.partition("tasks:\n")
    tasks = head + "tasks:\n" + "  - {id: T01, zz: 1}\n" * 5_000
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert code == 1 and len(errors) == 200
    assert errors[0] == ("missing-field", "tasks.yaml", 20, 5)
    assert found[-1]["message"].endswith(" (and 29,800 more problems in this file, not listed)")


# --- very long strings: refused or accepted, never echoed back whole ---

@pytest.mark.parametrize(("old", "new", "expected"), [
    ("title: 建設大數據產業園", "title: " + "長" * 20_001, ("invalid-value", 24, 12)),
    ("title: 建設大數據產業園", "title: " + "x" * 1_000_000, ("invalid-value", 24, 12)),
    ("    kind: task\n", "    kind: task\n    ? " + "k" * 100_000 + "\n    : 1\n",
     ("unknown-field", 23, 7)),
    ("    kind: task\n", "    kind: task\n" + ("    ? " + "k" * 5_000 + "\n    : 1\n") * 2,
     ("duplicate-key", 25, 7)),
    ("title: 建設大數據產業園\n    text: 建設大數據產業園。",
     "title: &" + "t" * 5_000 + " 建設\n    text: *" + "t" * 5_000, ("yaml-alias", 25, 11)),
    ("title: 建設大數據產業園", "title: !" + "x" * 5_000 + " 建設", ("yaml-tag", 24, 12)),
    ("    kind: task\n", "    kind: task\n    " + "k" * 2_000 + ": 1\n", ("yaml-syntax", 23, 2005)),
    ("number: 1\n    kind", "number: " + "9" * 100_000 + "\n    kind", ("invalid-value", 21, 13)),
    ("number: 1\n    kind", "number: 0" + "1" * 100_000 + "\n    kind", ("invalid-value", 21, 13)),
    ("due: 2023-06-30", "due: " + "2" * 100_000, ("invalid-date", 27, 10)),
    ("id: T01", "id: T" + "1" * 100_000, ("invalid-value", 20, 9)),
], ids=["text-20001", "text-1MB", "key-100k", "duplicate-key-5k", "anchor-5k", "tag-5k",
        "implicit-key-2k", "number-100k", "zero-number-100k", "date-100k", "id-100k"])
def test_a_very_long_value_is_located_and_not_echoed(
    run_cli: RunCli, tmp_path: Path, old: str, new: str, expected: tuple[str, int, int]
) -> None:
    assert TASKS.count(old) == 1
    code, errors, _ = error_findings(run_cli, plan_from_base(tmp_path, tasks=TASKS.replace(old, new)))
    assert (code, errors) == (1, [(expected[0], "tasks.yaml", *expected[1:])])
    text = run_cli("validate", "--plan", str(tmp_path / "plan"))
    assert max(len(line) for line in text.stdout.splitlines()) <= 400


def test_a_long_valid_text_is_accepted(run_cli: RunCli, tmp_path: Path) -> None:
    tasks = TASKS.replace("text: 建設大數據產業園。", "text: " + "建設。" * 6_000)
    assert error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))[:2] == (0, [])


# --- deep nesting: refused, located, no RecursionError ---

def nested_block(opener: str) -> str:
    lines = [f"      {'  ' * i}{opener.format(i=i)}" for i in range(100)]
    return "    title:\n" + "\n".join(lines) + f"\n      {'  ' * 100}x\n"


@pytest.mark.parametrize(("new", "expected"), [
    ("title: " + "[" * 200 + "]" * 200, ("yaml-syntax", 24, 74)),
    ("title: " + "{a: " * 300 + "1" + "}" * 300, ("yaml-syntax", 24, 260)),
    ("title: " + "[" * 100_000 + "]" * 100_000, ("yaml-syntax", 24, 1009)),
    (nested_block("k{i}:").removeprefix("    ").rstrip("\n"), ("yaml-syntax", 87, 131)),
    (nested_block("-").removeprefix("    ").rstrip("\n"), ("yaml-syntax", 87, 131)),
], ids=["flow-list-200", "flow-map-300", "flow-list-100k", "block-map-100", "block-list-100"])
def test_deeply_nested_values_are_refused_where_the_limit_is_passed(
    run_cli: RunCli, tmp_path: Path, new: str, expected: tuple[str, int, int]
) -> None:
    tasks = TASKS.replace("title: 建設大數據產業園", new)
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path, tasks=tasks))
    assert (code, errors) == (1, [(expected[0], "tasks.yaml", *expected[1:])])
    assert "nest" in found[0]["message"]


# --- the size cap ---

def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plan = plan_from_base(tmp_path)
    with open(plan / "tasks.yaml", "r+b") as handle:  # sparse: no 128 MiB written to disk
        handle.truncate(text_module.MAX_BYTES + 1)
    assert os.stat(plan / "tasks.yaml").st_blocks * 512 < 1024 * 1024
    started = time.perf_counter()
    code, errors, found = error_findings(run_cli, plan)
    assert time.perf_counter() - started < 2
    assert (code, errors) == (1, [("file-too-large", "tasks.yaml", None, None)])
    assert found[0]["message"] == (f"file is {text_module.MAX_BYTES + 1:,} bytes, over the "
                                   f"{text_module.MAX_BYTES:,}-byte limit")


def test_the_size_cap_is_inclusive(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = TASKS.encode("utf-8")
    monkeypatch.setattr(text_module, "MAX_BYTES", len(data))
    assert error_findings(run_cli, plan_from_base(tmp_path / "at", tasks=data))[:2] == (0, [])
    monkeypatch.setattr(text_module, "MAX_BYTES", len(data) - 1)
    code, errors, found = error_findings(run_cli, plan_from_base(tmp_path / "over", tasks=data))
    assert (code, errors) == (1, [("file-too-large", "tasks.yaml", None, None)])
    assert len(found[0]["message"]) <= MAX_MESSAGE
