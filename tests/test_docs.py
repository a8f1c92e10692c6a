"""The docs stay true: generated pages are fresh, every command and rule is documented, the
plan-format example is a valid plan, and every command the guides show runs as shown.

After a change to a command's help, a rule, or a model, regenerate with

    python -m suizhou_plan.docgen

A guide's commands are the lines starting with `$ suizhou ` in its fenced blocks.  They run
in order, section (`## `) by section, each section in a fresh git work tree holding a copy of
the bundled plan as `./plan`, committed and also known as `origin/main`.  A ```diff block
in a section is applied to that tree with `git apply` where it stands: that is how a guide
shows an edit.  The lines after a command, up to the next `$ ` line or the end of the
block, are its output: they must equal the real output, except that a line `...` stands for
any number of lines (the lines before the first `...` are compared as the output's first
lines, a block that does not end in `...` is compared as its last lines), and a commit id
in parentheses, which differs from clone to clone, matches any commit id.  A command exits
0 unless its line ends in `# exit N`.

A section whose first command is `suizhou init` (without `--key`) starts without `./plan`,
as an office does: it is that command that makes the workspace.

A guide shows what a unit types into its returned sheet as a Markdown table under a comment
`<!-- fill 台账/*.xlsx → 回收/*.xlsx -->`: each row's first cell names the file (the `*`),
the other headings are the template's own column headings (the first of them its id column,
which finds the row), and each cell is typed into its column as a person types it (`<br>`
a line break); an empty cell is left alone.  Without a `*` the whole table is one file and
has no file column.  The sheet is signed off under its title (填报人, 联系电话, 审核), and a
locked column named in the table is written all the same, as by someone who lifted the
sheet's protection: that is how a guide shows an edited sheet.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import PLAN, ROOT

from suizhou_plan import docgen
from suizhou_plan.cli import cli
from suizhou_plan.rules import RULES

GUIDES = [ROOT / "docs" / "guide.md", ROOT / "docs" / "guide.en.md"]
GENERATED = [docgen.CLI_MD, docgen.RULES_MD, docgen.PLAN_FORMAT_MD]


# --- generated docs ------------------------------------------------------------------------


def test_generated_docs_are_fresh():
    stale = [p.relative_to(ROOT).as_posix() for p in docgen.stale(ROOT)]
    assert stale == [], f"stale: {stale}; regenerate with `{docgen.REGENERATE}`"


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    """A repository root holding freshly generated docs (plan-format.md's prose copied), so
    that these tests show the staleness check at work whether or not docs/ is fresh."""
    page = tmp_path / docgen.PLAN_FORMAT_MD
    page.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / docgen.PLAN_FORMAT_MD, page)
    docgen.write(tmp_path)
    assert all((tmp_path / rel).is_file() for rel in GENERATED)
    assert docgen.stale(tmp_path) == []
    return tmp_path


def test_a_changed_rule_summary_makes_rules_md_stale(docs_copy, monkeypatch, capsys):
    rule = RULES["overdue"]
    monkeypatch.setitem(RULES, "overdue", dataclasses.replace(rule, summary="late"))
    # the Chinese page too: the catalogue has no translation of the new summary yet
    assert docgen.stale(docs_copy) == [docs_copy / docgen.RULES_MD, docs_copy / docgen.RULES_ZH_MD]
    assert docgen.main(["--check", "--root", str(docs_copy)]) == 1
    assert capsys.readouterr().out == ("stale: docs/rules.md\nstale: docs/rules.zh-Hans.md\n"
                                       f"regenerate with: {docgen.REGENERATE}\n")
    assert docgen.main(["--root", str(docs_copy)]) == 0
    assert docgen.stale(docs_copy) == []
    assert "**error**: late." in (docs_copy / docgen.RULES_MD).read_text(encoding="utf-8")


def test_a_changed_rule_doc_makes_rules_md_stale(docs_copy, monkeypatch):
    rule = RULES["due-soon"]
    monkeypatch.setitem(RULES, "due-soon", dataclasses.replace(rule, doc=rule.doc + "\n\nMore."))
    assert docgen.stale(docs_copy) == [docs_copy / docgen.RULES_MD, docs_copy / docgen.RULES_ZH_MD]


def test_a_changed_command_help_makes_cli_md_stale(docs_copy, monkeypatch):
    from suizhou_plan.cli import check_cmd

    monkeypatch.setattr(check_cmd.command, "help", "Something else entirely.")
    assert docgen.stale(docs_copy) == [docs_copy / docgen.CLI_MD]
    docgen.write(docs_copy)
    assert "Something else entirely." in (docs_copy / docgen.CLI_MD).read_text(encoding="utf-8")


def test_a_changed_option_help_makes_cli_md_stale(docs_copy, monkeypatch):
    from suizhou_plan.cli import progress_cmd

    option = next(p for p in progress_cmd.add.params if p.name == "status")
    monkeypatch.setattr(option, "help", "How far it got.")
    assert docgen.stale(docs_copy) == [docs_copy / docgen.CLI_MD]


def test_a_changed_model_field_makes_plan_format_stale(docs_copy, monkeypatch):
    from suizhou_plan.model.plan import Supervision

    info = Supervision.model_fields["due_soon_days"]
    monkeypatch.setattr(info, "default", 14)
    assert docgen.stale(docs_copy) == [docs_copy / docgen.PLAN_FORMAT_MD]


def test_a_hand_edited_table_is_stale_and_check_exits_1(docs_copy):
    page = docs_copy / docgen.PLAN_FORMAT_MD
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("| `due_soon_days` |", "| `due_soon` |", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "suizhou_plan.docgen", "--check"],
                          cwd=docs_copy, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == "stale: docs/plan-format.md"


def test_prose_outside_the_generated_regions_is_kept(docs_copy):
    page = docs_copy / docgen.PLAN_FORMAT_MD
    text = page.read_text(encoding="utf-8") + "\nA note added by hand.\n"
    page.write_text(text, encoding="utf-8")
    assert docgen.stale(docs_copy) == []


def test_a_page_without_its_region_is_an_error(docs_copy, capsys):
    page = docs_copy / docgen.PLAN_FORMAT_MD
    page.write_text("# Plan format\n", encoding="utf-8")
    assert docgen.main(["--check", "--root", str(docs_copy)]) == 2
    assert "BEGIN GENERATED tasks.yaml" in capsys.readouterr().err


def test_the_traditional_guide_follows_the_simplified_one(docs_copy):
    guide = docs_copy / docgen.GUIDE_MD
    shutil.copyfile(ROOT / docgen.GUIDE_MD, guide)
    assert docgen.stale(docs_copy) == [docs_copy / docgen.GUIDE_HANT_MD]
    docgen.write(docs_copy)
    assert docgen.stale(docs_copy) == []
    guide.write_text(guide.read_text(encoding="utf-8") + "\n督查室每月28日前汇总。\n",
                     encoding="utf-8")
    assert docgen.stale(docs_copy) == [docs_copy / docgen.GUIDE_HANT_MD]
    docgen.write(docs_copy)
    assert (docs_copy / docgen.GUIDE_HANT_MD).read_text(encoding="utf-8").endswith(
        "\n督查室每月28日前彙總。\n")


def _verbatim(text: str) -> list[str]:
    """What a guide's reader types or the program prints: fenced blocks and fill tables."""
    from suizhou_plan.docgen.guide_script import _prose_lines

    lines = text.split("\n")
    return [line for line, prose in zip(lines, _prose_lines(lines), strict=True) if not prose]


def test_the_traditional_guide_converts_the_prose_and_nothing_typed_or_printed():
    import opencc

    simplified = (ROOT / docgen.GUIDE_MD).read_text(encoding="utf-8")
    traditional = (ROOT / docgen.GUIDE_HANT_MD).read_text(encoding="utf-8")
    assert _verbatim(traditional) == _verbatim(simplified)
    s2tw = opencc.OpenCC("s2tw").convert
    fixed = {right for _, right in docgen.guide_script.FIXES}
    left = []
    for line in set(traditional.split("\n")) - set(_verbatim(traditional)):
        words = re.sub(r"`[^`]*`|\]\([^)]*\)|\[简体中文\]", "", line)
        if s2tw(words) != words and not any(right in words for right in fixed):
            left.append(line)
    assert left == [], "simplified characters left in the traditional guide"
    assert "[简体中文](guide.md)" in traditional and "(guide.zh-Hant.md)" not in traditional
    assert "[繁體中文](guide.zh-Hant.md)" in simplified


def test_generation_does_not_depend_on_the_terminal(monkeypatch):
    before = docgen.cli_markdown()
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a, **k: os.terminal_size((200, 50)))
    assert docgen.cli_markdown() == before


