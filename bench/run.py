"""Time `suizhou` against its floor and its peers, whole-process, and write docs/performance.md.

    pip install -e ".[bench]"          # check-jsonschema and yamllint
    python bench/run.py                # bundled plan + generated plans of 1k, 10k, 100k tasks
    python bench/run.py --quick        # bundled plan + 1k, 10k; fewer runs
    python bench/run.py --sizes 1000,10000 --runs 9 --out /tmp/perf.md
    python bench/run.py --sizes 1000 --command-sizes 4000,40000,50000 --command-runs 1

Besides `check`, every command that reads the plan gets a row per generated size
(`--command-sizes`, default 4,000, 40,000 and 50,000 tasks): validate, duties ONE,
duties --all --out, agencies, report --out, export, diff, and progress add (the CLI, on a
copy of the plan, with a new note each run).  The targets: 4,000 → 40,000 tasks costs at most
11× for each; at 50,000, report --out ≤ 1.5× check, progress add ≤ 1.2× check, duties --all
--out ≤ 3× check, and every command's peak memory ≤ 1.3× `yaml.load` of the same files.

Every command runs as its own process, as a user or a pre-commit hook runs it.  The
commands of one group run in turn (A B C A B C ...), after one untimed warm-up each, so a
slow patch of the machine hits all of them alike; a group's numbers are medians of its
runs.  Wall time is what a user waits; CPU time (user + system) is less disturbed by
whatever else the machine is doing, so ratios are given for both.  Peak memory is the
child's maximum resident set size, from `wait4`.

Bytecode caches are written before timing (`compileall`, and PYTHONDONTWRITEBYTECODE is
dropped from the children's environment): an installed package has them, as do the peers.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PLAN = ROOT / "plan"
AS_OF = "2024-01-15"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
COMMAND_SIZES = (4_000, 40_000, 50_000)
GROWTH = (4_000, 40_000)  # every command: this growth in tasks costs at most 11× the time
BIN = Path(sys.executable).parent

COMPOSE = (
    "import gc, sys, yaml\n"
    "gc.freeze(); gc.disable()\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.compose(f.read(), Loader=yaml.CSafeLoader)\n"
)
LOAD = (  # GC off as for compose: it changes the time, not the peak (the values hold no cycles)
    "import gc, sys, yaml\n"
    "gc.freeze(); gc.disable()\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)
HEAVY_IMPORTS = (  # `main(argv)`: the installed command exits at once, before the count
    "import sys\n"
    "from suizhou_plan.cli import main\n"
    "try:\n"
    "    main([sys.argv[1]])\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'rich'})\n"
    "sys.stderr.write(','.join(heavy) or 'none')\n"
)


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float
    code: int


@dataclass
class Command:
    label: str
    argv: list[str]
    display: str = ""  # how the report shows it, when not the argv itself
    samples: list[Sample] = field(default_factory=list)
    vary: str = ""  # an option given a new value each run ("--note": progress add)
    cache: str = ""  # "on": the result cache of `check` is used; "empty": emptied before each run

    def argv_for(self, run: int) -> list[str]:
        return [*self.argv, self.vary, f"bench run {run}"] if self.vary else self.argv

    def median(self, what: str) -> float:
        return float(statistics.median(float(getattr(s, what)) for s in self.samples))

    @property
    def shown(self) -> str:
        if self.display:
            return self.display
        parts = [Path(a).name if a == sys.executable or a.startswith(str(BIN)) else a
                 for a in self.argv]
        return shlex.join(parts).replace(str(ROOT) + "/", "")


def child_env(work: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["SUIZHOU_NO_CACHE"] = "1"  # every row checks from scratch but the cache's own
    env["SUIZHOU_CACHE_DIR"] = str((work or Path(tempfile.gettempdir())) / "check-cache")
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env["NO_COLOR"] = "1"
    return env


def measure(argv: Sequence[str], env: dict[str, str]) -> Sample:
    """One run: wall time, CPU time and peak RSS of exactly this child (`wait4`)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss_kb / 1024, proc.returncode)


def env_for(command: Command, env: dict[str, str]) -> dict[str, str]:
    """The children run with the result cache of `check` off, unless the row is about it;
    then it is a directory of the bench's own, emptied first for an "empty" row."""
    if not command.cache:
        return env
    if command.cache == "empty":
        import shutil

        shutil.rmtree(env["SUIZHOU_CACHE_DIR"], ignore_errors=True)
    return {k: v for k, v in env.items() if k != "SUIZHOU_NO_CACHE"}


