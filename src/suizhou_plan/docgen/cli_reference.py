"""docs/cli.md: each command's `--help`, rendered at a fixed width."""

from __future__ import annotations

import click

from suizhou_plan.docgen.page import anchor, header

WIDTH = 80


def command_helps() -> list[tuple[str, click.Command, str]]:
    """(command path, command, its --help) for `suizhou` and every (sub)command, in the
    order the registry lists them."""
    # lazy: only command_helps() needs it (+4 ms: 1 module)
    from suizhou_plan.cli import cli

    settings = {**cli.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    out: list[tuple[str, click.Command, str]] = []

    def visit(ctx: click.Context) -> None:
        command = ctx.command
        out.append((ctx.command_path, command, command.get_help(ctx)))
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    visit(click.Context(sub, info_name=name, parent=ctx, **sub.context_settings))

    visit(click.Context(cli, info_name="suizhou", **settings))
    return out


def cli_markdown() -> str:
    helps = command_helps()
    lines = [header("each command's --help"), "", "# Command-line reference", "",
             f"The `--help` of every command, as `suizhou COMMAND --help` prints it ({WIDTH} "
             "columns).  How to use them day to day: [the guide](guide.en.md) "
             "([中文](guide.md)).", ""]
    lines += [f"- [`{path}`](#{anchor(path)})" for path, _, _ in helps]
    for path, _, text in helps:
        lines += ["", f"## {path}", "", "```text", text.rstrip(), "```"]
    return "\n".join(lines) + "\n"
