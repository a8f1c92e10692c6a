"""The result cache of `suizhou check`: a repeated check of an unchanged plan prints what the
last one printed, without parsing or validating anything, as ruff and mypy do.

An entry is keyed by everything the output depends on: the bytes of both plan files, the
program (its version, and the sizes and times of its files, so that an edited checkout is
another program), the Python that runs it, the working directory (findings name files
relative to it), the plan directory, the locale and every option, with "today" resolved.
It lives in the user's cache directory (platformdirs; `$SUIZHOU_CACHE_DIR` overrides it) and
holds data, never code: JSON with the key, the exit code, the text printed and a SHA-256 of
all of them.  An entry that is unreadable, not JSON, of another shape, for another key, or
whose checksum does not match is not used: the check runs and the entry is written again.
Writing is best-effort and atomic (a temporary file renamed into place); a cache that cannot
be written never fails a check.

One entry per slot (the same command in the same place, whatever the day or the plan's
contents), so the directory does not grow day by day."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from suizhou_plan import __version__

FORMAT = 1  # of an entry; a change of layout or meaning bumps it
FILES = ("tasks.yaml", "agencies.yaml")
MAX_BYTES = 64 * 1024 * 1024  # files larger than this are not hashed: the check reads them
PACKAGE = Path(__file__).resolve().parents[1]  # the whole package, not only ops/


def program_files(directory: Path | None = None) -> list[int]:
    """How many files the program has (code, catalogues, the bundled plan), their total size
    and the latest change among them: a source checkout edited since the last check is not
    the program that stored the entry.  A few hundred `stat` calls, under a millisecond."""
    count = size = latest = 0
    stack = [directory or PACKAGE]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(Path(entry.path))
                    continue
                info = entry.stat()
                count, size = count + 1, size + info.st_size
                latest = max(latest, info.st_mtime_ns)
    return [count, size, latest]


def cache_dir() -> Path:
    """Where entries live: `$SUIZHOU_CACHE_DIR`, else the user's cache directory."""
    chosen = os.environ.get("SUIZHOU_CACHE_DIR")
    if chosen:
        return Path(chosen)
    # lazy: platformdirs only where $SUIZHOU_CACHE_DIR does not say where
    import platformdirs

    return Path(platformdirs.user_cache_dir("suizhou", appauthor=False)) / "check"


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str


def _digest(parts: Sequence[object]) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def _file_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file of reasonable size, else None (the check says why)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError:
        return None


@dataclass(frozen=True)
class Entry:
    """The cache entry of one check: its file and the key its contents must carry."""

    path: Path
    key: str

    def read(self) -> Result | None:
        """The stored result, if it is whole and for this key; else None."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        key, code = data.get("key"), data.get("exit_code")
        out, err = data.get("stdout"), data.get("stderr")
        if (key != self.key or not isinstance(code, int) or isinstance(code, bool)
                or not isinstance(out, str) or not isinstance(err, str)):
            return None
        if data.get("sha256") != _digest([FORMAT, key, code, out, err]):
            return None
        return Result(code, out, err)

    def write(self, result: Result) -> None:
        """Store `result`, replacing whatever is there; silently nothing when it cannot."""
        parts = [FORMAT, self.key, result.exit_code, result.stdout, result.stderr]
        data = {"format": FORMAT, "key": self.key, "exit_code": result.exit_code,
                "stdout": result.stdout, "stderr": result.stderr, "sha256": _digest(parts)}
        # lazy: the writers' module (tempfile, shutil): a check answered from here needs none
        from suizhou_plan.base.output_files import write_atomic

        with suppress(OSError):
            write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def entry_for(plan: Path, day: object, options: Sequence[object],
              directory: Path | None = None) -> Entry | None:
    """The entry of a check of `plan` on `day` ("today" resolved) with `options` (every other
    option, as plain values), or None when a plan file cannot be hashed (missing, not a
    regular file, too large): the check itself then says what is wrong."""
    contents = [_file_bytes(plan / name) for name in FILES]
    if any(data is None for data in contents):
        return None
    where = [__version__, sys.version, sys.executable, os.getcwd(), str(plan.absolute()),
             [str(option) for option in options]]
    slot = _digest(where)
    try:
        program = program_files()
    except OSError:
        return None
    key = _digest([*where, str(day), program,
                   *(hashlib.sha256(data or b"").hexdigest() for data in contents)])
    return Entry((directory or cache_dir()) / f"{slot}.json", key)


class _Recorder:
    """A text stream that passes everything on and keeps a copy."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def recording(entry: Entry) -> Iterator[None]:
    """Run a check, passing its output through, and store it when the check ends with exit
    0 or 1 (`sys.exit`); a usage error or a crash stores nothing."""
    out, err = _Recorder(sys.stdout), _Recorder(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        yield
    except SystemExit as done:
        if done.code in (0, 1):
            assert isinstance(done.code, int)
            entry.write(Result(done.code, "".join(out.parts), "".join(err.parts)))
        raise
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
