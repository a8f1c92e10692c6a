"""`suizhou rules`."""

from __future__ import annotations

import click

from suizhou_plan.cli.options import default_lang, lang_option, write
from suizhou_plan.i18n import Msg


@click.command("rules")
@click.argument("rule", required=False, metavar="[SLUG_OR_CODE]")
@lang_option
def command(rule: str | None, lang: str | None) -> None:
    """List every rule (code, slug, severity, summary), or print one rule's documentation
    with a failing and a passing example."""
    # lazy: not loaded for --help or a usage error (+353 ms: pydantic, yaml)
    from suizhou_plan.rules import ORDERED, by_code_or_slug
    from suizhou_plan.rules.describe import listing, page

    lang = lang or default_lang()
    if rule is None:
        write(listing(ORDERED, lang))
        return
    found = by_code_or_slug(rule)
    if found is None:
        raise click.UsageError(Msg(
            "no rule is called {name}; type `suizhou rules` to list codes and slugs",
            name=repr(rule)))
    write(page(found, lang))
