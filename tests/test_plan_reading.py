"""How the loader reads a plan file (`load/plan_loader.py`), in process: each way a file can
fail to be read is one problem, and every field of it is pinned (rule, message, where, and
the hint that tells the maintainer what to do).  `tests/adversarial/test_plan_directory.py`
runs the same cases through the command line; some of those run in a child process, which
a mutation run does not reach, so the reading itself is pinned here too.

Tests run as root, whom permissions do not stop: a refusal by the system is simulated at
`os.open` or `os.fstat`, as the system would raise it."""

from __future__ import annotations

import errno
import gc
import io
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from small_plan import SmallPlan

from suizhou_plan.base.finding import Location, Problem
from suizhou_plan.load import plan_loader, text
from suizhou_plan.load.plan_loader import (
    MAX_MESSAGE,
    PlanFile,
    bounded,
    load_agencies_file,
    load_plan,
    read_plan_file,
)

TASKS_HINT = "create tasks.yaml (see docs/plan-format.md) or point --plan at the right directory"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid small plan in tmp_path/plan, with tmp_path as the working directory, so that
    the file is shown as `plan/tasks.yaml`."""
    monkeypatch.chdir(tmp_path)
    return SmallPlan(tmp_path).write().dir


def only(problems: list[Problem]) -> tuple[str, str, Location, str]:
    [problem] = problems
    return problem.rule, str(problem.message), problem.location, str(problem.hint)


def refuse(monkeypatch: pytest.MonkeyPatch, name: str, target: Path, error: OSError) -> None:
    """`os.<name>` raises `error` for `target` (a path for open, a descriptor for fstat)."""
    real = getattr(os, name)

    def fake(first: Any, *args: Any, **kwargs: Any) -> Any:
        path = first if name == "open" else os.readlink(f"/proc/self/fd/{first}")
        if Path(path) == target:
            raise error
        return real(first, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


# --- missing, a directory, refused ------------------------------------------------------


def test_a_missing_file(plan: Path) -> None:
    (plan / "tasks.yaml").unlink()
    assert only(load_plan(plan).problems) == (
        "missing-file", "tasks.yaml is missing from the plan directory",
        Location("plan/tasks.yaml"), TASKS_HINT)


def test_a_symlink_to_nothing(plan: Path) -> None:
    (plan / "tasks.yaml").unlink()
    (plan / "tasks.yaml").symlink_to("nowhere.yaml")
    assert only(load_plan(plan).problems) == (
        "missing-file",
        "tasks.yaml is missing from the plan directory (it is a symlink to nothing)",
        Location("plan/tasks.yaml"), TASKS_HINT)


def test_read_plan_file_says_where_the_file_is(plan: Path) -> None:
    (plan / "agencies.yaml").unlink()
    problem = read_plan_file(plan, "agencies.yaml")
    assert isinstance(problem, Problem)
    assert (problem.rule, problem.location) == ("missing-file", Location("plan/agencies.yaml"))
    assert read_plan_file(plan, "tasks.yaml") == (plan / "tasks.yaml").read_bytes()


DIRECTORY = ("unreadable-file", "tasks.yaml is a directory, not a file",
             Location("plan/tasks.yaml"), "replace the directory with the plan's tasks.yaml")


def test_a_directory_where_the_file_should_be(plan: Path) -> None:
    (plan / "tasks.yaml").unlink()
    (plan / "tasks.yaml").mkdir()
    assert only(load_plan(plan).problems) == DIRECTORY


def test_a_directory_refused_at_open(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where open(2) itself refuses a directory (EISDIR), the answer is the same."""
    (plan / "tasks.yaml").unlink()
    (plan / "tasks.yaml").mkdir()
    refuse(monkeypatch, "open", plan / "tasks.yaml",
           IsADirectoryError(errno.EISDIR, "Is a directory"))
    assert only(load_plan(plan).problems) == DIRECTORY


