"""`suizhou import DOC --out PLAN --update`: a revised document (one task added, one reworded,
one removed) brought into a plan the office corrected by hand (a unit renamed in
agencies.yaml, an id changed, a lead set, a progress entry recorded with `progress add`):
ids, corrections and the ledger kept byte for byte, the changes listed; the refusals that say
what to type; --dry-run; no base; both sides changed; a plan changed while it was imported."""

from __future__ import annotations

from pathlib import Path

import import_corpus_shapes as shapes
import pytest
from import_helpers import invoke, validation_errors

from suizhou_plan.load import load_plan

V1 = shapes.FIVE_G
V2 = (V1
      .replace("5.推广“5G+智慧医疗”。在三级医院开展5G远程会诊、远程急救试点。",
               "5.推广“5G+智慧医疗”。在二级以上医院全面开展5G远程会诊、远程急救和远程查房，"
               "2023年底前完成。")
      .replace("6.建设“5G+智慧教育”。推动5G在课堂教学、校园安全管理中的应用。牵头单位：市教育局\n", "")
      .replace("7.拓展“5G+智慧交通”", "6.拓展“5G+智慧交通”")
      .replace("牵头单位：市交通运输局 配合单位：市公安局交警支队\n",
               "牵头单位：市交通运输局 配合单位：市公安局交警支队\n"
               "7.发展“5G+智慧文旅”。在重点景区开展5G+VR直播，打造沉浸式体验场景。"
               "牵头单位：市文化和旅游局 配合单位：市发展改革委\n"))


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _corrected_plan(tmp_path: Path) -> Path:
    """The first version imported, then corrected by the office and reported on."""
    (tmp_path / "v1.txt").write_text(V1, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(V2, encoding="utf-8")
    plan = tmp_path / "plan"
    assert invoke("import", str(tmp_path / "v1.txt"), "--out", str(plan))[0] == 0
    _edit(plan / "agencies.yaml", ("    name: 市发展改革委\n", "    name: 市发展和改革委员会\n"))
    _edit(plan / "tasks.yaml",
          ("    units: [市发展改革委, 国网某市供电公司]\n    lead: 市发展改革委\n",
           "    units: [市发展和改革委员会, 国网某市供电公司]\n    lead: 市发展和改革委员会\n"),
          ("  - id: T2\n", "  - id: NET-02\n"),
          ("    units: [市经信局, 市科技局]\n    lead: 市经信局\n",
           "    units: [市经信局, 市科技局]\n    lead: 市科技局  # 2022年5月专题会议商定\n"))
    code, out, err = invoke("progress", "add", "T1", "--plan", str(plan), "--status",
                            "in-progress", "--date", "2022-06-01", "--by", "市自然资源和规划局",
                            "--note", "专项规划已报批")
    assert code == 0, out + err
    assert validation_errors(plan) == []
    return plan


def _replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _snapshot(plan: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(plan.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def test_a_revised_document_keeps_ids_corrections_and_ledger(tmp_path):
    plan = _corrected_plan(tmp_path)
    tasks_before = (plan / "tasks.yaml").read_text(encoding="utf-8")
    agencies_before = (plan / "agencies.yaml").read_text(encoding="utf-8")
    code, out, err = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan),
                            "--update", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines()[-9:] == [
        "  T5-2023 「在二级以上医院全面开展5G远程会诊、远程急救和远程查房，2023年底前完成。」: added",
        "  T8 「发展“5G+智慧文旅”」: added",
        "  T5 full text: 「推广“5G+智慧医疗”。在三级医院开展5G远程会诊、远程急救试点。牵头单位："
        "市卫生健康委 配合单位：市医保局」 → 「推广“5G+智慧医疗”。在二级以上医院全面开展5G远程会诊、"
        "远程急救和远程查房，2023年底前完成。牵头单位：市卫生健康委 配合单位：市医保局」",
        "  numbers as in the document (1): T7 7→6",
        "  T4 lead unit: 「市科技局」 kept (the document: 「市经信局」)",
        "  T6 「建设“5G+智慧教育”」: removed from the plan",
        "  「市发展改革委」 written as 「市发展和改革委员会」, the name the office gave the unit in "
        "agencies.yaml",
        "  u18 「市文化和旅游局」: a new unit, added to agencies.yaml",
        f"updated {plan}/ — new: 2, changed by the document: 2, corrections kept: 1, to decide: "
        "0, gone: 1; ids kept: 8, ledger entries kept: 1"]
    tasks_after = (plan / "tasks.yaml").read_text(encoding="utf-8")
    # Only the lines of what changed: every other line, the ledger entry included, as it was.
    expected = _replaced(
        tasks_before,
        ("    text: 推广“5G+智慧医疗”。在三级医院开展5G远程会诊、远程急救试点。牵头单位：市卫生健康委 "
         "配合单位：市医保局\n    units: [市卫生健康委, 市医保局]\n    lead: 市卫生健康委\n",
         "    text: 推广“5G+智慧医疗”。在二级以上医院全面开展5G远程会诊、远程急救和远程查房，"
         "2023年底前完成。牵头单位：市卫生健康委 配合单位：市医保局\n"
         "    units: [市卫生健康委, 市医保局]\n    lead: 市卫生健康委\n"
         "    targets:\n      - id: T5-2023\n"
         "        text: 在二级以上医院全面开展5G远程会诊、远程急救和远程查房，2023年底前完成。\n"
         "        due_text: \"2023年底前\"\n        due: 2023-12-31\n"),
        ("  # DOC line 19 · 二、 （二） 6.\n  - id: T6\n    number: 6\n    kind: task\n"
         "    section: 推进5G融合应用\n    title: 建设“5G+智慧教育”\n"
         "    text: 建设“5G+智慧教育”。推动5G在课堂教学、校园安全管理中的应用。牵头单位：市教育局\n"
         "    units: [市教育局]\n    lead: 市教育局\n"
         "  # DOC line 20 · 二、 （二） 7.\n  - id: T7\n    number: 7\n",
         "  # DOC line 19 · 二、 （二） 6.\n  - id: T7\n    number: 6\n"),
        ("        due: 2023-06-30\n  # DOC line 22",
         "        due: 2023-06-30\n"
         "  # DOC line 20 · 二、 （二） 7.\n  - id: T8\n    number: 7\n    kind: task\n"
         "    section: 推进5G融合应用\n    title: 发展“5G+智慧文旅”\n"
         "    text: 发展“5G+智慧文旅”。在重点景区开展5G+VR直播，打造沉浸式体验场景。"
         "牵头单位：市文化和旅游局 配合单位：市发展改革委\n"
         "    units: [市文化和旅游局, 市发展和改革委员会]\n    lead: 市文化和旅游局\n"
         "  # DOC line 22"))
    assert tasks_after == expected
    # The office's agencies.yaml is kept byte for byte; the new unit is appended.
    agencies_after = (plan / "agencies.yaml").read_text(encoding="utf-8")
    assert agencies_after == agencies_before + (
        "  # DOC line 20\n  - id: u18\n    name: 市文化和旅游局\n    kind: municipal-department\n")
    loaded = load_plan(plan)
    assert [t.id for t in loaded.tasks.tasks] == [
        "T1", "NET-02", "T3", "T4", "T5", "T7", "T8", "S1", "S2"]
    t1 = next(t for t in loaded.tasks.tasks if t.id == "T1")
    assert [(e.date.isoformat(), e.status, e.by, e.note) for e in t1.progress] == [
        ("2022-06-01", "in-progress", "市自然资源和规划局", "专项规划已报批")]
    assert "    lead: 市科技局  # 2022年5月专题会议商定\n" in tasks_after
    assert validation_errors(plan) == []
    report = (plan / "import-report.md").read_text(encoding="utf-8")
    assert "\n## What the update changed\n\nItems of the document that matched the plan's and " \
        "kept their ids: 8; ledger entries kept as they were: 1.\n\n### New in the document " \
        "(2)\n\n" in report
    assert "\n### NET-02 开放公共资源\n" in report and "\n### T8 发展“5G+智慧文旅”\n" in report
    assert "\n### T6 " not in report


def test_the_same_document_again_changes_nothing(tmp_path):
    plan = _corrected_plan(tmp_path)
    assert invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update")[0] == 0
    before = _snapshot(plan)
    code, out, _ = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                          "--lang", "en")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "  T4 lead unit: 「市科技局」 kept (the document: 「市经信局」)",
        f"updated {plan}/ — new: 0, changed by the document: 0, corrections kept: 1, to decide: "
        "0, gone: 0; ids kept: 9, ledger entries kept: 1"]
    after = _snapshot(plan)
    assert {n: after[n] == before[n] for n in before} == {
        "agencies.yaml": True, "import-base.json": True, "import-report.md": False,
        "tasks.yaml": True}


