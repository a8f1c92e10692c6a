"""`suizhou report`: the meeting dashboard's structure, its agreement with the duty lists,
its self-containment, and its terminal form."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PLAN, edit
from small_plan import SmallPlan
from test_renderer_columns import T02

from suizhou_plan.load import load_plan
from suizhou_plan.render.dashboard import (
    Dashboard,
    Source,
    build_dashboard,
    git_source,
    render_html,
)
from suizhou_plan.render.dashboard_terminal import plain, render_rich
from suizhou_plan.rules.engine import run
from suizhou_plan.views.index import PlanIndex

DATES = [date(2022, 6, 1), date(2024, 1, 15)]
WORST_FIRST = ["red", "yellow", "grey", "green"]
TEST_SOURCE = Source("plan (test)")


def build(plan: Path, day: date, lang: str = "en",
          source: Source = TEST_SOURCE) -> tuple[Dashboard, PlanIndex]:
    result = run(load_plan(plan), as_of=day)
    assert result.index is not None
    window = result.index.tasks_file.supervision.due_soon_days
    dash = build_dashboard(result.index, result.findings, day, window=window, source=source,
                           lang=lang)
    return dash, result.index


def page(plan: Path, day: date, lang: str = "en") -> str:
    return render_html(build(plan, day, lang)[0])


def timeline(html: str) -> ET.Element:
    start = html.index('<svg class="timeline"')
    return ET.fromstring(html[start:html.index("</svg>", start) + len("</svg>")])


class Cells(HTMLParser):
    """The matrix cells' data attributes, and the text of each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "td" and "cell" in values.get("class", "").split():
            self._open = {**values, "text": ""}
            self.cells.append(self._open)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data


def cells_of(html: str) -> list[dict[str, str]]:
    parser = Cells()
    parser.feed(html)
    return parser.cells


@pytest.fixture
def progressed(plan_copy: Path) -> Path:
    """The bundled plan with a ledger: T01 verified, T04 due 2023-06-30, T05 in progress."""
    tasks = plan_copy / "tasks.yaml"
    units_t01 = "    units: [隨州高新區管委會, 市城管執法委, 市公安局, 市應急管理局, 市消防救援支隊, 市大數據中心]\n"
    edit(tasks, units_t01, units_t01 + "    progress:\n      - {date: 2023-06-30, status: verified}\n")
    units_t04 = "    units: [市經信局, 各縣、市、區人民政府]\n"
    edit(tasks, units_t04, units_t04 + "    due: 2023-06-30\n")
    units_t05 = "    units: [市農業農村局, 市委網信辦, 市商務局, 市文化和旅游局, 市鄉村振興局, 各縣、市、區人民政府]\n"
    edit(tasks, units_t05, units_t05 + "    progress:\n      - {date: 2023-12-01, status: in-progress}\n")
    return plan_copy


@pytest.mark.parametrize("day", DATES)
def test_one_mark_per_milestone_and_target_with_its_light_and_title(day: date) -> None:
    dash, index = build(PLAN, day)
    svg = timeline(render_html(dash))
    marks = [g for g in svg.iter("g") if "mark" in g.get("class", "").split()]
    expected = [i for i in index.items if i.kind in ("milestone", "target")]
    assert sorted(g.get("data-id") for g in marks) == sorted(i.id for i in expected)
    assert len(marks) == 17 + 6
    # Written out, not computed by the product: no ledger, so every mark is grey until the
    # phase-1 milestones fall due (2023-11-30); by 2024-01-15 those eight are red.
    for g in marks:
        item = index.by_id[g.get("data-id", "")]
        red = day == date(2024, 1, 15) and item.id.startswith("P1-")
        assert g.get("data-light") == ("red" if red else "grey"), item.id
        title = g.find("title")
        assert title is not None and (title.text or "").startswith(f"{item.id} {item.title}")


@pytest.mark.parametrize("day", DATES)
def test_as_of_line_and_phase_bars_sit_on_the_date_scale(day: date) -> None:
    svg = timeline(page(PLAN, day))
    ticks = {date.fromisoformat(g.get("data-date", "")): float(g.find("line").get("x1", ""))
             for g in svg.iter("g") if g.get("class") == "tick"}
    assert sorted(d.year for d in ticks) == [2022, 2023, 2024, 2025]
    first, last = min(ticks), max(ticks)
    per_day = (ticks[last] - ticks[first]) / (last - first).days

    def x(day: date) -> float:
        return ticks[first] + (day - first).days * per_day

    line = next(g for g in svg.iter("g") if g.get("class") == "as-of").find("line")
    assert line is not None and line.get("data-date") == day.isoformat()
    assert float(line.get("x1", "")) == pytest.approx(x(day), abs=0.15)
    assert line.get("x1") == line.get("x2")
    phases = [g for g in svg.iter("g") if "phase" in g.get("class", "").split()]
    assert [g.get("data-id") for g in phases] == ["P1", "P2", "P3"]
    for g in phases:
        rect = g.find("rect")
        assert rect is not None
        left = float(rect.get("x", ""))
        assert left == pytest.approx(x(date.fromisoformat(g.get("data-start", ""))), abs=0.15)
        right = left + float(rect.get("width", ""))
        assert right == pytest.approx(x(date.fromisoformat(g.get("data-end", ""))), abs=0.15)


