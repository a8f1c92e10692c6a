"""Which plan is read: --plan DIR > $SUIZHOU_PLAN > ./plan when it exists > the bundled copy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PlanChoice:
    path: Path
    origin: str  # "--plan", "SUIZHOU_PLAN", "./plan" or "bundled"

    def describe(self) -> str:
        """How the plan was found, for the first line of a report (a `Msg` where it has
        words to translate)."""
        if self.origin == "./plan":
            return "./plan"
        if self.origin == "bundled":
            # lazy: only describe() needs it (+6 ms: 1 module)
            from suizhou_plan.i18n import Msg

            return Msg("{path} (the plan bundled with suizhou)", path=str(self.path))
        origin = "$SUIZHOU_PLAN" if self.origin == "SUIZHOU_PLAN" else self.origin
        return f"{self.path} ({origin})"


def bundled_plan() -> Path:
    here = Path(__file__).resolve().parents[1]  # the package: load/ is one level down
    packaged = here / "bundled" / "plan"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "plan"  # a source checkout (editable install)


def is_bundled(path: Path) -> bool:
    """`path` is the copy of the plan installed inside the package (site-packages)."""
    packaged = Path(__file__).resolve().parents[1] / "bundled" / "plan"
    try:
        return path.resolve() == packaged.resolve()
    except OSError:
        return False


def choose(option: str | None, environ: dict[str, str] | None = None,
           cwd: Path | None = None) -> PlanChoice:
    env = os.environ if environ is None else environ
    if option:
        return PlanChoice(Path(option), "--plan")
    if env.get("SUIZHOU_PLAN"):
        return PlanChoice(Path(env["SUIZHOU_PLAN"]), "SUIZHOU_PLAN")
    local = (cwd or Path.cwd()) / "plan"
    if (local / "tasks.yaml").exists() or (local / "agencies.yaml").exists():
        return PlanChoice(Path("plan"), "./plan")
    return PlanChoice(bundled_plan(), "bundled")
