"""Who holds what, as of when: the one answer every view takes its holders from.

An item names units (`units:`, resolved in `index.py`).  As of a date, each named unit's
part of the item is held by:

- the unit itself, while it is in office;
- its successor once a recorded rename (`change.successor`) has taken effect.  The
  handover day is the day after `change.valid_until` (the last day of the old unit), or
  else the day after `change.known_by` (the date by which the new name is seen at the
  latest), the same cut-off as the `defunct-agency` rule.  Before it, the predecessor
  holds the duty, marked with the change's confidence;
- nobody new when the change has no date at all: an undated change (隨州銀保監分局 →
  國家金融監督管理總局隨州監管分局, `likely`) never moves a duty, since moving it would assert
  a date nobody knows.  The duty stays with the unit the plan names, the lineage shows the
  probable successor and its confidence, and `possibly-renamed` asks for the date;
- each member of a collective (各縣、市、區人民政府 → 隨縣, 廣水市, 曾都區), `via` the collective.

A unit holds an item at most once: named directly beats through a collective beats through a
predecessor (the first in that order decides the role).  A lineage (「市政數局 → 隨州市數據局」)
is one row in every per-unit view, whose duties are those of the unit in office on the date,
so no total counts an item twice.

Built in one pass over the items (an inverted index unit → holdings), so asking for every
unit's duties costs what one pass costs; nothing here compares pydantic objects by value.

Whatever the date, `ever_holding` gives every unit that holds, held or will hold a part of an
item: who may report progress on it (`reporters.py`).  Every rename chain here is walked by
`office.with_successors`, the one successor walk the record of an item uses too."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from suizhou_plan.i18n import Msg, Word
from suizhou_plan.model.agency import Agency
from suizhou_plan.views.index import Item, PlanIndex
from suizhou_plan.views.office import with_successors
from suizhou_plan.views.registry import AgencyRegistry

CONFIDENCE = {  # how sure a recorded rename is, as a word of the catalogue
    "confirmed": Word("confidence:confirmed", "confirmed"),
    "likely": Word("confidence:likely", "likely"),
    "unconfirmed": Word("confidence:unconfirmed", "unconfirmed"),
}

Role = Literal["lead", "support"]
ViaKind = Literal["collective", "predecessor"]
NOT_ACCOUNTABLE = frozenset({"placeholder", "collective"})
_RANK = {None: 0, "collective": 1, "predecessor": 2}


class Holding(NamedTuple):
    """One unit's part in one item, as of the date (a named tuple: a large plan has
    millions of them)."""

    item: Item
    role: Role
    via: Agency | None  # the collective or predecessor the duty comes through
    via_kind: ViaKind | None


@dataclass
class Counts:
    """What the holders have cost in this process so far, as `yamltree.PARSE_COUNT` counts
    YAML parses: tests read it to prove that a command makes and builds its holders once and
    looks each named unit up once per item."""

    made: int = 0  # `Holders` made
    built: int = 0  # inverted indexes (unit → holdings) built
    lookups: int = 0  # holder look-ups made while building (one per unit named per item)


COUNTS = Counts()


def members(registry: AgencyRegistry, agency: Agency) -> list[Agency]:
    """The units a collective stands for (隨縣, 廣水市, 曾都區 for 各縣、市、區人民政府), those
    agencies.yaml defines; empty for any other unit."""
    return [found for m in agency.members if (found := registry.by_id.get(m)) is not None]


def ever_holding(registry: AgencyRegistry, item: Item) -> list[Agency]:
    """Every unit that holds a part of `item` on some date, in document order, each once:
    each unit it names, each member of a collective it names (and the collective), and every
    unit either was renamed into, dated or not (an undated rename moves no duty yet, but the
    successor is who will hold it)."""
    out: dict[str, Agency] = {}
    for named in item.resolved:
        for unit in (named, *members(registry, named)):
            out.update((a.id, a) for a in with_successors(registry, unit) if a.id not in out)
    return list(out.values())


def handover(agency: Agency) -> date | None:
    """The first day the successor holds `agency`'s duties; None: no dated rename."""
    change = agency.change
    if change is None or not change.successor:
        return None
    cutoff = change.valid_until or change.known_by
    return cutoff + timedelta(days=1) if cutoff is not None else None


@dataclass(frozen=True)
class Lineage:
    """A unit and the units it became, oldest first, with the one in office on the date."""

    units: tuple[Agency, ...]
    holder: Agency

    def label(self) -> str:
        """「市政數局 → 隨州市數據局」; a single unit's name when it never changed."""
        return " → ".join(a.name for a in self.units)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.units)

    def note(self) -> str | None:
        """When the duties pass on, and how sure that is; None for an unchanged unit.  A
        `Msg`: English as it stands, any language through `i18n.localise`."""
        note: str | None = None
        for old, new in zip(self.units, self.units[1:], strict=False):
            change = old.change
            assert change is not None
            day = handover(old)
            if day is None:
                when = Msg("date unknown: duties stay with the unit the plan names")
            elif change.valid_until:
                when = Msg("from {day}", day=day)
            else:
                when = Msg("by {day} at the latest; {unit} holds them until then",
                           day=change.known_by, unit=old.name)
            part = Msg("{old} → {new}: {when} ({confidence})", old=old.name, new=new.name,
                       when=when, confidence=CONFIDENCE[change.confidence])
            note = part if note is None else Msg("{first}; {rest}", first=note, rest=part)
        return note


