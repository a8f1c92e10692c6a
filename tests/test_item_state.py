"""One state of an item on a date, read by every view (`views/state.py`), and one table of
statuses that every list of statuses is read from (`model/status.py`).

The states of a few items of the bundled plan are pinned on fixed dates (light, days late or
left, the date in force and the plan's, the lead on the date, who spoke last); the command
line shows those same states; and no command works an item's state out twice."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import PLAN, Run, edit

from suizhou_plan.load import load_plan
from suizhou_plan.model.status import (
    APPLICATION,
    DECISIONS,
    DONE,
    NEEDS_REASON,
    NEEDS_UNTIL,
    OFFICE_ONLY,
    REPORTS,
    STATUS_TABLE,
    STATUSES,
    WRITTEN,
    Light,
    Status,
    status_word,
)
from suizhou_plan.views import state as state_module
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import build_index
from suizhou_plan.views.state import ItemState, states_on
from suizhou_plan.words.labels import status_label

# P1-M1 (成立領導小組, led by 市發改委 through S1, due with phase 1 on 2023-11-30): the lead
# applies for more time, the office (市政數局) extends it to 2024-03-31, the lead reports.
EXTENDED = (
    "      - id: P1-M1\n        progress:\n"
    "          - {date: 2023-11-01, status: extension-requested, by: 市發改委, until: 2024-03-31,"
    " reason: 等待編制批復}\n"
    "          - {date: 2023-11-10, status: extension-approved, by: 市政數局, until: 2024-03-31}\n"
    "          - {date: 2023-12-20, status: in-progress, by: 市發改委, note: 方案已報審}\n"
)


def state(plan: Path, item_id: str, as_of: date) -> ItemState:
    index = build_index(load_plan(plan))
    states = states_on(Holders(index, as_of), index.tasks_file.supervision.due_soon_days)
    return states.of(index.by_id[item_id])


def facts(s: ItemState) -> dict[str, Any]:
    return {"status": s.status, "light": s.light, "days_late": s.days_late,
            "days_left": s.days_left, "due": s.due, "planned_due": s.planned_due,
            "extended": s.extended, "due_soon": s.due_soon, "bucket": s.bucket,
            "lead": s.lead.id if s.lead is not None else None}


@pytest.mark.parametrize(("item_id", "as_of", "expected"), [
    # a phase-1 milestone with no progress, 46 days after the phase ended
    ("P1-M1", date(2024, 1, 15), {
        "status": "unknown", "light": Light.RED, "days_late": 46, "days_left": -46,
        "due": date(2023, 11, 30), "planned_due": date(2023, 11, 30), "extended": False,
        "due_soon": False, "bucket": "overdue", "lead": "development-reform"}),
    # due on the as-of date: not overdue yet (a date counts to the end of its day)
    ("P1-M1", date(2023, 11, 30), {
        "status": "unknown", "light": Light.YELLOW, "days_late": None, "days_left": 0,
        "due": date(2023, 11, 30), "planned_due": date(2023, 11, 30), "extended": False,
        "due_soon": True, "bucket": "unknown", "lead": "development-reform"}),
    # a task due at the plan's end, far off: grey
    ("T01", date(2024, 1, 15), {
        "status": "unknown", "light": Light.GREY, "days_late": None, "days_left": 685,
        "due": date(2025, 11, 30), "planned_due": date(2025, 11, 30), "extended": False,
        "due_soon": False, "bucket": "unknown", "lead": "hitech-zone-committee"}),
    # a phase-2 milestone inside the 30-day window
    ("P2-M1", date(2024, 11, 10), {
        "status": "unknown", "light": Light.YELLOW, "days_late": None, "days_left": 20,
        "due": date(2024, 11, 30), "planned_due": date(2024, 11, 30), "extended": False,
        "due_soon": True, "bucket": "unknown", "lead": "gov-data"}),
    # the central bank's branch before and after its rename: the lead on the date
    ("T21", date(2022, 6, 1), {
        "status": "unknown", "light": Light.GREY, "days_late": None, "days_left": 1278,
        "due": date(2025, 11, 30), "planned_due": date(2025, 11, 30), "extended": False,
        "due_soon": False, "bucket": "unknown", "lead": "pbc-central-sub-branch"}),
    ("T21", date(2025, 12, 31), {
        "status": "unknown", "light": Light.RED, "days_late": 31, "days_left": -31,
        "due": date(2025, 11, 30), "planned_due": date(2025, 11, 30), "extended": False,
        "due_soon": False, "bucket": "overdue", "lead": "pbc-branch"}),
    ("T13", date(2025, 12, 31), {
        "status": "unknown", "light": Light.RED, "days_late": 31, "days_left": -31,
        "due": date(2025, 11, 30), "planned_due": date(2025, 11, 30), "extended": False,
        "due_soon": False, "bucket": "overdue", "lead": "data-bureau"}),
])
def test_the_state_of_bundled_items(item_id: str, as_of: date,
                                    expected: dict[str, Any]) -> None:
    found = state(PLAN, item_id, as_of)
    assert facts(found) == expected
    assert (found.item.id, found.as_of, found.latest, found.reported_by) == (
        item_id, as_of, None, None)


@pytest.mark.parametrize(("as_of", "light", "days_late", "days_left", "due_soon"), [
    (date(2024, 1, 15), Light.GREEN, None, 76, False),  # judged against the new date
    (date(2024, 3, 10), Light.YELLOW, None, 21, True),
    (date(2024, 4, 2), Light.RED, 2, -2, False),
])
def test_an_extended_item_is_judged_against_the_date_in_force(
        plan_copy: Path, as_of: date, light: Light, days_late: int | None, days_left: int,
        due_soon: bool) -> None:
    edit(plan_copy / "tasks.yaml", "      - id: P1-M1\n", EXTENDED)
    found = state(plan_copy, "P1-M1", as_of)
    assert (found.status, found.light, found.days_late, found.days_left, found.due_soon) == (
        "in-progress", light, days_late, days_left, due_soon)
    assert (found.due, found.planned_due, found.extended) == (
        date(2024, 3, 31), date(2023, 11, 30), True)
    latest = found.latest
    assert latest is not None
    assert (latest.date, latest.status, found.reported_by) == (
        date(2023, 12, 20), "in-progress", "市發改委")


def test_the_command_line_shows_the_same_states(plan_copy: Path, run_cli: Callable[..., Run]
                                                ) -> None:
    """`check --format json` and `export --as-of` show, for every item, the light, the days
    overdue, the dates and the lead of its state."""
    edit(plan_copy / "tasks.yaml", "      - id: P1-M1\n", EXTENDED)
    as_of = date(2024, 4, 2)
    index = build_index(load_plan(plan_copy))
    states = states_on(Holders(index, as_of), index.tasks_file.supervision.due_soon_days)
    checked = json.loads(run_cli("check", "--plan", str(plan_copy), "--as-of", str(as_of),
                                 "--format", "json").stdout)
    rows = {row["id"]: row for phase in checked["phases"] for row in phase["items"]}
    exported = json.loads(run_cli("export", "--plan", str(plan_copy), "--as-of",
                                  str(as_of)).stdout)
    leads = {t["id"]: t["lead_as_of"] for t in exported["tasks"]}
    leads.update((m["id"], m["lead_as_of"]) for p in exported["phases"]
                 for m in p["milestones"])
    assert len(rows) == len(index.items)
    for item in index.items:
        s = states.of(item)
        lead = s.lead.id if s.lead is not None else None
        assert (rows[item.id]["light"], rows[item.id]["days_overdue"], rows[item.id]["due"],
                rows[item.id]["planned_due"], rows[item.id]["lead"]) == (
            s.light.value, s.days_late, s.due.isoformat(), s.planned_due.isoformat(), lead)
        if item.kind != "target":
            assert leads[item.id] == lead
    assert rows["P1-M1"]["days_overdue"] == 2


COMMANDS = {
    "check": ("check", "--as-of", "2024-01-15"),
    "check-markdown": ("check", "--as-of", "2024-01-15", "--format", "markdown"),
    "report": ("report", "--as-of", "2024-01-15", "--out", "report.html"),
    "duties-all": ("duties", "--all", "--as-of", "2024-01-15", "--out", "duties"),
    "duties-mechanism": ("duties", "--mechanism", "數字政府", "--as-of", "2024-01-15"),
    "agencies": ("agencies", "--as-of", "2024-01-15"),
    "export": ("export", "--as-of", "2024-01-15"),
    "remind": ("remind", "--as-of", "2024-01-15"),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_works_each_items_state_out_once(
        name: str, run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    """However many views show an item (the dashboard's marks and its matrix; every unit's
    duty list that holds it), its state on the date is worked out once."""
    made: Counter[int] = Counter()
    real = state_module.state_of

    def counted(item: Any, holders: Holders, window: int) -> ItemState:
        made[id(item)] += 1
        return real(item, holders, window)

    monkeypatch.setattr(state_module, "state_of", counted)
    result = run_cli(*COMMANDS[name], "--plan", str(PLAN))
    assert result.exit_code in (0, 1), result.output
    items = len(build_index(load_plan(PLAN)).items)
    assert made, "the command shows no item's state"
    assert max(made.values()) == 1, made.most_common(3)
    assert sum(made.values()) <= items


def test_one_table_of_statuses() -> None:
    """Every list of statuses is read off `STATUS_TABLE`; the type an entry's status has
    agrees with it; and every status has its word in the catalogue."""
    names = [k.name for k in STATUS_TABLE]
    assert len(names) == len(set(names))
    assert get_args(Status) == WRITTEN
    assert STATUSES == ("unknown", "not-started", "in-progress", "blocked", "reported-done",
                        "verified")
    assert {"reported-done", "verified"} == DONE
    assert REPORTS == ("not-started", "in-progress", "blocked", "reported-done")
    assert DECISIONS == ("verified", "returned", "reopened", "extension-approved",
                         "extension-refused")
    assert set(DECISIONS) == OFFICE_ONLY
    assert APPLICATION == "extension-requested"
    assert set(names) == {"unknown", *REPORTS, *DECISIONS, APPLICATION}
    assert {"returned", "reopened", "extension-requested", "extension-refused"} == NEEDS_REASON
    assert {"extension-requested", "extension-approved"} == NEEDS_UNTIL
    for kind in STATUS_TABLE:
        assert status_word(kind.name).context == f"status:{kind.name}"
        assert status_label(kind.name, "en") == str(kind.word)
        assert status_label(kind.name, "zh-Hans") != str(kind.word), kind.name
    assert status_label("extension-requested", "en") == "extension requested"
    assert status_label("reported-done", "zh-Hans") == "已办结"
