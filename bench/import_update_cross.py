"""Update every corpus document into the plan imported from every other (and from itself).

    python bench/import_update_cross.py            # the corpus shapes, unseen documents and
                                                   # the bundled source: 17 x 17 pairs
    python bench/import_update_cross.py --ledger   # a ledger entry on every other task first

For each pair (A, B): import A, optionally record progress with `progress add`, then
`import B --update`.  Each update must exit 0, keep every ledger entry, load and validate
with no error but `unassigned` (what a document leaves open), and be idempotent (B again
changes neither tasks.yaml nor agencies.yaml).  Prints one line per failure and a count.

Last run (2026-12-06): 289 pairs, 0 failures, with and without ledger entries (the PDF
sample needs LibreOffice; without it the pairs are 15 x 15).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    import import_corpus_shapes as shapes  # tests/, for the corpus
    import import_corpus_unseen as unseen
    from click.testing import CliRunner

    from suizhou_plan.base.finding import Severity
    from suizhou_plan.cli import cli
    from suizhou_plan.load import load_plan
    from suizhou_plan.rules.engine import run

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ledger", action="store_true")
    args = parser.parse_args(argv)

    def invoke(*words: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(words))
        return result.exit_code, result.output

    failures = 0
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        docs: list[Path] = []
        for sample in shapes.SAMPLES + unseen.UNSEEN:
            for form, write in (("broken", sample.broken), ("flat", sample.flat)):
                folder = work / f"{sample.name}-{form}"
                folder.mkdir()
                try:
                    docs.append(write(folder))
                except (AssertionError, OSError) as exc:  # no LibreOffice for the PDF
                    print(f"skipped {sample.name} ({form}): {exc}")
        docs.append(ROOT / "source" / "000_b1e91cb46fd45bc1.txt")
        for n, (first, then) in enumerate(itertools.product(docs, docs)):
            plan = work / f"plan{n}"
            pair = f"{first.name} <- {then.name}"
            code, _ = invoke("import", str(first), "--out", str(plan))
            if code != 0:
                print(f"{first.name}: the first import exited {code}")
                failures += 1
                continue
            if args.ledger:
                for task in load_plan(plan).tasks.tasks[::2]:
                    if task.units:
                        invoke("progress", "add", task.id, "--plan", str(plan), "--status",
                               "in-progress", "--date", "2025-06-01", "--by",
                               task.lead or task.units[0], "--note", "已启动",
                               "--as-of", "2025-06-02")
            ledger = {t.id: t.progress for t in load_plan(plan).tasks.tasks if t.progress}
            code, out = invoke("import", str(then), "--out", str(plan), "--update")
            if code != 0:
                print(f"{pair}: exited {code}: {out.strip().splitlines()[-1:]}")
                failures += 1
                continue
            loaded = load_plan(plan)
            kept = {t.id: t.progress for t in loaded.tasks.tasks}
            lost = [i for i, entries in ledger.items() if kept.get(i) != entries]
            errors = [f.message for f in run(loaded, as_of=None).findings
                      if f.severity is Severity.ERROR and f.rule != "unassigned"]
            files = [(plan / name).read_bytes() for name in ("tasks.yaml", "agencies.yaml")]
            again, _ = invoke("import", str(then), "--out", str(plan), "--update")
            same = files == [(plan / n).read_bytes() for n in ("tasks.yaml", "agencies.yaml")]
            if lost or errors or again != 0 or not same:
                print(f"{pair}: lost {lost}, errors {errors[:2]}, again {again}, same {same}")
                failures += 1
            shutil.rmtree(plan)
        print(f"{len(docs) ** 2} pairs, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