def test_a_removed_item_with_a_ledger_is_kept_and_said(tmp_path):
    plan = _corrected_plan(tmp_path)
    code, out, err = invoke("progress", "add", "T6", "--plan", str(plan), "--status",
                            "in-progress", "--date", "2022-07-01", "--by", "市教育局", "--note",
                            "试点学校已确定")
    assert code == 0, out + err
    entry = "    progress:\n      - date: 2022-07-01\n"
    code, out, _ = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                          "--lang", "zh-Hans")
    assert code == 0
    assert "  T6「建设“5G+智慧教育”」：因有台账（1 条）而保留；如修订后已取消，请手工删除" in \
        out.splitlines()
    tasks = (plan / "tasks.yaml").read_text(encoding="utf-8")
    assert "  - id: T6\n" in tasks and entry in tasks
    report = (plan / "import-report.md").read_text(encoding="utf-8")
    assert "\n### 文件中已没有（1）\n\n- T6「建设“5G+智慧教育”」：因有台账（1 条）而保留；" \
        "如修订后已取消，请手工删除\n" in report


def test_both_sides_changed_keeps_the_office_and_asks(tmp_path):
    plan = _corrected_plan(tmp_path)
    _edit(plan / "tasks.yaml", ("    title: 推广“5G+智慧医疗”\n", "    title: 推广智慧医疗\n"))
    v3 = V2.replace("5.推广“5G+智慧医疗”。", "5.深化“5G+智慧医疗”应用。")
    (tmp_path / "v3.txt").write_text(v3, encoding="utf-8")
    code, out, _ = invoke("import", str(tmp_path / "v3.txt"), "--out", str(plan), "--update",
                          "--lang", "en")
    assert code == 0
    assert "  T5 title: 「推广智慧医疗」 kept; the document now says 「深化“5G+智慧医疗”应用」" in \
        out.splitlines()
    assert "    title: 推广智慧医疗\n" in (plan / "tasks.yaml").read_text(encoding="utf-8")
    report = (plan / "import-report.md").read_text(encoding="utf-8")
    assert "\n### To decide (1)\n\nChanged both in the plan and in the document: the plan's " \
        "value is kept; correct it in tasks.yaml if the document's is right.\n\n- T5 title: " \
        "「推广智慧医疗」 kept; the document now says 「深化“5G+智慧医疗”应用」\n" in report