class Holders:
    """Every unit's holdings as of one date, built once from the index."""

    def __init__(self, index: PlanIndex, as_of: date) -> None:
        COUNTS.made += 1
        self.index = index
        self.as_of = as_of
        registry = index.registry
        self._predecessor: dict[str, str] = {}
        self._members: dict[str, list[Agency]] = {}
        for agency in index.agencies_file.agencies:
            change = agency.change
            succ = registry.by_id.get(change.successor or "") if change is not None else None
            if succ is not None and succ is not agency:
                self._predecessor[succ.id] = agency.id
            if agency.members:
                self._members[agency.id] = members(registry, agency)
        self._held_by: dict[str, Agency] = {}
        self._built: dict[str, list[Holding]] | None = None

    @property
    def _by_unit(self) -> dict[str, list[Holding]]:
        """The inverted index unit id → holdings, built on first use: `lead_of` and
        `holder_of` need only the rename chains, so a plain `check` never pays for it."""
        if self._built is None:
            self._built = self._build()
        return self._built

    def _build(self) -> dict[str, list[Holding]]:
        COUNTS.built += 1
        built: dict[str, list[Holding]] = {}
        paused = gc.isenabled()
        gc.disable()  # millions of small tuples, none in a cycle
        try:
            for item in self.index.items:
                self._add(item, built)
        finally:
            if paused:
                gc.enable()
        return built

    def holder_of(self, agency: Agency) -> Agency:
        """The unit in office on the date that holds what the plan assigns to `agency`."""
        found = self._held_by.get(agency.id)
        if found is not None:
            return found
        chain = with_successors(self.index.registry, agency)
        unit = chain[0]
        for successor in chain[1:]:
            day = handover(unit)
            if day is None or day > self.as_of:
                break
            unit = successor
        self._held_by[agency.id] = unit
        return unit

    def _add(self, item: Item, built: dict[str, list[Holding]]) -> None:
        best: dict[str, tuple[int, Holding]] = {}
        lead = item.lead
        for named in item.resolved:
            role: Role = "lead" if named is lead else "support"
            targets: list[tuple[Agency, Agency | None, ViaKind | None]]
            if named.members:
                targets = [(self.holder_of(m), named, "collective")
                           for m in self._members.get(named.id, ())]
            else:
                holder = self.holder_of(named)
                targets = [(holder, None, None) if holder is named
                           else (holder, named, "predecessor")]
            COUNTS.lookups += 1
            for unit, via, via_kind in targets:
                rank = _RANK[via_kind]
                known = best.get(unit.id)
                if known is None or rank < known[0]:
                    best[unit.id] = (rank, Holding(item, role, via, via_kind))
        for unit_id, (_, holding) in best.items():
            built.setdefault(unit_id, []).append(holding)
        for named in item.resolved:  # the collective itself holds what names it
            if named.members:
                built.setdefault(named.id, []).append(
                    Holding(item, "lead" if named is lead else "support", None, None))

    def lead_of(self, item: Item) -> Agency | None:
        """The lead on the date: the unit in office for the item's lead (a collective lead
        stays the collective, which names no single unit)."""
        lead = item.lead
        if lead is None or lead.members:
            return lead
        return self.holder_of(lead)

    def by_item(self) -> dict[int, list[tuple[Agency, Holding]]]:
        """Every item's holders (by the item's identity), units in registry order: the same
        holdings as `of`, turned around, for exports."""
        out: dict[int, list[tuple[Agency, Holding]]] = {}
        for agency in self.index.agencies_file.agencies:
            for holding in self._by_unit.get(agency.id, ()):
                out.setdefault(id(holding.item), []).append((agency, holding))
        return out

    def of(self, agency: Agency) -> list[Holding]:
        """What `agency` holds on the date, in plan order (empty when out of office)."""
        return self._by_unit.get(agency.id, [])

    def lineage(self, agency: Agency) -> Lineage:
        """The chain of renames `agency` belongs to, and its unit in office on the date."""
        preds = self._predecessor
        root = agency
        seen = {root.id}
        while root.id in preds and preds[root.id] not in seen:
            root = self.index.registry.by_id[preds[root.id]]
            seen.add(root.id)
        chain = with_successors(self.index.registry, root)
        return Lineage(tuple(chain), self.holder_of(root))

    def lineages(self) -> list[Lineage]:
        """One per accountable unit or rename chain (placeholders and collectives left out,
        their duties being counted under the members), in registry order of the oldest."""
        out: list[Lineage] = []
        placed: set[str] = set()
        for agency in self.index.agencies_file.agencies:
            if agency.kind in NOT_ACCOUNTABLE or agency.id in placed:
                continue
            line = self.lineage(agency)
            placed.update(line.ids)
            out.append(line)
        return out
