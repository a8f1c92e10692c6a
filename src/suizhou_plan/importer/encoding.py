"""Bytes of a text document → text, with the encoding detected and named.

Offices save plans as UTF-8, GBK/GB18030 (mainland Windows) or Big5 (Hong Kong, Taiwan).
UTF-8 decodes strictly or not at all; between the legacy encodings, both of which often decode
the same bytes without error, the one whose text holds more of the characters that plans are
made of wins."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

# Frequent characters of plans and notices, in both scripts.
_COMMON = set(
    "的一是在不了有和人這这中大為为上個个國国我以要他時时來来用們们生到作地於于出就分對对成"
    "會会可主發发年動动同工也能下過过子說说產产種种面而方後后多定行學学法所民得經经十三之進进"
    "著着等部度家電电力裡里如水化高自二理起小物現现實实加量都兩两體体制機机當当使點点從从業业"
    "本去把性好應应開开它合還还因由其些然前外天政四日那社義义事平形相全表間间樣样與与關关各重"
    "新線线內内數数正心反你明看原又麼么利比或但質质氣气第向道命此變变條条只沒没結结解問问意建"
    "月公無无系軍军很情者最立代想已通並并提直題题黨党程展五果料象員员革位入常文總总次品式活設"
    "设及管特件長长求老頭头基資资邊边流路級级少圖图山統统接知較较將将組组見见計计別别她手角期"
    "根論论運运農农指幾几九區区強强放決决西被干做必戰战先回則则任取據据處处府研質局單单責责市"
    "務务網网服縣县推升協协牽牵配施措保障督辦办作"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as named to the user: UTF-8, GBK, GB18030, Big5
    replaced: list[tuple[int, int, str]] = field(default_factory=list)  # line, column, bytes


_CODECS = (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030"), ("big5", "Big5"))
MAX_REPLACED = 100  # bytes replaced before the document is taken for another encoding


@dataclass(frozen=True)
class BadByte:
    encoding: str  # the encoding the rest of the document reads as
    codec: str
    offset: int
    line: int
    column: int
    byte: str  # the bad bytes, in hex


def locate_bad_byte(data: bytes, codecs_to_try: tuple[tuple[str, str], ...] = _CODECS
                    ) -> BadByte | None:
    """The encoding that reads furthest into `data` before it fails, and where it fails
    (line and column of the text read so far, 1-based): one bad byte in a GBK document is
    said as such, not as 'not text'."""
    best: tuple[int, int, str, str] | None = None
    for codec, name in codecs_to_try:
        try:
            data.decode(codec)
        except UnicodeDecodeError as error:
            if best is None or error.start > best[0]:
                best = (error.start, error.end, codec, name)
        except LookupError:
            continue
        else:
            return None
    if best is None or best[0] == 0:
        return None
    start, end, codec, name = best
    text = data[:start].decode(codec, errors="replace")
    line = text.count("\n") + 1
    column = len(text) - (text.rfind("\n") + 1) + 1
    return BadByte(name, codec, start, line, column, data[start:end].hex(" "))


def decode_replacing(data: bytes, codec: str, name: str) -> Decoded | None:
    """`data` in `codec` with each undecodable byte replaced by U+FFFD, each spot noted."""
    text = data.decode(codec, errors="replace")
    replaced: list[tuple[int, int, str]] = []
    line, line_start = 1, 0
    for index, ch in enumerate(text):
        if ch == "\n":
            line, line_start = line + 1, index + 1
        elif ch == "\ufffd":
            replaced.append((line, index - line_start + 1, "\ufffd"))
            if len(replaced) > MAX_REPLACED:
                return None
    return Decoded(text, name, replaced)


def decode_or_refuse(path: Path, data: bytes, *, replace_bad_bytes: bool) -> Decoded:
    """The text of a text document, or `UnreadableDocument` saying why and where."""
    # lazy: only decode_or_refuse() needs it (+26 ms: 3 modules)
    from suizhou_plan.i18n import Msg
    from suizhou_plan.importer.document import UnreadableDocument

    decoded = decode_document(data)
    if decoded is not None:
        return decoded
    bad = locate_bad_byte(data)
    if bad is None:
        raise UnreadableDocument(Msg(
            "{path} is not text in UTF-8, GBK, GB18030 or Big5; save it as UTF-8 text",
            path=str(path)))
    if replace_bad_bytes:
        replaced = decode_replacing(data, bad.codec, bad.encoding)
        if replaced is not None:
            return replaced
        raise UnreadableDocument(Msg(
            "{path} has more than {limit} bytes that are not {encoding}: it is not a "
            "{encoding} document with a few damaged bytes; save it as UTF-8 text",
            path=str(path), limit=str(MAX_REPLACED), encoding=bad.encoding))
    raise UnreadableDocument(bad_byte_message(path, bad))


def bad_byte_message(path: Path, bad: BadByte) -> str:
    # lazy: only bad_byte_message() needs it (+9 ms: 1 module)
    from suizhou_plan.i18n import Msg

    return Msg(
        "{path} reads as {encoding} except for byte {byte} at line {line}, column {column} "
        "(byte offset {offset}); import it with --replace-bad-bytes to read it with such "
        "bytes replaced by 「\ufffd」 (each marked in the import report), or correct the "
        "file", path=str(path), encoding=bad.encoding, byte=bad.byte, line=str(bad.line),
        column=str(bad.column), offset=format(bad.offset, ","))


def decode_document(data: bytes) -> Decoded | None:
    """None when the bytes are not text in any of the supported encodings."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "UTF-8")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[2:].decode(name), "UTF-16")
            except UnicodeDecodeError:
                return None
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[int, int, Decoded]] = []
    for order, (codec, name) in enumerate((("gbk", "GBK"), ("gb18030", "GB18030"),
                                           ("big5", "Big5"))):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in text if ch in _COMMON)
        candidates.append((score, -order, Decoded(text, name)))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]