# --- every command has help, every rule a doc with examples -------------------------------


def test_every_command_and_option_has_help():
    missing = []
    for path, command, _ in docgen.command_helps():
        if not (command.help or "").strip():
            missing.append(path)
        if not (command.get_short_help_str() or "").strip():
            missing.append(f"{path} (short help)")
        for param in command.params:
            if isinstance(param, click.Option) and not (param.help or "").strip():
                missing.append(f"{path} {param.opts[0]}")
    assert missing == []
    assert {p for p, _, _ in docgen.command_helps()} >= {
        "suizhou", "suizhou check", "suizhou validate", "suizhou duties", "suizhou agencies",
        "suizhou rules", "suizhou progress", "suizhou progress add", "suizhou progress show",
        "suizhou report", "suizhou diff", "suizhou export", "suizhou schema"}


def test_cli_md_shows_every_command_and_option():
    text = (ROOT / docgen.CLI_MD).read_text(encoding="utf-8")
    for path, command, _ in docgen.command_helps():
        assert f"## {path}\n" in text
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.opts[0] in text, (path, param.opts)


@pytest.mark.parametrize("slug", sorted(RULES))
def test_every_rule_has_a_doc_with_a_failing_and_a_passing_example(slug):
    rule = RULES[slug]
    assert rule.summary.strip(), slug
    assert rule.doc.strip(), slug
    assert re.search(r"^Failing\b.*:", rule.doc, re.M), f"{slug}: no 'Failing' example"
    assert re.search(r"^Passing\b.*:", rule.doc, re.M), f"{slug}: no 'Passing' example"
    assert rule.doc.index("Failing") < rule.doc.index("Passing")


