"""The Word files' own properties (issue #23): every document made through `official_docx`
says what it is (its title), who issues it (the leading group's office), and the date it
speaks for (the as-of date, never the clock's), and keeps nothing of python-docx's template
(created 2013 by "python-docx", "Microsoft Macintosh Word") or of an office's template."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import hostile_docx
import pytest

LEFTOVERS = ("python-docx", "2013", "Macintosh", "Normal.dotm", "某某", "某公司", "2019")


def _properties(path: Path) -> dict[str, object]:
    core = docx.Document(str(path)).core_properties
    return {"title": core.title, "author": core.author,
            "last_modified_by": core.last_modified_by, "created": core.created,
            "modified": core.modified}


def _cleared(path: Path) -> None:
    """No property but those set; no extended properties, thumbnail or custom XML."""
    core = docx.Document(str(path)).core_properties
    assert (core.revision, core.last_printed) == (0, None)
    for name in ("subject", "keywords", "comments", "category", "content_status", "identifier",
                 "language", "version"):
        assert getattr(core, name) == "", name
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert not [n for n in names if n.startswith(("docProps/app", "docProps/custom",
                                                      "docProps/thumbnail", "customXml/"))]
        for name in names:
            text = package.read(name).decode("utf-8", "replace")
            for leftover in LEFTOVERS:
                assert leftover not in text, (name, leftover)


def _midnight(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=timezone.utc)


@pytest.mark.parametrize(("lang", "title", "author"), [
    ("zh-Hans", "关于《数字随州建设实施方案》推进情况的通报", "数字随州建设领导小组办公室"),
    ("zh-Hant", "關於《數字隨州建設實施方案》推進情況的通報", "數字隨州建設領導小組辦公室"),
    ("en", "Bulletin on the progress of the 數字隨州建設實施方案", "數字隨州建設領導小組 Office"),
])
def test_the_bulletin_is_titled_signed_and_dated_as_it_reads(run_cli, plan_copy, tmp_path, lang,
                                                            title, author):
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "docx", "--out", "b.docx",
                     "--lang", lang)
    assert result.exit_code == 1, result.stderr
    assert _properties(tmp_path / "b.docx") == {
        "title": title, "author": author, "last_modified_by": author,
        "created": _midnight(2024, 1, 15), "modified": _midnight(2024, 1, 15)}
    _cleared(tmp_path / "b.docx")


def test_the_dates_are_the_as_of_date_not_the_clock(run_cli, plan_copy, tmp_path):
    run_cli("check", "--as-of", "2022-03-01", "--format", "docx", "--out", "b.docx")
    properties = _properties(tmp_path / "b.docx")
    assert (properties["created"], properties["modified"]) == (_midnight(2022, 3, 1),) * 2


def _template_with_its_own_properties() -> bytes:
    """An office's template, saved by someone at some company in 2019."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = hostile_docx.LETTERHEAD
    core = document.core_properties
    core.author, core.last_modified_by, core.title = "某某", "某某", "2019年模板"
    core.created = core.modified = datetime(2019, 5, 6, 7, 8, 9)
    core.revision, core.comments, core.keywords, core.category = 42, "某某的备注", "模板", "公文"
    out = io.BytesIO()
    document.save(out)
    files = hostile_docx.parts(out.getvalue())
    files["docProps/app.xml"] = files["docProps/app.xml"].replace(
        b"<Company/>", "<Company>某公司</Company>".encode())
    return hostile_docx.rezip(files)


def test_a_template_lends_its_look_not_its_properties(run_cli, plan_copy, tmp_path):
    (tmp_path / "公文模板.docx").write_bytes(_template_with_its_own_properties())
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "docx", "--out", "b.docx",
                     "--template", "公文模板.docx", "--lang", "zh-Hans")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == "已生成 b.docx\n"  # nothing in it that acts: nothing to warn of
    assert _properties(tmp_path / "b.docx") == {
        "title": "关于《数字随州建设实施方案》推进情况的通报", "author": "数字随州建设领导小组办公室",
        "last_modified_by": "数字随州建设领导小组办公室",
        "created": _midnight(2024, 1, 15), "modified": _midnight(2024, 1, 15)}
    _cleared(tmp_path / "b.docx")
    header = docx.Document(str(tmp_path / "b.docx")).sections[0].header.paragraphs[0].text
    assert header == hostile_docx.LETTERHEAD


def test_duty_lists_in_word_are_titled_by_their_first_unit_and_sent_by_the_office(
        run_cli, plan_copy, tmp_path):
    result = run_cli("duties", "市政数局", "随县", "--as-of", "2024-01-15", "--format", "docx",
                     "--out", "d.docx", "--lang", "zh-Hans")
    assert result.exit_code == 0, result.stderr
    assert _properties(tmp_path / "d.docx") == {
        "title": "市政数局 责任清单（截至2024年1月15日）", "author": "数字随州建设领导小组办公室",
        "last_modified_by": "数字随州建设领导小组办公室",
        "created": _midnight(2024, 1, 15), "modified": _midnight(2024, 1, 15)}
    _cleared(tmp_path / "d.docx")
    result = run_cli("duties", "--all", "--as-of", "2023-12-31", "--format", "docx", "--out",
                     "all", "--lang", "zh-Hans")
    assert result.exit_code == 0, result.stderr
    one = tmp_path / "all" / "随县人民政府.docx"
    assert _properties(one) == {
        "title": "随县人民政府 责任清单（截至2023年12月31日）", "author": "数字随州建设领导小组办公室",
        "last_modified_by": "数字随州建设领导小组办公室",
        "created": _midnight(2023, 12, 31), "modified": _midnight(2023, 12, 31)}


def test_without_an_author_or_a_date_the_document_says_none_rather_than_a_made_up_one():
    from suizhou_plan.render.official_docx import Block, render

    data = render([Block("para", "正文")], title="标题")
    core = docx.Document(io.BytesIO(data)).core_properties
    assert (core.title, core.author, core.last_modified_by, core.created, core.modified) == (
        "标题", "", "", None, None)
