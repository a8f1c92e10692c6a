"""Every command that reads the plan stays linear, kept honest without a clock (bench/run.py
times them): on generated plans of 400 and 1,200 tasks (40 and 120 units), each
command builds the holders once, looks each named unit up once per item, never compares
units by value, and touches the items a number of times that grows with the plan, not with
plan × units (the old `duties_for` did, once per unit for every item)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Run

from suizhou_plan.model.agency import Agency
from suizhou_plan.views import holding, index

SIZES = (400, 1200)
COMMANDS: dict[str, tuple[str, ...]] = {
    "agencies": ("agencies", "--as-of", "2024-01-15"),
    "duties-all": ("duties", "--as-of", "2024-01-15", "--all", "--out", "{tmp}/duties"),
    "report": ("report", "--as-of", "2024-01-15", "--out", "{tmp}/report.html"),
    "check-agency": ("check", "--as-of", "2024-01-15", "--agency", "隨州市人民政府"),
    "export": ("export", "--as-of", "2024-01-15"),
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    out = {}
    for size in SIZES:
        target = tmp_path_factory.mktemp(f"plan{size}")
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--tasks",
                        str(size), "--out", str(target), "--seed", "1"], check=True)
        out[size] = target
    return out


class Probe:
    """Counts what the hot paths do: holder models made and built and the unit look-ups
    made building them (`holding.COUNTS`, from when the probe starts until `stop`), units
    compared by value, and reads of an item's units and status."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts: Counter[str] = Counter()
        self.lookups = 0
        self._start = replace(holding.COUNTS)
        probe = self
        real_eq = Agency.__eq__

        def eq(self: Agency, other: object) -> bool:
            probe.counts["units compared by value"] += 1
            return real_eq(self, other)

        monkeypatch.setattr(Agency, "__eq__", eq)
        for name in ("resolved", "agencies", "status"):
            real = getattr(index.Item, name)

            def counted(self: index.Item, _real: Any = real, _name: str = name) -> Any:
                probe.counts[f"item.{_name}"] += 1
                return _real.fget(self)

            monkeypatch.setattr(index.Item, name, property(counted))

    def stop(self) -> None:
        """Take the holders' counts since the probe started."""
        now = holding.COUNTS
        self.counts["holders made"] = now.made - self._start.made
        self.counts["holders built"] = now.built - self._start.built
        self.lookups = now.lookups - self._start.lookups


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], Probe]]:
    yield lambda: Probe(monkeypatch)


def run_counted(run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, plan: Path,
                args: tuple[str, ...], tmp: Path) -> Probe:
    with monkeypatch.context() as patch:
        p = Probe(patch)
        result = run_cli(*(a.format(tmp=tmp) for a in args), "--plan", str(plan))
        assert result.exit_code in (0, 1), result.output
        p.stop()
    return p


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_touch_items_linearly_and_build_holders_once(
        name: str, plans: dict[int, Path], run_cli: Callable[..., Run],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    small, large = (run_counted(run_cli, monkeypatch, plans[size], COMMANDS[name],
                                tmp_path / str(size)) for size in SIZES)
    for p in (small, large):
        assert p.counts["holders made"] == p.counts["holders built"] == 1, p.counts
        assert p.counts["units compared by value"] == 0, p.counts
    refs = {}
    for size in SIZES:
        from suizhou_plan.load import load_plan
        from suizhou_plan.views.index import build_index

        idx = build_index(load_plan(plans[size]))
        refs[size] = sum(len(item.resolved) for item in idx.items)
    assert (small.lookups, large.lookups) == (refs[SIZES[0]], refs[SIZES[1]])
    growth = SIZES[1] / SIZES[0]
    for key in ("item.resolved", "item.agencies", "item.status"):
        if small.counts[key]:
            assert large.counts[key] <= 1.3 * growth * small.counts[key], (key, small.counts,
                                                                          large.counts)


def test_the_probe_catches_the_old_quadratic_duty_lists(
        plans: dict[int, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The old `duties_for` scanned every item for every unit and compared units by value;
    the same probe on that loop sees both."""
    from suizhou_plan.load import load_plan
    from suizhou_plan.views.index import build_index

    counts = {}
    for size in SIZES:
        idx = build_index(load_plan(plans[size]))
        with monkeypatch.context() as patch:
            p = Probe(patch)
            for agency in idx.agencies_file.agencies:  # the old loop, unit × item
                for item in idx.items:
                    _ = any(a is agency for a in item.agencies)
            stranger = idx.agencies_file.agencies[-1]
            _ = stranger in [a for a in idx.items[0].agencies if a is not stranger]
            counts[size] = p.counts
    assert counts[SIZES[1]]["units compared by value"] > 0
    growth = SIZES[1] / SIZES[0]
    assert counts[SIZES[1]]["item.agencies"] > 1.3 * growth * counts[SIZES[0]]["item.agencies"]