def test_phase_states_follow_the_as_of_date() -> None:
    for day, states in [(date(2022, 6, 1), ["current", "upcoming", "upcoming"]),
                        (date(2024, 1, 15), ["ended", "current", "upcoming"])]:
        svg = timeline(page(PLAN, day))
        got = [g.get("class", "").split()[1] for g in svg.iter("g")
               if "phase" in g.get("class", "").split()]
        assert got == states


def test_matrix_cells_written_out_on_a_small_plan(tmp_path: Path) -> None:
    """The ledger plan of test_renderer_columns.py as of 2023-07-10: 市政數局 leads T01
    (blocked, 10 days late: red) and M1 (grey) and supports T02 (reported done: green); the
    counties see T02 through their collective."""
    plan = SmallPlan(tmp_path, phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")],
                     progress=["{date: 2023-05-20, status: blocked, note: 土建停工}"],
                     extra_tasks=T02).write()
    dash, _ = build(plan.dir, date(2023, 7, 10))
    got = [(c["data-unit"], c["data-phase"], c["data-light"], c["text"])
           for c in cells_of(render_html(dash))]
    assert got == [
        ("gov-data", "P1", "red", "✖ redlead 2 · support 0 · overdue 1"),
        ("gov-data", "P2", "green", "● greenlead 0 · support 1"),
        ("big-data-center", "P1", "red", "✖ redlead 0 · support 2 · overdue 1"),
        ("big-data-center", "P2", "green", "● greenlead 1 · support 0"),
        ("suixian-gov", "P1", "", "—"),
        ("suixian-gov", "P2", "green", "● greenlead 0 · support 1"),
        ("guangshui-gov", "P1", "", "—"),
        ("guangshui-gov", "P2", "green", "● greenlead 0 · support 1"),
    ]


@pytest.mark.parametrize("day", DATES)
def test_matrix_cells_of_the_bundled_plan(day: date) -> None:
    """No ledger: grey everywhere until phase 1 ends, then phase 1 red.  市政數局 leads
    P1-M4, P1-M5 and P1-M8 and is among the units of P1-M1, -M2, -M6 and -M7 (read off
    tasks.yaml by hand); in phase 2 it leads P2-M1 and P2-M2 and supports P2-M3."""
    dash, _ = build(PLAN, day)
    cells = {(c["data-unit"], c["data-phase"]): c for c in cells_of(render_html(dash))}
    late = day == date(2024, 1, 15)
    for (_, phase), cell in cells.items():
        if cell["data-light"]:
            assert cell["data-light"] == ("red" if late and phase == "P1" else "grey"), cell
    p1 = cells[("gov-data", "P1")]["text"]
    assert p1 == ("✖ redlead 3 · support 4 · overdue 7" if late else "○ greylead 3 · support 4")
    assert cells[("gov-data", "P2")]["text"] == "○ greylead 2 · support 1"
    assert cells[("suixian-gov", "P1")]["text"] == (
        "✖ redlead 0 · support 4 · overdue 4" if late else "○ greylead 0 · support 4")


def test_matrix_cells_follow_the_ledger(progressed: Path) -> None:
    dash, _ = build(progressed, date(2024, 1, 15))
    cells = {(c["data-unit"], c["data-phase"]): c for c in cells_of(render_html(dash))}
    # T04 (市經信局 lead, due 2023-06-30) is overdue: its unit's phase-1 cell is red
    assert cells[("economy-it", "P1")]["data-light"] == "red"
    lights = {c["data-light"] for c in cells.values()}
    assert {"red", "green", "grey"} <= lights


