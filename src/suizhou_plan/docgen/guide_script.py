"""docs/guide.zh-Hant.md: the user guide in traditional script, derived from docs/guide.md.

The guide is written in simplified Chinese, the script of the mainland offices that use it;
readers of traditional script get the same page converted, so the two never say different
things.  The prose is converted as the traditional message catalogue is (OpenCC `s2tw`,
through `i18n.in_script`, which leaves file paths as they are).  What the reader types or
the program prints is kept byte for byte: fenced blocks (commands and their real output,
which the guide's tests run), inline code, HTML comments, and the table under a
`<!-- fill … -->` comment (what a unit typed into its sheet, which those tests type).  Links
to the guide's own headings follow the converted headings, and the link to this page becomes
the link back to the simplified one.
"""

from __future__ import annotations

import re
from pathlib import Path

from suizhou_plan.docgen.page import REGENERATE, anchor
from suizhou_plan.i18n import in_script

GUIDE_MD = Path("docs/guide.md")
GUIDE_HANT_MD = Path("docs/guide.zh-Hant.md")

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")  # an inline code span
_LINK_TARGET = re.compile(r"\]\(#([^)\s]+)\)")  # a link to a heading
_FILL = re.compile(r"^<!--\s*fill\b")
_HERE = "[繁體中文](guide.zh-Hant.md)"
_BACK = "[简体中文](guide.md)"
# Where OpenCC's phrase table reads the simplified text wrongly (一起复制 as 一起復 + 制, 写明了
# as 寫 + 明瞭, 是只读 as 是隻 + 讀, 表下注明 as 表 + 下注 + 明): the traditional text it
# should have given.  Checked against the whole converted page when the guide changes.
FIXES = (("一起復制", "一起複製"), ("寫明瞭", "寫明了"), ("是隻讀", "是只讀"),
         ("表下注明", "表下註明"))
NOTE = ("> 本頁由簡體版 [guide.md](guide.md) 轉換生成（`{regenerate}`），請勿直接修改。"
        "示例中的命令和輸出與簡體版相同（`--lang zh`）；加 `--lang zh-Hant` 即輸出繁體。")


def _prose(line: str, anchors: dict[str, str]) -> str:
    """A line of prose in traditional script, its inline code left as it is and its links
    to headings pointing at the converted headings (`anchors`)."""
    out, at = [], 0
    for found in re.finditer(f"{_CODE.pattern}|{_LINK_TARGET.pattern}", line):
        out.append(in_script("zh-Hant", line[at:found.start()]))
        target = found.group(2)
        out.append(found.group() if target is None else f"](#{anchors.get(target, target)})")
        at = found.end()
    out.append(in_script("zh-Hant", line[at:]))
    text = "".join(out)
    for wrong, right in FIXES:
        text = text.replace(wrong, right)
    return text


def _prose_lines(lines: list[str]) -> list[bool]:
    """Which lines are prose: not in a fenced block, not a comment, not the table under a
    fill comment."""
    prose, fence, verbatim = [], False, False
    for line in lines:
        if line.startswith("```"):
            fence = not fence
            prose.append(False)
        elif fence:
            prose.append(False)
        elif _FILL.match(line.strip()):
            verbatim = True
            prose.append(False)
        elif verbatim and (line.startswith("|") or not line.strip()):
            prose.append(False)
        else:
            verbatim = False
            prose.append(not line.lstrip().startswith("<!--"))
    return prose


def guide_hant_markdown(text: str) -> str:
    """The traditional guide for the simplified guide `text`."""
    lines = text.split("\n")
    prose = _prose_lines(lines)
    anchors = {anchor(line.lstrip("#")): anchor(_prose(line, {}).lstrip("#"))
               for line, p in zip(lines, prose, strict=True) if p and line.startswith("#")}
    out = [_prose(line, anchors) if p else line for line, p in zip(lines, prose, strict=True)]
    title = next((k for k, line in enumerate(out) if line.startswith("# ")), -1)
    out[title + 1:title + 1] = ["", NOTE.format(regenerate=REGENERATE)]
    return "\n".join(out).replace(_HERE, _BACK)
