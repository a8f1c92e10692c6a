"""What each finding of `suizhou import` says: `key → (message, hint)`, the English being the
message id of the catalogue (`N_` marks it), with named placeholders filled from the
finding's arguments when a report is rendered in the reader's language."""

from __future__ import annotations

from suizhou_plan.i18n import N_, t

MESSAGES: dict[str, tuple[str, str]] = {
    "charset-unknown": (
        N_('the page declares charset 「{charset}」, which is not a text encoding; its '
           'encoding was detected instead'),
        N_('check that the text reads right')),
    "text-cut": (
        N_("{task}: its text runs to {count} characters, longer than the plan format's "
           '{limit}; the rest is left out of tasks.yaml'),
        N_('it probably swallowed the items after it: check where the item ends in the '
           'document')),
    "replaced-byte": (
        N_('column {column}: a byte that is not {encoding} was replaced by 「\ufffd」 '
           '(--replace-bad-bytes)'),
        N_('compare the spot with the original document and correct the text in tasks.yaml')),
    "page-furniture": (
        N_('{count} blocks of page furniture (navigation, breadcrumbs, footer) left out, the '
           'first 「{text}」'),
        N_('check that none of them belongs to the plan')),
    "issuer-missing": (
        N_('the document does not say who issued it'),
        N_('replace `issuer: {pending}` in tasks.yaml with the issuing body')),
    "issued-missing": (
        N_('no date of issue found; written as {date}'),
        N_('replace `issued:` in tasks.yaml with the date the document was issued')),
    "repaired-title": (
        N_('damaged characters before the title removed: 「{text}…」'),
        N_('check the title against the original document')),
    "title-missing": (
        N_('no title found in the first lines'),
        N_("replace `title: {pending}` in tasks.yaml with the plan's title")),
    "milestone-links": (
        N_('{phase}: the document links no milestone to a task; proposed {links}'),
        N_("check each milestone's `tasks:` in tasks.yaml")),
    "links-by-words": (
        N_('by shared words {links}'),
        ""),
    "links-closest": (
        N_('by closest wording {links}'),
        ""),
    "phase-without-deliverables": (
        N_('phase {number} ({period}) names no deliverables'),
        N_('add milestones under the phase if the document lists them elsewhere')),
    "units-for-all": (
        N_('「{text}」: {units} added to {scope}'),
        N_('remove them from tasks where they do not apply')),
    "scope-following": (
        N_('every task after it'),
        ""),
    "scope-preceding": (
        N_('every task before it'),
        ""),
    "scope-all": (
        N_('every task'),
        ""),
    "lead-inferred": (
        N_("the document marks no lead and states no convention: each task's first unit is "
           "taken as its lead (the plan format's default)"),
        N_('write `lead:` on the tasks whose lead is another unit')),
    "phase-overlap": (
        N_('{phase} ({period}) starts before {previous} ends ({end})'),
        N_('check the phase dates in the document')),
    "numbering-start": (
        N_('「{marker}」 starts a list (expected {expected})'),
        N_('check whether an item was lost')),
    "numbering-repeated": (
        N_('number 「{marker}」 repeated'),
        N_('check whether the item is doubled or misnumbered')),
    "numbering-skip": (
        N_('numbering skips from {previous} to {value} at 「{marker}」'),
        N_('check whether an item was lost')),
    "heading-units": (
        N_('「{text}」 has units and so do its sub-items: it is read as a heading, and its '
           'units are not given to the sub-items'),
        N_("if its units apply to every sub-item, add them to each task's `units`")),
    "skipped-text": (
        N_('「{text}」 ({count} numbered items) names no units and no dates: not imported'),
        N_('if it holds tasks, add a unit clause to each and import again')),
    "skipped-table": (
        N_('a table of {rows} rows has no header naming a task column and a unit column (任務 / '
           '牽頭單位 / 責任單位): not imported'),
        N_('name the columns in its first row and import again')),
    "no-units": (
        N_('{task} 「{title}」 names no responsible unit'),
        N_('add `units:` to the task in tasks.yaml')),
    "several-leads": (
        N_('{task} has {count} leads ({leads}); the first is written as `lead:`'),
        N_('the format holds one lead: keep the one that answers for the task')),
    "damaged-text": (
        N_('{task}: 「{text}」 looks like damaged characters'),
        N_('compare with the original document and record the fix under `repairs`')),
    "open-list": (
        N_('{task}: the unit list ends with 「等」, so it may name only some units'),
        N_('add the units the document means, if it says elsewhere')),
    "bracket-unclosed": (
        N_("{task}: the unit clause's bracket is never closed"),
        N_('check where the unit list ends')),
    "bracket-mismatched": (
        N_('{task}: the unit clause opens and closes with different brackets'),
        N_('nothing to do if the units are right')),
    "odd-unit": (
        N_('{task}: 「{unit}」 was read as a unit but does not look like one'),
        N_('correct `units:` if it is not a unit')),
    "lead-contradicted": (
        N_('{task}: the text says 「{unit}」 leads or answers for it, but the lead ({how}) is '
           '「{lead}」'),
        N_('if 「{unit}」 leads, write `lead: {unit}`')),
    "how-explicit": (
        N_('explicit'),
        ""),
    "how-first": (
        N_('first listed'),
        ""),
    "deadline-no-year": (
        N_('{task}: 「{phrase}」 names no year'),
        N_('add a target with `due:` if the office sets one')),
    "deadline-title-year": (
        N_("{task}: 「{phrase}」 names no year; read as {year}, the year in the plan's title: "
           '{due}'),
        N_("correct the target's `due:` if meant otherwise")),
    "deadline-no-date": (
        N_('{task}: deadline 「{phrase}」 gives no date ({rule})'),
        N_('write `due: YYYY-MM-DD` if the office sets one')),
    "deadline-read-as": (
        N_('{task}: 「{phrase}」 {rule}: {due}'),
        N_('correct `due:` if meant otherwise')),
    "target-no-date": (
        N_('{task}: 「{phrase}」 gives no date ({rule})'),
        N_('add a target with `due:` if the office sets one')),
    "target-resolved": (
        N_('{task}: 「{phrase}」 resolved to {due} ({rule})'),
        N_("correct the target's `due:` if meant otherwise")),
    "collective-members": (
        N_('「{name}」 stands for several units; the document does not say which'),
        N_('in agencies.yaml, register its members and set `kind: collective` with `members: '
           '[...]` (or import with --agencies FILE that has them)')),
    "registry-match": (
        N_('「{form}」 is 「{name}」 of the registry, written differently'),
        N_('added as an alias of {id}; check that it is the same unit')),
    "registry-near-miss": (
        N_('「{form}」 is not in the registry; did you mean {hints}?'),
        N_("if it is the same unit, replace it in tasks.yaml with the registry's name (or add "
           'it as an alias); else keep the new agency')),
    "merged-unit": (
        N_('「{form}」 taken as 「{name}」 (they differ only by {how})'),
        N_('if they are different units, split the alias off in agencies.yaml')),
    "merge-script": (
        N_('script, width or abbreviation'),
        ""),
    "merge-prefix": (
        N_('the implied 「{prefix}」'),
        ""),
    "lookalike-unit": (
        N_('「{name}」 appears once and resembles 「{other}」'),
        N_('if it is a typo, correct it in tasks.yaml; if not, keep both')),
}

