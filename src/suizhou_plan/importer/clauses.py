"""Document-wide clauses that change every task: units added to all tasks
(「以下各項任務各縣市區均需配合落實，不再列出」) and the lead convention
(「列第一位者為牽頭單位」)."""

from __future__ import annotations

from dataclasses import dataclass

from suizhou_plan.importer.document import Block
from suizhou_plan.importer.script import compile_either
from suizhou_plan.importer.unit_list import split_units

_NOT_LISTED = compile_either(
    r"不再(一一|单独|逐一|重复)?(列出|列明|标注|标明|列举|注明|做分工|分工)"
)
_ALL_TASKS = compile_either(
    r"(各项|所有|全部|以下|下列|上述|以上)?[^，,。；;]*?(任务|工作)[，,]?\s*(?P<units>[^，,。；;]+?)"
    r"(均需|均须|均要|均应|都要|都需|都应|需|须|要|应)(积极)?(配合|参与|负责|抓好|落实|承担)"
)
_ALL_NEED = compile_either(
    r"(以下|下列|上述|以上|各项|所有)?[^，,。；;]*?(任务|工作)(均|都)(需|须|要|由)(?P<units>[^，,。；;]+?)"
    r"(配合|参与|负责|抓好|落实|承担)"
)
_INVOLVES = compile_either(
    r"(任务|工作)?(均|都)?涉及(?P<units>[^，,。；;]{2,30}?)[，,]\s*不再"
)
_LEAD_RULE = compile_either(
    r"(列|排|排名|排序|列于|列在)(在)?(第一位|首位|第一|最前)[的者]?(的)?(单位|责任单位|部门)?"
    r"(为|是|系)(牵头|主责)(单位|部门)?"
)


@dataclass(frozen=True)
class AddedUnits:
    line: int
    units: list[str]
    scope: str  # following | preceding | all
    text: str


@dataclass(frozen=True)
class LeadRule:
    line: int
    text: str


def find_added_units(blocks: list[Block]) -> list[AddedUnits]:
    out: list[AddedUnits] = []
    for block in blocks:
        if block.cells is not None or not _NOT_LISTED.search(block.text):
            continue
        match = (_ALL_NEED.search(block.text) or _ALL_TASKS.search(block.text)
                 or _INVOLVES.search(block.text))
        if match is None:
            continue
        units = split_units(match.group("units")).units
        head = block.text[: match.start("units")]
        tail = block.text[match.end():]
        scope = ("following" if any(w in head for w in ("以下", "下列")) or "下同" in tail else
                 "preceding" if any(w in head for w in ("上述", "以上")) else "all")
        if units:
            out.append(AddedUnits(block.line, units, scope, match.group()))
    return out


def find_lead_rule(blocks: list[Block]) -> LeadRule | None:
    for block in blocks:
        match = _LEAD_RULE.search(block.text)
        if match:
            return LeadRule(block.line, match.group())
    return None
