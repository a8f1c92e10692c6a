"""The ledger cannot lose or fake an entry: concurrent writers, writers that ignore the lock,
every ledger style, symlinks, the read-only bundled plan, who may report, status order and
pasted text."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml
from conftest import PLAN, edit
from ledger_oracle import ledger

from suizhou_plan.load.ledger import Entry
from suizhou_plan.load.plan_dir import bundled_plan
from suizhou_plan.ops import progress_add, progress_edit

T17_UNITS = "    units: [市政數局, 市大數據中心, 隨州高新投公司, 市政府有關部門, 各縣、市、區人民政府]\n"


def suizhou(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed command in a real process, as a unit's clerk runs it."""
    base = {k: v for k, v in os.environ.items() if k not in ("SUIZHOU_PLAN", "LC_ALL")}
    base["LANG"] = "C.UTF-8"
    return subprocess.run([sys.executable, "-m", "suizhou_plan", *args], cwd=cwd,
                          env={**base, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout)


def add_args(plan: Path, item: str, *, note: str, by: str = "市政數局",
             status: str = "in-progress", when: str = "2023-06-30") -> list[str]:
    return ["progress", "add", item, "--plan", str(plan), "--status", status, "--date", when,
            "--by", by, "--note", note, "--as-of", "2024-01-15"]


def tree_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(str(path.relative_to(directory)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


# -- many writers at once ----------------------------------------------------------------

MILESTONES = [f"P{p}-M{m}" for p, n in ((1, 8), (2, 3), (3, 6)) for m in range(1, n + 1)]


def test_thirty_concurrent_adds_keep_every_entry_exactly_once(plan_copy):
    """20 units report on 20 different items and 10 reports land on one item, all at once."""
    jobs = [add_args(plan_copy, item, note=f"報告-{item}") for item in
            [*MILESTONES[:17], "T01", "T02", "T03"]]
    jobs += [add_args(plan_copy, "T13", note=f"第{n}次報告") for n in range(10)]
    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(lambda args: suizhou(*args), jobs))
    assert [r.returncode for r in results] == [0] * 30, [r.stderr for r in results if r.returncode]
    for item in [*MILESTONES[:17], "T01", "T02", "T03"]:
        assert [e["note"] for e in ledger(plan_copy, item)] == [f"報告-{item}"]
    # each exactly once, in the order the adds took the lock
    notes = [e["note"] for e in ledger(plan_copy, "T13")]
    assert sorted(notes) == sorted(f"第{n}次報告" for n in range(10))
    valid = suizhou("validate", "--plan", str(plan_copy))
    assert valid.returncode == 0, valid.stdout + valid.stderr


def _decide(plan: Path, verb: str, item: str, *extra: str, when: str) -> list[str]:
    return ["progress", verb, item, "--plan", str(plan), "--date", when, "--as-of",
            "2024-01-15", *extra]


def test_thirty_concurrent_writers_with_decisions_and_late_reports_lose_nothing(plan_copy):
    """Thirty commands at once: the office closes three items and returns two, the lead of
    T13 sends ten reports and its three county members six, in no order of their dates,
    four leads apply for more time, and three late reports are dated before entries already
    in their ledgers.  Every entry is written exactly once, each ledger is in date order,
    and each item stands where the office's decisions put it."""
    from suizhou_plan.load import load_plan
    from suizhou_plan.views.index import build_index

    index = build_index(load_plan(plan_copy))
    lead = {i: index.by_id[i].lead.name for i in ("P1-M1", "P1-M2", "P1-M3", "P1-M6",
                                                  "P1-M7", "P1-M4", "P1-M5", "P1-M8",
                                                  "T01", "T02", "T03", "T14")}
    for ms in ("P1-M1", "P1-M2", "P1-M3", "P1-M6", "P1-M7", "P1-M4", "P1-M5", "P1-M8"):
        done = suizhou(*add_args(plan_copy, ms, note="完成", status="reported-done",
                                 by=lead[ms], when="2023-11-01"), "--evidence", "驗收報告")
        assert done.returncode == 0, done.stderr
    jobs = [_decide(plan_copy, "close", ms, "--opinion", "同意銷號", "--evidence", f"意見{ms}",
                    when="2023-12-05") for ms in ("P1-M1", "P1-M3", "P1-M6")]
    jobs += [_decide(plan_copy, "return", ms, "--reason", "佐證不全", when="2023-12-06")
             for ms in ("P1-M2", "P1-M7")]
    days = [17, 3, 29, 11, 5, 23, 1, 19, 7, 13]  # T13's lead: ten reports, dates shuffled
    jobs += [add_args(plan_copy, "T13", note=f"牽頭{d:02d}", when=f"2023-10-{d:02d}")
             for d in days]
    jobs += [add_args(plan_copy, "T13", note=f"{county}{d:02d}", by=county,
                      when=f"2023-10-{d:02d}")
             for county, pair in (("隨縣", (20, 2)), ("廣水市", (9, 30)), ("曾都區", (15, 4)))
             for d in pair]
    jobs += [_decide(plan_copy, "apply", i, "--by", lead[i], "--until", "2026-03-31",
                     "--reason", "資金未到位", "--note", "已完成方案", when="2023-12-20")
             for i in ("T01", "T02", "T03", "T14")]
    jobs += [add_args(plan_copy, ms, note=f"補報{ms}", by=lead[ms], when="2023-09-15")
             for ms in ("P1-M4", "P1-M5", "P1-M8")]
    helper = next(a.name for a in index.by_id["P1-M4"].resolved if a.name != lead["P1-M4"])
    jobs += [add_args(plan_copy, "P1-M4", note=f"配合{d}", by=helper, when=f"2023-12-{d}")
             for d in (10, 12)]  # a supporting unit's 推進中 leaves the lead's 辦結 alone
    assert len(jobs) == 30
    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(lambda args: suizhou(*args), jobs))
    assert [r.returncode for r in results] == [0] * 30, [r.stderr for r in results if r.returncode]

    t13 = ledger(plan_copy, "T13")
    assert sorted(e["note"] for e in t13) == sorted(
        [f"牽頭{d:02d}" for d in days] + ["隨縣20", "隨縣02", "廣水市09", "廣水市30",
                                          "曾都區15", "曾都區04"])
    assert [e["date"] for e in t13] == sorted(e["date"] for e in t13)
    for ms in ("P1-M5", "P1-M8"):  # the late report stands before the 辦結
        assert [(e["date"], e["status"]) for e in ledger(plan_copy, ms)] == [
            (date(2023, 9, 15), "in-progress"), (date(2023, 11, 1), "reported-done")]
    assert [(e["date"], e["by"]) for e in ledger(plan_copy, "P1-M4")] == [
        (date(2023, 9, 15), lead["P1-M4"]), (date(2023, 11, 1), lead["P1-M4"]),
        (date(2023, 12, 10), helper), (date(2023, 12, 12), helper)]
    after = build_index(load_plan(plan_copy))
    assert {ms: after.by_id[ms].status for ms in ("P1-M1", "P1-M3", "P1-M6", "P1-M2",
                                                  "P1-M7", "P1-M4")} == {
        "P1-M1": "verified", "P1-M3": "verified", "P1-M6": "verified",
        "P1-M2": "in-progress", "P1-M7": "in-progress", "P1-M4": "reported-done"}
    # the lead's latest report speaks for T13, not a county's later one
    assert after.by_id["T13"].latest.note == "牽頭29"
    assert [len(after.by_id[i].record.pending) for i in ("T01", "T02", "T03", "T14")] == [1] * 4
    valid = suizhou("validate", "--plan", str(plan_copy))
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_a_held_lock_makes_a_writer_wait_then_give_up_with_a_message(plan_copy):
    from filelock import FileLock

    before = (plan_copy / "tasks.yaml").read_bytes()
    with FileLock(plan_copy / ".suizhou.lock"):
        result = suizhou(*add_args(plan_copy, "T01", note="x"), "--wait", "0.3")
    assert result.returncode == 1
    assert "another suizhou command is writing to" in result.stderr
    assert "waited 0.3 s" in result.stderr
    assert result.stderr.rstrip().endswith("not written: nothing was changed")
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_the_lock_of_a_killed_writer_does_not_block(plan_copy):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from filelock import FileLock; "
         f"FileLock({str(plan_copy / '.suizhou.lock')!r}).acquire(); "
         "print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    result = suizhou(*add_args(plan_copy, "T01", note="x"), "--wait", "5")
    assert result.returncode == 0, result.stderr
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["x"]


# -- writers that ignore the lock -------------------------------------------------------

def _around_each_read(monkeypatch, around):
    """Run `around(make)` for each fresh read-and-prepare that `progress_edit.rewrite` (the
    one way tasks.yaml is rewritten) makes under its lock."""
    real = progress_edit.rewrite

    def rewrite(plan, wait, make):
        return real(plan, wait, lambda: around(make))

    monkeypatch.setattr(progress_edit, "rewrite", rewrite)


def test_a_file_saved_by_another_program_in_between_is_read_again(plan_copy, monkeypatch):
    """Another program replaces tasks.yaml after the add has read it: the add notices, reads
    again, and both the program's edit and the entry are in the file."""
    tasks = plan_copy / "tasks.yaml"
    calls = []

    def prepare_then_other_program_saves(make):
        out = make()
        calls.append(1)
        if len(calls) == 1:  # another editor saves (write a temp file, rename) right now
            other = tasks.with_name("tasks.yaml.other")
            other.write_text(tasks.read_text(encoding="utf-8").replace(
                "title: 城市中臺開放構建", "title: 城市中臺開放構建（二期）"), encoding="utf-8")
            os.replace(other, tasks)
        return out

    _around_each_read(monkeypatch, prepare_then_other_program_saves)
    added = progress_add.append_progress(plan_copy, "T01", Entry(
        date(2023, 6, 30), "in-progress", "市政數局", "機房主體完工"), date(2024, 1, 15))
    assert len(calls) == 2
    assert added.written == tasks
    text = tasks.read_text(encoding="utf-8")
    assert "title: 城市中臺開放構建（二期）" in text
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["機房主體完工"]


def test_a_file_that_keeps_changing_is_refused_not_overwritten(plan_copy, monkeypatch):
    tasks = plan_copy / "tasks.yaml"
    saves = []

    def prepare_then_save(make):
        out = make()
        saves.append(len(saves))
        tasks.write_bytes(tasks.read_bytes() + f"# save {len(saves)}\n".encode())
        return out

    _around_each_read(monkeypatch, prepare_then_save)
    with pytest.raises(progress_edit.Refused) as refused:
        progress_add.append_progress(plan_copy, "T01", Entry(
            date(2023, 6, 30), "in-progress", "市政數局", "x"), date(2024, 1, 15))
    assert "kept changing while the entry was being written" in str(refused.value)
    assert len(saves) == progress_edit.ATTEMPTS
    assert tasks.read_text(encoding="utf-8").endswith("# save 5\n")
    assert ledger(plan_copy, "T01") == []


def test_an_add_during_a_slow_in_place_save_waits_for_it(plan_copy):
    """An editor rewrites tasks.yaml in place, slowly: the add must not read (and write back)
    the half-saved file.  It waits until the editor has closed the file."""
    tasks = plan_copy / "tasks.yaml"
    full = tasks.read_text(encoding="utf-8").replace(
        "name: 數字社會協調機制", "name: 數字社會建設協調機制").encode()
    half = len(full) // 2
    ready = plan_copy.parent / "ready"
    editor = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        f"data = open({str(plan_copy.parent / 'full')!r}, 'rb').read()\n"
        f"with open({str(tasks)!r}, 'r+b') as f:\n"
        "    f.truncate(0)\n"
        f"    f.write(data[:{half}]); f.flush()\n"
        f"    open({str(ready)!r}, 'w').close()\n"
        "    time.sleep(1.5)\n"
        f"    f.write(data[{half}:])\n")])
    (plan_copy.parent / "full").write_bytes(full)
    try:
        deadline = time.monotonic() + 20
        while not ready.exists():
            assert time.monotonic() < deadline, "the editor did not start"
            time.sleep(0.01)
        result = suizhou(*add_args(plan_copy, "T01", note="機房主體完工"))
    finally:
        editor.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    text = tasks.read_text(encoding="utf-8")
    assert "name: 數字社會建設協調機制" in text  # the editor's whole save survives
    assert len(yaml.safe_load(text)["governance"]["mechanisms"]) == 3
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["機房主體完工"]


