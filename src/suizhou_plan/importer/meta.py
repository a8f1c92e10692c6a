"""The plan's title, issuer and date, from the first lines of the document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from suizhou_plan.importer.document import Block
from suizhou_plan.importer.findings import FindingLog
from suizhou_plan.importer.script import compile_either

_TITLE_END = compile_either(
    r"(实施方案|行动计划|行动方案|工作方案|分工方案|任务分工|工作要点|实施意见|实施细则|方案|计划|规划|意见|要点|清单|责任分解|任务分解|分工表|分工)$"
)
_QUOTED_TITLE = re.compile(r"《([^》]{4,60})》")
_JUNK = re.compile(r"^[?？�\ufffd\s]+")
_ISSUER = compile_either(
    r"^(?P<issuer>[^，,。：:\s]{2,30}?(人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公厅|办公室|委员会|领导小组))"
    r"(关于|印发|\s*$)"
)
_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
PENDING = "（待確認）"


@dataclass
class Meta:
    title: str
    issuer: str
    issued: date
    repairs: list[tuple[str, str, str]] = field(default_factory=list)
    title_line: int | None = None
    guessed: set[str] = field(default_factory=set)  # fields written as placeholders


def read_meta(blocks: list[Block], log: FindingLog, fallback_year: int | None) -> Meta:
    head = [b for b in blocks[:40] if b.cells is None]
    title, title_line, repairs = _title(head, log)
    issuer = _issuer(head, title)
    if issuer is None:
        issuer = PENDING
        log.add("issuer-missing", None, pending=PENDING)
    issued = _issued(head)
    issued_missing = issued is None
    if issued is None:
        years = [int(y) for b in head for y in re.findall(r"(\d{4})\s*年", b.text)]
        title_years = re.findall(r"(\d{4})", title or "")
        year = (int(title_years[0]) if title_years else fallback_year
                or (min(years) if years else 2000))
        issued = date(year, 1, 1)
        log.add("issued-missing", None, date=issued.isoformat())
    guessed = {name for name, missing in (("title", not title), ("issuer", issuer == PENDING),
                                          ("issued", issued_missing)) if missing}
    return Meta(title or PENDING, issuer, issued, repairs, title_line, guessed)


def _title(head: list[Block], log: FindingLog) -> tuple[str | None, int | None,
                                                      list[tuple[str, str, str]]]:
    for block in head:
        text = block.text.strip()
        clean = _JUNK.sub("", text)
        bare = re.sub(r"[（(][^（()）]*[）)]$", "", clean)
        if (block.heading == 1 or _TITLE_END.search(bare)) and 4 <= len(clean) <= 60 \
                and not re.match(r"^[（(]?[一二三四五六七八九十\d]", clean):
            clean = _whole_title(clean.strip("《》"), head)
            repairs = []
            if clean != text and text.startswith(("?", "？", "\ufffd")):
                repairs.append((text, clean, "The title line is preceded by damaged "
                                "characters in the copy."))
                log.add("repaired-title", block.line, text=text[:20])
            return clean, block.line, repairs
    for block in head:
        match = _QUOTED_TITLE.search(block.text)
        if match:
            return match.group(1), block.line, []
    log.add("title-missing", None, pending=PENDING)
    return None, None, []


def _whole_title(title: str, head: list[Block]) -> str:
    """A title broken over two lines (「…重點工作」 / 「任務分解和責任分工方案」) is given whole
    by the notice that issues it: 「現將《…任務分解和責任分工方案》印發給你們」."""
    for block in head:
        for quoted in _QUOTED_TITLE.findall(block.text):
            joined = "".join(quoted.split())
            if joined != title and joined.endswith(title):
                return joined
    return title


_ISSUER_LABEL = compile_either(
    r"(发布机构|发文机关|发文机构|发布单位|发文单位)\s*[:：]\s*(?P<issuer>[^\s，,；;|]{2,30})"
)


def _issuer(head: list[Block], title: str | None) -> str | None:
    for block in head:
        labelled = _ISSUER_LABEL.search(block.text)
        if labelled:
            return labelled.group("issuer")
    for block in head:
        match = _ISSUER.match(block.text.strip())
        if match:
            return match.group("issuer")
    return None


_DATED = compile_either(
    r"(成文日期|印发日期|发文日期|发布日期|生成日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]"
    r"\s*(\d{1,2})"
)


def _issued(head: list[Block]) -> date | None:
    """The date line under the issuer (「2021年11月12日」), else the page's 「成文日期」."""
    for block in head:
        match = _DATED.search(block.text)
        if match and "成文" in match.group(1):
            try:
                return date(int(match[2]), int(match[3]), int(match[4]))
            except ValueError:
                pass
    for block in head:
        match = _FULL_DATE.fullmatch(block.text.strip()) or (
            _FULL_DATE.search(block.text) if "印發" in block.text or "印发" in block.text
            else None)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    for block in head:
        match = _DATED.search(block.text)
        if match:
            try:
                return date(int(match[2]), int(match[3]), int(match[4]))
            except ValueError:
                continue
    return None
