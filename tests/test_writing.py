"""Files suizhou writes are readable by colleagues, replacing keeps the old permissions, a new
file (the office's key) replaces nothing, and a set is written whole or not at all."""

from __future__ import annotations

import os
import stat

import pytest

from suizhou_plan.base.output_files import write_atomic, write_files, write_new


def test_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", b"<html>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644


def test_replacing_keeps_the_files_mode_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "tasks.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.yaml"]


def test_a_new_file_is_its_owners_only_and_replaces_nothing(tmp_path):
    key = tmp_path / ".suizhou.key"
    write_new(key, b"secret\n")
    assert key.read_bytes() == b"secret\n"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        write_new(key, b"another\n")
    assert key.read_bytes() == b"secret\n"
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "link").symlink_to(elsewhere)
    with pytest.raises(FileExistsError):  # a symlink is never followed, even to nothing
        write_new(tmp_path / "link", b"secret\n")
    assert not elsewhere.exists()


def test_a_set_is_not_written_when_the_last_check_objects(tmp_path):
    """`still_ok` runs with every file staged and none in place: raising keeps the old set,
    and no staging directory is left behind."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_bytes(b"old a")

    def objects() -> None:
        assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["a.md"]
        raise RuntimeError("the plan changed")

    with pytest.raises(RuntimeError, match="the plan changed"):
        write_files(out, {"a.md": b"new a", "b.md": b"new b"}, still_ok=objects)
    assert [(p.name, p.read_bytes()) for p in out.iterdir()] == [("a.md", b"old a")]
    write_files(out, {"a.md": b"new a", "b.md": b"new b"}, still_ok=lambda: None)
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir()) == [
        ("a.md", b"new a"), ("b.md", b"new b")]


def test_a_set_keeps_each_replaced_files_mode(tmp_path):
    (tmp_path / "shared.md").write_bytes(b"old")
    (tmp_path / "shared.md").chmod(0o640)
    write_files(tmp_path, {"shared.md": b"new"})
    assert stat.S_IMODE((tmp_path / "shared.md").stat().st_mode) == 0o640
