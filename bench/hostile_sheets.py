"""Time and memory of `suizhou progress import FILE` for every hostile 台賬 of issue #26
(`tests/hostile_sheets.py` builds them).  Target: each under 2 s and 300 MB.

    python bench/hostile_sheets.py              # every file, 3 runs each, median
    python bench/hostile_sheets.py --runs 5 --only million-rows.xlsx,zip-bomb.xlsx

Each run is its own process, as an office runs the command, on the office's workspace (a
copy of the bundled plan with its key) as of 2024-01-20: the whole command (load the plan,
read the file, refuse it or write), and then the file alone (`reading.open_template`, in a
process that imports nothing else of suizhou's but the reader).  Peak memory is the
child's maximum resident set size, from `wait4`; wall time is what a user waits, CPU time
(user + system) is what the machine did, less disturbed by whatever else runs on it, and
decides the verdict.  Two rows for scale: the honest sheet the corpus departs from, and a
sheet at the limits (a template of 1,990 rows, the most `xlsx.ROWS` lets through, every
row filled and refused for its foreign item)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_sheets  # noqa: E402  (tests/, after the path is set)
from child_measure import Measure, measure  # noqa: E402  (bench/ is on sys.path when run)

SECONDS, MEGABYTES = 2.0, 300
ALONE = ("import sys\nfrom pathlib import Path\n"
         "from suizhou_plan.sheets.reading import open_template\n"
         "from suizhou_plan.ops.workspace import read_key\n"
         "open_template(Path(sys.argv[1]), sys.argv[1], read_key(Path(sys.argv[2])))\n")


def at_the_limits(corpus: hostile_sheets.Corpus) -> bytes:
    """The honest sheet with rows up to just under `xlsx.ROWS`, each a filled row for an
    item that is not on the template: the most rows the reader reads and the importer
    judges one by one."""
    import re

    from suizhou_plan.sheets import xlsx

    xml = hostile_sheets._sheet_xml(corpus.honest)
    last = max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>X{r}</t></is></c>'
        f'<c r="G{r}" t="inlineStr"><is><t>推进中</t></is></c>'
        f'<c r="H{r}" t="inlineStr"><is><t>2024-01-12</t></is></c>'
        f'<c r="I{r}" t="inlineStr"><is><t>第{r}行的进展</t></is></c></row>'
        for r in range(last + 1, xlsx.ROWS - 10))
    close = xml.index("</sheetData>")
    return hostile_sheets._with_sheet(corpus.honest, xml[:close] + rows + xml[close:])


def write(directory: Path, names: list[str]) -> None:
    """The corpus's files `names` (all when none) in DIRECTORY, each name printed, with the
    workspace as DIRECTORY/base/plan: made in a process of its own, so that the measuring
    parent stays small (a child's peak counts what its parent had when it was forked)."""
    corpus = hostile_sheets.Corpus(directory / "base")
    (directory / "honest.xlsx").write_bytes(corpus.honest)
    (directory / "at-the-limits.xlsx").write_bytes(at_the_limits(corpus))
    print("honest.xlsx")
    print("at-the-limits.xlsx")
    for attack in hostile_sheets.ATTACKS:
        if not names or attack.name in names:
            corpus.build(attack, directory)
            print(attack.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated names of the corpus")
    parser.add_argument("--write", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    wanted = [n for n in args.only.split(",") if n]
    if args.write:
        write(Path(args.write), wanted)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        written = subprocess.run([sys.executable, __file__, "--write", str(work), "--only",
                                  ",".join(wanted)], check=True, capture_output=True, text=True)
        names = written.stdout.splitlines()
        plan = work / "base" / "plan"
        command = [sys.executable, "-m", "suizhou_plan", "progress", "import", "--plan",
                   str(plan), "--as-of", hostile_sheets.AS_OF, "--dry-run"]
        results: list[tuple[str, int, Measure, Measure]] = []
        for name in names:
            path = work / name
            size = path.lstat().st_size if path.is_symlink() or not path.is_file() else \
                path.stat().st_size
            whole = [measure([*command, name], work) for _ in range(args.runs)]
            alone = [measure([sys.executable, "-c", ALONE, name, str(plan)], work)
                     for _ in range(args.runs)]
            results.append((name, size, _median(whole), _median(alone)))
    print(f"suizhou progress import FILE --dry-run, the office's workspace; median of "
          f"{args.runs} runs; target: CPU < {SECONDS:.0f} s and peak < {MEGABYTES} MB")
    print()
    print(f"{'file':28} {'file KB':>8} {'exit':>4} {'wall s':>7} {'CPU s':>6} {'peak MB':>8}"
          f" {'alone CPU s':>11} {'alone MB':>9}  verdict")
    failed = 0
    for name, size, whole_m, alone_m in results:
        ok = whole_m.cpu < SECONDS and whole_m.peak_mb < MEGABYTES and whole_m.code in (0, 1)
        failed += not ok
        print(f"{name:28} {size / 1024:8.0f} {whole_m.code:4d} {whole_m.wall:7.2f} "
              f"{whole_m.cpu:6.2f} {whole_m.peak_mb:8.0f} {alone_m.cpu:11.2f} "
              f"{alone_m.peak_mb:9.0f}  {'ok' if ok else 'OVER'}")
    return 1 if failed else 0


def _median(runs: list[Measure]) -> Measure:
    return Measure(runs[0].code, statistics.median(r.wall for r in runs),
                   statistics.median(r.cpu for r in runs),
                   statistics.median(r.peak_mb for r in runs))


if __name__ == "__main__":
    sys.exit(main())
