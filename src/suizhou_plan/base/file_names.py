"""File names made from unit names (`市政數局.xlsx`), safe on every disk an office uses.

Windows refuses `<>:"/\\|?*` and control characters in a name, a name ending in a dot or a
space, and the device names (`CON`, `NUL`, `COM1`…) whatever their extension; Windows and
macOS disks do not tell `A.xlsx` from `a.xlsx`; and a character that turns the text after it
around or hides itself lets a name pass for another (`報告`, U+202E, `xcod.exe` shows as
`報告exe.docx`).  Each name is made safe (such a character becomes `_`), and a name already
given (or reserved) gets a number (`市政數局-2.xlsx`), so no unit's file replaces another's."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})  # controls, format characters (bidi, zero-width)
DEVICES = frozenset({"con", "prn", "aux", "nul",
                     *(f"{dev}{n}" for dev in ("com", "lpt") for n in range(1, 10))})
MAX_STEM = 100  # characters: well inside every file system's limit of 255 bytes in UTF-8


def safe_stem(text: str) -> str:
    """`text` as a file name without extension that every common file system accepts, and
    that shows what it is: no character in it is invisible or reorders the others."""
    shown = "".join("_" if unicodedata.category(ch) in HIDDEN else ch
                    for ch in unicodedata.normalize("NFC", text))
    stem = _FORBIDDEN.sub("_", shown).strip().rstrip(". ")
    stem = stem[:MAX_STEM].rstrip(". ")
    if not stem or stem.split(".")[0].casefold() in DEVICES:
        stem = f"_{stem}"
    return stem


def file_names(stems: Sequence[str], extension: str, reserved: Iterable[str] = ()) -> list[str]:
    """One safe, distinct (regardless of case) file name per stem, in order."""
    taken = {name.casefold() for name in reserved}
    names = []
    for text in stems:
        stem = safe_stem(text)
        name, n = f"{stem}.{extension}", 2
        while name.casefold() in taken:
            name, n = f"{stem}-{n}.{extension}", n + 1
        taken.add(name.casefold())
        names.append(name)
    return names
