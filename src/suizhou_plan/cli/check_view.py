"""What `suizhou check` shows: the rules run on the plan, the findings and boards narrowed to
what `--phase`, `--agency`, `--section`, `--changed-since`, `--select` and `--ignore` ask,
gathered into the `CheckView` its medium lays out, with as much of the bulletin as the
medium shows (`check_formats.Shows`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suizhou_plan import load
from suizhou_plan.cli.options import default_lang
from suizhou_plan.cli.scope_arg import pick_scope
from suizhou_plan.i18n import Msg, phase_name, t
from suizhou_plan.render.check_formats import Shows
from suizhou_plan.render.check_text import CheckView
from suizhou_plan.rules import RULES, expand
from suizhou_plan.rules.engine import Selection, run
from suizhou_plan.views.board import PhaseBoard, build_board
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.scope import Scope

if TYPE_CHECKING:
    from suizhou_plan.base.finding import Finding
    from suizhou_plan.cli.check_run import Asked
    from suizhou_plan.load.plan_loader import Loaded
    from suizhou_plan.views.index import PlanIndex


@dataclass
class Checked:
    """A check done: its view, and what the bulletin is made from when a medium shows it."""

    view: CheckView
    index: PlanIndex | None
    holders: Holders | None
    scope: Scope
    window: int  # days before a due date that count as due soon

    def add_bulletin(self, shows: Shows) -> None:
        """Work out as much of the bulletin as `shows` asks for and put it in the view: its
        overall picture (the text check's first lines, no unit table worked out), or the
        whole bulletin.  Nothing when the plan could not be read into an index."""
        if shows is Shows.NOTHING or self.index is None or self.holders is None:
            return
        # lazy: only the media that show the bulletin need its view and its words
        from suizhou_plan.render.bulletin_text import overall
        from suizhou_plan.views.bulletin import build_bulletin

        view = self.view
        bulletin = build_bulletin(self.index, view.boards, view.as_of, self.window, self.holders,
                                  scope=_scope_words(self.scope, view.lang),
                                  records=shows is Shows.BULLETIN)
        view.overview = overall(bulletin, view.lang, lists_pending=True)
        if shows is Shows.BULLETIN:
            view.bulletin = bulletin


def check_plan(path: Path, label: str, day: date, asked: Asked) -> Checked:
    """Run the rules chosen on the plan in `path` on `day` and narrow what they found to
    what was asked; a name or rule that fits nothing is a usage error."""
    selection = Selection(_selectors(asked.select), _selectors(asked.ignore))
    loaded = load.load_plan(path)
    scope = Scope(phase=asked.phase)
    if loaded.ok:
        scope = pick_scope(loaded, asked.phase, asked.agency, asked.section)
    result = run(loaded, as_of=day, due_within=asked.due_within, selection=selection)
    findings = result.findings
    boards: list[PhaseBoard] = []
    left_out_items = 0
    holders = None
    index = result.index
    window = asked.due_within if asked.due_within is not None else 0
    if index is not None:
        holders = Holders(index, day)
        scope = scope.holding(holders)
        findings = [f for f in findings if scope.keeps_finding(index, f)]
        touched: set[str] | None = None
        if asked.changed_since is not None:
            findings, touched = _changed(findings, index, asked.changed_since, path)
        if asked.due_within is None:
            window = index.tasks_file.supervision.due_soon_days
        boards = build_board(index, day, window, holders,
                             lambda item: scope.keeps_item(index, item)
                             and (touched is None or item.id in touched))
        if asked.phase is not None:
            boards = [b for b in boards if b.phase is not None and b.phase.number == asked.phase]
        left_out_items = len(index.items) - sum(len(b.rows) for b in boards)
    tasks = loaded.tasks
    view = CheckView(tasks.plan.title if tasks is not None else "?", label, day, boards,
                     findings, loaded.files, asked.lang or default_lang(_plan_lang(loaded)),
                     filters=asked.filters, left_out_items=left_out_items,
                     left_out_findings=len(result.findings) - len(findings),
                     rules_not_run=sum(1 for slug in RULES if not selection.wants(slug)),
                     issuer=tasks.plan.issuer if tasks is not None else None)
    return Checked(view, index, holders, scope, window)


def _selectors(values: Sequence[str]) -> frozenset[str]:
    """The rules `--select` or `--ignore` name (codes, slugs, code prefixes, comma-separated)."""
    names = [part for value in values for part in value.split(",") if part.strip()]
    try:
        return frozenset(expand(names))
    except KeyError as exc:
        raise click.UsageError(Msg(
            "no rule is called {name}; type `suizhou rules` to list codes and slugs",
            name=repr(exc.args[0]))) from None


def _plan_lang(loaded: Loaded) -> str | None:
    return loaded.tasks.supervision.lang if loaded.tasks is not None else None


def _scope_words(scope: Scope, lang: str) -> str | None:
    """What a filtered bulletin covers, for its title and first sentence."""
    parts = []
    if scope.phase is not None:
        parts.append(phase_name(lang, scope.phase))
    if scope.section is not None:
        parts.append(t(lang, "the {section} section", section=scope.section))
    if scope.agency is not None:
        parts.append(t(lang, "the items held by {unit}", unit=scope.agency.name))
    return t(lang, ", ").join(parts) or None


def _changed(findings: list[Finding], index: PlanIndex, rev: str,
             path: Path) -> tuple[list[Finding], set[str]]:
    """Only the findings about items, agencies or governance that changed since `rev`, and
    the ids of the items that changed."""
    # lazy: only --changed-since reads another revision of the plan
    from suizhou_plan.cli.diff_cmd import index_of
    from suizhou_plan.views.plan_diff import diff_plans, touched_items

    old, _ = index_of(rev, path)
    changes = diff_plans(old, index)
    items = touched_items(changes, index)
    agencies = {c.subject for c in changes if c.kind.startswith("agency-")}
    governance = any(c.kind == "governance-changed" for c in changes)
    plan_wide = ("meeting-cadence", "uncovered-section")

    def wanted(f: Finding) -> bool:
        if f.task in items or f.milestone in items:
            return True
        if f.agency is not None and f.agency in agencies:
            return True
        return governance and f.rule in plan_wide

    return [f for f in findings if wanted(f)], set(items)