def test_without_a_base_every_difference_is_kept_and_listed(tmp_path):
    plan = _corrected_plan(tmp_path)
    (plan / "import-base.json").unlink()
    tasks_before = (plan / "tasks.yaml").read_text(encoding="utf-8")
    code, out, _ = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                          "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert "  T4 lead unit: 「市科技局」 kept; the document now says 「市经信局」" in lines
    assert "  T6 「建设“5G+智慧教育”」: not found in the document, kept" in lines
    assert "  T8 「发展“5G+智慧文旅”」: added" in lines
    tasks = (plan / "tasks.yaml").read_text(encoding="utf-8")
    assert "推广“5G+智慧医疗”。在三级医院开展5G远程会诊" in tasks  # the plan's words kept
    assert tasks.count("\n  - id: ") == tasks_before.count("\n  - id: ") + 1  # T8
    report = (plan / "import-report.md").read_text(encoding="utf-8")
    assert "There was no import-base.json beside the plan" in report
    assert (plan / "import-base.json").is_file()  # the next update has one


def test_dry_run_writes_nothing(tmp_path):
    plan = _corrected_plan(tmp_path)
    before = _snapshot(plan)
    code, out, _ = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                          "--dry-run", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == (
        f"--dry-run: nothing was written; without it, {plan}/ is updated as above")
    assert _snapshot(plan) == before