# -- every ledger style is extended, never replaced --------------------------------------

BLOCK_WITH_COMMENTS = """\
    progress:
      # first report
      - {date: 2023-01-10, status: blocked, by: 市政數局, note: 等待資金}
      # second report, by phone
      - date: 2023-02-10
        status: in-progress
        note: |
          資金到位
          已開工
"""


@pytest.mark.parametrize(("ledger_text", "before"), [
    ("    progress: [{date: 2023-01-10, status: blocked, by: 市政數局, note: 等待資金}]\n", 1),
    ("    progress: [\n      {date: 2023-01-10, status: blocked},\n      {date: 2023-02-10, "
     "status: in-progress, note: '資金到位, 已開工'},\n    ]\n", 2),
    (BLOCK_WITH_COMMENTS, 2),
    ("    progress: []\n", 0),
    ("    progress: ~\n", 0),
    ("    progress: null\n", 0),
    ("    progress:\n", 0),
    ("", 0),
], ids=["flow", "flow-multiline", "block-comments", "empty-list", "tilde", "null", "empty",
        "missing"])
def test_every_ledger_style_is_extended_with_every_entry_intact(run_cli, plan_copy,
                                                                ledger_text, before):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, T17_UNITS, T17_UNITS + ledger_text)
    old = tasks.read_text(encoding="utf-8")
    old_entries = ledger(plan_copy, "T17")
    assert len(old_entries) == before
    result = run_cli(*add_args(plan_copy, "T17", note="平台上线, 迁移50%", by="市大数据中心",
                               when="2023-03-10"))
    assert result.exit_code == 0, result.output
    new = tasks.read_text(encoding="utf-8")
    entries = ledger(plan_copy, "T17")
    assert entries[:-1] == old_entries
    assert entries[-1] == {"date": date(2023, 3, 10), "status": "in-progress",
                           "by": "市大數據中心", "note": "平台上线, 迁移50%",
                           "received": date(2024, 1, 15)}
    if before:  # earlier entries survive byte for byte: text was only inserted
        ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        assert {op for op, *_ in ops} == {"equal", "insert"}
    # nothing outside T17's ledger moved
    rest_old = old.split("  - id: T18")[1]
    assert new.split("  - id: T18")[1] == rest_old


