"""Find a run's surviving mutants again after the code changed (docs/testing.md).

    python3 tools/map_mutants.py OLD_RUN_DIR NEW_RUN_DIR NAMES_FILE

mutmut numbers the mutants of a function in order, so an edit of the function renumbers
them, and a survivor's name no longer names its edit.  For each name in NAMES_FILE (one a
line, from OLD_RUN_DIR's run), this prints the name of the mutant of NEW_RUN_DIR's code that
makes the same edit (the same lines removed and added, in the function of that name), or
GONE when the edited code is no longer there, or AMBIGUOUS:n,m when the edit occurs twice.
NEW_RUN_DIR needs only its mutants generated (`mutmut run` stopped after "Generating
mutants"); then `mutmut run NAME...` there checks the survivors against today's tests.
"""

from __future__ import annotations

import ast
import difflib
import re
import sys
from pathlib import Path

Edit = tuple[str, ...]


def functions(run_dir: Path, module: str) -> dict[str, str]:
    """Every function of `module`'s mutated copy (`x_name__mutmut_N`, `…__mutmut_orig`)."""
    path = run_dir / "mutants" / "src" / (module.replace(".", "/") + ".py")
    text = path.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef):
            found[node.name] = ast.get_source_segment(text, node) or ""
    return found


def edit_of(funcs: dict[str, str], function: str, number: int) -> Edit | None:
    """The lines mutant `number` of `function` removes and adds, stripped."""
    orig = funcs.get(f"{function}__mutmut_orig")
    mutant = funcs.get(f"{function}__mutmut_{number}")
    if orig is None or mutant is None:
        return None
    before = [line.strip() for line in orig.splitlines()[1:]]
    after = [line.strip() for line in mutant.splitlines()[1:]]
    return tuple(line for line in difflib.unified_diff(before, after, lineterm="", n=0)
                 if line[:1] in "+-" and not line.startswith(("+++", "---")))


def main(old_dir: Path, new_dir: Path, names: list[str]) -> None:
    cache: dict[tuple[Path, str], dict[str, str]] = {}
    for name in names:
        match = re.match(r"(suizhou_plan(?:\.\w+)+?)\.(x\S+?)__mutmut_(\d+)$", name)
        if match is None:
            print(f"{name} UNKNOWN")
            continue
        module, function, number = match.group(1), match.group(2), int(match.group(3))
        for run_dir in (old_dir, new_dir):
            if (run_dir, module) not in cache:
                cache[(run_dir, module)] = functions(run_dir, module)
        wanted = edit_of(cache[(old_dir, module)], function, number)
        new_funcs = cache[(new_dir, module)]
        same = sorted(
            int(key.rsplit("_", 1)[1]) for key in new_funcs
            if key.startswith(f"{function}__mutmut_") and not key.endswith("_orig")
            and edit_of(new_funcs, function, int(key.rsplit("_", 1)[1])) == wanted)
        if len(same) == 1:
            print(f"{name} {module}.{function}__mutmut_{same[0]}")
        else:
            print(f"{name} " + ("GONE" if not same else "AMBIGUOUS:" + ",".join(map(str, same))))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]).read_text().split())