def test_rules_md_documents_every_rule():
    text = (ROOT / docgen.RULES_MD).read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"## {rule.code} {rule.slug}\n" in text
        assert f"**{rule.severity.value}**: {rule.summary}." in text


def test_rule_docs_become_fenced_yaml():
    doc = "Failing:\n\n    units: [a]\n\nPassing:\n\n    units: [b]\n"
    assert docgen.doc_markdown(doc) == ["Failing:", "", "```yaml", "units: [a]", "```", "",
                                        "Passing:", "", "```yaml", "units: [b]", "```"]


# --- plan-format.md ------------------------------------------------------------------------


def _every_field() -> list[tuple[type, str]]:
    from suizhou_plan.model.agency import AgenciesFile
    from suizhou_plan.model.plan import TasksFile

    return [(model, name) for root in (TasksFile, AgenciesFile)
            for model in docgen.models_of(root) for name in model.model_fields]


def test_checked_by_names_real_fields_and_rules():
    fields = {f"{model.__name__}.{name}" for model, name in _every_field()}
    assert set(docgen.CHECKED_BY) <= fields
    for slugs in docgen.CHECKED_BY.values():
        assert set(slugs) <= set(RULES)


def test_every_rule_that_reads_the_plan_is_placed_on_a_field():
    placed = {slug for slugs in docgen.CHECKED_BY.values() for slug in slugs}
    unplaced = [r.slug for r in RULES.values() if r.check is not None and r.slug not in placed]
    assert unplaced == [], "add them to docgen.CHECKED_BY"


def _example_plan(tmp_path: Path) -> Path:
    page = (ROOT / docgen.PLAN_FORMAT_MD).read_text(encoding="utf-8")
    example = docgen.example_plan(page)
    assert set(example) == {"tasks", "agencies"}
    plan = tmp_path / "example"
    plan.mkdir()
    for name, text in example.items():
        (plan / f"{name}.yaml").write_text(text, encoding="utf-8")
    return plan


