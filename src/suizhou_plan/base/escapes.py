"""Plan text made harmless for the medium it is shown in.

Plan files are written by many hands and pasted from many places, and YAML's double-quoted
strings can hold any character (`"\\e[2J"` is an escape sequence).  Every renderer passes
plan text through one of these before it reaches its reader:

- a terminal: control characters (C0, DEL, C1) and the bidirectional overrides that reorder
  what is shown ("Trojan source") become visible escapes such as `\\x1b`, so no text from a
  plan can move the cursor, clear the screen, set a link or retitle the window;
- a spreadsheet (CSV today, any later Excel writer): a cell that starts like a formula is
  prefixed with `'` (the OWASP CSV-injection guidance), numbers and dates left as data;
- Markdown: HTML and link syntax are escaped, so `<script>` or `![](http://…)` in a title
  reaches the renderer as text.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
_CONTROL = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[{_CONTROL}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character, line breaks and tabs included, shown as an
    escape (`\\x1b`, `\\n`, `\\u202e`): for one cell or one field of terminal output."""
    if text.isprintable():  # no control character is printable: the usual case, in C
        return text
    return _ANY_CONTROL.sub(_escape, text)


def visible_lines(text: str) -> str:
    """A whole terminal output: as `visible`, but its line breaks stay line breaks."""
    return "\n".join(visible(line) for line in text.split("\n"))


# Cells a spreadsheet would read as a formula (or DDE command): OWASP's list, plus the
# full-width forms a Chinese input method types.
_FORMULA_START = frozenset("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value: str) -> str:
    """A cell that cannot run as a formula: `'` before one that starts with `=`, `+`, `-`,
    `@`, a tab or a carriage return, unless it is a plain number (`-3`, `+1.5`), which a
    spreadsheet reads as a number, never a formula."""
    if value and value[0] in _FORMULA_START and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


_MARKDOWN_SPECIAL = re.compile(r"([\\`\[\]|])")


def markdown_text(text: str) -> str:
    """Plan text inside Markdown (a heading, a list item or a table cell): HTML escaped,
    link, code-span and table syntax backslash-escaped, one line, no controls."""
    # lazy: only markdown_text() needs it (+3 ms)
    import html  # not at the top: `check --format json` never writes Markdown

    one_line = " ".join(text.splitlines())
    return visible(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False)))


def markdown_code(text: str) -> str:
    """Text for a Markdown code span, which shows its content literally (so it is not
    HTML-escaped): one line, no control character, no backtick that could end the span."""
    return visible(" ".join(text.splitlines())).replace("`", "'")
