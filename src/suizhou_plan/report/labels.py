"""Words the reports show, in Chinese and English."""

from __future__ import annotations

from suizhou_plan.status import Light

SYMBOL = {Light.RED: "✖", Light.YELLOW: "▲", Light.GREEN: "●", Light.GREY: "○"}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "red": "red", "yellow": "yellow", "green": "green", "grey": "grey",
        "phase": "Phase", "as_of": "as of", "plan": "plan",
        "complete": "complete", "open": "open", "overdue": "overdue", "unknown": "unknown",
        "light": "Light", "id": "ID", "item": "Item", "lead": "Lead", "due": "Due",
        "status": "Status", "late": "Late", "findings": "Findings", "none": "none",
        "summary": "Summary", "errors": "error(s)", "warnings": "warning(s)", "infos": "info",
        "bulletin": "Progress bulletin", "progress": "Progress", "problems": "Problems",
        "next": "Next step", "task": "Item", "deadline": "Deadline", "days": "d",
        "shown_above": "shown in the tables above",
        "ended": "ended", "current": "current", "upcoming": "upcoming",
        "plan_wide": "Plan-wide findings",
    },
    "zh": {
        "red": "紅燈", "yellow": "黃燈", "green": "綠燈", "grey": "灰燈",
        "phase": "階段", "as_of": "截至", "plan": "方案",
        "complete": "已完成", "open": "未完成", "overdue": "逾期", "unknown": "進展不明",
        "light": "燈", "id": "編號", "item": "事項", "lead": "牽頭單位", "due": "時間節點",
        "status": "狀態", "late": "逾期天數", "findings": "問題", "none": "無",
        "summary": "小結", "errors": "個錯誤", "warnings": "個警告", "infos": "條提示",
        "bulletin": "進展情況通報", "progress": "進展", "problems": "存在問題",
        "next": "下一步", "task": "任務", "deadline": "時間節點", "days": "天",
        "shown_above": "見上表",
        "ended": "已結束", "current": "進行中", "upcoming": "未開始",
        "plan_wide": "全局問題",
    },
}

STATUS_ZH = {
    "unknown": "不明", "not-started": "未啟動", "in-progress": "推進中", "blocked": "受阻",
    "reported-done": "已辦結", "verified": "已銷號",
}


def words(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])


def light_label(light: Light, lang: str) -> str:
    return f"{SYMBOL[light]} {words(lang)[light.value]}"


def status_label(status: str, lang: str) -> str:
    return STATUS_ZH.get(status, status) if lang == "zh" else status
