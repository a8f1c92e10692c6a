"""The cheap part of performance, kept honest without timing anything (bench/ times things).

`suizhou --version` and `--help` must not pay for pydantic or rich; `check` imports only the
modules a check needs, and a stored check (the result cache) not even pydantic or PyYAML; a
`check` must read each plan file with one YAML parse, and a PyYAML built without libyaml must
still give the same findings, with one line saying it is slower."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN, Run

from suizhou_plan.load import plan_loader, yamltree

HEAVY = ("pydantic", "pydantic_core", "rich")


def imported_modules(*args: str, exit_codes: tuple[int, ...] = (0,)) -> set[str]:
    """Every module `python -m suizhou_plan ARGS` imports, from `-X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "suizhou_plan", *args],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode in exit_codes, done.stderr
    return {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_neither_pydantic_nor_rich(option: str) -> None:
    modules = imported_modules(option)
    assert "suizhou_plan.cli" in modules  # the measurement saw the CLI load
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == []


# What `check --format json` (and text, and github) may import from suizhou itself, pinned
# by layer (the folders of docs/architecture.md): how many of a layer's modules a check may
# load, its package aside.  `rules` is needed whole (the registry loads every rule module).  A
# module moved, renamed or split inside `rules`, or moved or renamed inside another layer,
# changes nothing here; a module added to the check's path must be counted here on purpose:
# the start-up of a check is most of its time on a plan of ordinary size
# (docs/performance.md).  A layer not named here is not for a check at all.
WHOLE = "every module"
CHECK_LAYERS: dict[str, int | str] = {
    "i18n": 0,
    "base": 6,  # clock, errors, escapes, finding, names, textwidth
    "model": 4,  # agency, plan, status, types
    "words": 1,  # labels
    "load": 7,  # nodestore, plan_dir, plan_loader, text, text_fields, yaml_words, yamltree
    "views": 9,  # board, holding, index, office, record, registry, reporters, scope, state
    "rules": WHOLE,
    "ops": 1,  # check_cache
    "render": 5,  # check_formats, check_text, findings_text, formats, machine
    "cli": 6,  # check_cmd, check_run, check_view, click_messages, options, scope_arg
}
# The text format adds the bulletin's overview sentence (views/bulletin,
# render/bulletin_text, render/official_docx).
TEXT_LAYERS = {"views": 1, "render": 2}
# Libraries of other commands (terminal colour, Word, Excel, HTML, Chinese scripts, locks,
# the cache directory: the cache is off here) that a check from scratch must not load.
NOT_FOR_A_CHECK = ("rich", "openpyxl", "docx", "lxml", "babel", "opencc", "jinja2", "filelock",
                   "platformdirs", "markdown_it", "pygments", "et_xmlfile")


def by_layer(modules: set[str]) -> dict[str, list[str]]:
    """suizhou's own modules by layer (`suizhou_plan.views.holding` → views: holding), the
    packages themselves left out: importing a module imports its package."""
    out: dict[str, list[str]] = {}
    for name in sorted(modules):
        parts = name.split(".")
        if parts[0] == "suizhou_plan" and len(parts) > 2:
            out.setdefault(parts[1], []).append(".".join(parts[2:]))
    return out


@pytest.mark.parametrize("fmt", ["json", "text", "github"])
def test_a_check_imports_only_what_a_check_needs(fmt: str) -> None:
    modules = imported_modules("check", "--format", fmt, "--plan", str(PLAN),
                               "--as-of", "2024-01-15", exit_codes=(1,))  # the cache is off
    assert by_layer(modules).get("model")  # the measurement saw the check read a plan
    extra = TEXT_LAYERS if fmt == "text" else {}
    over = {}
    for layer, loaded in by_layer(modules).items():
        allowed = CHECK_LAYERS.get(layer, 0)
        if allowed != WHOLE and len(loaded) > int(allowed) + extra.get(layer, 0):
            over[layer] = loaded
    assert over == {}
    assert sorted(m for m in modules if m.split(".")[0] in NOT_FOR_A_CHECK) == []


def test_a_stored_check_imports_neither_pydantic_nor_yaml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUIZHOU_NO_CACHE")
    monkeypatch.setenv("SUIZHOU_CACHE_DIR", str(tmp_path))
    args = ("check", "--format", "json", "--plan", str(PLAN), "--as-of", "2024-01-15")
    first = imported_modules(*args, exit_codes=(1,))
    assert "pydantic" in first and "yaml" in first
    stored = imported_modules(*args, exit_codes=(1,))
    assert by_layer(stored).get("ops")  # the result cache answered
    assert sorted(m for m in stored if m.split(".")[0] in (*HEAVY, "yaml")) == []
    # which plan directory is read (load/plan_dir) is known without the loader
    assert sorted(m for m in stored if m.startswith(("suizhou_plan.load.", "suizhou_plan.model",
                                                     "suizhou_plan.rules"))
                  and m != "suizhou_plan.load.plan_dir") == []


def count_yaml_loaders(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count every PyYAML loader made (each parse of any kind makes one), by class."""
    made: Counter[str] = Counter()
    classes = [yaml.BaseLoader, yaml.SafeLoader, yaml.FullLoader, yaml.Loader, yaml.UnsafeLoader]
    if yaml.__with_libyaml__:
        classes += [yaml.CBaseLoader, yaml.CSafeLoader, yaml.CFullLoader, yaml.CLoader,
                    yaml.CUnsafeLoader]
    for cls in classes:
        original = cls.__init__

        def counted(self: Any, stream: Any, _original: Any = original,
                    _name: str = cls.__name__) -> None:
            made[_name] += 1
            _original(self, stream)

        monkeypatch.setattr(cls, "__init__", counted)
    return made


def test_a_check_parses_each_plan_file_exactly_once(
    run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    composed: list[str] = []
    real_compose = plan_loader.compose

    def recording(source: str, text: str) -> yamltree.Tree:
        composed.append(source.replace("\\", "/").rsplit("/", 1)[-1])
        return real_compose(source, text)

    monkeypatch.setattr(plan_loader, "compose", recording)
    loaders = count_yaml_loaders(monkeypatch)
    before = yamltree.PARSE_COUNT
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15")
    assert result.exit_code in (0, 1), result.output
    assert "Summary:" in result.stdout
    assert sorted(composed) == ["agencies.yaml", "tasks.yaml"]
    assert yamltree.PARSE_COUNT - before == 2
    assert sum(loaders.values()) == 2  # no other YAML parse anywhere, of any kind


def test_without_libyaml_the_findings_are_the_same_and_one_line_says_so() -> None:
    program = (
        "import sys\n"
        "if sys.argv[1] == 'pure':\n"
        "    sys.modules['yaml._yaml'] = None  # as if PyYAML were built without libyaml\n"
        "from suizhou_plan.cli import main\n"
        f"sys.argv = ['suizhou', 'check', '--plan', {str(PLAN)!r}, '--as-of', '2024-01-15',"
        " '--format', 'json']\n"
        "main()\n"
    )
    runs = {
        mode: subprocess.run([sys.executable, "-c", program, mode], capture_output=True,
                             text=True, check=False)
        for mode in ("libyaml", "pure")
    }
    assert runs["pure"].stdout == runs["libyaml"].stdout
    assert runs["pure"].returncode == runs["libyaml"].returncode
    assert runs["libyaml"].stderr == ""
    warning = runs["pure"].stderr.splitlines()
    assert len(warning) == 1 and "libyaml" in warning[0] and "slower" in warning[0]


def test_the_installed_command_skips_the_teardown_and_loses_no_output(
        run_cli: Callable[..., Run]) -> None:
    """`main()` flushes and leaves with os._exit (no atexit handler runs, no module is torn
    down); what it printed and its exit code are those of the same command run in-process."""
    program = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('torn down\\n'))\n"
        "from suizhou_plan.cli import main\n"
        "sys.argv = ['suizhou', *sys.argv[1:]]\n"
        "main()\n"
    )
    for args in (("export", "--plan", str(PLAN)),
                 ("check", "--format", "json", "--plan", str(PLAN), "--as-of", "2024-01-15")):
        done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True,
                              check=False)
        in_process = run_cli(*args)
        assert done.stderr == b""  # the atexit handler never ran
        assert done.returncode == in_process.exit_code
        assert done.stdout == in_process.stdout_bytes
        assert len(done.stdout) > 10_000


def test_under_a_profiler_the_installed_command_exits_normally(tmp_path: Path) -> None:
    """`python -m cProfile -o FILE -m suizhou_plan ...` writes FILE at exit."""
    stats = tmp_path / "check.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m",
                           "suizhou_plan", "--version"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert stats.stat().st_size > 0
