"""Linking each phase deliverable to the tasks it advances.

The document does not draw these links, and a milestone linked to nothing is unassigned, so
every link is a proposal listed for review: first the tasks that share a distinctive phrase
(four characters or more, such as 「神農云二期」) with the milestone; failing that, the task
whose wording is closest (most shared character pairs)."""

from __future__ import annotations

from suizhou_plan.importer.draft import DraftMilestone, DraftPlan, DraftTask
from suizhou_plan.importer.findings import FindingLog, Phrase, phrase

_COMMON = ("建設", "建设", "推進", "推进", "加快", "開展", "开展", "實施", "实施", "完成",
           "數據", "数据", "平臺", "平台", "應用", "应用", "行業", "行业", "項目", "项目",
           "深化", "持續", "持续", "一并", "一並", "培育", "壯大", "壮大", "達到", "达到")


def _letters(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isalnum())


def _phrases(title: str, size: int) -> set[str]:
    out = set()
    for i in range(len(title) - size + 1):
        piece = title[i:i + size]
        if piece[:2] in _COMMON or piece[-2:] in _COMMON:
            continue
        out.add(piece)
    return out


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} - set(_COMMON)


class _TaskIndex:
    """Which tasks hold each phrase of 4–6 characters and each character pair, built in one
    pass over the tasks' text, so that linking costs a lookup per phrase of a milestone
    instead of a comparison with every task (linear in the document, not quadratic)."""

    CROWD = 3  # a phrase held by more tasks than this says nothing about any one of them
    PAIR_CROWD = 64

    def __init__(self, tasks: list[tuple[DraftTask, str]], titles: list[str]) -> None:
        """Only the phrases and pairs that some milestone's title holds are indexed."""
        self.tasks = tasks
        self.phrases: dict[str, list[int]] = {
            piece: [] for title in titles for size in (4, 5, 6)
            for piece in _phrases(_letters(title), size)}
        self.pairs: dict[str, list[int]] = {
            pair: [] for title in titles for pair in _pairs(_letters(title))}
        for number, (_, letters) in enumerate(tasks):
            for size in (4, 5, 6):
                for i in range(len(letters) - size + 1):
                    self._note(self.phrases, letters[i:i + size], number, self.CROWD)
            for i in range(len(letters) - 1):
                self._note(self.pairs, letters[i:i + 2], number, self.PAIR_CROWD)

    @staticmethod
    def _note(index: dict[str, list[int]], key: str, number: int, crowd: int) -> None:
        holders = index.get(key)
        if holders is not None and len(holders) <= crowd and (not holders or holders[-1] != number):
            holders.append(number)


def _by_phrase(ms: DraftMilestone, index: _TaskIndex) -> list[str]:
    """The tasks that share a phrase with the milestone; the phrases go to `link_words`."""
    title = _letters(ms.title)
    for size in (6, 5, 4):
        hits: list[str] = []
        pieces: list[str] = []
        for piece in sorted(_phrases(title, size)):
            holders = index.phrases.get(piece, [])
            if 1 <= len(holders) <= 2:
                ids = [index.tasks[n][0].id for n in holders]
                hits.extend(h for h in ids if h not in hits)
                pieces.append(piece)
        if hits:
            ms.link_how, ms.link_words = "words", pieces
            return hits
    return []


def _closest(ms: DraftMilestone, index: _TaskIndex) -> list[str]:
    counts: dict[int, int] = {}
    for pair in _pairs(_letters(ms.title)):
        holders = index.pairs.get(pair, [])
        if len(holders) > index.PAIR_CROWD:
            continue
        for number in holders:
            counts[number] = counts.get(number, 0) + 1
    if not index.tasks:
        return []
    best = max(range(len(index.tasks)), key=lambda n: (counts.get(n, 0),
                                                       -index.tasks[n][0].line))
    return [index.tasks[best][0].id]


def link_milestones(plan: DraftPlan, log: FindingLog) -> None:
    if not any(phase.milestones for phase in plan.phases):
        return
    index = _TaskIndex([(t, _letters(t.text)) for t in plan.tasks],
                       [ms.title for phase in plan.phases for ms in phase.milestones])
    for phase in plan.phases:
        by_words: list[str] = []
        closest: list[str] = []
        parts: list[Phrase] = []
        for ms in phase.milestones:
            ms.tasks = _by_phrase(ms, index)
            if ms.tasks:
                by_words.append(f"{ms.id}→{','.join(ms.tasks)}")
                continue
            ms.tasks = _closest(ms, index)
            ms.link_how = "closest"
            closest.append(f"{ms.id}→{','.join(ms.tasks)}")
        if phase.milestones:
            if by_words:
                parts.append(phrase("links-by-words", links="; ".join(by_words)))
            if closest:
                parts.append(phrase("links-closest", links="; ".join(closest)))
            log.add("milestone-links", phase.line, phase=phase.id, links=tuple(parts))
