"""Reading a plan file's bytes into text: size cap, encodings, NUL bytes.

Plan files travel as e-mail attachments between Windows machines with Chinese locales, so a
GBK, Big5 or UTF-16 file is common.  UTF-8 (with or without BOM) is the only accepted encoding;
anything else is refused with a finding that names the probable encoding.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from suizhou_plan.finding import Location, Problem

MAX_BYTES = 128 * 1024 * 1024
TRADITIONAL_MARKS = "的政府市局部門建設數據單位責任務"
SIMPLIFIED_MARKS = "的政府市局部门建设数据单位责任务"


@dataclass(frozen=True)
class SourceText:
    shown: str  # the file name as shown in findings
    text: str


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def _guess_legacy(data: bytes) -> str:
    """Name the likelier of GBK and Big5 for a non-UTF-8 Chinese file."""
    scores: dict[str, int] = {}
    for enc in ("gbk", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # Common characters of plan documents in each script.
        marks = TRADITIONAL_MARKS if enc == "big5" else SIMPLIFIED_MARKS
        scores[enc] = sum(text.count(ch) for ch in marks)
    if not scores:
        return "an unknown legacy encoding"
    best = max(scores, key=lambda k: scores[k])
    return {"gbk": "GBK (GB2312/GB18030)", "big5": "Big5"}[best]


def decode(shown: str, data: bytes, max_bytes: int = MAX_BYTES) -> SourceText | Problem:
    if len(data) > max_bytes:
        return Problem(
            rule="file-too-large",
            message=f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit",
            location=Location(shown),
            hint="split the plan or check that the right file was given",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        return Problem(
            rule="encoding",
            message="file is UTF-16/UTF-32 (it starts with a UTF-16 byte-order mark); plan files "
            "must be UTF-8",
            location=Location(shown, 1, 1),
            hint="re-save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        return Problem(
            rule="encoding",
            message="file contains a NUL byte: it is binary or damaged, not a YAML text file",
            location=Location(shown, line, col),
            hint="restore the file from version control or re-save it as UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return Problem(
            rule="encoding",
            message=f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); it looks like "
            f"{_guess_legacy(data)}",
            location=Location(shown, line, col),
            hint="re-save the file as UTF-8, e.g. `iconv -f GBK -t UTF-8 old.yaml > new.yaml`",
        )
    return SourceText(shown, text)
