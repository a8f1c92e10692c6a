"""Chinese first: the catalogues are complete and fresh, `--lang` understands what people
type, the language follows the locale and then the plan, and the bulletin reads as a 通報 in
one script, with no English, paths or codes on the leader's page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import opencc
import pytest
from conftest import edit
from golden_files import check_golden, updating

from suizhou_plan.devtools import catalogue
from suizhou_plan.i18n import chinese_number, parse_lang
from suizhou_plan.load.ledger import Entry
from suizhou_plan.ops import progress_add

GOLDEN = Path(__file__).parent / "golden"
AS_OF = date(2024, 1, 15)


def test_the_catalogues_are_complete_and_fresh():
    assert catalogue.untranslated() == []
    assert catalogue.stale() == [], "run `python -m suizhou_plan.devtools update`"


@pytest.mark.parametrize(("typed", "lang"), [
    ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh_CN.UTF-8", "zh-Hans"), ("zh-Hans", "zh-Hans"),
    ("zh_SG", "zh-Hans"), ("zh-Hans-CN", "zh-Hans"), ("ZH_cn.gb18030", "zh-Hans"),
    ("zh-TW", "zh-Hant"), ("zh_HK.UTF-8", "zh-Hant"), ("zh_MO", "zh-Hant"),
    ("zh-Hant", "zh-Hant"), ("zh-Hant-TW", "zh-Hant"),
    ("en", "en"), ("en_US.UTF-8", "en"), ("en-GB", "en"),
    ("C", None), ("POSIX", None), ("C.UTF-8", None), ("", None), ("fr_FR.UTF-8", None),
])
def test_lang_names_and_locales(typed, lang):
    assert parse_lang(typed) == lang


@pytest.mark.parametrize(("n", "numeral"), [(1, "一"), (3, "三"), (10, "十"), (12, "十二"),
                                            (20, "二十"), (25, "二十五")])
def test_chinese_numerals(n, numeral):
    assert chinese_number(n) == numeral


def test_an_unknown_lang_is_a_usage_error_that_says_what_to_type(run_cli, plan_copy):
    result = run_cli("check", "--as-of", "2024-01-15", "--lang", "fr")
    assert result.exit_code == 2
    assert ("Invalid value for '--lang': 'fr' is not a language suizhou writes; type zh-Hans "
            "(简体中文), zh-Hant (繁體中文) or en") in result.stderr


def _first_line(run_cli, *args: str) -> str:
    return run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", *args
                   ).stdout.splitlines()[0]


def test_the_language_follows_the_locale_then_the_plan_then_english(run_cli, plan_copy,
                                                                     monkeypatch):
    english = "# Bulletin on the progress of the 數字隨州建設實施方案"
    simplified = "# 关于《数字随州建设实施方案》推进情况的通报"
    traditional = "# 關於《數字隨州建設實施方案》推進情況的通報"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert _first_line(run_cli) == english
    edit(plan_copy / "tasks.yaml", "  verify_within_days: 90 ",
         "  lang: zh-Hant\n  verify_within_days: 90 ")
    assert _first_line(run_cli) == traditional  # a C locale names no language: the plan's
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert _first_line(run_cli) == simplified  # the user's locale comes first
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert _first_line(run_cli) == english  # LC_ALL over LANG
    assert _first_line(run_cli, "--lang", "zh-TW") == traditional  # --lang over everything


@pytest.fixture
def reported_plan(plan_copy: Path) -> Path:
    """The bundled plan with a ledger a unit would write: simplified notes, problems, next
    steps, evidence, an item done, one blocked, one reported on time."""
    entries = [
        ("P1-M2", Entry(date(2023, 11, 20), "reported-done", "市发改委", "相关文件已印发",
                        evidence=("随数字办〔2023〕3号",))),
        ("P1-M3", Entry(date(2024, 1, 10), "blocked", "随州高新区管委会", "机房主体完工",
                        problems="设备采购资金未到位", next="2月底前完成设备招标")),
        ("P2-M1", Entry(date(2024, 1, 12), "in-progress", "市政数局", "平台需求已确定",
                        next="3月底前上线试运行")),
    ]
    for item, entry in entries:
        progress_add.append_progress(plan_copy, item, entry, AS_OF)
    return plan_copy


LANGS = ("zh-Hans", "zh-Hant", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_bulletin_in_each_language(run_cli, reported_plan, lang):
    result = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang", lang)
    assert result.exit_code == 1  # overdue items are errors
    # regenerated only on request, with its diff shown, never under CI (golden_files.py)
    check_golden(GOLDEN / f"bulletin-2024-01-15.{lang}.md", result.stdout, update=updating())


_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2tw")


@pytest.mark.parametrize(("lang", "converter"), [("zh-Hans", _T2S), ("zh-Hant", _S2T)])
def test_a_chinese_page_is_in_one_script(run_cli, reported_plan, lang, converter):
    """Plan text (traditional) and notes (simplified) come out in the page's script."""
    for fmt in ("markdown", "text"):
        out = run_cli("check", "--as-of", "2024-01-15", "--format", fmt, "--lang", lang).stdout
        # converting the page again changes nothing (whole text: 里程碑 stays 里程碑 in
        # traditional, where a lone 里 would become 裏)
        again = converter.convert(out)
        wrong = [(a, b) for a, b in zip(out, again, strict=True) if a != b]
        assert wrong == [], f"{lang} {fmt}: {wrong[:10]}"
    simplified = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang",
                         "zh-Hans").stdout
    assert "设备采购资金未到位" in simplified and "随州高新区管委会" in simplified
    traditional = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang",
                          "zh-Hant").stdout
    assert "設備採購資金未到位" in traditional and "隨州高新區管委會" in traditional


