"""The words of the Excel workbooks and Word duty lists (headings, sheet names, the
template's instructions), as words of the message catalogue like every other page's:
the English text is the message id, the context is `sheet:` and the key, and the
translations live in `suizhou_plan/locale`.  Nothing else in `sheets/` or
`report/duties_xlsx.py` spells a heading; statuses and lights come from `report/labels.py`."""

from __future__ import annotations

from functools import cache

from suizhou_plan.i18n import LANGS, in_script, t, tp
from suizhou_plan.report.labels import status_label, word

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
    word("sheet:ledger_help", "Fill in the white columns on the right: pick the status from "
         "the list, write the date as 2024-01-10; rows left empty are not imported. The grey "
         "columns describe the item and are locked."),
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

# What a unit may choose in the template's status column: the vocabulary less `unknown`.
REPORTABLE = ("not-started", "in-progress", "blocked", "reported-done", "verified")
# Words earlier templates offered, still read when a unit returns one.
OLDER_WORDS = {"未啟動": "not-started", "未启动": "not-started"}


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
    return {**typed, **OLDER_WORDS}


def status_from_word(text: str) -> str | None:
    """The status a typed word means (`推進中`, `推进中`, `in-progress`, `In progress`)."""
    typed = " ".join(text.split()).casefold()
    return _typed_statuses().get(typed) or _typed_statuses().get(
        typed.replace(" ", "-").replace("_", "-"))