def test_matrix_rows_are_accountable_units_leads_first() -> None:
    early, _ = build(PLAN, date(2022, 6, 1))
    late, _ = build(PLAN, date(2024, 1, 15))
    for dash in (early, late):
        ids = [row.agency.id for row in dash.matrix.rows]
        assert {"suixian-gov", "guangshui-gov", "zengdu-gov", "gov-data"} <= set(ids)
        assert "county-governments" not in ids and "relevant-departments" not in ids
        assert "data-bureau" not in ids  # 市政數局 is still in office until 2025-01
        leads = [row.leads for row in dash.matrix.rows]
        assert leads == sorted(leads, reverse=True) and leads[0] and not leads[-1]
    early_ids = {row.agency.id for row in early.matrix.rows}
    late_ids = {row.agency.id for row in late.matrix.rows}
    assert "pbc-central-sub-branch" in early_ids and "pbc-branch" not in early_ids
    assert "pbc-branch" in late_ids and "pbc-central-sub-branch" not in late_ids


def test_section_bars_count_each_item_once() -> None:
    dash, _ = build(PLAN, date(2024, 1, 15))
    got = [(s.name, s.complete, s.on_schedule, s.overdue, s.unknown) for s in dash.sections]
    assert got == [("數字經濟", 0, 0, 0, 6), ("數字社會", 0, 0, 0, 9), ("數字政府", 0, 0, 0, 9),
                   ("數字生態", 0, 0, 0, 7), ("保障措施", 0, 0, 0, 5)]


def test_section_bars_follow_the_ledger(progressed: Path) -> None:
    dash, _ = build(progressed, date(2024, 1, 15))
    economy = dash.sections[0]
    assert (economy.name, economy.complete, economy.on_schedule, economy.overdue,
            economy.unknown) == (
        "數字經濟", 1, 1, 1, 3)
    html = render_html(dash)
    assert 'class="seg-complete" style="width:16.67%"' in html
    assert "complete 1 · on schedule 1 · overdue 1 · unknown 3" in html


def test_red_items_list_lead_due_and_days_overdue() -> None:
    early, _ = build(PLAN, date(2022, 6, 1))
    assert early.red == ()
    late, _ = build(PLAN, date(2024, 1, 15))
    assert [(m.item.id, m.days_late) for m in late.red] == [
        (f"P1-M{n}", 46) for n in range(1, 9)]
    html = render_html(late)
    row = re.search(r'<tr data-light="red" data-id="P1-M1">(.*?)</tr>', html)
    assert row is not None
    assert row.group(1) == ("<td>✖ P1-M1</td><td>成立領導小組</td><td>市發改委</td>"
                            "<td>2023-11-30</td><td>46</td><td></td>")  # nothing reported


def test_governance_findings_are_cadence_defunct_and_renamed() -> None:
    early, _ = build(PLAN, date(2022, 6, 1))
    assert [f.rule for f in early.governance] == ["possibly-renamed"] * 3
    late, _ = build(PLAN, date(2024, 1, 15))
    assert sorted({f.rule for f in late.governance}) == [
        "defunct-agency", "meeting-cadence", "possibly-renamed"]
    html = render_html(late)
    assert html.count('<li data-rule="') == len(late.governance) == 5
    # a leader's page: the finding in words, with no file location or rule code
    assert "tasks.yaml" not in html and "SZ403" not in html
    assert ("T21 is assigned to 「人行隨州中心支行」, which ceased on 2023-08-17 (confirmed); "
            "successor: 「中國人民銀行隨州市分行」") in html


@pytest.mark.parametrize("day", DATES)
@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_page_fetches_nothing(day: date, lang: str) -> None:
    html = page(PLAN, day, lang).lower()
    for needle in ("http:", "https:", "//", "<script", "src=", "url(", "@import", "<link",
                   "@font-face", "<iframe", "<object", "<embed", "<img"):
        assert needle not in html, needle


def test_same_input_gives_the_same_bytes() -> None:
    day = date(2024, 1, 15)
    assert page(PLAN, day, "zh-Hant") == page(PLAN, day, "zh-Hant")
    assert page(PLAN, day, "zh-Hant") != page(PLAN, day, "en")


def test_page_heading_says_title_date_and_source() -> None:
    dash, _ = build(PLAN, date(2024, 1, 15), "zh-Hant")
    html = render_html(dash)
    assert '<html lang="zh-Hant">' in html
    assert "<h1>數字隨州建設實施方案 · 進展一覽</h1>" in html
    assert '<p class="asof">截至 2024年1月15日</p>' in html
    # a leader's page names the plan, its 文號 and the last report, never a directory
    assert ('<p class="meta">數據來源：《數字隨州建設實施方案》（隨政發〔2021〕14號），'
            "尚無進展記錄。</p>") in html
    assert "plan (test)" not in html
    assert "@page{size:A4 landscape" in html
    in_git, _ = build(PLAN, date(2024, 1, 15), "en", Source("plan", "abc1234", True))
    assert ("Source: 數字隨州建設實施方案 (隨政發〔2021〕14號); no progress recorded yet. "
            "git revision abc1234 (with uncommitted changes)</p>") in render_html(in_git)


