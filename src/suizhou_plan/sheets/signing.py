"""The signature a template carries, so that a returned sheet proves where it came from.

The office's workspace holds a secret (`workspace.KEY_NAME`, made by `suizhou init`,
never in git, never in a sheet).  A template's marker sheet is a table of text (the unit,
the plan's digest, the day, the format, each item's id, title, due date and role, and the
text of its locked cells); its last row is `signature`: HMAC-SHA256 over that table with
the secret.  Changing any cell of the marker (another unit's id, an item added, another
plan's digest), or bringing a template another workspace signed, no longer matches.

`key_id` names the secret without revealing it (an HMAC of a fixed text), so a sheet made
by another workspace is told apart from one whose marker was edited."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence

SIGNATURE = "signature"
_KEY_ID_TEXT = b"suizhou ledger template key id"


def canonical(rows: Sequence[Sequence[str]]) -> bytes:
    """The marker's rows as signed: every cell as text (line breaks as LF), trailing empty
    cells dropped, the signature's own row left out; one JSON array, UTF-8."""
    table = []
    for row in rows:
        cells = [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row]
        while cells and cells[-1] == "":
            cells.pop()
        if cells and cells[0] == SIGNATURE:
            continue
        table.append(cells)
    return json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(key: bytes, rows: Sequence[Sequence[str]]) -> str:
    return hmac.new(key, canonical(rows), hashlib.sha256).hexdigest()


def verify(key: bytes, rows: Sequence[Sequence[str]], signature: str) -> bool:
    return hmac.compare_digest(sign(key, rows), signature.strip().lower())


def key_id(key: bytes) -> str:
    return hmac.new(key, _KEY_ID_TEXT, hashlib.sha256).hexdigest()[:16]
