"""The one error type: a problem the user can act on, raised anywhere below the CLI.

Every refusal (a plan that will not load, a file that cannot be written, a locked plan, an
unreadable sheet, ...) is a `SuizhouError` subclass.  It carries its message as a `Msg` (or
plain text already in the reader's words) and the exit code the command ends with; the CLI
maps it once, where every command runs (`suizhou_plan.cli.CommandContext`), to ``Error:
<message>`` on stderr in the reader's language, after the command's usage line when the
exit code is 2 (a usage error, as click shows its own).  Nothing below the CLI knows about
click or exit handling."""

from __future__ import annotations

from typing import ClassVar

USAGE = 2  # the exit code of a usage error: what was typed cannot be done as typed


class SuizhouError(Exception):
    """A problem with the user's input or surroundings, not a bug: shown, never a traceback.

    ``args[0]`` is the message (a `Msg` or text); `exit_code` is what the command exits with,
    one of the two codes of a refusal: 1 when the input or the surroundings are wrong,
    `USAGE` (2) when what was typed cannot be done as typed."""

    exit_code: ClassVar[int] = 1

    @property
    def message(self) -> str:
        """What the user reads: the first argument (a `Msg`, a `str`, is localised where it
        is shown)."""
        first = self.args[0] if self.args else type(self).__name__
        return first if isinstance(first, str) else str(first)
