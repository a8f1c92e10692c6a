"""The words of the Excel workbooks (duty lists, 台賬 templates), in Chinese and English.

Kept in one place, keyed by what they name, so that they can move to the message catalogue
(`suizhou_plan/locale`) as they are; nothing else in `sheets/` or `report/duties_xlsx.py`
spells a heading.  The Chinese is written once, in traditional script, and shown in the
output's script (`i18n.in_script`: zh-Hans converts it); statuses and lights come from the
catalogue (`report/labels.py`), as on every other page."""

from __future__ import annotations

from functools import cache

from suizhou_plan.i18n import LANGS, in_script, is_chinese
from suizhou_plan.report.labels import status_label

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        # duty list
        "duties_title": "{unit} 責任清單（截至{as_of}）",
        "duties_counts": ("牽頭 {lead} 項 · 配合 {support} 項 · 未完成 {open} 項 · "
                          "逾期 {overdue} 項"),
        "summary_sheet": "匯總",
        "summary_title": "責任清單匯總（截至{as_of}）",
        "summary_file": "責任清單匯總",
        "unit": "單位", "unit_id": "單位編號",
        "lead_count": "牽頭", "support_count": "配合", "open_count": "未完成",
        "overdue_count": "逾期",
        "id": "編號", "item": "事項", "kind": "類型", "role": "角色", "via": "經由",
        "section": "板塊", "linked": "階段節點", "due": "時間節點", "days_late": "逾期天數",
        "status": "狀態", "light": "燈", "others": "其他單位（牽頭在前）",
        "latest_date": "最新進展日期", "latest": "最新進展",
        # template
        "ledger_sheet": "台賬",
        "ledger_title": "{unit} 進展情況台賬（{as_of}製表）",
        "ledger_help": ("請在右側白色欄填寫本期進展：狀態從下拉列表選擇，日期寫作 2024-01-10；"
                        "不填的行不導入。灰色欄為事項信息，已鎖定。"),
        "current_status": "當前狀態", "latest_entry": "最近一次填報",
        "new_status": "本期狀態", "new_date": "填報日期", "note": "進展", "problems": "存在問題",
        "next": "下一步", "evidence": "佐證材料",
        "status_prompt": "從列表選擇本期狀態",
        "status_error": "請從下拉列表選擇",
    },
    "en": {
        "duties_title": "{unit} duty list (as of {as_of})",
        "duties_counts": "lead {lead} · support {support} · open {open} · overdue {overdue}",
        "summary_sheet": "Summary",
        "summary_title": "Duty lists (as of {as_of})",
        "summary_file": "duty-lists",
        "unit": "Unit", "unit_id": "Unit id",
        "lead_count": "Lead", "support_count": "Support", "open_count": "Open",
        "overdue_count": "Overdue",
        "id": "ID", "item": "Item", "kind": "Kind", "role": "Role", "via": "Via",
        "section": "Section", "linked": "Milestones", "due": "Due", "days_late": "Days late",
        "status": "Status", "light": "Light", "others": "Other units (lead first)",
        "latest_date": "Latest report", "latest": "Latest progress",
        "ledger_sheet": "Ledger",
        "ledger_title": "{unit} progress ledger (made {as_of})",
        "ledger_help": ("Fill in the white columns on the right: pick the status from the "
                        "list, write the date as 2024-01-10; rows left empty are not "
                        "imported. The grey columns describe the item and are locked."),
        "current_status": "Current status", "latest_entry": "Last report",
        "new_status": "New status", "new_date": "Date", "note": "Progress",
        "problems": "Problems", "next": "Next step", "evidence": "Evidence",
        "status_prompt": "Pick this period's status from the list",
        "status_error": "Pick a status from the list",
    },
}

ROLE = {"zh": {"lead": "牽頭", "support": "配合"}, "en": {"lead": "lead", "support": "support"}}
KIND = {"zh": {"task": "任務", "safeguard": "保障措施", "target": "目標", "milestone": "階段節點"},
        "en": {"task": "task", "safeguard": "safeguard", "target": "target",
               "milestone": "milestone"}}
VIA = {"zh": "經由 {name}", "en": "via {name}"}

# What a unit may choose in the template's status column: the vocabulary less `unknown`.
REPORTABLE = ("not-started", "in-progress", "blocked", "reported-done", "verified")
# Words earlier templates offered, still read when a unit returns one.
OLDER_WORDS = {"未啟動": "not-started", "未启动": "not-started"}


def _key(lang: str) -> str:
    return "zh" if is_chinese(lang) else "en"


def _shown(lang: str, text: str) -> str:
    """A word written here in traditional script, in the script of `lang` (zh-Hant keeps it
    as written: converting it again would turn 台賬 into 臺賬)."""
    return text if lang == "zh-Hant" else in_script(lang, text)


@cache
def words(lang: str) -> dict[str, str]:
    return {key: _shown(lang, text) for key, text in WORDS[_key(lang)].items()}


def role_word(role: str, lang: str) -> str:
    return _shown(lang, ROLE[_key(lang)][role])


def kind_word(kind: str, lang: str) -> str:
    return _shown(lang, KIND[_key(lang)][kind])


def via_word(name: str, lang: str) -> str:
    return _shown(lang, VIA[_key(lang)]).format(name=in_script(lang, name))


def status_word(status: str, lang: str) -> str:
    return status_label(status, lang)


@cache
def _typed_statuses() -> dict[str, str]:
    typed = {status_label(s, lang).casefold(): s for lang in LANGS for s in REPORTABLE}
    return {**typed, **OLDER_WORDS}


def status_from_word(text: str) -> str | None:
    """The status a typed word means (`推進中`, `推进中`, `in-progress`, `In progress`)."""
    typed = " ".join(text.split()).casefold()
    return _typed_statuses().get(typed) or _typed_statuses().get(
        typed.replace(" ", "-").replace("_", "-"))
