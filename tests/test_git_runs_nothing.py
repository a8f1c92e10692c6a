"""git is run so that a repository's configuration cannot run commands on the user's behalf:
`diff`, `check --changed-since` and `report` in a repository whose .git/config names an
fsmonitor, a pager, an external diff, a textconv driver, filters and hooks start none of
them."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PLAN, Run, edit

RunCli = Callable[..., Run]


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                          check=False)


@pytest.fixture
def hostile_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A repository with two commits of the plan and a local edit, whose config then names a
    program for every hook git offers; each program appends its name to MARKER."""
    repo, marker = tmp_path / "repo", tmp_path / "MARKER"
    repo.mkdir()
    shutil.copytree(PLAN, repo / "plan")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plan as issued")
    edit(repo / "plan" / "tasks.yaml", "    title: 建設大數據產業園\n", "    title: 建設大數據園\n")
    git(repo, "commit", "-qam", "T01 retitled")
    edit(repo / "plan" / "tasks.yaml", "    title: 提升數字運營能力\n", "    title: 提升運營能力\n")

    def program(name: str) -> str:
        path = tmp_path / f"{name}.sh"
        path.write_text(f"#!/bin/sh\necho {name} >> '{marker}'\ncat\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
        return str(path)

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("post-index-change", "post-checkout", "pre-commit", "reference-transaction"):
        shutil.copy(program(f"hook-{hook}"), hooks / hook)
    for key, value in [
        ("core.fsmonitor", program("fsmonitor")),
        ("core.pager", program("pager")),
        ("core.hooksPath", str(hooks)),
        ("diff.external", program("external-diff")),
        ("diff.evil.textconv", program("textconv")),
        ("filter.evil.clean", program("clean-filter")),
        ("filter.evil.smudge", program("smudge-filter")),
        ("core.sshCommand", program("ssh")),
    ]:
        assert git(repo, "config", key, value).returncode == 0
    (repo / ".git" / "info" / "attributes").write_text("*.yaml filter=evil diff=evil\n",
                                                       encoding="utf-8")
    return repo, marker


def test_the_hostile_configuration_is_live_for_plain_git(hostile_repo: tuple[Path, Path]) -> None:
    """The control: git itself, run plainly, starts the repository's programs."""
    repo, marker = hostile_repo
    git(repo, "status")
    git(repo, "diff", "HEAD~1")
    started = set(marker.read_text(encoding="utf-8").split())
    assert {"fsmonitor", "clean-filter", "external-diff"} <= started


def test_diff_check_and_report_start_no_program(run_cli: RunCli, hostile_repo: tuple[Path, Path],
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    repo, marker = hostile_repo
    monkeypatch.chdir(repo)
    head = git(repo, "rev-parse", "--short", "HEAD").stdout.strip()

    result = run_cli("diff", "HEAD~1")
    assert result.exit_code == 0, result.output
    assert "title-changed" in result.stdout and "T02" in result.stdout  # HEAD~1 → working copy
    result = run_cli("diff", "HEAD~1", "HEAD", "--format", "markdown")
    assert result.exit_code == 0 and "T01" in result.stdout
    result = run_cli("check", "--as-of", "2024-01-15", "--changed-since", "HEAD~1",
                     "--format", "json")
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    result = run_cli("report", "--as-of", "2024-01-15")
    assert result.exit_code == 0, result.output
    assert head in result.stdout  # git ran, and named the revision
    result = run_cli("report", "--as-of", "2024-01-15", "--out", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output

    assert not marker.exists(), marker.read_text(encoding="utf-8")


def test_a_revision_cannot_be_an_option(run_cli: RunCli, hostile_repo: tuple[Path, Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    repo, marker = hostile_repo
    monkeypatch.chdir(repo)
    result = run_cli("diff", "--", "--output=/tmp/x")
    assert result.exit_code == 2
    assert "is neither a plan directory nor a git revision" in result.stderr
    assert not marker.exists()


def test_the_dashboard_sees_local_changes_without_git_status(
    hostile_repo: tuple[Path, Path]
) -> None:
    from suizhou_plan.render.dashboard import git_source

    repo, marker = hostile_repo
    source = git_source("plan", repo / "plan")
    assert source.modified is True
    git(repo, "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
        "-c", "filter.evil.clean=cat", "checkout", "--", "plan")
    marker.unlink(missing_ok=True)
    assert git_source("plan", repo / "plan").modified is False
    assert not marker.exists()