def run_group(commands: list[Command], runs: int, env: dict[str, str], title: str) -> None:
    print(f"\n{title}: {runs} alternating run(s) of {len(commands)} command(s)", flush=True)
    for command in commands:
        measure(command.argv_for(0), env_for(command, env))  # warm-up: page cache, bytecode
    for r in range(runs):
        for command in commands:
            command.samples.append(measure(command.argv_for(r + 1), env_for(command, env)))
        print(f"  run {r + 1}/{runs} done", flush=True)
    for command in commands:
        print(f"  {command.label:<34} wall {command.median('wall'):8.3f} s   "
              f"cpu {command.median('cpu'):8.3f} s   rss {command.median('rss_mb'):8.1f} MB   "
              f"exit {command.samples[-1].code}")


def generated(size: int, work: Path, seed: int) -> Path:
    """A generated plan of `size` tasks, made once per size and seed."""
    directory = work / f"plan-{size}-seed{seed}"
    stamp = directory / ".complete"
    if not stamp.exists():
        print(f"generating {size:,} tasks into {directory}", flush=True)
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--tasks", str(size),
                        "--out", str(directory), "--seed", str(seed)], check=True)
        stamp.write_text("ok\n")
    return directory


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    import pydantic
    import yaml

    load = ""
    if hasattr(os, "getloadavg"):
        load = " (load average at start: {:.2f} {:.2f} {:.2f})".format(*os.getloadavg())
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical core(s){memory}{load}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"PyYAML {yaml.__version__} with libyaml: {yaml.__with_libyaml__}, "
        f"pydantic {pydantic.VERSION}",
    ]


def heavy_imports(env: dict[str, str]) -> dict[str, str]:
    out = {}
    for option in ("--version", "--help"):
        done = subprocess.run([sys.executable, "-c", HEAVY_IMPORTS, option], env=env,
                              capture_output=True, text=True, check=False, cwd=ROOT)
        out[option] = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
    return out


@dataclass
class Target:
    name: str
    value: float
    cpu_value: float
    limit: float
    how: str

    def verdict(self, value: float) -> str:
        if value <= self.limit:
            return "met"
        return f"missed by {(value / self.limit - 1) * 100:.0f}%"


def edited_copy(directory: Path) -> Path:
    """The plan with every `in-progress` entry turned `blocked`: the NEW side of `diff`."""
    other = directory.with_name(directory.name + "-edited")
    if not (other / ".complete").exists():
        other.mkdir(exist_ok=True)
        (other / "agencies.yaml").write_bytes((directory / "agencies.yaml").read_bytes())
        text = (directory / "tasks.yaml").read_text(encoding="utf-8")
        (other / "tasks.yaml").write_text(text.replace("status: in-progress}", "status: blocked}"),
                                          encoding="utf-8")
        (other / ".complete").write_text("ok\n")
    return other


