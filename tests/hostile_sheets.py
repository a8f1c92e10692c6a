"""The hostile 台賬 corpus of issue #26: one returned file per attack on `progress import`,
made here from an honest template (nothing binary is checked in), each with what the
import must answer: its exit code, the place and the words of its first error in English
and in simplified Chinese.  `tests/test_sheets_hostile.py` runs each and checks that the
plan files are byte-identical afterwards; `bench/hostile_sheets.py` times each.

The honest base: the office's workspace (a copy of the bundled plan with its key, as
`suizhou init` makes it), a template for 隨州高新區管委會 made on 2024-01-15 in simplified
Chinese (sheet 台账; rows P1-M3 6, P3-M1 7, P3-M4 8, P3-M6 9, T01 10, T02 11, T03 12),
filled in and signed off by the unit with one report on T01; imported as of 2024-01-20."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan"
UNIT = "隨州高新區管委會"
MADE_ON = date(2024, 1, 15)
AS_OF = "2024-01-20"
SHEET = "台账"
ROW = {"P1-M3": 6, "P3-M1": 7, "P3-M4": 8, "P3-M6": 9, "T01": 10, "T02": 11, "T03": 12}
HONEST = {"G": "推进中", "H": "2024-01-12", "I": "园区主体施工"}
SIGNED = {"B3": "张三", "F3": "0722-3251234", "I3": "李四"}
MB = 1024 * 1024


def workspace(where: Path) -> Path:
    """A copy of the bundled plan with a key of its own, as `suizhou init` makes it."""
    from suizhou_plan.ops.workspace import make_key

    shutil.copytree(PLAN, where)
    make_key(where)
    return where


def template_bytes(plan: Path, unit: str = UNIT, lang: str = "zh-Hans") -> bytes:
    """The template `progress template --agency UNIT` makes on MADE_ON."""
    import hashlib

    from suizhou_plan.load.plan_loader import TASKS
    from suizhou_plan.ops.progress_edit import read_plan
    from suizhou_plan.ops.workspace import read_key
    from suizhou_plan.sheets.template import build
    from suizhou_plan.views.duties import duties_for

    given, _, index = read_plan(plan)
    agency = index.registry.exact(unit)
    assert agency is not None
    dl = duties_for(index, agency, MADE_ON, index.tasks_file.supervision.due_soon_days)
    return build(dl, lang, hashlib.sha256(given[TASKS]).hexdigest(), read_key(plan))


def filled(data: bytes, rows: dict[int, dict[str, Any]], *, signoff: dict[str, str] = SIGNED,
           marker: Callable[[Any], None] | None = None, protected: bool = True) -> bytes:
    """The template filled in with openpyxl (`rows`: row → column → value); `marker`
    edits the hidden marker sheet, as someone who unhides it would; `protected`: only the
    cells the sheet leaves open are written, as in Excel."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    cells_by_row: dict[int, dict[str, Any]] = {}
    for ref, text in signoff.items():
        cells_by_row.setdefault(int(ref[1:]), {})[ref[0]] = text
    for row, cells in rows.items():
        cells_by_row.setdefault(row, {}).update(cells)
    for row, cells in cells_by_row.items():
        for letter, value in cells.items():
            cell = ws[f"{letter}{row}"]
            assert not protected or cell.protection.locked is False, f"{letter}{row} is locked"
            cell.value = value
    if marker is not None:
        marker(wb["_suizhou"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rezip(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    """The package with its parts changed by `change` (name → bytes, in order)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def stream_part(data: bytes, path: Path, name: str, head: bytes, body: bytes, times: int,
                tail: bytes, *, replace: bool = True) -> None:
    """Write the package to `path` with part `name` made of `head`, `body` × `times`,
    `tail`, streamed (a part of hundreds of MB is never held whole)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    if replace:
        parts.pop(name, None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for part, content in parts.items():
            out.writestr(part, content)
        with out.open(name, "w", force_zip64=True) as stream:
            stream.write(head)
            block = body * max(1, min(times, 4096))
            left = times
            while left > 0:
                n = min(left, 4096)
                stream.write(block if n == 4096 else body * n)
                left -= n
            stream.write(tail)


# -- the corpus ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Attack:
    name: str  # the file's name
    what: str  # the attack, in one line
    code: int  # exit code of `progress import`
    where: str  # where the first error is said ({file} is the file's name)
    en: str  # the error's words and slug, English
    zh: str  # … simplified Chinese
    make: Callable[[Corpus, Path], None]  # writes the file at the path given

    def location(self) -> str:
        return self.where.format(file=self.name)


class Corpus:
    """The base files every attack starts from, made once in `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plan = workspace(root / "plan")
        self.sent = template_bytes(self.plan)
        self.honest = filled(self.sent, {ROW["T01"]: HONEST})
        self._other: bytes | None = None

    def other_workspace(self) -> bytes:
        """An honest template, filled, made by another office's workspace (another key)."""
        if self._other is None:
            other = workspace(self.root / "other-plan")
            self._other = filled(template_bytes(other), {ROW["T01"]: HONEST})
        return self._other

    def build(self, attack: Attack, into: Path) -> Path:
        into.mkdir(parents=True, exist_ok=True)
        path = into / attack.name
        attack.make(self, path)
        return path


def _write(data: Callable[[Corpus], bytes]) -> Callable[[Corpus, Path], None]:
    def make(corpus: Corpus, path: Path) -> None:
        path.write_bytes(data(corpus))
    return make


def _marker_edit(edit: Callable[[Any], None]) -> Callable[[Corpus], bytes]:
    return lambda c: filled(c.sent, {ROW["T01"]: HONEST}, marker=edit)


def _other_unit(ws: Any) -> None:
    for row in ws.iter_rows(max_col=2):
        if row[0].value == "unit_id":
            row[1].value = "development-reform"
        if row[0].value == "unit_name":
            row[1].value = "市發改委"


def _item_added(ws: Any) -> None:
    signature = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "signature")
    ws.insert_rows(signature)
    for c, value in enumerate(("item", "P1-M1", "成立領導小組", "2023-11-30", "lead"), 1):
        ws.cell(signature, c).value = value


def _signature_removed(ws: Any) -> None:
    for r in range(ws.max_row, 0, -1):
        if ws.cell(r, 1).value in ("signature", "key_id"):
            ws.delete_rows(r)


def _item_added_with_row(c: Corpus) -> bytes:
    return filled(c.sent, {ROW["T01"]: HONEST,
                           13: {"A": "P1-M1", "G": "已办结", "H": "2024-01-12", "I": "领导小组已成立"}},
                  marker=_item_added, protected=False)


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def _with_sheet(data: bytes, xml: str) -> bytes:
    def change(parts: dict[str, bytes]) -> None:
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
    return rezip(data, change)


def _stale_dimension(c: Corpus) -> bytes:
    data = filled(c.sent, {ROW["T01"]: HONEST,
                           ROW["T03"]: {"G": "已销号", "H": "2024-01-12", "I": "自行销号"}})
    xml = _sheet_xml(data)
    start = xml.index("<dimension ref=\"")
    end = xml.index("/>", start)
    return _with_sheet(data, xml[:start] + '<dimension ref="A1:N6"' + xml[end:])


def _copies_of_t01(c: Corpus, n: int) -> bytes:
    """The honest sheet with `n` more rows for T01 (its locked cells copied, notes
    different), as a unit that unprotects the sheet could add them."""
    xml = _sheet_xml(c.honest)
    start = xml.index('<row r="10"')
    end = xml.index("</row>", start) + len("</row>")
    row10 = xml[start:end]
    close = xml.index("</sheetData>")
    last = max(int(x) for x in _rows_in(xml))
    rows = []
    for k in range(n):
        r = last + 1 + k
        copy = re.sub(r'(<(?:row|c) r="[A-Z]*)10"', rf'\g<1>{r}"', row10)
        copy = copy.replace("园区主体施工", f"园区主体施工第{k}次")
        rows.append(copy)
    return _with_sheet(c.honest, xml[:close] + "".join(rows) + xml[close:])


def _rows_in(xml: str) -> list[str]:
    return re.findall(r'<row r="(\d+)"', xml)


def _wide_rows(c: Corpus) -> bytes:
    xml = _sheet_xml(c.honest)
    start = xml.index("<sheetData>") + len("<sheetData>")
    end = xml.index("</sheetData>")
    rows = "".join(f'<row r="{r}">' + "<c><v>1</v></c>" * 16_000 + "</row>"
                   for r in range(1, 21))
    return _with_sheet(c.honest, xml[:start] + rows + xml[end:])


def _long_note(c: Corpus, n: int) -> bytes:
    """T01's note of `n` characters (openpyxl cuts what it writes at Excel's limit, so the
    cell is written into the sheet's XML)."""
    xml = _sheet_xml(c.honest)
    start = xml.index('<c r="I10"')
    end = xml.index("</c>", start) + len("</c>")
    cell = f'<c r="I10" t="inlineStr"><is><t>{"施" * n}</t></is></c>'
    return _with_sheet(c.honest, xml[:start] + cell + xml[end:])


def _parts(c: Corpus, extra: dict[str, bytes]) -> bytes:
    def change(parts: dict[str, bytes]) -> None:
        parts.update(extra)
    return rezip(c.honest, change)


def _ole(c: Corpus) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096


def _shared_strings_bomb(c: Corpus, path: Path) -> None:
    """sharedStrings.xml of 190 MB (under the old 200 MB cap) in a file of about 0.5 MB."""
    stream_part(c.honest, path, "xl/sharedStrings.xml",
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main">',
                "<si><t>重复的文字</t></si>".encode(), 190 * MB // 31, b"</sst>")


def _many_strings(c: Corpus, path: Path) -> None:
    """300,000 short shared strings, 5 MB: under the part limit, over the count."""
    stream_part(c.honest, path, "xl/sharedStrings.xml",
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                b"<si><t>a</t></si>", 300_000, b"</sst>")


def _million_rows(c: Corpus, path: Path) -> None:
    """1,000,000 filled rows (70 MB of sheet) in a file well under 1 MB."""
    head = _sheet_xml(c.honest)
    head = head[:head.index("<sheetData>") + len("<sheetData>")]
    stream_part(c.honest, path, "xl/worksheets/sheet1.xml", head.encode(),
                b'<row><c t="inlineStr"><is><t>T01</t></is></c></row>', 1_000_000,
                b"</sheetData></worksheet>")


def _bomb(c: Corpus) -> bytes:
    return _parts(c, {f"xl/media/image{n}.png": b"\0" * (15 * MB) for n in range(1, 5)})


def _entities(c: Corpus) -> bytes:
    laughs = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahahahaha">'
              + "".join(f'<!ENTITY {chr(98 + k)} "' + f"&{chr(97 + k)};" * 10 + '">'
                        for k in range(8))
              + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              "<si><t>&i;</t></si></sst>")
    return _parts(c, {"xl/sharedStrings.xml": laughs.encode()})


def _external_entity(c: Corpus) -> bytes:
    def change(parts: dict[str, bytes]) -> None:
        xml = parts["xl/workbook.xml"].decode()
        parts["xl/workbook.xml"] = ('<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x '
                                    'SYSTEM "file:///etc/passwd">]>' + xml.replace(
                                        'name="台账"', 'name="&x;"')).encode()
    return rezip(c.honest, change)


def _utf16(c: Corpus) -> bytes:
    def change(parts: dict[str, bytes]) -> None:
        xml = parts["xl/workbook.xml"].decode()
        parts["xl/workbook.xml"] = ('<?xml version="1.0" encoding="UTF-16"?>' + xml).encode(
            "utf-16")
    return rezip(c.honest, change)


def _symlink(target: str) -> Callable[[Corpus, Path], None]:
    def make(corpus: Corpus, path: Path) -> None:
        path.unlink(missing_ok=True)
        path.symlink_to(target)
    return make


def _fifo(corpus: Corpus, path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _socket(corpus: Corpus, path: Path) -> None:
    path.unlink(missing_ok=True)
    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path is limited to about 100 bytes
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(path.name)
        sock.close()
    finally:
        os.chdir(here)


def _directory(corpus: Corpus, path: Path) -> None:
    path.mkdir(exist_ok=True)


def _too_big(corpus: Corpus, path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"PK\x03\x04")
        out.truncate(11 * MB)


def _truncated(c: Corpus) -> bytes:
    return c.honest[:3000]


DECIDED = ("「已销号」 is the office's decision, not a unit's report; nothing from this row is "
           "imported [office-decision]")
DECIDED_ZH = "「已销号」是督办办公室的决定，不是单位的报送；该行内容一律不导入 [office-decision]"
PART = ("{{file}}: its part {part} unpacks to {size}, more than a ledger template ever needs "
        "(16 MB at most) [part-too-large]")
PART_ZH = "{{file}}：其中的部件 {part} 解压后为 {size}，超出台账模板所需（最多 16 MB） [part-too-large]"
FORGED = ("the hidden marker of the sheet (made on 2024-01-15) was changed after the office "
          "made it: its signature no longer matches; nothing from it is imported [forged-sheet]")
FORGED_ZH = ("该表（生成于 2024年1月15日）的隐藏标记在督办办公室生成后被改动，签名已不符；"
             "其内容一律不导入 [forged-sheet]")
DAMAGED = ("{file} is not an Excel workbook (.xlsx): its part {part} declares a document type "
           "(<!DOCTYPE or <!ENTITY>), which no workbook needs [not-a-workbook]")
DAMAGED_ZH = ("{file} 不是 Excel 工作簿（.xlsx）：其部件 {part} 声明了文档类型（<!DOCTYPE 或 "
              "<!ENTITY>），正常工作簿不需要这些 [not-a-workbook]")
T01 = "{file}!台账!{col}10"

ATTACKS: tuple[Attack, ...] = (
    # -- where the sheet came from
    Attack("marker-other-unit.xlsx", "the marker names another unit (市發改委)", 1,
           "{file}!_suizhou", FORGED, FORGED_ZH, _write(_marker_edit(_other_unit))),
    Attack("marker-item-added.xlsx", "an item (P1-M1) added to the marker and reported done", 1,
           "{file}!_suizhou", FORGED, FORGED_ZH, _write(_item_added_with_row)),
    Attack("signature-removed.xlsx", "the marker's signature and key id deleted", 1,
           "{file}!_suizhou",
           "the sheet carries no signature (made on 2024-01-15, before this plan directory had "
           "its key, or its signature was removed); nothing from it is imported "
           "[unsigned-sheet]",
           "该表没有签名（生成于 2024年1月15日，早于本方案目录生成密钥，或签名已被删除）；"
           "其内容一律不导入 [unsigned-sheet]", _write(_marker_edit(_signature_removed))),
    Attack("other-workspace.xlsx", "a template another workspace (another key) made", 1,
           "{file}!_suizhou",
           "the sheet was signed by another plan directory (another office, or before this "
           "one's key was replaced); nothing from it is imported [foreign-sheet]",
           "该表由另一个方案目录签名（其他督办办公室生成，或生成于本目录更换密钥之前）；"
           "其内容一律不导入 [foreign-sheet]", _write(lambda c: c.other_workspace())),
    Attack("locked-title-edited.xlsx", "a locked cell (T01's title) edited", 1,
           T01.replace("{col}", "B"),
           "the locked cell was changed: it reads 「建设大数据产业园（已完成）」, the template "
           "said 「建设大数据产业园」 [locked-cell-changed]",
           "锁定的单元格被改动：现为「建设大数据产业园（已完成）」，模板原为「建设大数据产业园」 "
           "[locked-cell-changed]",
           _write(lambda c: filled(c.sent, {10: {**HONEST, "B": "建设大数据产业园（已完成）"}},
                                   protected=False))),
    Attack("foreign-item-row.xlsx", "a row for an item not on the template (P1-M1)", 1,
           "{file}!台账!A13",
           "P1-M1 is not one of this template's items (the template has no row for it) "
           "[foreign-item]",
           "P1-M1不是该模板中的事项（模板中没有这一行） [foreign-item]",
           _write(lambda c: filled(c.sent, {ROW["T01"]: HONEST, 13: {
               "A": "P1-M1", "G": "已办结", "H": "2024-01-12", "I": "领导小组已成立"}},
               protected=False))),
    Attack("office-decision.xlsx", "the unit closes (已销号) its own item", 1,
           T01.replace("{col}", "G"), DECIDED, DECIDED_ZH,
           _write(lambda c: filled(c.sent, {ROW["T01"]: {**HONEST, "G": "已销号"}}))),
    # -- impossible dates
    Attack("typed-year-1.xlsx", "the date typed as 0001-01-01", 1, T01.replace("{col}", "H"),
           "task T01 「建設大數據產業園」: entry dated 0001-01-01, before the plan was issued "
           "(2021-11-12) [progress-before-plan]",
           "任务T01「建设大数据产业园」：记录日期为1年1月1日，早于方案印发日期（2021年11月12日） "
           "[progress-before-plan]",
           _write(lambda c: filled(c.sent, {ROW["T01"]: {**HONEST, "H": "0001-01-01"}}))),
    Attack("serial-minus-1.xlsx", "a date cell holding Excel's day -1", 1,
           T01.replace("{col}", "H"),
           "the cell holds day number -1 of Excel's calendar, which is no real day [not-a-day]",
           "该单元格是 Excel 日历中的第 -1 天，并不是真实存在的日期 [not-a-day]",
           _write(lambda c: filled(c.sent, {ROW["T01"]: {**HONEST, "H": -1}}))),
    Attack("serial-60.xlsx", "a date cell holding Excel's day 60 (29 February 1900)", 1,
           T01.replace("{col}", "H"),
           "the cell holds day number 60 of Excel's calendar, which is no real day [not-a-day]",
           "该单元格是 Excel 日历中的第 60 天，并不是真实存在的日期 [not-a-day]",
           _write(lambda c: filled(c.sent, {ROW["T01"]: {**HONEST, "H": 60}}))),
    Attack("extension-before-due.xlsx", "an extension to a date before the due date", 1,
           T01.replace("{col}", "M"),
           "the new date 2024-06-30 is not after the item's due date (2025-11-30) "
           "[until-not-later]",
           "申请延期至的日期 2024年6月30日 不晚于该事项的时间节点（2025年11月30日） "
           "[until-not-later]",
           _write(lambda c: filled(c.sent, {ROW["T01"]: {**HONEST, "M": date(2024, 6, 30),
                                                         "N": "资金未到位"}}))),
    # -- rows that are read, and work that is bounded
    Attack("stale-dimension.xlsx", "<dimension> says A1:N6; T03's row (12) past it claims 销号",
           1, "{file}!台账!G12", DECIDED, DECIDED_ZH, _write(_stale_dimension)),
    Attack("one-item-40-rows.xlsx", "40 more rows for T01, each with another note", 1,
           "{file}!台账!A22",
           "T01 has more than 10 rows in this file; only 10 reports on one item are read from "
           "one file [too-many-item-rows]",
           "T01 在本文件中超过 10 行；同一文件中每个事项最多读取 10 条报送 [too-many-item-rows]",
           _write(lambda c: _copies_of_t01(c, 40))),
    Attack("one-item-8000-rows.xlsx", "8,000 more rows for T01, each with another note", 1,
           "{file}!台账!A2001",
           "reading stopped at this row: the sheet has more than 2000 rows, and a ledger "
           "template has one row per item [too-many-rows]",
           "读取在此行停止：该表超过 2000 行，而台账模板每个事项只占一行 [too-many-rows]",
           _write(lambda c: _copies_of_t01(c, 8000))),
    Attack("million-rows.xlsx", "1,000,000 filled rows in a file under 1 MB", 1, "{file}",
           PART.format(part="xl/worksheets/sheet1.xml", size="49 MB"),
           PART_ZH.format(part="xl/worksheets/sheet1.xml", size="49 MB"), _million_rows),
    Attack("wide-rows.xlsx", "20 rows of 16,000 cells each", 1,
           "{file}!台账!BXY4",
           "reading stopped at this cell: the sheet has more than 50000 cells [too-many-cells]",
           "读取在此单元格停止：该表超过 50000 个单元格 [too-many-cells]",
           _write(_wide_rows)),
    Attack("long-cell.xlsx", "a progress note of 40,000 characters", 1,
           T01.replace("{col}", "I"),
           "the cell holds more than 32767 characters, more than Excel itself allows "
           "[cell-too-long]",
           "该单元格超过 32767 个字符，超出 Excel 本身的上限 [cell-too-long]",
           _write(lambda c: _long_note(c, 40_000))),
    Attack("shared-strings-190mb.xlsx", "shared strings that unpack to 190 MB", 1, "{file}",
           PART.format(part="xl/sharedStrings.xml", size="190 MB"),
           PART_ZH.format(part="xl/sharedStrings.xml", size="190 MB"), _shared_strings_bomb),
    Attack("shared-strings-300k.xlsx", "300,000 shared strings in 5 MB", 1, "{file}",
           "{file} holds more than 50000 different texts; a ledger template holds a few "
           "hundred [too-many-strings]",
           "{file} 包含超过 50000 条不同文字；台账模板通常只有几百条 [too-many-strings]",
           _many_strings),
    Attack("part-17mb.xlsx", "one part (an image) of 17 MB, the whole under the limit", 1,
           "{file}", PART.format(part="xl/media/image1.png", size="17 MB"),
           PART_ZH.format(part="xl/media/image1.png", size="17 MB"),
           _write(lambda c: _parts(c, {"xl/media/image1.png": b"\0" * (17 * MB)}))),
    Attack("zip-bomb.xlsx", "four parts of 15 MB: 60 MB unpacked", 1, "{file}",
           "{file} is 60 MB once unpacked, far more than a ledger template (48 MB at most) "
           "[too-large]",
           "{file} 解压后为 60 MB，远超台账模板应有的大小（最多 48 MB） [too-large]",
           _write(_bomb)),
    Attack("many-parts.xlsx", "a package of 600 more parts", 1, "{file}",
           "{file} is a package of 610 parts; a workbook has a few dozen (500 at most) "
           "[too-many-parts]",
           "{file} 包含 610 个部件；工作簿通常只有几十个（最多 500） [too-many-parts]",
           _write(lambda c: _parts(c, {f"x/{n}.xml": b"<a/>" for n in range(600)}))),
    Attack("directory-of-70000.xlsx", "70,000 empty entries: a central directory that costs "
           "more to read than the file is worth", 1, "{file}",
           "{file} is a package of 70010 parts; a workbook has a few dozen (500 at most) "
           "[too-many-parts]",
           "{file} 包含 70010 个部件；工作簿通常只有几十个（最多 500） [too-many-parts]",
           _write(lambda c: _parts(c, {f"x/{n}": b"" for n in range(70_000)}))),
    # -- XML that is not what a workbook is
    Attack("entity-bomb.xlsx", "shared strings with nested entities (billion laughs)", 1,
           "{file}", DAMAGED.format(file="{file}", part="xl/sharedStrings.xml"),
           DAMAGED_ZH.format(file="{file}", part="xl/sharedStrings.xml"), _write(_entities)),
    Attack("external-entity.xlsx", "workbook.xml naming file:///etc/passwd as an entity", 1,
           "{file}", DAMAGED.format(file="{file}", part="xl/workbook.xml"),
           DAMAGED_ZH.format(file="{file}", part="xl/workbook.xml"), _write(_external_entity)),
    Attack("utf16-part.xlsx", "workbook.xml in UTF-16", 1, "{file}",
           "{file} is not an Excel workbook (.xlsx): its part xl/workbook.xml is not UTF-8 "
           "text [not-a-workbook]",
           "{file} 不是 Excel 工作簿（.xlsx）：其部件 xl/workbook.xml 不是 UTF-8 文本 "
           "[not-a-workbook]", _write(_utf16)),
    Attack("truncated.xlsx", "the first 3,000 bytes of a sheet", 1, "{file}",
           "{file} is not an Excel workbook (.xlsx): it is not a complete .xlsx package "
           "(another format, or a damaged or cut-off copy) [not-a-workbook]",
           "{file} 不是 Excel 工作簿（.xlsx）：它不是完整的 .xlsx 文件包（可能是其他格式，"
           "或文件已损坏、不完整） [not-a-workbook]", _write(_truncated)),
    Attack("old-format.xls", "an Excel 97-2003 workbook", 1, "{file}",
           "{file} is an Excel 97-2003 workbook (.xls or .et), not an .xlsx workbook "
           "[xls-workbook]",
           "{file} 是 Excel 97-2003 工作簿（.xls 或 .et），不是 .xlsx 工作簿 [xls-workbook]",
           _write(_ole)),
    # -- what is not a file
    Attack("link-to-dev-zero.xlsx", "a symlink to /dev/zero", 1, "{file}",
           "{file} is a link to /dev/zero, which is a device, not a file [link-not-a-file]",
           "{file} 是指向 /dev/zero 的链接，而它是设备文件，不是文件 [link-not-a-file]",
           _symlink("/dev/zero")),
    Attack("dangling-link.xlsx", "a symlink to nothing", 1, "{file}",
           "{file} is a link to gone.xlsx, which does not exist [dangling-link]",
           "{file} 是指向 gone.xlsx 的链接，但该文件不存在 [dangling-link]",
           _symlink("gone.xlsx")),
    Attack("fifo.xlsx", "a named pipe", 1, "{file}",
           "{file} is a named pipe (FIFO), not a file [not-a-file]",
           "{file} 是命名管道（FIFO），不是文件 [not-a-file]", _fifo),
    Attack("socket.xlsx", "a Unix socket", 1, "{file}",
           "{file} is a socket, not a file [not-a-file]",
           "{file} 是套接字，不是文件 [not-a-file]", _socket),
    Attack("folder.xlsx", "a directory", 1, "{file}",
           "{file} is a directory, not a file [not-a-file]",
           "{file} 是目录，不是文件 [not-a-file]", _directory),
    Attack("too-big.xlsx", "11 MB on disk", 1, "{file}",
           "{file} is 11 MB, far more than a ledger template (10 MB at most) [file-too-large]",
           "{file} 大小为 11 MB，远超台账模板应有的大小（最多 10 MB） [file-too-large]",
           _too_big),
)
