"""One truth in every view: `check`, `report`, `agencies`, `duties` and `export` of the same plan
on the same date give the same counts, the same lights and the same holders.

Every view is rendered through the command line, of the bundled plan and of a copy with a
ledger holding an entry of every status, at three dates: before the first rename
(2022-06-01), between the central bank's rename and the data bureau's (2024-01-15), and after
both (2025-12-31).  The expected numbers are worked out here, from `export --as-of` (each
item's status, light and holders) with this file's own partition, not with the package's."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import PLAN, edit

from suizhou_plan.cli import cli

DATES = ("2022-06-01", "2024-01-15", "2025-12-31")
PLANS = ("bundled", "ledger")
SECTION_KINDS = ("task", "safeguard", "target")
WORDS = {"complete": "complete", "on schedule": "on_schedule", "overdue": "overdue",
         "unknown": "unknown", "open": "open"}
LEDGER = {  # item: progress entries, one of every status
    "T01": "      - {date: 2023-06-30, status: verified, evidence: [驗收意見〔2023〕1號]}\n",
    "T02": "      - {date: 2023-10-01, status: reported-done}\n",
    "T03": "      - {date: 2023-12-20, status: blocked, problems: 資金未到位}\n",
    "T05": "      - {date: 2023-12-01, status: in-progress}\n",
    "T06": "      - {date: 2023-12-01, status: not-started}\n",
    "T21": "      - {date: 2024-01-05, status: in-progress}\n",
}


def partition(status: str, light: str) -> str:
    """This test's own statement of the one partition: done, else late, else unreported."""
    if status in ("reported-done", "verified"):
        return "complete"
    if light == "red":
        return "overdue"
    return "unknown" if status == "unknown" else "on_schedule"


