"""Score `suizhou import` on the corpus the tests build (`tests/import_corpus_shapes.py`).

    python bench/import_corpus_eval.py

Each sample is written in its line-broken and its flattened form, imported by a whole
process (`python -m suizhou_plan import`), and scored against its hand-written answer key
(`tests/import_corpus_score.py`): precision and recall over (item, unit) pairs, leads, tasks
found.  A sample that needs LibreOffice (the PDF) is left out when it is not installed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from import_corpus_score import HEADER, Score, score  # noqa: E402
from import_corpus_shapes import SAMPLES  # noqa: E402
from import_corpus_unseen import UNSEEN  # noqa: E402


def imported_tasks(doc: Path, out: Path) -> tuple[int, list[dict[str, object]]]:
    done = subprocess.run([sys.executable, "-m", "suizhou_plan", "import", str(doc), "--out",
                           str(out), "--lang", "en"], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0 or not (out / "tasks.yaml").exists():
        return done.returncode, []
    data = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    return done.returncode, list(data.get("tasks") or [])


def main() -> int:
    from external import LIBREOFFICE, LIBREOFFICE_PATHS, find

    office = find(LIBREOFFICE, LIBREOFFICE_PATHS) is not None
    for title, samples in (("corpus", SAMPLES), ("unseen (never tuned for)", UNSEEN)):
        print(f"\n{title}\n")
        _table(samples, office)
    return 0


def _table(samples: tuple[object, ...], office: bool) -> None:
    total = Score()
    print(HEADER)
    with tempfile.TemporaryDirectory() as work:
        for sample in samples:
            if sample.needs_office and not office:
                print(f"| {sample.name} | (LibreOffice missing) | | | | |")
                continue
            for form, write in (("line-broken", sample.broken), ("flattened", sample.flat)):
                folder = Path(work) / f"{sample.name}-{form}"
                folder.mkdir()
                doc = write(folder)
                code, tasks = imported_tasks(doc, folder / "out")
                got = score(tasks, sample.key)
                total.add(got)
                print(got.row(f"{sample.name} ({sample.shape}), {form}, exit {code}"))
    print(total.row("**total**"))


if __name__ == "__main__":
    sys.exit(main())