def first_task(directory: Path) -> tuple[str, str]:
    """(id, first unit) of the first task of a generated plan."""
    task = unit = ""
    with open(directory / "tasks.yaml", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  - id: T") and not task:
                task = line.split(":", 1)[1].strip()
            elif task and line.startswith("    units: ["):
                unit = line.split("[", 1)[1].split(",")[0].strip().rstrip("]")
                break
    return task, unit


def every_command(size: int, directory: Path, work: Path) -> list[Command]:
    """One row per command that reads the plan, on the plan of `size` tasks."""
    import shutil

    suizhou = str(BIN / "suizhou")
    plan = str(directory)
    task, unit = first_task(directory)
    ledger = work / f"progress-{size}"
    if ledger.exists():
        shutil.rmtree(ledger)
    shutil.copytree(directory, ledger)
    out = work / f"out-{size}"
    out.mkdir(exist_ok=True)
    files = [str(directory / "tasks.yaml"), str(directory / "agencies.yaml")]
    day = ["--as-of", AS_OF]
    commands = [
        Command("check", [suizhou, "check", *day, "--plan", plan]),  # from scratch: child_env
        Command("validate", [suizhou, "validate", "--plan", plan]),
        Command("duties ONE", [suizhou, "duties", unit, *day, "--plan", plan]),
        Command("duties --all --out", [suizhou, "duties", "--all", "--out", str(out / "duties"),
                                       *day, "--plan", plan]),
        Command("agencies", [suizhou, "agencies", *day, "--plan", plan]),
        Command("report --out", [suizhou, "report", *day, "--out", str(out / "report.html"),
                                 "--plan", plan]),
        Command("export", [suizhou, "export", "--plan", plan]),
        Command("diff", [suizhou, "diff", plan, str(edited_copy(directory)), "--plan", plan]),
        Command("progress add", [suizhou, "progress", "add", task, "--status", "reported-done",
                                 "--date", "2024-01-12", "--by", unit, "--as-of", AS_OF,
                                 "--plan", str(ledger)], vary="--note"),
        Command("yaml.load", [sys.executable, "-c", LOAD, *files],
                "python -c 'gc.freeze(); gc.disable(); yaml.load(text, "
                "Loader=yaml.CSafeLoader)' for each file"),
    ]
    for c in commands[:-1]:
        c.display = (c.shown.replace(plan, "DIR").replace(str(work) + "/", "WORK/")
                     .replace(f"-{size}", "-SIZE").replace(shlex.quote(unit), "UNIT"))
    return commands


def ratio(a: Command, b: Command, what: str) -> float:
    return a.median(what) / b.median(what)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None,
                        help="generated plan sizes, comma-separated (default 1000,10000,100000; "
                        "'' for none)")
    parser.add_argument("--runs", type=int, default=None,
                        help="alternating runs on the bundled plan (default 15; quick 7)")
    parser.add_argument("--scale-runs", type=int, default=None,
                        help="alternating runs per generated size (default 5; quick 3)")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,10000 and fewer runs")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--work", type=Path, default=None,
                        help="where generated plans are kept (default: a temp dir)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md",
                        help="the report to write (default docs/performance.md)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--no-breakdown", action="store_true",
                        help="skip the phase breakdown of the largest check (bench/phases.py)")
    parser.add_argument("--command-sizes", default=None,
                        help="sizes for the row per command, comma-separated (default "
                        "4000,40000,50000; '' for none)")
    parser.add_argument("--command-runs", type=int, default=None,
                        help="alternating runs per size of every command (default 3; quick 1)")
    args = parser.parse_args(argv)
    sizes = (tuple(int(s) for s in args.sizes.split(",") if s.strip())
             if args.sizes is not None else QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = args.runs or (7 if args.quick else 15)
    scale_runs = args.scale_runs or (3 if args.quick else 5)
    command_sizes = (COMMAND_SIZES if args.command_sizes is None else
                     tuple(int(s) for s in args.command_sizes.split(",") if s.strip()))
    command_runs = args.command_runs or (1 if args.quick else 3)
    work = args.work or Path(tempfile.gettempdir()) / "suizhou-bench"
    work.mkdir(parents=True, exist_ok=True)
    env = child_env(work)
    command_line = "python bench/run.py" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:]))

    missing = [tool for tool in ("suizhou", "check-jsonschema", "yamllint")
               if not (BIN / tool).exists()]
    if missing:
        sys.stderr.write(f"missing {', '.join(missing)} next to {sys.executable}: "
                         "pip install -e '.[bench]'\n")
        return 2
    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(BENCH, quiet=1)
    schema_dir = work / "schema"
    subprocess.run([str(BIN / "suizhou"), "schema", "--out", str(schema_dir)], check=True,
                   env=env)
    heavy = heavy_imports(env)
    print("imported by --version / --help:", heavy)

    suizhou = str(BIN / "suizhou")
    tasks, agencies = str(PLAN / "tasks.yaml"), str(PLAN / "agencies.yaml")
    floor = Command("python -c 'import yaml'", [sys.executable, "-c", "import yaml"])
    version = Command("suizhou --version", [suizhou, "--version"])
    validate = Command("suizhou validate", [suizhou, "validate", "--plan", str(PLAN)])
    check = Command("suizhou check", [suizhou, "check", "--as-of", AS_OF, "--plan", str(PLAN)])
    json_args = [suizhou, "check", "--format", "json", "--as-of", AS_OF, "--plan", str(PLAN)]
    check_json = Command("suizhou check --format json", json_args)
    first_json = Command("suizhou check --format json, empty cache", json_args, cache="empty")
    stored_json = Command("suizhou check --format json, stored result", json_args, cache="on")
    minimal = Command("minimal pipeline (bench/minimal.py)",
                      [sys.executable, str(BENCH / "minimal.py"), str(PLAN)])
    cjs_tasks = Command("check-jsonschema tasks.yaml",
                        [str(BIN / "check-jsonschema"), "--schemafile",
                         str(schema_dir / "tasks.schema.json"), tasks])
    cjs_agencies = Command("check-jsonschema agencies.yaml",
                           [str(BIN / "check-jsonschema"), "--schemafile",
                            str(schema_dir / "agencies.schema.json"), agencies])
    yamllint = Command("yamllint (both files)", [str(BIN / "yamllint"), tasks, agencies])
    bundled = [floor, version, validate, check, check_json, first_json, stored_json, minimal,
               cjs_tasks, cjs_agencies, yamllint]
    run_group(bundled, runs, env, "bundled plan (30 tasks)")

    scale: dict[int, tuple[Command, Command, Command, Path]] = {}
    for size in sizes:
        directory = generated(size, work, args.seed)
        files = [str(directory / "tasks.yaml"), str(directory / "agencies.yaml")]
        big_check = Command(f"suizhou check, {size:,} tasks",
                            [suizhou, "check", "--as-of", AS_OF, "--plan", str(directory)])
        compose = Command(f"yaml.compose (GC off), {size:,}",
                          [sys.executable, "-c", COMPOSE, *files],
                          "python -c 'gc.freeze(); gc.disable(); yaml.compose(text, "
                          "Loader=yaml.CSafeLoader)' for each file")
        load = Command(f"yaml.load, {size:,}", [sys.executable, "-c", LOAD, *files],
                       "python -c 'gc.freeze(); gc.disable(); yaml.load(text, "
                       "Loader=yaml.CSafeLoader)' for each file")
        big_check.display = f"suizhou check --as-of {AS_OF} --plan DIR"
        run_group([big_check, compose, load], scale_runs, env, f"{size:,} tasks")
        scale[size] = (big_check, compose, load, directory)

    per_command: dict[int, dict[str, Command]] = {}
    for size in command_sizes:
        directory = generated(size, work, args.seed)
        group = every_command(size, directory, work)
        run_group(group, command_runs, env, f"every command, {size:,} tasks")
        per_command[size] = {c.label: c for c in group}

    breakdowns: dict[str, dict[str, Any]] = {}
    if not args.no_breakdown:
        where = {"the bundled plan (30 tasks)": PLAN}
        if sizes:
            where[f"{max(sizes):,} tasks"] = scale[max(sizes)][3]
        for name, directory in where.items():
            print(f"\nphase breakdown of one check of {name}", flush=True)
            done = subprocess.run([sys.executable, str(BENCH / "phases.py"), str(directory),
                                   "--as-of", AS_OF], env=env, cwd=ROOT, capture_output=True,
                                  text=True, check=True)
            breakdowns[name] = json.loads(done.stdout)

    targets = startup_targets([("check --format json", check_json), ("check", check),
                               ("check --format json, empty cache", first_json),
                               ("check --format json, stored result", stored_json)],
                              minimal, cjs_tasks, yamllint)
    if sizes:
        top = max(sizes)
        big_check, compose, load, _ = scale[top]
        targets.append(Target(f"check ÷ bare compose ({top:,} tasks)",
                              ratio(big_check, compose, "wall"), ratio(big_check, compose, "cpu"),
                              1.5, "≤ 1.5"))
        smaller = [s for s in sizes if s < top]
        if smaller:
            low = max(smaller)
            limit = 1.1 * top / low
            targets.append(Target(f"growth of check, {low:,} → {top:,} tasks",
                                  ratio(big_check, scale[low][0], "wall"),
                                  ratio(big_check, scale[low][0], "cpu"), limit,
                                  f"≤ {limit:.3g}"))
        mem = big_check.median("rss_mb") / load.median("rss_mb")
        targets.append(Target(f"peak memory ÷ yaml.load ({top:,} tasks)", mem, mem, 1.3,
                              "≤ 1.3"))

    targets += command_targets(per_command)
    lines = report(command_line, bundled, scale, targets, heavy, runs, scale_runs, args.seed,
                   breakdowns, per_command, command_runs)
    print("\n" + "\n".join(lines))
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


