"""The house rules the layer contracts cannot check: an import inside a function body is there
only to keep start-up lazy, and says so (`# lazy: ...` on the line above its group); and the
layer contracts themselves hold (`lint-imports`, also a CI stage of its own)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "suizhou_plan"


def function_body_imports(path: Path) -> list[tuple[int, str]]:
    """(line, comment above) for the first import of each run of consecutive imports inside a
    function body; the comment is the stripped line above it."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found: list[tuple[int, str]] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for field in ("body", "orelse", "finalbody", "handlers"):
            statements = getattr(node, field, None)
            if not isinstance(statements, list):
                continue
            previous_was_import = False
            for statement in statements:
                is_import = isinstance(statement, (ast.Import, ast.ImportFrom))
                if is_import and in_function and not previous_was_import:
                    above = lines[statement.lineno - 2].strip() if statement.lineno > 1 else ""
                    found.append((statement.lineno, above))
                previous_was_import = is_import
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                walk(child, True)
            elif not isinstance(child, (ast.Import, ast.ImportFrom)):
                walk(child, in_function)

    walk(ast.parse(text), False)
    return found


def test_the_scanner_sees_a_function_body_import_and_its_comment(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\n\ndef f():\n    # lazy: only f() needs it\n"
                      "    import json\n    import csv\n    return json, csv\n\n\n"
                      "def g():\n    try:\n        import fcntl\n    except ImportError:\n"
                      "        return None\n    return fcntl\n", encoding="utf-8")
    assert function_body_imports(module) == [(6, "# lazy: only f() needs it"),
                                             (13, "try:")]


def test_every_import_inside_a_function_says_why_it_is_lazy():
    bare = [f"{path.relative_to(ROOT)}:{line}"
            for path in sorted(PACKAGE.rglob("*.py"))
            for line, above in function_body_imports(path)
            if not above.startswith("# lazy:")]
    assert bare == [], ("an import inside a function keeps start-up lazy and says so on the "
                        "line above (`# lazy: only f() needs it (+40 ms: openpyxl)`), or it "
                        "belongs at the top of its module:\n" + "\n".join(bare))


def test_the_layer_contracts_hold():
    tool = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if tool is None:  # the test extra installs it; CI runs it as a stage of its own too
        pytest.fail("lint-imports is missing: pip install -e '.[test]'")
    done = subprocess.run([tool, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