def test_the_plan_format_example_is_a_valid_plan(tmp_path):
    plan = _example_plan(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--plan", str(plan), "--quiet"],
                                catch_exceptions=False, env={"LC_ALL": None, "LANG": "C"})
    assert result.exit_code == 0, result.output
    # the example sets `supervision.lang: zh-Hans`, which a C locale follows
    assert "校验通过：0 个错误" in result.output


def test_the_plan_format_example_shows_every_field():
    page = (ROOT / docgen.PLAN_FORMAT_MD).read_text(encoding="utf-8")
    shown = docgen.example_values(docgen.example_plan(page))
    missing = [f"{model.__name__}.{name}" for model, name in _every_field()
               if (model, name) not in shown]
    assert missing == []


def test_every_field_row_has_a_type_and_an_example():
    from suizhou_plan.model.plan import TasksFile

    page = (ROOT / docgen.PLAN_FORMAT_MD).read_text(encoding="utf-8")
    for row in docgen.field_rows(TasksFile, docgen.example_plan(page)):
        assert row.type and row.example, row


def test_types_are_named_as_the_plan_files_write_them():
    from suizhou_plan.model.plan import Task

    hints = typing.get_type_hints(Task, include_extras=True)
    assert docgen.describe(hints["id"]) == "id"
    assert docgen.describe(hints["number"]) == "whole number ≥ 1"
    assert docgen.describe(hints["lead"]) == "text"
    assert docgen.describe(hints["due"]) == "date `YYYY-MM-DD`"
    assert docgen.describe(hints["kind"]) == "one of `task`, `safeguard`"
    assert docgen.describe(hints["units"]).startswith("list of text")
    assert docgen.describe(hints["targets"]) == "list of [Target](#target)"


def _headings(path: Path) -> set[str]:
    fence = False
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and line.startswith("#"):
            out.add(docgen.anchor(line.lstrip("#")))
    return out


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_links_between_docs_resolve(page):
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, fragment = target.partition("#")
        linked = (page.parent / file).resolve() if file else page
        missing = fragment and linked.suffix == ".md" and fragment not in _headings(linked)
        if not linked.exists() or missing:
            broken.append(target)
    assert broken == []


# --- the guides ---------------------------------------------------------------------------


@dataclass
class Fill:
    """Sheets filled in as a guide's table shows (`<!-- fill SOURCE → TARGET -->`)."""

    source: str  # a template, `*` standing for the table's first cell
    target: str  # where the filled sheet is saved, the same `*`
    header: list[str]
    rows: list[list[str]]


@dataclass
class Step:
    """A command with the output and exit code the guide shows, a patch (```diff), or
    sheets filled in (a table under `<!-- fill … -->`)."""

    guide: str
    line: int
    command: str = ""
    patch: str = ""
    fill: Fill | None = None
    exit_code: int = 0
    shown: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    steps: list[Step] = field(default_factory=list)


_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
_FILL = re.compile(r"<!--\s*fill\s+(.+?)\s+(?:→|->)\s+(.+?)\s*-->")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def guide_sections(path: Path) -> list[Section]:
    sections = [Section("(top)")]
    fence: str | None = None
    block: list[tuple[int, str]] = []
    fill: Step | None = None  # a fill whose table is being read
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fill is not None and fill.fill is not None:
            if line.startswith("|"):
                if not fill.fill.header:
                    fill.fill.header = _cells(line)
                elif not set(line) <= set("|-: "):
                    fill.fill.rows.append(_cells(line))
                continue
            if line.strip() or fill.fill.header:
                fill = None
        if fence is None:
            if line.startswith("```"):
                fence, block = line[3:].strip(), []
            elif line.startswith("## "):
                sections.append(Section(line[3:].strip()))
            elif line.strip().startswith("<!-- fill"):
                found = _FILL.fullmatch(line.strip())
                assert found, f"{path.name}:{number}: write <!-- fill TEMPLATE → FILLED -->"
                fill = Step(path.name, number, fill=Fill(found[1], found[2], [], []))
                sections[-1].steps.append(fill)
            continue
        if line.startswith("```"):
            sections[-1].steps += _steps(path.name, fence, block)
            fence = None
        else:
            block.append((number, line))
    assert fence is None, f"{path.name}: a fenced block is not closed"
    return [s for s in sections if s.steps]


