"""Bytes of a text document → text, with the encoding detected and named.

Offices save plans as UTF-8, GBK/GB18030 (mainland Windows) or Big5 (Hong Kong, Taiwan).
UTF-8 decodes strictly or not at all; between the legacy encodings, both of which often decode
the same bytes without error, the one whose text holds more of the characters that plans are
made of wins."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

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
