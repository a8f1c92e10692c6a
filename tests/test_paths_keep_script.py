"""A path is printed exactly as the file system has it: converting a message to the reader's
script must not convert the directory a user named (`測試台账` is not `测试台账`)."""

from __future__ import annotations

import pytest

from suizhou_plan.i18n import in_script


@pytest.mark.parametrize(("lang", "out"), [("zh-Hans", "測試台账"), ("zh-Hant", "台賬")])
def test_template_paths_are_printed_as_written(run_cli, plan_copy, tmp_path, lang, out):
    result = run_cli("progress", "template", "--plan", str(plan_copy), "--agency", "市政数局",
                     "--out", out, "--as-of", "2024-01-15", "--lang", lang)
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    printed = first[:first.index(".xlsx") + 5]
    assert printed.startswith(out + "/")
    assert (tmp_path / printed).is_file()


def test_in_script_converts_the_words_and_leaves_paths():
    assert in_script("zh-Hans", "測試台账/市政數局.xlsx：市政數局，3 項") == (
        "測試台账/市政數局.xlsx：市政数局，3 项")
    assert in_script("zh-Hant", "测试/隨縣.docx 已写入") == "测试/隨縣.docx 已寫入"
    assert in_script("zh-Hans", "寫入 計劃/tasks.yaml 失敗") == "写入 計劃/tasks.yaml 失败"
    assert in_script("en", "測試/x.xlsx") == "測試/x.xlsx"
