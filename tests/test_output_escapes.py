"""Outputs that cannot be turned against their reader: plan text holding escape sequences,
spreadsheet formulas, HTML and link syntax reaches every terminal, CSV, Markdown and HTML
output as harmless text."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import PLAN, Run, edit

from suizhou_plan.base.escapes import (
    markdown_code,
    markdown_text,
    spreadsheet_cell,
    visible,
    visible_lines,
)
from suizhou_plan.base.file_names import safe_stem
from suizhou_plan.views.holding import Holders

RunCli = Callable[..., Run]

# As written in the YAML file (double-quoted: `\e` is ESC), and as the loader reads it.
HOSTILE_YAML = (
    r'"=HYPERLINK(\"http://evil.example/\",\"點擊\") <script>alert(1)</script> '
    r'[x](javascript:alert(1)) \e[2J\e]8;;http://evil.example/\e\\鏈接\e]8;;\e\\ '
    r'\u202e反轉 [link=http://evil.example/]rich[/link] \x9b31m"'
)
HOSTILE = (
    '=HYPERLINK("http://evil.example/","點擊") <script>alert(1)</script> '
    "[x](javascript:alert(1)) \x1b[2J\x1b]8;;http://evil.example/\x1b\\鏈接\x1b]8;;\x1b\\ "
    "\u202e反轉 [link=http://evil.example/]rich[/link] \x9b31m"
)
# Short enough to survive the columns a terminal table cuts titles to: T01's title.
SHORT_YAML = r'"\e[2J\u202e\x9b31m"'
RAW = ("\x1b", "\x9b", "\u202e")  # what must never reach a terminal from plan text
SHOWN = ("\\x1b[2J", "\\u202e", "\\x9b31m")
AS_OF = "2024-01-15"
LEAD = "隨州高新區管委會"  # leads T01 and the red milestone P1-M3


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan with HOSTILE as its title, its first addressee, phase 1's theme, the title of the red
    milestone P1-M3, P1-M3's latest progress, and a unit's name; SHORT as T01's title."""
    plan = tmp_path_factory.mktemp("hostile") / "plan"
    shutil.copytree(PLAN, plan)
    tasks = plan / "tasks.yaml"
    edit(tasks, "  title: 數字隨州建設實施方案\n", f"  title: {HOSTILE_YAML}\n")
    edit(tasks, "  addressees: [各縣、市、區人民政府,", f"  addressees: [{HOSTILE_YAML},")
    edit(tasks, "    theme: 整合資源\n", f"    theme: {HOSTILE_YAML}\n")
    edit(tasks, "    title: 建設大數據產業園\n", f"    title: {SHORT_YAML}\n")
    edit(tasks, "        title: 初步完成數據中心機房建設及指揮中心一期建設\n",
         f"        title: {HOSTILE_YAML}\n"
         "        progress:\n"
         f"          - {{date: 2023-12-01, status: blocked, by: {LEAD}, note: {HOSTILE_YAML},\n"
         f"             problems: {HOSTILE_YAML}, next: {HOSTILE_YAML}}}\n")
    with (plan / "agencies.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"  - id: evil\n    name: {HOSTILE_YAML}\n    kind: municipal-department\n"
                     "    in_source_text: false\n    source: a test\n")
    return plan


def assert_terminal_safe(out: str) -> None:
    for raw in RAW:
        assert raw not in out
    for shown in SHOWN:
        assert shown in out, shown


# --- the functions -------------------------------------------------------------------


def test_the_fixture_plan_reads_as_the_hostile_text(hostile_plan: Path) -> None:
    from suizhou_plan.load import load_plan

    loaded = load_plan(hostile_plan)
    assert loaded.ok, loaded.problems
    assert loaded.tasks.plan.title == HOSTILE
    assert loaded.agencies.agencies[-1].name == HOSTILE


