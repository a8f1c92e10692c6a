"""Plant the nine realistic one-character bugs of issue 18, one at a time, in a scratch copy,
and report which tests catch each (docs/testing.md).

    python tools/planted_bugs.py                 # the suite as it is
    python tools/planted_bugs.py --tests-from b2b70cc   # the tests of an older commit

Each bug is a textual edit of one source file; the edit must apply exactly once, so a
refactoring that moves the code makes this script fail loudly instead of planting nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SLOW = ["--ignore=tests/test_report_browser.py", "--ignore=tests/test_performance_honesty.py",
        "--deselect=tests/test_progress_and_diff.py::test_pre_commit_hook_fails_on_a_broken_plan"]


class Bug(NamedTuple):
    name: str
    path: str
    old: str
    new: str


BUGS = [
    Bug("due-soon window one day short", "src/suizhou_plan/rules/schedule.py",
        "if 0 <= days <= ctx.due_within:", "if 0 <= days < ctx.due_within:"),
    Bug("yellow-light window one day short", "src/suizhou_plan/model/status.py",
        "if (due - as_of).days <= window_days", "if (due - as_of).days < window_days"),
    Bug("bulletin shows 下一步 under 存在問題", "src/suizhou_plan/views/bulletin.py",
        "problems.append(Reported(row.item, latest.by, latest.date, latest.problems))",
        "problems.append(Reported(row.item, latest.by, latest.date, latest.next))"),
    Bug("duties --all index swaps lead and support", "src/suizhou_plan/render/duties_render.py",
        'writer.writerow(_csv_row([a.id, a.name, n, c["lead"], c["support"],',
        'writer.writerow(_csv_row([a.id, a.name, n, c["support"], c["lead"],'),
    Bug("unknown collective member not reported", "src/suizhou_plan/rules/references.py",
        "for j, member in enumerate(agency.members):",
        "for j, member in enumerate(agency.members[:0]):"),
    Bug("due today counted overdue", "src/suizhou_plan/rules/schedule.py",
        "if item.status in DONE or item.due >= ctx.as_of:",
        "if item.status in DONE or item.due > ctx.as_of:"),
    Bug("stale one day early", "src/suizhou_plan/rules/progress.py",
        "        if age > cadence:", "        if age >= cadence:"),
    Bug("blocked no longer yellow", "src/suizhou_plan/model/status.py",
        'or status == "blocked":', 'or status == "block":'),
    Bug("lead taken from the last unit", "src/suizhou_plan/views/index.py",
        "else (refs[0].agency if refs else None)", "else (refs[-1].agency if refs else None)"),
]


def scratch_copy(target: Path, tests_from: str | None) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            (target / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / os.fsdecode(name))
    if tests_from:
        shutil.rmtree(target / "tests")
        archive = subprocess.run(["git", "archive", tests_from, "tests"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def failing_tests(work: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(work / "src")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-rf", *SLOW], cwd=work, env=env, capture_output=True, text=True)
    return sorted(set(re.findall(r"^FAILED (\S+)", done.stdout, re.M)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tests-from", help="a git revision whose tests/ to run instead")
    parser.add_argument("--only", type=int, nargs="*", help="bug numbers (1-9)")
    args = parser.parse_args()
    caught = 0
    for number, bug in enumerate(BUGS, 1):
        if args.only and number not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="planted-") as scratch:
            work = Path(scratch)
            scratch_copy(work, args.tests_from)
            path = work / bug.path
            text = path.read_text(encoding="utf-8")
            if text.count(bug.old) != 1:
                print(f"{number}. {bug.name}: the code moved ({bug.path}); update this script")
                return 2
            path.write_text(text.replace(bug.old, bug.new), encoding="utf-8")
            failed = failing_tests(work)
        caught += bool(failed)
        print(f"{number}. {bug.name}: {'caught by ' + str(len(failed)) if failed else 'NOT CAUGHT'}"
              + (" test(s)" if failed else ""), flush=True)
        for test in failed:
            print(f"     {test}")
    print(f"caught {caught} of {len(BUGS) if not args.only else len(args.only)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