def test_a_plan_in_out_is_never_overwritten_without_update(tmp_path):
    plan = _corrected_plan(tmp_path)
    before = _snapshot(plan)
    doc = tmp_path / "v2.txt"
    code, _, err = invoke("import", str(doc), "--out", str(plan), "--lang", "en")
    assert code == 2
    assert (f"{plan} already holds a plan; to bring the revised document into it, keeping its "
            "ids, the office's corrections and the ledger, type: suizhou import "
            f"{doc} --out {plan} --update (add --dry-run to see the changes first); or "
            "import into a new directory, e.g. --out plan-imported") in " ".join(err.split())
    assert _snapshot(plan) == before
    code, _, err = invoke("import", str(doc), "--out", str(tmp_path / "new"), "--update",
                          "--lang", "en")
    assert code == 2
    assert (f"--update brings a revised document into a plan, and {tmp_path / 'new'} holds "
            "none (no tasks.yaml); leave out --update to import into a new directory") in \
        " ".join(err.split())
    code, _, err = invoke("import", str(doc), "--out", str(plan), "--update", "--agencies",
                          str(plan / "agencies.yaml"), "--lang", "en")
    assert code == 2 and "--agencies cannot go with --update" in err


def test_a_plan_that_does_not_load_is_not_updated(tmp_path):
    plan = _corrected_plan(tmp_path)
    _edit(plan / "tasks.yaml", ("  - id: NET-02\n", "  - id: NET-02\n    number: [\n"))
    before = _snapshot(plan)
    code, out, err = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                            "--lang", "en")
    assert (code, out) == (1, "")
    assert err.startswith(f"suizhou import: the plan in {plan} does not load (")
    assert err.endswith("so it cannot be updated; fix it (`suizhou validate --plan "
                        f"{plan}` lists what to fix) and import again; nothing was changed\n")
    assert _snapshot(plan) == before


def test_a_plan_changed_while_the_document_was_read_is_not_written(tmp_path):
    from suizhou_plan.ops.plan_import import PlanUnusable, run_import, write_plan
    from suizhou_plan.render import import_report

    plan = _corrected_plan(tmp_path)
    result = run_import(tmp_path / "v2.txt", plan, update=True)
    _edit(plan / "tasks.yaml", ("        note: 专项规划已报批\n",
                                "        note: 专项规划已报批（市政府已批复）\n"))
    before = _snapshot(plan)
    with pytest.raises(PlanUnusable) as refused:
        write_plan(plan, result, import_report.render_markdown(result, "v2.txt", str(plan)))
    assert str(refused.value) == (
        f"{plan / 'tasks.yaml'} was changed by another program while the document was "
        "imported; nothing was written: import again")
    assert _snapshot(plan) == before


def test_an_update_that_would_lose_a_ledger_entry_is_refused(tmp_path):
    from suizhou_plan.ops.plan_import import PlanUnusable, _check_kept, _read_plan

    plan = _corrected_plan(tmp_path)
    ours = _read_plan(plan)
    files = dict(ours.texts)
    files["tasks.yaml"] = files["tasks.yaml"].replace("note: 专项规划已报批", "note: 已报批")
    with pytest.raises(PlanUnusable) as refused:
        _check_kept(ours, files, plan)
    assert str(refused.value) == (
        "internal error: the update would change the ledger of T1; nothing was changed")
    files = dict(ours.texts)
    files["agencies.yaml"] = files["agencies.yaml"].replace("市发展和改革委员会", "市发改委")
    with pytest.raises(PlanUnusable) as refused:
        _check_kept(ours, files, plan)
    assert str(refused.value) == (
        "internal error: the update would change the unit u09 in agencies.yaml; nothing was "
        "changed")


SOURCE = Path(__file__).resolve().parent.parent / "source" / "000_b1e91cb46fd45bc1.txt"
BUNDLED = Path(__file__).resolve().parent.parent / "plan"


