"""Documents from outside are untrusted (issue #26): special files, links to nothing, zip
bombs, pages nested thousands deep or declaring no real charset, a damaged GBK byte, text
over the length limit.  Each is a message and an exit code from the documented set (1 for a
document that cannot be read, 2 for a usage error), in the reader's language, and nothing is
written under --out when the import is refused."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from import_helpers import do_import, invoke

import suizhou_plan.importer.document as document

PLAN = "某市测试实施方案\n一、重点任务\n1.建设政务云平台。（责任单位：市数据局、市财政局）\n" \
       "2.完善电子政务外网。（责任单位：市数据局）\n"


def refused(tmp_path: Path, doc: Path, *extra: str) -> tuple[int, str]:
    out = tmp_path / "out"
    code, stdout, stderr = invoke("import", str(doc), "--out", str(out), *extra)
    assert stdout == "" and not out.exists()
    return code, stderr


def test_a_fifo_is_refused_before_anything_is_read(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    assert refused(tmp_path, fifo, "--lang", "en") == (1, (
        f"suizhou import: {fifo} is a FIFO (named pipe), not a file: only regular files are "
        "imported\n"))
    assert refused(tmp_path, fifo, "--lang", "zh-Hans") == (1, (
        f"suizhou import: {fifo} 是命名管道（FIFO），不是文件：只能导入普通文件\n"))


def test_a_link_to_a_device_is_refused_whatever_it_is_called(tmp_path):
    link = tmp_path / "plan.txt"
    link.symlink_to("/dev/zero")
    assert refused(tmp_path, link, "--lang", "en") == (1, (
        f"suizhou import: {link} → /dev/zero is a device, not a file: only regular files are "
        "imported\n"))
    assert refused(tmp_path, link, "--lang", "zh-Hans") == (1, (
        f"suizhou import: {link} → /dev/zero 是设备文件，不是文件：只能导入普通文件\n"))


def test_a_link_to_nothing_says_so(tmp_path):
    link = tmp_path / "plan.txt"
    link.symlink_to(tmp_path / "gone.txt")
    code, err = refused(tmp_path, link, "--lang", "en")
    assert code == 2
    assert err.endswith(f"Error: {link} is a symbolic link to {tmp_path / 'gone.txt'}, which "
                        "does not exist; type the path of the plan document\n")


def _docx_with_part(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * size)
    return buffer.getvalue()


def test_a_docx_part_that_unpacks_too_big_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import suizhou_plan.importer.reading_docx as reading_docx

    monkeypatch.setattr(reading_docx, "MAX_PART", 1000)
    doc = tmp_path / "plan.docx"
    doc.write_bytes(_docx_with_part(5000))
    assert refused(tmp_path, doc, "--lang", "en") == (1, (
        f"suizhou import: {doc}: its part word/document.xml unpacks to 5,000 bytes, over the "
        "1,000-byte limit for one part; nothing was read\n"))
    assert refused(tmp_path, doc, "--lang", "zh-Hans") == (1, (
        f"suizhou import: {doc}：其部件 word/document.xml 解压后为 5,000 字节，超过单个部件 "
        "1,000 字节的上限；未读取任何内容\n"))


def test_text_over_the_length_limit_says_where_the_limit_is_reached(tmp_path, monkeypatch):
    monkeypatch.setattr(document, "MAX_CHARS", 60)
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    assert refused(tmp_path, doc, "--lang", "en") == (1, (
        f"suizhou import: {doc} holds 66 characters of text, over the 60-character limit "
        "(reached at line 4); split the document and import each part\n"))
    assert refused(tmp_path, doc, "--lang", "zh-Hans") == (1, (
        f"suizhou import: {doc} 的文字有 66 个字符，超过 60 个字符的上限（在第 4 行处达到上限）；"
        "请把文件拆分后分别导入\n"))


def _gbk_with_a_bad_byte() -> bytes:
    data = PLAN.encode("gbk")
    cut = data.index("完善".encode("gbk"))
    return data[:cut] + b"\xff" + data[cut:]


def test_one_bad_byte_in_a_gbk_document_is_located_and_the_way_out_offered(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_bytes(_gbk_with_a_bad_byte())
    assert refused(tmp_path, doc, "--lang", "en") == (1, (
        f"suizhou import: {doc} reads as GBK except for byte ff at line 4, column 3 (byte "
        "offset 83); import it with --replace-bad-bytes to read it with such bytes replaced "
        "by 「\ufffd」 (each marked in the import report), or correct the file\n"))
    assert refused(tmp_path, doc, "--lang", "zh-Hans") == (1, (
        f"suizhou import: {doc} 按 GBK 编码可以读取，只有第 4 行第 3 列的字节 ff（字节偏移 83）"
        "无法识别；可加 --replace-bad-bytes 重新导入，将这类字节替换为「\ufffd」（每处都在导入报告中"
        "标明），或先修正文件\n"))


def test_with_replace_bad_bytes_the_spot_is_marked_in_the_report(tmp_path):
    got = do_import(tmp_path, "plan.txt", _gbk_with_a_bad_byte(), "--replace-bad-bytes",
                    "--lang", "en")
    assert got.exit_code == 0
    assert ("replaced-byte", 4) in got.findings
    assert ("column 3: a byte that is not GBK was replaced by 「\ufffd」 (--replace-bad-bytes)"
            in got.messages)
    assert got.task("T2").units == ["市数据局"]
    report = (got.out / "import-report.md").read_text(encoding="utf-8")
    assert "| line 4 | `replaced-byte` | column 3:" in report


@pytest.mark.parametrize("charset", ["undefined", "punycode", "rot13", "base64"])
def test_a_page_declaring_no_real_charset_is_read_and_said(tmp_path, charset):
    page = (f"<html><head><meta charset='{charset}'></head><body>\n<p>{PLAN}</p>"
            "</body></html>")
    got = do_import(tmp_path, "plan.html", page.encode("utf-8"), "--lang", "en")
    assert got.exit_code == 0, got.stderr
    assert ("charset-unknown", 1) in got.findings
    assert got.units() == {"T1": ["市数据局", "市财政局"], "T2": ["市数据局"]}


def test_a_page_with_hundreds_of_unclosed_font_tags_imports_every_task(tmp_path):
    items = "".join(f'<font color="red">{i}.建设第{i}项平台。（责任单位：市数据局）<br>\n'
                    for i in range(1, 401))
    page = "<html><head><meta charset='utf-8'></head><body><div>" + items + "</div></body></html>"
    got = do_import(tmp_path, "plan.html", page.encode("utf-8"), "--lang", "en")
    assert got.exit_code == 0
    assert len(got.tasks.tasks) == 400


def test_a_page_nested_past_the_parsers_limit_says_it_could_not_be_read(tmp_path):
    page = ("<html><head><meta charset='utf-8'></head><body>\n" + "<div>" * 3000 + "\n"
            + PLAN + "</body></html>")
    doc = tmp_path / "plan.html"
    doc.write_text(page, encoding="utf-8")
    assert refused(tmp_path, doc, "--lang", "en") == (1, (
        f"suizhou import: {doc}: its elements are nested more than 2048 deep at line 2, "
        "where the HTML parser stops, so the rest of the page could not be read; save the "
        "page as text (or correct its markup) and import that\n"))


def test_a_scanned_pdf_without_text_is_refused_saying_so(tmp_path):
    from PIL import Image

    doc = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(doc, "PDF")
    code, err = refused(tmp_path, doc, "--lang", "en")
    assert (code, err) == (1, (
        f"suizhou import: {doc} has no text layer (it is a scan, or pictures of pages): there "
        "is no text to import; run OCR on it first (e.g. `ocrmypdf -l chi_sim scan.pdf "
        "out.pdf`) or import the document it was printed from\n"))
    code, err = refused(tmp_path, doc, "--lang", "zh-Hans")
    assert (code, err) == (1, (
        f"suizhou import: {doc} 没有文字层（是扫描件或页面图片）：没有可导入的文字；请先进行文字识别"
        "（例如 `ocrmypdf -l chi_sim scan.pdf out.pdf`），或导入生成它的原文件\n"))
