"""What each finding says, in English and Chinese: `key → (message, hint)` per language, with
named placeholders filled from the finding's arguments when a report is rendered."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "page-furniture": {
        "en": ("{count} blocks of page furniture (navigation, breadcrumbs, footer) left out, "
               "the first 「{text}」", "check that none of them belongs to the plan"),
        "zh": ("頁面中的導航、麵包屑、頁腳等 {count} 處未導入，第一處為「{text}」",
               "請確認其中沒有方案的內容"),
    },
    "issuer-missing": {
        "en": ("the document does not say who issued it",
               "replace `issuer: {pending}` in tasks.yaml with the issuing body"),
        "zh": ("文件中沒有找到發文機關",
               "把 tasks.yaml 中的 `issuer: {pending}` 改為發文機關"),
    },
    "issued-missing": {
        "en": ("no date of issue found; written as {date}",
               "replace `issued:` in tasks.yaml with the date the document was issued"),
        "zh": ("沒有找到成文日期，暫寫為 {date}", "把 tasks.yaml 中的 `issued:` 改為成文日期"),
    },
    "repaired-title": {
        "en": ("damaged characters before the title removed: 「{text}…」",
               "check the title against the original document"),
        "zh": ("標題前的亂碼已去掉：「{text}…」", "請對照原件核對標題"),
    },
    "title-missing": {
        "en": ("no title found in the first lines",
               "replace `title: {pending}` in tasks.yaml with the plan's title"),
        "zh": ("文件開頭沒有找到標題", "把 tasks.yaml 中的 `title: {pending}` 改為方案標題"),
    },
    "milestone-links": {
        "en": ("{phase}: the document links no milestone to a task; proposed {links}",
               "check each milestone's `tasks:` in tasks.yaml"),
        "zh": ("{phase}：文件沒有寫明各階段任務推進哪些重點任務，建議的對應：{links}",
               "逐一核對 tasks.yaml 中各里程碑的 `tasks:`"),
    },
    "links-by-words": {"en": ("by shared words {links}", ""), "zh": ("按相同詞語 {links}", "")},
    "links-closest": {"en": ("by closest wording {links}", ""), "zh": ("按最相近的文字"
    " {links}", "")},
    "phase-without-deliverables": {
        "en": ("phase {number} ({period}) names no deliverables",
               "add milestones under the phase if the document lists them elsewhere"),
        "zh": ("第{number}階段（{period}）沒有列出階段任務", "如文件在別處列出，請在該階段下添"
        "加里程碑"),
    },
    "units-for-all": {
        "en": ("「{text}」: {units} added to {scope}", "remove them from tasks where they do not a"
        "pply"),
        "zh": ("「{text}」：{units} 已加入{scope}", "不適用的任務請刪去"),
    },
    "scope-following": {"en": ("every task after it", ""), "zh": ("其後的每項任務", "")},
    "scope-preceding": {"en": ("every task before it", ""), "zh": ("其前的每項任務", "")},
    "scope-all": {"en": ("every task", ""), "zh": ("每項任務", "")},
    "lead-inferred": {
        "en": ("the document marks no lead and states no convention: each task's first unit is "
               "taken as its lead (the plan format's default)",
               "write `lead:` on the tasks whose lead is another unit"),
        "zh": ("文件沒有標明牽頭單位，也沒有說明排列慣例：每項任務以列第一位的單位為牽頭單位（"
        "方案格式的默認做法）",
               "牽頭單位不是第一位的任務，請寫明 `lead:`"),
    },
    "phase-overlap": {
        "en": ("{phase} ({period}) starts before {previous} ends ({end})",
               "check the phase dates in the document"),
        "zh": ("{phase}（{period}）在 {previous} 結束（{end}）之前開始", "請核對文件中的階段日期"),
    },
    "numbering-start": {
        "en": ("「{marker}」 starts a list (expected {expected})", "check whether an item was l"
        "ost"),
        "zh": ("「{marker}」是一組編號的第一項（應為 {expected}）", "請檢查是否漏了條目"),
    },
    "numbering-repeated": {
        "en": ("number 「{marker}」 repeated", "check whether the item is doubled or misnumbered"),
        "zh": ("編號「{marker}」重複", "請檢查條目是否重複或編號有誤"),
    },
    "numbering-skip": {
        "en": ("numbering skips from {previous} to {value} at 「{marker}」",
               "check whether an item was lost"),
        "zh": ("編號從 {previous} 跳到 {value}（「{marker}」）", "請檢查是否漏了條目"),
    },
    "heading-units": {
        "en": ("「{text}」 has units and so do its sub-items: it is read as a heading, and its "
               "units are not given to the sub-items",
               "if its units apply to every sub-item, add them to each task's `units`"),
        "zh": ("「{text}」及其下各項都寫了責任單位：它被當作標題，其單位沒有加到下面各項",
               "如果這些單位適用於下面每一項，請加到各任務的 `units`"),
    },
    "skipped-text": {
        "en": ("「{text}」 ({count} numbered items) names no units and no dates: not imported",
               "if it holds tasks, add a unit clause to each and import again"),
        "zh": ("「{text}」（{count} 個編號條目）沒有責任單位和時間：未導入",
               "如果其中有任務，請為每項寫明責任單位後重新導入"),
    },
    "skipped-table": {
        "en": ("a table of {rows} rows has no header naming a task column and a unit column "
               "(任務 / 牽頭單位 / 責任單位): not imported",
               "name the columns in its first row and import again"),
        "zh": ("一個 {rows} 行的表格沒有寫明任務列和單位列（任務 / 牽頭單位 / 責任單位）的表頭"
        "：未導入",
               "在首行寫明各列名稱後重新導入"),
    },
    "no-units": {
        "en": ("{task} 「{title}」 names no responsible unit", "add `units:` to the task in tasks."
        "yaml"),
        "zh": ("{task}「{title}」沒有寫明責任單位", "在 tasks.yaml 中為該任務寫上 `units:`"),
    },
    "several-leads": {
        "en": ("{task} has {count} leads ({leads}); the first is written as `lead:`",
               "the format holds one lead: keep the one that answers for the task"),
        "zh": ("{task} 有 {count} 個牽頭單位（{leads}），第一個寫為 `lead:`",
               "方案格式只記一個牽頭單位：保留對該任務負總責的單位"),
    },
    "damaged-text": {
        "en": ("{task}: 「{text}」 looks like damaged characters",
               "compare with the original document and record the fix under `repairs`"),
        "zh": ("{task}：「{text}」像是亂碼", "請對照原件，修正後記在 `repairs` 下"),
    },
    "open-list": {
        "en": ("{task}: the unit list ends with 「等」, so it may name only some units",
               "add the units the document means, if it says elsewhere"),
        "zh": ("{task}：單位列表以「等」結尾，可能沒有列全", "如文件在別處寫明，請補上其餘單位"),
    },
    "bracket-unclosed": {
        "en": ("{task}: the unit clause's bracket is never closed", "check where the unit list e"
        "nds"),
        "zh": ("{task}：責任單位的括號沒有閉合", "請核對單位列表在哪裏結束"),
    },
    "bracket-mismatched": {
        "en": ("{task}: the unit clause opens and closes with different brackets",
               "nothing to do if the units are right"),
        "zh": ("{task}：責任單位的左右括號不一致", "單位無誤則不必處理"),
    },
    "odd-unit": {
        "en": ("{task}: 「{unit}」 was read as a unit but does not look like one",
               "correct `units:` if it is not a unit"),
        "zh": ("{task}：「{unit}」被當作單位，但看起來不像單位名稱", "如果不是單位，請修改 `uni"
        "ts:`"),
    },
    "lead-contradicted": {
        "en": ("{task}: the text says 「{unit}」 leads or answers for it, but the lead ({how}) is "
               "「{lead}」", "if 「{unit}」 leads, write `lead: {unit}`"),
        "zh": ("{task}：正文說由「{unit}」牽頭或負責，但牽頭單位（{how}）是「{lead}」",
               "如果由「{unit}」牽頭，請寫 `lead: {unit}`"),
    },
    "how-explicit": {"en": ("explicit", ""), "zh": ("文件標明", "")},
    "how-first": {"en": ("first listed", ""), "zh": ("列第一位", "")},
    "deadline-no-year": {
        "en": ("{task}: 「{phrase}」 names no year", "add a target with `due:` if the office sets "
        "one"),
        "zh": ("{task}：「{phrase}」沒有年份", "如有明確時限，請添加帶 `due:` 的目標"),
    },
    "deadline-title-year": {
        "en": ("{task}: 「{phrase}」 names no year; read as {year}, the year in the plan's title: "
               "{due}", "correct the target's `due:` if meant otherwise"),
        "zh": ("{task}：「{phrase}」沒有年份，按標題中的 {year} 年理解為 {due}",
               "如理解有誤，請修改該目標的 `due:`"),
    },
    "deadline-no-date": {
        "en": ("{task}: deadline 「{phrase}」 gives no date ({rule})",
               "write `due: YYYY-MM-DD` if the office sets one"),
        "zh": ("{task}：時限「{phrase}」沒有具體日期（{rule}）", "如有明確時限，請寫 `due: YYYY"
        "-MM-DD`"),
    },
    "deadline-read-as": {
        "en": ("{task}: 「{phrase}」 {rule}: {due}", "correct `due:` if meant otherwise"),
        "zh": ("{task}：「{phrase}」{rule}：{due}", "如理解有誤，請修改 `due:`"),
    },
    "target-no-date": {
        "en": ("{task}: 「{phrase}」 gives no date ({rule})",
               "add a target with `due:` if the office sets one"),
        "zh": ("{task}：「{phrase}」沒有具體日期（{rule}）", "如有明確時限，請添加帶 `due:` 的"
        "目標"),
    },
    "target-resolved": {
        "en": ("{task}: 「{phrase}」 resolved to {due} ({rule})",
               "correct the target's `due:` if meant otherwise"),
        "zh": ("{task}：「{phrase}」理解為 {due}（{rule}）", "如理解有誤，請修改該目標的 `due:`"),
    },
    "collective-members": {
        "en": ("「{name}」 stands for several units; the document does not say which",
               "in agencies.yaml, register its members and set `kind: collective` with "
               "`members: [...]` (or import with --agencies FILE that has them)"),
        "zh": ("「{name}」代表若干單位，文件沒有說明是哪些",
               "在 agencies.yaml 中登記其成員單位，並改為 `kind: collective`、寫明 `members: [...]`"
               "（或用已登記這些單位的 --agencies FILE 導入）"),
    },
    "registry-match": {
        "en": ("「{form}」 is 「{name}」 of the registry, written differently",
               "added as an alias of {id}; check that it is the same unit"),
        "zh": ("「{form}」即單位名錄中的「{name}」，寫法不同", "已作為 {id} 的別名加入，請確認"
        "是同一單位"),
    },
    "registry-near-miss": {
        "en": ("「{form}」 is not in the registry; did you mean {hints}?",
               "if it is the same unit, replace it in tasks.yaml with the registry's name (or "
               "add it as an alias); else keep the new agency"),
        "zh": ("單位名錄中沒有「{form}」；是否指 {hints}？",
               "如是同一單位，請在 tasks.yaml 中改用名錄中的名稱（或加為別名）；否則保留新單位"),
    },
    "merged-unit": {
        "en": ("「{form}」 taken as 「{name}」 (they differ only by {how})",
               "if they are different units, split the alias off in agencies.yaml"),
        "zh": ("「{form}」視為「{name}」（二者只是{how}不同）", "如果是不同單位，請在 agencies."
        "yaml 中拆開"),
    },
    "merge-script": {"en": ("script, width or abbreviation", ""),
                     "zh": ("繁簡、全半角或簡稱", "")},
    "merge-prefix": {"en": ("the implied 「{prefix}」", ""), "zh": ("省略的「{prefix}」", "")},
    "lookalike-unit": {
        "en": ("「{name}」 appears once and resembles 「{other}」",
               "if it is a typo, correct it in tasks.yaml; if not, keep both"),
        "zh": ("「{name}」只出現一次，與「{other}」相似", "如是筆誤，請在 tasks.yaml 中改正；否"
        "則兩者都保留"),
    },
}

# How a deadline phrase was read (`deadlines.Resolved.rule`), in Chinese.
RULES_ZH = {
    "the day written": "按所寫日期",
    "not a calendar date": "不是有效日期",
    "not a calendar month": "不是有效月份",
    "the end of the range's last year": "按區間最後一年年底",
    "上旬 ends on the 10th": "上旬按10日",
    "中旬 ends on the 20th": "中旬按20日",
    "「X月前」 read as by the end of that month": "「X月前」按該月底理解",
    "the last day of the month": "按該月最後一天",
    "the end of the half-year": "按半年末",
    "the end of the quarter": "按季度末",
    "the plan's horizon (the end of its last phase)": "按方案期限（最後一個階段結束）",
    "31 December of that year": "按該年12月31日",
    "the end of the year": "按年底",
    "no year or month in the phrase": "沒有年份或月份",
}


def render(key: str, args: dict[str, str], lang: str) -> tuple[str, str]:
    """The message and the hint of `key` in `lang` (en, zh-Hans, zh-Hant), placeholders
    filled.  The Chinese templates are written once and shown in the script of `lang`; the
    document's own words in the arguments stay as the document writes them, so that they
    can be found in it."""
    from suizhou_plan.i18n import in_script, is_chinese

    if not is_chinese(lang):
        message, hint = MESSAGES[key]["en"]
        return message.format(**args), hint.format(**args)
    message, hint = (in_script(lang, text) for text in MESSAGES[key]["zh"])
    if "rule" in args:
        args = {**args, "rule": in_script(lang, RULES_ZH.get(args["rule"], args["rule"]))}
    return message.format(**args), hint.format(**args)


def phrase(key: str, lang: str, **args: str) -> str:
    """A part of a message (a scope, a way of merging) in `lang`."""
    return render(key, args, lang)[0]