def test_phases_and_milestones_follow_the_document_and_keep_their_ledger(tmp_path):
    v1 = SOURCE.read_text(encoding="utf-8")
    v2 = _replaced(
        v1, ("(二)第二階段(2023年12月—2024年11月底):主要任務是深化應用。開展區級電子政務外網改造,",
             "(二)第二階段(2023年12月—2024年12月底):主要任務是深化應用。開展區級電子政務外網改造,"
             "建成城市運行管理中心,"),
        ("(三)第三階段(2024年12月—2025年11月底)", "(三)第三階段(2025年1月—2025年11月底)"))
    (tmp_path / "v1.txt").write_text(v1, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(v2, encoding="utf-8")
    plan = tmp_path / "plan"
    assert invoke("import", str(tmp_path / "v1.txt"), "--out", str(plan))[0] == 0
    assert invoke("progress", "add", "P2-M1", "--plan", str(plan), "--status", "in-progress",
                  "--date", "2024-01-05", "--by", "市政數局", "--note", "已啟動")[0] == 0
    before = (plan / "tasks.yaml").read_text(encoding="utf-8")
    code, out, _ = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                          "--lang", "zh-Hant")
    assert code == 0
    assert out.splitlines()[-6:] == [
        "  P2-M4「建成城市運行管理中心」：已添加",
        "  P2 階段時間：「2023年12月—2024年11月底」→「2023年12月—2024年12月底」",
        "  P2 階段結束日：「2024-11-30」→「2024-12-31」",
        "  P3 階段時間：「2024年12月—2025年11月底」→「2025年1月—2025年11月底」",
        "  P3 階段開始：「2024-12-01」→「2025-01-01」",
        f"已更新 {plan}/——新增：1 處，文件修訂：4 處，保留修改：0 處，待決定：0 處，文件中已沒有：0 處；"
        "沿用編號：30 個，保留臺賬記錄：1 條"]
    assert (plan / "tasks.yaml").read_text(encoding="utf-8") == _replaced(
        before,
        ('    period: "2023年12月—2024年11月底"\n    start: 2023-12-01\n    end: 2024-11-30\n',
         '    period: "2023年12月—2024年12月底"\n    start: 2023-12-01\n    end: 2024-12-31\n'),
        ("        title: 深化“市區域醫療數字一體化平臺”和“社會大數據庫能力平臺”等行業應用\n"
         "        tasks: [T18]\n",
         "        title: 深化“市區域醫療數字一體化平臺”和“社會大數據庫能力平臺”等行業應用\n"
         "        tasks: [T18]\n      - id: P2-M4\n        title: 建成城市運行管理中心\n"
         "        tasks: [T01]\n"),
        ('    period: "2024年12月—2025年11月底"\n    start: 2024-12-01\n',
         '    period: "2025年1月—2025年11月底"\n    start: 2025-01-01\n'))
    assert validation_errors(plan) == []


def test_the_bundled_plan_curated_by_hand_loses_nothing_without_a_base(tmp_path):
    """The project's own plan, encoded and corrected by hand (repairs, renamed units,
    collectives, governance, milestone links), updated from the source document it came
    from: no base, so every difference is the office's: not a byte of either file changes,
    and each difference is listed to decide."""
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED, plan)
    before = _snapshot(plan)
    code, out, err = invoke("import", str(SOURCE), "--out", str(plan), "--update",
                            "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        f"updated {plan}/ — new: 0, changed by the document: 0, corrections kept: 0, to "
        "decide: 14, gone: 0; ids kept: 30, ledger entries kept: 0")
    after = _snapshot(plan)
    assert {n: after[n] for n in before} == before
    assert sorted(after) == ["agencies.yaml", "import-base.json", "import-report.md",
                             "tasks.yaml"]


def test_the_plans_own_errors_are_not_the_updates(tmp_path):
    """An error the office's plan already had (a unit not in agencies.yaml) is not reported
    as the update's; the update still happens."""
    plan = _corrected_plan(tmp_path)
    _edit(plan / "tasks.yaml", ("    units: [市财政局, 市经信局]\n",
                                "    units: [市财政局, 市经信局, 市新设局]\n"))
    assert len(validation_errors(plan)) == 1
    code, out, err = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update",
                            "--lang", "en")
    assert (code, err) == (0, "")
    assert "internal error" not in out
    assert "    units: [市财政局, 市经信局, 市新设局]\n" in (plan / "tasks.yaml").read_text(
        encoding="utf-8")
    assert len(validation_errors(plan)) == 1


def test_a_plan_saved_on_windows_stays_so(tmp_path):
    plan = _corrected_plan(tmp_path)
    for name in ("tasks.yaml", "agencies.yaml"):
        path = plan / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, _, err = invoke("import", str(tmp_path / "v2.txt"), "--out", str(plan), "--update")
    assert (code, err) == (0, "")
    for name in ("tasks.yaml", "agencies.yaml"):
        data = (plan / name).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n") > 50, name
    assert b"  - id: T8\r\n" in (plan / "tasks.yaml").read_bytes()
    assert validation_errors(plan) == []


