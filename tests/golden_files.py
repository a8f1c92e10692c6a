"""Golden files: compared in a normal run, regenerated only on request, never in CI.

    SUIZHOU_UPDATE_GOLDEN=1 pytest tests/test_golden.py

rewrites the golden files whose output changed, prints each one's diff and fails those
tests, so that an update run is never green: read the diffs, commit them, run again.
With `CI` set the update is refused (a CI run that rewrote its goldens would compare the
output with itself).  `conftest.py` also fails the session when a golden file changed during
a run that was not an update run.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
UPDATE = "SUIZHOU_UPDATE_GOLDEN"


def updating(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this is an update run; refused (a usage error) under CI."""
    env = os.environ if environ is None else environ
    if not env.get(UPDATE):
        return False
    if env.get("CI"):
        raise pytest.UsageError(
            f"{UPDATE} is refused when CI is set: regenerate golden files on a workstation, "
            "review the diff and commit it")
    return True


def check_golden(path: Path, actual: str, *, update: bool) -> None:
    """Compare `actual` with the golden file; in an update run, rewrite it and fail with
    the diff for a person to review."""
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual == expected:
        return
    if not update:
        assert actual == expected, f"{path.name} differs (an intended change? {UPDATE}=1)"
        return  # pragma: no cover - the assertion fails
    path.write_text(actual, encoding="utf-8")
    diff = "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        f"a/tests/golden/{path.name}", f"b/tests/golden/{path.name}"))
    pytest.fail(f"regenerated {path.name}; review this diff, then commit it:\n{diff}",
                pytrace=False)


def fingerprint(folder: Path = GOLDEN) -> dict[str, str]:
    """Name → hash of every golden file."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def changed(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """Golden files added, removed or rewritten between two fingerprints."""
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))
