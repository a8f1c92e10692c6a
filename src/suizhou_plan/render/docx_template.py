"""An office's Word template (`--template 公文模板.docx`), made safe before python-docx reads it.

A template comes from outside: from a colleague, a mail, the web.  What the bulletin and
every other Word output takes from it is its look: the styles, the page setup, the headers
and footers (a letterhead), and the static images these show.  Everything else is left
behind, and what could act is named in a warning:

- macros (`vbaProject.bin`) and embedded objects or controls (OLE, ActiveX);
- fields that run a program or fetch a file (`DDEAUTO`, `INCLUDEPICTURE`, `INCLUDETEXT`,
  and any other field but the few a letterhead uses: `PAGE`, `NUMPAGES`, dates...), as
  `w:fldSimple` or as `w:fldChar`/`w:instrText` runs, in the body, headers, footers and
  notes;
- relationships to anything outside the file (`TargetMode="External"`: remote images,
  hyperlinks, a remote template), an attached template (`w:attachedTemplate`), mail merge;
- embedded fonts, and images larger than `MAX_IMAGE` or that are not the image they claim.

The template's own text (its body) is not taken either: only its last section's settings.

A file that is not a Word document is refused with a `TemplateError` whose message names the
file and says what to give instead: not a zip, another office format, a macro-enabled
document (.docm), a Word 97–2003 or password-protected file, XML with a DTD or entities, a
part (or the whole) that would unpack to more than the limits below, or damage.  Every
part's declared size is checked before anything is unpacked, and no part is read past it.

The safe template is a new package built in memory from the parts kept, with a content type
of our own for each (an attacker's [Content_Types].xml chooses nothing) and empty document
properties, so python-docx only ever reads what was checked."""

from __future__ import annotations

import io
import os
import posixpath
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote

from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.base.escapes import visible
from suizhou_plan.i18n import Msg

MB = 1024 * 1024
# Limits that bound the work, not just the size: python-docx holds every XML part kept as a
# tree of about ten times its text, and looks a style up by walking them all, once for each
# paragraph it adds (bench/hostile_templates.py: each template under 2 s and 300 MB).
MAX_FILE = 32 * MB  # the template file itself
MAX_PART = 16 * MB  # any one part, unpacked
MAX_TOTAL = 16 * MB  # every part together, unpacked
MAX_XML = 2 * MB  # one XML part (styles, a header, the document), unpacked
MAX_XML_TOTAL = 4 * MB  # every XML part read, together
MAX_PARTS = 2000
MAX_STYLES = 2000  # Word's own templates define a few hundred
MAX_IMAGE = 4 * MB  # an image kept in a header or footer
SHOWN = 80  # characters of a target or field instruction named in a warning
SHOWN_FIELDS = 20  # fields named one by one; past these, one line counts them all

# Fields a letterhead or footer may keep: they show a number, a date or a property of the
# document itself.  Every other field is dropped (an allow-list: Word accepts many spellings
# and builds instructions out of nested fields, which a list of bad names would miss).
ALLOWED_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "CREATEDATE", "SAVEDATE",
    "PRINTDATE", "STYLEREF", "TITLE", "AUTHOR", "SUBJECT", "DOCPROPERTY", "SYMBOL", "=",
})

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN_TYPES = (WML + "document.main+xml", WML + "template.main+xml")  # .docx, .dotx
MACRO_MAIN_TYPES = ("application/vnd.ms-word.document.macroenabled.main+xml",
                    "application/vnd.ms-word.template.macroenabledtemplate.main+xml")
