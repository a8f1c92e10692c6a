"""What `progress import` says about a returned template: one message and one hint per
slug, with named placeholders.  The English is the message id (`N_` marks it for the
catalogue); `SheetProblem.render` shows it in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from suizhou_plan.i18n import N_, Msg, Word, colon, in_script, localise, t

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the file
    "unreadable-file": (
        N_('cannot read {file}: {why}'),
        N_('check the path; give the .xlsx file the office sent and the unit returned')),
    "dangling-link": (
        N_('{file} is a link to {target}, which does not exist'),
        N_('give the file itself, or mend the link')),
    "not-a-file": (
        N_('{file} is {what}, not a file'),
        N_('only files are read: give the .xlsx file the unit returned')),
    "link-not-a-file": (
        N_('{file} is a link to {target}, which is {what}, not a file'),
        N_('only files are read: give the .xlsx file the unit returned')),
    "file-too-large": (
        N_('{file} is {size}, far more than a ledger template ({limit} at most)'),
        N_('import the template the office sent (`suizhou progress template` makes one); '
           'a template holds a few hundred rows')),
    "xls-workbook": (
        N_('{file} is an Excel 97-2003 workbook (.xls or .et), not an .xlsx workbook'),
        N_('open it in Excel or WPS, save it as "Excel Workbook (*.xlsx)", and import that '
           'file')),
    "not-a-workbook": (
        N_('{file} is not an Excel workbook (.xlsx): {why}'),
        N_('save it from Excel or WPS as .xlsx (Excel Workbook), not .xls, .csv or .et, '
           'and import that file')),
    # -- limits that bound the work
    "too-large": (
        N_('{file} is {size} once unpacked, far more than a ledger template ({limit} at '
           'most)'),
        N_('import the template the office sent (`suizhou progress template` makes one); '
           'a template holds a few hundred rows')),
    "part-too-large": (
        N_('{file}: its part {part} unpacks to {size}, more than a ledger template ever '
           'needs ({limit} at most)'),
        N_('import the template the office sent (`suizhou progress template` makes one); '
           'a template holds a few hundred rows')),
    "too-many-parts": (
        N_('{file} is a package of {n} parts; a workbook has a few dozen ({limit} at most)'),
        N_('import the template the office sent (`suizhou progress template` makes one)')),
    "too-many-strings": (
        N_('{file} holds more than {limit} different texts; a ledger template holds a few '
           'hundred'),
        N_('import the template the office sent (`suizhou progress template` makes one)')),
    "cell-too-long": (
        N_('the cell holds more than {limit} characters, more than Excel itself allows'),
        N_('shorten the text; attach long documents as evidence instead')),
    "too-many-rows": (
        N_('reading stopped at this row: the sheet has more than {limit} rows, and a ledger '
           'template has one row per item'),
        N_('import the template the office sent, one row per item (delete the rows added '
           'below it)')),
    "too-many-cells": (
        N_('reading stopped at this cell: the sheet has more than {limit} cells'),
        N_('import the template the office sent, one row per item (delete the rows and '
           'columns added to it)')),
    "too-many-item-rows": (
        N_('{item} has more than {limit} rows in this file; only {limit} reports on one item '
           'are read from one file'),
        N_('report once per period, in the row of the item; the office keeps the history')),
    # -- where the sheet came from
    "not-a-template": (
        N_('{file} is not a ledger template made by `suizhou progress template` ({why})'),
        N_('fill in the template the office sent, or make one with `suizhou progress '
           'template --agency UNIT --out DIR`')),
    "unverifiable-sheet": (
        N_('this plan directory has no key, so the sheet cannot be verified: anyone could '
           'have edited its hidden marker (the unit and the items it may report on)'),
        N_('run `suizhou init --key PLAN_DIR` once, then make the templates again and send '
           'the new ones')),
    "unsigned-sheet": (
        N_('the sheet carries no signature (made on {made_on}, before this plan directory '
           'had its key, or its signature was removed); nothing from it is imported'),
        N_('make the unit a new template (`suizhou progress template`) and ask it to report '
           'again on that one')),
    "foreign-sheet": (
        N_('the sheet was signed by another plan directory (another office, or before this '
           "one's key was replaced); nothing from it is imported"),
        N_('make the unit a new template from this plan (`suizhou progress template`) and ask '
           'it to report again on that one')),
    "forged-sheet": (
        N_('the hidden marker of the sheet (made on {made_on}) was changed after the office '
           'made it: its signature no longer matches; nothing from it is imported'),
        N_('the unit, the items and the plan version of a template cannot be edited; make the '
           'unit a new template (`suizhou progress template`) if its duties changed')),
    "locked-cell-changed": (
        N_('the locked cell was changed: it reads 「{value}」, the template said 「{expected}」'),
        N_('return the template as it was sent: fill in only the coloured columns (write a '
           'correction in the progress column)')),
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
    "item-retitled": (
        N_("{item}'s title changed since the template was made (it was 「{title}」); the row "
           "is imported against today's item"),
        N_('check that the report still fits the item')),
    "item-redated": (
        N_("{item}'s due date changed since the template was made ({old} → {new}); the row "
           "is imported against today's item"),
        N_('check that the report still fits the item')),
    "foreign-item": (
        N_("{item} is not one of this template's items (the template has no row for it)"),
        N_("do not edit the locked columns A–F; copy the report into the template's row "
           'for the item')),
    "missing-item": (
        N_('the row has a report but no item id in column A'),
        N_('do not edit the locked columns A–F; copy the report into the row of its item')),
    # -- the sign-off
    "not-signed-off": (
        N_('the sheet is not signed off: who filled it in, a phone number and who reviewed it '
           'are all left empty'),
        N_('the unit writes who filled in the sheet, a phone number and who reviewed it '
           '(under the title)')),
    "missing-signoff": (
        N_('the sheet is not signed off: {field} is empty'),
        N_('the unit writes who filled in the sheet, a phone number and who reviewed it '
           '(under the title)')),
    # -- a row
    "missing-status": (
        N_('the row has a report but no status'),
        N_('pick the status from the drop-down list: {choices}')),
    "unknown-status": (
        N_('「{value}」 is not a status'),
        N_('pick one from the drop-down list: {choices}')),
    "office-decision": (
        N_("「{value}」 is the office's decision, not a unit's report; nothing from this row "
           'is imported'),
        N_('pick one of {choices}: report reported-done with the evidence when the item is done; '
           'the office then reviews it and closes (銷號) or returns it')),
    "extension-in-status": (
        N_('「{value}」: an application for more time goes in the last two columns, not in '
           'the status'),
        N_('write the new date and the reason in the columns for an extension, and pick '
           "this period's status from the list")),
    "missing-date": (
        N_('the row has a report but no date'),
        N_('type the date of the report, e.g. 2024-01-10')),
    "bad-date": (
        N_('「{value}」 is not a date'),
        N_('type the date of the report, e.g. 2024-01-10 (2024/1/10 and 2024年1月10日 are '
           'read too)')),
    "not-a-day": (
        N_("the cell holds day number {value} of Excel's calendar, which is no real day"),
        N_('type the date, e.g. 2024-01-10')),
    "missing-note": (
        N_('the row has a report but no progress (進展)'),
        N_('say in a few words what was done; a status that goes back says why')),
    "until-without-reason": (
        N_('an extension to {until} is asked for without a reason'),
        N_('write why more time is needed in the reason column')),
    "reason-without-until": (
        N_('a reason for an extension is given without the new date'),
        N_('write the date the item will be done by, e.g. 2024-06-30')),
    "bad-until": (
        N_('「{value}」 is not a date'),
        N_('write the date the item will be done by, e.g. 2024-06-30')),
    "until-not-later": (
        N_("the new date {until} is not after the item's due date ({due})"),
        N_('an extension moves the due date later: write a date after {due}')),
    # -- the office's review sheet
    "not-the-office": (
        N_('the review sheet was made for {unit}, which is not the office that decides '
           '(銷號, 退回, 延期); nothing from it is imported'),
        N_("make the review sheet from this plan with `suizhou progress template --office`")),
    "missing-decision": (
        N_('the row has details of a decision but no decision'),
        N_('pick one from the drop-down list: {choices}')),
    "not-a-decision": (
        N_("「{value}」 is not one of the office's decisions on a review sheet"),
        N_('pick one from the drop-down list: {choices}')),
    "decision-needs-evidence": (
        N_('closing an item needs what it rests on: a document number or the evidence'),
        N_('write the number of the review opinion, or the evidence checked, one a line')),
    "decision-needs-reason": (
        N_('to {decision} needs the reason'),
        N_('write why in the opinion column')),
    "extension-needs-date": (
        N_('an extension needs its new date: none is written, and no application waits'),
        N_('write the new date, e.g. 2024-06-30')),
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
