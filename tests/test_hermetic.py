"""The suite does not depend on the caller's locale or terminal (conftest's
`hermetic_environment`)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import HOSTILE_ENV, ROOT

HOSTILE = {"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_TW.UTF-8",
           "TERM": "dumb", "COLUMNS": "60", "LINES": "10", "NO_COLOR": "1", "FORCE_COLOR": "1"}


def test_the_locale_and_terminal_variables_are_cleared() -> None:
    assert {name: os.environ[name] for name in HOSTILE_ENV if name in os.environ} == {
        "LANG": "C.UTF-8"}


def test_the_locale_and_terminal_tests_pass_in_a_hostile_shell() -> None:
    """The tests that read the locale or draw on a terminal, run by a shell that sets
    everything the other way (the whole suite passes so too: docs/testing.md)."""
    env = {**os.environ, **HOSTILE}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_terminal_and_locale.py", "tests/test_golden.py", "tests/test_hermetic.py",
         "-k", "not hostile_shell"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
