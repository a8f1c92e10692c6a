"""Time `suizhou import` on a generated 300-task plan document (target: under 2 s).

    python bench/import_bench.py                 # 300 tasks, 5 runs, prints a markdown row
    python bench/import_bench.py --tasks 1000 --runs 3 --keep /tmp/big.txt

The document mixes the layouts real plans use (bracketed 責任單位 lists, 牽頭/配合 roles,
run-on labels with deadlines, 到YYYY年 targets, several sections, three phases, safeguards),
with units drawn from a pool of 60 names, so every step of the import does real work.  Each
run is a whole process (`python -m suizhou_plan import DOC --out DIR`), as a user runs it,
including the validation of the written plan; the row gives the median wall time.

Last measured (2026-11-30, 2-core AMD EPYC, Python 3.11, a machine shared with other jobs):
300 tasks, 0.81–1.35 s median wall over several invocations of 5 runs (1,000 tasks: 1.36 s);
about half of it is starting Python and importing pydantic to validate the written plan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CN = "一二三四五六七八九十"
_NAMES = (
    "发改委 经信局 教育局 科技局 "
    "公安局 民政局 司法局 财政局 "
    "人社局 自然资源和规划局 生态环境局 "
    "住建局 交通运输局 水利和湖泊局 "
    "农业农村局 商务局 文化和旅游局 卫健委 "
    "应急管理局 审计局 政府国资委 "
    "市场监督管理局 统计局 医保局 "
    "乡村振兴局 数据局 大数据中心 "
    "城管执法委 退役军人事务局 林业局 "
    "体育局 信访局 档案馆 气象局 "
    "地震局 税务局 邮政管理局 供销社 "
    "残联 总工会 团委 妇联 科协 "
    "工商联 委网信办 委宣传部 委政法委 "
    "委编办 委组织部 政府办公室 金融办 "
    "粮食局 能源局 公共资源交易中心 "
    "政务服务中心 融媒体中心 疾控中心 "
    "住房公积金中心 不动产登记中心 "
    "机关事务服务中心 "
)
UNITS = [f"市{name}" for name in _NAMES.split()]


def generate(tasks: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["某市数字化发展三年行动方案（2023—2025年）", "某市人民政府办公室", "2023年1月10日",
             "为推进数字化发展，制定本方案。", "一、重点任务"]
    per_section = max(1, tasks // 10)
    for number in range(1, tasks + 1):
        if (number - 1) % per_section == 0 and (number - 1) // per_section < 10:
            section = (number - 1) // per_section
            lines.append(f"（{CN[section]}）全力推进第{section + 1}类数字化工作")
        units = rng.sample(UNITS, rng.randint(1, 5))
        body = f"{number}.推进第{number}项工作。加快建设相关平台，完善工作机制，提升服务能力。"
        if number % 7 == 0:
            body += f"到2025年，第{number}项工作全面完成。"
        if number % 11 == 0:
            body += f"{rng.choice((2023, 2024))}年底前完成一期建设。"
        layout = number % 4
        if layout == 0:
            lines.append(f"{body}（责任单位：{'、'.join(units)}，各县市区人民政府）")
        elif layout == 1:
            support = "、".join(units[1:]) or units[0]
            lines.append(f"{body}（牵头单位：{units[0]}；配合单位：{support}）")
        elif layout == 2:
            rest = "、".join(units[1:])
            lines.append(f"{body}（{units[0]}牵头" + (f"，{rest}配合）" if rest else "）"))
        else:
            lines.append(f"{body}牵头单位：{units[0]}配合单位：{'、'.join(units[1:]) or units[0]}"
                         f"完成时限：{rng.choice((2023, 2024, 2025))}年{rng.randint(1, 12)}月底")
    lines += ["二、实施步骤",
              "（一）启动阶段（2023年1月—2023年6月底）：主要任务是制定方案。成立工作专班，印发实施方案。",
              "（二）推进阶段（2023年7月—2024年12月底）：主要任务是全面建设。建成政务云平台，建设城市大脑。",
              "（三）提升阶段（2025年1月—2025年12月底）：主要任务是深化应用。推广典型场景，开展评估。",
              "三、保障措施",
              "（一）加强组织领导。成立领导小组。（责任单位：市政府办公室）",
              "（二）强化资金保障。（责任单位：市财政局）"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also write the generated document here")
    args = parser.parse_args(argv)
    text = generate(args.tasks)
    if args.keep:
        args.keep.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as work:
        doc = Path(work) / "plan.txt"
        doc.write_text(text, encoding="utf-8")
        times = []
        for run in range(args.runs + 1):  # the first run warms the caches, untimed
            out = Path(work) / f"out{run}"
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "suizhou_plan", "import", str(doc),
                                   "--out", str(out)], capture_output=True, text=True,
                                  check=False)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.stderr.write(done.stdout + done.stderr)
                return 1
            if run:
                times.append(elapsed)
        summary = done.stdout.splitlines()[0].split(": ", 1)[1]
    median = statistics.median(times)
    verdict = "met" if median < 2.0 else "missed"
    print("| document | runs | median wall (s) | target | verdict |")
    print("|---|---:|---:|---:|---|")
    print(f"| {args.tasks} tasks, {len(text):,} characters | {args.runs} | {median:.2f} | "
          f"< 2 s | {verdict} |")
    print(f"({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
