"""What the import is unsure of: one record per spot, with the document's line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportFinding:
    """`slug` names the kind of doubt; `line` is the document's line (paragraph for .docx),
    None for a finding about the whole document."""

    slug: str
    line: int | None
    message: str
    hint: str = ""
    task: str | None = None


class FindingLog:
    def __init__(self) -> None:
        self.items: list[ImportFinding] = []

    def add(self, slug: str, line: int | None, message: str, hint: str = "",
            task: str | None = None) -> None:
        self.items.append(ImportFinding(slug, line, message, hint, task))

    def sorted(self) -> list[ImportFinding]:
        return sorted(self.items, key=lambda f: (f.line is not None, f.line or 0))
