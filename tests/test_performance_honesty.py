"""The cheap part of performance, kept honest without timing anything (bench/ times things).

`suizhou --version` and `--help` must not pay for pydantic or rich, a `check` must read each
plan file with one YAML parse, and a PyYAML built without libyaml must still give the same
findings, with one line saying it is slower."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from conftest import PLAN, Run

from suizhou_plan.load import plan_loader, yamltree

HEAVY = ("pydantic", "pydantic_core", "rich")


def imported_modules(*args: str) -> set[str]:
    """Every module `python -m suizhou_plan ARGS` imports, from `-X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "suizhou_plan", *args],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
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
