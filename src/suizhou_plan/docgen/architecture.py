"""The layers of `docs/architecture.md`, generated from the code: each layer folder (top first,
as the import-linter contract in `pyproject.toml` orders them) with its modules and the first
sentence of each module's docstring, so the page cannot drift from the
folders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from suizhou_plan.docgen.page import DocgenError, table_cell
from suizhou_plan.docgen.plan_format import splice

ARCHITECTURE_MD = Path("docs/architecture.md")
PACKAGE = "suizhou_plan"


def layers(root: Path) -> list[list[str]]:
    """The layers, top first, each a list of folders (siblings of one layer are independent),
    read from the first contract of `[tool.importlinter]` in `root/pyproject.toml`."""
    try:
        # lazy: only layers() needs it (+3 ms)
        import tomllib
    except ImportError as exc:  # Python 3.10
        raise DocgenError("generating docs/architecture.md needs Python 3.11 (tomllib)") from exc
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = data.get("tool", {}).get("importlinter", {}).get("contracts", [])
    layered = next((c for c in contracts if c.get("type") == "layers"
                    and not c.get("containers")), None)
    if layered is None:
        raise DocgenError("pyproject.toml has no layers contract for the whole package")
    return [[part.strip().removeprefix(PACKAGE + ".") for part in layer.split("|")]
            for layer in layered["layers"]]


def first_sentence(path: Path) -> str:
    """The first sentence of a module's docstring, on one line ("" when it has none)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    match = re.match(r"(.+?[.:;])(\s|$)", text)
    return (match.group(1) if match else text).rstrip(":;.")


def modules(folder: Path) -> list[tuple[str, str]]:
    """(module, what it holds) for every module of a folder, sub-folders included."""
    out = []
    for path in sorted(folder.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        name = path.relative_to(folder.parent).with_suffix("").as_posix()
        out.append((name.removesuffix("/__init__") + ("/" if path.stem == "__init__" else ""),
                    first_sentence(path)))
    return out


def layer_tables(root: Path) -> dict[str, str]:
    """The two generated regions: `layers` (one row per layer) and `modules` (one table per
    layer folder)."""
    package = root / "src" / PACKAGE
    order = layers(root)
    summary = ["| layer, top first | folder | modules | what it holds |",
               "|---:|---|---:|---|"]
    detail: list[str] = []
    total_modules = 0
    for number, layer in enumerate(order, start=1):
        for folder in layer:
            found = modules(package / folder)
            if not found:
                raise DocgenError(f"the layer folder src/{PACKAGE}/{folder} is missing")
            total_modules += len(found)
            what = table_cell(first_sentence(package / folder / "__init__.py"))
            summary.append(f"| {len(order) + 1 - number} | `{folder}/` | {len(found)} | {what} |")
            detail += [f"### `{folder}/`", "", "| module | what it holds |", "|---|---|"]
            detail += [f"| `{name}` | {table_cell(what)} |" for name, what in found]
            detail.append("")
    loose = sorted(p.name for p in package.glob("*.py"))
    summary.append(f"| | package root | {len(loose)} | {', '.join(f'`{n}`' for n in loose)} "
                   "(the version, `python -m suizhou_plan`) |")
    summary.append(f"| | **all layers** | **{total_modules}** | |")
    return {"layers": "\n".join(summary), "modules": "\n".join(detail)}


def architecture_markdown(page: str, root: Path) -> str:
    """`docs/architecture.md` with its generated regions filled from the folders."""
    return splice(page, layer_tables(root), root / ARCHITECTURE_MD,
                  source="the folders of src/suizhou_plan and the layers in pyproject.toml")