# Identifiers may stand on a Chinese page: item ids (P1-M1, T13, T05-2025).
_IDENTIFIER = re.compile(r"\b(?:P\d+-M\d+|[TS]\d+(?:-\d{4})?)\b")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("lang", ("zh-Hans", "zh-Hant"))
def test_the_leaders_page_has_no_english_paths_or_codes(run_cli, reported_plan, lang):
    page = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang",
                   lang).stdout
    words = _ENGLISH_WORD.findall(_IDENTIFIER.sub("", page))
    assert words == []
    assert not re.search(r"SZ\d{3}|\.yaml|plan/|:\d+:\d+", page)
    assert "2024年1月15日" in page
    assert not re.search(r"\d{4}-\d\d-\d\d", page)  # dates are written 2024年1月10日


def test_the_bulletin_counts_add_up(run_cli, reported_plan):
    """一、總體情況: done + in progress + overdue + unreported = all items (a partition)."""
    page = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang",
                   "zh-Hans").stdout
    overall = page.split("## 一、总体情况\n\n", 1)[1].split("\n", 1)[0]
    assert overall.startswith("方案确定的督办事项共53项，其中重点任务25项、保障措施5项、发展目标6项、"
                              "阶段性任务17项。")
    figures = re.search(r"已完成(\d+)项，按计划推进(\d+)项，逾期未完成(\d+)项，未报送进展(\d+)项；"
                        r"30天内即将到期(\d+)项", overall)
    assert figures is not None
    done, doing, overdue, unreported, _ = map(int, figures.groups())
    # P1-M2 reported done; P2-M1 in progress; P1-M3 blocked but past its date, so overdue
    assert (done, doing, overdue, unreported) == (1, 1, 7, 44)
    assert done + doing + overdue + unreported == 53


def _suizhou(*args: str, lang_env: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    return subprocess.run([sys.executable, "-m", "suizhou_plan", *args], capture_output=True,
                          text=True, env={**env, "LANG": lang_env}, timeout=60)


def test_a_usage_error_in_each_language():
    """Click's own words and ours, in the language asked for (even before the option that
    asks for it is parsed)."""
    args = ("check", "--as-of", "2024/01/15")
    assert _suizhou(*args, "--lang", "zh-Hans").stderr == (
        "用法： suizhou check [选项]\n输入 'suizhou check --help' 查看帮助。\n\n"
        "错误：'--as-of' 的值无效：'2024/01/15' 不是规范的日期写法，请输入 2024-01-15\n")
    assert _suizhou(*args, lang_env="zh_TW.UTF-8").stderr == (
        "用法： suizhou check [選項]\n輸入 'suizhou check --help' 查看幫助。\n\n"
        "錯誤：'--as-of' 的值無效：'2024/01/15' 不是規範的日期寫法，請輸入 2024-01-15\n")
    english = _suizhou(*args)
    assert english.returncode == 2
    assert english.stderr.endswith("Error: Invalid value for '--as-of': '2024/01/15' is not a "
                                   "date written YYYY-MM-DD; type 2024-01-15\n")


def test_a_refused_entry_in_chinese(plan_copy):
    result = _suizhou("progress", "add", "P2-M1", "--plan", str(plan_copy), "--status",
                      "in-progress", "--date", "2024-01-10", "--by", "市教育局", "--note",
                      "test", "--as-of", "2024-01-15", lang_env="zh_CN.UTF-8")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "错误：市教育局不承担 P2-M1，不能登记其进展；--by 只能是以下单位之一：市政数局、随州市数据局、"
        "市大数据中心、随县人民政府、广水市人民政府、曾都区人民政府")
    ok = _suizhou("progress", "add", "P2-M1", "--plan", str(plan_copy), "--status",
                  "in-progress", "--date", "2024-01-10", "--by", "曾都区", "--note", "已开工",
                  "--as-of", "2024-01-15", lang_env="zh_CN.UTF-8")
    assert ok.stdout == ("P2-M1：已将曾都区人民政府2024年1月10日报送的进展（推进中）记入台账 "
                         f"{plan_copy / 'tasks.yaml'}\n")