def test_a_directory_refused_as_permission(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to open a directory with EACCES: still "a directory", not "denied"."""
    (plan / "tasks.yaml").unlink()
    (plan / "tasks.yaml").mkdir()
    refuse(monkeypatch, "open", plan / "tasks.yaml",
           PermissionError(errno.EACCES, "Permission denied"))
    assert only(load_plan(plan).problems) == DIRECTORY


DENIED = ("unreadable-file", "tasks.yaml cannot be read (permission denied)",
          Location("plan/tasks.yaml"))


def test_a_file_refused_at_open(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse(monkeypatch, "open", plan / "tasks.yaml",
           PermissionError(errno.EACCES, "Permission denied"))
    assert only(load_plan(plan).problems) == (*DENIED, "check the file's permissions")


@pytest.mark.parametrize(("error", "why"), [
    (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    (OSError(errno.ELOOP, "Too many levels of symbolic links"), "a symlink loop"),
    (OSError(errno.EIO, "Input/output error"), "Input/output error"),
    (OSError(errno.EIO), "an OS error"),  # no words from the system
], ids=["EACCES", "ELOOP", "EIO", "no-strerror"])
def test_an_error_after_opening(plan: Path, monkeypatch: pytest.MonkeyPatch, error: OSError,
                                why: str) -> None:
    refuse(monkeypatch, "fstat", plan / "tasks.yaml", error)
    assert only(load_plan(plan).problems) == (
        "unreadable-file", f"tasks.yaml cannot be read ({why})", Location("plan/tasks.yaml"),
        "replace it with a regular file")


# --- not a regular file: never waits for a writer ----------------------------------------


def test_a_fifo_is_refused_in_process_without_waiting(plan: Path) -> None:
    """Opened without O_NONBLOCK, a FIFO would wait for a writer for ever: the read runs in a
    thread, and if it is still waiting after ten seconds the test writes to the FIFO to free
    it, and fails."""
    fifo = plan / "tasks.yaml"
    fifo.unlink()
    os.mkfifo(fifo)
    found: list[bytes | Problem] = []
    reader = threading.Thread(target=lambda: found.append(read_plan_file(plan, "tasks.yaml")))
    reader.start()
    reader.join(10)
    blocked = reader.is_alive()
    if blocked:
        with open(fifo, "wb") as writer:
            writer.write(b"x")
        reader.join(10)
    assert not blocked, "the loader waited for a writer on a FIFO"
    [problem] = found
    assert isinstance(problem, Problem)
    assert (problem.rule, str(problem.message), problem.location, str(problem.hint)) == (
        "unreadable-file", "tasks.yaml is not a regular file (a named pipe, socket or device)",
        Location("plan/tasks.yaml"), "replace it with the plan's tasks.yaml")


# --- size: a file whose size the system does not know is read only just past the cap -----


class Sized:
    """`os.fstat` with st_size 0 for `target`, as /proc files and growing files report."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
        real = os.fstat

        def fstat(fd: int) -> Any:
            info = real(fd)
            if Path(os.readlink(f"/proc/self/fd/{fd}")) == target:
                return os.stat_result((*info[:6], 0, *info[7:]))
            return info

        monkeypatch.setattr(os, "fstat", fstat)


def padded(plan: Path) -> int:
    """tasks.yaml made the larger file (a long comment at its end); its size."""
    with open(plan / "tasks.yaml", "a", encoding="utf-8") as tasks:
        tasks.write("# " + "x" * 4000 + "\n")
    return (plan / "tasks.yaml").stat().st_size


def too_large(size: int, limit: int) -> tuple[str, str, Location, str]:
    return ("file-too-large", f"file is {size:,} bytes, over the {limit:,}-byte limit",
            Location("plan/tasks.yaml"), "split the plan or check that the right file was given")


def test_a_file_over_the_cap_by_its_size(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = padded(plan)
    monkeypatch.setattr(text, "MAX_BYTES", size - 1)
    assert only(load_plan(plan).problems) == too_large(size, size - 1)


def test_a_file_exactly_at_the_cap_is_read_whole(plan: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    padded(plan)
    data = (plan / "tasks.yaml").read_bytes()
    monkeypatch.setattr(text, "MAX_BYTES", len(data))
    Sized(monkeypatch, plan / "tasks.yaml")
    assert read_plan_file(plan, "tasks.yaml") == data
    assert load_plan(plan).problems == []


def test_a_file_of_unknown_size_is_read_one_byte_past_the_cap(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count is what was read: the reading stops one byte past the cap."""
    size = padded(plan)
    monkeypatch.setattr(text, "MAX_BYTES", size - 10)
    Sized(monkeypatch, plan / "tasks.yaml")
    assert only(load_plan(plan).problems) == too_large(size - 9, size - 10)


class Trickle(io.RawIOBase):
    """A stream that gives at most `step` bytes a read, as a pipe does, and records what was
    asked for."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.asked = data, step, list[int]()

    def read(self, size: int = -1) -> bytes:
        self.asked.append(size)
        part = self.data[: min(self.step, len(self.data) if size < 0 else size)]
        self.data = self.data[len(part):]
        return part


def test_reading_at_most_gathers_short_reads_up_to_the_size() -> None:
    stream = Trickle(bytes(range(50)), step=3)
    assert plan_loader._read_at_most(stream, 10) == bytes(range(10))
    assert stream.asked == [10, 7, 4, 1]


def test_reading_at_most_stops_at_the_end() -> None:
    stream = Trickle(b"abcde", step=2)
    assert plan_loader._read_at_most(stream, 100) == b"abcde"
    assert stream.asked == [100, 98, 96, 95]


def test_reading_at_most_asks_for_a_megabyte_at_a_time() -> None:
    mib = 1024 * 1024
    stream = Trickle(b"a" * (3 * mib), step=10 * mib)
    assert plan_loader._read_at_most(stream, 2 * mib + 5) == b"a" * (2 * mib + 5)
    assert stream.asked == [mib, mib, 5]


# --- what the file holds at the top -----------------------------------------------------


@pytest.mark.parametrize(("content", "line", "message", "hint", "rule"), [
    ("# only a comment\n", 1, "tasks.yaml is empty (or holds only comments)",
     "see docs/plan-format.md for what the file holds", "missing-field"),
    ("\n\n- a\n- b\n", 3,
     "top level of tasks.yaml must be a mapping (key: value lines), not a list",
     "start the file with `schema_version: 1` and the top-level keys", "invalid-value"),
    ("\njust words\n", 2,
     "top level of tasks.yaml must be a mapping (key: value lines), not plain text",
     "start the file with `schema_version: 1` and the top-level keys", "invalid-value"),
], ids=["empty", "list", "text"])
def test_what_the_top_of_the_file_holds(plan: Path, content: str, line: int, message: str,
                                        hint: str, rule: str) -> None:
    (plan / "tasks.yaml").write_text(content, encoding="utf-8")
    assert only(load_plan(plan).problems) == (rule, message, Location("plan/tasks.yaml", line, 1),
                                              hint)


def test_bytes_given_are_checked_instead_of_the_files(plan: Path) -> None:
    """A writer validates the text it is about to write: `given` is used for each file."""
    assert load_plan(plan).problems == []
    for name in ("agencies.yaml", "tasks.yaml"):
        loaded = load_plan(plan, given={name: b"- a list\n"})
        assert [(p.rule, p.location) for p in loaded.problems] == [
            ("invalid-value", Location(f"plan/{name}", 1, 1))]


def test_one_registry_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan = SmallPlan(tmp_path).write().dir
    shared = plan / "shared-units.yaml"
    (plan / "agencies.yaml").rename(shared)
    loaded = load_agencies_file(shared)
    assert (loaded.directory, loaded.problems, loaded.tasks) == (plan, [], None)
    assert loaded.agencies is not None
    assert loaded.files["shared-units.yaml"].shown == "plan/shared-units.yaml"


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_found_it(plan: Path, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert load_plan(plan).ok
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# --- a line of the text, for quoting ----------------------------------------------------


class CountingText(str):
    splits = 0

    def splitlines(self, keepends: bool = False) -> list[str]:
        CountingText.splits += 1
        return super().splitlines(keepends)


def test_a_line_of_the_file() -> None:
    pf = PlanFile("x.yaml", "one\ntwo\nthree")
    assert [pf.line(n) for n in (-1, 0, 1, 2, 3, 4)] == ["", "", "one", "two", "three", ""]


def test_the_text_is_split_once_and_again_when_it_changes() -> None:
    CountingText.splits = 0
    pf = PlanFile("x.yaml", CountingText("one\ntwo"))
    assert (pf.line(1), pf.line(2), CountingText.splits) == ("one", "two", 1)
    pf.text = CountingText("new\nlines")
    assert (pf.line(1), CountingText.splits) == ("new", 2)


# --- messages short enough to print ------------------------------------------------------


def problem(message: str, hint: str = "h") -> Problem:
    return Problem("duplicate-key", message, Location("f.yaml", 1, 1), hint)


def test_a_message_at_the_limit_is_left_whole() -> None:
    at_limit = problem("m" * MAX_MESSAGE, "h" * MAX_MESSAGE)
    assert bounded(at_limit) is at_limit


@pytest.mark.parametrize("field", ["message", "hint"])
def test_a_message_or_hint_past_the_limit_is_cut(field: str) -> None:
    long = "x" * (MAX_MESSAGE + 1)
    given = problem(long, "short hint") if field == "message" else problem("short", long)
    cut = bounded(given)
    shorter = "x" * (MAX_MESSAGE - 40) + f"… ({MAX_MESSAGE + 1:,} characters)"
    assert (cut.message, cut.hint) == (
        (shorter, "short hint") if field == "message" else ("short", shorter))
    assert (cut.rule, cut.location) == (given.rule, given.location)


def test_a_hint_at_the_limit_stays_whole_beside_a_long_message() -> None:
    cut = bounded(problem("x" * (MAX_MESSAGE + 1), "h" * MAX_MESSAGE))
    assert (len(cut.message), cut.hint) == (MAX_MESSAGE - 40 + len("… (301 characters)"),
                                           "h" * MAX_MESSAGE)


def test_a_long_message_keeps_its_words_and_clips_what_it_quotes() -> None:
    """A catalogue message stays one, so it can still be translated: only the quoted text is
    clipped (to 60 characters and its length); words and numbers given to it stay whole."""
    from suizhou_plan.i18n import Msg

    inner = Msg("anchor `{name}`", name="a" * 10)
    message = Msg("{what} and `{key}` repeated {n} times", what=inner, key="k" * 400, n=3)
    cut = plan_loader._shorter(message)
    assert isinstance(cut, Msg)
    assert cut.msgid == message.msgid
    assert cut.args["what"] is inner
    assert cut.args["n"] == 3
    assert str(cut) == f"anchor `{'a' * 10}` and `{'k' * 60}… (400 characters)` repeated 3 times"


def test_a_message_that_clipping_brings_exactly_to_the_limit() -> None:
    from suizhou_plan.i18n import Msg

    clipped = "k" * 60 + "… (400 characters)"
    filler = "f" * (MAX_MESSAGE - len(clipped))
    message = Msg(filler + "{key}", key="k" * 400)
    cut = plan_loader._shorter(message)
    assert (isinstance(cut, Msg), str(cut)) == (True, filler + clipped)
    one_more = Msg(filler + "!{key}", key="k" * 400)
    assert str(plan_loader._shorter(one_more)) == (
        (filler + "!" + "k" * 400)[: MAX_MESSAGE - 40] + f"… ({len(filler) + 401:,} characters)")


def test_the_last_problem_listed_says_how_many_more() -> None:
    listed = [problem(f"problem {n}") for n in range(3)]
    capped = plan_loader._capped(listed, 1_203)
    assert capped[:2] == listed[:2]
    assert (capped[2].message, capped[2].location) == (
        "problem 2 (and 1,200 more problems in this file, not listed)", listed[2].location)
    assert plan_loader._capped(listed, 3) == listed
    assert plan_loader._capped([], 5) == []
