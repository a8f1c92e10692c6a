"""`suizhou init`: start a plan workspace of one's own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from suizhou_plan.cli.options import default_lang, lang_option
from suizhou_plan.i18n import Msg, in_script, localise, t


@click.command("init")
@click.argument("directory", required=False, default="plan", metavar="[DIR]")
@click.option("--from", "source", metavar="DIR", default=None,
              help="Copy this plan directory instead of the bundled plan.")
@click.option("--key", "key_only", is_flag=True,
              help="Only make the office's key in DIR, a plan directory that has none (one "
              "made before keys existed); copy nothing.")
@lang_option
def command(directory: str, source: str | None, key_only: bool, lang: str | None) -> None:
    """Copy the bundled plan (or --from DIR) into DIR [default: ./plan].

    The bundled plan is read-only; `progress add` and every other writer work on a copy
    of your own.  Nothing that exists is overwritten.  DIR also gets the office's key
    (.suizhou.key, listed in DIR/.gitignore): it signs the ledger templates, so that
    `progress import` refuses a sheet that was edited or made elsewhere.  Keep it out of
    git and never send it to a unit.
    """
    # lazy: not loaded for --help or a usage error (+42 ms: yaml)
    from suizhou_plan.load.plan_dir import bundled_plan
    from suizhou_plan.ops.workspace import KEY_NAME, WorkspaceError, init_workspace

    dest = Path(directory)
    if key_only:
        _key_only(dest, directory, source, lang)
        return
    origin = Path(source) if source else bundled_plan()
    if source and not origin.is_dir():
        raise click.UsageError(Msg("--from {source}: no such directory; type the directory "
                                   "that holds tasks.yaml and agencies.yaml",
                                   source=str(source)))
    lang = lang or default_lang()
    try:
        written = init_workspace(dest, origin)
    except WorkspaceError as exc:
        sys.stderr.write(in_script(lang, "suizhou init: " + localise(exc.args[0], lang)) + "\n")
        sys.exit(1)
    key = dest / KEY_NAME
    copied = [p.name for p in written if p != key]
    plan = "" if dest == Path("plan") else f" --plan {directory}"
    unit, item, day, text = t(lang, "UNIT"), t(lang, "ITEM"), t(lang, "YYYY-MM-DD"), t(lang, "TEXT")
    overdue, duties, history = (t(lang, "what is overdue today"), t(lang, "one unit's duty list"),
                                t(lang, "keep its history"))
    sys.stdout.write(
        t(lang, "Copied the plan into {directory}/ ({files}).", directory=directory,
          files=", ".join(copied)) + "\n"
        + (t(lang, "Made the office's key {file}: it signs the ledger templates; keep it "
                   "out of git (.gitignore lists it) and never send it to a unit.",
             file=str(key)) + "\n" if key in written else "")
        + t(lang, "Next:") + "\n"
        f"  suizhou check{plan}                      # {overdue}\n"
        f"  suizhou duties {unit}{plan}                # {duties}\n"
        f"  suizhou progress add {item}{plan} --status in-progress --date {day} "
        f"--by {unit} --note {text}\n"
        f"  git init && git add {directory} && git commit -m 'plan'   # {history}\n"
    )


def _key_only(dest: Path, directory: str, source: str | None, lang: str | None) -> None:
    # lazy: not loaded for --help or a usage error (+78 ms: yaml)
    from suizhou_plan.load.plan_dir import bundled_plan, is_bundled
    from suizhou_plan.load.plan_loader import TASKS
    from suizhou_plan.ops.workspace import WorkspaceError, make_key

    if source:
        raise click.UsageError(Msg("--key makes a key in a plan directory that exists; it "
                                   "copies nothing, so it takes no --from"))
    if not (dest / TASKS).is_file():
        raise click.UsageError(Msg("{dest} holds no plan (tasks.yaml); `suizhou init {dest}` "
                                   "copies one and makes its key", dest=directory))
    if is_bundled(dest) or dest.resolve() == bundled_plan().resolve():
        raise click.UsageError(Msg("the plan bundled with suizhou is read-only; `suizhou "
                                   "init` copies it into ./plan, with a key"))
    lang = lang or default_lang()
    try:
        made = make_key(dest)
    except WorkspaceError as exc:
        sys.stderr.write(in_script(lang, "suizhou init: " + localise(exc.args[0], lang)) + "\n")
        sys.exit(1)
    sys.stdout.write(t(lang, "Made the office's key {file}: it signs the ledger templates; "
                             "keep it out of git (.gitignore lists it) and never send it to a "
                             "unit.", file=str(made)) + "\n"
                     + t(lang, "Templates made before it carry no signature: make them again "
                               "(`suizhou progress template`) and send the new ones.") + "\n")
