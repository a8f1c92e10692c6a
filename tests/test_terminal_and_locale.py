"""Language from the locale, colour only in a terminal, NO_COLOR honoured."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import PLAN


def test_a_chinese_locale_gives_chinese_headings(run_cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--phase", "1")
    assert result.stdout.splitlines()[2].startswith("第一阶段确定的督办事项共8项，其中阶段性任务8项。")
    assert result.stdout.splitlines()[4].startswith("第一阶段 整合资源（2021年11月1日—2023年11月30日，已结束）")
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--phase", "1")
    assert result.stdout.splitlines()[4].startswith("第一階段 整合資源（2021年11月1日—2023年11月30日，已結束）")
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--phase", "1",
                     "--lang", "en")
    assert result.stdout.splitlines()[4].startswith("Phase 1 整合資源")


def test_piped_output_is_plain_text(run_cli):
    result = run_cli("check", "--plan", str(PLAN), "--as-of", "2024-01-15", "--phase", "1")
    assert "\x1b[" not in result.stdout and "┃" not in result.stdout


def _in_a_terminal(extra_env: dict[str, str]) -> str:
    """Run `suizhou check` with a pseudo-terminal as stdout; return what it drew."""
    env = {**os.environ, "COLUMNS": "140", "TERM": "xterm-256color", **extra_env}
    primary, secondary = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "suizhou_plan", "check", "--plan", str(PLAN), "--as-of",
         "2024-01-15", "--phase", "1"],
        stdout=secondary, stderr=subprocess.PIPE, env=env,
    ) as proc:
        os.close(secondary)
        chunks = []
        while True:
            try:
                data = os.read(primary, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
    os.close(primary)
    return b"".join(chunks).decode("utf-8")


def test_a_terminal_gets_rich_tables_in_colour():
    drawn = _in_a_terminal({})
    assert "┃" in drawn and "\x1b[" in drawn
    assert "P1-M1" in drawn


def test_no_color_gives_the_plain_report_even_in_a_terminal():
    drawn = _in_a_terminal({"NO_COLOR": "1"})
    assert "\x1b[" not in drawn and "┃" not in drawn
    assert "  ✖ red  P1-M1  成立領導小組" in drawn
