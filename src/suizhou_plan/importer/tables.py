"""Task-division tables (任務分工表): a header row naming the task, lead, supporting units and
deadline columns, then one task per row.  Word tables, HTML tables and tables flattened to
text (cells split by tabs or 「|」) arrive here alike, as rows of cells."""

from __future__ import annotations

from dataclasses import dataclass

from suizhou_plan.importer.findings import FindingLog
from suizhou_plan.importer.outline import Node
from suizhou_plan.importer.script import compile_either
from suizhou_plan.importer.structure import RawTask
from suizhou_plan.importer.unit_list import split_units

_COLUMNS = (
    ("number", compile_either(r"^(序号|编号|序列|序)$")),
    ("lead", compile_either(r"牵头|主责")),
    ("support", compile_either(r"配合|协同|协办|参与")),
    ("units", compile_either(r"责任单位|责任部门|负责单位|责任主体|实施单位|承办单位")),
    ("deadline", compile_either(r"时限|时间|节点|期限|进度")),
    ("section", compile_either(r"类别|领域|板块|类型|方面|项目类别|重点领域|分类")),
    ("task", compile_either(r"任务|工作内容|事项|措施|内容|重点工作|具体工作|目标")),
    ("measures", compile_either(r"措施|内容|具体工作|工作目标|备注")),
)
_CATEGORY = compile_either(r"^[一二三四五六七八九十]{1,3}[、.．]\s*"
                           r"|^[（(][一二三四五六七八九十]{1,3}[）)]\s*")


@dataclass(frozen=True)
class Columns:
    index: dict[str, int]
    names: tuple[str, ...] = ()  # the heading row's cells, as written


def _header(cells: tuple[str, ...]) -> Columns | None:
    index: dict[str, int] = {}
    for col, cell in enumerate(cells):
        name = cell.replace(" ", "")
        for role, pattern in _COLUMNS:
            if role not in index and pattern.search(name):
                index[role] = col
                break
    if "task" in index and ({"lead", "units", "support"} & set(index)):
        return Columns(index, cells)
    return None


def read_tables(tables: list[Node], log: FindingLog, section_of: dict[int, str]) -> list[RawTask]:
    """`section_of` maps a table node's id to the section its heading names."""
    out: list[RawTask] = []
    for node in tables:
        columns: Columns | None = None
        section: str | None = None
        count = 0
        for position, row in enumerate(node.table, start=1):
            assert row.cells is not None
            header = _header(row.cells)
            if header is not None:
                columns = header
                continue
            if columns is None:
                continue
            category = _category(row.cells, columns)
            if category is not None:
                section = category
                continue
            task = _row_task(row.cells, row.line, columns,
                             section or section_of.get(id(node), "任務"), row.order)
            if task is not None:
                task.row = position
                count += 1
                out.append(task)
        if columns is None and len(node.table) >= 2:
            log.add("skipped-table", node.line, rows=str(len(node.table)))
    return out


def _category(cells: tuple[str, ...], columns: Columns) -> str | None:
    """A category row (「一、基礎設施」 merged across the table, or alone in its row): the
    section of the rows below it."""
    filled = {c.strip() for c in cells if c.strip()}
    if len(filled) != 1:
        return None
    text = filled.pop()
    marked = _CATEGORY.match(text)
    if marked is None and columns.index.get("number") != next(
            i for i, c in enumerate(cells) if c.strip()) and len(set(cells)) > 1:
        return None
    return text[marked.end():].strip() if marked else text


def _cell(cells: tuple[str, ...], columns: Columns, role: str) -> str:
    col = columns.index.get(role)
    return cells[col].strip() if col is not None and col < len(cells) else ""


def _row_task(cells: tuple[str, ...], line: int, columns: Columns,
              default_section: str, order: int = 0) -> RawTask | None:
    text = _cell(cells, columns, "task")
    measures = _cell(cells, columns, "measures")
    if measures and measures != text:
        text = f"{text.rstrip('。')}。{measures}" if text else measures
    if not text:
        return None
    lead = split_units(_cell(cells, columns, "lead")).units
    rest = split_units(_cell(cells, columns, "units")).units
    support = split_units(_cell(cells, columns, "support")).units
    units: list[str] = []
    for unit in [*lead, *rest, *support]:
        if unit not in units:
            units.append(unit)
    section = _cell(cells, columns, "section") or default_section
    number = _cell(cells, columns, "number")
    deadline = _cell(cells, columns, "deadline") or None
    words = tuple((_name(columns, role), _cell(cells, columns, role))
                  for role in ("lead", "units", "support") if role in columns.index)
    return RawTask(None, line, number, "task", section, text, text, None, units, lead,
                   deadline, order, cells=words,
                   lead_column=_name(columns, "lead") if "lead" in columns.index else None,
                   deadline_cell=(_name(columns, "deadline"), deadline) if deadline else None)


def _name(columns: Columns, role: str) -> str:
    col = columns.index[role]
    return columns.names[col].strip() if col < len(columns.names) else role
