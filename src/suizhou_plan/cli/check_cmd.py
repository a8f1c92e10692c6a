"""`suizhou check`."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    office_template,
    plan_option,
    resolve_plan,
    use_color,
    write,
)
from suizhou_plan.i18n import Msg

if TYPE_CHECKING:
    from suizhou_plan.base.finding import Finding
    from suizhou_plan.load.plan_loader import Loaded
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.render.docx_template import Template
    from suizhou_plan.rules.engine import Selection
    from suizhou_plan.views.index import PlanIndex
    from suizhou_plan.views.registry import AgencyRegistry
    from suizhou_plan.views.scope import Scope

FORMATS = ["text", "json", "markdown", "docx", "github"]


def _selectors(values: tuple[str, ...]) -> frozenset[str]:
    from suizhou_plan.rules import expand

    names = [part for value in values for part in value.split(",") if part.strip()]
    try:
        return frozenset(expand(names))
    except KeyError as exc:
        raise click.UsageError(Msg(
            "no rule is called {name}; type `suizhou rules` to list codes and slugs",
            name=repr(exc.args[0]))) from None


@click.command("check")
@plan_option
@as_of_option
@click.option("--phase", type=click.IntRange(1), default=None, help="Only this phase (1, 2, 3).")
@click.option("--agency", default=None, metavar="NAME",
              help="Only items this unit holds (id or name, either script).")
@click.option("--section", default=None, metavar="NAME",
              help="Only this section (數字經濟, 數字社會, 數字政府, 數字生態, 保障措施).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules (codes, slugs or code prefixes; comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option("--due-within", type=click.IntRange(0), default=None, metavar="DAYS",
              help="Warn this many days before a due date [default: the plan's due_soon_days].")
@click.option("--strict", is_flag=True, help="Warnings count as errors for the exit code.")
@click.option("--changed-since", "changed_since", default=None, metavar="REV",
              help="Only findings about what changed since git revision REV (for CI on a "
              "pull request).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (terminal or plain), json, markdown (the bulletin, 通報), docx (the "
              "bulletin as a Word document in the official layout; needs --out), github.")
@click.option("--out", "out_file", metavar="FILE", default=None,
              help="Write the bulletin (markdown or docx) to FILE instead of the terminal.")
@click.option("--template", "template", metavar="FILE.docx", default=None,
              help="With docx: take the styles and the letterhead (headers, footers, small "
              "pictures) from this Word document; its macros, fields that run and links to "
              "other files are left out, each named.")
@lang_option
@click.option("--no-cache", "no_cache", is_flag=True, envvar="SUIZHOU_NO_CACHE",
              help="Check from scratch: neither use nor store the stored result of an "
              "unchanged plan (also $SUIZHOU_NO_CACHE=1).")
def command(plan_dir: str | None, as_of: date | None, phase: int | None, agency: str | None,
            section: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
            due_within: int | None, strict: bool, changed_since: str | None, fmt: str,
            out_file: str | None, template: str | None, lang: str | None,
            no_cache: bool) -> None:
    """What is overdue, due soon, unassigned or missing, phase by phase.

    Runs every rule (see `suizhou rules`), including all of `validate`'s.  Exit 0 when there
    are no errors (warnings allowed), 1 when there are errors (with --strict, warnings
    too), 2 for a usage error.
    """
    path, label = resolve_plan(plan_dir)
    day = as_of_or_today(as_of)
    args = (path, label, day, phase, agency, section, select, ignore, due_within, strict,
            changed_since, fmt, out_file, template, lang)
    cacheable = (fmt in ("json", "github") or (fmt == "text" and not use_color(sys.stdout))) \
        and changed_since is None and out_file is None and template is None
    entry = None
    if cacheable and not no_cache:
        from suizhou_plan.i18n import from_environment
        from suizhou_plan.ops import check_cache

        entry = check_cache.entry_for(path, day, (label, phase, agency, section, select, ignore,
                                                  due_within, strict, fmt, lang,
                                                  from_environment()))
    if entry is None:
        with _collector_paused():
            _check(*args)
        return
    stored = entry.read()
    if stored is not None:
        sys.stdout.write(stored.stdout)
        sys.stderr.write(stored.stderr)
        sys.exit(stored.exit_code)
    with _collector_paused(), check_cache.recording(entry):
        _check(*args)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic GC passes during a check: its imports, model builds and plan are allocated
    once and kept, so the passes free nothing and cost about a tenth of a check of the
    bundled plan; a check of 20,000 tasks peaks no higher without them.  Afterwards what
    survived joins the oldest generation (freeze, then unfreeze) rather than being scanned
    by the first young-generation pass, which would cost what the pause saved."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _check(path: Path, label: str, day: date, phase: int | None, agency: str | None,
           section: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
           due_within: int | None, strict: bool, changed_since: str | None, fmt: str,
           out_file: str | None, template: str | None, lang: str | None) -> None:
    from suizhou_plan.load import load_plan
    from suizhou_plan.render import check_text, machine
    from suizhou_plan.rules.engine import Selection, run
    from suizhou_plan.views.board import build_board
    from suizhou_plan.views.scope import Scope

    selection = Selection(_selectors(select), _selectors(ignore))
    loaded = load_plan(path)
    scope = Scope(phase=phase)
    if loaded.ok:
        scope = _scope(loaded, phase, agency, section)
    result = run(loaded, as_of=day, due_within=due_within, selection=selection)
    findings = result.findings
    boards = []
    left_out_items = 0
    holders = None
    if result.index is not None:
        from suizhou_plan.views.holding import Holders

        index = result.index
        holders = Holders(index, day)
        scope = scope.holding(holders)
        findings = [f for f in findings if scope.keeps_finding(index, f)]
        touched: set[str] | None = None
        if changed_since is not None:
            findings, touched = _changed(findings, index, changed_since, path)
        window = index.tasks_file.supervision.due_soon_days if due_within is None else due_within
        boards = build_board(index, day, window, holders,
                             lambda item: scope.keeps_item(index, item)
                             and (touched is None or item.id in touched))
        if phase is not None:
            boards = [b for b in boards if b.phase is not None and b.phase.number == phase]
        left_out_items = len(index.items) - sum(len(b.rows) for b in boards)
    filters = tuple(f"{flag} {value}" for flag, value in (
        ("--phase", phase), ("--agency", agency), ("--section", section),
        ("--changed-since", changed_since), *(("--select", v) for v in select),
        *(("--ignore", v) for v in ignore)) if value is not None)
    title = loaded.tasks.plan.title if loaded.tasks is not None else "?"
    view = check_text.CheckView(title, label, day, boards, findings, loaded.files,
                                lang or default_lang(_plan_lang(loaded)), filters=filters,
                                left_out_items=left_out_items,
                                left_out_findings=len(result.findings) - len(findings),
                                rules_not_run=_rules_not_run(selection))
    bulletin = None
    if fmt == "docx" and not out_file:
        raise click.UsageError(Msg("a Word document goes to a file: add --out 通報.docx"))
    if out_file and fmt not in ("markdown", "docx"):
        raise click.UsageError(Msg("--out goes with --format markdown or docx"))
    if template and fmt != "docx":
        raise click.UsageError(Msg("--template goes with --format docx"))
    safe_template = office_template(template, view.lang) if template else None
    if result.index is not None and fmt in ("text", "markdown", "docx"):
        from suizhou_plan.render.bulletin_text import overall
        from suizhou_plan.views.bulletin import build_bulletin

        window = (result.index.tasks_file.supervision.due_soon_days if due_within is None
                  else due_within)
        assert holders is not None  # made with the index
        # the text format shows only the overall picture: no unit table to work out
        bulletin = build_bulletin(result.index, boards, day, window, holders,
                                  scope=_scope_words(scope, view.lang),
                                  records=fmt != "text")
        view.overview = overall(bulletin, view.lang, lists_pending=True)
    if fmt == "json":
        write(machine.check_json(view))
    elif fmt == "github":
        write(machine.github(findings))
    elif fmt in ("markdown", "docx"):
        if bulletin is None:  # the plan cannot be read: the text format says why
            raise click.UsageError(Msg("the plan has errors that stop a bulletin; run "
                                       "`suizhou validate` to list them"))
        _bulletin_out(bulletin, view.lang, fmt, out_file, safe_template,
                      loaded.tasks.plan.issuer if loaded.tasks is not None else None)
    elif use_color(sys.stdout):
        from suizhou_plan.render import check_rich
        check_rich.render(view, sys.stdout, color=True)
    else:
        write(check_text.render(view))
    counts = view.counts()
    failed = counts["error"] > 0 or (strict and counts["warning"] > 0)
    sys.exit(1 if failed else 0)


def _bulletin_out(bulletin: Any, lang: str, fmt: str, out_file: str | None,
                  template: Template | None, plan_issuer: str | None) -> None:
    from suizhou_plan.i18n import t

    if fmt == "markdown":
        from suizhou_plan.render import bulletin_markdown
        text = bulletin_markdown.render(bulletin, lang)
        if not out_file:
            write(text)
            return
        data = text.encode("utf-8")
    else:
        from suizhou_plan.render import bulletin_docx
        data = bulletin_docx.render(bulletin, lang, template, plan_issuer)
    from suizhou_plan.base.output_files import OutputError, write_files

    target = Path(out_file or "")
    if target.is_dir():
        raise click.UsageError(Msg("--out takes a file name; {path} is a directory",
                                   path=out_file))
    try:
        write_files(target.parent, {target.name: data})
    except OutputError as exc:
        raise click.ClickException(exc.args[0]) from None
    sys.stderr.write(t(lang, "wrote {path}", path=out_file) + "\n")


def _scope_words(scope: Scope, lang: str) -> str | None:
    """What a filtered bulletin covers, for its title and first sentence."""
    from suizhou_plan.i18n import phase_name, t

    parts = []
    if scope.phase is not None:
        parts.append(phase_name(lang, scope.phase))
    if scope.section is not None:
        parts.append(t(lang, "the {section} section", section=scope.section))
    if scope.agency is not None:
        parts.append(t(lang, "the items held by {unit}", unit=scope.agency.name))
    return t(lang, ", ").join(parts) or None


def _plan_lang(loaded: Loaded) -> str | None:
    return loaded.tasks.supervision.lang if loaded.tasks is not None else None


def _scope(loaded: Loaded, phase: int | None, agency: str | None, section: str | None) -> Scope:
    from suizhou_plan.base.names import name_key
    from suizhou_plan.views.registry import AgencyRegistry
    from suizhou_plan.views.scope import Scope

    tasks = loaded.tasks
    found_agency = None
    if agency is not None:
        registry = AgencyRegistry(loaded.agencies.agencies)
        found_agency = pick_agency(registry, agency)
    section_name = None
    if section is not None:
        wanted = name_key(section)
        matches = [s for s in tasks.sections if wanted in (name_key(s.name), name_key(s.id))]
        if not matches:
            from suizhou_plan.base.escapes import visible

            names = visible("、".join(s.name for s in tasks.sections))
            raise click.UsageError(Msg("no section {name}; type one of: {names}",
                                       name=repr(section), names=names))
        section_name = matches[0].name
    if phase is not None and phase not in {p.number for p in tasks.phases}:
        numbers = ", ".join(str(p.number) for p in tasks.phases)
        raise click.UsageError(Msg("the plan has no phase {phase}; type one of: {numbers}",
                                   phase=phase, numbers=numbers))
    return Scope(phase=phase, agency=found_agency, section=section_name)


def pick_agency(registry: AgencyRegistry, text: str) -> Agency:
    """One unit for `text`, or a usage error with did-you-mean / the ambiguous matches."""
    from suizhou_plan.base.escapes import visible

    lookup = registry.find(text)
    if len(lookup.matches) == 1:
        return lookup.matches[0]
    if lookup.matches:
        names = visible("; ".join(f"{a.name} ({a.id})" for a in lookup.matches))
        raise click.UsageError(Msg("{text} matches several units: {names}; type one of the ids",
                                   text=repr(text), names=names))
    if lookup.suggestions:
        raise click.UsageError(Msg("no unit is called {text}; did you mean {names}?",
                                   text=repr(text), names=visible("、".join(lookup.suggestions))))
    raise click.UsageError(Msg("no unit is called {text}; type `suizhou agencies` to list them",
                               text=repr(text)))


def _rules_not_run(selection: Selection) -> int:
    from suizhou_plan.rules import RULES

    return sum(1 for slug in RULES if not selection.wants(slug))


def _changed(findings: list[Finding], index: PlanIndex, rev: str,
             path: Path) -> tuple[list[Finding], set[str]]:
    """Only the findings about items, agencies or governance that changed since `rev`, and
    the ids of the items that changed."""
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
