"""External programs some tests drive for real (a browser, an office suite, PDF tools).

Outside CI a missing program skips its tests with one line saying what to install, so the
README's test command passes on a machine with nothing but Python.  `.ci/run` installs them
all and sets SUIZHOU_REQUIRE_EXTERNAL=1, which turns such a skip into a failure: in CI
nothing skips."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REQUIRE = "SUIZHOU_REQUIRE_EXTERNAL"

CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium",
                  "/Applications/Chromium.app/Contents/MacOS/Chromium",
                  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
LIBREOFFICE = ("soffice", "libreoffice")
LIBREOFFICE_PATHS = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                     "/opt/libreoffice/program/soffice",
                     "/Applications/LibreOffice.app/Contents/MacOS/soffice")


def find(names: tuple[str, ...], paths: tuple[str, ...] = ()) -> Path | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return Path(found)
    for path in paths:
        if os.access(path, os.X_OK):
            return Path(path)
    return None


def require(what: str, names: tuple[str, ...], paths: tuple[str, ...], install: str) -> Path:
    """The program's path; else a skip (a failure under SUIZHOU_REQUIRE_EXTERNAL)."""
    found = find(names, paths)
    if found is not None:
        return found
    reason = f"{what} not found (looked for {', '.join(names)}): install it with `{install}`"
    if os.environ.get(REQUIRE):
        pytest.fail(f"{reason}; {REQUIRE} is set, so this test must run", pytrace=False)
    pytest.skip(reason)


def chromium() -> Path:
    return require("Chromium", CHROMIUM, CHROMIUM_PATHS, "apt-get install chromium")


def libreoffice() -> Path:
    return require("LibreOffice", LIBREOFFICE, LIBREOFFICE_PATHS,
                   "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")


def pdftotext() -> Path:
    return require("pdftotext", ("pdftotext",), (), "apt-get install poppler-utils")
