"""Text without its line breaks → the paragraphs it had.

Text copied or archived from many government sites arrives as one line: 「…（一）加快5G网络
建设1.科学规划基站布局。…牵头单位：市自然资源和规划局 配合单位：市经信局2.开放公共资源…」.
The paragraphs are found again from the structure the text itself carries:

- a numbering marker (一、 （一） 1. 1． （1） ①) starts an item where the numbering goes on
  (the next value of its style, or 1 under a new heading) and the character before it can
  end a paragraph: a stop, a bracket, or the end of a unit's name glued to the next item's
  number (「…各乡镇2.鼓励…」, 「…厦门证监局七、加大…」);
- 「附件」 starts the appendices, and site furniture (分享到, 打印本页, 网站标识码 …) starts
  what the page wraps around the text;
- a task-division table flattened to text is found by its header words and read row by
  row (`flat_table`).

The same splitting runs over line-broken documents, so a document imports to the same
tasks with and without its line breaks.  Each block is scanned once, left to right, with
the numbering state carried over: linear in the length of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from suizhou_plan.importer.document import Block
from suizhou_plan.importer.numbering import cn_value

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CANDIDATE = re.compile(
    r"(?P<pcn>[（(][一二三四五六七八九十]{1,3}[）)])"
    r"|(?P<cn>(?<![一二三四五六七八九十第])[一二三四五六七八九十]{1,3}[、](?=\S))"
    r"|(?P<pnum>[（(]\d{1,2}[）)])"
    r"|(?P<num>(?<![\d.．A-Za-z])\d{1,2}[.．、](?![\d.．]))"
    r"|(?P<circ>[" + _CIRCLED + r"])"
    r"|(?P<annex>附\s*件\s*\d*\s*[：:](?=\s*\S)|附\s*件\s*\d+\s*(?=[\u4e00-\u9fff《]))"
    r"|(?P<signature>(?:[\u4e00-\u9fff]{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|"
    r"办公厅|委员会|领导小组|人民政府辦公室|人民政府辦公廳|辦公室|辦公廳|委員會|領導小組))?"
    r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*印[发發])?(?=\s*$|\s*抄送|\s*附\s*件))"
    r"|(?P<furniture>分享到|打印本[页頁]|【\s*打印|关闭窗口|關閉窗口|网站标识码|網站標識碼|"
    r"ICP\s*备|ICP\s*備|扫一扫|掃一掃|主办单位[：:](?=[^。]{0,60}(网站|網站|标识|標識|承办|承辦|"
    r"ICP|联系|聯繫))|主辦單位[：:](?=[^。]{0,60}(网站|網站|标识|標識|承办|承辦|ICP|联系|聯繫)))"
)
_BREADCRUMB = re.compile(r"^(当前位置|當前位置|您的位置|您现在的位置|您現在的位置)\s*[：:]"
                         r"(?:[^>›»。]{0,12}[>›»])+\s*")
# Characters that can end a paragraph, before the next item's number.
_STOPS = set("。；;！!？?：:）)」』”\"’】〕 \u3000")
# The last character of a unit's name, glued to the next item's number.
_UNIT_END = set("局委办辦府心司行队隊处處所站室厅廳署区區馆館社团團台校"
                "联聯会會院镇鎮乡鄉街县縣市部")
# The last character of a title (方案, 计划, 意见, 要点, 清单, 通知, 措施, 分工表, 细则), glued
# to the first heading 「一、」.
_TITLE_END = set("案划劃见見点點单單知施表则則")


@dataclass
class _State:
    order: list[str] = field(default_factory=list)  # marker styles, outermost first
    last: dict[str, int] = field(default_factory=dict)  # under the current heading
    seen: dict[str, int] = field(default_factory=dict)  # in the whole document

    def expects(self, style: str, value: int) -> bool:
        return value in (self.last.get(style, 0) + 1, self.seen.get(style, 0) + 1) or (
            value == 1 and style not in self.last)

    def accept(self, style: str, value: int) -> None:
        if style not in self.order:
            self.order.append(style)
        for deeper in self.order[self.order.index(style) + 1:]:
            self.last.pop(deeper, None)
        self.last[style] = value
        self.seen[style] = value


def _value(style: str, written: str) -> int:
    digits = re.sub(r"[^0-9一二三四五六七八九十" + _CIRCLED + "]", "", written)
    if style == "circ":
        return _CIRCLED.index(digits) + 1
    return cn_value(digits) if digits else 0


def split_blocks(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Paragraph blocks split where their own structure says; (kept, dropped furniture).
    Table rows pass through.  The numbering state runs over the whole document."""
    # lazy: only split_blocks() needs it (+81 ms: opencc)
    from suizhou_plan.importer.flat_table import split_flat_table

    state = _State()
    kept: list[Block] = []
    dropped: list[Block] = []
    for block in blocks:
        if block.cells is not None:
            kept.append(block)
            continue
        text = _BREADCRUMB.sub("", block.text)
        if text != block.text:
            dropped.append(Block(block.line, block.text[: len(block.text) - len(text)]))
        for part in split_flat_table(Block(block.line, text, None, block.heading)):
            if part.cells is not None:
                kept.append(part)
                continue
            for piece, furniture in _split(part.text, state):
                (dropped if furniture else kept).append(
                    Block(block.line, piece, None, block.heading if not kept or
                          kept[-1].line != block.line else None))
    return [replace(b, order=i) for i, b in enumerate(kept)], dropped


def _split(text: str, state: _State) -> list[tuple[str, bool]]:
    """`text` cut before each marker that starts a new item; (piece, is furniture)."""
    cuts: list[tuple[int, bool]] = [(0, False)]
    depth = 0
    scan_from = 0
    for match in _CANDIDATE.finditer(text):
        start = match.start()
        for ch in text[scan_from:start]:
            if ch in "（(【〔[":
                depth += 1
            elif ch in "）)】〕]" and depth:
                depth -= 1
            elif ch == "。":
                depth = 0
        scan_from = start
        style = match.lastgroup or ""
        before = text[start - 1] if start else ""
        if style == "furniture":
            if start == 0 or depth == 0:
                cuts.append((start, True))
            continue
        if style == "signature":  # 「…（責任單位：…）某縣人民政府辦公室2022年5月6日印發」
            if start and depth == 0 and before in _STOPS:
                cuts.append((start, False))
            continue
        if style == "annex":
            if start and depth == 0 and (before in _STOPS or before in _UNIT_END):
                cuts.append((start, False))
            continue
        if depth > 0 and style not in ("pcn", "pnum"):
            continue
        value = _value(style, match.group())
        if start > 0 and not state.expects(style, value):
            continue
        if start > 0 and not _can_end_before(style, value, before):
            continue
        state.accept(style, value)
        if start > 0:
            cuts.append((start, False))
    pieces: list[tuple[str, bool]] = []
    furniture = False
    for (start, is_furniture), (end, _) in zip(cuts, [*cuts[1:], (len(text), False)],
                                                strict=True):
        furniture = furniture or is_furniture  # once the page's furniture starts, it goes on
        piece = text[start:end].strip()
        if piece:
            pieces.append((piece, furniture))
    return pieces


def _can_end_before(style: str, value: int, before: str) -> bool:
    if before in _STOPS:
        return True
    if style == "cn":
        return (value >= 2 and before in _UNIT_END) or (value == 1 and before in _TITLE_END)
    if style == "num":
        return not before.isdigit()
    return True
