"""Time and memory of `suizhou check --format docx --template FILE` for every hostile template
of issue #26 (`tests/hostile_docx.py` builds them).  Target: each under 2 s and 300 MB.

    python bench/hostile_templates.py              # every template, 3 runs each, median
    python bench/hostile_templates.py --runs 5 --only huge-image,lying-sizes

Each run is its own process, as an office runs the command, on a copy of the bundled plan
as of 2024-01-15: the whole command (load the plan, check it, read the template, write the
bulletin or refuse), and then the template alone (`read_template`: the sieve and python-
docx's probe, in a process that imports nothing else of suizhou's).  Peak memory is the
child's maximum resident set size, from `wait4`; wall time is what a user waits, CPU time
(user + system) is what the machine did, less disturbed by whatever else runs on it, and
decides the verdict.  Besides the corpus, three rows for scale: no template, the honest
letterhead, and a template at the limits (`at_the_limits`)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from child_measure import Measure, measure  # bench/ is on sys.path when run

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan"
sys.path.insert(0, str(ROOT / "tests"))

SECONDS, MEGABYTES = 2.0, 300
ALONE = ("import sys\nfrom pathlib import Path\n"
         "from suizhou_plan.render.docx_template import TemplateError, read_template\n"
         "try:\n    read_template(Path(sys.argv[1]))\nexcept TemplateError:\n    pass\n")


def at_the_limits() -> bytes:
    """The honest letterhead grown to what the limits let through: as many styles as a
    template may have, and its body, header and footer grown until, with the rest, they
    come within 64 KB of `MAX_XML_TOTAL`: the most XML the sieve, the probe and the render
    parse."""
    import hostile_docx

    from suizhou_plan.render.docx_template import MAX_STYLES, MAX_XML, MAX_XML_TOTAL

    files = hostile_docx.parts(hostile_docx.letterhead())
    styles = files["word/styles.xml"].count(b"<w:style ")
    hostile_docx.with_styles(files, MAX_STYLES - styles)
    grown = ("word/document.xml", "word/header1.xml", "word/footer1.xml")
    rest = sum(len(data) for name, data in files.items()
               if name.endswith((".xml", ".rels")) and name not in grown
               and not name.startswith(("docProps/", "customXml/", "word/webSettings")))
    each = min(MAX_XML - 4096, (MAX_XML_TOTAL - 64 * 1024 - rest) // len(grown))
    for part in grown:
        hostile_docx.padded(files, part, each)
    return hostile_docx.rezip(files)


def corpus() -> dict[str, Callable[[], bytes]]:
    import hostile_docx

    rows: dict[str, Callable[[], bytes]] = {"letterhead (honest)": hostile_docx.letterhead,
                                            "at the limits": at_the_limits}
    for name in hostile_docx.ACCEPTED:
        rows[name] = lambda name=name: hostile_docx.accepted(name)  # type: ignore[misc]
    rows.update(hostile_docx.REFUSED)
    return rows


def write(directory: Path, names: list[str]) -> None:
    """The templates `names` (all when none) as DIRECTORY/NAME.docx, each name printed: run
    in a process of its own, so that the measuring parent stays small (a child's peak
    counts what its parent had when it was forked)."""
    rows = corpus()
    for name in names or list(rows):
        (directory / f"{name}.docx").write_bytes(rows[name]())
        print(name)


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
        shutil.copytree(PLAN, work / "plan")
        written = subprocess.run([sys.executable, __file__, "--write", str(work), "--only",
                                  ",".join(wanted)], check=True, capture_output=True, text=True)
        wanted = written.stdout.splitlines()
        command = [sys.executable, "-m", "suizhou_plan", "check", "--as-of", "2024-01-15",
                   "--format", "docx", "--out", "out.docx"]
        results: list[tuple[str, int, int, Measure, Measure | None]] = []
        baseline = [measure(command, work) for _ in range(args.runs)]
        results.append(("(no template)", 0, baseline[0].code, _median(baseline), None))
        for name in wanted:
            path = work / f"{name}.docx"
            size = path.stat().st_size
            whole = [measure([*command, "--template", path.name], work)
                     for _ in range(args.runs)]
            alone = [measure([sys.executable, "-c", ALONE, path.name], work)
                     for _ in range(args.runs)]
            results.append((name, size, whole[0].code, _median(whole), _median(alone)))
    print(f"suizhou check --format docx --template FILE, bundled plan; median of {args.runs} "
          f"runs; target: CPU < {SECONDS:.0f} s and peak < {MEGABYTES} MB")
    print()
    print(f"{'template':24} {'file KB':>8} {'exit':>4} {'wall s':>7} {'CPU s':>6} {'peak MB':>8}"
          f" {'alone CPU s':>11} {'alone MB':>9}  verdict")
    failed = 0
    for name, size, code, whole_m, alone_m in results:
        ok = whole_m.cpu < SECONDS and whole_m.peak_mb < MEGABYTES
        failed += not ok
        alone_cpu = f"{alone_m.cpu:11.2f}" if alone_m else f"{'':11}"
        alone_mb = f"{alone_m.peak_mb:9.0f}" if alone_m else f"{'':9}"
        print(f"{name:24} {size / 1024:8.0f} {code:4d} {whole_m.wall:7.2f} {whole_m.cpu:6.2f} "
              f"{whole_m.peak_mb:8.0f} {alone_cpu} {alone_mb}  {'ok' if ok else 'OVER'}")
    return 1 if failed else 0


def _median(runs: list[Measure]) -> Measure:
    return Measure(runs[0].code, statistics.median(r.wall for r in runs),
                   statistics.median(r.cpu for r in runs),
                   statistics.median(r.peak_mb for r in runs))


if __name__ == "__main__":
    sys.exit(main())
