"""Time `suizhou import` on a 100-page PDF with tables (target: under 10 s).

    python bench/import_pdf_bench.py                 # 100 pages, 3 runs, median
    python bench/import_pdf_bench.py --pages 200 --runs 1

The PDF is made here: a Word document of numbered tasks with unit clauses and, every few
pages, a task-division table, printed to PDF by LibreOffice (`soffice --headless`), with a
running header and a page-number footer.  Each run is a whole process, as a user runs it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

UNITS = ["市发改委", "市经信局", "市教育局", "市科技局", "市公安局", "市财政局", "市数据局",
         "市住建局", "市交通运输局", "市商务局", "市卫健委", "市市场监管局"]


def make_docx(path: Path, pages: int) -> None:
    import docx

    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "某市人民政府公报"
    section.footer.paragraphs[0].text = "— 1 —"
    doc.add_paragraph("某市数字化转型三年行动方案（2023—2025年）")
    doc.add_paragraph("一、重点任务")
    number = 0
    for page in range(pages):
        doc.add_paragraph(f"（{'一二三四五六七八九十'[page % 10]}）第{page + 1}组工作")
        for _ in range(4):
            number += 1
            a, b = UNITS[number % len(UNITS)], UNITS[(number * 7 + 3) % len(UNITS)]
            doc.add_paragraph(
                f"{number}.推进第{number}项数字化工作。加快建设相关平台，完善工作机制，提升服务"
                f"能力，到2025年实现全面覆盖。（牵头单位：{a}；配合单位：{b}）")
        if page % 5 == 4:
            table = doc.add_table(rows=4, cols=4)
            table.style = "Table Grid"
            for col, word in enumerate(("序号", "工作任务", "牵头单位", "完成时限")):
                table.cell(0, col).text = word
            for row in range(1, 4):
                number += 1
                for col, value in enumerate((str(row), f"完成第{number}项专项工作",
                                             UNITS[number % len(UNITS)], "2024年12月底")):
                    table.cell(row, col).text = value
        doc.add_page_break()
    doc.save(str(path))


def main(argv: list[str] | None = None) -> int:
    from external import LIBREOFFICE, LIBREOFFICE_PATHS, find
    from import_corpus_shapes import to_pdf

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    soffice = find(LIBREOFFICE, LIBREOFFICE_PATHS)
    if soffice is None:
        sys.stderr.write("LibreOffice (soffice) makes the PDF: install it\n")
        return 2
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "plan.docx"
        make_docx(source, args.pages)
        pdf = to_pdf(source, soffice)
        count = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                               check=False).stdout
        pages = next((line.split()[-1] for line in count.splitlines()
                      if line.startswith("Pages:")), "?")
        times = []
        for run in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "suizhou_plan", "import", str(pdf),
                                   "--out", str(Path(work) / f"out{run}"), "--lang", "en"],
                                  capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
                return 1
        summary = done.stdout.splitlines()[0].split(": ", 1)[1]
    median = statistics.median(times)
    print("| document | runs | median wall (s) | target | verdict |")
    print("|---|---:|---:|---:|---|")
    print(f"| PDF, {pages} pages, a table every 5 pages | "
          f"{args.runs} | {median:.2f} | < 10 s | {'met' if median < 10 else 'missed'} |")
    print(f"({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
