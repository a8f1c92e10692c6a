"""What `import --update` did, in the reader's language: items new, changed by the document,
corrected by the office and kept, changed on both sides (to decide), gone; units mapped and
added.  The same lines are printed and written into the import report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from suizhou_plan.i18n import N_, t

W: dict[str, str] = {
    "heading": N_("## What the update changed"),
    "summary": N_("Items of the document that matched the plan's and kept their ids: "
                  "{matched}; ledger entries kept as they were: {ledger}."),
    "no_base": N_("There was no import-base.json beside the plan (made by every import since "
                  "this version), so the update cannot tell the office's corrections from the "
                  "document's revisions: wherever the plan and the document differ, the plan's "
                  "value is kept and listed under 「To decide」."),
    "new": N_("### New in the document ({n})"),
    "changed": N_("### Changed by the document ({n})"),
    "kept": N_("### The office's corrections, kept ({n})"),
    "conflict": N_("### To decide ({n})"),
    "conflict_intro": N_("Changed both in the plan and in the document: the plan's value is "
                         "kept; correct it in tasks.yaml if the document's is right."),
    "gone": N_("### Gone from the document ({n})"),
    "units": N_("### Units ({n})"),
    "line_new": N_("{item} 「{title}」: added"),
    "line_new_unit": N_("{item} 「{title}」: a new unit, added to agencies.yaml"),
    "line_changed": N_("{item} {field}: 「{old}」 → 「{new}」"),
    "line_kept": N_("{item} {field}: 「{value}」 kept (the document: 「{document}」)"),
    "line_conflict": N_("{item} {field}: 「{value}」 kept; the document now says 「{document}」"),
    "line_renumbered": N_("numbers as in the document ({n}): {items}"),
    "line_removed": N_("{item} 「{title}」: removed from the plan"),
    "line_gone_kept": N_("{item} 「{title}」: kept, for its ledger (entries: {entries}); "
                         "delete it by hand if the revision dropped it"),
    "line_kept_issued": N_("date of issue: 「{value}」 kept; the document says 「{document}」, "
                           "after ledger entries (the first dated {first})"),
    "line_deleted": N_("{item} 「{title}」: deleted from the plan by hand, still in the "
                       "document: not added again"),
    "line_not_in_document": N_("{item} 「{title}」: not found in the document, kept"),
    "line_renamed": N_("「{form}」 written as 「{unit}」, the name the office gave the unit in "
                       "agencies.yaml"),
    "line_replaced": N_("「{form}」 written as 「{unit}」, as the office replaced it in the "
                        "tasks"),
    "line_script": N_("「{form}」 written as 「{unit}」, the registry's name (another script "
                      "or width)"),
    "terminal": N_("updated {out}/ — new: {new}, changed by the document: {changed}, "
                   "corrections kept: {kept}, to decide: {conflicts}, gone: {gone}; ids kept: "
                   "{matched}, ledger entries kept: {ledger}"),
    "dry_run": N_("--dry-run: nothing was written; without it, {out}/ is updated as above"),
}

FIELDS: dict[str, str] = {
    "number": N_("number"), "kind": N_("kind"), "section": N_("section"), "title": N_("title"),
    "text": N_("full text"), "units": N_("units"), "lead": N_("lead unit"), "due": N_("deadline"),
    "target-text": N_("target's words"), "target-due_text": N_("target's deadline words"),
    "target-due": N_("target's date"), "phase-number": N_("phase number"),
    "phase-theme": N_("phase theme"), "phase-period": N_("phase period"),
    "phase-start": N_("phase start"), "phase-end": N_("phase end date"),
    "milestone-title": N_("milestone title"), "milestone-tasks": N_("milestone tasks"),
    "milestone-units": N_("milestone units"), "plan-title": N_("plan title"),
    "plan-issuer": N_("issuer"), "plan-issued": N_("date of issue"),
}

_GROUPS = ("new", "changed", "kept", "conflict", "gone", "units")


def group_of(key: str) -> str:
    if key in ("new", "new-target", "new-section", "new-unit"):
        return "new" if key != "new-unit" else "units"
    if key == "renumbered" or key.startswith("changed-"):
        return "changed"
    if key.startswith("kept-"):
        return "kept"
    if key.startswith("conflict-"):
        return "conflict"
    if key.startswith("unit-"):
        return "units"
    return "gone"


def change_line(change: Any, lang: str, quoted: Callable[[str], str]) -> str:
    def say(name: str, **args: str) -> str:
        return t(lang, W[name], **args)

    key = change.key
    item = quoted(change.item)
    arg = {name: quoted(value) for name, value in change.args}
    if key in ("new", "new-target", "new-section"):
        return say("line_new", item=item, title=arg["title"])
    if key == "new-unit":
        return say("line_new_unit", item=item, title=arg["title"])
    if key == "gone-removed":
        return say("line_removed", item=item, title=arg["title"])
    if key == "gone-kept":
        return say("line_gone_kept", item=item, title=arg["title"], entries=arg["entries"])
    if key == "deleted-by-office":
        return say("line_deleted", item=item, title=arg["title"])
    if key == "not-in-document":
        return say("line_not_in_document", item=item, title=arg["title"])
    if key == "kept-issued":
        return say("line_kept_issued", value=arg["value"], document=arg["document"],
                   first=arg["first"])
    if key.startswith("unit-"):
        return say("line_" + key[5:], form=arg["form"], unit=arg["unit"])
    if key == "renumbered-all":
        return say("line_renumbered", n=arg["n"], items=arg["items"])
    kind, _, name = key.partition("-")
    field = t(lang, FIELDS[name])
    if kind == "changed":
        return say("line_changed", item=item, field=field, old=arg["old"],
                   new=arg["new"]).strip()
    return say(f"line_{kind}", item=item, field=field, value=arg["value"],
               document=arg["document"]).strip()


def grouped(changes: list[Any]) -> dict[str, list[Any]]:
    """The changes by group; items renumbered (every item after one added or removed) in
    one line, after the other changes."""
    # lazy: only grouped() needs it (+151 ms: opencc)
    from suizhou_plan.importer.update import Change

    out: dict[str, list[Any]] = {g: [] for g in _GROUPS}
    renumbered: list[Any] = []
    for change in changes:
        if change.key == "renumbered":
            renumbered.append(change)
        else:
            out[group_of(change.key)].append(change)
    if renumbered:
        items = "、".join(f"{c.item} {c.arg('old')}→{c.arg('new')}" for c in renumbered)
        out["changed"].append(Change("renumbered-all", "", (("n", str(len(renumbered))),
                                                            ("items", items))))
    return out


def render_markdown(update: Any, lang: str) -> list[str]:
    # lazy: only render_markdown() needs it (+2 ms: 2 modules)
    from suizhou_plan.base.escapes import markdown_text

    def say(name: str, **args: str) -> str:
        return t(lang, W[name], **args)

    lines = [say("heading"), "",
             say("summary", matched=str(update.matched), ledger=str(update.ledger)), ""]
    if not update.had_base:
        lines += [say("no_base"), ""]
    for group, changes in grouped(update.changes).items():
        if not changes:
            continue
        lines += [say(group, n=str(len(changes))), ""]
        if group == "conflict":
            lines += [say("conflict_intro"), ""]
        lines += [f"- {change_line(c, lang, markdown_text)}" for c in changes] + [""]
    return lines


def render_text(update: Any, out_dir: str, lang: str, dry_run: bool) -> list[str]:
    def say(name: str, **args: str) -> str:
        return t(lang, W[name], **args)

    groups = grouped(update.changes)
    lines = [f"  {change_line(c, lang, str)}" for group in _GROUPS for c in groups[group]]
    lines.append(say("terminal", out=out_dir, new=str(len(groups["new"])),
                     changed=str(len(groups["changed"])), kept=str(len(groups["kept"])),
                     conflicts=str(len(groups["conflict"])), gone=str(len(groups["gone"])),
                     matched=str(update.matched), ledger=str(update.ledger)))
    if dry_run:
        lines.append(say("dry_run", out=out_dir))
    return lines