def test_the_latest_progress_without_a_note_shows_its_status(run_cli, plan_copy):
    edit(plan_copy / "tasks.yaml", "      - id: P1-M1\n",
         "      - id: P1-M1\n        progress: [{date: 2023-10-10, status: blocked, by: 市發改委}]\n")
    page = run_cli("check", "--as-of", "2024-01-15", "--format", "markdown", "--lang",
                   "zh-Hans").stdout
    row = next(line for line in page.splitlines() if line.startswith("| P1-M1 "))
    assert row == "| P1-M1 成立领导小组 | 2023年11月30日 | 46天 | 2023年10月10日 受阻 |  |"


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "html"])
def test_a_duty_list_in_chinese_has_no_english_and_one_script(run_cli, reported_plan, fmt):
    from suizhou_plan.devtools.audit import english_words

    page = run_cli("duties", "市政数局", "--as-of", "2024-01-15", "--format", fmt,
                   "--lang", "zh-Hans").stdout
    assert english_words(page) == []
    assert _T2S.convert(page) == page
    first = page.lstrip("\ufeff").splitlines()[0]
    expected = {"text": "市政数局 责任清单（截至2024年1月15日）",
                "markdown": "# 市政数局 责任清单（截至2024年1月15日）",
                "csv": "单位编号,单位,编号,事项,类型,角色,经由,板块,关联事项,时间节点,状态,灯,"
                       "其他单位（牵头在前）,最新进展",
                "html": "<!DOCTYPE html>"}[fmt]
    assert first == expected
    if fmt == "text":
        assert "2023年11月30日（逾期46天）" in page and "沿革：市政数局 → 随州市数据局" in page


def test_agencies_in_chinese(run_cli, plan_copy):
    from suizhou_plan.devtools.audit import english_words

    page = run_cli("agencies", "--as-of", "2024-01-15", "--lang", "zh-Hans").stdout
    lines = page.splitlines()
    assert lines[0] == "截至2024年1月15日"
    assert lines[1].split() == ["单位", "单位编号", "牵头", "配合", "未完成", "逾期"]
    assert lines[-1] == ("  各县、市、区人民政府（31项）= 随县人民政府、广水市人民政府、曾都区人民政府："
                         "分别计入各成员单位")
    # unit ids (gov-data, education) are identifiers; nothing else is English
    import yaml

    ids = {a["id"] for a in yaml.safe_load((plan_copy / "agencies.yaml").read_text(
        encoding="utf-8"))["agencies"]}
    assert [w for w in english_words(page) if w not in ids] == []


def test_a_plural_without_its_translation_counts_as_untranslated():
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="zh_Hans")
    cat.add("done", "完成")
    cat.add(("{n} change", "{n} changes"), ("",))
    cat.add(("{n} item", "{n} items"), ("{n}项",))
    cat.add("fuzzy one", "模糊", flags=("fuzzy",))
    cat.add("empty", "")
    assert catalogue.untranslated(cat) == ["('{n} change', '{n} changes')", "fuzzy one", "empty"]


def test_official_pages_write_the_plans_half_width_punctuation_full_width():
    from suizhou_plan.i18n import official

    assert official("zh-Hans", "通過數據運營,挖掘數據潛在價值;二是:推進") == "通过数据运营，挖掘数据潜在价值；二是：推进"
    # only between two Chinese characters: numbers, ids, paths and English stay as they are
    assert official("zh-Hans", "P1-M1, T13:1,000 市政数局,gov-data a,b") == (
        "P1-M1, T13:1,000 市政数局,gov-data a,b")
    assert official("en", "數據運營,挖掘") == "數據運營,挖掘"
    assert official("zh-Hant", "数据运营,挖掘") == "數據運營，挖掘"