# The content type of each part kept, by the relationship that reaches it.
PART_TYPES = {
    "officedocument": WML + "document.main+xml",
    "styles": WML + "styles+xml",
    "styleswitheffects": "application/vnd.ms-word.stylesWithEffects+xml",
    "settings": WML + "settings+xml",
    "fonttable": WML + "fontTable+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "numbering": WML + "numbering+xml",
    "header": WML + "header+xml",
    "footer": WML + "footer+xml",
    "footnotes": WML + "footnotes+xml",
    "endnotes": WML + "endnotes+xml",
}
STORIES = frozenset({"officedocument", "header", "footer", "footnotes", "endnotes"})
# What each kind of part may point at (besides images, see IMAGE_HOLDERS).
KEPT_TARGETS = {
    "officedocument": frozenset({"styles", "styleswitheffects", "settings", "fonttable",
                                 "theme", "numbering", "header", "footer", "footnotes",
                                 "endnotes"}),
}
IMAGE_HOLDERS = frozenset({"header", "footer", "footnotes", "endnotes", "numbering", "theme"})
IMAGES = {"png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
          "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
          "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
          "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
          "bmp": ("image/bmp", (b"BM",)),
          "tif": ("image/tiff", (b"II*\x00", b"MM\x00*")),
          "tiff": ("image/tiff", (b"II*\x00", b"MM\x00*")),
          "emf": ("image/x-emf", (b"\x01\x00\x00\x00",)),
          "wmf": ("image/x-wmf", (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"))}
MACRO_RELS = frozenset({"vbaproject", "wordvbadata", "keymapcustomizations", "vbadata"})
OBJECT_RELS = frozenset({"oleobject", "package", "control", "activexcontrol",
                         "activexcontrolbinary", "afchunk", "subdocument", "glossarydocument"})
MERGE_RELS = frozenset({"mailmergesource", "mailmergeheadersource", "recipientdata"})
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, and any password-protected .docx


class TemplateError(SuizhouError):
    """The template cannot be used; `message` (a `Msg`) names the file and says what to
    give instead (a usage error: --template was typed)."""

    exit_code = USAGE


@dataclass(frozen=True)
class Template:
    """A template made safe: the package python-docx will read, and what was left out of it
    that could act or fetch (each a `Msg` naming the file and the part)."""

    data: bytes
    dropped: tuple[Msg, ...] = ()


def read_template(path: Path, shown: str | None = None) -> Template:
    """The template at `path`, made safe, or a `TemplateError`.  Only a regular file is read
    (a FIFO, a device or a directory is refused before anything is read from it), and no
    more than `MAX_FILE` bytes of it.  `shown` is the file as the user typed it."""
    name = shown if shown is not None else str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise TemplateError(Msg("--template {file}: no such Word document", file=name)) from None
    except OSError:
        raise TemplateError(Msg("--template {file} cannot be read (no permission, or a disk "
                                "error); give a Word document (.docx) you can read",
                                file=name)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError(Msg("--template {file} is not a file but a directory, device "
                                    "or pipe; give a Word document (.docx)", file=name))
        if info.st_size > MAX_FILE:
            raise TemplateError(Msg("--template {file} is {size} MB; a template may have at "
                                    "most {limit} MB. Give a .docx with smaller images",
                                    file=name, size=_mb(info.st_size), limit=_mb(MAX_FILE)))
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(MAX_FILE + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE:  # it grew while being read
        raise TemplateError(Msg("--template {file} is {size} MB; a template may have at most "
                                "{limit} MB. Give a .docx with smaller images", file=name,
                                size=_mb(len(data)), limit=_mb(MAX_FILE)))
    return sanitise(data, name)


@cache
def default_template() -> Template:
    """python-docx's own template, through the same sieve (it brings a thumbnail, custom XML
    and the properties of a Mac Word of 2013, none of which belongs in an output)."""
    # lazy: only default_template() needs it (+46 ms: docx, lxml)
    import docx

    path = Path(docx.__file__).parent / "templates" / "default.docx"
    return sanitise(path.read_bytes(), "default.docx")


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return visible(text if len(text) <= SHOWN else text[:SHOWN - 1] + "…")


def _kind(type_uri: str) -> str:
    """A relationship's type by its last segment: `.../relationships/styles` → styles (the
    same in the transitional, strict and Microsoft namespaces)."""
    return type_uri.rstrip("/").rsplit("/", 1)[-1].lower()


@dataclass
class _Rel:
    id: str
    kind: str
    type: str
    target: str
    external: bool


@dataclass
class _Field:
    start: int  # its `begin` among the part's run children
    end: int = -1  # its `end` (a field never closed runs to the end of the part)
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    tainted: bool = False  # a field that is not allowed is nested in it

    @property
    def text(self) -> str:
        return "".join(self.instruction).strip()

    @property
    def allowed(self) -> bool:
        return _field_allowed(self.text)


def _field_allowed(instruction: str) -> bool:
    words = instruction.split()
    if not words:
        return False
    keyword = words[0].upper()
    return keyword in ALLOWED_FIELDS or keyword.startswith("=")


class _Sieve:
    """One template being made safe."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.dropped: list[Msg] = []
        self.named: set[tuple[str, str]] = set()
        if data.startswith(CFB):
            raise TemplateError(Msg(
                "--template {file} is a Word 97–2003 document (.doc) or a document protected "
                "by a password; open it in Word and save it as a Word Document (.docx) "
                "without a password, and give that", file=name))
        entries = _declared_entries(data)
        if entries is not None and entries > MAX_PARTS:  # before zipfile reads them all
            self._too_many(entries)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise TemplateError(Msg("--template {file} is not a Word document (.docx); give "
                                    "a document saved by Word or WPS as .docx", file=name)) \
                from None
        self._limits(infos)
        self.infos = {info.filename: info for info in infos}
        self.xml_read = 0  # unpacked bytes of the XML parts parsed so far
        self.fields_dropped = 0
        self.parts: dict[str, bytes] = {}  # what the new package holds
        self.types: dict[str, str] = {}  # its content types (parts not in `IMAGES`)

    # -- reading, bounded ------------------------------------------------------------------

    def _limits(self, infos: list[zipfile.ZipInfo]) -> None:
        """Every part's declared unpacked size, and their sum, before anything is unpacked."""
        if len(infos) > MAX_PARTS:
            self._too_many(len(infos))
        names = set()
        total = 0
        for info in infos:
            if info.filename in names:
                self._damaged(info.filename)
            names.add(info.filename)
            if info.file_size > MAX_PART:
                raise TemplateError(Msg(
                    "--template {file}: {part} would unpack to {size} MB, more than the {limit} "
                    "MB a part of a template may have (a zip bomb, or a huge image); give a "
                    ".docx with smaller images", file=self.name, part=_short(info.filename),
                    size=_mb(info.file_size), limit=_mb(MAX_PART)))
            total += info.file_size
        if total > MAX_TOTAL:
            raise TemplateError(Msg(
                "--template {file} would unpack to {size} MB, more than the {limit} MB a "
                "template may have; give a .docx with smaller images", file=self.name,
                size=_mb(total), limit=_mb(MAX_TOTAL)))

    def _too_many(self, n: int) -> NoReturn:
        raise TemplateError(Msg("--template {file} holds {n} parts, more than the {limit} a "
                                "Word document has; give a .docx saved by Word or WPS",
                                file=self.name, n=n, limit=MAX_PARTS))

    def _damaged(self, part: str) -> NoReturn:
        raise TemplateError(Msg("--template {file} is damaged ({part} cannot be read); open it "
                                "in Word, save it again as .docx and give that",
                                file=self.name, part=_short(part)))

    def has(self, part: str) -> bool:
        return part in self.infos

    def read(self, part: str) -> bytes:
        info = self.infos[part]
        try:
            with self.zip.open(info) as stream:
                data = stream.read(min(info.file_size, MAX_PART) + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError,
                NotImplementedError, ValueError):
            self._damaged(part)
        if len(data) != info.file_size:
            self._damaged(part)
        return data

    def xml(self, part: str) -> Any:
        """The part parsed: no DTD, no entities, nothing fetched, no more than `MAX_XML`."""
        # lazy: only xml() needs it (+0 ms: lxml)
        from lxml import etree

        size = self.infos[part].file_size
        if size > MAX_XML:
            raise TemplateError(Msg(
                "--template {file}: {part} would unpack to {size} MB, more than the {limit} MB "
                "a template's styles, letterhead or text may have; give a template that holds "
                "the letterhead and the styles, not a whole document", file=self.name,
                part=_short(part), size=_mb(size), limit=_mb(MAX_XML)))
        self.xml_read += size
        if self.xml_read > MAX_XML_TOTAL:
            raise TemplateError(Msg(
                "--template {file}: its styles, headers, footers and text unpack to more than "
                "{limit} MB; give a template that holds the letterhead and the styles, not a "
                "whole document", file=self.name, limit=_mb(MAX_XML_TOTAL)))

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(self.read(part), parser)
        except etree.XMLSyntaxError:
            self._damaged(part)
        info = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:
            raise TemplateError(Msg(
                "--template {file}: {part} declares a DTD or entities, which a Word document "
                "never does; open the template in Word, save it again as .docx and give that",
                file=self.name, part=_short(part)))
        return root

    # -- warnings ---------------------------------------------------------------------------

    def drop(self, key: str, message: Msg) -> None:
        """Warn once for each thing left out."""
        if (key, str(message)) not in self.named:
            self.named.add((key, str(message)))
            self.dropped.append(message)

    # -- the package ------------------------------------------------------------------------

    def content_types(self) -> dict[str, str]:
        """Each part's declared content type (lower case), for telling what the file is."""
        if not self.has("[Content_Types].xml"):
            return {}
        root = self.xml("[Content_Types].xml")
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "").lower()
                    for d in root.iter(f"{{{CT}}}Default")}
        found = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "").lower()
                 for o in root.iter(f"{{{CT}}}Override")}
        for part in self.infos:
            if part not in found:
                extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
                if extension in defaults:
                    found[part] = defaults[extension]
        return found

    def rels(self, part: str) -> list[_Rel]:
        """The relationships of `part` ('' for the package's own)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_part):
            return []
        out = []
        for rel in self.xml(rels_part).iter(f"{{{PR}}}Relationship"):
            rel_type = rel.get("Type", "")
            out.append(_Rel(rel.get("Id", ""), _kind(rel_type), rel_type, rel.get("Target", ""),
                            rel.get("TargetMode", "").lower() == "external"))
        return out

    def target(self, part: str, rel: _Rel) -> str | None:
        """The part `rel` of `part` points at, or None when it points outside the package."""
        target = unquote(rel.target.split("#", 1)[0])
        if target.startswith("/"):
            resolved = posixpath.normpath(target.lstrip("/"))
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        if resolved.startswith("../") or resolved in ("..", ".", ""):
            return None
        return resolved

    def main_part(self) -> str:
        types = self.content_types()
        package_rels = self.rels("")
        main = next((self.target("", r) for r in package_rels
                     if r.kind == "officedocument" and not r.external), None)
        main_type = types.get(main or "", "")
        if main_type in MACRO_MAIN_TYPES:
            raise TemplateError(Msg(
                "--template {file} is a macro-enabled Word document (.docm or .dotm); open it "
                "in Word, save it as a Word Document (.docx), which keeps no macros, and give "
                "that", file=self.name))
        if main is not None and main_type in MAIN_TYPES and self.has(main):
            return main
        kind = _what_else(types, set(self.infos))
        if kind is not None:
            raise TemplateError(Msg("--template {file} is {kind}, not a Word document; give a "
                                    "Word document (.docx)", file=self.name, kind=kind))
        raise TemplateError(Msg("--template {file} is not a Word document (.docx); give a "
                                "document saved by Word or WPS as .docx", file=self.name))

    def warn_macros(self, types: dict[str, str]) -> None:
        """Macros anywhere in the file, whether or not anything points at them."""
        for part in self.infos:
            base = posixpath.basename(part).lower()
            content_type = types.get(part, "")
            if base in ("vbaproject.bin", "vbadata.xml") or "vbaproject" in content_type:
                self.drop("macros", Msg("--template {file}: dropped its macros ({part})",
                                        file=self.name, part=_short(part)))

    def build(self) -> bytes:
        types = self.content_types()
        main = self.main_part()
        self.warn_macros(types)
        self.story(main, "officedocument")
        if self.fields_dropped > SHOWN_FIELDS:
            self.dropped.append(Msg("--template {file}: dropped {n} fields in all; the first "
                                    "{shown} are named above", file=self.name,
                                    n=self.fields_dropped, shown=SHOWN_FIELDS))
        self.parts["docProps/core.xml"] = EMPTY_CORE
        self.types["docProps/core.xml"] = "application/vnd.openxmlformats-package." \
                                          "core-properties+xml"
        self.parts["_rels/.rels"] = _rels_xml([
            ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "officeDocument", main),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                     "core-properties", "docProps/core.xml")])
        self.parts["[Content_Types].xml"] = _content_types_xml(self.types)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for part in ["[Content_Types].xml", "_rels/.rels",
                         *sorted(p for p in self.parts if p not in ("[Content_Types].xml",
                                                                    "_rels/.rels"))]:
                entry = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                package.writestr(entry, self.parts[part])
        return out.getvalue()

    def story(self, part: str, kind: str) -> None:
        """Keep `part` (reached as `kind`) and, through its relationships, what it may point
        at; drop and name the rest."""
        # lazy: only story() needs it (+0 ms: lxml)
        from lxml import etree

        if part in self.parts or part in self.types:
            return
        self.types[part] = PART_TYPES[kind]
        self.parts[part] = b""  # reserved: a cycle of relationships ends here
        root = self.xml(part)
        if kind in STORIES:
            self.fields(root, part)
        if kind == "officedocument" and not _body_to_section(root):
            self._damaged(part)
        if kind == "settings":
            self.settings(root, part)
        if kind in ("styles", "styleswitheffects"):
            count = sum(1 for _ in root.iterchildren(f"{{{W}}}style"))
            if count > MAX_STYLES:
                raise TemplateError(Msg(
                    "--template {file}: {part} defines {n} styles, more than the {limit} a "
                    "template may have; give a template saved by Word or WPS", file=self.name,
                    part=_short(part), n=count, limit=MAX_STYLES))
        if kind == "fonttable":
            for embedded in root.iter(*(f"{{{W}}}{e}" for e in (
                    "embedRegular", "embedBold", "embedItalic", "embedBoldItalic"))):
                embedded.getparent().remove(embedded)
        referenced = _referenced_ids(root)
        kept: list[tuple[str, str, str]] = []
        dropped_ids: set[str] = set()
        for rel in self.rels(part):
            target = None if rel.external else self.target(part, rel)
            if self.keep(part, kind, rel, target, referenced):
                assert target is not None
                kept.append((rel.id, rel.type, rel.target))
            else:
                dropped_ids.add(rel.id)
        _unlink(root, dropped_ids)
        if kind in STORIES:
            _strip_vml_links(root)
        self.parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
        if kept:
            folder, base = posixpath.split(part)
            self.parts[posixpath.join(folder, "_rels", base + ".rels")] = _rels_xml(kept)

    def keep(self, part: str, kind: str, rel: _Rel, target: str | None,
             referenced: set[str]) -> bool:
        """Whether `rel` of `part` stays (following it if so); a warning for what could act."""
        where = _short(part)
        if rel.kind == "attachedtemplate":
            self.drop("attached", Msg("--template {file}: dropped the attached template {target} "
                                      "({part})", file=self.name, target=_short(rel.target),
                                      part=where))
            return False
        if rel.kind in MACRO_RELS:
            self.drop("macros", Msg("--template {file}: dropped its macros ({part})",
                                    file=self.name, part=_short(target or rel.target)))
            return False
        if rel.kind in MERGE_RELS:
            self.drop("merge", Msg("--template {file}: dropped its mail merge data source "
                                   "{target} ({part})", file=self.name,
                                   target=_short(rel.target), part=where))
            return False
        if rel.external:
            self.drop("external", Msg("--template {file}: dropped a link to {target} outside "
                                      "the file ({part})", file=self.name,
                                      target=_short(rel.target), part=where))
            return False
        if rel.kind in OBJECT_RELS:
            if kind != "officedocument":  # the body goes anyway; in a letterhead, say so
                self.drop("object", Msg("--template {file}: dropped an embedded object or "
                                        "control ({part})", file=self.name,
                                        part=_short(target or rel.target)))
            return False
        if rel.kind == "font":
            self.drop("font", Msg("--template {file}: dropped the embedded font {part}; the "
                                  "output names its fonts, and Word uses those installed",
                                  file=self.name, part=_short(target or rel.target)))
            return False
        if target is None or not self.has(target):
            return False
        if rel.kind == "image" and kind in IMAGE_HOLDERS:
            return self.image(target)
        allowed = KEPT_TARGETS.get(kind, frozenset())
        if rel.kind not in allowed:
            return False
        if rel.kind in ("header", "footer") and rel.id not in referenced:
            return False  # a header of the body's own sections, which go with the body
        self.story(target, rel.kind)
        return True

    def image(self, part: str) -> bool:
        extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
        known = IMAGES.get(extension)
        size = self.infos[part].file_size
        if size > MAX_IMAGE:
            self.drop("image", Msg("--template {file}: dropped the image {part}: {size} MB, "
                                   "more than the {limit} MB an image may have", file=self.name,
                                   part=_short(part), size=_mb(size), limit=_mb(MAX_IMAGE)))
            return False
        if part in self.parts:
            return True
        data = self.read(part) if known is not None else b""
        if known is None or (not data.startswith(known[1]) and not (
                extension == "emf" and data[40:44] == b" EMF")):
            self.drop("image", Msg("--template {file}: dropped {part}: it is not the picture "
                                   "it claims to be (PNG, JPEG, GIF, BMP, TIFF, EMF or WMF)",
                                   file=self.name, part=_short(part)))
            return False
        self.parts[part] = data
        return True

    def settings(self, root: Any, part: str) -> None:
        """No attached template, styles linked to it, or mail merge; the rest stays (the
        odd and even pages' footers, compatibility)."""
        for name in ("attachedTemplate", "linkStyles", "mailMerge"):
            for element in list(root.iter(f"{{{W}}}{name}")):
                if name == "mailMerge":
                    self.drop("merge-settings", Msg("--template {file}: dropped its mail merge "
                                                    "settings ({part})", file=self.name,
                                                    part=_short(part)))
                element.getparent().remove(element)

    def fields(self, root: Any, part: str) -> None:
        """Drop every field but the allowed ones, simple or complex, with what it holds."""
        for simple in list(root.iter(f"{{{W}}}fldSimple")):
            instruction = simple.get(f"{{{W}}}instr", "")
            if _field_allowed(instruction) or not _attached(simple, root):
                continue
            self._field_dropped(instruction, part)
            simple.getparent().remove(simple)
        children, found = _complex_fields(root)
        reach = -1
        for one in found:  # in the order they begin: a field nested in one dropped is gone
            if one.allowed and not one.tainted:
                continue
            if not one.allowed:
                self._field_dropped(one.text, part)
            if one.start <= reach:
                continue
            for child in children[one.start:one.end + 1]:
                parent = child.getparent()
                if parent is not None:
                    parent.remove(child)
            reach = one.end

    def _field_dropped(self, instruction: str, part: str) -> None:
        self.fields_dropped += 1
        if self.fields_dropped > SHOWN_FIELDS:
            return
        shown = _short(instruction) if instruction.strip() else "…"
        self.drop("field", Msg("--template {file}: dropped the field {field} ({part}); a "
                               "template keeps only page numbers, dates and document "
                               "properties", file=self.name, field=shown, part=_short(part)))


def _attached(element: Any, root: Any) -> bool:
    return any(a is root for a in element.iterancestors())


def _complex_fields(root: Any) -> tuple[list[Any], list[_Field]]:
    """The run children of a part in document order, and its `w:fldChar` fields in the
    order they begin, each spanning the children from its `begin` to its `end` (its
    instruction, its result, the fields nested in it).  One pass, whatever the nesting."""
    rpr, fld_char, instr = f"{{{W}}}rPr", f"{{{W}}}fldChar", f"{{{W}}}instrText"
    children: list[Any] = []
    fields: list[_Field] = []
    stack: list[_Field] = []

    def close(done: _Field, at: int) -> None:
        done.end = at
        if stack and (done.tainted or not done.allowed):
            stack[-1].tainted = True

    for run in list(root.iter(f"{{{W}}}r")):
        for child in list(run):
            if child.tag == rpr:
                continue
            children.append(child)
            if child.tag == fld_char:
                kind = child.get(f"{{{W}}}fldCharType")
                if kind == "begin":
                    if stack and not stack[-1].in_result:  # a field inside an instruction
                        stack[-1].instruction.append(" {…} ")
                    stack.append(_Field(len(children) - 1))
                    fields.append(stack[-1])
                elif kind == "separate" and stack:
                    stack[-1].in_result = True
                elif kind == "end" and stack:
                    close(stack.pop(), len(children) - 1)
            elif child.tag == instr and stack and not stack[-1].in_result:
                stack[-1].instruction.append(child.text or "")
    while stack:  # never closed: to the end of the part
        close(stack.pop(), len(children) - 1)
    return children, fields


def _body_to_section(root: Any) -> bool:
    """The template's text goes; its last section's settings (page, headers) stay (an empty
    one, Word's defaults, when it has none).  False when there is no body at all."""
    # lazy: only _body_to_section() needs it (+0 ms: lxml)
    from lxml import etree

    body = root.find(f"{{{W}}}body")
    if root.tag != f"{{{W}}}document" or body is None:
        return False
    sections = 0
    for child in list(body):
        if child.tag != f"{{{W}}}sectPr" or sections:
            body.remove(child)
        else:
            sections += 1
    if not sections:
        etree.SubElement(body, f"{{{W}}}sectPr")
    return True


def _referenced_ids(root: Any) -> set[str]:
    return {value for element in root.iter() for key, value in element.attrib.items()
            if key.startswith(f"{{{R}}}")}


def _unlink(root: Any, dropped: set[str]) -> None:
    """Whatever pointed at a dropped relationship goes: a picture with its drawing, an
    object, a header reference; a hyperlink keeps its text."""
    if not dropped:
        return
    containers = {f"{{{W}}}drawing", f"{{{W}}}pict", f"{{{W}}}object"}
    for element in list(root.iter()):
        refs = [key for key, value in element.attrib.items()
                if key.startswith(f"{{{R}}}") and value in dropped]
        if not refs or not _attached(element, root):
            continue
        if element.tag in LINKS:  # a picture's link goes, the picture stays
            element.getparent().remove(element)
            continue
        if element.tag == f"{{{W}}}hyperlink":
            parent = element.getparent()
            at = parent.index(element)
            for n, child in enumerate(list(element)):
                parent.insert(at + n, child)
            parent.remove(element)
            continue
        doomed = next((a for a in element.iterancestors() if a.tag in containers), element)
        alternate = next((a for a in doomed.iterancestors()
                          if a.tag == f"{{{MC}}}AlternateContent"), None)
        if alternate is not None:
            doomed = alternate
        parent = doomed.getparent()
        if parent is not None:
            parent.remove(doomed)


LINKS = frozenset(f"{{http://schemas.openxmlformats.org/drawingml/2006/main}}{name}"
                  for name in ("hlinkClick", "hlinkHover", "hlinkMouseOver"))


def _declared_entries(data: bytes) -> int | None:
    """The number of entries the zip's end record declares, found as zipfile finds it (the
    last end-of-central-directory signature): a 32 MB file can declare half a million,
    which zipfile would read into objects before anyone could count them.  None when there
    is no end record (zipfile then says the file is no zip)."""
    tail = data[-(65536 + 22):]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    total = int.from_bytes(tail[at + 10:at + 12], "little")
    return 1 << 32 if total == 0xFFFF else total  # 0xFFFF: see the zip64 record: too many


def _strip_vml_links(root: Any) -> None:
    """VML pictures name their source file in attributes too (`o:href`, `src`)."""
    for element in root.iter(f"{{{VML}}}imagedata", f"{{{VML}}}fill", f"{{{VML}}}stroke"):
        for key in (f"{{{OFFICE}}}href", "src", f"{{{OFFICE}}}althref"):
            element.attrib.pop(key, None)


def _what_else(types: dict[str, str], names: set[str]) -> Msg | None:
    values = set(types.values())
    if any("spreadsheetml" in v or "ms-excel" in v for v in values) or "xl/workbook.xml" in names:
        return Msg("an Excel workbook")
    if any("presentationml" in v or "ms-powerpoint" in v for v in values) \
            or "ppt/presentation.xml" in names:
        return Msg("a PowerPoint presentation")
    if "mimetype" in names and "content.xml" in names:
        return Msg("an OpenDocument file (.odt, .ods)")
    return None


EMPTY_CORE = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
              b'<cp:coreProperties xmlns:cp="' + CORE.encode() + b'" '
              b'xmlns:dc="http://purl.org/dc/elements/1.1/" '
              b'xmlns:dcterms="http://purl.org/dc/terms/" '
              b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
              b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')


def _rels_xml(rels: Iterable[tuple[str, str, str]]) -> bytes:
    # lazy: only _rels_xml() needs it (+0 ms: lxml)
    from lxml import etree

    root = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    for rel_id, rel_type, target in rels:
        etree.SubElement(root, f"{{{PR}}}Relationship", Id=rel_id, Type=rel_type, Target=target)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _content_types_xml(types: dict[str, str]) -> bytes:
    # lazy: only _content_types_xml() needs it (+0 ms: lxml)
    from lxml import etree

    root = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    etree.SubElement(root, f"{{{CT}}}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(root, f"{{{CT}}}Default", Extension="xml", ContentType="application/xml")
    for extension, (content_type, _) in IMAGES.items():
        etree.SubElement(root, f"{{{CT}}}Default", Extension=extension, ContentType=content_type)
    for part, content_type in sorted(types.items()):
        etree.SubElement(root, f"{{{CT}}}Override", PartName="/" + part,
                         ContentType=content_type)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def sanitise(data: bytes, name: str) -> Template:
    """`data` (a template's bytes) made safe, or a `TemplateError` naming `name`."""
    sieve = _Sieve(data, name)
    try:
        built = sieve.build()
    finally:
        sieve.zip.close()
    _probe(built, name)
    return Template(built, tuple(sieve.dropped))


def _probe(data: bytes, name: str) -> None:
    """python-docx opens what was built, reads its styles and sections: what it cannot read
    is damage in the template, said as such, not a crash later."""
    # lazy: only _probe() needs it (+46 ms: docx, lxml)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        for style in document.styles:  # what the render asks of a style (not its base:
            _ = (style.type, style.name, style.style_id)  # a walk of all styles for each)
        for section in document.sections:  # what it asks of the page (a table's width)
            _ = (section.page_width, section.page_height, section.left_margin,
                 section.right_margin, section.top_margin, section.bottom_margin,
                 section.orientation, section.start_type)
            for story in (section.header, section.footer):
                list(story.paragraphs)
        _ = document.settings.odd_and_even_pages_header_footer
    except Exception:  # whatever python-docx trips on is damage in the file
        raise TemplateError(Msg("--template {file} is damaged ({part} cannot be read); open "
                                "it in Word, save it again as .docx and give that", file=name,
                                part="word/document.xml")) from None
