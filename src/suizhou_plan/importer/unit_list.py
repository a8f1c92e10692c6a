"""Splitting a written list of units into units.

「，」 often separates groups and 「、」 units within a group, but a collective holds the
separator itself (「各縣、市、區人民政府」), so fragments that are only administrative levels
(「各縣」「市」) are joined back to the unit they belong to.  「等」 ending a list means the list
is not complete, which the caller reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from suizhou_plan.importer.brackets import split_top_level
from suizhou_plan.importer.script import compile_either

SEPARATORS = "、，,；;/／ \u3000\t\n"
_LEVEL_FRAGMENT = compile_either(r"各?[省市县区州盟旗乡镇]{1,2}")
_AND = re.compile("以及|及其|及")
_GENERIC = compile_either(r"(单位|部门|机构|企业|直属机构|直属单位)")
_ETC = re.compile(r"(等|等单位|等單位|等部门|等部門|等有关单位|等有關單位)$")
_EDGE = "。．.：:；;，,、 \u3000"
_LEADING = re.compile("^(由|请|請|和|及)")


@dataclass(frozen=True)
class UnitList:
    units: list[str]
    ends_with_etc: bool
    notes: list[str] = field(default_factory=list)


def split_units(raw: str) -> UnitList:
    text = raw.strip(_EDGE)
    etc = False
    match = _ETC.search(text)
    if match:
        etc = True
        text = text[: match.start()]
    pieces: list[str] = []
    for part in split_top_level(text, SEPARATORS):
        for sub in _split_and(part):
            sub = _LEADING.sub("", sub.strip(_EDGE))
            if sub:
                pieces.append(sub)
    pieces, notes = _without_notes(pieces)
    for index, piece in enumerate(pieces):
        if piece.endswith("等") and len(piece) > 3:  # 「A等，各縣政府」: 等 ends a group
            pieces[index] = piece[:-1]
            etc = True
    units: list[str] = []
    i = 0
    while i < len(pieces):
        current = pieces[i]
        last = current
        while _LEVEL_FRAGMENT.fullmatch(last) and i + 1 < len(pieces):
            i += 1
            last = pieces[i]
            current = f"{current}、{last}"
        if units and _GENERIC.fullmatch(current):  # 「市直有關部門、單位」 is one phrase
            units[-1] = f"{units[-1]}、{current}"
        else:
            units.append(current)
        i += 1
    if units:
        tail = _ETC.search(units[-1])
        if tail:
            etc = True
            units[-1] = units[-1][: tail.start()]
            if not units[-1]:
                units.pop()
    return UnitList(units, etc, notes)


_NOTE = re.compile(r"[（(]([^（()）]*)[）)]$")


def _without_notes(pieces: list[str]) -> tuple[list[str], list[str]]:
    """A bracketed remark after a unit (「（除標注外，列第一位為牽頭單位，下同）」) is a note,
    not part of the name; a short one (「（市教育考試院）」) stays with the unit."""
    out: list[str] = []
    notes: list[str] = []
    for piece in pieces:
        match = _NOTE.search(piece)
        if match and (len(match.group(1)) > 12 or re.search(r"[，,。；;]|下同|牵头|牽頭",
                                                             match.group(1))):
            notes.append(match.group(1))
            piece = piece[: match.start()].strip()
        if piece:
            out.append(piece)
    return out, notes


def _split_and(part: str) -> list[str]:
    """「A以及B」 and 「A及B」 between two units; 及 inside a name (rare) is left alone when
    either side would be a single character."""
    pieces = _AND.split(part)
    if len(pieces) > 1 and all(len(p) >= 2 for p in pieces):
        return pieces
    return [part]