def _steps(guide: str, info: str, block: list[tuple[int, str]]) -> list[Step]:
    if info == "diff" and block and block[0][1].startswith("diff --git"):
        return [Step(guide, block[0][0], patch="\n".join(text for _, text in block) + "\n")]
    steps: list[Step] = []
    current: Step | None = None
    for number, text in block:
        if text.startswith("$ "):
            current = None
            if text.startswith("$ suizhou "):
                command = text[2:]
                code = _EXIT.search(command)
                if code:
                    command = command[:code.start()]
                current = Step(guide, number, command=command,
                               exit_code=int(code.group(1)) if code else 0)
                steps.append(current)
        elif current is not None:
            current.shown.append(text)
    return steps


def _git(work: Path, *args: str, stdin: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "office", "GIT_AUTHOR_EMAIL": "office@example.invalid",
           "GIT_COMMITTER_NAME": "office", "GIT_COMMITTER_EMAIL": "office@example.invalid",
           "GIT_AUTHOR_DATE": "2024-01-15T09:00:00+08:00",
           "GIT_COMMITTER_DATE": "2024-01-15T09:00:00+08:00"}
    subprocess.run(["git", *args], cwd=work, env=env, input=stdin, text=True, check=True,
                   capture_output=True)


def fresh_work_tree(where: Path, plan: bool = True) -> Path:
    """A git work tree with a copy of the bundled plan as ./plan, committed on `main` and
    known as `origin/main`, as in a pull request's CI job; with `plan=False`, an empty one
    (the guide's own `suizhou init` makes the plan)."""
    where.mkdir(parents=True)
    _git(where, "init", "-q", "-b", "main")
    if plan:
        shutil.copytree(PLAN, where / "plan")
        _git(where, "add", "plan")
        _git(where, "commit", "-q", "-m", "plan as bundled")
        _git(where, "update-ref", "refs/remotes/origin/main", "HEAD")
    return where


def starts_a_workspace(section: Section) -> bool:
    """Whether the section's first command is `suizhou init` making the workspace."""
    first = next((s for s in section.steps if s.command), None)
    if first is None:
        return False
    args = shlex.split(first.command)
    return args[:2] == ["suizhou", "init"] and "--key" not in args


def fill_sheets(fill: Fill, work: Path) -> None:
    """Type the table's cells into the sheets it names, as `Fill` says."""
    from openpyxl import load_workbook
    from sheet_filling import SIGNED

    from suizhou_plan.sheets import template as layout

    per_file = "*" in fill.source
    columns = fill.header[1:] if per_file else fill.header
    files: dict[str, list[list[str]]] = {}
    for row in fill.rows:
        assert len(row) == len(fill.header), f"a row of {len(row)} cells: {row}"
        files.setdefault(row[0] if per_file else "", []).append(row[1:] if per_file else row)
    for name, rows in files.items():
        source, target = (work / p.replace("*", name) for p in (fill.source, fill.target))
        wb = load_workbook(source)
        ws = wb[wb.sheetnames[0]]
        letters = {str(c.value): c.column_letter
                   for c in ws[layout.HEADER_ROW] if c.value is not None}
        unknown = [c for c in columns if c not in letters]
        assert not unknown, f"{source.name} has no column {unknown}: {sorted(letters)}"
        assert letters[columns[0]] == layout.ID, f"{columns[0]} is not the id column"
        where = {ws[f"{layout.ID}{r}"].value: r
                 for r in range(layout.HEADER_ROW + 1, ws.max_row + 1)}
        for cells in rows:
            assert cells[0] in where, f"{source.name} has no row {cells[0]}"
            for heading, text in zip(columns[1:], cells[1:], strict=True):
                if text:
                    ws[f"{letters[heading]}{where[cells[0]]}"] = text.replace("<br>", "\n")
        for ref, text in SIGNED.items():
            ws[ref] = text
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(target)


