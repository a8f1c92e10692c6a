"""A task-division table flattened to text → its rows.

Copied from a page or a PDF, a 任务分工表 loses its grid: 「…分工表序号 工作任务 具体措施
牵头单位 配合单位 完成时限 一、基础设施 1 升级电子政务外网 完成…改造。 区大数据中心
区财政局 2023年9月底 2 …」.  What is left is enough: the header words name the columns in
order, each cell is followed by one space (an empty cell leaves a space of its own), each
row starts with the next sequence number, and a category row (一、…) stands between rows.
A row with more pieces than columns has spaces inside its text, which goes to the text
columns; the unit and deadline columns are read from the right.  The table ends after the
deadline of its last row, where the text runs on."""

from __future__ import annotations

import re

from suizhou_plan.importer.document import Block
from suizhou_plan.importer.script import compile_either

_WORD = (r"序号|编号|工作任务|重点任务|主要任务|具体任务|任务名称|任务内容|目标任务|工作内容|"
         r"具体措施|主要内容|工作措施|主要措施|推进措施|具体工作|重点工作|工作目标|牵头单位|牵头部门|"
         r"配合单位|配合部门|协同单位|责任单位|责任部门|完成时限|时间节点|完成时间|进度安排|时限|备注|"
         r"类别|领域")
_HEADER = compile_either(r"(?:(?:" + _WORD + r")[ \t\u3000]*){3,}")
_ONE_WORD = compile_either(_WORD)
_NUMBER_WORD = compile_either(r"序号|编号")
_UNIT_WORD = compile_either(r"牵头|配合|协同|责任单位|责任部门")
_TASK_WORD = compile_either(r"任务|措施|内容|工作")
_CATEGORY = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_DEADLINE = compile_either(
    r"^(\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?(底|末|上半年|下半年|第?[一二三四]季度)?"
    r"(前|以前|之前)?|长期坚持|持续推进|长期推进|持续开展|长期|持续|年内完成|年底前|每年)"
)


def split_flat_table(block: Block) -> list[Block]:
    """`block` as paragraphs and table rows (blocks with cells) where it holds a flattened
    table; else `[block]`."""
    header = _HEADER.search(block.text)
    if header is None:
        return [block]
    names = _ONE_WORD.findall(header.group())
    number = _NUMBER_WORD.search(header.group())
    if number is not None and number.start() > 0:  # 「二、重点任务序号 工作任务 …」
        start = header.start() + number.start()
        names = _ONE_WORD.findall(block.text[start:header.end()])
    else:
        start = header.start()
    if len(names) < 3 or not (any(_UNIT_WORD.search(n) for n in names) and any(_TASK_WORD.search(n)
                                                             for n in names)):
        return [block]
    out: list[Block] = []
    before = block.text[:start].strip()
    if before:
        out.append(Block(block.line, before, None, block.heading))
    out.append(Block(block.line, " | ".join(names), tuple(names)))
    rows, after = _rows(block.text[header.end():], len(names), names)
    out.extend(Block(block.line, " | ".join(r), r) for r in rows)
    if after.strip():
        out.append(Block(block.line, after.strip()))
    return out


def _rows(rest: str, width: int, names: list[str]) -> tuple[list[tuple[str, ...]], str]:
    tokens = rest.replace("\u3000", " ").replace("\t", " ").split(" ")
    numbered = bool(re.search(r"序|编号", names[0]))
    text_columns = [i for i, n in enumerate(names) if _TASK_WORD.search(n)
                    and not _UNIT_WORD.search(n)]
    text_column = max(text_columns, default=1)
    rows: list[list[str]] = []
    expected = 1
    for token in tokens:
        if numbered and token == str(expected):
            rows.append([token])
            expected += 1
        elif _CATEGORY.match(token) and (not rows or len(rows[-1]) > 1):
            rows.append([token, "<category>"])
        elif rows:
            rows[-1].append(token)
        elif token:
            rows.append([token])  # rows without a sequence number: one row at most
    out: list[tuple[str, ...]] = []
    after = ""
    for index, row in enumerate(rows):
        if len(row) > 1 and row[1] == "<category>":
            text = " ".join(t for t in [row[0], *row[2:]] if t)
            out.append((text, *([""] * (width - 1))))
            continue
        cells, tail = _fit(row, width, text_column, last=index == len(rows) - 1)
        out.append(cells)
        after = tail
    return out, after


def _fit(row: list[str], width: int, text_column: int, *, last: bool
         ) -> tuple[tuple[str, ...], str]:
    """A row's pieces → `width` cells; the text the last row's final cell runs into."""
    tail = ""
    while len(row) > width and row[-1] == "":
        row = row[:-1]
    if last:
        final = next((i for i in range(len(row) - 1, 0, -1) if row[i]), None)
        if final is not None:
            match = _DEADLINE.match(row[final])
            if match and match.end() < len(row[final]):
                tail = row[final][match.end():] + " " + " ".join(row[final + 1:])
                row = [*row[:final], row[final][: match.end()]]
            elif match is None and final >= width:
                tail = " ".join(row[width:])
                row = row[:width]
    if len(row) <= width:
        return tuple([*row, *([""] * (width - len(row)))]), tail
    extra = len(row) - width  # spaces inside the last text column: join them back
    cells = [*row[:text_column], " ".join(row[text_column: text_column + 1 + extra]),
             *row[text_column + 1 + extra:]]
    return tuple(cells), tail
