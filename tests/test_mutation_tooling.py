"""tools/undecorate_rules.py, which lets mutmut reach the rule bodies (docs/testing.md)."""

from __future__ import annotations

import ast
import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("undecorate_rules",
                                               ROOT / "tools" / "undecorate_rules.py")
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
undecorate = _module.undecorate

SAMPLE = '''\
registered = []


def rule(code, slug):
    def wrap(fn):
        registered.append((code, slug, fn.__name__, fn.__doc__))
        return fn
    return wrap


@rule("SZ1",
      "first")
def first(ctx):
    """Doc."""
    return ctx + 1


class Light:
    @property
    def rank(self):
        return 3


@staticmethod
def untouched():
    return 0
'''


def test_decorators_become_calls_after_the_function():
    after = undecorate(SAMPLE)
    assert 'first = rule("SZ1", "first")(first)\n' in after
    assert "    rank = property(rank)\n" in after
    assert "@staticmethod\ndef untouched" in after  # other decorators stay
    assert "@rule" not in after and "@property" not in after
    scope: dict[str, object] = {}
    exec(compile(after, "sample", "exec"), scope)
    assert scope["registered"] == [("SZ1", "first", "first", "Doc.")]
    assert scope["first"](1) == 2  # type: ignore[operator]
    assert scope["Light"]().rank == 3  # type: ignore[operator]


def test_every_rule_module_keeps_its_rules():
    for path in sorted((ROOT / "src" / "suizhou_plan" / "rules").glob("*.py")):
        before = path.read_text(encoding="utf-8")
        after = undecorate(before)
        ast.parse(after)
        # (in the mutation run's scratch copy the sources are already rewritten)
        assert after.count(" = rule(") == before.count("\n@rule(") + before.count(" = rule(")
        assert undecorate(after) == after
