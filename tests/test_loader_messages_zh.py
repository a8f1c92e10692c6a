"""Chinese first, for the loader: what a broken plan file is told in Chinese.

A copy of the bundled plan is broken in one way per case (a repeated key, a GBK file, a
missing or unknown field, a bad date, a wrong value, a YAML error…) and `suizhou validate
--lang zh-Hans` must say exactly what is wrong and what to do, in Chinese, at the same place
as in English, while the English output stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import edit, line_of

from suizhou_plan.i18n import Msg, localise

TASK_TITLE = "    title: 建設大數據產業園\n"
T01_KIND = "  - id: T01\n    number: 1\n    kind: task\n"
SUIXIAN = "    aliases: [隨縣, 隨縣政府, 随县, 随县人民政府, 随县政府]\n    in_source_text: false\n"
UNITS = "    units: [隨州高新區管委會, 市城管執法委, 市公安局, 市應急管理局, 市消防救援支隊, 市大數據中心]\n"


def _errors(run_cli, plan: Path, lang: str) -> list[dict[str, object]]:
    result = run_cli("validate", "--plan", str(plan), "--format", "json", "--lang", lang)
    assert result.exit_code == 1 and "Traceback" not in result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]


# (case, file, old, new, (text on the finding's line, its nth line, lines below it), column,
#  rule, message, hint), in Chinese
CASES = [
    ("duplicate-key", "tasks.yaml", T01_KIND,
     "  - id: T01\n    number: 1\n    number: 1\n    kind: task\n", ("- id: T01", 1, 2), 5,
     "duplicate-key",
     "键 `number` 在此映射中重复出现（第一次在第 {first} 行）；YAML 会不加提示地只保留最后一个值",
     "请删除两个 `number:` 条目中的一个，或将二者合并"),
    ("missing-field", "tasks.yaml", TASK_TITLE, "", ("- id: T01", 1), 5, "missing-field",
     "tasks[0] 中缺少必填字段 `title`", "请添加 `title:`"),
    ("unknown-field", "agencies.yaml", "    kind: municipal-government\n",
     "    kind: municipal-government\n    nmae: x\n", ("nmae:", 1), 5, "unknown-field",
     "agencies[0] 中有未知字段 `nmae`", "是否指 `name`？"),
    ("date-spelling", "tasks.yaml", "start: 2021-11-01", "start: 2021/11/1",
     ("start: 2021/11/1", 1), 12, "invalid-date",
     "phases[0].start：日期须按“年-月-日”填写：请写 2021-11-01",
     "日期请按 2023-11-30 的格式填写（年-月-日）"),
    ("date-not-real", "tasks.yaml", "start: 2021-11-01", "start: 2021-02-30",
     ("start: 2021-02-30", 1), 12, "invalid-date",
     "phases[0].start：2021-02-30 不是日历上存在的日期",
     "日期请按 2023-11-30 的格式填写（年-月-日）"),
    ("phase-dates", "tasks.yaml", "start: 2021-11-01", "start: 2024-11-01", ("- id: P1", 1), 5,
     "invalid-value", "phases[0]：阶段的结束日期（2023年11月30日）早于开始日期（2024年11月1日）",
     "该字段的写法见 docs/plan-format.md"),
    ("literal", "tasks.yaml", T01_KIND, T01_KIND.replace("task", "job"), ("kind: job", 1), 11,
     "invalid-value", "tasks[0].kind：取值应为 'task' 或 'safeguard'", "请使用所列取值之一"),
    ("status", "tasks.yaml", T01_KIND,
     T01_KIND + "    progress:\n      - {date: 2022-01-01, status: doing}\n",
     ("status: doing", 1), 36, "invalid-value",
     "tasks[0].progress[0].status：取值应为 'not-started'、'in-progress'、'blocked'、"
     "'reported-done'、'verified'、'returned'、'reopened'、'extension-requested'、"
     "'extension-approved' 或 'extension-refused'", "请使用所列取值之一"),
    ("leading-zero", "tasks.yaml", "  - id: T01\n    number: 1\n", "  - id: T01\n    number: 01\n",
     ("number: 01", 1), 13, "invalid-value",
     "tasks[0].number：在 YAML 中开头的 0 会产生歧义：请去掉它，写成 1", "请写一个普通整数"),
    ("empty-text", "tasks.yaml", TASK_TITLE, "    title: ''\n", ("title: ''", 1), 12,
     "invalid-value", "tasks[0].title：文本至少应有 1 个字符", "请填写该值，或删除该字段"),
    ("list-type", "tasks.yaml", UNITS, "    units: {a: b}\n", ("units: {a: b}", 1), 12,
     "invalid-value", "tasks[0].units：应为列表，实为映射", "列表请写成 [a, b]，或每行一个 `- 条目`"),
    ("boolean", "agencies.yaml", SUIXIAN, SUIXIAN.replace("false", "no"),
     ("in_source_text: no", 1), 21, "invalid-value", "agencies[2].in_source_text：应为 `true` 或 `false`",
     "请写 `true` 或 `false`"),
    ("collective", "agencies.yaml", "    members: [suixian-gov, guangshui-gov, zengdu-gov]\n", "",
     ("- id: county-governments", 1), 5, "invalid-value",
     "agencies[1]：集体单位需要填写 `members`（其所代表各单位的编号）",
     "该字段的写法见 docs/plan-format.md"),
    ("yaml-syntax", "tasks.yaml", TASK_TITLE, "    title: 建設: [大數據\n", ("title: 建設: [", 1), 14,
     "yaml-syntax", "YAML 语法错误：此处不允许出现映射的值", "请检查本行及上一行的缩进、冒号和引号"),
    ("tab", "tasks.yaml", TASK_TITLE, "\ttitle: 建設大數據產業園\n", ("\ttitle:", 1), 1, "yaml-syntax",
     "YAML 语法错误：使用了制表符缩进", "请用空格缩进，不要用制表符（可将编辑器设置为插入空格）"),
    ("alias", "tasks.yaml", TASK_TITLE, "    title: &t 建設大數據產業園\n    note: *t\n",
     ("note: *t", 1), 11, "yaml-alias", "方案文件中不允许使用别名 *t",
     "请完整写出该值；为防止小文件展开成巨大的内容，不接受锚点和别名（& 和 *）"),
    ("tag", "tasks.yaml", TASK_TITLE, "    title: !!python/object 建設\n", ("!!python", 1), 12,
     "yaml-tag", "方案文件中不允许使用 YAML 标签 !!python/object",
     "请删除该标签：方案文件只包含纯文本、数字和日期"),
    ("control-character", "tasks.yaml", TASK_TITLE, "    title: 建設\x07大數據產業園\n",
     ("\x07", 1), 14, "encoding", "文件含有控制字符 U+0007，YAML 文本文件中不允许出现该字符",
     "请删除该字符（多数编辑器中看不见它，它常来自从 PDF 或电子表格中复制的内容）"),
]


@pytest.mark.parametrize(("file", "old", "new", "needle", "column", "rule", "message", "hint"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_broken_plan_file_is_told_in_chinese(run_cli, plan_copy, file, old, new, needle,
                                               column, rule, message, hint):
    path = plan_copy / file
    edit(path, old, new)
    line = line_of(path, needle[0], needle[1]) + (needle[2] if len(needle) > 2 else 0)
    message = message.format(first=line - 1) if rule == "duplicate-key" else message
    zh = _errors(run_cli, plan_copy, "zh-Hans")
    assert [(f["rule"], Path(str(f["file"])).name, f["line"], f["column"], f["message"], f["hint"])
            for f in zh] == [(rule, file, line, column, message, hint)]
    en = _errors(run_cli, plan_copy, "en")  # the same finding, in English, at the same place
    assert [(f["rule"], f["line"], f["column"]) for f in en] == [(rule, line, column)]
    assert en[0]["message"] != message and en[0]["hint"] != hint


def test_a_gbk_file_is_named_and_the_fix_given_in_chinese(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    tasks.write_bytes(tasks.read_text(encoding="utf-8").encode("gb18030"))
    [found] = _errors(run_cli, plan_copy, "zh-Hans")
    assert (found["rule"], found["line"], found["column"]) == ("encoding", 2, 3)
    assert found["message"] == "文件不是有效的 UTF-8 编码（字节 0xa1），看起来是 GBK (GB2312/GB18030) 编码"
    assert found["hint"] == ("请将文件重新保存为 UTF-8 编码，例如 "
                             "`iconv -f GBK -t UTF-8 old.yaml > new.yaml`")
    [english] = _errors(run_cli, plan_copy, "en")
    assert english["message"] == ("file is not valid UTF-8 (byte 0xa1); it looks like "
                                  "GBK (GB2312/GB18030)")


def test_a_utf16_file_and_an_empty_file(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    tasks.write_bytes(tasks.read_text(encoding="utf-8").encode("utf-16"))
    [found] = _errors(run_cli, plan_copy, "zh-Hans")
    assert found["message"] == ("文件编码为 UTF-16（小端序）：开头是 UTF-16 字节顺序标记；"
                                "方案文件必须使用 UTF-8 编码")
    assert found["hint"] == "请将文件另存为 UTF-8 编码（记事本中：另存为 → 编码：UTF-8）"
    (plan_copy / "agencies.yaml").write_text("# nothing yet\n", encoding="utf-8")
    messages = [f["message"] for f in _errors(run_cli, plan_copy, "zh-Hans")]
    assert messages[0] == "agencies.yaml 为空（或只有注释）"


def test_a_missing_file_is_told_in_chinese(run_cli, plan_copy):
    (plan_copy / "agencies.yaml").unlink()
    [found] = _errors(run_cli, plan_copy, "zh-Hans")
    assert (found["rule"], found["message"], found["hint"]) == (
        "missing-file", "方案目录中缺少 agencies.yaml",
        "请创建 agencies.yaml（见 docs/plan-format.md），或用 --plan 指定正确的目录")


def test_a_long_key_is_clipped_in_chinese_too(run_cli, plan_copy):
    """The clipped key says its length in the reader's language, and the message stays short."""
    key = "k" * 5_000
    edit(plan_copy / "tasks.yaml", T01_KIND, T01_KIND + f"    ? {key}\n    : 1\n" * 2)
    [found] = _errors(run_cli, plan_copy, "zh-Hans")
    assert found["rule"] == "duplicate-key"
    assert found["message"].startswith("键 `" + "k" * 60 + "…（共 5,000 个字符）` 在此映射中重复出现")
    assert len(found["message"]) <= 300 and len(found["hint"]) <= 300


