"""Where one `suizhou check` spends its time, phase by phase, next to a bare `yaml.compose`
of the same files in the same process (so a busy machine slows both alike).

    python bench/phases.py PLAN_DIR [--as-of 2024-01-15]

Prints one JSON object: seconds (CPU) per phase and for the reference compose.  It runs the
real CLI (`suizhou_plan.cli.main`, output discarded) with timers wrapped around the
functions that make up each phase; `bench/run.py` turns it into a table.
"""

from __future__ import annotations

import gc
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.process_time()

import yaml  # noqa: E402 - imported after the clock starts, like the CLI's own imports

import suizhou_plan.cli as cli  # noqa: E402
import suizhou_plan.load.plan_loader as plan_loader  # noqa: E402
import suizhou_plan.render.check_text as check_text  # noqa: E402
import suizhou_plan.rules.engine as engine  # noqa: E402
import suizhou_plan.views.board as board  # noqa: E402

PHASES = {
    "_read": "read files",
    "decode": "decode UTF-8",
    "compose": "parse + build values (yamltree)",
    "_load_one": "load (read, parse, validate)",
    "run": "index + rules (engine.run)",
    "build_board": "phase boards (board.py)",
    "render": "text report (report/check_text.py)",
}
spent: dict[str, float] = dict.fromkeys(PHASES, 0.0)


def timed(module: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - started

    setattr(module, name, wrapper)


def reference_compose(plan: Path) -> float:
    """CPU seconds of bare `yaml.compose` (libyaml, GC off) of both files."""
    texts = [(plan / name).read_text(encoding="utf-8") for name in ("tasks.yaml",
                                                                     "agencies.yaml")]
    was_enabled = gc.isenabled()
    gc.disable()
    started = time.process_time()
    for text in texts:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    elapsed = time.process_time() - started
    if was_enabled:
        gc.enable()
    return elapsed


def main(argv: list[str]) -> int:
    plan = Path(argv[0])
    as_of = argv[2] if len(argv) > 2 and argv[1] == "--as-of" else "2024-01-15"
    imports = time.process_time() - STARTED
    for module, name in ((plan_loader, "_read"), (plan_loader, "decode"),
                         (plan_loader, "compose"), (plan_loader, "_load_one"), (engine, "run"),
                         (board, "build_board"), (check_text, "render")):
        timed(module, name)
    reference = reference_compose(plan)  # first: nothing of the check's is alive yet
    gc.collect()
    started = time.process_time()
    stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        cli.main(["check", "--plan", str(plan), "--as-of", as_of])
    except SystemExit:
        pass
    finally:
        sys.stdout = stdout
    total = time.process_time() - started
    validate = spent["_load_one"] - spent["_read"] - spent["decode"] - spent["compose"]
    phases = {
        "imports (in-process, after start-up)": imports,
        "read + decode files": spent["_read"] + spent["decode"],
        PHASES["compose"]: spent["compose"],
        "validate (pydantic models)": validate,
        PHASES["run"]: spent["run"],
        PHASES["build_board"]: spent["build_board"],
        PHASES["render"]: spent["render"],
    }
    phases["the rest (CLI, scope, exit)"] = total - sum(list(phases.values())[1:])
    print(json.dumps({"phases": phases, "total": imports + total,
                      "reference_compose": reference}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
