"""Measure `suizhou import` on real plan documents against a person's reading of them.

    python bench/import_eval.py DIR

DIR holds documents (`NAME.txt`, `.md`, `.html`, `.docx`) and, for each, `NAME.truth.yaml`:

    tasks:
      "1": {units: [市发改委, 市财政局], leads: [市发改委], due: [2023-12-31]}
      "2": {units: [市商务局]}

keyed by the task's number path as the import writes it above each task (「三、 （一） 1.」), or
by its own number alone ("1", "一") where that is unique in the document, with the units in
the document's order,
the units the document marks as leading (empty when it marks none), and the dates of its
deadlines.  The script imports each document and prints, per document and in total, the
share of (task, unit) pairs found (recall) and correct (precision), units in the exact order,
explicit leads, and deadlines; and whether each import validates.

Real documents are third-party texts: keep them and their truth files out of the repository.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ordered: int = 0
    tasks: int = 0
    leads: int = 0
    leads_right: int = 0
    dues: int = 0
    dues_right: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str, verdict: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return (f"| {name} | {self.tasks} | {self.tp + self.fn} | {precision:.3f} | {recall:.3f} "
                f"| {self.ordered}/{self.tasks} | {self.leads_right}/{self.leads} "
                f"| {self.dues_right}/{self.dues} | {verdict} |")


def own_number(path: str) -> str:
    """「三、 （一） 1.」 → "1"; 「（一）」 → "一"."""
    return re.sub(r"[^0-9A-Za-z一二三四五六七八九十百①-⑳]", "", path.split()[-1]) if path else "?"


def evaluate(doc: Path, truth: dict, work: Path) -> tuple[Score, str]:
    out = work / doc.stem
    done = subprocess.run([sys.executable, "-m", "suizhou_plan", "import", str(doc), "--out",
                           str(out), "--lang", "en"], capture_output=True, text=True,
                          check=False)
    score = Score()
    if done.returncode != 0:
        return score, f"import exit {done.returncode}"
    text = (out / "tasks.yaml").read_text(encoding="utf-8")
    paths = {task_id: path or "" for path, task_id in
             re.findall(r"# DOC line \d+(?: · (.*))?\n  - id: (\S+)", text)}
    tasks = yaml.safe_load(text)["tasks"]
    by_path = {paths[t["id"]]: t for t in tasks}
    by_own: dict[str, list[dict]] = {}
    for t in tasks:
        by_own.setdefault(own_number(paths[t["id"]]), []).append(t)
    matched: set[str] = set()
    for number, want in truth["tasks"].items():
        units, leads = list(want.get("units", [])), list(want.get("leads", []))
        dues = {str(d) for d in want.get("due", [])}
        key = str(number)
        task = by_path.get(key) or (by_own[key][0] if len(by_own.get(key, [])) == 1 else {})
        if task:
            matched.add(task["id"])
        got = list(task.get("units", []))
        score.tasks += 1
        score.tp += len(set(got) & set(units))
        score.fp += len(set(got) - set(units))
        score.fn += len(set(units) - set(got))
        score.ordered += got == units
        if leads:
            score.leads += 1
            score.leads_right += task.get("lead") == leads[0]
        got_dues = {str(g["due"]) for g in task.get("targets", [])}
        if task.get("due"):
            got_dues.add(str(task["due"]))
        score.dues += len(dues)
        score.dues_right += len(dues & got_dues)
    for task in tasks:
        if task["id"] not in matched:
            score.fp += len(task.get("units", []))
    checked = subprocess.run([sys.executable, "-m", "suizhou_plan", "validate", "--plan",
                              str(out), "-q"], capture_output=True, text=True, check=False)
    return score, checked.stdout.strip().splitlines()[-1] if checked.stdout else "?"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        sys.stderr.write("usage: python bench/import_eval.py DIR (documents and NAME.truth.yaml)\n")
        return 2
    folder = Path(args[0])
    total = Score()
    print("| document | tasks | pairs | precision | recall | order | leads | deadlines "
          "| validate |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as work:
        for doc in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
            truth_file = doc.with_name(f"{doc.stem}.truth.yaml")
            if not truth_file.exists():
                continue
            truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
            score, verdict = evaluate(doc, truth, Path(work))
            total.add(score)
            print(score.row(doc.name, verdict))
    print(total.row("**total**", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
