"""Every `--out` failure exits 1 with a plain message and leaves nothing half-written: a
read-only directory, a file where a directory should be, a full disk.  Exit 3 stays for bugs.

A full disk is a real 64 KiB tmpfs when this process may mount one (root, as in the project's
container); everywhere else the same code path is driven by RLIMIT_FSIZE, under which the
kernel refuses to grow a file past the limit (EFBIG), in a child process."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import PLAN, Run

from suizhou_plan.base.output_files import OutputError, write_files

RunCli = Callable[..., Run]
AS_OF = "2024-01-15"


def tree(root: Path) -> dict[str, str]:
    """Every path under root, with a hash of each file's bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "dir" for p in sorted(root.rglob("*"))}


def _mount(target: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                          capture_output=True, check=False)
    return done.returncode == 0


@contextlib.contextmanager
def small_filesystem(target: Path, size: str = "64k") -> Iterator[Path]:
    target.mkdir()
    if not _mount(target, f"size={size},mode=0755"):
        pytest.skip("cannot mount a tmpfs here (needs root); the RLIMIT_FSIZE test covers it")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


@contextlib.contextmanager
def read_only_directory(target: Path, old: dict[str, bytes]) -> Iterator[Path]:
    """A directory holding `old` that no write can change, root or not: a tmpfs remounted
    read-only as root (chmod does not stop root), else chmod a-w."""
    target.mkdir()
    mounted = _mount(target, "size=256k,mode=0755")
    for name, data in old.items():
        (target / name).write_bytes(data)
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
    else:
        target.chmod(0o555)
    try:
        with pytest.raises(OSError):
            (target / "probe").write_bytes(b"")
        yield target
    finally:
        if mounted:
            subprocess.run(["umount", str(target)], check=True)
        else:
            target.chmod(0o755)


def assert_plain_failure(result: Run, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


# --- read-only directory -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_duties_all_into_a_read_only_directory(run_cli: RunCli, tmp_path: Path,
                                               fmt: str) -> None:
    ext = {"markdown": "md", "csv": "csv"}[fmt]
    old = {f"市政數局.{ext}": b"last month\n", f"index.{ext}": b"last month's index\n"}
    with read_only_directory(tmp_path / "ro", old) as out:
        before = tree(out)
        result = run_cli("duties", "--plan", str(PLAN), "--all", "--out", str(out),
                         "--as-of", AS_OF, "--format", fmt)
        assert_plain_failure(result, f"cannot write into {out}")
        assert tree(out) == before


def test_report_and_schema_into_a_read_only_directory(run_cli: RunCli, tmp_path: Path) -> None:
    with read_only_directory(tmp_path / "ro", {"old.html": b"old"}) as out:
        before = tree(out)
        result = run_cli("report", "--plan", str(PLAN), "--as-of", AS_OF,
                         "--out", str(out / "進展一覽.html"))
        assert_plain_failure(result, f"cannot write into {out}")
        result = run_cli("schema", "--out", str(out / "schema"))
        assert_plain_failure(result, f"cannot create the directory {out / 'schema'}")
        assert tree(out) == before


# --- a file where a directory should be ----------------------------------------------------


@pytest.mark.parametrize("where", [".", "sub"])
def test_a_file_where_the_directory_should_be(run_cli: RunCli, tmp_path: Path,
                                              where: str) -> None:
    blocker = tmp_path / "lists"
    blocker.write_text("not a directory\n", encoding="utf-8")
    out = blocker if where == "." else blocker / where
    before = tree(tmp_path)
    result = run_cli("duties", "--plan", str(PLAN), "--all", "--out", str(out),
                     "--as-of", AS_OF)
    assert_plain_failure(result, f"{blocker} is a file, not a directory")
    result = run_cli("report", "--plan", str(PLAN), "--as-of", AS_OF,
                     "--out", str(blocker / "r.html"))
    assert_plain_failure(result, f"{blocker} is a file, not a directory")
    result = run_cli("schema", "--out", str(out))
    assert_plain_failure(result, f"{blocker} is a file, not a directory")
    assert tree(tmp_path) == before


