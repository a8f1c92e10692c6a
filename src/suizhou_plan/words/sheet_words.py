"""The words of the Excel workbooks and Word duty lists (headings, sheet names, the
template's instructions), as words of the message catalogue like every other page's:
the English text is the message id, the context is `sheet:` and the key, and the
translations live in `suizhou_plan/locale`.  Nothing else in `sheets/` or
`report/duties_xlsx.py` spells a heading; statuses and lights come from `report/labels.py`."""

from __future__ import annotations

from functools import cache

from suizhou_plan.i18n import LANGS, in_script, t, tp
from suizhou_plan.model.status import REPORTS, WRITTEN
from suizhou_plan.words.labels import status_label, word

WORDS = (
    # duty list
    word("sheet:duties_title", "{unit} duty list (as of {as_of})"),
    word("sheet:duties_counts",
         "lead {lead} · support {support} · open {open} · overdue {overdue}"),
    word("sheet:summary_sheet", "Summary"),
    word("sheet:summary_title", "Duty lists (as of {as_of})"),
    word("sheet:summary_file", "duty-lists"),
    word("sheet:unit", "Unit"), word("sheet:unit_id", "Unit id"),
    word("sheet:lead_count", "Lead"), word("sheet:support_count", "Support"),
    word("sheet:open_count", "Open"), word("sheet:overdue_count", "Overdue"),
    word("sheet:id", "ID"), word("sheet:item", "Item"), word("sheet:kind", "Kind"),
    word("sheet:role", "Role"), word("sheet:via", "Via"), word("sheet:section", "Section"),
    word("sheet:linked", "Milestones"), word("sheet:due", "Due"),
    word("sheet:days_late", "Days late"), word("sheet:status", "Status"),
    word("sheet:light", "Light"), word("sheet:others", "Other units (lead first)"),
    word("sheet:latest_date", "Latest report"), word("sheet:latest", "Latest progress"),
    word("sheet:file", "File"), word("sheet:index_title", "Duty lists"),
    # template
    word("sheet:ledger_sheet", "Ledger"),
    word("sheet:ledger_title", "{unit} progress ledger (made {as_of})"),
    word("sheet:ledger_help", "Fill in the coloured columns on the right: pick this period's "
         "status from the list (reported-done with its evidence when the item is done; "
         "the office reviews it and closes it), write the date as 2024-01-10; to apply for "
         "more time, give the new date and the reason in the last two columns. Rows left "
         "empty are not imported. The grey columns describe the item and are locked. Sign "
         "below the title."),
    word("sheet:filler", "Filled in by"), word("sheet:phone", "Phone"),
    word("sheet:reviewer", "Reviewed by"),
    word("sheet:group_item", "The item (locked)"),
    word("sheet:group_report", "This period's report"),
    word("sheet:group_extension", "Apply for more time (only if needed)"),
    word("sheet:extend_until", "Extend to"), word("sheet:extend_reason", "Reason"),
    word("sheet:until_prompt", "Only to apply for more time: the new date, after the due "
         "date; give the reason beside it"),
    word("sheet:until_error", "The new date must be after the item's due date"),
    word("sheet:latest_line", "{date} {unit}: {text}"),
    # the office's review sheet
    word("sheet:review_sheet", "Review"),
    word("sheet:review_file", "{unit} review"),
    word("sheet:review_title", "{unit}: reports and applications to decide (made {as_of})"),
    word("sheet:review_help", "One row per item waiting for the office: the lead reported it "
         "done (close it or return it), or a unit applied for more time (approve or refuse). "
         "Pick the decision from the list and give its date; a return or a refusal says why, "
         "a closing gives its evidence or document number; an extension's new date is the "
         "one asked for unless another is written. Rows left empty are not imported."),
    word("sheet:group_waiting", "What waits (locked)"),
    word("sheet:group_decision", "The office's decision"),
    word("sheet:lead_unit", "Lead unit"), word("sheet:waiting", "Reported or asked"),
    word("sheet:submitted", "Evidence or reason"), word("sheet:decision", "Decision"),
    word("sheet:decided_on", "Date"), word("sheet:opinion", "Opinion or reason"),
    word("sheet:document", "Document no. or evidence"),
    word("sheet:asks_until", "{date} {unit}: asks to extend to {until}"),
    word("sheet:decide_verified", "close"), word("sheet:decide_returned", "return"),
    word("sheet:decide_extension-approved", "approve extension"),
    word("sheet:decide_extension-refused", "refuse extension"),
    word("sheet:decision_prompt", "Pick the office's decision from the list"),
    word("sheet:decision_error", "Pick a decision from the list"),
    word("sheet:current_status", "Current status"), word("sheet:latest_entry", "Last report"),
    word("sheet:new_status", "New status"), word("sheet:new_date", "Date"),
    word("sheet:note", "Progress"), word("sheet:problems", "Problems"),
    word("sheet:next", "Next step"), word("sheet:evidence", "Evidence"),
    word("sheet:status_prompt", "Pick this period's status from the list"),
    word("sheet:status_error", "Pick a status from the list"),
)
ROLES = (word("sheet:role:lead", "lead"), word("sheet:role:support", "support"))
KINDS = (word("sheet:kind:task", "task"), word("sheet:kind:safeguard", "safeguard"),
         word("sheet:kind:target", "target"), word("sheet:kind:milestone", "milestone"))

# What a unit may choose in the template's status column: its report on its own part.
# Closing (銷號), returning, reopening and deciding on an extension are the office's.
UNIT_CHOICES = REPORTS
# Every status a typed word may mean (a returned sheet that claims the office's decision
# is told so, not told that the word is unknown).
REPORTABLE = WRITTEN
# Words people write for these, beyond the labels: earlier templates' words, and the
# office's own words for its decisions.
OLDER_WORDS = {"未啟動": "not-started", "未启动": "not-started",
               "銷號": "verified", "销号": "verified", "已銷號": "verified", "已销号": "verified",
               "退回": "returned", "已退回": "returned", "退回重辦": "returned",
               "退回重办": "returned", "重新打開": "reopened", "重新打开": "reopened",
               "申請延期": "extension-requested", "申请延期": "extension-requested",
               "同意延期": "extension-approved",
               "不同意延期": "extension-refused"}


@cache
def _words(lang: str, table: tuple[tuple[str, str], ...], prefix: str) -> dict[str, str]:
    return {context.removeprefix(prefix): tp(lang, context, english)
            for context, english in table}


def words(lang: str) -> dict[str, str]:
    return _words(lang, WORDS, "sheet:")


def role_word(role: str, lang: str) -> str:
    return _words(lang, ROLES, "sheet:role:")[role]


def kind_word(kind: str, lang: str) -> str:
    return _words(lang, KINDS, "sheet:kind:")[kind]


def via_word(name: str, lang: str) -> str:
    return t(lang, "via {name}", name=in_script(lang, name))


def status_word(status: str, lang: str) -> str:
    return status_label(status, lang)


@cache
def _typed_statuses() -> dict[str, str]:
    typed = {status_label(s, lang).casefold(): s for lang in LANGS for s in REPORTABLE}
    typed.update((s, s) for s in REPORTABLE)
    return {**typed, **OLDER_WORDS}


def status_from_word(text: str) -> str | None:
    """The status a typed word means (`推進中`, `推进中`, `in-progress`, `In progress`), the
    office's decisions among them (`已銷號`, `退回`): the caller says who may use which."""
    typed = " ".join(text.split()).casefold()
    return _typed_statuses().get(typed) or _typed_statuses().get(
        typed.replace(" ", "-").replace("_", "-"))