def test_every_light_carries_a_symbol_and_a_word() -> None:
    html = page(PLAN, date(2024, 1, 15), "zh-Hant")
    for cell in cells_of(html):
        word = {"red": "紅燈", "yellow": "黃燈", "grey": "灰燈", "green": "綠燈", "": "—"}
        assert word[cell["data-light"]] in cell["text"]
    assert '<li class="red">✖ 紅燈 8</li>' in html
    assert '<li class="grey">○ 灰燈 45</li>' in html


def test_git_source_outside_a_work_tree_is_quietly_none(tmp_path: Path) -> None:
    assert git_source("x", tmp_path) == Source("x")
    assert git_source("x", tmp_path / "missing") == Source("x")


def test_git_source_names_the_revision_and_local_changes(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                              cwd=tmp_path, check=True, capture_output=True,
                              text=True).stdout.strip()

    git("init", "-q")
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "tasks.yaml").write_text("a\n", encoding="utf-8")
    git("add", "plan")
    git("commit", "-q", "-m", "plan")
    head = git("rev-parse", "--short", "HEAD")
    assert git_source("p", tmp_path / "plan") == Source("p", head, False)
    (tmp_path / "plan" / "tasks.yaml").write_text("b\n", encoding="utf-8")
    assert git_source("p", tmp_path / "plan") == Source("p", head, True)


def test_terminal_overview_plain_text() -> None:
    dash, _ = build(PLAN, date(2024, 1, 15))
    text = plain(dash)
    lines = text.splitlines()
    assert lines[0] == "數字隨州建設實施方案 · progress dashboard"
    assert lines[1] == ("as of 2024-01-15 · Source: 數字隨州建設實施方案 (隨政發〔2021〕14號); "
                        "no progress recorded yet.")
    assert lines[2] == "✖ red 8  ▲ yellow 0  ○ grey 45  ● green 0"
    bar = next(line for line in lines if line.startswith("[1 "))
    assert bar.count("[") == 3 and bar.endswith("]")
    marker = lines[lines.index(bar) + 1]
    assert marker.strip() == "▲ as of 2024-01-15"
    assert "  Phase 1 整合資源  2021-11-01 → 2023-11-30  [ended]  milestones: ✖8" in lines
    assert "  數字經濟  " + "·" * 30 + "  complete 0 · on schedule 0 · overdue 0 · unknown 6" in lines
    assert "\x1b[" not in text


def test_terminal_overview_in_rich_is_the_plain_text_in_colour() -> None:
    dash, _ = build(PLAN, date(2024, 1, 15))
    mono, coloured = io.StringIO(), io.StringIO()
    render_rich(dash, mono, color=False)
    render_rich(dash, coloured, color=True)
    assert mono.getvalue() == plain(dash)
    assert "\x1b[1;31m✖ red 8\x1b[0m" in coloured.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == plain(dash)


def test_cli_report_writes_the_html_file(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"
    result = run_cli("report", "--plan", str(PLAN), "--as-of", "2024-01-15", "--lang", "zh-Hant",
                     "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"已生成 {out}\n"  # said in the page's language
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "截至 2024年1月15日" in html
    again = run_cli("report", "--plan", str(PLAN), "--as-of", "2024-01-15", "--lang", "zh-Hant",
                    "--out", str(out))
    assert again.exit_code == 0 and out.read_text(encoding="utf-8") == html
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]


def test_cli_report_prints_the_overview_when_piped(run_cli) -> None:
    result = run_cli("report", "--plan", str(PLAN), "--as-of", "2022-06-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "數字隨州建設實施方案 · progress dashboard"
    assert "▲ as of 2022-06-01" in result.stdout


def test_cli_report_rejects_a_bad_date(run_cli) -> None:
    result = run_cli("report", "--as-of", "2024/01/15")
    assert result.exit_code == 2
    assert "type 2024-01-15" in result.stderr


def test_installed_command_runs_in_a_subprocess(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "suizhou_plan", "report", "--plan", str(PLAN),
                           "--as-of", "2024-01-15", "--lang", "en", "--out", "-"],
                          capture_output=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    html = done.stdout.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Source: 數字隨州建設實施方案 (隨政發〔2021〕14號); no progress recorded yet." in html
    assert str(PLAN) not in html


def test_cli_report_out_must_be_a_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("report", "--plan", str(PLAN), "--as-of", "2024-01-15", "--out",
                     str(tmp_path))
    assert result.exit_code == 2
    assert f"--out takes a file name; {tmp_path} is a directory" in result.stderr
