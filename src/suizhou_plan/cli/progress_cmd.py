"""`suizhou progress add`, `show`, `template` and `import`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from suizhou_plan.base.file_names import file_names
from suizhou_plan.cli.options import (
    as_of_option,
    as_of_or_today,
    default_lang,
    lang_option,
    parse_iso_date,
    plan_option,
    resolve_plan,
)
from suizhou_plan.cli.plan_arg import plan_index
from suizhou_plan.i18n import N_, Msg, in_script, localise, t, tn
from suizhou_plan.model.status import REPORTS
from suizhou_plan.ops.plan_lock import PlanLocked, PlanNotWritable

if TYPE_CHECKING:
    from suizhou_plan.load.ledger import Entry
    from suizhou_plan.ops.progress_batch import Report
    from suizhou_plan.views.index import PlanIndex

# What `--status` takes: a unit's report, or (the office's) 銷號.  The other decisions and
# the application for more time have commands of their own that ask for what they need.
STATUSES = [*REPORTS, "verified"]


class Status(click.Choice):  # type: ignore[type-arg]
    """A status as typed: the file's word (`in-progress`) or the reader's (推进中, 推進中,
    In progress), as the ledger template reads them."""

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> object:
        # lazy: not loaded for --help or a usage error (+6 ms: 5 modules)
        from suizhou_plan.words.sheet_words import status_from_word

        found = status_from_word(str(value))
        return found if found in STATUSES else super().convert(value, param, ctx)


@click.group("progress")
def command() -> None:
    """The progress ledger (台賬): each unit reports on its part, applies for more time;
    the office closes (銷號), returns (退回), reopens and decides on extensions (延期).
    Also an item's whole record, and the monthly loop with Excel templates."""


def _common(f: Callable[..., None]) -> Callable[..., None]:
    """The options every writer of the ledger takes."""
    for option in reversed([
        plan_option,
        click.option("--date", "when", callback=parse_iso_date, required=True,
                     metavar="YYYY-MM-DD", help="The date written on the report or decision."),
        click.option("--received", callback=parse_iso_date, default=None,
                     metavar="YYYY-MM-DD", help="The day it reached the office [default: "
                     "--as-of]; a report that arrives late keeps its own --date."),
        click.option("--as-of", "as_of", callback=parse_iso_date, default=None,
                     metavar="YYYY-MM-DD", help="Refuse entries dated after this day "
                     "[default: today in Asia/Shanghai]."),
        click.option("--wait", type=click.FloatRange(min=0), default=60.0,
                     show_default=True, metavar="SECONDS",
                     help="How long to wait while another command writes the plan."),
        lang_option,
    ]):
        f = option(f)
    return f


