"""Time and memory of `suizhou import` on hostile documents (target: each under 2 s and
300 MB, and an exit code from the documented set: 0, 1 or 2, never 3).

    python bench/import_hostile.py

Each document is made here (nothing binary is checked in) and imported by a whole process,
as a user runs it; the peak memory is that process's maximum resident set (Linux: getrusage
of the child).  Printed as a markdown table.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from import_bench import generate  # noqa: E402


def plan_text(size: int) -> str:
    """A plan of about `size` characters: tasks, phases with milestones (so that the
    milestone linking has work to do)."""
    base = generate(300)
    head, _, tail = base.partition("二、实施步骤")
    tasks = head
    while len(tasks) < size:
        tasks += head.split("一、重点任务", 1)[1]
    return tasks[:size].rsplit("\n", 1)[0] + "\n二、实施步骤" + tail


def long_lines(size: int) -> str:
    """Paragraphs hard-wrapped into many lines that never end a sentence (line joining)."""
    line = "推进数据资源整合共享和开发利用加快建设统一的公共数据平台完善数据治理体系"
    body = "\n".join(line for _ in range(size // len(line)))
    return "某市实施方案\n一、重点任务\n1.建设平台" + body + "。（责任单位：市数据局）\n"


def flat(size: int) -> str:
    return plan_text(size).replace("\n", "")


def docx_bomb(folder: Path) -> Path:
    """A .docx of a few MB whose document part unpacks to 1.5 GB (declared)."""
    path = folder / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:t>" + b"x" * (1 << 20) + b"</w:t>"
            for _ in range(1500):
                part.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def deep_html(depth: int, tasks: int) -> str:
    items = "".join(f'<font color="red">{i}.建设第{i}项平台。（责任单位：市数据局）<br>\n'
                    for i in range(1, tasks + 1))
    return ("<html><head><meta charset='utf-8'></head><body><div>" + "<div>" * depth
            + items + "</div></body></html>")


def cases(folder: Path) -> list[tuple[str, Callable[[], Path]]]:
    def text(name: str, content: str, encoding: str = "utf-8") -> Callable[[], Path]:
        def make() -> Path:
            path = folder / name
            path.write_bytes(content.encode(encoding))
            return path
        return make

    def fifo() -> Path:
        path = folder / "fifo.txt"
        os.mkfifo(path)
        return path

    def zero() -> Path:
        path = folder / "zero.txt"
        path.symlink_to("/dev/zero")
        return path

    def bad_byte() -> Path:
        path = folder / "bad.txt"
        data = generate(300).encode("gbk")
        cut = len(data) // 2
        cut -= cut % 2
        path.write_bytes(data[:cut] + b"\xff" + data[cut:])
        return path

    return [
        ("plan text just under the length limit (199,000 characters, 2,693 tasks)",
         text("under.txt", plan_text(199_000))),
        ("plan text, 1 M characters (over the limit)", text("one.txt", plan_text(1 << 20))),
        ("plan text without line breaks, 1 M characters", text("flat.txt", flat(1 << 20))),
        ("plan text without line breaks, 190,000 characters",
         text("flat-under.txt", flat(190_000))),
        ("hard-wrapped paragraph, 4 MB", text("long.txt", long_lines(4 << 20))),
        (".docx, a 1.5 GB part", lambda: docx_bomb(folder)),
        ("FIFO", fifo),
        ("symlink to /dev/zero", zero),
        ("GBK, one bad byte", bad_byte),
        ("HTML, charset=undefined", text("undefined.html", "<html><head><meta "
                                         "charset='undefined'></head><body><p>1.建设平台。"
                                         "（责任单位：市数据局）</p></body></html>")),
        ("HTML, 400 unclosed <font>", text("font.html", deep_html(0, 400))),
        ("HTML, 3,000 nested <div>", text("divs.html", deep_html(3000, 5))),
    ]


def main() -> int:
    print("| document | exit | wall (s) | peak memory (MB) | verdict |")
    print("|---|---:|---:|---:|---|")
    worst = 0
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for number, (name, make) in enumerate(cases(folder)):
            doc = make()
            out = folder / f"out{number}"
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-m", "suizhou_plan", "import", str(doc), "--out", str(out),
                 "--lang", "en"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            assert child.stderr is not None
            stderr = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            elapsed = time.perf_counter() - start
            peak_mb = usage.ru_maxrss / 1024  # kB on Linux
            done = subprocess.CompletedProcess(child.args, child.returncode, "",
                                               stderr.decode("utf-8", "replace"))
            ok = elapsed < 2.0 and peak_mb < 300 and done.returncode in (0, 1, 2)
            worst = max(worst, 0 if ok else 1)
            print(f"| {name} | {done.returncode} | {elapsed:.2f} | {peak_mb:.0f} | "
                  f"{'met' if ok else 'missed'} |")
            if done.returncode not in (0, 1, 2):
                sys.stderr.write(done.stderr[-2000:])
    return worst


if __name__ == "__main__":
    sys.exit(main())