RULES = (  # how a deadline phrase was read (`deadlines.Resolved.rule`)
    N_('the day written'),
    N_('not a calendar date'),
    N_('not a calendar month'),
    N_("the end of the range's last year"),
    N_('上旬 ends on the 10th'),
    N_('中旬 ends on the 20th'),
    N_('「X月前」 read as by the end of that month'),
    N_('the last day of the month'),
    N_('the end of the half-year'),
    N_('the end of the quarter'),
    N_("the plan's horizon (the end of its last phase)"),
    N_('31 December of that year'),
    N_('the end of the year'),
    N_('no year or month in the phrase'),
    N_("the year of the plan's title"),
)


def render(key: str, args: dict[str, str], lang: str) -> tuple[str, str]:
    """The message and the hint of `key` in `lang` (en, zh-Hans, zh-Hant), placeholders
    filled.  The document's own words in the arguments stay as the document writes them,
    so that they can be found in it; how a deadline was read (`rule`) is translated."""
    message, hint = MESSAGES[key]
    if "rule" in args:
        args = {**args, "rule": t(lang, args["rule"])}
    return t(lang, message, **args), t(lang, hint, **args) if hint else ""


def phrase(key: str, lang: str, **args: str) -> str:
    """A part of a message (a scope, a way of merging) in `lang`."""
    return render(key, args, lang)[0]