def test_visible_escapes_every_control_character() -> None:
    assert visible("a\x1b[31mb\x07\x00\x7f\x85\x9b") == "a\\x1b[31mb\\x07\\x00\\x7f\\x85\\x9b"
    assert visible("tab\tline\nreturn\r") == "tab\\tline\\nreturn\\r"
    assert visible("\u202e\u2066\u2069") == "\\u202e\\u2066\\u2069"
    assert visible("市政數局 — ✖ 紅燈 C:\\docs") == "市政數局 — ✖ 紅燈 C:\\docs"
    assert visible(visible("\x1b")) == "\\x1b"  # escaping twice changes nothing more
    assert visible_lines("one\x1b\ntwo\t\n") == "one\\x1b\ntwo\\t\n"


@pytest.mark.parametrize("cell", [
    '=HYPERLINK("http://evil.example/","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
    "\t=1", "\r=1", "＝1+1", "-", "+", "=",
])
def test_a_cell_that_starts_like_a_formula_is_prefixed(cell: str) -> None:
    assert spreadsheet_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", [
    "-3", "+1.5", "-0.25", "2.5e-3", "2024-01-15", "2023-11-30 (逾期46天)", "12", "",
    "市政數局", "a=b", "P1-M4", "'=already",
])
def test_numbers_dates_and_text_stay_as_they_are(cell: str) -> None:
    assert spreadsheet_cell(cell) == cell


def test_markdown_text_escapes_html_and_link_syntax() -> None:
    assert markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown_text("![x](http://t.example/p.png) a|b & c") == \
        "!\\[x\\](http://t.example/p.png) a\\|b &amp; c"
    assert markdown_text("line\none `code` \\") == "line one \\`code\\` \\\\"
    assert markdown_text("\x1b[2J") == "\\x1b\\[2J"
    assert markdown_code("a`b\nc\x1b") == "a'b c\\x1b"


# --- terminal output -------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["check", "--as-of", AS_OF],
    ["check", "--as-of", AS_OF, "--phase", "1", "--lang", "zh"],
    ["duties", LEAD, "--as-of", AS_OF],
    ["duties", "--mechanism", "數字經濟", "--as-of", AS_OF],
    ["agencies", "--as-of", AS_OF],
    ["report", "--as-of", AS_OF],
], ids=" ".join)
def test_terminal_output_shows_escape_sequences_as_text(
    run_cli: RunCli, hostile_plan: Path, command: list[str]
) -> None:
    result = run_cli(command[0], "--plan", str(hostile_plan), *command[1:])
    assert result.exit_code in (0, 1), result.output
    assert_terminal_safe(result.stdout)


def test_progress_show_escapes_the_ledger(run_cli: RunCli, hostile_plan: Path) -> None:
    result = run_cli("progress", "show", "P1-M3", "--plan", str(hostile_plan))
    assert result.exit_code == 0, result.output
    ledger = result.stdout.split("\n", 1)[1]  # the first line is the title, see below
    assert_terminal_safe(ledger)
    # the summary line of where the item stands (its note), then the table's note,
    # problems and next
    assert ledger.count("\\x1b[2J") == 4


def test_progress_show_escapes_the_title(run_cli: RunCli, hostile_plan: Path) -> None:
    result = run_cli("progress", "show", "P1-M3", "--plan", str(hostile_plan))
    assert_terminal_safe(result.stdout.split("\n", 1)[0])


def test_diff_text_and_markdown(run_cli: RunCli, hostile_plan: Path) -> None:
    text = run_cli("diff", str(PLAN), str(hostile_plan), "--plan", str(PLAN))
    assert text.exit_code == 0, text.output
    assert "title-changed" in text.stdout
    assert_terminal_safe(text.stdout)
    markdown = run_cli("diff", str(PLAN), str(hostile_plan), "--plan", str(PLAN),
                       "--format", "markdown").stdout
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "[x](javascript" not in markdown and "\\[x\\](javascript" in markdown
    assert not any(raw in markdown for raw in RAW)


def test_validate_escapes_plan_text_in_findings_and_excerpts(
    run_cli: RunCli, plan_copy: Path
) -> None:
    edit(plan_copy / "tasks.yaml", "    units: [隨州高新區管委會, 市城管執法委,",
         '    units: ["\\e]0;pwned\\a\\u202e市政數局", 隨州高新區管委會, 市城管執法委,')
    for fmt in ("text", "github"):
        result = run_cli("validate", "--plan", str(plan_copy), "--format", fmt)
        assert result.exit_code == 1
        assert "unknown-agency" in result.stdout
        assert "\\x1b]0;pwned\\x07\\u202e市政數局" in result.stdout
        assert not any(raw in result.stdout for raw in (*RAW, "\x07"))
    excerpt = run_cli("validate", "--plan", str(plan_copy)).stdout
    assert '[\\u202e"\\e]0;pwned' not in excerpt  # the quoted source line keeps YAML's escapes
    assert "|     units: [\"\\e]0;pwned\\a\\u202e市政數局\"" in excerpt


