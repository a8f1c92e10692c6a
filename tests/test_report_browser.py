"""The dashboard in a real browser: Chromium (Debian's, installed by `.ci/run`; skipped
with a reason elsewhere when none is installed, see external.py) driven by Playwright.  The page must load from disk with no request but itself, no
failed request and no console message, show the timeline on a 1920×1080 projector screen,
and print as A4 landscape pages."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import external
import pytest
from conftest import PLAN
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

SCREEN = {"width": 1920, "height": 1080}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = external.chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def report(run_cli, tmp_path: Path) -> Path:
    out = tmp_path / "report.html"
    result = run_cli("report", "--plan", str(PLAN), "--as-of", "2024-01-15", "--lang", "zh",
                     "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


class Watch:
    """Every request, failed request, console message and page error of one page."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", self._failed)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.route("**/*", self._route)

    def _failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")

    def _console(self, message: ConsoleMessage) -> None:
        self.console.append(f"{message.type}: {message.text}")

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()  # the page must not reach the network: this shows up as a failure


def open_page(browser: Browser, report: Path) -> tuple[Page, Watch]:
    page = browser.new_page(viewport=SCREEN)
    watch = Watch(page)
    page.goto(report.as_uri(), wait_until="load")
    return page, watch


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_loads_offline_without_errors_and_shows_the_timeline(browser: Browser, report: Path,
                                                              tmp_path: Path) -> None:
    page, watch = open_page(browser, report)
    assert watch.requests == [report.as_uri()]
    assert watch.failed == []
    assert watch.console == []
    timeline = page.locator("svg.timeline")
    assert timeline.is_visible()
    box = timeline.bounding_box()
    assert box is not None
    assert box["width"] > 1600 and box["height"] > 600
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"]  # all on one screen
    on_top = page.evaluate("""() => {
        const svg = document.querySelector('svg.timeline');
        const r = svg.getBoundingClientRect();
        return svg.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
    }""")
    assert on_top is True
    assert page.locator("svg.timeline g.mark").count() == 23
    as_of = page.locator("svg.timeline g.as-of line").bounding_box()
    assert as_of is not None and as_of["height"] > 500
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert png_size(shot) == (1920, 1080)
    page.close()


def test_prints_as_a4_landscape(browser: Browser, report: Path, tmp_path: Path) -> None:
    page, watch = open_page(browser, report)
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert watch.failed == [] and watch.console == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert 2 <= len(boxes) <= 6
    for width, height in boxes:
        assert float(width) == pytest.approx(841.9, abs=1)  # 297 mm
        assert float(height) == pytest.approx(595.3, abs=1)  # 210 mm
    page.close()