_COMMIT = re.compile(r"(?<=\()[0-9a-f]{7,40}(?=\))")


def _normal(lines: list[str]) -> list[str]:
    out = [_COMMIT.sub("<commit>", line.rstrip()) for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def shown_matches(shown: list[str], real: list[str]) -> bool:
    """Whether the guide's `shown` output (with `...` lines standing for any lines) is the
    `real` output."""
    shown, real = _normal(shown), _normal(real)
    chunks: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == "...":
            chunks.append([])
        else:
            chunks[-1].append(line)
    if len(chunks) == 1:
        return shown == real
    head, *middle, tail = chunks
    if real[:len(head)] != head:
        return False
    at = len(head)
    for chunk in middle:
        found = next((i for i in range(at, len(real) - len(chunk) + 1)
                      if real[i:i + len(chunk)] == chunk), None)
        if found is None:
            return False
        at = found + len(chunk)
    return not tail or (len(real) - len(tail) >= at and real[len(real) - len(tail):] == tail)


@dataclass
class Ran:
    exit_code: int
    output: str


def run_command(command: str) -> Ran:
    """Run a guide's command as the installed `suizhou` does (`cli._run`: click's own words
    and usage errors in the reader's language), stdout and stderr as a terminal shows them."""
    from suizhou_plan.cli import _run

    args = shlex.split(command)
    assert args[0] == "suizhou"
    env = {"SUIZHOU_PLAN": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8",
           "SUIZHOU_DEBUG": None}
    with CliRunner().isolation(env=env) as (_, _, output):
        try:
            code = _run(args[1:])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(code, output.getvalue().decode("utf-8"))


def _command_of(args: list[str]) -> click.Command:
    ctx = click.Context(cli)
    command: click.Command = cli
    for arg in args:
        if not isinstance(command, click.Group):
            break
        if arg.startswith("-"):
            continue
        sub = command.get_command(ctx, arg)
        assert sub is not None, f"no command {arg!r}"
        command = sub
    return command


def _steps_of(guide: Path) -> list[Step]:
    return [step for section in guide_sections(guide) for step in section.steps]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_guide_shows_commands_with_their_output(guide):
    steps = [s for s in _steps_of(guide) if s.command]
    assert len(steps) >= 10
    assert sum(1 for s in steps if s.shown) >= 8
    assert any(s.patch for s in _steps_of(guide)), "the CI walk-through shows an edit"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_commands_pass_as_of_wherever_they_can(guide):
    for step in _steps_of(guide):
        if not step.command:
            continue
        args = shlex.split(step.command)[1:]
        command = _command_of(args)
        takes_as_of = any(p.name == "as_of" and not getattr(p, "hidden", False)
                          for p in command.params)
        assert not takes_as_of or "--as-of" in args, f"{guide.name}:{step.line}: add --as-of"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_guide_command_runs_as_shown(guide, tmp_path, monkeypatch):
    failures = []
    for n, section in enumerate(guide_sections(guide)):
        work = fresh_work_tree(tmp_path / f"section-{n}", plan=not starts_a_workspace(section))
        monkeypatch.chdir(work)
        for step in section.steps:
            where = f"{guide.name}:{step.line} ({section.title})"
            if step.patch:
                _git(work, "apply", "-", stdin=step.patch)
                continue
            if step.fill is not None:
                fill_sheets(step.fill, work)
                continue
            result = run_command(step.command)
            real = result.output.splitlines()
            if result.exit_code != step.exit_code:
                failures.append(f"{where}: `{step.command}` exited {result.exit_code}, "
                                f"the guide says {step.exit_code}\n{result.output}")
            elif step.shown and not shown_matches(step.shown, real):
                diff = "\n".join(difflib.unified_diff(_normal(step.shown), _normal(real),
                                                      "guide", "real", lineterm=""))
                failures.append(f"{where}: `{step.command}` prints otherwise\n{diff}")
    assert not failures, "\n\n".join(failures)


def test_shown_output_with_an_ellipsis_matches_head_middle_and_tail():
    real = ["a", "b", "c", "d", "e"]
    assert shown_matches(["a", "b", "..."], real)
    assert shown_matches(["a", "...", "c", "...", "e"], real)
    assert shown_matches(["...", "d", "e"], real)
    assert not shown_matches(["a", "c", "..."], real)
    assert not shown_matches(["a", "...", "d"], real)
    assert not shown_matches(["a", "b"], real)
    assert shown_matches(["x (1a2b3c4)"], ["x (9f8e7d6)"])


def test_guide_parsing_reads_commands_exit_codes_outputs_and_patches(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("\n".join([
        "# Guide", "", "```", "$ pip install .", "ignored", "```", "", "## One", "",
        "```console", "$ suizhou validate", "plan: x", "$ suizhou check --as-of 2024-01-15"
        "  # exit 1", "```", "", "```diff", "diff --git a/p b/p", "--- a/p", "+++ b/p", "```",
    ]) + "\n", encoding="utf-8")
    [section] = guide_sections(guide)
    assert section.title == "One"
    first, second, patch = section.steps
    assert (first.command, first.shown, first.exit_code) == ("suizhou validate", ["plan: x"], 0)
    assert (second.command, second.shown, second.exit_code) == (
        "suizhou check --as-of 2024-01-15", [], 1)
    assert patch.patch.startswith("diff --git a/p b/p\n")


def test_guide_parsing_reads_what_a_unit_fills_in(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("\n".join([
        "## One", "", "<!-- fill 台账/*.xlsx → 回收/*.xlsx -->", "",
        "| 单位 | 编号 | 本期状态 | 佐证材料 |", "|---|---|---|---|",
        "| 市政数局 | P1-M4 | 已办结 | 验收报告<br>批复 |", "| 随县人民政府 | P1-M5 | 推进中 | |",
        "", "Prose.", "", "<!-- fill 审核/审核表.xlsx -> 审核/审核表.xlsx -->",
        "| 编号 | 审核决定 |", "|:-|:-|", "| P1-M4 | 销号 |", "```console", "$ suizhou validate",
        "```"]) + "\n", encoding="utf-8")
    [section] = guide_sections(guide)
    first, second, command = section.steps
    assert first.fill == Fill("台账/*.xlsx", "回收/*.xlsx", ["单位", "编号", "本期状态", "佐证材料"],
                              [["市政数局", "P1-M4", "已办结", "验收报告<br>批复"],
                               ["随县人民政府", "P1-M5", "推进中", ""]])
    assert (first.line, second.line) == (3, 12)
    assert second.fill == Fill("审核/审核表.xlsx", "审核/审核表.xlsx", ["编号", "审核决定"],
                               [["P1-M4", "销号"]])
    assert command.command == "suizhou validate"
    assert starts_a_workspace(section) is False


def test_a_fill_types_into_open_and_locked_cells_and_signs_off(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    work = fresh_work_tree(tmp_path / "work", plan=False)
    monkeypatch.chdir(work)
    assert run_command("suizhou init").exit_code == 0
    assert run_command("suizhou progress template --agency 市公安局 --out 台账 "
                       "--as-of 2024-01-05 --lang zh").exit_code == 0
    fill_sheets(Fill("台账/*.xlsx", "回收/*.xlsx", ["单位", "编号", "时间节点", "本期状态", "进展"],
                     [["市公安局", "P1-M7", "2024-06-30", "推进中", "已对接<br>五个系统"]]), work)
    ws = load_workbook(work / "回收" / "市公安局.xlsx").worksheets[0]
    row = next(r for r in range(6, ws.max_row + 1) if ws[f"A{r}"].value == "P1-M7")
    assert [ws[f"{c}{row}"].value for c in "DGI"] == ["2024-06-30", "推进中", "已对接\n五个系统"]
    assert ws["B3"].value and ws["F3"].value and ws["I3"].value
    with pytest.raises(AssertionError, match="no column"):
        fill_sheets(Fill("台账/*.xlsx", "回收/*.xlsx", ["单位", "编号", "状态"],
                         [["市公安局", "P1-M7", "推进中"]]), work)