def tally(items: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(partition(i["status"], i["light"]) for i in items)
    out = {k: counts.get(k, 0) for k in ("complete", "on_schedule", "overdue", "unknown")}
    out["open"] = len(items) - out["complete"]
    out["total"] = len(items)
    return out


def pairs(text: str) -> dict[str, int]:
    """`complete 0 · on schedule 0 · overdue 8 · unknown 0` → counts by key."""
    found = re.findall(r"(complete|on schedule|open|overdue|unknown) (\d+)", text)
    return {WORDS[word]: int(n) for word, n in found}


_PLANS: dict[str, Path] = {"bundled": PLAN}


@pytest.fixture(scope="module", autouse=True)
def _ledger_plan(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The bundled plan with a ledger entry of every status."""
    target = tmp_path_factory.mktemp("ledger") / "plan"
    shutil.copytree(PLAN, target)
    tasks = target / "tasks.yaml"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    for item, entry in LEDGER.items():
        start = lines.index(f"  - id: {item}\n")
        at = next(i for i in range(start, len(lines)) if lines[i].startswith("    units:"))
        lines.insert(at + 1, "    progress:\n" + entry)
    tasks.write_text("".join(lines), encoding="utf-8")
    edit(tasks, "      - id: P1-M1\n", "      - id: P1-M1\n        progress:\n"
         "          - {date: 2023-11-28, status: verified, evidence: [驗收意見〔2023〕3號]}\n")
    _PLANS["ledger"] = target


def plan_of(name: str) -> Path:
    return _PLANS[name]


def run(*args: str) -> tuple[int, str]:
    env = {"SUIZHOU_PLAN": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout


def views(plan_name: str, day: str) -> dict[str, Any]:
    return View(_views(str(plan_of(plan_name)), day))


@cache
def _views(plan: str, day: str) -> dict[str, Any]:
    return {"plan": plan, "day": day,
            "agencies": yaml.safe_load((Path(plan) / "agencies.yaml").read_text(encoding="utf-8"))}


@cache
def _export(plan: str, day: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    code, out = run("export", "--plan", plan, "--as-of", day)
    assert code == 0, out
    export = json.loads(out)
    items: dict[str, dict[str, Any]] = {}
    for task in export["tasks"]:
        items[task["id"]] = task
        for target in task["targets"]:
            items[target["id"]] = {**target, "kind": "target", "section": task["section"]}
    for phase in export["phases"]:
        for ms in phase["milestones"]:
            items[ms["id"]] = {**ms, "kind": "milestone"}
    return export, items


@cache
def _check(plan: str, day: str) -> dict[str, Any]:
    _, out = run("check", "--plan", plan, "--as-of", day, "--format", "json")
    return json.loads(out)  # type: ignore[no-any-return]


class View(dict):  # type: ignore[type-arg]
    """The views of one plan on one date, each rendered on first use."""

    def __missing__(self, key: str) -> Any:
        plan, day = self["plan"], self["day"]
        if key in ("export", "items"):
            export, items = _export(plan, day)
            self.update(export=export, items=items)
        elif key == "check":
            self["check"] = _check(plan, day)
        return self[key]


def accountable(v: dict[str, Any]) -> set[str]:
    return {a["id"] for a in v["agencies"]["agencies"]
            if a["kind"] not in ("collective", "placeholder")}


def held(v: dict[str, Any], unit: str) -> list[tuple[dict[str, Any], str]]:
    """(item, role) for every item `export` says `unit` holds on the date."""
    return [(item, h["role"]) for item in v["items"].values() for h in item["holders"]
            if h["unit"] == unit]


def duty_counts(v: dict[str, Any], unit: str) -> dict[str, int]:
    duties = held(v, unit)
    return {"lead": sum(1 for _, r in duties if r == "lead"),
            "support": sum(1 for _, r in duties if r == "support"),
            **tally([item for item, _ in duties])}


def rename_chains(v: dict[str, Any]) -> list[tuple[str, str]]:
    return [(a["id"], a["change"]["successor"]) for a in v["agencies"]["agencies"]
            if a.get("change") and a["change"].get("successor")]


CASES = [(p, d) for p in PLANS for d in DATES]
ids = [f"{p}-{d}" for p, d in CASES]


@pytest.mark.parametrize(("plan", "day"), CASES, ids=ids)
def test_the_ledger_case_has_every_status(plan: str, day: str) -> None:
    statuses = {item["status"] for item in views(plan, day)["items"].values()}
    expected = {"unknown"} | ({"verified", "reported-done", "blocked", "in-progress",
                               "not-started"} if plan == "ledger" else set())
    assert statuses == expected


@pytest.mark.parametrize(("plan", "day"), CASES, ids=ids)
def test_check_counts_are_sums_over_one_partition_and_agree_with_export(plan: str,
                                                                        day: str) -> None:
    v = views(plan, day)
    items = v["items"]
    check_items = [i for p in v["check"]["phases"] for i in p["items"]]
    assert sorted(i["id"] for i in check_items) == sorted(items)
    for i in check_items:
        assert (i["light"], i["status"]) == (items[i["id"]]["light"], items[i["id"]]["status"])
    for phase in v["check"]["phases"]:
        assert phase["counts"] == tally(phase["items"]), phase["id"]
    assert v["export"]["as_of"]["counts"] == tally(list(items.values()))
    # the terminal headings print the same numbers under the same words
    _, text = run("check", "--plan", str(plan_of(plan)), "--as-of", day)
    headings = [line for line in text.splitlines() if line.startswith("Phase ")]
    assert [pairs(h) for h in headings] == [
        {k: p["counts"][k] for k in ("complete", "on_schedule", "overdue", "unknown")}
        for p in v["check"]["phases"] if p["id"] is not None]


@pytest.mark.parametrize(("plan", "day"), CASES, ids=ids)
def test_report_counts_agree_with_check_and_export(plan: str, day: str) -> None:
    """The 2024-01-15 bug: the report said 「open 0 · unknown 6」 where check said 「open 8 ·
    unknown 8」 for the same items, the same words meaning different sets."""
    v = views(plan, day)
    _, text = run("report", "--plan", str(plan_of(plan)), "--as-of", day)
    lines = text.splitlines()
    sections = yaml.safe_load((plan_of(plan) / "tasks.yaml").read_text(encoding="utf-8"))
    for section in sections["sections"]:
        line = next(x for x in lines if x.startswith(f"  {section['name']}  "))
        _, out = run("check", "--plan", str(plan_of(plan)), "--as-of", day,
                        "--section", section["name"], "--format", "json")
        phases = json.loads(out)["phases"]
        shown = [i for p in phases for i in p["items"] if i["kind"] in SECTION_KINDS]
        expected = tally(shown)
        # every word the report prints counts what check's items give for that word
        assert pairs(line) == {k: expected[k] for k in pairs(line)}, (section["name"], line)
        assert set(pairs(line)) == {"complete", "on_schedule", "overdue", "unknown"}
        # and check's own headings mean the same with the same words
        _, check_text = run("check", "--plan", str(plan_of(plan)), "--as-of", day,
                            "--section", section["name"])
        headings = [x for x in check_text.splitlines() if x.startswith("Phase ")]
        for heading, phase in zip(headings, [p for p in phases if p["id"]], strict=True):
            counts = tally(phase["items"])
            assert pairs(heading) == {k: counts[k] for k in pairs(heading)}, heading
    items = v["items"]
    lights = Counter(i["light"] for i in items.values())
    assert lines[2] == (f"✖ red {lights['red']}  ▲ yellow {lights['yellow']}  "
                        f"○ grey {lights['grey']}  ● green {lights['green']}")
    for section in v["export"]["sections"]:
        line = next(x for x in lines if x.startswith(f"  {section['name']}  "))
        mine = [i for i in items.values() if i["kind"] in SECTION_KINDS
                and i["section"] in (section["name"], section["id"])]
        assert pairs(line) == {k: tally(mine)[k] for k in pairs(line)}


def _cells(page: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<td class="cell [a-z]+" data-unit="([^"]+)" data-phase="([^"]+)" '
                      r'data-light="[a-z]+">.*?<small>([^<]*)</small></td>', page)


@pytest.mark.parametrize(("plan", "day"), CASES, ids=ids)
def test_dashboard_matrix_has_one_row_per_lineage_with_the_duties_export_gives(
        plan: str, day: str) -> None:
    v = views(plan, day)
    _, page = run("report", "--plan", str(plan_of(plan)), "--as-of", day, "--out", "-")
    cells = _cells(page)
    units = {unit for unit, _, _ in cells}
    for old, new in rename_chains(v):
        assert not {old, new} <= units, (old, new)
    phase_of = {i["id"]: p["id"] for p in v["check"]["phases"] for i in p["items"]}
    for unit, phase, text in cells:
        duties = [(i, r) for i, r in held(v, unit) if phase_of[i["id"]] == phase]
        lead = sum(1 for _, r in duties if r == "lead")
        overdue = sum(1 for i, _ in duties if i["light"] == "red")
        expected = f"lead {lead} · support {len(duties) - lead}"
        assert text == expected + (f" · overdue {overdue}" if overdue else ""), (unit, phase)
    # every accountable unit that holds something on the date has its row
    holding = {u for u in accountable(v) if held(v, u)}
    assert units == holding


@pytest.mark.parametrize(("plan", "day"), CASES, ids=ids)
def test_agencies_counts_every_duty_once_per_lineage(plan: str, day: str) -> None:
    """The 2024-01-15 bug: 市政數局 and 隨州市數據局 both showed 16 lead / 18 support, as did
    人行隨州中心支行 and 中國人民銀行隨州市分行."""
    v = views(plan, day)
    _, out = run("agencies", "--plan", str(plan_of(plan)), "--as-of", day, "--format", "json")
    rows = json.loads(out)["agencies"]
    row_ids = [r["id"] for r in rows]
    for old, new in rename_chains(v):
        assert not {old, new} <= set(row_ids), (old, new)
    for old, new in rename_chains(v):
        (row,) = [r for r in rows if old in r["lineage"]]
        assert row["lineage"] == [old, new]
    for row in rows:
        expected = duty_counts(v, row["id"])
        assert {k: row[k] for k in ("lead", "support", "open", "overdue")} == {
            k: expected[k] for k in ("lead", "support", "open", "overdue")}, row["id"]
    every_holding = sum(1 for i in v["items"].values() for h in i["holders"]
                        if h["unit"] in accountable(v))
    assert sum(r["lead"] + r["support"] for r in rows) == every_holding
    assert sorted(u for r in rows for u in r["lineage"]) == sorted(accountable(v))


@pytest.mark.parametrize(("plan", "day"), CASES, ids=ids)
def test_duty_lists_and_check_agency_hold_what_export_says(plan: str, day: str,
                                                           tmp_path: Path) -> None:
    v = views(plan, day)
    where = str(plan_of(plan))
    code, _ = run("duties", "--plan", where, "--as-of", day, "--all", "--out", str(tmp_path),
                  "--format", "json")
    assert code == 0
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    for entry in index["agencies"]:
        unit = json.loads((tmp_path / entry["file"]).read_text(encoding="utf-8"))
        (one,) = unit["agencies"]
        assert one["counts"] == entry["counts"] == duty_counts(v, entry["id"]), entry["id"]
        assert sorted(d["item"] for d in one["duties"]) == sorted(
            i["id"] for i, _ in held(v, entry["id"]))
    for unit in ("gov-data", "data-bureau", "pbc-central-sub-branch", "pbc-branch",
                 "guangshui-gov"):
        code, out = run("check", "--plan", where, "--as-of", day, "--agency", unit,
                        "--format", "json")
        shown = sorted(i["id"] for p in json.loads(out)["phases"] for i in p["items"])
        assert shown == sorted(i["id"] for i, _ in held(v, unit)), unit


def test_the_data_bureau_holds_nothing_before_the_plan_dates_the_change() -> None:
    early = duty_counts(views("bundled", "2024-01-15"), "data-bureau")
    late = duty_counts(views("bundled", "2025-12-31"), "data-bureau")
    assert (early["lead"], early["support"]) == (0, 0)
    assert (late["lead"], late["support"]) == (16, 18)
    assert duty_counts(views("bundled", "2025-12-31"), "gov-data")["total"] == 0
