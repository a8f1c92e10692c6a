"""Write a synthetic, valid plan of N tasks in `suizhou`'s format, for the benchmark.

    python bench/generate.py --tasks 100000 --out /tmp/plan-100k [--seed 1]

The plan looks like the real one grown large: about N/10 units with realistic Chinese names
(municipal departments, county bureaus, township offices, village committees), collectives
with members, 2–10 units per task named as written, the three phases of the real plan with
milestones linking tasks, targets, and a progress ledger on most items.  The same seed gives
the same bytes.  YAML is written as text (not through `yaml.dump`), which is fast and keeps
the layout close to the hand-written plan.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

COUNTIES = {
    "曾都區": ["東城街道", "西城街道", "南郊街道", "北郊街道", "何店鎮", "洛陽鎮", "府河鎮",
             "萬店鎮", "淅河鎮", "城南新區"],
    "隨縣": ["厲山鎮", "高城鎮", "殷店鎮", "草店鎮", "小林鎮", "淮河鎮", "萬和鎮", "尚市鎮",
           "唐縣鎮", "吳山鎮", "新街鎮", "安居鎮", "均川鎮", "萬福店農場", "洪山鎮", "長崗鎮",
           "三里崗鎮", "柳林鎮", "環潭鎮"],
    "廣水市": ["應山街道", "十里街道", "廣水街道", "城郊街道", "武勝關鎮", "楊寨鎮", "陳巷鎮",
            "長嶺鎮", "馬坪鎮", "關廟鎮", "餘店鎮", "吳店鎮", "郝店鎮", "蔡河鎮", "李店鎮",
            "太平鎮", "駱店鎮"],
    "隨州高新區": ["淅河鎮", "十崗鎮", "白雲湖街道"],
    "大洪山風景名勝區": ["長崗鎮", "洪山鎮", "三里崗鎮"],
}
BUREAUS = [
    "發改局", "教育局", "科技局", "經信局", "公安局", "民政局", "司法局", "財政局", "人社局",
    "自然資源和規劃局", "生態環境分局", "住建局", "交通運輸局", "水利和湖泊局", "農業農村局",
    "商務局", "文化和旅游局", "衛健局", "退役軍人事務局", "應急管理局", "審計局",
    "市場監督管理局", "統計局", "醫保局", "政數局", "城管執法局", "鄉村振興局", "林業局",
    "信訪局", "大數據中心",
]
TOWN_OFFICES = [
    "人民政府", "財政所", "農業服務中心", "派出所", "衛生院", "中心學校", "司法所",
    "綜合執法中隊", "便民服務中心", "文化站", "水利站", "社會保障服務中心", "黨政辦公室",
    "應急管理辦公室", "村鎮建設服務中心",
]
SURNAMES = "李王張劉陳楊黃趙周吳徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘"
PLACES = "灣畈崗河店沖寨坡嶺橋溝港壩灣莊園台山口灘埠"
VERBS = ["建設", "推進", "完善", "深化", "提升", "打造", "健全", "推廣", "開展", "加快", "優化",
         "構建", "培育", "整合", "強化"]
OBJECTS = ["智慧社區平臺", "政務服務中心", "數據共享交換平臺", "農村電商服務站", "城市運行監測系統",
           "電子政務外網", "智慧醫療體系", "在線教育資源", "網格化管理平臺", "信用信息平臺",
           "5G基站布局", "物聯網感知終端", "一網通辦事項", "應急指揮調度系統", "智慧停車平臺",
           "數字檔案館", "公共數據開放目錄", "智慧水利監測網", "智慧農業基地", "數字文旅場景"]
PHRASES = ["推動數據互聯互通", "實現業務協同辦理", "提升群眾辦事便利度", "強化安全保障能力",
           "健全長效運維機制", "加強資金統籌保障", "完善考核評價辦法", "推動資源集約共享",
           "形成可復制可推廣經驗", "提高基層治理水平", "促進產業融合發展", "優化營商環境"]
SECTIONS = [("economy", "數字經濟"), ("society", "數字社會"), ("government", "數字政府"),
            ("ecology", "數字生態"), ("safeguards", "保障措施")]
PHASES = [("P1", "整合資源", date(2021, 11, 1), date(2023, 11, 30)),
          ("P2", "深化應用", date(2023, 12, 1), date(2024, 11, 30)),
          ("P3", "數據聚合", date(2024, 12, 1), date(2025, 11, 30))]
VAGUE = "市政府有關部門"  # names nobody in particular (the real plan has it too)
COLLECTIVE = "各縣、市、區人民政府"  # stands for the three county-level governments
SUCCESSOR = "隨州市數據局"  # took over 市政數局's duties, as in the real plan
CHANGES = {  # units renamed or merged since the plan was issued
    "市政數局": ["successor: {successor}", "known_by: 2025-01-31", "confidence: likely",
              "source: 2025 budget documents"],
    "市財政局": ["confidence: unconfirmed", "source: institutional reform notices"],
}
ISSUED = date(2021, 11, 12)
LEDGER_END = date(2024, 1, 10)  # progress is recorded up to here (the benchmark checks 2024-01-15)


def _agencies(count: int) -> Iterator[tuple[str, str, str]]:
    """(name, kind, group) for `count` distinct units, most specific last."""
    yield "隨州市人民政府", "municipal-government", ""
    yield "各縣、市、區人民政府", "collective", ""
    yield VAGUE, "placeholder", ""
    yield SUCCESSOR, "municipal-department", ""
    for county in ("曾都區", "隨縣", "廣水市"):
        yield f"{county}人民政府", "county-government", ""
    for bureau in BUREAUS:
        yield f"市{bureau}", "municipal-department", ""
    for county in COUNTIES:
        for bureau in BUREAUS:
            yield f"{county}{bureau}", "municipal-department", ""
    for county, towns in COUNTIES.items():
        for town in towns:
            for office in TOWN_OFFICES:
                kind = "county-government" if office == "人民政府" else "public-institution"
                yield f"{county}{town}{office}", kind, f"{county}{town}"
    villages = [s + p for p in PLACES for s in SURNAMES]
    rounds = 0
    while True:
        for village in villages:
            for county, towns in COUNTIES.items():
                for town in towns:
                    suffix = f"第{rounds + 1}" if rounds else ""
                    yield f"{county}{town}{village}{suffix}村民委員會", "public-institution", ""
        rounds += 1
        if rounds > count:  # pragma: no cover - unreachable for sane sizes
            return


def _pick_agencies(n: int) -> list[tuple[str, str, str]]:
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    for name, kind, group in _agencies(n):
        if name in seen:
            continue
        seen.add(name)
        out.append((name, kind, group))
        if len(out) >= n:
            break
    return out


def _q(text: str) -> str:
    return f'"{text}"'


def write_agencies(path: Path, units: list[tuple[str, str, str]]) -> list[str]:
    """Write agencies.yaml; return the names tasks may name (every unit but the issuer)."""
    ids = {name: f"u{i:06d}" for i, (name, _kind, _group) in enumerate(units)}
    counties = [ids[f"{c}人民政府"] for c in ("曾都區", "隨縣", "廣水市") if f"{c}人民政府" in ids]
    towns: dict[str, list[str]] = {}
    for name, _kind, group in units:
        if group:
            towns.setdefault(group, []).append(ids[name])
    out = ["# Synthetic plan for `suizhou`'s benchmark (bench/generate.py): not a real plan.",
           "schema_version: 1", "agencies:"]
    names: list[str] = []
    for name, kind, _group in units:
        out += [f"  - id: {ids[name]}", f"    name: {name}", f"    kind: {kind}"]
        if kind == "collective":
            out.append(f"    members: [{', '.join(counties or [ids[units[0][0]]])}]")
        elif name.startswith("市") and kind == "municipal-department":
            out.append(f"    aliases: [隨州{name}]")
        if name in CHANGES:
            out += ["    change:"] + [f"      {line.format(successor=ids[SUCCESSOR])}"
                                     for line in CHANGES[name]]
        if kind != "municipal-government":
            names.append(name)
    # one collective per township, for its offices, as plans write 「各鎮(街道)有關單位」
    for n, (group, members) in enumerate(towns.items()):
        out += [f"  - id: town-{n:04d}", f"    name: {group}各有關單位", "    kind: collective",
                f"    members: [{', '.join(members)}]"]
        names.append(f"{group}各有關單位")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return names


def _reporters(units: list[str]) -> list[str]:
    """Who may report on an item naming `units` (rule `reporter-not-responsible`): a unit on
    it, never the placeholder; a collective reports through its members."""
    out = [u for u in units if u != VAGUE and u != COLLECTIVE and not u.endswith("各有關單位")]
    if COLLECTIVE in units:
        out += [f"{county}人民政府" for county in ("曾都區", "隨縣", "廣水市")]
    return out or ["市政數局"]  # the leading group's office, which verifies


def _progress(rng: random.Random, start: date, names: list[str], indent: str) -> list[str]:
    """0–3 ledger entries with rising status, dated between `start` and LEDGER_END, each
    reported by one of `names`."""
    roll = rng.random()
    if roll < 0.35 or start >= LEDGER_END:
        return []
    count = 1 if roll < 0.7 else (2 if roll < 0.9 else 3)
    span = (LEDGER_END - start).days
    days = sorted(rng.sample(range(span), min(count, span)))
    statuses = ["not-started", "in-progress", "blocked", "in-progress", "reported-done",
                "verified"]
    level = rng.randrange(3)
    lines = [f"{indent}progress:"]
    for day in days:
        status = statuses[level]
        entry = (f"{indent}  - {{date: {start + timedelta(days=day)}, status: {status}, "
                 f"by: {rng.choice(names)}, note: {_q(rng.choice(PHRASES))}")
        if status in ("reported-done", "verified"):
            entry += f", evidence: [隨數字辦〔{2022 + day % 3}〕{1 + day % 97}號]"
        lines.append(entry + "}")
        level = min(level + 1 + rng.randrange(2), len(statuses) - 1)
    return lines


def write_tasks(path: Path, n: int, names: list[str], rng: random.Random) -> None:
    out = [
        "# Synthetic plan for `suizhou`'s benchmark (bench/generate.py): not a real plan.",
        "schema_version: 1",
        "",
        "plan:",
        "  title: 數字隨州建設實施方案(基準測試)",
        "  issuer: 隨州市人民政府",
        f"  issued: {ISSUED}",
        "  addressees: [各縣、市、區人民政府, 市發改局, 市政數局]",
        "",
        "supervision:",
        "  reporting_cadence_days: 92",
        "  due_soon_days: 30",
        "  verify_within_days: 90",
        "",
        "sections:",
    ]
    for sid, sname in SECTIONS:
        out += [f"  - id: {sid}", f"    name: {sname}"]
    task_ids = [f"T{i:06d}" for i in range(1, n + 1)]
    task_units = {}
    for tid in task_ids:
        units = rng.sample(names, min(len(names), rng.randint(2, 10)))
        if rng.random() < 0.05 and VAGUE not in units:
            units[-1] = VAGUE  # 「市政府有關部門」 among specific units
        task_units[tid] = units
    out += ["", "phases:"]
    per_phase = max(1, n // 30)
    for pi, (pid, theme, start, end) in enumerate(PHASES):
        out += [f"  - id: {pid}", f"    number: {pi + 1}", f"    theme: {theme}",
                f"    start: {start}", f"    end: {end}", "    milestones:"]
        for mi in range(1, per_phase + 1):
            linked = rng.sample(task_ids, min(len(task_ids), rng.randint(1, 3)))
            out += [f"      - id: {pid}-M{mi:05d}",
                    f"        title: {_q(rng.choice(VERBS) + rng.choice(OBJECTS))}",
                    f"        tasks: [{', '.join(linked)}]"]
            if rng.random() < 0.3:
                due = start + timedelta(days=rng.randrange((end - start).days + 1))
                out.append(f"        due: {due}")
            reporters = _reporters([u for t in linked for u in task_units[t]])
            out += _progress(rng, start, reporters, "        ")
    out += ["", "tasks:"]
    horizon = PHASES[-1][3]
    for i, tid in enumerate(task_ids, 1):
        sid, sname = SECTIONS[-1] if i > n * 0.95 else SECTIONS[i % 4]
        units = task_units[tid]
        title = rng.choice(VERBS) + rng.choice(OBJECTS)
        text = f"{title}。{'。'.join(rng.sample(PHRASES, 2))}。"
        out += [f"  - id: {tid}", f"    number: {i}",
                f"    kind: {'safeguard' if sid == 'safeguards' else 'task'}",
                f"    section: {sname}", f"    title: {_q(title)}", f"    text: {_q(text)}",
                f"    units: [{', '.join(units)}]"]
        if rng.random() < 0.1:
            out.append(f"    lead: {rng.choice(units)}")
        if rng.random() < 0.2:
            due = ISSUED + timedelta(days=rng.randrange((horizon - ISSUED).days))
            out.append(f"    due: {due}")
        if rng.random() < 0.15:
            out += ["    targets:", f"      - id: {tid}-2025",
                    f"        text: {_q('到2025年,' + rng.choice(PHRASES) + '。')}",
                    "        due_text: 到2025年", f"        due: {horizon}"]
            out += _progress(rng, ISSUED, _reporters(units), "        ")
        out += _progress(rng, ISSUED, _reporters(units), "    ")
    out += [
        "",
        "governance:",
        "  leading_group:",
        "    name: 數字隨州建設領導小組",
        "    leader: {name: 某某, post: 市長}",
        f"    members: [{', '.join(names[5:25])}]",
        "    office: {unit: 市政數局}",
        "    meetings_per_year: {min: 1, max: 2, text: 一般一年召開1至2次}",
        "    meetings:",
        "      - {date: 2023-06-20, kind: plenary, evidence: [會議紀要〔2023〕1號]}",
        "  mechanisms:",
        "    - {id: government, name: 數字政府協調機制, section: 數字政府,"
        " convenor: {name: 某甲, post: 常務副市長}, daily_unit: 市政數局}",
    ]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def generate(tasks: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    units = _pick_agencies(max(40, tasks // 10))
    out.mkdir(parents=True, exist_ok=True)
    names = write_agencies(out / "agencies.yaml", units)
    write_tasks(out / "tasks.yaml", tasks, names, rng)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, required=True, help="number of tasks")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.tasks < 1:
        parser.error("--tasks must be at least 1")
    generate(args.tasks, args.out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
