"""`suizhou rules`."""

from __future__ import annotations

import click

from suizhou_plan.cli.options import write


@click.command("rules")
@click.argument("rule", required=False, metavar="[SLUG_OR_CODE]")
def command(rule: str | None) -> None:
    """List every rule (code, slug, severity, summary), or print one rule's documentation
    with a failing and a passing example."""
    from suizhou_plan.rules import ORDERED, by_code_or_slug

    if rule is None:
        lines = [f"{r.code}  {r.slug:<24} {r.severity.value:<8} {r.summary}" for r in ORDERED]
        write("\n".join(lines) + "\n")
        return
    found = by_code_or_slug(rule)
    if found is None:
        raise click.UsageError(
            f"no rule is called {rule!r}; type `suizhou rules` to list codes and slugs"
        )
    head = f"{found.code} {found.slug} ({found.severity.value}): {found.summary}"
    write(f"{head}\n\n{found.doc}\n")
