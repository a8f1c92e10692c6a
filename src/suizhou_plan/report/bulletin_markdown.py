"""The bulletin (進展情況通報) in Markdown, shaped like an official 通報: title and date,
opening sentence, 一、總體情況 … 六、下一步工作要求, and the issuing office with the date.

Leader-facing: no file paths, line numbers, rule codes or severities; figures as 「8項」,
dates as 「2024年1月15日」, phases as 「第一階段」.  Every word comes from the catalogue, and
the whole page is put in the output's script, plan text included."""

from __future__ import annotations

from collections.abc import Iterable

from suizhou_plan.board import Row
from suizhou_plan.bulletin import Bulletin, Reported
from suizhou_plan.escapes import markdown_text
from suizhou_plan.i18n import heading_number, in_script, long_date, phase_name, sub_number, t, tn
from suizhou_plan.index import Item

KINDS = ("task", "safeguard", "target", "milestone")


def _count(lang: str, n: int) -> str:
    return tn(lang, "{n} item", "{n} items", n)


def _kinds(lang: str, by_kind: dict[str, int]) -> str:
    names = {
        "task": lambda n: tn(lang, "{n} task", "{n} tasks", n),
        "safeguard": lambda n: tn(lang, "{n} safeguard measure", "{n} safeguard measures", n),
        "target": lambda n: tn(lang, "{n} target", "{n} targets", n),
        "milestone": lambda n: tn(lang, "{n} milestone", "{n} milestones", n),
    }
    return t(lang, ", ").join(names[k](by_kind[k]) for k in KINDS if by_kind.get(k))


def _item(item: Item) -> str:
    return f"{item.id} {item.title}"


def _table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def overall(b: Bulletin, lang: str) -> str:
    """The overall picture in sentences: the bulletin's 一、總體情況, and the first thing
    `suizhou check` prints."""
    return _overall(b, lang)[0]


def _overall(b: Bulletin, lang: str) -> list[str]:
    tally = b.tally
    out = [t(lang, "The plan has {total} to supervise: {kinds}.",
             total=_count(lang, tally.total), kinds=_kinds(lang, tally.by_kind)),
           t(lang, "As of {date}, {done} are done, {in_progress} are in progress, {overdue} "
                   "are overdue and {unknown} have no progress reported; {due_soon} fall due "
                   "within the next {window} days.",
             date=long_date(lang, b.as_of), done=_count(lang, tally.done),
             in_progress=_count(lang, tally.in_progress), overdue=_count(lang, tally.overdue),
             unknown=_count(lang, tally.unknown), due_soon=_count(lang, tally.due_soon),
             window=b.window)]
    if tally.not_started_phase:
        phases = t(lang, ", ").join(phase_name(lang, n) for n in b.pending_phases)
        out.append(t(lang, "{count} of phases that have not begun ({phases}) are counted here "
                           "but not listed.",
                     count=_count(lang, tally.not_started_phase), phases=phases))
    return [" ".join(out) if lang == "en" else "".join(out), ""]


def _latest(row: Row, lang: str) -> tuple[str, str]:
    latest = row.item.latest
    if latest is None:
        return "", ""
    return (f"{long_date(lang, latest.date)} {latest.note or ''}".strip(),
            latest.problems or "")


def _overdue(b: Bulletin, lang: str) -> list[str]:
    if not b.overdue_by_unit:
        return [t(lang, "No item is overdue."), ""]
    out: list[str] = []
    head = [t(lang, "Item"), t(lang, "Deadline"), t(lang, "Overdue by"),
            t(lang, "Latest progress"), t(lang, "Problems")]
    for n, (unit, rows) in enumerate(b.overdue_by_unit, 1):
        name = unit.name if unit is not None else t(lang, "No lead unit")
        heading = t(lang, "{unit} ({count})", unit=name, count=_count(lang, len(rows)))
        out += [f"### {sub_number(lang, n)}{markdown_text(heading)}", ""]
        out += _table(head, ([_item(r.item), long_date(lang, r.item.due),
                              t(lang, "{days} days", days=(b.as_of - r.item.due).days),
                              *_latest(r, lang)] for r in rows))
    return out


