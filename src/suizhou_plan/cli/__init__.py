"""The `suizhou` command: a thin click layer over the core.

Subcommands are imported only when invoked, so `suizhou --help` and `suizhou --version`
load neither pydantic nor rich."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from suizhou_plan import __version__
from suizhou_plan.base.errors import USAGE, SuizhouError

COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("suizhou_plan.cli.check_cmd", "What is overdue, due soon, unassigned or missing."),
    "validate": ("suizhou_plan.cli.validate_cmd", "Load and cross-check the plan files."),
    "duties": ("suizhou_plan.cli.duties_cmd", "Print one unit's duty list (lead vs supporting)."),
    "agencies": ("suizhou_plan.cli.agencies_cmd", "Every unit with its load of duties."),
    "rules": ("suizhou_plan.cli.rules_cmd", "List the rules, or show one rule's documentation."),
    "progress": ("suizhou_plan.cli.progress_cmd", "Record progress (台賬) or show it."),
    "init": ("suizhou_plan.cli.init_cmd", "Copy the plan into a workspace of your own."),
    "report": ("suizhou_plan.cli.report_cmd", "The meeting dashboard: timeline, lights, progress."),
    "diff": ("suizhou_plan.cli.diff_cmd", "What an edit changed: items, units, leads, dates."),
    "export": ("suizhou_plan.cli.export_cmd", "Print the normalised plan as JSON."),
    "schema": ("suizhou_plan.cli.schema_cmd", "Print or write the JSON Schema of the plan files."),
    "import": ("suizhou_plan.cli.import_cmd", "Turn a plan document (實施方案) into a plan."),
    "assess": ("suizhou_plan.cli.assess_cmd", "The assessment (考核) of the units over a span."),
    "remind": ("suizhou_plan.cli.remind_cmd", "Reminders (催辦通知) to the units with items to "
               "answer for."),
}


class CommandContext(click.Context):
    """The context every command runs in, and the one place a refusal from below becomes
    output: a `SuizhouError` leaves the command as the click error it stands for, so that it
    is shown as click shows its own (`Error: <message>` on stderr, in the reader's language
    once `_run` has it) and the command exits with the error's `exit_code`.  A usage error
    (`USAGE`) is a `click.UsageError` of this context: the command's usage line and how to
    get its help come first, as for any option typed wrong."""

    def invoke(self, callback: click.Command | Callable[..., Any], /, *args: Any,
               **kwargs: Any) -> Any:
        try:
            return super().invoke(callback, *args, **kwargs)
        except SuizhouError as exc:
            if exc.exit_code == USAGE:
                raise click.UsageError(exc.message, ctx=self) from None
            raise click.ClickException(exc.message) from None


def _in_command_context(command: click.Command) -> click.Command:
    """`command`, and each subcommand of a group, made to run in a `CommandContext`."""
    command.context_class = CommandContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _in_command_context(sub)
    return command


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        return _in_command_context(module.command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # lazy: not loaded for --help or a usage error (+18 ms: 2 modules)
        from suizhou_plan.cli.click_messages import current_lang
        from suizhou_plan.i18n import in_script, t

        lang = current_lang()
        rows = [(name, in_script(lang, t(lang, help_))) for name, (_, help_) in COMMANDS.items()]
        with formatter.section(t(lang, "Commands")):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"],
                                              "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="suizhou")
@click.option("--debug", is_flag=True, help="On an internal error, show the Python traceback.")
@click.option("--lang", default=None, metavar="LANG", expose_value=False,
              help="The language of this help and of usage errors: zh-Hans, zh-Hant or en "
              "(each command takes --lang for its output).")
def cli(debug: bool) -> None:
    """Check the Digital Suizhou implementation plan (《數字隨州建設實施方案》).

    Reads plan/tasks.yaml and plan/agencies.yaml (--plan DIR, $SUIZHOU_PLAN, ./plan, or the
    copy bundled with suizhou) and reports what is overdue, unassigned or inconsistent.

    Exit codes: 0 no errors, 1 errors found, 2 usage error, 3 internal error (a bug).
    """


INTERNAL_ERROR = 3
REPORT_TO = "the suizhou maintainers"


def _debug_wanted(args: list[str]) -> bool:
    """`--debug` before the subcommand, or SUIZHOU_DEBUG set: the context is gone by the time
    an exception reaches `main`, so the option is read from the arguments themselves."""
    if os.environ.get("SUIZHOU_DEBUG"):
        return True
    for arg in args:
        if arg == "--debug":
            return True
        if not arg.startswith("-"):
            return False
    return False


def internal_error_message(exc: BaseException) -> str:
    """One short paragraph: what broke (never the whole input), the version, how to report."""
    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:200] + "…"
    return (
        f"suizhou: internal error: {type(exc).__name__}" + (f": {detail}" if detail else "")
        + f"\nThis is a bug in suizhou {__version__}, not in your plan. Please report it to "
        f"{REPORT_TO} with the command you ran and the plan files; run it again with "
        "`suizhou --debug ...` to see the traceback.\n"
    )


def _lang_of(args: list[str]) -> str:
    """The output language before click has parsed anything: `--lang X` wherever it stands
    (a usage error may come before its option is reached), else the locale."""
    # lazy: not loaded for --help or a usage error (+7 ms: 1 module)
    from suizhou_plan.i18n import from_environment, parse_lang

    for k, arg in enumerate(args):
        if arg == "--lang" and k + 1 < len(args):
            return parse_lang(args[k + 1]) or "en"
        if arg.startswith("--lang="):
            return parse_lang(arg.split("=", 1)[1]) or "en"
    return from_environment() or "en"


def _show(exc: click.ClickException, lang: str, exit_code: int) -> int:
    """Print `Error: <message>` in the reader's language and script; the exit code."""
    # lazy: not loaded for --help or a usage error (+7 ms: 1 module)
    from suizhou_plan.i18n import in_script, localise

    # click declares `message` final; the exception is ours to show, once
    exc.__dict__["message"] = in_script(lang, localise(exc.message, lang))
    exc.show()
    return exit_code


