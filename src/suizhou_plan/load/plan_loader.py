"""Read `tasks.yaml` and `agencies.yaml` from a plan directory into validated models."""

from __future__ import annotations

import errno
import gc
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from suizhou_plan.base.finding import Location, Problem
from suizhou_plan.i18n import Msg
from suizhou_plan.load import text as text_module
from suizhou_plan.load.text import SourceText, clip, decode, too_large
from suizhou_plan.load.yamltree import Tree, compose, resume_gc

TASKS = "tasks.yaml"
AGENCIES = "agencies.yaml"
MAX_MESSAGE = 300  # characters, with the count of the characters cut
MAX_PROBLEMS = 200  # listed per file


@dataclass
class PlanFile:
    """One plan file as read: its shown name, text and node tree (rules locate their findings
    in the tree with `yamltree.position`)."""

    shown: str
    text: str = ""
    root: Any = None
    _lines: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def line(self, number: int) -> str:
        """Line `number` (1-based) of the text; split once, not once per finding quoted."""
        if self._lines is None or self._lines[0] is not self.text:
            self._lines = (self.text, self.text.splitlines())
        lines = self._lines[1]
        return lines[number - 1] if 0 < number <= len(lines) else ""


@dataclass
class Loaded:
    directory: Path
    tasks: Any = None  # TasksFile | None
    agencies: Any = None  # AgenciesFile | None
    files: dict[str, PlanFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.tasks is not None and self.agencies is not None


def _unreadable(shown: str, message: Msg, hint: Msg) -> Problem:
    return Problem("unreadable-file", message, Location(shown), hint)


def _read(path: Path, shown: str) -> bytes | Problem:
    """The file's bytes, or a problem: never blocks on a FIFO or device, never reads more
    than the size cap (a symlink to /dev/zero must not fill memory)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return Problem(
            "missing-file",
            Msg("{name} is missing from the plan directory (it is a symlink to nothing)",
                name=path.name)
            if path.is_symlink()
            else Msg("{name} is missing from the plan directory", name=path.name),
            Location(shown),
            Msg("create {name} (see docs/plan-format.md) or point --plan at the right "
                "directory", name=path.name),
        )
    except IsADirectoryError:
        return _is_directory(path, shown)
    except PermissionError:
        if path.is_dir():  # Windows refuses to open a directory this way
            return _is_directory(path, shown)
        return _unreadable(shown, Msg("{name} cannot be read (permission denied)",
                                      name=path.name),
                           Msg("check the file's permissions"))
    except OSError as exc:
        return _os_error(path, shown, exc)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return _is_directory(path, shown)
        if not stat.S_ISREG(info.st_mode):
            return _unreadable(
                shown, Msg("{name} is not a regular file (a named pipe, socket or device)",
                           name=path.name),
                Msg("replace it with the plan's {name}", name=path.name),
            )
        limit = text_module.MAX_BYTES
        if info.st_size > limit:
            return too_large(shown, info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = _read_at_most(handle, limit + 1)
    except OSError as exc:
        return _os_error(path, shown, exc)
    finally:
        os.close(fd)
    if len(data) > limit:
        return too_large(shown, len(data), limit)
    return data


def _read_at_most(handle: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, in chunks: `read(size)` would allocate all of `size` up front."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = handle.read(min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _is_directory(path: Path, shown: str) -> Problem:
    return _unreadable(shown, Msg("{name} is a directory, not a file", name=path.name),
                       Msg("replace the directory with the plan's {name}", name=path.name))


def _os_error(path: Path, shown: str, exc: OSError) -> Problem:
    if exc.errno == errno.EACCES:
        message = Msg("{name} cannot be read (permission denied)", name=path.name)
    elif exc.errno == errno.ELOOP:
        message = Msg("{name} cannot be read (a symlink loop)", name=path.name)
    elif exc.strerror:  # the system's own words, in the system's language
        message = Msg("{name} cannot be read ({why})", name=path.name, why=exc.strerror)
    else:
        message = Msg("{name} cannot be read (an OS error)", name=path.name)
    return _unreadable(shown, message, Msg("replace it with a regular file"))


def _is_empty(root: yaml.Node) -> bool:
    """A document that is only `---` or `~` (a null scalar, not quoted)."""
    return isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null") and not root.style


def bounded(problem: Problem) -> Problem:
    """The problem with a message and hint short enough to print: YAML keys, anchors and tags
    are quoted in them and can be any length."""
    if len(problem.message) <= MAX_MESSAGE and len(problem.hint) <= MAX_MESSAGE:
        return problem
    return replace(problem, message=_shorter(problem.message), hint=_shorter(problem.hint))


def _shorter(text: str) -> str:
    """`text` within MAX_MESSAGE: a message with its quoted texts clipped, so that it can still
    be translated; else the text's start (in English)."""
    if len(text) <= MAX_MESSAGE:
        return text
    if isinstance(text, Msg):
        args = {k: clip(v) if isinstance(v, str) and not isinstance(v, Msg) else v
                for k, v in text.args.items()}
        shorter = Msg(text.msgid, **args)
        if len(shorter) <= MAX_MESSAGE:
            return shorter
    return clip(text, MAX_MESSAGE - 40)


def _capped(listed: list[Problem], total: int) -> list[Problem]:
    """At most MAX_PROBLEMS per file: a file with 100,000 repeated keys gets a short answer,
    not minutes of output.  The last one listed says how many more there are."""
    if total <= len(listed) or not listed:
        return listed
    last = listed[-1]
    message = Msg("{message} (and {count} more problems in this file, not listed)",
                  message=last.message, count=format(total - len(listed), ","))
    return [*listed[:-1], replace(last, message=message)]


def _shown(directory: Path, name: str) -> str:
    path = directory / name
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _load_one(directory: Path, name: str, model: Any, loaded: Loaded,
              given: bytes | None = None) -> Any:
    shown = _shown(directory, name)
    pf = PlanFile(shown)
    loaded.files[name] = pf
    data = _read(directory / name, shown) if given is None else given
    if isinstance(data, Problem):
        loaded.problems.append(data)
        return None
    text = decode(shown, data)
    if isinstance(text, Problem):
        loaded.problems.append(text)
        return None
    assert isinstance(text, SourceText)
    pf.text = text.text
    tree: Tree = compose(shown, text.text)
    pf.root = tree.root
    loaded.problems.extend(_capped([bounded(p) for p in tree.problems[:MAX_PROBLEMS]],
                                   len(tree.problems)))
    if tree.problems:
        return None
    if tree.root is None or _is_empty(tree.root):
        loaded.problems.append(
            Problem(
                "missing-field",
                Msg("{name} is empty (or holds only comments)", name=name),
                Location(shown, 1, 1),
                Msg("see docs/plan-format.md for what the file holds"),
            )
        )
        return None
    if not isinstance(tree.value, dict):
        mark = tree.root.start_mark
        loaded.problems.append(
            Problem(
                "invalid-value",
                Msg("top level of {name} must be a mapping (key: value lines), not a list",
                    name=name)
                if isinstance(tree.value, list)
                else Msg("top level of {name} must be a mapping (key: value lines), not plain "
                         "text", name=name),
                Location(shown, mark.line + 1, mark.column + 1),
                Msg("start the file with `schema_version: 1` and the top-level keys"),
            )
        )
        return None
    # lazy: only _load_one() needs it (+37 ms: pydantic)
    from pydantic import ValidationError

    # Validation makes as many objects as loading did: keep the cyclic GC paused for it too.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return model.model_validate(tree.value)
    except ValidationError as exc:
        # lazy: only _load_one() needs it (+78 ms: pydantic)
        from suizhou_plan.load.schema_errors import problems_from

        listed = problems_from(exc, model, tree.root, shown, limit=MAX_PROBLEMS)
        loaded.problems.extend(_capped(listed, exc.error_count()))
        return None
    finally:
        resume_gc(gc_was_enabled)


def read_plan_file(directory: Path, name: str) -> bytes | Problem:
    """The bytes of one plan file, as the loader reads it (size cap, no FIFO, no device)."""
    return _read(directory / name, _shown(directory, name))


def load_plan(directory: Path, given: dict[str, bytes] | None = None) -> Loaded:
    """Load the plan in `directory`.  `given` holds the bytes of files already read (a writer
    validates the text it is about to write without copying anything to disk)."""
    # lazy: only load_plan() needs it (+265 ms: pydantic)
    from suizhou_plan.model.agency import AgenciesFile
    from suizhou_plan.model.plan import TasksFile

    given = given or {}
    loaded = Loaded(directory)
    loaded.agencies = _load_one(directory, AGENCIES, AgenciesFile, loaded, given.get(AGENCIES))
    loaded.tasks = _load_one(directory, TASKS, TasksFile, loaded, given.get(TASKS))
    return loaded


def load_agencies_file(path: Path) -> Loaded:
    """One `agencies.yaml` on its own (any file name), as `suizhou import --agencies` reads
    a registry to share: `agencies` is None when it cannot be used, and the problems say why."""
    # lazy: only load_agencies_file() needs it (+111 ms: pydantic)
    from suizhou_plan.model.agency import AgenciesFile

    loaded = Loaded(path.parent)
    loaded.agencies = _load_one(path.parent, path.name, AgenciesFile, loaded)
    return loaded
