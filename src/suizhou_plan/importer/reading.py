"""A document (text, markdown, saved HTML, Word .docx) → blocks with the line they came from.

A block is one paragraph, or one table row (`cells`).  `line` is the 1-based line of the file
for text, markdown and HTML, and the paragraph's position in the body for .docx (a table row
counts as one paragraph), so every finding can point at the place to look."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from suizhou_plan.i18n import Msg
from suizhou_plan.importer.document import (
    Document,
    UnreadableDocument,
    check_length,
    check_text_length,
    text_blocks,
)

MAX_BYTES = 64 * 1024 * 1024
FORMATS = ("text", "markdown", "html", "docx", "pdf")


def detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".docx" or head.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in (".html", ".htm", ".xhtml", ".shtml", ".mhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    sniff = head[:2048].lower()
    if b"<html" in sniff or b"<!doctype html" in sniff:
        return "html"
    return "text"


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them.  A device, a FIFO or a socket
    is refused before anything is read from it, whatever a symbolic link says: the file is
    opened without blocking and its kind checked on the open descriptor, so a FIFO never
    hangs the import and /dev/zero never fills the memory."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if path.is_symlink() and not path.exists():
            raise UnreadableDocument(Msg(
                "{path} is a symbolic link to {target}, which does not exist",
                path=str(path), target=str(os.readlink(path)))) from None
        raise UnreadableDocument(Msg("cannot read {path}: {why}", path=str(path),
                                     why=exc.strerror or str(exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = (Msg("a directory") if stat.S_ISDIR(info.st_mode) else
                    Msg("a FIFO (named pipe)") if stat.S_ISFIFO(info.st_mode) else
                    Msg("a socket") if stat.S_ISSOCK(info.st_mode) else Msg("a device"))
            shown = (f"{path} → {os.path.realpath(path)}" if path.is_symlink()
                     else str(path))
            raise UnreadableDocument(Msg(
                "{path} is {kind}, not a file: only regular files are imported",
                path=shown, kind=kind))
        if info.st_size > MAX_BYTES:
            raise UnreadableDocument(Msg(
                "{path} is {size} bytes, over the {limit}-byte limit", path=str(path),
                size=format(info.st_size, ","), limit=format(MAX_BYTES, ",")))
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UnreadableDocument(Msg("cannot read {path}: {why}", path=str(path),
                                     why=exc.strerror or str(exc))) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_BYTES:  # the file grew while it was read
        raise UnreadableDocument(Msg(
            "{path} is {size} bytes, over the {limit}-byte limit", path=str(path),
            size=format(len(data), ",") + "+", limit=format(MAX_BYTES, ",")))
    return data


def read_document(path: Path, *, replace_bad_bytes: bool = False) -> Document:
    data = read_bytes(path)
    if path.suffix.lower() == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(Msg(
            "{path} is an old Word .doc file; open it in Word or WPS and save it as .docx "
            "(or run `soffice --headless --convert-to docx` on it)", path=str(path)))
    if data.startswith(b"%PDF") or (path.suffix.lower() == ".pdf" and b"%PDF" in data[:1024]):
        # lazy: only read_document() needs it (+7 ms: 1 module)
        from suizhou_plan.importer.reading_pdf import read_pdf

        return check_length(read_pdf(path, data))
    fmt = detect_format(path, data[:4096])
    if fmt == "docx":
        # lazy: only read_document() needs it (+4 ms: 1 module)
        from suizhou_plan.importer.reading_docx import read_docx

        return check_length(read_docx(path, data))
    if fmt == "html":
        # lazy: only read_document() needs it (+5 ms: 1 module)
        from suizhou_plan.importer.reading_html import read_html

        return check_length(read_html(path, data, replace_bad_bytes=replace_bad_bytes))
    # lazy: only read_document() needs it (+5 ms: 1 module)
    from suizhou_plan.importer.encoding import decode_or_refuse

    decoded = decode_or_refuse(path, data, replace_bad_bytes=replace_bad_bytes)
    doc = Document(path, fmt, decoded.encoding)
    doc.replaced = decoded.replaced
    check_text_length(doc, decoded.text)
    doc.blocks = text_blocks(decoded.text, markdown=fmt == "markdown")
    return doc
