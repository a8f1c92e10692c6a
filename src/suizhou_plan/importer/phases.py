"""Phases (實施步驟 with date ranges) and their deliverables as milestones."""

from __future__ import annotations

import re

from suizhou_plan.importer.deadlines import Period, find_period
from suizhou_plan.importer.draft import DraftMilestone, DraftPhase
from suizhou_plan.importer.findings import FindingLog
from suizhou_plan.importer.outline import Node
from suizhou_plan.importer.script import compile_either

STEPS_HEADING = compile_either(
    r"实施步骤|实施安排|进度安排|时间安排|工作步骤|推进步骤|实施阶段|步骤安排|阶段安排|时间进度|"
    r"工作安排|实施进度|推进计划|时间表"
)
_STAGE = compile_either(r"阶段")
_THEME = compile_either(
    r"(主要任务是|主要任务为|重点是|重点任务是|重点为)(?P<theme>[^。；;，,]+)[。；;，,]?"
)
_STAGE_NAME = compile_either(
    r"^(第[一二三四五六七八九十\d]+阶段|(?P<name>[^（(，,。：:\s]{2,12}?)阶段)"
)
_JOIN_NEXT = compile_either(r"^(通过|依托|借助|以|围绕|按照|根据|在)")
_JOIN_PREV = compile_either(r"^(实现|确保|进而|从而|以便|力争|推动形成)")


def is_phase(node: Node, in_steps: bool) -> Period | None:
    head = re.split(r"[。：:]", node.text, maxsplit=1)[0]
    if not (in_steps or _STAGE.search(head)):
        return None
    if not (_STAGE.search(head) or re.search(r"\d{4}\s*年", head[:30])):
        return None
    return find_period(head)


def build_phase(node: Node, period: Period, number: int, log: FindingLog) -> DraftPhase:
    text = node.body
    theme_match = _THEME.search(text)
    name_match = _STAGE_NAME.match(node.text)
    theme = theme_match.group("theme") if theme_match else (
        name_match.group("name") if name_match and name_match.group("name") else None)
    rest = text[theme_match.end():] if theme_match else _after_head(text, period)
    phase = DraftPhase(f"P{number}", number, theme, period.text, period.start, period.end,
                       node.line)
    titles = [t for t in split_deliverables(rest)]
    for child in node.children:
        titles.extend(split_deliverables(child.body))
    for i, title in enumerate(titles, start=1):
        phase.milestones.append(DraftMilestone(f"P{number}-M{i}", title, node.line))
    if not titles:
        log.add("phase-without-deliverables", node.line, number=str(number),
                period=period.text)
    return phase


def _after_head(text: str, period: Period) -> str:
    index = text.find(period.text)
    rest = text[index + len(period.text):] if index >= 0 else text
    rest = rest.lstrip("）)】]：:，,。 ")
    return rest


def split_deliverables(text: str) -> list[str]:
    """Sentences, then clauses; a clause that only says how (「通過…」) joins the next, and a
    clause that says what for (「實現…」) joins the one before."""
    out: list[str] = []
    for sentence in re.split(r"[。；;\n]", text):
        parts = re.split(r"([，,])", sentence)
        clauses = [(parts[i].strip(), parts[i + 1] if i + 1 < len(parts) else "")
                   for i in range(0, len(parts), 2)]
        clauses = [(c, s) for c, s in clauses if c]
        groups: list[list[tuple[str, str]]] = []
        join_next = False
        for index, (clause, sep) in enumerate(clauses):
            if join_next or (_JOIN_PREV.match(clause) and groups):
                groups[-1].append((clause, sep))
            else:
                groups.append([(clause, sep)])
            join_next = bool(_JOIN_NEXT.match(clause)) and index + 1 < len(clauses)
        for group in groups:
            out.append("".join(c + s for c, s in group[:-1]) + group[-1][0])
    return out
