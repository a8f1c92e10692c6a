"""Name keys that do not care about script, width or punctuation.

Officials type unit names in simplified or traditional script, short or full form, with
full-width or ASCII punctuation.  `name_key` folds all of that: Unicode NFKC (full-width →
half-width), traditional → simplified with OpenCC, then spaces and punctuation stripped.
OpenCC is imported on first use only: exact lookups never need it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_converter: Any = None


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        # lazy: only _t2s() needs it (+3 ms: opencc)
        import opencc

        _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))


@lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = _t2s(folded)
    kept = (
        ch
        for ch in folded
        if not unicodedata.category(ch).startswith(("P", "Z", "S", "C"))
    )
    return "".join(kept).lower()


def closest(query: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Candidates nearest to `query` by their name keys, best first (no duplicates)."""
    keyed: dict[str, str] = {}
    for cand in candidates:
        keyed.setdefault(name_key(cand), cand)
    qkey = name_key(query)
    if not qkey:
        return []
    # lazy: only closest() needs it (+1 ms)
    import difflib  # only for a name that was not found

    hits = [keyed[k] for k in difflib.get_close_matches(qkey, list(keyed), n=n, cutoff=0.5)]
    for key, cand in keyed.items():
        if len(hits) >= n:
            break
        if cand not in hits and (qkey in key or key in qkey):
            hits.append(cand)
    return hits