def test_rich_check_in_a_terminal_reads_no_markup_and_no_escapes(hostile_plan: Path) -> None:
    from suizhou_plan.render import check_rich
    view = _check_view(hostile_plan)
    out = Terminal()
    check_rich.render(view, out, color=True)
    text = out.getvalue()
    assert "\x1b[" in text  # rich's own colours are there...
    assert "\x1b[2J" not in text and "\x1b]8;" not in text  # ...the plan's sequences are not
    assert "[link=http://evil.example/]rich[/link]" in text  # markup shown, not obeyed
    assert "\u202e" not in text and "\\u202e" in text and "\\x1b]8;;http" in text


def test_rich_dashboard_in_a_terminal(hostile_plan: Path) -> None:
    from suizhou_plan.render.dashboard_terminal import render_rich

    out = Terminal()
    render_rich(_dashboard(hostile_plan), out, color=True)
    text = out.getvalue()
    assert "\x1b[" in text
    assert "\x1b[2J" not in text and "\x1b]8;" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text


class Terminal(io.StringIO):
    """A captured stream that says it is a terminal, so rich draws colours into it."""

    def isatty(self) -> bool:
        return True


def _check_view(plan: Path) -> object:
    from suizhou_plan.load import load_plan
    from suizhou_plan.render.check_text import CheckView
    from suizhou_plan.rules.engine import run
    from suizhou_plan.views.board import build_board

    loaded = load_plan(plan)
    result = run(loaded, as_of=date(2024, 1, 15))
    assert result.index is not None
    boards = build_board(result.index, date(2024, 1, 15), 30,
                         Holders(result.index, date(2024, 1, 15)))
    return CheckView(HOSTILE, "plan", date(2024, 1, 15), boards, result.findings, loaded.files,
                     "zh")


def _dashboard(plan: Path) -> object:
    from suizhou_plan.load import load_plan
    from suizhou_plan.render.dashboard import Source, build_dashboard
    from suizhou_plan.rules.engine import run

    result = run(load_plan(plan), as_of=date(2024, 1, 15))
    assert result.index is not None
    return build_dashboard(result.index, result.findings, date(2024, 1, 15), window=30,
                           source=Source("plan"), lang="zh")


# --- CSV --------------------------------------------------------------------------------


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell and cell[0] in "=+-@\t\r":
                assert spreadsheet_cell(cell) == cell, f"formula-like cell {cell!r}"


