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


def _by_phrase(ms: DraftMilestone, tasks: list[tuple[DraftTask, str]]) -> list[str]:
    title = _letters(ms.title)
    for size in (6, 5, 4):
        hits: list[str] = []
        for piece in sorted(_phrases(title, size)):
            holders = [t.id for t, letters in tasks if piece in letters]
            if 1 <= len(holders) <= 2:
                hits.extend(h for h in holders if h not in hits)
        if hits:
            return hits
    return []


def _closest(ms: DraftMilestone, tasks: list[tuple[DraftTask, str]]) -> list[str]:
    want = _pairs(_letters(ms.title))
    best = max(tasks, key=lambda t: (len(want & _pairs(t[1])), -t[0].line), default=None)
    return [best[0].id] if best else []


def link_milestones(plan: DraftPlan, log: FindingLog) -> None:
    tasks = [(t, _letters(t.text)) for t in plan.tasks]
    for phase in plan.phases:
        by_words: list[str] = []
        closest: list[str] = []
        parts: list[Phrase] = []
        for ms in phase.milestones:
            ms.tasks = _by_phrase(ms, tasks)
            if ms.tasks:
                by_words.append(f"{ms.id}→{','.join(ms.tasks)}")
                continue
            ms.tasks = _closest(ms, tasks)
            closest.append(f"{ms.id}→{','.join(ms.tasks)}")
        if phase.milestones:
            if by_words:
                parts.append(phrase("links-by-words", links="; ".join(by_words)))
            if closest:
                parts.append(phrase("links-closest", links="; ".join(closest)))
            log.add("milestone-links", phase.line, phase=phase.id, links=tuple(parts))
