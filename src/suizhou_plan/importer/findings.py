"""What the import is unsure of: one record per spot, with the document's line.

A finding holds a message key and its arguments, not text: the report renders it in the
language asked for (`messages.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Phrase:
    """A part of a message that is itself translated (a scope, a way of merging)."""

    key: str
    args: tuple[tuple[str, str], ...] = ()


Arg = str | Phrase | tuple[Phrase, ...]


@dataclass(frozen=True)
class ImportFinding:
    """`slug` names the kind of doubt; `line` is the document's line (paragraph for .docx),
    None for a finding about the whole document."""

    slug: str
    line: int | None
    key: str
    args: tuple[tuple[str, Arg], ...] = field(default=())
    task: str | None = None

    def text(self, lang: str = "en", escape: Callable[[str], str] | None = None
             ) -> tuple[str, str]:
        """The message and the hint in `lang`; `escape` makes the document's words harmless
        for the medium (Markdown) before they are put in."""
        # lazy: only text() needs it (+15 ms: 2 modules)
        from suizhou_plan.importer.messages import render

        return render(self.key, {name: _arg(value, lang, escape) for name, value in self.args},
                      lang)

    @property
    def message(self) -> str:
        return self.text("en")[0]

    @property
    def hint(self) -> str:
        return self.text("en")[1]


def _arg(value: Arg, lang: str, escape: Callable[[str], str] | None = None) -> str:
    # lazy: only _arg() needs it (+15 ms: 2 modules)
    from suizhou_plan.importer.messages import render

    if isinstance(value, Phrase):
        args = dict(value.args)
        if escape is not None:
            args = {name: escape(text) for name, text in args.items()}
        return render(value.key, args, lang)[0]
    if isinstance(value, tuple):
        return " · ".join(_arg(v, lang, escape) for v in value)
    return escape(value) if escape is not None else value


class FindingLog:
    def __init__(self) -> None:
        self.items: list[ImportFinding] = []

    def add(self, slug: str, line: int | None, key: str | None = None, *,
            task: str | None = None, **args: Arg) -> None:
        if task is not None:
            args = {"task": task, **args}
        self.items.append(ImportFinding(slug, line, key or slug, tuple(args.items()), task))

    def sorted(self) -> list[ImportFinding]:
        return sorted(self.items, key=lambda f: (f.line is not None, f.line or 0))


def phrase(key: str, **args: str) -> Phrase:
    return Phrase(key, tuple(args.items()))
