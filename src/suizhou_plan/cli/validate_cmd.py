"""`suizhou validate`."""

from __future__ import annotations

import sys
from datetime import date

import click

from suizhou_plan.cli.options import (
    default_lang,
    lang_option,
    parse_iso_date,
    plan_option,
    resolve_plan,
    write,
)


@click.command("validate")
@plan_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Output format.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@lang_option
@click.option("--as-of", "as_of", callback=parse_iso_date, default=None, hidden=True,
              help="Accepted and ignored: validate checks no dates.",
              metavar="YYYY-MM-DD")
def command(plan_dir: str | None, fmt: str, quiet: bool, lang: str | None,
            as_of: date | None) -> None:
    """Load and cross-check the plan files (no dates involved).

    No --as-of: no rule of `validate` depends on a date (`suizhou check --as-of` runs the
    dated ones).  Given anyway, it is accepted and changes nothing, and a note says so.

    Reports every structural problem (syntax, encoding, unknown fields, bad dates, unknown
    units, duplicate ids, phase windows) as file:line:col with a fix hint.  Exit 0 when the
    plan is valid, 1 when it has errors, 2 for a usage error.
    """
    # lazy: not loaded for --help or a usage error (+697 ms: pydantic, yaml)
    from suizhou_plan.base.escapes import visible_lines
    from suizhou_plan.base.finding import Severity
    from suizhou_plan.load import load_plan
    from suizhou_plan.render import findings_text, machine
    from suizhou_plan.rules.engine import run
    from suizhou_plan.words.labels import words

    path, label = resolve_plan(plan_dir)
    result = run(load_plan(path), as_of=None)
    tasks = result.loaded.tasks
    lang = lang or default_lang(tasks.supervision.lang if tasks is not None else None)
    if as_of is not None:
        # lazy: not loaded for --help or a usage error (+0 ms)
        from suizhou_plan.i18n import in_script, t

        sys.stderr.write(in_script(lang, t(
            lang, "note: validate checks no dates, so --as-of {date} changes nothing; "
            "`suizhou check --as-of {date}` runs the dated rules", date=as_of.isoformat())) + "\n")
    findings = result.findings
    if quiet:
        findings = [f for f in findings if f.severity is Severity.ERROR]
    summary = result.summary()
    if fmt == "json":
        write(machine.findings_json(findings, summary, lang, plan=label,
                                    valid=summary["error"] == 0))
    elif fmt == "github":
        write(machine.github(findings))
    else:
        # lazy: not loaded for --help or a usage error (+0 ms)
        from suizhou_plan.i18n import colon, in_script, localise, t

        lines = [t(lang, "plan: {plan}", plan=localise(label, lang))]
        lines += findings_text.render(findings, result.loaded.files, lang=lang)
        verdict = t(lang, "valid") if summary["error"] == 0 else t(lang, "INVALID")
        lines.append(verdict + colon(lang) + findings_text.summary_line(summary, words(lang), lang))
        lines[0] = in_script(lang, lines[0])
        lines[-1] = in_script(lang, lines[-1])
        write(visible_lines("\n".join(lines)) + "\n")  # excerpts stay as the file has them
    sys.exit(1 if summary["error"] else 0)
