"""Report output pinned by small golden files, reviewed by eye.

Regenerate after an intended change with:

    SUIZHOU_UPDATE_GOLDEN=1 pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "check-2024-01-15.txt": ["check", "--as-of", "2024-01-15", "--lang", "en"],
    "check-2024-01-15-phase1.zh-Hans.md": ["check", "--as-of", "2024-01-15", "--phase", "1",
                                      "--format", "markdown", "--lang", "zh-Hans"],
    "duties-guangshui-2024-01-15.txt": ["duties", "廣水市", "--as-of", "2024-01-15",
                                        "--phase", "1"],
    "duties-gov-data-2024-01-15.md": ["duties", "市政数局", "--as-of", "2024-01-15",
                                      "--format", "markdown", "--role", "lead"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, run_cli, plan_copy):
    result = run_cli(*CASES[name])  # reads ./plan, a copy of the bundled plan
    assert result.exit_code in (0, 1), result.output
    path = GOLDEN / name
    if os.environ.get("SUIZHOU_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
