"""`suizhou import` on the bundled source document gives back the bundled plan: every task
and measure with its text, section and units in order, the phases with their deliverables
and the six 到2025年 targets (compared through `suizhou export --format json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLAN, SOURCE
from import_helpers import commands_run_on, do_import, invoke, validation_errors


def export(plan_dir: Path) -> dict:
    code, out, _ = invoke("export", "--plan", str(plan_dir), "--format", "json")
    assert code == 0
    return json.loads(out)


def unit_names(exported: dict, task: dict) -> list[str]:
    names = {a["id"]: a["name"] for a in exported["agencies"]}
    return [names[a] for a in task["agencies"]]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, object]:
    tmp = tmp_path_factory.mktemp("bundled")
    imported = do_import(tmp, "source.txt", SOURCE.read_bytes())
    assert imported.exit_code == 0, imported.stdout + imported.stderr
    return export(PLAN), export(imported.out), imported


def test_all_25_tasks_and_5_measures_with_their_texts_and_sections(both):
    bundled, mine, _ = both
    fields = ("id", "number", "kind", "section", "title", "due", "lead_inferred")
    assert [[t[f] for f in fields] for t in mine["tasks"]] == [
        [t[f] for f in fields] for t in bundled["tasks"]]
    for ours, theirs in zip(mine["tasks"], bundled["tasks"], strict=True):
        text = theirs["text"]
        for repair in theirs["repairs"]:  # the bundled plan repairs S1's damaged copy
            text = text.replace(repair["repaired"], repair["original"])
        assert ours["text"] == text, ours["id"]
    assert mine["sections"] == [{**s, "id": f"s{i}"} for i, s in
                                enumerate(bundled["sections"], start=1)]


def test_117_of_117_unit_assignments_in_order(both):
    bundled, mine, _ = both
    theirs = [(t["id"], u) for t in bundled["tasks"] for u in unit_names(bundled, t)]
    ours = [(t["id"], u) for t in mine["tasks"] for u in unit_names(mine, t)]
    assert len(theirs) == 117
    assert ours == theirs


def test_the_six_2025_targets(both):
    bundled, mine, _ = both

    def targets(exported: dict) -> list[tuple]:
        return [(t["id"], g["id"], g["text"], g["due_text"], g["due"])
                for t in exported["tasks"] for g in t["targets"]]

    assert len(targets(mine)) == 6
    assert targets(mine) == targets(bundled)


def test_the_three_phases_and_their_deliverables(both):
    bundled, mine, _ = both
    fields = ("id", "number", "theme", "period", "start", "end")
    assert [[p[f] for f in fields] for p in mine["phases"]] == [
        [p[f] for f in fields] for p in bundled["phases"]]
    assert [[(m["id"], m["title"]) for m in p["milestones"]] for p in mine["phases"]] == [
        [(m["id"], m["title"]) for m in p["milestones"]] for p in bundled["phases"]]


def test_milestone_links_are_proposed_and_reported(both):
    _, mine, imported = both
    links = {m["id"]: m["tasks"] for p in mine["phases"] for m in p["milestones"]}
    assert links["P1-M4"] == ["T17"]  # 「神農云二期」 is in task 17 only
    assert all(links.values())
    assert [line for slug, line in imported.findings if slug == "milestone-links"] == [
        44, 45, 46]


def test_title_repair_and_the_findings_to_confirm(both):
    _, mine, imported = both
    assert mine["plan"]["title"] == "數字隨州建設實施方案"
    assert mine["plan"]["issued"] == "2021-11-12"
    assert mine["plan"]["repairs"][0]["original"].startswith("????")
    assert imported.findings == [
        ("issuer-missing", 1), ("lead-inferred", 1), ("repaired-title", 4),
        ("skipped-text", 8), ("collective-members", 18), ("milestone-links", 44),
        ("milestone-links", 45), ("milestone-links", 46), ("damaged-text", 48),
        ("skipped-text", 65), ("page-furniture", 71)]


def test_the_import_validates_and_every_report_runs(both, tmp_path):
    _, _, imported = both
    assert validation_errors(imported.out) == []
    commands_run_on(imported.out, "市政數局", tmp_path)


def test_with_the_bundled_registry_every_unit_is_matched(tmp_path):
    imported = do_import(tmp_path, "source.txt", SOURCE.read_bytes(),
                         "--agencies", str(PLAN / "agencies.yaml"))
    assert imported.exit_code == 0
    assert "0 new units (and the registry's 55 kept)" in imported.stdout
    assert "collective-members" not in imported.slugs()
    collective = imported.agency("各縣、市、區人民政府")
    assert collective.kind == "collective" and len(collective.members) == 3
    assert validation_errors(imported.out) == []
    code, out, _ = invoke("duties", "隨縣", "--plan", str(imported.out), "--as-of",
                          "2024-01-15")
    assert code == 0 and "T04" in out
