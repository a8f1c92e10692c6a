"""Units as the document writes them → agencies.

Every form the document writes stays exactly as written in `tasks.yaml`; what changes is how
forms are grouped into agencies.  Forms that differ only by script, width or punctuation, by
管委會/管理委員會-style abbreviation, or by an implied 「市」「區」「省」 prefix are one agency
(the first form seen is its name, the others aliases), and the merge is reported.  With a
registry (`--agencies`), forms already in it are matched and only new units are added."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from suizhou_plan.base.names import name_key
from suizhou_plan.importer.findings import FindingLog, phrase
from suizhou_plan.importer.script import compile_either

_ABBREVIATIONS = (("管理委员会", "管委会"), ("委员会", "委"), ("办公室", "办"),
                  ("人民政府", "政府"), ("有限责任公司", "公司"), ("有限公司", "公司"))
_PREFIX = re.compile("^[市区县省州]")
_COLLECTIVE = compile_either(r"^各|各[^，,]{0,6}(单位|部门|政府)$|^(市直|省直|区直)各")
_PLACEHOLDER = compile_either(r"(有关|相关)(部门|单位)|^其他")
_KINDS: tuple[tuple[str, str], ...] = (
    (r"县人民政府$|[县区旗]政府$|^市人民政府.+|[^市]市人民政府$", "county-government"),
    (r"^(市|省|区|县)?人民政府$|^市政府$", "municipal-government"),
    (r"管委会$|管理委员会$", "management-committee"),
    (r"^(市|省|区|县)委|党委|党组|纪委|监委|^(市|县|区)?委.+(部|办)$", "party-organ"),
    (r"人民银行|^人行", "central-bank-branch"),
    (r"银保监|金融监管|证监", "financial-regulator-branch"),
    (r"消防", "fire-rescue-corps"),
    (r"公司$|集团$", "state-owned-company"),
    (r"中心$|院$|馆$|学校$|大学$|台$|站$|所$", "public-institution"),
)
_KIND_PATTERNS = [(compile_either(p), kind) for p, kind in _KINDS]


@dataclass
class UnitEntry:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    first_line: int = 0
    registered: Any = None  # the registry's Agency when matched
    note: str | None = None


def guess_kind(name: str) -> str:
    if _COLLECTIVE.search(name) or _PLACEHOLDER.search(name):
        return "placeholder"
    for pattern, kind in _KIND_PATTERNS:
        if pattern.search(name):
            return kind
    return "municipal-department"


def merge_key(name: str) -> str:
    key = name_key(name)
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key


@dataclass
class UnitTable:
    entries: list[UnitEntry]
    registry_agencies: list[Any]  # the registry's agencies, written first, aliases added
    added_aliases: dict[str, list[str]]


def build_units(seen: Iterable[tuple[str, int]], registry: Any | None,
                log: FindingLog) -> UnitTable:
    """`seen`: (form as written, line), in document order, repeats included."""
    order: list[str] = []
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for form, line in seen:
        if form not in first:
            order.append(form)
            first[form] = line
        count[form] = count.get(form, 0) + 1
    added: dict[str, list[str]] = {}
    remaining: list[str] = []
    for form in order:
        agency = _match_registry(form, registry, first[form], log) if registry else None
        if agency is None:
            remaining.append(form)
        elif registry is not None and form not in registry.labels(agency):
            added.setdefault(agency.id, []).append(form)
    entries = _group(remaining, first, log)
    taken = {a.id for a in registry.agencies} if registry else set()
    width = max(2, len(str(len(entries))))
    number = 0
    for entry in entries:
        number += 1
        while f"u{number:0{width}d}" in taken:
            number += 1
        entry.id = f"u{number:0{width}d}"
        if entry.kind == "placeholder" and _COLLECTIVE.search(entry.name):
            entry.note = ("a collective: list the units it stands for under `members` and "
                          "set `kind: collective`")
            log.add("collective-members", entry.first_line, name=entry.name)
    _report_singletons(entries, count, log)
    return UnitTable(entries, list(registry.agencies) if registry else [], added)


def _match_registry(form: str, registry: Any, line: int, log: FindingLog) -> Any:
    exact = registry.exact(form)
    if exact is not None:
        return exact
    key = merge_key(form)
    for agency in registry.agencies:
        labels = registry.labels(agency)
        if any(merge_key(label) == key for label in labels) or any(
                _PREFIX.sub("", merge_key(label)) == key or merge_key(label) ==
                _PREFIX.sub("", key) for label in labels if len(key) >= 3):
            log.add("registry-match", line, form=form, name=agency.name, id=agency.id)
            return agency
    hints = registry.suggest(form)
    if hints:
        log.add("registry-near-miss", line, form=form, hints="、".join(hints))
    return None


def _group(forms: list[str], first: dict[str, int], log: FindingLog) -> list[UnitEntry]:
    entries: list[UnitEntry] = []
    by_key: dict[str, UnitEntry] = {}
    for form in forms:
        key = merge_key(form)
        entry = by_key.get(key)
        how = phrase("merge-script")
        if entry is None and len(key) >= 3 and not _PREFIX.match(key):
            for prefix in "市区县省":
                entry = by_key.get(prefix + key)
                if entry is not None:
                    how = phrase("merge-prefix", prefix=prefix)
                    break
        if entry is None:
            entry = UnitEntry("", form, guess_kind(form), first_line=first[form])
            entries.append(entry)
            by_key[key] = entry
            continue
        entry.aliases.append(form)
        log.add("merged-unit", first[form], form=form, name=entry.name, how=how)
    return entries


def _report_singletons(entries: list[UnitEntry], count: dict[str, int],
                       log: FindingLog) -> None:
    """A name written once that is one character off another: a typo, unless both read as
    unit names of the usual shape (市教育局 and 市體育局 are both real)."""
    # lazy: only _report_singletons() needs it (+20 ms: 3 modules)
    from suizhou_plan.importer.assignment import looks_like_unit

    keys = {e.name: merge_key(e.name) for e in entries}
    for entry in entries:
        if count.get(entry.name, 0) != 1 or entry.aliases:
            continue
        if looks_like_unit(entry.name) and len(keys[entry.name]) < 6:
            continue
        others = [e.name for e in entries if e is not entry]
        near = difflib.get_close_matches(keys[entry.name], [keys[o] for o in others], n=1,
                                         cutoff=0.75)
        if near:
            other = next(o for o in others if keys[o] == near[0])
            log.add("lookalike-unit", entry.first_line, name=entry.name, other=other)
