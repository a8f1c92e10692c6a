"""The text `ledger.insert_entry` writes into a ledger laid out by hand: the new entry's `-`
under the first entry's `-` and its keys under the first entry's keys, however the file
spaces them, and an empty ledger written as any of YAML's nulls replaced.  Exact text, so a
column off by one fails.  The mutation run (docs/testing.md) asked for them.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from suizhou_plan.ledger import Entry, NotAList, insert_entry, pasted, scalar

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
    with pytest.raises(NotAList):
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
