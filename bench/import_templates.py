"""Time the monthly loop at its heaviest: 30 units return their 台賬 templates with every row
filled, and `suizhou progress import` applies them all to the bundled plan.  Target: under
10 s for the import.

    python bench/import_templates.py            # 30 units, 3 runs, median
    python bench/import_templates.py --units 39 --runs 5

Each run starts from a fresh copy of the bundled plan, makes the templates with `suizhou
progress template --all`, fills every row of the 30 units that hold the most items (the
way `tests/sheet_filling.py` does: a date typed as text, a pasted multi-line note), and
times the import as its own process, as an office runs it.  It also times reading the
values of the 30 files with openpyxl and, when it is installed, python-calamine, to see
whether a faster reader would matter."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan"


def suizhou(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "suizhou_plan", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def fill_all(path: Path) -> int:
    """Fill every row of the template at `path`; the number of rows filled."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[wb.sheetnames[0]]
    rows = 0
    for r in range(4, ws.max_row + 1):
        if not ws[f"A{r}"].value:
            continue
        ws[f"G{r}"] = "推進中"
        ws[f"H{r}"] = "2024/1/10"
        ws[f"I{r}"] = f"第{r}行：本月完成方案評審\n完成招標掛網"
        ws[f"J{r}"] = "資金未完全到位"
        ws[f"K{r}"] = "下月完成合同簽訂"
        ws[f"L{r}"] = "評審意見\n招標公告"
        rows += 1
    wb.save(path)
    return rows


def read_values(files: list[Path]) -> tuple[float, float | None]:
    """Seconds to read every cell value of `files`: openpyxl (read-only), python-calamine."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    for path in files:
        wb = load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    with_openpyxl = time.perf_counter() - started
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return with_openpyxl, None
    started = time.perf_counter()
    for path in files:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    return with_openpyxl, time.perf_counter() - started


def one_run(units: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(PLAN, work / "plan")
        started = time.perf_counter()
        made = suizhou("progress", "template", "--all", "--out", "sent", "--as-of",
                       "2024-01-15", "--lang", "zh-Hant", cwd=work)
        template_s = time.perf_counter() - started
        assert made.returncode == 0, made.stderr
        sizes = {}
        for line in made.stdout.splitlines():
            if line.endswith("item(s)"):
                name, rest = line.split(": ", 1)
                sizes[Path(name).name] = int(rest.rsplit(", ", 1)[1].split()[0])
        chosen = sorted(sizes, key=lambda n: -sizes[n])[:units]
        files = [work / "sent" / name for name in chosen]
        rows = sum(fill_all(path) for path in files)
        started = time.perf_counter()
        done = suizhou("progress", "import", *map(str, files), "--as-of", "2024-01-20",
                       cwd=work)
        import_s = time.perf_counter() - started
        assert done.returncode == 0, done.stderr[-2000:]
        last = done.stderr.splitlines()[-1]
        assert last.startswith(f"added {rows} entries from {len(files)} file(s)"), last
        valid = suizhou("validate", cwd=work)
        assert valid.returncode == 0, valid.stdout[-2000:]
        openpyxl_s, calamine_s = read_values(files)
        return {"templates": template_s, "import": import_s, "rows": rows,
                "files": len(files), "openpyxl_read": openpyxl_s,
                "calamine_read": -1.0 if calamine_s is None else calamine_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    runs = [one_run(args.units) for _ in range(args.runs)]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"{int(runs[0]['files'])} filled templates, {int(runs[0]['rows'])} rows, "
          f"{args.runs} runs (median):")
    print(f"  progress template --all      {median('templates'):6.2f} s")
    print(f"  progress import (30 files)   {median('import'):6.2f} s   target < 10 s")
    print(f"  read values: openpyxl        {median('openpyxl_read'):6.2f} s")
    if median("calamine_read") >= 0:
        print(f"  read values: python-calamine {median('calamine_read'):6.2f} s")
    else:
        print("  read values: python-calamine (not installed)")
    return 0 if median("import") < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
