"""The one error type: a problem the user can act on, raised anywhere below the CLI.

Every refusal (a plan that will not load, a file that cannot be written, a locked plan, an
unreadable sheet, ...) is a `SuizhouError` subclass.  It carries its message as a `Msg` (or
plain text already in the reader's words) and the exit code the command ends with; the CLI
maps it once, at its boundary (`suizhou_plan.cli.main`), to ``Error: <message>`` on stderr in
the reader's language.  Nothing below the CLI knows about click or exit handling."""

from __future__ import annotations

from typing import ClassVar


class SuizhouError(Exception):
    """A problem with the user's input or surroundings, not a bug: shown, never a traceback.

    ``args[0]`` is the message (a `Msg` or text); `exit_code` is what the command exits with
    (1: the input or the surroundings are wrong; subclasses may say otherwise)."""

    exit_code: ClassVar[int] = 1

    @property
    def message(self) -> object:
        """What the user reads: the first argument (a `Msg` is localised at the boundary)."""
        return self.args[0] if self.args else type(self).__name__