def _run(args: list[str]) -> int:
    """Run the command; usage errors (click's and ours) in the reader's language."""
    # lazy: not loaded for --help or a usage error (+11 ms: 2 modules)
    from suizhou_plan.cli.click_messages import helping, speaking

    lang = _lang_of(args)
    with speaking(lang), helping(lang):
        try:
            result = cli.main(args=args, prog_name="suizhou", standalone_mode=False)
        except click.ClickException as exc:  # click's own, and a refusal from below
            return _show(exc, lang, exc.exit_code)
        except click.exceptions.Abort:
            # lazy: not loaded for --help or a usage error (+7 ms: 1 module)
            from suizhou_plan.i18n import t

            sys.stderr.write(t(lang, "Aborted!") + "\n")
            return 1
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> None:
    """The installed entry point and the one error boundary: findings exit 1, usage errors 2
    (click), and anything unexpected 3 with a short message instead of a traceback."""
    args = sys.argv[1:] if argv is None else argv
    try:
        try:
            code = _run(args)
        except SystemExit as exc:  # a command's own `sys.exit(n)`
            if argv is not None or not isinstance(exc.code, (int, type(None))):
                raise
            code = exc.code or 0
        if argv is None and not _watched():
            _leave(code)
        sys.exit(code)
    except KeyboardInterrupt:
        sys.stderr.write("suizhou: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if _debug_wanted(args):
            raise
        sys.stderr.write(internal_error_message(exc))
        sys.exit(INTERNAL_ERROR)


def _watched() -> bool:
    """A profiler, a debugger or coverage is running: they write their results at exit."""
    return (sys.getprofile() is not None or sys.gettrace() is not None
            or "coverage" in sys.modules)


def _leave(code: int) -> NoReturn:
    """Exit at once, without tearing the interpreter down, as mypy does: freeing every module,
    model and schema one by one costs more than a `check` of the bundled plan.  Nothing is
    lost: the output is flushed here (a closed pipe raises, and `main` handles it), no command
    leaves a thread, a temporary file or an atexit handler behind, and the operating system
    releases file locks.  Only the installed command does this, and not under a profiler,
    debugger or coverage; `main(argv)` from Python raises SystemExit as before."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