def test_a_directory_where_a_unit_file_should_be(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "lists"
    (out / "市政數局.md").mkdir(parents=True)
    before = tree(tmp_path)
    result = run_cli("duties", "--plan", str(PLAN), "--all", "--out", str(out),
                     "--as-of", AS_OF, "--format", "markdown")
    assert_plain_failure(result, f"cannot write {out / '市政數局.md'}: a directory is in the way")
    assert tree(tmp_path) == before


# --- a full disk -----------------------------------------------------------------------------


def test_duties_all_onto_a_full_filesystem_leaves_the_old_set(run_cli: RunCli,
                                                              tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk") as disk:
        out = disk / "lists"
        out.mkdir()
        (out / "市政數局.html").write_bytes(b"last month\n")
        (out / "notes.txt").write_bytes(b"not ours\n")
        before = tree(disk)
        result = run_cli("duties", "--plan", str(PLAN), "--all", "--out", str(out),
                         "--as-of", AS_OF, "--format", "html")
        assert_plain_failure(result, "the disk is full", f"nothing was written to {out}")
        assert tree(disk) == before
        assert os.statvfs(disk).f_bfree > 0  # the staged files were removed again


def test_duties_all_onto_a_full_filesystem_creates_no_directory(run_cli: RunCli,
                                                                tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk") as disk:
        result = run_cli("duties", "--plan", str(PLAN), "--all", "--out",
                         str(disk / "2024" / "01"), "--as-of", AS_OF, "--format", "html")
        assert_plain_failure(result, "the disk is full")
        assert list(disk.iterdir()) == []


def test_report_onto_a_full_filesystem(run_cli: RunCli, tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk", size="16k") as disk:
        (disk / "進展一覽.html").write_bytes(b"last meeting's page\n")
        before = tree(disk)
        result = run_cli("report", "--plan", str(PLAN), "--as-of", AS_OF,
                         "--out", str(disk / "進展一覽.html"))
        assert_plain_failure(result, "the disk is full")
        assert tree(disk) == before


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed


def test_duties_all_past_a_file_size_limit_leaves_the_old_set(tmp_path: Path) -> None:
    """The largest duty lists are over 8 KiB: the kernel refuses them mid-set."""
    out = tmp_path / "lists"
    out.mkdir()
    (out / "市政數局.html").write_bytes(b"last month\n")
    before = tree(out)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "suizhou_plan", "duties", "--plan", str(PLAN), "--all",
         "--out", str(out), "--as-of", AS_OF, "--format", "html"],
        capture_output=True, text=True, env=env, preexec_fn=_limit_file_size, check=False)
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr
    assert "the file is larger than this system allows" in done.stderr
    assert f"nothing was written to {out}" in done.stderr
    assert tree(out) == before
    assert max(_html_sizes(tmp_path)) > 8192  # the limit bites: one list is larger


def _html_sizes(tmp_path: Path) -> list[int]:
    out = tmp_path / "unlimited"
    subprocess.run([sys.executable, "-m", "suizhou_plan", "duties", "--plan", str(PLAN), "--all",
                    "--out", str(out), "--as-of", AS_OF, "--format", "html"],
                   capture_output=True, check=True)
    return [p.stat().st_size for p in out.iterdir()]


# --- write_files itself --------------------------------------------------------------------


def test_a_failed_rename_puts_the_old_files_back(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_bytes(b"old a")
    (out / "b.md").write_bytes(b"old b")
    before = tree(out)
    real_replace = os.replace
    calls = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append((Path(src).name, Path(dst).name))
        if Path(dst) == out / "c.md":
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match="nothing was changed"):
        write_files(out, {"a.md": b"new a", "b.md": b"new b", "c.md": b"new c"})
    assert tree(out) == before
    assert ("a.md", "a.md") in calls  # a.md had been replaced before c.md failed


def test_names_that_differ_only_by_case_are_a_bug_not_a_set(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="differ in more than case"):
        write_files(tmp_path, {"gov-data.md": b"", "GOV-DATA.md": b""})
    assert list(tmp_path.iterdir()) == []


def test_a_failure_to_write_is_told_in_the_readers_language(tmp_path, capsys):
    """Through the installed entry point, as a clerk types it."""
    from suizhou_plan.cli import main

    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "lists"
    with pytest.raises(SystemExit) as ended:
        main(["duties", "--all", "--out", str(out), "--as-of", "2024-01-15", "--lang",
              "zh-Hans"])
    assert ended.value.code == 1
    assert capsys.readouterr().err == (
        f"错误：无法写入 {out}：{blocker} 是文件，不是目录\n")
