"""What `progress import` says about a returned template: one message and one hint per
slug, with named placeholders, kept together so that they can move to the message
catalogue as they are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable-file": ("cannot read {file}: {why}",
                        "check the path; give the .xlsx file the office sent and the unit "
                        "returned"),
    "not-a-workbook": ("{file} is not an Excel workbook (.xlsx): {why}",
                       "save it from Excel or WPS as .xlsx (Excel Workbook), not .xls, .csv "
                       "or .et, and import that file"),
    "too-large": ("{file} is {size} once unpacked, far more than a ledger template",
                  "import the template the office sent (`suizhou progress template` makes "
                  "one); a template holds a few hundred rows"),
    "not-a-template": ("{file} is not a ledger template made by `suizhou progress template` "
                       "({why})",
                       "fill in the template the office sent, or make one with `suizhou "
                       "progress template --agency UNIT --out DIR`"),
    "unknown-unit": ("the template was made for unit {unit}, which is not in agencies.yaml "
                     "any more",
                     "make a new template for the unit that took over its duties"),
    "older-template": ("the template was made on {made_on} from another version of the "
                       "plan; its rows are read against today's plan",
                       "rows whose items moved or vanished are listed below and not imported"),
    "item-vanished": ("{item} is no longer an item of the plan; this row is not imported",
                      "report it under the item that replaced it, in a new template"),
    "item-moved": ("{item} is no longer a duty of {unit}; this row is not imported",
                   "progress on it is reported by {who}"),
    "item-changed": ("{item} changed since the template was made ({what}); the row is "
                     "imported against today's item",
                     "check that the report still fits the item"),
    "foreign-item": ("{item} is not one of this template's items (the template has no "
                     "row for it)",
                     "do not edit the locked columns A–F; copy the report into the "
                     "template's row for the item"),
    "missing-item": ("the row has a report but no item id in column A",
                     "do not edit the locked columns A–F; copy the report into the row of "
                     "its item"),
    "missing-status": ("the row has a report but no status",
                       "pick the status from the drop-down list: {choices}"),
    "unknown-status": ("「{value}」 is not a status",
                       "pick one from the drop-down list: {choices}"),
    "missing-date": ("the row has a report but no date", "type the date of the report, "
                     "e.g. 2024-01-10"),
    "bad-date": ("「{value}」 is not a date", "type the date of the report, e.g. 2024-01-10 "
                 "(2024/1/10 and 2024年1月10日 are read too)"),
    "missing-note": ("the row has a report but no progress (進展)",
                     "say in a few words what was done; a status that goes back says why"),
    "no-rows": ("{file} has no filled rows", "fill in the white columns of the rows to "
                "report on, then import again"),
}

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class SheetProblem:
    """A problem in a returned template, at `location` (`FILE.xlsx!台賬!H7`, or the file)."""

    location: str
    severity: Severity
    slug: str
    message: str
    hint: str

    def render(self) -> str:
        return (f"{self.location}: {self.severity}: {self.message} [{self.slug}]\n"
                f"  hint: {self.hint}")


def problem(location: str, slug: str, severity: Severity = "error", **args: object
            ) -> SheetProblem:
    message, hint = MESSAGES[slug]
    return SheetProblem(location, severity, slug, message.format(**args), hint.format(**args))
