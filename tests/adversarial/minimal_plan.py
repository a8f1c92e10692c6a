"""The minimal valid plan under base/, and running `suizhou validate` on a variant of it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import Run

BASE = Path(__file__).resolve().parent / "base"
MAX_MESSAGE = 300  # no finding quotes a whole input back


def base_text(name: str) -> str:
    return (BASE / name).read_text(encoding="utf-8")


def plan_from_base(tmp_path: Path, **files: bytes | str) -> Path:
    """A copy of base/ in tmp_path/plan with `tasks=...` / `agencies=...` replaced."""
    plan = tmp_path / "plan"
    shutil.copytree(BASE, plan)
    for stem, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (plan / f"{stem}.yaml").write_bytes(data)
    return plan


def error_findings(run_cli: Callable[..., Run], plan: Path, *extra: str
                   ) -> tuple[int, list[tuple[str, str, int | None, int | None]], list[Any]]:
    """(exit code, [(slug, file name, line, column)] of the errors, all error findings)."""
    result = run_cli("validate", "--plan", str(plan), "--format", "json", *extra)
    assert "Traceback" not in result.output
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert all(len(f["message"]) <= MAX_MESSAGE and len(f["hint"] or "") <= MAX_MESSAGE
               for f in errors)
    located = [(f["rule"], Path(f["file"]).name, f["line"], f["column"]) for f in errors]
    return result.exit_code, located, errors