def _due_soon(b: Bulletin, lang: str) -> list[str]:
    if not b.due_soon:
        return [t(lang, "No item falls due within the next {window} days.", window=b.window),
                ""]
    head = [t(lang, "Item"), t(lang, "Lead unit"), t(lang, "Deadline"), t(lang, "Days left")]
    return _table(head, ([_item(r.item), r.item.lead.name if r.item.lead else "—",
                          long_date(lang, r.item.due),
                          t(lang, "{days} days", days=b.days_left(r))] for r in b.due_soon))


def _units(b: Bulletin, lang: str) -> list[str]:
    if not b.units:
        return [t(lang, "No unit holds an item in this selection."), ""]
    head = [t(lang, "Responsible unit"), t(lang, "Items held"), t(lang, "Leads"),
            t(lang, "Done"), t(lang, "Overdue"), t(lang, "On-time rate")]
    return _table(head, ([r.unit.name, str(r.held), str(r.lead), str(r.done), str(r.overdue),
                          f"{r.on_time_rate:.0%}" if r.on_time_rate is not None else "—"]
                         for r in b.units))


def _reported(lang: str, entries: list[Reported], none: str) -> list[str]:
    if not entries:
        return [none, ""]
    return [f"- {markdown_text(e.unit or '—')}（{markdown_text(_item(e.item))}，"
            f"{long_date(lang, e.on)}）：{markdown_text(e.text)}" if lang != "en" else
            f"- {markdown_text(e.unit or '—')} ({markdown_text(_item(e.item))}, "
            f"{long_date(lang, e.on)}): {markdown_text(e.text)}" for e in entries] + [""]


def _requirements(b: Bulletin, lang: str) -> list[str]:
    asks: list[str] = []
    if b.tally.overdue:
        asks.append(t(lang, "The lead units of the {count} overdue are to put them right and "
                            "report their progress by {date}.",
                      count=_count(lang, b.tally.overdue), date=long_date(lang, b.rectify_by)))
    for row in b.due_soon:
        asks.append(t(lang, "{unit} is to complete {item} by {date}.",
                      unit=row.item.lead.name if row.item.lead else "—",
                      item=_item(row.item), date=long_date(lang, row.item.due)))
    if b.tally.unknown:
        asks.append(t(lang, "The units that have reported no progress on {count} are to "
                            "report it by {date}.",
                      count=_count(lang, b.tally.unknown), date=long_date(lang, b.rectify_by)))
    for step in b.next_steps:
        asks.append(t(lang, "{unit} plans for {item}: {text}", unit=step.unit or "—",
                      item=_item(step.item), text=step.text))
    if not asks:
        return [t(lang, "All units are to keep their items on schedule."), ""]
    return [f"{n}. {markdown_text(ask)}" for n, ask in enumerate(asks, 1)] + [""]


def render(b: Bulletin, lang: str) -> str:
    title = t(lang, "Bulletin on the progress of the {plan}", plan=b.title)
    out = [f"# {markdown_text(title)}",
           "", t(lang, "(as of {date})", date=long_date(lang, b.as_of)), "",
           markdown_text(t(lang, "The progress of the {plan} as of {date} is reported as "
                                 "follows.", plan=b.title, date=long_date(lang, b.as_of))), ""]
    sections = [
        (t(lang, "Overall situation"), _overall(b, lang)),
        (t(lang, "Overdue items"), _overdue(b, lang)),
        (t(lang, "Items falling due (reminders)"), _due_soon(b, lang)),
        (t(lang, "Record of the responsible units"), _units(b, lang)),
        (t(lang, "Problems reported"),
         _reported(lang, b.problems, t(lang, "The units reported no problems."))),
        (t(lang, "Requirements for the next stage"), _requirements(b, lang)),
    ]
    for n, (heading, body) in enumerate(sections, 1):
        out += [f"## {heading_number(lang, n)}{heading}", "", *body]
    number = t(lang, " ({number})", number=b.document_number) if b.document_number else ""
    recorded = (t(lang, "progress recorded up to {date}", date=long_date(lang, b.last_recorded))
                if b.last_recorded else t(lang, "no progress recorded yet"))
    out += [markdown_text(t(lang, "Source: {plan}{number}; {recorded}.", plan=b.title,
                            number=number, recorded=recorded)), ""]
    if b.issuer:
        out += [markdown_text(t(lang, "{group} Office", group=b.issuer)), ""]
    out += [long_date(lang, b.as_of), ""]
    return in_script(lang, "\n".join(out))
