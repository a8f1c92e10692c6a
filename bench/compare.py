"""Two installs of suizhou side by side, in one run: is the second slower on any row?

    python bench/compare.py --before /path/to/venv-a/bin --after /path/to/venv-b/bin
    python bench/compare.py --before ... --after ... --sizes 4000,40000 --runs 5 --out /tmp/ab.md

Every command of `bench/run.py` (check, validate, duties ONE, duties --all --out, agencies,
report --out, export, diff, progress add) on generated plans, plus start-up (`--version`,
`--help`) and `check` of the bundled plan.  The two installs run interleaved, command by
command (A B A B ...), after one untimed warm-up each, so whatever else the machine does
hits both alike; each row gives the medians and the ratio after/before of wall time, CPU
time and peak memory.  Use it for a change that must not slow anything down (a refactor):
build a virtualenv for each commit (`pip install -e .` in a worktree of each)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # bench/run.py: the commands, the plans, the measuring


def rows(bin_dir: Path, sizes: list[int], work: Path) -> list[bench.Command]:
    """The commands of `bench/run.py`, run by the `suizhou` in `bin_dir`."""
    mine = str(bin_dir / "suizhou")
    ours = str(bench.BIN / "suizhou")
    out: list[bench.Command] = [
        bench.Command("--version", [mine, "--version"]),
        bench.Command("--help", [mine, "--help"]),
        bench.Command("check (bundled plan)", [mine, "check", "--as-of", bench.AS_OF,
                                               "--plan", str(bench.PLAN)]),
    ]
    for size in sizes:
        plan = bench.generated(size, work, seed=1)
        side = work / bin_dir.parent.name
        side.mkdir(parents=True, exist_ok=True)
        for command in bench.every_command(size, plan, side):
            if command.label == "yaml.load":
                continue
            argv = [mine if a == ours else a for a in command.argv]
            out.append(bench.Command(f"{command.label} ({size:,})", argv, vary=command.vary))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="bin/ of the first install")
    parser.add_argument("--after", type=Path, required=True, help="bin/ of the second install")
    parser.add_argument("--sizes", default="4000,40000", help="generated plan sizes (tasks)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    parser.add_argument("--only", default="", help="only rows whose label contains one of "
                        "these comma-separated words (e.g. report,duties)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="suizhou-ab-") as tmp:
        work = Path(tmp)
        env = bench.child_env(work)
        before = rows(args.before, sizes, work / "a")
        after = rows(args.after, sizes, work / "b")
        pairs = list(zip(before, after, strict=True))
        wanted = [w for w in args.only.split(",") if w]
        if wanted:
            pairs = [(a, b) for a, b in pairs if any(w in a.label for w in wanted)]
        for a, b in pairs:  # warm-up: page cache, bytecode
            bench.measure(a.argv_for(0), env)
            bench.measure(b.argv_for(0), env)
        for r in range(args.runs):
            for a, b in pairs:
                a.samples.append(bench.measure(a.argv_for(r + 1), env))
                b.samples.append(bench.measure(b.argv_for(r + 1), env))
            print(f"run {r + 1}/{args.runs} done", file=sys.stderr, flush=True)
    lines = ["| Row | wall before | wall after | ratio | CPU before | CPU after | ratio | "
             "peak before | peak after | ratio | exit |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    worst = 0.0
    for a, b in pairs:
        cells = [a.label]
        for what, unit in (("wall", "s"), ("cpu", "s"), ("rss_mb", "MB")):
            x, y = a.median(what), b.median(what)
            ratio = y / x if x else 1.0
            if what == "cpu":
                worst = max(worst, ratio)
            cells += [f"{x:.3f} {unit}" if unit == "s" else f"{x:.0f} {unit}",
                      f"{y:.3f} {unit}" if unit == "s" else f"{y:.0f} {unit}", f"{ratio:.2f}"]
        cells.append(f"{a.samples[-1].code}/{b.samples[-1].code}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Worst CPU ratio after/before: {worst:.2f} ({args.runs} interleaved runs, "
                 "medians).")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
