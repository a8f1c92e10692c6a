"""The output media of a command, one record each: what `--format NAME` writes and how.

A command's registry is both its `--format` choice (`Registry.names`, in the order `--help`
lists them) and its dispatch (`registry[name]`): adding a medium is adding a record, and no
command asks which format it was given by name.  The records of each command are in the
module of its media (`check_formats`, `duty_formats`, `assess_formats`); this module holds
what they share and imports nothing a command's start-up would not."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from suizhou_plan.i18n import Msg

M = TypeVar("M")  # the model a command's media lay out
BOM = b"\xef\xbb\xbf"  # before UTF-8 text, so that Excel does not read it as the ANSI code page


class Medium(Generic[M]):
    """One `--format`: its name, its files' extension, where it may go, and its renderer.

    `render` lays the command's model out (text, or bytes for an office program) and computes
    nothing of its own: whatever two media would both work out is in the model.  (A plain
    class, not a dataclass: a command imports its media on every start, and a dataclass costs
    a millisecond to define.)"""

    __slots__ = ("binary", "bom", "extension", "name", "needs_out", "render", "takes_template",
                 "to_file")

    def __init__(self, *, name: str, extension: str, render: Callable[[M], str | bytes],
                 binary: bool = False, needs_out: Msg | None = None, to_file: bool = False,
                 takes_template: bool = False, bom: bool = False) -> None:
        self.name = name
        self.extension = extension  # of the files it is written to, without the dot
        self.render = render
        self.binary = binary  # bytes for an office program (Word, Excel), never for a terminal
        self.needs_out = needs_out  # it goes only to a file: what to say when --out is missing
        self.to_file = to_file  # `--out FILE` writes it into that file
        self.takes_template = takes_template  # `--template FILE.docx` gives it office styles
        self.bom = bom  # its text starts with a byte-order mark (CSV for Excel)

    def encode(self, content: str | bytes) -> bytes:
        """What `render` gave, as the bytes of a file (text in UTF-8)."""
        if isinstance(content, bytes):
            return content
        data = content.encode("utf-8")
        return BOM + data if self.bom else data


MediumT = TypeVar("MediumT", bound="Medium[Any]")


class Registry(Generic[MediumT]):
    """A command's media, in the order `--help` lists them."""

    def __init__(self, media: Sequence[MediumT]) -> None:
        self._media = {medium.name: medium for medium in media}

    @property
    def names(self) -> list[str]:
        """The `--format` choices."""
        return list(self._media)

    def __getitem__(self, name: str) -> MediumT:
        return self._media[name]

    def __iter__(self) -> Iterator[MediumT]:
        return iter(self._media.values())
