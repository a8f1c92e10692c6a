"""The one error type: every refusal the user can meet is a `SuizhouError` with the exit code
its command ends with, and the command line shows it one way (`Error: <message>` in the
reader's language; after the command's usage line for a usage error, exit 2)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
from pathlib import Path

import pytest
from conftest import PLAN

import suizhou_plan
from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.cli import main
from suizhou_plan.i18n import Msg
from suizhou_plan.ops.plan_lock import locked

# Exceptions that never reach the user: each is caught below the command line and turned
# into a refusal (or a finding) of its own.
INTERNAL = {
    "ChangedOnDisk": "caught by the ledger's writer, which reads the file again",
    "NotAList": "a ValueError the ledger's writer turns into Refused",
    "NotEditable": "the import's update turns it into UpdateRefused or PlanUnusable",
    "UpdateRefused": "the import turns it into PlanUnusable",
    "UnreadableDocument": "the import reports it as its failure",
    "Unreadable": "the sheet reader turns it into a problem at the file",
    "TooMuch": "the sheet reader turns it into a problem at the cell",
    "DocgenError": "the docs generator's own (python -m suizhou_plan.docgen), not suizhou's",
}

# What each command exits with today when it refuses.
EXIT_CODES = {
    "OutputError": 1, "Refused": 1, "BadRequest": 2, "PlanLocked": 1, "PlanNotWritable": 1,
    "WorkspaceError": 1, "KeyDamaged": 1, "TemplateError": 2, "SourceError": 2,
    "PlanUnusable": 1, "RegistryUnusable": 2, "OutputUnwritable": 2, "NoMechanism": 2,
}


def package_exceptions() -> dict[str, type[BaseException]]:
    """Every exception class defined in the package, found by importing each module."""
    found: dict[str, type[BaseException]] = {}
    for module_info in pkgutil.walk_packages(suizhou_plan.__path__, "suizhou_plan."):
        if module_info.name.rsplit(".", 1)[-1] == "__main__":
            continue  # runs a program
        module = importlib.import_module(module_info.name)
        for obj in vars(module).values():
            if (inspect.isclass(obj) and issubclass(obj, BaseException)
                    and obj.__module__ == module.__name__):
                found[obj.__qualname__] = obj
    return found


def test_every_refusal_is_a_suizhou_error_with_its_exit_code() -> None:
    found = package_exceptions()
    errors: dict[str, type[SuizhouError]] = {
        name: cls for name, cls in found.items() if issubclass(cls, SuizhouError)}
    assert {name: errors[name].exit_code for name in EXIT_CODES if name in errors} == EXIT_CODES
    for name, cls in errors.items():
        assert isinstance(cls.exit_code, int), name
        assert cls.exit_code in (1, USAGE), f"{name}: a refusal exits 1 or 2"
    others = sorted(set(found) - set(errors) - set(INTERNAL))
    assert others == [], f"exceptions neither a SuizhouError nor known to stay internal: {others}"


def test_the_message_is_the_first_argument_as_given() -> None:
    message = Msg("cannot write into {dest}: {why}", dest="out", why="permission denied")
    plain: list[type[SuizhouError]] = [
        cls for cls in package_exceptions().values()
        if issubclass(cls, SuizhouError) and "__init__" not in vars(cls)]
    assert {"SuizhouError", "OutputError", "TemplateError"} <= {c.__qualname__ for c in plain}
    for cls in plain:
        assert cls(message).message is message, cls.__qualname__


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`suizhou ARGV` through the installed entry point: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    code = stopped.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_out_blocked_by_a_file_is_one_error_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "lists"
    blocker.write_text("not a directory\n", encoding="utf-8")
    assert run(["schema", "--out", str(blocker / "schema")], capsys) == (
        1, "", f"Error: cannot write into {blocker / 'schema'}: {blocker} is a file, not a "
               "directory\n")
    assert run(["report", "--plan", str(PLAN), "--as-of", "2024-01-15", "--lang", "zh-Hant",
                "--out", str(blocker / "r.html")], capsys) == (
        1, "", f"錯誤：無法寫入 {blocker}：{blocker} 是文件，不是目錄\n")
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"


def test_a_writer_on_the_bundled_plan_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./plan: the bundled plan would be chosen
    assert run(["progress", "add", "T01", "--status", "in-progress", "--by", "市政數局",
                "--note", "n", "--date", "2024-01-10"], capsys) == (
        2, "", "Usage: suizhou progress add [OPTIONS] ITEM\n"
               "Try 'suizhou progress add --help' for help.\n\n"
               "Error: the plan bundled with suizhou is read-only (an upgrade would replace "
               "it). Start a workspace of your own first: `suizhou init` copies it into ./plan "
               "(or `suizhou init DIR`, then --plan DIR); run this command again there\n")


def test_a_locked_plan_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(PLAN, plan)
    before = (plan / "tasks.yaml").read_bytes()
    with locked(plan):
        result = run(["progress", "add", "T01", "--plan", str(plan), "--status", "in-progress",
                      "--by", "隨州高新區管委會", "--note", "n", "--date", "2024-01-10",
                      "--as-of", "2024-01-15", "--wait", "0"], capsys)
    assert result == (1, "", f"another suizhou command is writing to {plan} (it holds "
                             ".suizhou.lock); waited 0 s\nnot written: nothing was changed\n")
    assert (plan / "tasks.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "error"), [
    ("en", "Error: --template {file}: no such Word document"),
    ("zh-Hans", "错误：--template {file}：找不到该 Word 文档"),
])
def test_a_missing_template_is_a_usage_error_in_the_readers_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, error: str
) -> None:
    missing = tmp_path / "letterhead.docx"
    code, out, err = run(["check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--format",
                          "docx", "--out", str(tmp_path / "check.docx"), "--template",
                          str(missing), "--lang", lang], capsys)
    assert (code, out) == (2, "")
    usage, hint, blank, shown = err.splitlines()
    assert usage.split()[-2:] == ["check", "[OPTIONS]" if lang == "en" else "[选项]"]
    assert "suizhou check --help" in hint
    assert blank == ""
    assert shown == error.format(file=missing)
    assert not (tmp_path / "check.docx").exists()


def test_an_unusable_agencies_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # the file's place is shown relative to here
    doc = tmp_path / "plan.txt"
    doc.write_text("一、加快数字政府建设\n1. 建设大数据产业园。（牵头单位：市政数局）\n",
                   encoding="utf-8")
    agencies = tmp_path / "agencies.yaml"
    agencies.write_text("agencies: [\n", encoding="utf-8")
    code, out, err = run(["import", str(doc), "--out", str(tmp_path / "out"), "--agencies",
                          str(agencies)], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "Usage: suizhou import [OPTIONS] DOC\nTry 'suizhou import --help' for help.\n\n"
        f"Error: --agencies {agencies} is not a valid agencies.yaml (agencies.yaml:2:1: YAML "
        "syntax error: did not find expected node content (while parsing a flow node)); run "
        "`suizhou validate` on its plan, or leave --agencies out\n")
    assert not (tmp_path / "out").exists()


def test_an_unknown_mechanism_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["duties", "--plan", str(PLAN), "--mechanism", "nothing-such"], capsys) == (
        2, "", "Usage: suizhou duties [OPTIONS] [AGENCY]...\n"
               "Try 'suizhou duties --help' for help.\n\n"
               "Error: no mechanism 'nothing-such'; type one of: 數字政府、數字經濟、數字社會\n")