def test_a_flow_ledger_gets_one_more_flow_mapping(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    flow = "    progress: [{date: 2023-01-10, status: blocked, by: 市政數局, note: 等待資金}]\n"
    edit(tasks, T17_UNITS, T17_UNITS + flow)
    result = run_cli(*add_args(plan_copy, "T17", note="資金到位", when="2023-03-10"))
    assert result.exit_code == 0, result.output
    assert ("    progress: [{date: 2023-01-10, status: blocked, by: 市政數局, note: 等待資金}, "
            "{date: 2023-03-10, status: in-progress, by: 市政數局, note: 資金到位, "
            "received: 2024-01-15}]\n"
            ) in tasks.read_text(encoding="utf-8")


def test_writing_through_a_symlink_updates_its_target_and_keeps_the_link(run_cli, tmp_path):
    real = tmp_path / "shared"
    real.mkdir()
    (real / "tasks.yaml").write_bytes((PLAN / "tasks.yaml").read_bytes())
    plan = tmp_path / "workspace"
    plan.mkdir()
    (plan / "tasks.yaml").symlink_to(real / "tasks.yaml")
    (plan / "agencies.yaml").write_bytes((PLAN / "agencies.yaml").read_bytes())
    result = run_cli(*add_args(plan, "T01", note="機房主體完工"))
    assert result.exit_code == 0, result.output
    assert (plan / "tasks.yaml").is_symlink()
    assert os.readlink(plan / "tasks.yaml") == str(real / "tasks.yaml")
    assert [e["note"] for e in ledger(real, "T01")] == ["機房主體完工"]
    # no temporary file left; the lock sits beside the file itself, so that workspaces
    # linking the same tasks.yaml wait for each other
    assert sorted(p.name for p in real.iterdir()) == [".suizhou.lock", "tasks.yaml"]


def test_only_the_plan_files_are_read(plan_copy, monkeypatch):
    """A 2 GB backup lying in the plan directory is neither copied nor read."""
    backup = plan_copy / "backup-2023.tar"
    with backup.open("wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    opened: list[str] = []
    real_open = os.open

    def recording_open(path, *args, **kwargs):
        opened.append(Path(path).name)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    progress_add.append_progress(plan_copy, "T01", Entry(
        date(2023, 6, 30), "in-progress", "市政數局", "x"), date(2024, 1, 15))
    assert "backup-2023.tar" not in opened
    assert {name for name in opened if not name.startswith(".tasks.yaml.")} <= {
        "tasks.yaml", "agencies.yaml", ".suizhou.lock", plan_copy.name}


# -- the bundled plan is read-only; init starts a workspace ------------------------------

def test_a_writer_never_falls_back_to_the_bundled_plan(tmp_path):
    bundled = bundled_plan()
    before = tree_hash(bundled)
    args = add_args(bundled, "T01", note="x")
    result = suizhou(*args[:3], *args[5:], cwd=tmp_path)  # no --plan, no ./plan
    assert result.returncode == 2
    assert "the plan bundled with suizhou is read-only" in result.stderr
    assert "`suizhou init` copies it into ./plan" in result.stderr
    assert tree_hash(bundled) == before


def test_a_writer_refuses_the_installed_copy_even_when_named(tmp_path, monkeypatch):
    from suizhou_plan.load import plan_dir
    packaged = tmp_path / "site-packages" / "suizhou_plan"
    (packaged / "bundled" / "plan").mkdir(parents=True)
    monkeypatch.setattr(plan_dir, "__file__", str(packaged / "load" / "plan_dir.py"))
    assert plan_dir.is_bundled(packaged / "bundled" / "plan")
    assert not plan_dir.is_bundled(tmp_path)


def test_init_then_add_works_and_init_never_overwrites(tmp_path):
    first = suizhou("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == (
        "Copied the plan into plan/ (tasks.yaml, agencies.yaml, .gitignore).")
    assert "  suizhou progress add ITEM --status in-progress" in first.stdout
    plan = tmp_path / "plan"
    assert (plan / "tasks.yaml").read_bytes() == (bundled_plan() / "tasks.yaml").read_bytes()
    assert (plan / ".gitignore").read_text() == ".suizhou.lock\n.*.tmp\n.suizhou.key\n"
    added = suizhou("progress", "add", "T01", "--status", "in-progress", "--date",
                    "2023-06-30", "--by", "隨州高新區管委會", "--note", "機房主體完工",
                    "--as-of", "2024-01-15", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "T01: added in-progress of 2023-06-30 by 隨州高新區管委會 to plan/tasks.yaml\n"
    before = tree_hash(plan)
    again = suizhou("init", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == ("suizhou init: plan already holds a plan (tasks.yaml, "
                            "agencies.yaml); nothing was copied. Use it as it is, or name "
                            "another directory\n")
    assert tree_hash(plan) == before


def test_init_from_another_plan_and_from_nowhere(tmp_path):
    copied = suizhou("init", "mine", "--from", str(PLAN), cwd=tmp_path)
    assert copied.returncode == 0, copied.stderr
    assert "  suizhou check --plan mine " in copied.stdout
    missing = suizhou("init", "other", "--from", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert "--from nowhere: no such directory" in missing.stderr
    assert not (tmp_path / "other").exists()


# -- who may report ---------------------------------------------------------------------

def test_a_unit_without_a_duty_on_the_item_is_refused(run_cli, plan_copy):
    before = (plan_copy / "tasks.yaml").read_bytes()
    result = run_cli(*add_args(plan_copy, "P2-M1", note="test", by="市教育局"))
    assert result.exit_code == 2
    assert ("Error: 市教育局 holds no duty on P2-M1 and cannot report its progress; --by takes "
            "one of: 市政數局、隨州市數據局、市大數據中心、隨縣人民政府、廣水市人民政府、曾都區人民政府"
            ) in result.stderr
    assert (plan_copy / "tasks.yaml").read_bytes() == before


@pytest.mark.parametrize(("by", "written"), [
    ("曾都区人民政府", "曾都區人民政府"),     # a member of 各縣、市、區人民政府, in simplified script
    ("隨州市數據局", "隨州市數據局"),         # the successor of 市政數局
    ("市政数局", "市政數局"),                 # the unit itself
])
def test_holders_members_and_successors_may_report(run_cli, plan_copy, by, written):
    result = run_cli(*add_args(plan_copy, "P2-M1", note="推進中", by=by))
    assert result.exit_code == 0, result.output
    assert ledger(plan_copy, "P2-M1")[-1]["by"] == written


def test_the_leading_group_office_may_report_on_any_item(run_cli, plan_copy):
    result = run_cli(*add_args(plan_copy, "T08", note="督辦", by="市政數局"))
    assert result.exit_code == 0, result.output


# -- status order -----------------------------------------------------------------------

def test_only_the_office_closes_and_only_what_the_lead_reported_done(run_cli, plan_copy):
    """P1-M5's lead is 市政數局, which is also the leading group's office; 市大數據中心 holds
    P1-M4 and P1-M5 with it.  A unit's own 銷號 is refused; the office's 銷號 of an item nobody
    reported done is refused; after the lead's 辦結 the office closes it on evidence."""
    before = (plan_copy / "tasks.yaml").read_bytes()
    own = run_cli(*add_args(plan_copy, "P1-M4", note="自行銷號", status="verified",
                            by="市大數據中心"), "--evidence", "無")
    assert own.exit_code == 1
    assert own.stderr == (
        "P1-M4: milestone P1-M4 「實施神農云二期建設」: 「市大數據中心」 closed (verified) the "
        "item itself on 2023-06-30; only the office closes an item after reviewing the lead's "
        "report [verified-by-unit]\n"
        "  hint: it is read as the unit's report of done; 市政數局 reviews it and closes or "
        "returns the item\n"
        "not written: nothing was changed\n")
    bare = run_cli(*add_args(plan_copy, "P1-M4", note="驗收", status="verified"))
    assert bare.exit_code == 1
    assert bare.stderr == (
        "P1-M4: milestone P1-M4 「實施神農云二期建設」: verified on 2023-06-30 with no "
        "`reported-done` entry before it and no evidence [verified-without-report]\n"
        "  hint: record the unit's `reported-done` first, or give the verification's evidence\n"
        "P1-M4: milestone P1-M4 「實施神農云二期建設」: verified on 2023-06-30, but the item "
        "stood at unknown: nobody had reported it done [nothing-to-decide]\n"
        "  hint: the lead reports done (reported-done) first; the office then closes or "
        "returns it\n"
        "P1-M4: milestone P1-M4 「實施神農云二期建設」: verified entry of 2023-06-30 has no "
        "evidence [done-without-evidence]\n"
        "  hint: add `evidence:` (document number, URL or file reference)\n"
        "not written: nothing was changed\n")
    assert (plan_copy / "tasks.yaml").read_bytes() == before
    assert run_cli(*add_args(plan_copy, "P1-M5", note="完成", status="reported-done",
                             when="2023-06-01"), "--evidence", "驗收報告").exit_code == 0
    closed = run_cli(*add_args(plan_copy, "P1-M5", note="驗收", status="verified"),
                     "--evidence", "驗收意見〔2023〕3號")
    assert closed.exit_code == 0, closed.output


def test_the_same_entry_twice_is_refused_and_a_late_one_takes_its_place(run_cli, plan_copy):
    assert run_cli(*add_args(plan_copy, "T01", note="機房主體完工")).exit_code == 0
    before = (plan_copy / "tasks.yaml").read_bytes()
    again = run_cli(*add_args(plan_copy, "T01", note="機房主體完工"))
    assert again.exit_code == 1
    assert again.stderr == (
        "T01: the entry of 2023-06-30 (in-progress) is in the ledger already, word for word "
        "[duplicate-progress]\n  hint: remove the copy, or record what changed since\n"
        "not written: nothing was changed\n")
    assert (plan_copy / "tasks.yaml").read_bytes() == before
    earlier = run_cli(*add_args(plan_copy, "T01", note="補錄", when="2023-05-31"))
    assert earlier.exit_code == 0, earlier.output
    assert [(e["date"], e["note"]) for e in ledger(plan_copy, "T01")] == [
        (date(2023, 5, 31), "補錄"), (date(2023, 6, 30), "機房主體完工")]
    same_day = run_cli(*add_args(plan_copy, "T01", note="機房驗收", status="reported-done"))
    assert same_day.exit_code == 0, same_day.output
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["補錄", "機房主體完工", "機房驗收"]


def test_a_status_going_back_carries_its_note(run_cli, plan_copy):
    assert run_cli(*add_args(plan_copy, "T01", note="完成", status="reported-done")).exit_code == 0
    back = run_cli(*add_args(plan_copy, "T01", note="驗收未通過，重新整改", when="2023-07-30"))
    assert back.exit_code == 0, back.output
    assert ledger(plan_copy, "T01")[-1]["note"] == "驗收未通過，重新整改"
    check = run_cli("check", "--plan", str(plan_copy), "--as-of", "2024-01-15",
                    "--select", "status-regression", "--format", "json")
    assert json.loads(check.stdout)["findings"] == []


HAND_EDITED = """\
    progress:
      - {date: 2023-03-10, status: in-progress, by: 市教育局, note: test}
      - {date: 2023-03-10, status: in-progress, by: 市教育局, note: test}
      - {date: 2023-02-10, status: verified, by: 市政數局}
      - {date: 2023-04-10, status: in-progress}
"""


def test_the_same_rules_run_in_check_over_a_hand_edited_ledger(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, T17_UNITS, T17_UNITS + HAND_EDITED)
    first = tasks.read_text(encoding="utf-8").splitlines().index(
        "      - {date: 2023-03-10, status: in-progress, by: 市教育局, note: test}") + 1
    result = run_cli("check", "--plan", str(plan_copy), "--as-of", "2024-01-15", "--format",
                     "json", "--select", "reporter-not-responsible,verified-without-report,"
                     "progress-out-of-order,duplicate-progress,status-regression")
    found = [(f["rule"], f["code"], f["severity"], f["line"], f["column"])
             for f in json.loads(result.stdout)["findings"]]
    assert sorted(found, key=lambda f: (f[3], f[1])) == [
        ("reporter-not-responsible", "SZ506", "error", first, 9),
        ("reporter-not-responsible", "SZ506", "error", first + 1, 9),
        ("duplicate-progress", "SZ509", "warning", first + 1, 9),
        ("verified-without-report", "SZ507", "error", first + 2, 9),
        ("progress-out-of-order", "SZ508", "warning", first + 2, 9),
        ("status-regression", "SZ504", "warning", first + 3, 9),
    ]
    assert result.exit_code == 1


# -- pasted text ------------------------------------------------------------------------

def test_a_pasted_cell_with_tabs_and_line_breaks_is_kept(run_cli, plan_copy):
    result = run_cli(*add_args(plan_copy, "T01", note="機房\t主體完工\r\n設備進場\r\n"),
                     "--problems", "資金\t未到位")
    assert result.exit_code == 0, result.output
    entry = ledger(plan_copy, "T01")[-1]
    assert entry["note"] == "機房\t主體完工\n設備進場"
    assert entry["problems"] == "資金\t未到位"
    assert '        note: "機房\\t主體完工\\n設備進場"\n' in (plan_copy / "tasks.yaml").read_text(
        encoding="utf-8")


def test_a_lone_surrogate_is_a_usage_error_naming_it(plan_copy):
    """Bytes that are not UTF-8 on the command line arrive as lone surrogates."""
    before = (plan_copy / "tasks.yaml").read_bytes()
    args = [os.fsencode(a) for a in add_args(plan_copy, "T01", note="x")]
    args[args.index(b"x")] = b"\xe6\xa9\x9f\xff"  # 機 and a stray byte
    base = {k: v for k, v in os.environ.items() if k != "LC_ALL"}
    result = subprocess.run([os.fsencode(sys.executable), b"-m", b"suizhou_plan", *args],
                            env={**base, "LANG": "C.UTF-8"}, capture_output=True, timeout=60)
    assert result.returncode == 2
    assert ("--note holds U+DCFF (a lone surrogate, half of a character lost in copying) at "
            "character 2, which cannot be stored in the plan") in result.stderr.decode()
    assert (plan_copy / "tasks.yaml").read_bytes() == before


def test_a_control_character_is_a_usage_error(run_cli, plan_copy):
    result = run_cli(*add_args(plan_copy, "T01", note="ok\x1b[31m"))
    assert result.exit_code == 2
    assert "--note holds U+001B (a control character) at character 3" in result.stderr



# -- what an adversarial tester found (each pinned) --------------------------------------

def test_a_save_landing_while_the_new_file_is_flushed_is_not_overwritten(plan_copy,
                                                                          monkeypatch):
    """Another program saves between the content check and the rename: the check runs
    again right before the rename, so the save survives and the add reads afresh."""
    tasks = plan_copy / "tasks.yaml"
    real_fsync = os.fsync
    saves = []

    def fsync_then_other_program_saves(fd):
        real_fsync(fd)
        if not saves:
            saves.append(1)
            other = tasks.with_name("other.tmp")
            other.write_text(tasks.read_text(encoding="utf-8").replace(
                "title: 城市中臺開放構建", "title: 城市中臺開放構建（二期）"), encoding="utf-8")
            os.replace(other, tasks)

    monkeypatch.setattr(os, "fsync", fsync_then_other_program_saves)
    progress_add.append_progress(plan_copy, "T01", Entry(
        date(2023, 6, 30), "in-progress", "市政數局", "機房主體完工"), date(2024, 1, 15))
    assert "title: 城市中臺開放構建（二期）" in tasks.read_text(encoding="utf-8")
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["機房主體完工"]


def test_workspaces_linking_one_tasks_file_share_its_lock(tmp_path):
    from filelock import FileLock

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "tasks.yaml").write_bytes((PLAN / "tasks.yaml").read_bytes())
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "tasks.yaml").symlink_to(shared / "tasks.yaml")
        (tmp_path / name / "agencies.yaml").write_bytes((PLAN / "agencies.yaml").read_bytes())
    with FileLock(shared / ".suizhou.lock"):  # a writer working through workspace a
        result = suizhou(*add_args(tmp_path / "b", "T01", note="x"), "--wait", "0.3")
    assert result.returncode == 1
    assert "another suizhou command is writing to" in result.stderr


def test_a_file_caught_half_saved_is_read_again_not_refused(plan_copy, monkeypatch):
    """The first read finds a broken file (an editor is mid-save); by the time the add
    looks again the file has changed, so it reads again instead of blaming the plan."""
    tasks = plan_copy / "tasks.yaml"
    saved = tasks.read_text(encoding="utf-8").replace(
        "title: 城市中臺開放構建", "title: 城市中臺開放構建（二期）").encode()  # the editor's save
    calls = []

    def half_then_whole(make):
        calls.append(1)
        if len(calls) == 1:
            tasks.write_bytes(saved[: len(saved) // 2])
            try:
                return make()
            finally:
                tasks.write_bytes(saved)  # the editor finishes its save
        return make()

    _around_each_read(monkeypatch, half_then_whole)
    progress_add.append_progress(plan_copy, "T01", Entry(
        date(2023, 6, 30), "in-progress", "市政數局", "x"), date(2024, 1, 15))
    assert len(calls) == 2
    assert [e["note"] for e in ledger(plan_copy, "T01")] == ["x"]
    assert "title: 城市中臺開放構建（二期）" in tasks.read_text(encoding="utf-8")


@pytest.mark.parametrize("note", ["...", "... 待補充", "=", "<<", "0x_", "- 進展", "@所有人"])
def test_notes_that_yaml_would_read_otherwise_are_kept(run_cli, plan_copy, note):
    result = run_cli(*add_args(plan_copy, "T01", note=note))
    assert result.exit_code == 0, result.output
    assert ledger(plan_copy, "T01")[-1]["note"] == note


def test_a_disk_that_refuses_the_write_is_a_plain_refusal(run_cli, plan_copy, monkeypatch):
    import errno

    before = (plan_copy / "tasks.yaml").read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run_cli(*add_args(plan_copy, "T01", note="x"))
    assert result.exit_code == 1
    assert "cannot write " in result.stderr and "No space left on device" in result.stderr
    assert (plan_copy / "tasks.yaml").read_bytes() == before
    assert not list(plan_copy.glob(".tasks.yaml.*.tmp"))


def test_a_blank_optional_cell_is_no_value(run_cli, plan_copy):
    result = run_cli(*add_args(plan_copy, "T01", note="x"), "--problems", " ", "--next", "\r\n")
    assert result.exit_code == 0, result.output
    assert ledger(plan_copy, "T01")[-1] == {"date": date(2023, 6, 30), "status": "in-progress",
                                            "by": "市政數局", "note": "x",
                                            "received": date(2024, 1, 15)}


LAST_ITEM = "  - id: S5\n"


@pytest.mark.parametrize("shape", ["no-final-newline", "wide-dash", "dash-alone"])
def test_block_ledgers_of_every_spacing_are_extended(run_cli, plan_copy, shape):
    tasks = plan_copy / "tasks.yaml"
    entry = {"no-final-newline": "    progress:\n      - {date: 2023-01-10, status: blocked}",
             "wide-dash": "    progress:\n      -   date: 2023-01-10\n          status: blocked\n",
             "dash-alone": "    progress:\n      -\n        date: 2023-01-10\n        status: blocked\n",
             }[shape]
    text = tasks.read_text(encoding="utf-8")
    head, tail = text.split(T17_UNITS)
    tasks.write_text(head + T17_UNITS + entry + ("" if shape == "no-final-newline" else tail),
                     encoding="utf-8")
    if shape == "no-final-newline":  # T17 the last thing in a file with no final line break
        valid = run_cli("validate", "--plan", str(plan_copy))
        if valid.exit_code != 0:  # items after T17 are needed by the plan: keep them
            tasks.write_text(head + T17_UNITS + entry.rstrip("\n") + "\n" + tail.rstrip("\n"),
                             encoding="utf-8")
    old = ledger(plan_copy, "T17")
    result = run_cli(*add_args(plan_copy, "T17", note="資金到位", when="2023-03-10"))
    assert result.exit_code == 0, result.output
    assert ledger(plan_copy, "T17")[:-1] == old
    assert ledger(plan_copy, "T17")[-1]["note"] == "資金到位"


def test_an_entry_dated_before_a_later_one_above_is_refused(run_cli, plan_copy):
    tasks = plan_copy / "tasks.yaml"
    edit(tasks, T17_UNITS, T17_UNITS + "    progress:\n      - {date: 2023-03-10, status: "
         "blocked}\n      - {date: 2023-01-10, status: in-progress}\n")
    result = run_cli(*add_args(plan_copy, "T17", note="補錄", when="2023-02-01"))
    assert result.exit_code == 1
    assert "entry of 2023-02-01 comes after the entry of 2023-03-10" in result.stderr


def test_a_collective_and_a_date_before_the_plan_are_usage_errors(run_cli, plan_copy):
    collective = run_cli(*add_args(plan_copy, "T04", note="x", by="各縣、市、區人民政府"))
    assert collective.exit_code == 2
    assert "各縣、市、區人民政府 stands for several units and reports through them" in (
        collective.stderr)
    old = run_cli(*add_args(plan_copy, "T01", note="x", when="0201-01-10"))
    assert old.exit_code == 2
    assert "--date 0201-01-10 is before the plan was issued (2021-11-12)" in old.stderr


@pytest.mark.parametrize(("typed", "stored"), [
    ("推进中", "in-progress"), ("推進中", "in-progress"), ("In progress", "in-progress"),
    ("受阻", "blocked"), ("in-progress", "in-progress")])
def test_a_status_may_be_typed_in_the_clerks_words(run_cli, plan_copy, typed, stored):
    result = run_cli(*add_args(plan_copy, "T04", note="已开工", status=typed))
    assert result.exit_code == 0, result.output
    assert ledger(plan_copy, "T04")[-1]["status"] == stored


def test_a_status_nobody_uses_is_still_a_usage_error(run_cli, plan_copy):
    result = run_cli(*add_args(plan_copy, "T04", note="已开工", status="差不多"))
    assert result.exit_code == 2
    assert "'差不多' is not one of 'not-started', 'in-progress'" in result.stderr
