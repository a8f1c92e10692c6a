"""Report output pinned by small golden files, reviewed by eye.

Regenerate after an intended change with:

    SUIZHOU_UPDATE_GOLDEN=1 pytest tests/test_golden.py

which prints the diff of each rewritten file and fails its test: read the diffs, commit
them, run again.  Refused when `CI` is set (golden_files.py).
"""

from __future__ import annotations

import pytest
from golden_files import GOLDEN, changed, check_golden, fingerprint, updating

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
    check_golden(GOLDEN / name, result.stdout, update=updating())


# --- the golden machinery itself ---------------------------------------------------------

def test_update_is_refused_under_ci():
    with pytest.raises(pytest.UsageError, match="SUIZHOU_UPDATE_GOLDEN is refused when CI"):
        updating({"SUIZHOU_UPDATE_GOLDEN": "1", "CI": "true"})
    assert updating({"SUIZHOU_UPDATE_GOLDEN": "1"}) is True
    assert updating({"CI": "true"}) is False and updating({}) is False


def test_a_normal_run_never_writes_a_golden_file(tmp_path):
    golden = tmp_path / "out.txt"
    golden.write_text("old\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"out\.txt differs"):
        check_golden(golden, "new\n", update=False)
    assert golden.read_text(encoding="utf-8") == "old\n"
    check_golden(golden, "old\n", update=False)


def test_an_update_rewrites_the_file_shows_the_diff_and_fails(tmp_path):
    golden = tmp_path / "out.txt"
    golden.write_text("same\nold\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden(golden, "same\nnew\n", update=True)
    assert golden.read_text(encoding="utf-8") == "same\nnew\n"
    assert str(failed.value) == (
        "regenerated out.txt; review this diff, then commit it:\n"
        "--- a/tests/golden/out.txt\n+++ b/tests/golden/out.txt\n"
        "@@ -1,2 +1,2 @@\n same\n-old\n+new\n")
    check_golden(golden, "same\nnew\n", update=True)  # unchanged: passes, no write


def test_a_golden_file_written_during_the_run_is_noticed(tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    before = fingerprint(tmp_path)
    assert changed(before, fingerprint(tmp_path)) == []
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "c.txt").write_text("c", encoding="utf-8")
    (tmp_path / "a.txt").unlink()
    assert changed(before, fingerprint(tmp_path)) == ["a.txt", "b.txt", "c.txt"]
