"""Looking units up: exact ids, names and aliases first, script-blind keys second."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from suizhou_plan.base.names import closest, name_key
from suizhou_plan.model.agency import Agency


@dataclass(frozen=True)
class Lookup:
    """The result of looking a typed name up: one agency, several, or none (with suggestions)."""

    query: str
    matches: tuple[Agency, ...]
    suggestions: tuple[str, ...] = ()


class AgencyRegistry:
    def __init__(self, agencies: Iterable[Agency]) -> None:
        self.agencies: list[Agency] = list(agencies)
        self.by_id: dict[str, Agency] = {}
        self._exact: dict[str, Agency] = {}
        for agency in self.agencies:
            self.by_id.setdefault(agency.id, agency)
        for agency in self.agencies:
            for label in self.labels(agency):
                self._exact.setdefault(label, agency)
        self._keys: dict[str, list[Agency]] | None = None

    @staticmethod
    def labels(agency: Agency) -> list[str]:
        out = [agency.id, agency.name, *agency.aliases]
        if agency.full_name:
            out.append(agency.full_name)
        return out

    def exact(self, text: str) -> Agency | None:
        """The unit written exactly as its id, name, full name or an alias (plan references)."""
        return self._exact.get(text)

    def _key_index(self) -> dict[str, list[Agency]]:
        if self._keys is None:
            keys: dict[str, list[Agency]] = {}
            for agency in self.agencies:
                for label in self.labels(agency):
                    bucket = keys.setdefault(name_key(label), [])
                    if agency not in bucket:
                        bucket.append(agency)
            self._keys = keys
        return self._keys

    def find(self, text: str) -> Lookup:
        """What a person typed: exact first, then script/width/punctuation-blind."""
        hit = self.exact(text.strip())
        if hit is not None:
            return Lookup(text, (hit,))
        key = name_key(text)
        index = self._key_index()
        found = index.get(key, [])
        if found:
            return Lookup(text, tuple(found))
        if len(key) >= 2:
            partial: list[Agency] = []
            for label_key, agencies in index.items():
                if key in label_key:
                    partial.extend(a for a in agencies if a not in partial)
            if partial:
                return Lookup(text, tuple(partial))
        return Lookup(text, (), tuple(self.suggest(text)))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Names (as the plan writes them) closest to `text`, for did-you-mean."""
        labels = {label: agency for agency in self.agencies for label in self.labels(agency)}
        out: list[str] = []
        for label in closest(text, labels, n=n * 2):
            name = labels[label].name
            if name not in out:
                out.append(name)
        return out[:n]
