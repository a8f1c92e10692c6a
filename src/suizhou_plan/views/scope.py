"""Narrowing a report to one phase, one unit or one section (`--phase/--agency/--section`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from suizhou_plan.base.finding import Finding
from suizhou_plan.model.agency import Agency
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import Item, PlanIndex


@dataclass(frozen=True)
class Scope:
    phase: int | None = None
    agency: Agency | None = None
    section: str | None = None  # section name
    held: frozenset[int] | None = None  # with `agency`: identities of the items it holds

    def holding(self, holders: Holders) -> Scope:
        """This scope with `agency`'s items as of the holders' date (renames, collectives),
        so that `--agency` keeps what `suizhou duties` lists."""
        if self.agency is None:
            return self
        held = frozenset(id(h.item) for h in holders.of(self.agency))
        return replace(self, held=held)

    @property
    def narrowed(self) -> bool:
        return self.phase is not None or self.agency is not None or self.section is not None

    @staticmethod
    def holders(item: Item) -> set[str]:
        """Ids of every unit holding `item`, collectives expanded to their members."""
        out: set[str] = set()
        for agency in item.agencies:
            out.add(agency.id)
            out.update(agency.members)
        return out

    def keeps_item(self, index: PlanIndex, item: Item) -> bool:
        if self.phase is not None and (item.phase is None or item.phase.number != self.phase):
            return False
        if self.section is not None and item.section != self.section:
            return False
        if self.agency is None:
            return True
        if self.held is not None:
            return id(item) in self.held
        return self.agency.id in self.holders(item)

    def keeps_finding(self, index: PlanIndex, finding: Finding) -> bool:
        if not self.narrowed:
            return True
        for ident in (finding.milestone, finding.task):
            item = index.by_id.get(ident or "")
            if item is not None:
                return self.keeps_item(index, item)
        if self.agency is not None:
            return finding.agency == self.agency.id
        return self.phase is None or finding.phase is None or any(
            p.id == finding.phase and p.number == self.phase for p in index.tasks_file.phases)
