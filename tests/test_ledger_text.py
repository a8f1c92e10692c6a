"""The text `ledger.insert_entry` writes into a ledger laid out by hand: the new entry's `-`
under the first entry's `-` and its keys under the first entry's keys, however the file
spaces them, and an empty ledger written as any of YAML's nulls replaced.  Exact text, so a
column off by one fails.  The mutation run (docs/testing.md) asked for them.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from suizhou_plan.load.ledger import (
    Entry,
    NotAList,
    insert_entries,
    insert_entry,
    pasted,
    scalar,
    unstorable,
)

ENTRY = Entry(date(2023, 6, 30), "in-progress", note="甲")


def first_task(text: str) -> yaml.Node:
    root = yaml.compose(text)
    return root.value[0][1].value[0]


def add(text: str) -> str:
    out = insert_entry(text, first_task(text), ENTRY)
    assert yaml.safe_load(out)["tasks"][0]["progress"][-1] == {
        "date": date(2023, 6, 30), "status": "in-progress", "note": "甲"}
    return out


HEAD = "tasks:\n  - id: T01\n    progress:\n"
TAIL = "    due: 2023-06-30\n"


@pytest.mark.parametrize(("first", "added"), [
    # `-` alone on its line, the keys four columns in
    ("      -\n          date: 2023-01-10\n          status: blocked\n",
     "      -   date: 2023-06-30\n          status: in-progress\n          note: 甲\n"),
    # `-` with a comment after it, the keys four columns in
    ("      - # 第一季度\n          date: 2023-01-10\n          status: blocked\n",
     "      -   date: 2023-06-30\n          status: in-progress\n          note: 甲\n"),
    # a comment line and a blank line between the `-` and the keys
    ("      -\n        # 補錄\n\n          date: 2023-01-10\n          status: blocked\n",
     "      -   date: 2023-06-30\n          status: in-progress\n          note: 甲\n"),
    # one comment line between the `-` and the keys
    ("      -\n        # 補錄\n          date: 2023-01-10\n          status: blocked\n",
     "      -   date: 2023-06-30\n          status: in-progress\n          note: 甲\n"),
    # `-` alone, in the column of `progress:` (YAML allows it), the keys two further in
    ("    -\n      date: 2023-01-10\n      status: blocked\n",
     "    - date: 2023-06-30\n      status: in-progress\n      note: 甲\n"),
    # the usual `- date:`, and a wide `-   date:`
    ("      - date: 2023-01-10\n        status: blocked\n",
     "      - date: 2023-06-30\n        status: in-progress\n        note: 甲\n"),
    ("      -   date: 2023-01-10\n          status: blocked\n",
     "      -   date: 2023-06-30\n          status: in-progress\n          note: 甲\n"),
], ids=["dash-alone", "dash-and-comment", "comment-and-blank-between", "comment-between", "indentless", "plain", "wide"])
def test_a_block_ledger_gets_its_entry_in_the_columns_of_the_first(first, added):
    assert add(HEAD + first + TAIL) == HEAD + first + added + TAIL


@pytest.mark.parametrize("empty", ["", " ~", " null", " Null", " NULL", " []"])
def test_an_empty_ledger_written_as_a_null_or_an_empty_list_is_replaced(empty):
    text = f"tasks:\n  - id: T01\n    progress:{empty}\n{TAIL}"
    assert add(text) == (HEAD + "      - date: 2023-06-30\n        status: in-progress\n"
                         "        note: 甲\n" + TAIL)


@pytest.mark.parametrize("value", ["'null'", '""', "nil", "none", "{}", "報告"])
def test_a_ledger_that_is_text_or_a_mapping_is_refused(value):
    text = f"tasks:\n  - id: T01\n    progress: {value}\n{TAIL}"
    with pytest.raises(NotAList, match=r"^the item's `progress:` is not a list$"):
        insert_entry(text, first_task(text), ENTRY)


@pytest.mark.parametrize("first", [
    # a flow list whose `]` is on a line of its own
    "      - date: 2023-01-10\n        status: blocked\n        evidence: [\n          a\n"
    "        ]\n",
    # a flow mapping whose `}` is on a line of its own
    "      - {date: 2023-01-10, status: blocked,\n         note: 乙\n        }\n",
    # a quoted note whose closing quote is in the first column (1 character into its line)
    '      - date: 2023-01-10\n        status: blocked\n        note: "乙\n"\n',
], ids=["flow-list-closed-below", "flow-mapping-closed-below", "quote-closed-in-column-1"])
def test_the_entry_goes_after_the_last_line_of_the_ledger_however_it_ends(first):
    assert add(HEAD + first + TAIL) == (HEAD + first + "      - date: 2023-06-30\n"
                                        "        status: in-progress\n        note: 甲\n" + TAIL)


def test_a_pasted_cell_keeps_its_line_breaks_of_every_kind_as_newlines():
    assert pasted("  機房\r主體\r\n完工\n設備進場 \r\n") == "機房\n主體\n完工\n設備進場"


def test_a_long_value_that_needs_quotes_stays_on_one_line():
    value = "甲: " + "乙 丙 " * 40 + "丁"  # `: ` makes YAML read a mapping: it is quoted
    assert scalar(value) == f'"{value}"'
    assert yaml.safe_load(f"note: {scalar(value)}") == {"note": value}


LATER = Entry(date(2023, 7, 30), "blocked", note="乙")
FLOW_NEW = ("{date: 2023-06-30, status: in-progress, note: 甲}, "
            "{date: 2023-07-30, status: blocked, note: 乙}")
BLOCK_NEW = "      - date: 2023-06-30\n        status: in-progress\n        note: 甲\n"


@pytest.mark.parametrize(("text", "written"), [
    # a flow ledger gets flow mappings, comma-separated
    ("tasks:\n  - id: T01\n    progress: [{date: 2023-01-10, status: blocked}]\n" + TAIL,
     "tasks:\n  - id: T01\n    progress: [{date: 2023-01-10, status: blocked}, "
     + FLOW_NEW + "]\n" + TAIL),
    # a flow item gets its ledger inside its braces, replacing `[]` or as a new key
    ("tasks:\n  - {id: T01, progress: []}\n",
     "tasks:\n  - {id: T01, progress: [" + FLOW_NEW + "]}\n"),
    ("tasks:\n  - {id: T01, due: 2023-06-30}\n",
     "tasks:\n  - {id: T01, due: 2023-06-30, progress: [" + FLOW_NEW + "]}\n"),
    ("tasks:\n  - {id: T01, title: 甲, due: 2023-06-30}\n",  # after the last of three keys
     "tasks:\n  - {id: T01, title: 甲, due: 2023-06-30, progress: [" + FLOW_NEW + "]}\n"),
    ("tasks:\n  - {id: T01, progress}\n",  # a key with no value: the colon is added
     "tasks:\n  - {id: T01, progress: [" + FLOW_NEW + "]}\n"),
], ids=["flow-ledger", "flow-item-empty-ledger", "flow-item-no-ledger", "flow-item-three-keys",
    "flow-item-bare-key"])
def test_two_entries_in_flow_style(text, written):
    out = insert_entries(text, first_task(text), [ENTRY, LATER])
    assert out == written
    assert [e.get("note") for e in yaml.safe_load(out)["tasks"][0]["progress"]][-2:] == ["甲", "乙"]


def test_a_file_with_windows_line_breaks_keeps_them():
    text = (HEAD + "      - date: 2023-01-10\n        status: blocked\n" + TAIL).replace(
        "\n", "\r\n")
    assert add(text) == (HEAD + "      - date: 2023-01-10\n        status: blocked\n"
                         + BLOCK_NEW + TAIL).replace("\n", "\r\n")


@pytest.mark.parametrize(("text", "written"), [
    (HEAD + "      - date: 2023-01-10\n        status: blocked",
     HEAD + "      - date: 2023-01-10\n        status: blocked\n" + BLOCK_NEW),
    ("tasks:\n  - id: T01\n    due: 2023-06-30",
     "tasks:\n  - id: T01\n    due: 2023-06-30\n    progress:\n" + BLOCK_NEW),
    (HEAD + "      - date: 2023-01-10\n        status: blocked\n",
     HEAD + "      - date: 2023-01-10\n        status: blocked\n" + BLOCK_NEW),
    ("tasks:\n  - id: T01\n    due: 2023-06-30\n",
     "tasks:\n  - id: T01\n    due: 2023-06-30\n    progress:\n" + BLOCK_NEW),
    # not the last item: the missing final line break is not this item's business
    ("tasks:\n  - id: T01\n    due: 2023-06-30\n  - id: T02",
     "tasks:\n  - id: T01\n    due: 2023-06-30\n    progress:\n" + BLOCK_NEW + "  - id: T02"),
], ids=["ledger", "no-ledger", "ledger-with-final-line-break", "no-ledger-with-final-line-break",
        "no-ledger-not-last"])
def test_the_last_item_of_a_file_with_or_without_a_final_line_break(text, written):
    assert add(text) == written


def test_what_cannot_be_stored_is_named_with_its_position():
    assert unstorable("機房主體完工") is None
    assert unstorable("ab\x90") == (3, "U+0090 (a control character)")
    assert unstorable("甲\x01") == (2, "U+0001 (a control character)")
    lone = "(a lone surrogate, half of a character lost in copying)"
    assert unstorable("\ud800x") == (1, f"U+D800 {lone}")
    assert unstorable("x\udfff") == (2, f"U+DFFF {lone}")
