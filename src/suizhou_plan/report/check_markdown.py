"""The meeting bulletin (進展情況通報) in Markdown, one table per phase:
任務 | 牽頭單位 | 時間節點 | 進展 | 存在問題 | 下一步 | 燈 — ready to paste into minutes."""

from __future__ import annotations

from suizhou_plan.board import Row
from suizhou_plan.escapes import markdown_code, markdown_text
from suizhou_plan.report.check_text import CheckView, phase_heading
from suizhou_plan.report.findings_text import summary_line
from suizhou_plan.report.labels import light_label, words


def _cell(text: str | None) -> str:
    return markdown_text(text or "")


def _row(row: Row, view: CheckView) -> str:
    item = row.item
    latest = item.latest
    late = row.days_late(view.as_of)
    due = item.due.isoformat() + (f" (+{late}{words(view.lang)['days']})" if late else "")
    progress = (f"{latest.date} {latest.note or latest.status}" if latest else "")
    cells = [
        f"{item.id} {item.title}",
        item.lead.name if item.lead else "—",
        due,
        progress,
        latest.problems if latest else "",
        latest.next if latest else "",
        light_label(row.light, view.lang),
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render(view: CheckView) -> str:
    w = words(view.lang)
    out = [f"# {markdown_text(view.title)} {w['bulletin']}", "",
           f"{w['as_of']} {view.as_of} · {w['plan']}: `{markdown_code(view.plan_label)}`", ""]
    head = [w["task"], w["lead"], w["deadline"], w["progress"], w["problems"], w["next"],
            w["light"]]
    for board in view.boards:
        out += [f"## {phase_heading(board, view, markdown_text)}", ""]
        if not board.rows:
            out += [f"_{w['none']}_", ""]
            continue
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        out += [_row(r, view) for r in board.rows]
        out.append("")
    out += [f"## {w['plan_wide']}", ""]
    if not view.plan_wide:
        out.append(f"_{w['none']}_")
    for f in view.plan_wide:
        out.append(f"- `{markdown_code(str(f.location))}` **{f.rule}** ({f.code}, "
                   f"{f.severity.value}): {_cell(f.message)}")
    out += ["", f"**{w['summary']}**: " + summary_line(view.counts(), w), ""]
    return "\n".join(out)