def _by_option(office: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    if office:
        return click.option("--by", "by", default=None, metavar="AGENCY",
                            help="The office deciding [default: the office the plan names: "
                            "supervision.office, else the leading group's office].")
    return click.option("--by", "by", required=True, metavar="AGENCY",
                        help="The reporting unit: one that holds ITEM.")


def _record(item: str, plan_dir: str | None, entry: Entry, as_of: date | None, wait: float,
            lang: str | None) -> None:
    """Write `entry` through the one append path and say what was written, or why not."""
    # lazy: not loaded for --help or a usage error (+500 ms: pydantic, yaml)
    from suizhou_plan.ops.progress_add import BadRequest, append_progress
    from suizhou_plan.ops.progress_edit import Refused
    from suizhou_plan.views.record import OFFICE_ONLY
    from suizhou_plan.words.labels import status_label

    path, _label = resolve_plan(plan_dir, writing=True)
    try:
        added = append_progress(path, item, entry, as_of_or_today(as_of), wait)
    except BadRequest as exc:
        said = lang or default_lang(exc.plan_lang)
        raise click.UsageError(in_script(said, localise(exc.args[0], said))) from None
    except (Refused, PlanLocked, PlanNotWritable) as exc:
        said = lang or default_lang(getattr(exc, "plan_lang", None))
        not_written = t(said, "not written: nothing was changed")
        sys.stderr.write(f"{_why(exc, said)}\n{not_written}\n")
        sys.exit(1)
    lang = lang or default_lang(added.plan_lang)
    message = (N_("{item}: recorded the office's decision ({status}) of {date} by {unit} in "
                  "{file}") if entry.status in OFFICE_ONLY else
               N_("{item}: recorded the application for more time of {date} by {unit} in "
                  "{file}") if entry.status == "extension-requested" else
               N_("{item}: added {status} of {date} by {unit} to {file}"))
    sys.stdout.write(t(
        lang, message, item=added.item_id, status=status_label(entry.status, lang),
        date=localise(entry.date, lang), unit=in_script(lang, added.entry.by or ""),
        file=_shown(path / "tasks.yaml")) + "\n")


def _entry(status: str, when: date, by: str | None, *, note: str | None = None,
           problems: str | None = None, next_step: str | None = None,
           evidence: tuple[str, ...] = (), until: date | None = None,
           reason: str | None = None, received: date | None = None) -> Entry:
    # lazy: not loaded for --help or a usage error (+12 ms: yaml)
    from suizhou_plan.load.ledger import Entry, pasted

    def cell(text: str | None) -> str | None:
        return pasted(text or "") or None  # a blank cell is no value

    return Entry(when, status, (by or "").strip(), cell(note), cell(problems), cell(next_step),
                 tuple(pasted(e) for e in evidence if pasted(e)), until, cell(reason),
                 received)


@command.command("add")
@click.argument("item")
@click.option("--status", type=Status(STATUSES), required=True,
              help="Status of the unit's part as of this report (reported-done = 辦結); "
              "verified (銷號) is the office's alone.  The Chinese words are understood "
              "too: 推進中, 受阻, 已辦結 ….")
@_by_option(office=False)
@click.option("--note", required=True, help="Progress made (進展); says why when a status "
              "goes back.  For 銷號: the office's review opinion.")
@click.option("--problems", default=None, help="Problems (存在問題).")
@click.option("--next", "next_step", default=None, help="Next step (下一步).")
@click.option("--evidence", multiple=True, metavar="REF",
              help="Evidence: document number, URL or file (repeatable).")
@_common
def add(item: str, plan_dir: str | None, status: str, when: date, by: str, note: str,
        problems: str | None, next_step: str | None, evidence: tuple[str, ...],
        received: date | None, as_of: date | None, wait: float, lang: str | None) -> None:
    """Record a unit's report on ITEM (one dated entry of tasks.yaml's ledger).

    A unit reports on its own part: --by must hold ITEM (directly, through a collective,
    or as the successor of a renamed unit).  The lead's report decides where the item
    stands; a supporting unit's is shown as its part.  A report that arrives late keeps
    its own --date and is put in its place among the entries; the same report twice is
    refused.  Only the office closes an item (--status verified, with --evidence), after
    the lead reported it done.

    Other writers wait for each other (a lock in the plan directory), and a file saved by
    another program in the meantime is read again, never overwritten.  Everything else in
    the file is kept byte for byte; when the result would be invalid nothing is written
    and the command exits 1.
    """
    _record(item, plan_dir, _entry(status, when, by, note=note, problems=problems,
                                   next_step=next_step, evidence=evidence, received=received),
            as_of, wait, lang)


@command.command("apply")
@click.argument("item")
@_by_option(office=False)
@click.option("--until", callback=parse_iso_date, required=True, metavar="YYYY-MM-DD",
              help="The date the unit expects to finish by.")
@click.option("--reason", required=True, help="Why the item cannot be finished on time.")
@click.option("--note", required=True, help="What has been done so far (進展).")
@click.option("--next", "next_step", default=None, help="The measures it will take (下一步).")
@_common
def apply(item: str, plan_dir: str | None, by: str, until: date, reason: str, note: str,
          next_step: str | None, when: date, received: date | None, as_of: date | None,
          wait: float, lang: str | None) -> None:
    """Apply for more time on ITEM (申請延期), for the office to approve or refuse.

    Any unit that holds ITEM may apply, before or after the due date (an application made
    after it is counted as late).  The date the item is judged against moves only when
    the office approves (`suizhou progress extend`).
    """
    _record(item, plan_dir, _entry("extension-requested", when, by, note=note, until=until,
                                   reason=reason, next_step=next_step, received=received),
            as_of, wait, lang)


@command.command("close")
@click.argument("item")
@_by_option(office=True)
@click.option("--opinion", required=True, help="The office's review opinion (審核意見).")
@click.option("--evidence", multiple=True, required=True, metavar="REF",
              help="What the closing rests on: document number, URL or file (repeatable).")
@_common
def close(item: str, plan_dir: str | None, by: str | None, opinion: str,
          evidence: tuple[str, ...], when: date, received: date | None, as_of: date | None,
          wait: float, lang: str | None) -> None:
    """The office closes ITEM (銷號) after reviewing the lead's report of done (辦結).

    After 銷號 no unit's report reopens the item; only `suizhou progress reopen` does.
    """
    _record(item, plan_dir, _entry("verified", when, _office(plan_dir, by, as_of), note=opinion,
                                   evidence=evidence, received=received), as_of, wait, lang)


@command.command("return")
@click.argument("item")
@_by_option(office=True)
@click.option("--reason", required=True, help="Why the report of done is not accepted.")
@_common
def return_(item: str, plan_dir: str | None, by: str | None, reason: str, when: date,
            received: date | None, as_of: date | None, wait: float,
            lang: str | None) -> None:
    """The office returns ITEM to its lead to be redone (退回重辦): the lead's report of
    done is not accepted, the item is back in progress, and the return is counted against
    the lead in the assessment (考核)."""
    _record(item, plan_dir, _entry("returned", when, _office(plan_dir, by, as_of), reason=reason,
                                   received=received), as_of, wait, lang)


@command.command("reopen")
@click.argument("item")
@_by_option(office=True)
@click.option("--reason", required=True, help="Why the closed item is opened again.")
@_common
def reopen(item: str, plan_dir: str | None, by: str | None, reason: str, when: date,
           received: date | None, as_of: date | None, wait: float,
           lang: str | None) -> None:
    """The office reopens a closed (銷號) ITEM: it is back in progress."""
    _record(item, plan_dir, _entry("reopened", when, _office(plan_dir, by, as_of), reason=reason,
                                   received=received), as_of, wait, lang)


@command.command("extend")
@click.argument("item")
@_by_option(office=True)
@click.option("--until", callback=parse_iso_date, required=True, metavar="YYYY-MM-DD",
              help="The new date the item is judged against.")
@click.option("--document", "documents", multiple=True, metavar="REF",
              help="The approval's document number, where there is one (repeatable).")
@click.option("--note", default=None, help="The office's opinion.")
@_common
def extend(item: str, plan_dir: str | None, by: str | None, until: date,
           documents: tuple[str, ...], note: str | None, when: date, received: date | None,
           as_of: date | None, wait: float, lang: str | None) -> None:
    """The office approves an extension of ITEM (同意延期) to --until.

    The new date moves the light, the overdue counts and the reminders; the plan's own
    date stays on the record and is shown beside it.
    """
    _record(item, plan_dir, _entry("extension-approved", when, _office(plan_dir, by, as_of),
                                   note=note, until=until, evidence=documents,
                                   received=received), as_of, wait, lang)


@command.command("refuse")
@click.argument("item")
@_by_option(office=True)
@click.option("--reason", required=True, help="Why the application is refused.")
@_common
def refuse(item: str, plan_dir: str | None, by: str | None, reason: str, when: date,
           received: date | None, as_of: date | None, wait: float,
           lang: str | None) -> None:
    """The office refuses a unit's application for more time on ITEM (不予延期)."""
    _record(item, plan_dir, _entry("extension-refused", when, _office(plan_dir, by, as_of),
                                   reason=reason, received=received), as_of, wait, lang)


def _office(plan_dir: str | None, by: str | None, as_of: date | None) -> str:
    """--by as typed, or the office the plan names (its successor once renamed)."""
    if by:
        return by
    # lazy: not loaded for --help or a usage error (+306 ms: pydantic, yaml)
    from suizhou_plan.ops.progress_edit import Refused, read_plan
    from suizhou_plan.views.office import office_units

    path, _ = resolve_plan(plan_dir)
    try:
        _, _, index = read_plan(path)
    except Refused:
        return ""  # the writer says why, in the reader's words
    found = office_units(index.tasks_file, index.registry)
    if not found:
        raise click.UsageError(Msg("the plan names no office (supervision.office or "
                                   "governance.leading_group.office): give --by"))
    # lazy: not loaded for --help or a usage error (+141 ms: pydantic, yaml)
    from suizhou_plan.views.holding import Holders

    return Holders(index, as_of_or_today(as_of)).holder_of(found[0]).name


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@command.command("show")
@click.argument("item")
@plan_option
@lang_option
def show(item: str, plan_dir: str | None, lang: str | None) -> None:
    """Print ITEM's whole record: where it stands (from its lead's reports and the office's
    decisions), each supporting unit's latest report on its part, extensions and returns,
    then every entry in date order with who wrote it, in which capacity, and when it was
    received."""
    # lazy: not loaded for --help or a usage error (+217 ms: pydantic, yaml)
    from suizhou_plan.base.escapes import visible_lines
    from suizhou_plan.render.record_text import record_lines

    index = plan_index(plan_dir, lang)
    lang = lang or default_lang(index.tasks_file.supervision.lang)
    found = index.by_id.get(item) or index.by_id.get(item.upper())
    if found is None:
        raise click.UsageError(t(lang, "no task, target or milestone {id}; ids look like T01, "
                                       "S1, T05-2025 or P1-M4", id=repr(item)))
    sys.stdout.write(visible_lines("\n".join(record_lines(found, lang))) + "\n")


@command.command("template")
@plan_option
@as_of_option
@lang_option
@click.option("--agency", "agencies", multiple=True, metavar="NAME",
              help="The unit to make a template for (repeatable); any script or form.")
@click.option("--all", "all_units", is_flag=True,
              help="A template for every unit that holds a duty and may report (a unit "
              "renamed before --as-of: its successor's).")
@click.option("--office", "for_office", is_flag=True,
              help="The office's review sheet instead: one row per item waiting for its "
              "decision (reported done: close or return; an application for more time: "
              "approve or refuse), imported back like the units' templates.")
@click.option("--out", "out_dir", metavar="DIR", required=True,
              help="Directory to write the templates into, one .xlsx per unit, named by "
              "the unit's name.")
def template(plan_dir: str | None, as_of: date | None, lang: str | None,
             agencies: tuple[str, ...], all_units: bool, for_office: bool,
             out_dir: str) -> None:
    """Write the monthly ledger (台賬) template each unit fills in and sends back.

    One row per item the unit holds (id, title, role, due date, current status, last
    report and whose it is), locked; beside them the columns to fill: status (a drop-down
    list of what a unit may report), date, 進展, 存在問題, 下一步, 佐證材料, and the two
    columns of an application for more time (the new date, the reason); under the title,
    填報人, 聯繫電話 and 審核.  A hidden sheet records the unit, its items and the plan
    version the template was made from, signed with the plan directory's key
    (.suizhou.key, made by `suizhou init`), so `suizhou progress import` can refuse a sheet
    that was edited or made elsewhere.  Prints on A4 landscape, headings on every page.
    """
    # lazy: not loaded for --help or a usage error (+814 ms: pydantic, yaml)
    import hashlib

    from suizhou_plan.base.output_files import write_files
    from suizhou_plan.cli.scope_arg import pick_agency
    from suizhou_plan.load.plan_loader import TASKS
    from suizhou_plan.ops.progress_edit import Refused, read_plan
    from suizhou_plan.ops.workspace import KeyDamaged, read_key
    from suizhou_plan.sheets.template import build, reporting_units
    from suizhou_plan.views.duties import duties_for

    if [all_units, bool(agencies), for_office].count(True) != 1:
        raise click.UsageError(Msg("name the units: --agency 市政數局 (repeatable), or --all "
                                   "for every unit, or --office for the office's review "
                                   "sheet"))
    path, _ = resolve_plan(plan_dir)
    try:
        given, _, index = read_plan(path)
    except Refused as exc:
        sys.stderr.write(_why(exc, lang or default_lang()) + "\n")
        sys.exit(1)
    chosen = lang or default_lang(index.tasks_file.supervision.lang)
    try:
        key = read_key(path)
    except KeyDamaged as exc:
        sys.stderr.write(_key_damaged(exc, chosen) + "\n")
        sys.exit(1)
    day = as_of_or_today(as_of)
    if for_office:
        _review_sheet(index, hashlib.sha256(given[TASKS]).hexdigest(), key, day, chosen,
                      out_dir, path)
        return
    window = index.tasks_file.supervision.due_soon_days
    if all_units:
        units = reporting_units(index, day)
    else:
        units = []
        for name in agencies:
            unit = pick_agency(index.registry, name)
            if unit.kind in ("collective", "placeholder"):
                members = "、".join(m.name for m in (index.registry.by_id.get(i)
                                                     for i in unit.members) if m)
                raise click.UsageError(Msg(
                    "{unit} reports through its members; make their templates: --agency for "
                    "each of {members}", unit=unit.name, members=members) if members else Msg(
                    "{unit} reports through its members; make their templates: --all",
                    unit=unit.name))
            if unit not in units:
                units.append(unit)
    # lazy: not loaded for --help or a usage error (+141 ms: pydantic, yaml)
    from suizhou_plan.views.holding import Holders

    holders = Holders(index, day)  # built once: one pass over the items for every unit
    lists = [dl for dl in (duties_for(index, a, day, window, holders) for a in units)
             if dl.duties or not all_units]
    empty = [dl.agency.name for dl in lists if not dl.duties]
    if empty:
        raise click.UsageError(Msg("{units} holds no duty in the plan: there is nothing to "
                                   "report; `suizhou agencies` lists the units",
                                   units="、".join(empty)))
    digest = hashlib.sha256(given[TASKS]).hexdigest()
    names = file_names([in_script(chosen, dl.agency.name) for dl in lists], "xlsx")
    files = {name: build(dl, chosen, digest, key)
             for name, dl in zip(names, lists, strict=True)}
    write_files(Path(out_dir), files)
    for name, dl in zip(names, lists, strict=True):
        # a path is shown as the file system has it: only the unit's name takes the script
        sys.stdout.write(tn(
            chosen, "{file}: {unit}, {n} item", "{file}: {unit}, {n} items", len(dl.duties),
            file=str(Path(out_dir) / name), unit=in_script(chosen, dl.agency.name)) + "\n")
    sys.stdout.write(tn(chosen, "wrote {n} template to {dir}", "wrote {n} templates to {dir}",
                        len(files), dir=out_dir) + "\n")
    if key is None:
        sys.stderr.write(_no_key(path, chosen) + "\n")


def _review_sheet(index: PlanIndex, digest: str, key: bytes | None, day: date, lang: str,
                  out_dir: str, path: Path) -> None:
    """`template --office`: the office's review sheet, or a line saying nothing waits."""
    # lazy: not loaded for --help or a usage error (+573 ms: pydantic, yaml)
    from suizhou_plan.base.output_files import write_files
    from suizhou_plan.sheets.review import build_review
    from suizhou_plan.views.holding import Holders
    from suizhou_plan.views.reporters import office
    from suizhou_plan.words.sheet_words import words

    found = office(index)
    if not found:
        raise click.UsageError(Msg("the plan names no office (supervision.office or "
                                   "governance.leading_group.office): there is nobody to "
                                   "review for"))
    unit = Holders(index, day).holder_of(found[0])
    data, count = build_review(index, unit, day, lang, digest, key)
    if not count:
        sys.stdout.write(t(lang, "nothing waits for the office's decision on {day}: no "
                                 "review sheet written", day=localise(day, lang)) + "\n")
        return
    [name] = file_names([in_script(lang, words(lang)["review_file"].format(unit=unit.name))],
                        "xlsx")
    write_files(Path(out_dir), {name: data})
    sys.stdout.write(in_script(lang, tn(
        lang, "{file}: {n} item waits for the office's decision",
        "{file}: {n} items wait for the office's decision", count,
        file=str(Path(out_dir) / name))) + "\n")
    if key is None:
        sys.stderr.write(_no_key(path, lang) + "\n")


def _no_key(path: Path, lang: str) -> str:
    """The warning of a template made without the office's key, and how to make one."""
    # lazy: not loaded for --help or a usage error (+37 ms: yaml)
    from suizhou_plan.load.plan_dir import bundled_plan, is_bundled
    from suizhou_plan.ops.workspace import KEY_NAME

    if is_bundled(path) or path.resolve() == bundled_plan().resolve():
        return t(lang, "warning: the plan bundled with suizhou has no key, so these templates "
                       "carry no signature and the sheets returned cannot be verified; start "
                       "a workspace with `suizhou init` (it makes the key) and make the "
                       "templates there")
    return t(lang, "warning: {key} does not exist, so these templates carry no signature and "
                   "the sheets returned cannot be verified; run `suizhou init --key {plan}` "
                   "once, then make the templates again", key=_shown(path / KEY_NAME),
             plan=_shown(path))


def _key_damaged(exc: Exception, lang: str) -> str:
    """The key file cannot be used: say so, and how to mend it."""
    return in_script(lang, localise(exc.args[0], lang)) + "\n" + t(
        lang, "hint: restore the key from a backup; failing that, move the file away, run "
              "`suizhou init --key PLAN_DIR`, and send every unit a new template (the sheets "
              "made with the lost key can no longer be verified)")


@command.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE.xlsx...")
@plan_option
@click.option("--dry-run", is_flag=True, help="Print what would be added; write nothing.")
@click.option("--skip-invalid", is_flag=True,
              help="Import the good rows even when other rows have problems (listed).")
@click.option("--as-of", "as_of", callback=parse_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Refuse entries dated after this day [default: today in Asia/Shanghai].")
@click.option("--wait", type=click.FloatRange(min=0), default=60.0, show_default=True,
              metavar="SECONDS", help="How long to wait while another command writes the plan.")
@lang_option
def import_(files: tuple[str, ...], plan_dir: str | None, dry_run: bool, skip_invalid: bool,
            as_of: date | None, wait: float, lang: str | None) -> None:
    """Apply the filled rows of returned ledger templates (.xlsx) as ledger entries.

    Every rule of `progress add` holds: the template's unit must hold the item, status
    order, no entry dated before the latest.  A problem is shown at its cell
    (FILE.xlsx!Sheet!C7); one bad row stops the whole import (exit 1, nothing written)
    unless --skip-invalid.  An entry already in the ledger is skipped, so importing the
    same file twice adds nothing.  Rows left empty are not entries.  A template made from
    an older plan is read against today's: rows whose items moved or vanished are shown as
    warnings and not imported.  A unit reports on its part and applies for more time; a
    sheet that claims the office's decision (已銷號 …) is refused at the cell.

    Where the sheet came from: a sheet whose signature does not hold (its hidden marker
    edited: another unit, items added, another plan directory's template), or whose locked
    columns A–F were changed, is refused.  Only regular files are read, and every entry
    records the file it came from (its name and SHA-256).
    """
    # lazy: not loaded for --help or a usage error (+454 ms: pydantic, yaml)
    from suizhou_plan.ops.progress_edit import Refused
    from suizhou_plan.ops.sheet_import import import_files
    from suizhou_plan.ops.workspace import KeyDamaged

    path, _label = resolve_plan(plan_dir, writing=not dry_run)
    try:
        result = import_files(path, [(f, Path(f)) for f in files], as_of_or_today(as_of),
                              dry_run=dry_run, skip_invalid=skip_invalid, wait=wait)
    except KeyDamaged as exc:
        said = lang or default_lang()
        sys.stderr.write(_key_damaged(exc, said) + "\n"
                         + t(said, "not imported: nothing was changed") + "\n")
        sys.exit(1)
    except (Refused, PlanLocked, PlanNotWritable) as exc:
        said = lang or default_lang()
        not_imported = t(said, "not imported: nothing was changed")
        sys.stderr.write(f"{_why(exc, said)}\n{not_imported}\n")
        sys.exit(1)
    # lazy: not loaded for --help or a usage error (+229 ms: pydantic, yaml)
    from suizhou_plan.base.escapes import visible_lines
    from suizhou_plan.ops.sheet_import import location
    from suizhou_plan.words.labels import status_label

    lang = lang or default_lang(result.plan_lang)
    out = result.outcome
    # What was (or would be) added goes to stdout, then the problems and the summary to
    # stderr: the same order in a terminal and in a captured run.
    blocked = bool(result.errors) and not skip_invalid
    # lazy: not loaded for --help or a usage error (+109 ms: pydantic)
    from suizhou_plan.views.record import OFFICE_ONLY

    def verb(status: str) -> str:
        if status in OFFICE_ONLY:  # a review sheet's: the office decided, nobody reported
            return (N_("{item}: would record the office's decision ({status}) of {date} by "
                       "{unit} ({cell})") if dry_run else
                    N_("{item}: recorded the office's decision ({status}) of {date} by {unit} "
                       "({cell})"))
        return (N_("{item}: would add {status} of {date} by {unit} ({cell})") if dry_run else
                N_("{item}: added {status} of {date} by {unit} ({cell})"))

    lines = [] if blocked else [
        t(lang, verb(r.entry.status), item=r.item_id, status=status_label(r.entry.status, lang),
          date=localise(r.entry.date, lang), unit=in_script(lang, r.entry.by or ""),
          cell=location(r, _cell_of(r)))
        for r in out.added]
    lines += [] if blocked else [
        t(lang, "{item}: already in the ledger, skipped ({cell})", item=r.item_id,
          cell=location(r, _cell_of(r))) for r in out.already]
    sys.stdout.write(visible_lines("\n".join(lines)) + "\n" if lines else "")
    sys.stdout.flush()
    for p in result.problems:
        sys.stderr.write(visible_lines(p.render(lang)) + "\n")
    counts = tn(lang, "{n} entry from {files} file(s)", "{n} entries from {files} file(s)",
                len(out.added), files=result.files)
    already = (t(lang, " ({n} already in the ledger, skipped)", n=len(out.already))
               if out.already else "")
    if blocked:
        sys.stderr.write(t(lang, "not imported: {n} error(s); nothing was changed. Fix the "
                                 "cells and import again, or add --skip-invalid to import "
                                 "the other rows", n=len(result.errors)) + "\n")
        sys.exit(1)
    if dry_run:
        sys.stderr.write(t(lang, "would add {counts}{already}; nothing was written "
                                 "(--dry-run)", counts=counts, already=already) + "\n")
    elif out.written is None:
        sys.stderr.write(t(lang, "nothing to add from {files} file(s){already}",
                           files=result.files, already=already) + "\n")
    else:
        skipped = (t(lang, "; {n} problem(s) above not imported (--skip-invalid)",
                     n=len(result.errors)) if result.errors else "")
        sys.stderr.write(t(lang, "added {counts} to {file}{already}{skipped}", counts=counts,
                           file=_shown(path / "tasks.yaml"), already=already,
                           skipped=skipped) + "\n")


def _cell_of(report: Report) -> str:
    """The column a row's entry stands in: its status (G), or an application's new date."""
    # lazy: not loaded for --help or a usage error (+158 ms: pydantic, yaml)
    from suizhou_plan.sheets.template import STATUS, UNTIL

    return UNTIL if report.entry.status == "extension-requested" else STATUS


def _why(exc: Exception, lang: str) -> str:
    """Why a writer wrote nothing, in `lang`: each reason of a refusal on its own line (the
    plan's errors among them quote plan text: its control characters are shown escaped)."""
    # lazy: not loaded for --help or a usage error (+1 ms: 1 module)
    from suizhou_plan.base.escapes import visible_lines

    reasons = getattr(exc, "reasons", None)
    if reasons is None:  # the lock's words name a directory: its script stays as it is
        return visible_lines(localise(exc.args[0], lang))
    return in_script(lang, "\n".join(visible_lines(localise(reason, lang))
                                      for reason in reasons))
