"""`holding.Holders`: who holds what on a date, at the edges of every recorded rename."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import PLAN

from suizhou_plan.load import load_plan
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import PlanIndex, build_index


@pytest.fixture(scope="module")
def index() -> PlanIndex:
    return build_index(load_plan(PLAN))


def count(index: PlanIndex, unit: str, day: date) -> int:
    return len(Holders(index, day).of(index.registry.by_id[unit]))


@pytest.mark.parametrize(("day", "old", "new"), [
    (date(2023, 8, 17), 1, 0),  # valid_until: the old bank's last day
    (date(2023, 8, 18), 0, 1),  # the successor's first day
])
def test_a_dated_rename_hands_over_the_day_after_valid_until(index, day, old, new):
    assert count(index, "pbc-central-sub-branch", day) == old
    assert count(index, "pbc-branch", day) == new


@pytest.mark.parametrize(("day", "old", "new"), [
    (date(2025, 1, 31), 34, 0),  # known_by: the new name is seen by then at the latest
    (date(2025, 2, 1), 0, 34),
])
def test_a_rename_known_by_a_date_hands_over_after_it(index, day, old, new):
    assert count(index, "gov-data", day) == old
    assert count(index, "data-bureau", day) == new


def test_an_undated_rename_never_moves_a_duty(index):
    for day in (date(2022, 1, 1), date(2030, 1, 1)):
        assert count(index, "cbirc-branch", day) == 1
        assert count(index, "nfra-branch", day) == 0
    line = Holders(index, date(2030, 1, 1)).lineage(index.registry.by_id["nfra-branch"])
    assert line.label() == "隨州銀保監分局 → 國家金融監督管理總局隨州監管分局"
    assert line.holder.id == "cbirc-branch"
    assert line.note() == ("隨州銀保監分局 → 國家金融監督管理總局隨州監管分局: date unknown: "
                           "duties stay with the unit the plan names (likely)")


def test_members_hold_collective_duties_via_the_collective_and_the_collective_its_own(index):
    holders = Holders(index, date(2024, 1, 15))
    member = holders.of(index.registry.by_id["guangshui-gov"])
    collective = holders.of(index.registry.by_id["county-governments"])
    assert len(member) == len(collective) == 31
    assert {(h.via.id if h.via else None, h.via_kind) for h in member} == {
        ("county-governments", "collective")}
    assert {(h.via, h.via_kind) for h in collective} == {(None, None)}


def test_lineages_cover_every_accountable_unit_once(index):
    lines = Holders(index, date(2024, 1, 15)).lineages()
    ids = [unit for line in lines for unit in line.ids]
    assert len(ids) == len(set(ids))
    accountable = {a.id for a in index.agencies_file.agencies
                   if a.kind not in ("collective", "placeholder")}
    assert set(ids) == accountable
    assert [line.label() for line in lines if len(line.units) > 1] == [
        "市政數局 → 隨州市數據局", "人行隨州中心支行 → 中國人民銀行隨州市分行",
        "隨州銀保監分局 → 國家金融監督管理總局隨州監管分局"]
