"""Rewrite `@rule(...)` decorators as calls after the function, in a scratch copy.

mutmut does not mutate decorated functions (a decorator runs at import, before its
trampoline could pick a mutant), and every check of `suizhou` is a decorated rule.  In the
scratch copy that `tools/mutation.sh` makes, this turns

    @rule("SZ301", "overdue", ...)
    def overdue(ctx): ...

into

    def overdue(ctx): ...
    overdue = rule("SZ301", "overdue", ...)(overdue)

which registers the same rule, so that mutmut mutates the rule bodies.  `@property`
methods get the same treatment, for the same reason.  Never run on the worktree itself.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def _wanted(deco: ast.expr, in_class: bool) -> bool:
    if in_class:
        return isinstance(deco, ast.Name) and deco.id == "property"
    return (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Name)
            and deco.func.id == "rule")


def undecorate(text: str) -> str:
    """`@rule(...)` on module functions and `@property` on methods, as calls after them."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str]] = []  # (deco start, deco end, fn end, call)
    scopes: list[tuple[list[ast.stmt], str]] = [(tree.body, "")]
    scopes += [(n.body, " " * (n.col_offset + 4)) for n in tree.body
               if isinstance(n, ast.ClassDef)]
    for body, pad in scopes:
        for node in body:
            if not isinstance(node, ast.FunctionDef) or len(node.decorator_list) != 1:
                continue
            deco = node.decorator_list[0]
            if not _wanted(deco, bool(pad)):
                continue
            source = ast.get_source_segment(text, deco)
            assert source is not None and node.end_lineno is not None
            call = " ".join(source.split())
            edits.append((deco.lineno - 1, deco.end_lineno or deco.lineno, node.end_lineno,
                          f"{pad}{node.name} = {call}({node.name})\n"))
    for start, end, fn_end, call in sorted(edits, reverse=True):
        lines[fn_end:fn_end] = ["\n", call]
        del lines[start:end]
    return "".join(lines)


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        after = undecorate(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
