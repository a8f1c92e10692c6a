"""Files suizhou writes are readable by colleagues, and replacing keeps the old permissions."""

from __future__ import annotations

import os
import stat

from suizhou_plan.base.writing import write_atomic


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
