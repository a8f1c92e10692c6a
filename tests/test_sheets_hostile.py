"""Every file of the hostile 台賬 corpus (`hostile_sheets.py`, issue #26) is answered by
`progress import` with its exit code and its located message, in English and in simplified
Chinese, never a traceback, and the plan directory is byte for byte as it was.  Time and
memory are the benchmark's (`bench/hostile_sheets.py`), not a timed test's."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hostile_sheets import AS_OF, ATTACKS, Attack, Corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("hostile-sheets"))


def tree(plan: Path) -> dict[str, str]:
    """Every file of the plan directory but the writers' lock, with its digest."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(plan.iterdir()) if p.name != ".suizhou.lock"}


def first_error(stderr: str, marker: str) -> str:
    return next(line for line in stderr.splitlines() if marker in line)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_each_hostile_sheet_is_refused_at_its_place_and_changes_nothing(
        run_cli, corpus: Corpus, tmp_path: Path, attack: Attack) -> None:
    corpus.build(attack, tmp_path)  # run_cli runs in tmp_path: the file is named as typed
    before = tree(corpus.plan)
    en = run_cli("progress", "import", attack.name, "--plan", str(corpus.plan), "--as-of",
                 AS_OF)
    assert en.exit_code == attack.code, en.output
    where = attack.location()
    assert first_error(en.stderr, ": error: ") == (
        f"{where}: error: {attack.en.format(file=attack.name)}")
    assert en.stderr.splitlines()[-1].startswith("not imported: ")
    assert en.stdout == ""
    zh = run_cli("progress", "import", attack.name, "--plan", str(corpus.plan), "--as-of",
                 AS_OF, "--lang", "zh-Hans")
    assert zh.exit_code == attack.code, zh.output
    assert first_error(zh.stderr, "：错误：") == f"{where}：错误：{attack.zh.format(file=attack.name)}"
    assert "Traceback" not in en.output + zh.output
    assert tree(corpus.plan) == before


def test_the_honest_base_of_the_corpus_imports(run_cli, corpus: Corpus, tmp_path: Path) -> None:
    """What every attack departs from is itself accepted: the refusals are the attacks'."""
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(corpus.plan, plan)
    (tmp_path / "honest.xlsx").write_bytes(corpus.honest)
    result = run_cli("progress", "import", "honest.xlsx", "--plan", str(plan), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("T01: added in-progress of 2024-01-12 by 隨州高新區管委會 "
                             "(honest.xlsx!台账!G10)\n")
    assert result.stderr == "added 1 entry from 1 file(s) to plan/tasks.yaml\n"