def startup_targets(checks: list[tuple[str, Command]], minimal: Command, cjs_tasks: Command,
                    yamllint: Command) -> list[Target]:
    """The start-up targets on the bundled plan, for each way a check runs: from scratch
    (JSON and text), the first run that fills the cache, and a repeated run that reads it."""
    out: list[Target] = []
    for name, c in checks:
        for peer, label, limit in ((minimal, "minimal pipeline", 1.2),
                                   (cjs_tasks, "check-jsonschema tasks.yaml", 0.5),
                                   (yamllint, "yamllint (both files)", 1.0)):
            out.append(Target(f"{name} ÷ {label} (bundled plan)", ratio(c, peer, "wall"),
                              ratio(c, peer, "cpu"), limit, f"≤ {limit}"))
    return out


def command_targets(per_command: dict[int, dict[str, Command]]) -> list[Target]:
    out: list[Target] = []
    low, high = GROWTH
    if low in per_command and high in per_command:
        limit = 1.1 * high / low
        for label, c in per_command[high].items():
            if label == "yaml.load":
                continue
            before = per_command[low][label]
            out.append(Target(f"growth of {label}, {low:,} → {high:,} tasks",
                              ratio(c, before, "wall"), ratio(c, before, "cpu"), limit,
                              f"≤ {limit:.3g}"))
    if per_command:
        top = max(per_command)
        rows = per_command[top]
        for label, limit in (("report --out", 1.5), ("progress add", 1.2),
                             ("duties --all --out", 3.0)):
            out.append(Target(f"{label} ÷ check ({top:,} tasks)",
                              ratio(rows[label], rows["check"], "wall"),
                              ratio(rows[label], rows["check"], "cpu"), limit, f"≤ {limit}"))
        load = rows["yaml.load"]
        for label, c in rows.items():
            if label != "yaml.load":
                mem = c.median("rss_mb") / load.median("rss_mb")
                out.append(Target(f"peak memory of {label} ÷ yaml.load ({top:,} tasks)", mem,
                                  mem, 1.3, "≤ 1.3"))
    return out