def test_the_count_of_problems_not_listed_is_told_in_chinese(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, "  - id: T01\n", "  - id: T01\n    zz: 1\n" + "    zz: 1\n" * 300)
    found = _errors(run_cli, plan_copy, "zh-Hans")
    assert len(found) == 200
    assert found[-1]["message"] == ("键 `zz` 在此映射中重复出现（第一次在第 {} 行）；YAML 会不加提示地"
                                    "只保留最后一个值（本文件另有 100 个问题，未列出）"
                                    ).format(line_of(tasks, "zz: 1"))


def test_a_model_message_keeps_its_id_and_arguments():
    """What makes the Chinese possible: pydantic's English is the message, and the error's
    context holds the message itself, which the loader shows in the reader's language."""
    from pydantic import ValidationError

    from suizhou_plan.model.types import Model, PosInt

    class Holder(Model):
        n: PosInt

    with pytest.raises(ValidationError) as caught:
        Holder.model_validate({"n": "007"})
    [err] = caught.value.errors(include_input=False, include_url=False)
    assert err["msg"] == "a leading zero is ambiguous in YAML: write 7 without it"
    said = err["ctx"]["message"]
    assert isinstance(said, Msg)
    assert said.msgid == "a leading zero is ambiguous in YAML: write {value} without it"
    assert localise(said, "zh-Hans") == "在 YAML 中开头的 0 会产生歧义：请去掉它，写成 7"
