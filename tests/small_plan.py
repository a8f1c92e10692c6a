"""A small valid plan written inside a test, so that a rule test pins lines of a plan it
can see, and an edit of the bundled plan moves only the tests about the bundled plan.

    plan = SmallPlan(tmp_path, due="2023-06-30", progress=["{date: 2023-01-10, status: blocked}"])
    plan.write()
    plan.edit("status: blocked", "status: in-progress")
    plan.line("date: 2023-01-10")   # 1-based line in tasks.yaml

The plan: one section (數字經濟); phases as given (by default one, P1 2021-11-01 to
2023-11-30) with milestone M1 in the first, linked to task T01; task T01 held by 市政數局
(lead) and 市大數據中心, due `due`; the supervision settings given; a leading group when
`meetings` is given.  agencies.yaml defines the units it names, a collective of two
counties, and a renamed unit (old-bureau → data-bureau) that nothing names by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conftest import edit

AGENCIES = """\
schema_version: 1
agencies:
  - id: suizhou-gov
    name: 隨州市人民政府
    kind: municipal-government
  - id: gov-data
    name: 市政數局
    kind: municipal-department
    aliases: [市政务服务和大数据管理局]
  - id: big-data-center
    name: 市大數據中心
    kind: public-institution
  - id: suixian-gov
    name: 隨縣人民政府
    kind: county-government
    aliases: [隨縣]
  - id: guangshui-gov
    name: 廣水市人民政府
    kind: county-government
    aliases: [廣水市]
  - id: counties
    name: 各縣、市、區人民政府
    kind: collective
    members: [suixian-gov, guangshui-gov]
  - id: vague
    name: 市政府有關部門
    kind: placeholder
  - id: data-bureau
    name: 隨州市數據局
    kind: municipal-department
    in_source_text: false
    source: test
  - id: old-bureau
    name: 市舊局
    kind: municipal-department
    change: {successor: data-bureau, valid_until: 2023-08-17, confidence: confirmed, source: test}
"""


def _entries(entries: list[str], indent: int) -> str:
    if not entries:
        return ""
    pad = " " * indent
    return f"{pad}progress:\n" + "".join(f"{pad}  - {e}\n" for e in entries)


@dataclass
class SmallPlan:
    folder: Path
    due: str | None = "2023-06-30"  # T01's due date (None: the plan's end)
    progress: list[str] = field(default_factory=list)  # T01's ledger, flow mappings
    units: str = "[市政數局, 市大數據中心]"
    milestone_due: str | None = None
    milestone_progress: list[str] = field(default_factory=list)
    phases: list[tuple[str, str]] = field(default_factory=lambda: [("2021-11-01", "2023-11-30")])
    issued: str = "2021-11-12"
    due_soon_days: int = 30
    verify_within_days: int = 90
    reporting_cadence_days: int = 92
    meetings: list[str] | None = None  # the leading group's meetings; None: no group
    extra_tasks: str = ""  # more task entries, as YAML text

    @property
    def dir(self) -> Path:
        return self.folder / "plan"

    @property
    def tasks(self) -> Path:
        return self.dir / "tasks.yaml"

    @property
    def agencies(self) -> Path:
        return self.dir / "agencies.yaml"

    def write(self) -> SmallPlan:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.agencies.write_text(AGENCIES, encoding="utf-8")
        self.tasks.write_text(self.text(), encoding="utf-8")
        return self

    def edit(self, old: str, new: str, count: int = 1) -> SmallPlan:
        edit(self.tasks, old, new, count)
        return self

    def line(self, needle: str, nth: int = 1) -> int:
        hits = [i for i, text in enumerate(self.tasks.read_text(encoding="utf-8").splitlines(), 1)
                if needle in text]
        return hits[nth - 1]

    def text(self) -> str:
        phases = ""
        for n, (start, end) in enumerate(self.phases, 1):
            phases += f"  - id: P{n}\n    number: {n}\n    start: {start}\n    end: {end}\n"
            if n == 1:
                phases += "    milestones:\n      - id: M1\n        title: 建成大數據產業園\n"
                phases += "        tasks: [T01]\n"
                if self.milestone_due:
                    phases += f"        due: {self.milestone_due}\n"
                phases += _entries(self.milestone_progress, 8)
        task = ("  - id: T01\n    number: 1\n    kind: task\n    section: 數字經濟\n"
                "    title: 建設大數據產業園\n    text: 建設大數據產業園。\n"
                f"    units: {self.units}\n")
        if self.due:
            task += f"    due: {self.due}\n"
        task += _entries(self.progress, 4)
        governance = ""
        if self.meetings is not None:
            governance = ("governance:\n  leading_group:\n    name: 數字隨州建設領導小組\n"
                          "    leader: {name: 克克, post: 市長}\n    members: [市政數局]\n")
            governance += "    meetings:\n" + "".join(f"      - {m}\n" for m in self.meetings) \
                if self.meetings else "    meetings: []\n"
        return (
            "schema_version: 1\n"
            "plan:\n  title: 數字隨州建設實施方案\n  issuer: 隨州市人民政府\n"
            f"  issued: {self.issued}\n"
            "supervision:\n"
            f"  reporting_cadence_days: {self.reporting_cadence_days}\n"
            f"  due_soon_days: {self.due_soon_days}\n"
            f"  verify_within_days: {self.verify_within_days}\n"
            "sections:\n  - id: economy\n    name: 數字經濟\n"
            f"phases:\n{phases}"
            f"tasks:\n{task}{self.extra_tasks}"
            f"{governance}"
        )