def test_duties_csv_neutralises_formulas_and_keeps_dates(
    run_cli: RunCli, hostile_plan: Path
) -> None:
    result = run_cli("duties", LEAD, "evil", "--plan", str(hostile_plan), "--as-of", AS_OF,
                     "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = _csv_rows(result.stdout_bytes)
    _assert_no_formula(rows)
    assert [row[3] for row in rows if row[2] == "P1-M3"] == ["'" + HOSTILE]
    p1m3 = next(row for row in rows if row[2] == "P1-M3")
    assert p1m3[9] == "2023-11-30 (46 days overdue)"
    # latest progress: its date and unit first, so the cell cannot start a formula
    assert p1m3[13] == "2023-12-01 隨州高新區管委會: " + HOSTILE


def test_duties_all_csv_index_neutralises_unit_names(
    run_cli: RunCli, hostile_plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / "lists"
    result = run_cli("duties", "--all", "--out", str(out), "--plan", str(hostile_plan),
                     "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0, result.output
    index = _csv_rows((out / "index.csv").read_bytes())
    _assert_no_formula(index)
    evil = next(row for row in index if row[0] == "evil")
    # the unit's file is named by its name, made safe (`file_names.safe_stem`)
    assert evil == ["evil", "'" + HOSTILE, f"'{safe_stem(HOSTILE)}.csv", "0", "0", "0", "0"]
    for path in out.iterdir():
        _assert_no_formula(_csv_rows(path.read_bytes()))


# --- Markdown and HTML -----------------------------------------------------------------


def test_check_markdown_escapes_html(run_cli: RunCli, hostile_plan: Path) -> None:
    result = run_cli("check", "--plan", str(hostile_plan), "--as-of", AS_OF, "--format",
                     "markdown", "--lang", "zh")
    md = result.stdout
    assert "<script>" not in md
    # the title (heading, opening sentence, source line), the item, its progress
    assert md.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    assert "[x](javascript" not in md
    assert "[link=http://evil.example/]" not in md
    assert not any(raw in md for raw in RAW)
    row = next(line for line in md.splitlines() if line.startswith("| P1-M3 "))
    assert row.count(" | ") == 4  # a | in plan text cannot add a column
    addressees = md.splitlines()[4]  # 主送機關, after the title and the date
    assert addressees.startswith('=HYPERLINK("http://evil.example/","点击") '
                                 "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript")


def test_duties_markdown_escapes_html(run_cli: RunCli, hostile_plan: Path) -> None:
    md = run_cli("duties", LEAD, "evil", "--plan", str(hostile_plan), "--as-of", AS_OF,
                 "--format", "markdown").stdout
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert md.startswith(f"# {markdown_text(LEAD)}")
    assert "# " + markdown_text(HOSTILE) + " duty list (as of 2024-01-15)" in md
    assert not any(raw in md for raw in RAW)


@pytest.mark.parametrize("command", [
    ["duties", LEAD, "evil", "--as-of", AS_OF, "--format", "html"],
    ["report", "--as-of", AS_OF, "--out", "-"],
], ids=" ".join)
def test_html_outputs_escape_plan_text(
    run_cli: RunCli, hostile_plan: Path, command: list[str]
) -> None:
    result = run_cli(command[0], "--plan", str(hostile_plan), *command[1:])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page


def test_duties_all_html_and_markdown_index(
    run_cli: RunCli, hostile_plan: Path, tmp_path: Path
) -> None:
    for fmt, ext in (("html", "html"), ("markdown", "md")):
        out = tmp_path / fmt
        result = run_cli("duties", "--all", "--out", str(out), "--plan", str(hostile_plan),
                         "--as-of", AS_OF, "--format", fmt)
        assert result.exit_code == 0, result.output
        for path in out.iterdir():
            text = path.read_text(encoding="utf-8")
            assert "<script" not in text, path.name
        assert "&lt;script&gt;" in (out / f"index.{ext}").read_text(encoding="utf-8")


def test_word_outputs_show_control_characters_escaped(run_cli: RunCli, hostile_plan: Path,
                                                      tmp_path: Path) -> None:
    """Word refuses control characters in its XML: they are shown as escapes (`\\x1b`), in
    the bulletin (title, addressees, tables) and the duty lists, never a crash."""
    import docx

    out = tmp_path / "通報.docx"
    result = run_cli("check", "--plan", str(hostile_plan), "--as-of", AS_OF, "--format", "docx",
                     "--out", str(out), "--lang", "zh-Hant")
    assert result.exit_code == 1, result.output
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for table in document.tables for row in table.rows for c in row.cells]
    hostile = [text for text in texts if "evil.example" in text]
    assert len(hostile) >= 4  # the title, the addressees, the opening sentence, P1-M3's row
    for text in hostile:
        assert not any(raw in text for raw in RAW)
        assert "\\x1b[2J" in text and "\\u202e" in text
    assert document.core_properties.title.startswith("關於《=HYPERLINK(")
    lists = run_cli("duties", LEAD, "--plan", str(hostile_plan), "--as-of", AS_OF, "--format",
                    "docx", "--out", str(tmp_path / "清單.docx"))
    assert lists.exit_code == 0, lists.output
    cells = [c.text for table in docx.Document(str(tmp_path / "清單.docx")).tables
             for row in table.rows for c in row.cells]
    assert any("\\x1b[2J" in c for c in cells) and not any(
        raw in c for c in cells for raw in RAW)
