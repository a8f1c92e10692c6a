"""What `progress import` says about a returned template: one message and one hint per
slug, with named placeholders.  The English is the message id (`N_` marks it for the
catalogue); `SheetProblem.render` shows it in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from suizhou_plan.i18n import N_, Msg, Word, colon, in_script, localise, t

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable-file": (
        N_('cannot read {file}: {why}'),
        N_('check the path; give the .xlsx file the office sent and the unit returned')),
    "not-a-workbook": (
        N_('{file} is not an Excel workbook (.xlsx): {why}'),
        N_('save it from Excel or WPS as .xlsx (Excel Workbook), not .xls, .csv or .et, '
           'and import that file')),
    "too-large": (
        N_('{file} is {size} once unpacked, far more than a ledger template'),
        N_('import the template the office sent (`suizhou progress template` makes one); '
           'a template holds a few hundred rows')),
    "not-a-template": (
        N_('{file} is not a ledger template made by `suizhou progress template` ({why})'),
        N_('fill in the template the office sent, or make one with `suizhou progress '
           'template --agency UNIT --out DIR`')),
    "unknown-unit": (
        N_('the template was made for unit {unit}, which is not in agencies.yaml any more'),
        N_('make a new template for the unit that took over its duties')),
    "older-template": (
        N_('the template was made on {made_on} from another version of the plan; its rows '
           "are read against today's plan"),
        N_('rows whose items moved or vanished are listed below and not imported')),
    "item-vanished": (
        N_('{item} is no longer an item of the plan; this row is not imported'),
        N_('report it under the item that replaced it, in a new template')),
    "item-moved": (
        N_('{item} is no longer a duty of {unit}; this row is not imported'),
        N_('progress on it is reported by {who}')),
    "item-changed": (
        N_('{item} changed since the template was made ({what}); the row is imported '
           "against today's item"),
        N_('check that the report still fits the item')),
    "foreign-item": (
        N_("{item} is not one of this template's items (the template has no row for it)"),
        N_("do not edit the locked columns A–F; copy the report into the template's row "
           'for the item')),
    "missing-item": (
        N_('the row has a report but no item id in column A'),
        N_('do not edit the locked columns A–F; copy the report into the row of its item')),
    "missing-status": (
        N_('the row has a report but no status'),
        N_('pick the status from the drop-down list: {choices}')),
    "unknown-status": (
        N_('「{value}」 is not a status'),
        N_('pick one from the drop-down list: {choices}')),
    "missing-date": (
        N_('the row has a report but no date'),
        N_('type the date of the report, e.g. 2024-01-10')),
    "bad-date": (
        N_('「{value}」 is not a date'),
        N_('type the date of the report, e.g. 2024-01-10 (2024/1/10 and 2024年1月10日 are '
           'read too)')),
    "missing-note": (
        N_('the row has a report but no progress (進展)'),
        N_('say in a few words what was done; a status that goes back says why')),
    "no-rows": (
        N_('no row of this template is filled in'),
        N_('fill in the white columns of the rows to report on, then import again')),
}

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class SheetProblem:
    """A problem in a returned template, at `location` (`FILE.xlsx!台賬!H7`, or the file)."""

    location: str
    severity: Severity
    slug: str
    message: str  # a `Msg` where it can be shown in another language
    hint: str

    def render(self, lang: str = "en") -> str:
        """`FILE.xlsx!臺賬!G7: error: message [slug]` and the hint on the next line."""
        severity = localise(SEVERITY[self.severity], lang)
        hint = t(lang, "hint: {hint}", hint=localise(self.hint, lang))
        said = in_script(lang, f"{severity}{colon(lang)}{localise(self.message, lang)} "
                               f"[{self.slug}]\n  {hint}")
        return f"{self.location}{colon(lang)}{said}"  # the cell as the workbook names it


SEVERITY = {"error": Word("severity:error", "error"), "warning": Word("severity:warning",
                                                                       "warning")}


def problem(location: str, slug: str, severity: Severity = "error", **args: object
            ) -> SheetProblem:
    message, hint = MESSAGES[slug]
    return SheetProblem(location, severity, slug, Msg(message, **args), Msg(hint, **args))