def report(command_line: str, bundled: list[Command],
           scale: dict[int, tuple[Command, Command, Command, Path]], targets: list[Target],
           heavy: dict[str, str], runs: int, scale_runs: int, seed: int,
           breakdowns: dict[str, dict[str, Any]],
           per_command: dict[int, dict[str, Command]] | None = None,
           command_runs: int = 0) -> list[str]:
    out = [
        "# Performance",
        "",
        "Generated by `bench/run.py`; do not edit by hand.  Produced with:",
        "",
        "```",
        command_line,
        "```",
        "",
        f"on {time.strftime('%Y-%m-%d')}:",
        "",
        *machine(),
        "",
        "Whole-process times, medians of alternating runs (after one untimed warm-up run "
        "each); CPU is user + system time; RSS is the child's peak resident set size.",
        "",
        "How to read it:",
        "",
        "- A ratio is the ratio of two medians from this run; the verdict uses wall time.  "
        "The machine may be shared (see the load average): CPU time is the steadier of the two.",
        "- check-jsonschema checks one file per process.  The target compares `suizhou check` "
        "(both files, every rule) with one check-jsonschema process on tasks.yaml alone, the "
        "stricter reading; checking both files takes the two rows together.",
        "- The `yaml.compose` and `yaml.load` baselines run with the cyclic GC frozen and off.  "
        "For `yaml.load` that changes the time (with the GC on it is super-linear), not the "
        "peak memory: the values hold no cycles.",
        "- Bytecode caches are written before timing (`compileall`; PYTHONDONTWRITEBYTECODE is "
        "dropped for the children), as after `pip install`, for suizhou and its peers alike.",
        "- Every `suizhou` row checks from scratch (`SUIZHOU_NO_CACHE=1`) but two: \"empty "
        "cache\" (the cache directory is removed before each run, so the run checks and "
        "stores its result) and \"stored result\" (a repeated check of the unchanged plan, "
        "which prints the stored result).  The cache lives in a directory of the bench's own "
        "(`SUIZHOU_CACHE_DIR`).",
        "- The floor, `bench/minimal.py`, imports yaml, click and pydantic, loads both files "
        "with libyaml (`CSafeLoader`) and validates them with six small pydantic models.",
        "",
        f"## Bundled plan (30 tasks), {runs} runs",
        "",
        "| command | wall (ms) | CPU (ms) | peak RSS (MB) |",
        "|---|---:|---:|---:|",
    ]
    for c in bundled:
        out.append(f"| {c.label} | {c.median('wall') * 1000:.0f} | "
                   f"{c.median('cpu') * 1000:.0f} | {c.median('rss_mb'):.0f} |")
    if scale:
        out += ["", f"## Generated plans (`bench/generate.py --seed {seed}`), "
                f"{scale_runs} runs each", "",
                "| tasks | YAML (MB) | `suizhou check` wall (s) | CPU (s) | peak RSS (MB) "
                "| `yaml.compose`, GC off: wall (s) | CPU (s) | `yaml.load`: peak RSS (MB) "
                "| check ÷ compose (wall) |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for size, (chk, comp, load, directory) in sorted(scale.items()):
            mb = sum(p.stat().st_size for p in directory.glob("*.yaml")) / 1e6
            out.append(f"| {size:,} | {mb:.1f} | {chk.median('wall'):.2f} | "
                       f"{chk.median('cpu'):.2f} | {chk.median('rss_mb'):.0f} | "
                       f"{comp.median('wall'):.2f} | {comp.median('cpu'):.2f} | "
                       f"{load.median('rss_mb'):.0f} | "
                       f"{chk.median('wall') / comp.median('wall'):.2f} |")
    if per_command:
        sizes = sorted(per_command)
        out += ["", f"## Every command on generated plans, {command_runs} run(s) each", "",
                "Wall (s) / CPU (s) / peak RSS (MB) per size.", "",
                "| command | " + " | ".join(f"{s:,} tasks" for s in sizes) + " |",
                "|---|" + "---:|" * len(sizes)]
        for label in per_command[sizes[0]]:
            cells = [f"{c.median('wall'):.2f} / {c.median('cpu'):.2f} / "
                     f"{c.median('rss_mb'):.0f}" for c in (per_command[s][label] for s in sizes)]
            out.append(f"| {label} | " + " | ".join(cells) + " |")
    startup = [t for t in targets if t.name.endswith("(bundled plan)")]
    out += ["", "## Start-up on the bundled plan", "",
            "On a plan of ordinary size a check is mostly start-up.  A check from scratch "
            "(`--no-cache`, or the first run, which also stores its result) against the floor, "
            "check-jsonschema and yamllint; then a repeated check of the unchanged plan, which "
            "prints the stored result.  Ratios of the medians above.", "",
            "| target | limit | wall | CPU | verdict (wall) |", "|---|---:|---:|---:|---|"]
    for t in startup:
        out.append(f"| {t.name.removesuffix(' (bundled plan)')} | {t.how} | {t.value:.2f} | "
                   f"{t.cpu_value:.2f} | {t.verdict(t.value)} |")
    out += ["", "## Targets", "", "| target | limit | wall | CPU | verdict (wall) |",
            "|---|---:|---:|---:|---|"]
    for t in targets:
        if t in startup:
            continue
        out.append(f"| {t.name} | {t.how} | {t.value:.2f} | {t.cpu_value:.2f} | "
                   f"{t.verdict(t.value)} |")
    for option, found in heavy.items():
        verdict = "met" if found == "none" else "missed"
        out.append(f"| `suizhou {option}` imports pydantic or rich | none | {found} | | "
                   f"{verdict} |")
    for name, breakdown in breakdowns.items():
        ref = breakdown["reference_compose"]
        out += ["", f"## Where the time goes: one `suizhou check` of {name}", "",
                "CPU seconds per phase (`bench/phases.py` runs the real CLI with timers around "
                "its parts), each also as a multiple of a bare `yaml.compose` (libyaml, GC off) "
                f"of the same files timed in the same process: {ref:.3f} s.", "",
                "| phase | CPU (s) | × bare compose |", "|---|---:|---:|"]
        for phase, seconds in breakdown["phases"].items():
            out.append(f"| {phase} | {seconds:.3f} | {seconds / ref:.2f} |")
        out.append(f"| **total** | {breakdown['total']:.3f} | {breakdown['total'] / ref:.2f} |")
    out += ["", "Commands, as run (paths relative to the repository; DIR is a generated plan):",
            ""]
    seen = set()
    extra = [c for group in (per_command or {}).values() for c in group.values()]
    for c in bundled + [c for group in scale.values() for c in group[:3]] + extra:
        if c.shown not in seen:
            seen.add(c.shown)
            out.append(f"- `{c.shown}`")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