def test_a_section_renamed_and_an_item_deleted_by_hand_stay_so(tmp_path):
    plan = _corrected_plan(tmp_path)
    tasks = plan / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8").replace("推进5G融合应用", "融合应用")
    start = text.index("  # DOC line 19 · 二、 （二） 6.\n")
    end = text.index("  # DOC line 20 · 二、 （二） 7.\n")
    tasks.write_text(text[:start] + text[end:], encoding="utf-8")  # T6 deleted by hand
    assert validation_errors(plan) == []
    (tmp_path / "v1b.txt").write_text(V1.replace(
        "牵头单位：市交通运输局 配合单位：市公安局交警支队\n",
        "牵头单位：市交通运输局 配合单位：市公安局交警支队\n"
        "8.发展“5G+智慧文旅”。在重点景区开展5G+VR直播。牵头单位：市文化和旅游局\n"),
        encoding="utf-8")
    code, out, _ = invoke("import", str(tmp_path / "v1b.txt"), "--out", str(plan), "--update",
                          "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert "  T6 「建设“5G+智慧教育”」: deleted from the plan by hand, still in the document: " \
        "not added again" in lines
    after = tasks.read_text(encoding="utf-8")
    assert "  - id: T6\n" not in after
    assert "  - id: T8\n    number: 8\n    kind: task\n    section: 融合应用\n" in after
    assert "推进5G融合应用" not in after
    assert validation_errors(plan) == []


@pytest.mark.parametrize(("first", "then"), [("district", "source"), ("source", "district")])
def test_a_document_of_another_shape_replaces_what_nobody_reported_on(tmp_path, first, then):
    """Phases, sections and milestones appear where the plan had none, and go (their list's
    key with them) where the document has none; a task with a ledger entry stays; the result
    validates, and importing the same document again changes nothing."""
    docs = {"district": shapes.district_flat(tmp_path), "source": SOURCE}
    plan = tmp_path / "plan"
    assert invoke("import", str(docs[first]), "--out", str(plan))[0] == 0
    first_task = load_plan(plan).tasks.tasks[0]
    assert invoke("progress", "add", first_task.id, "--plan", str(plan), "--status",
                  "in-progress", "--date", "2025-06-01", "--by", first_task.units[0],
                  "--note", "已启动", "--as-of", "2025-06-02")[0] == 0
    code, out, err = invoke("import", str(docs[then]), "--out", str(plan), "--update",
                            "--lang", "en")
    assert (code, err) == (0, ""), out
    loaded = load_plan(plan)
    assert loaded.ok
    kept = next(t for t in loaded.tasks.tasks if t.id == first_task.id)
    assert [e.note for e in kept.progress] == ["已启动"]
    assert [len(p.milestones) for p in loaded.tasks.phases] == (
        [8, 3, 6] if then == "source" else [])
    assert [e for e in validation_errors(plan) if not e.startswith("unassigned")] == []
    before = _snapshot(plan)
    assert invoke("import", str(docs[then]), "--out", str(plan), "--update")[0] == 0
    after = _snapshot(plan)
    assert (after["tasks.yaml"], after["agencies.yaml"]) == (
        before["tasks.yaml"], before["agencies.yaml"])


def test_a_fresh_import_with_dry_run_writes_nothing(tmp_path):
    (tmp_path / "v1.txt").write_text(V1, encoding="utf-8")
    code, out, _ = invoke("import", str(tmp_path / "v1.txt"), "--out", str(tmp_path / "plan"),
                          "--dry-run", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == f"2 findings to confirm; see {tmp_path / 'plan'}/import-report.md"
    assert not (tmp_path / "plan").exists()


def test_hostile_words_in_the_change_list_reach_the_report_as_text(tmp_path):
    plan = _corrected_plan(tmp_path)
    hostile = V1.replace("6.建设“5G+智慧教育”。", "6.建设<script>alert</script>[教育](http://x)。")
    (tmp_path / "v3.txt").write_text(hostile, encoding="utf-8")
    assert invoke("import", str(tmp_path / "v3.txt"), "--out", str(plan), "--update")[0] == 0
    report = (plan / "import-report.md").read_text(encoding="utf-8")
    assert "- T6 title: 「建设“5G+智慧教育”」 → 「建设&lt;script&gt;alert&lt;/script&gt;\\[教育\\]" \
        "(http://x)」\n" in report
    assert "<script>" not in report
