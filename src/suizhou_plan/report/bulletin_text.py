"""The words of the bulletin (進展情況通報), shaped like an official 通報: title and date,
opening sentence, 一、總體情況 … 六、下一步工作要求, and the issuing office with the date,
as medium-neutral blocks (paragraphs, headings, tables of typed cells) that the Markdown and
Word renderers lay out.  No medium words a sentence or counts anything of its own.

Leader-facing: no file paths, line numbers, rule codes or severities; figures as 「8項」,
dates as 「2024年1月15日」, phases as 「第一階段」.  Every word comes from the catalogue."""

from __future__ import annotations

from suizhou_plan.board import Row
from suizhou_plan.bulletin import Bulletin, Reported
from suizhou_plan.i18n import heading_number, long_date, phase_name, sub_number, t, tn, tp
from suizhou_plan.index import Item
from suizhou_plan.report.labels import status_label
from suizhou_plan.report.official_docx import Block, Cell

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


def _table(head: list[str], rows: list[list[Cell]], widths: list[float]) -> list[Block]:
    return [Block("table", header=head, rows=rows, widths=widths)]


def _para(text: str) -> list[Block]:
    return [Block("para", text)]


def overall(b: Bulletin, lang: str, *, lists_pending: bool = False) -> str:
    """The overall picture in sentences: the bulletin's 一、總體情況, and the first thing
    `suizhou check` prints (which lists the items of phases not begun: `lists_pending`)."""
    return _overall(b, lang, lists_pending)[0]


def _overall(b: Bulletin, lang: str, lists_pending: bool) -> list[str]:
    tally = b.tally
    ended = ([t(lang, "The plan's period ended on {date}.", date=long_date(lang, b.plan_end))]
             if b.plan_end is not None and b.plan_end < b.as_of else [])
    out = [*ended,t(lang, "In {scope} there are {total} to supervise: {kinds}.", scope=b.scope,
             total=_count(lang, tally.total), kinds=_kinds(lang, tally.by_kind)) if b.scope
           else t(lang, "The plan has {total} to supervise: {kinds}.",
                  total=_count(lang, tally.total), kinds=_kinds(lang, tally.by_kind)),
           t(lang, "As of {date}, {done} are done, {in_progress} are in progress, {overdue} "
                   "are overdue and {unknown} have no progress reported; {due_soon} fall due "
                   "within the next {window} days.",
             date=long_date(lang, b.as_of), done=_count(lang, tally.done),
             in_progress=_count(lang, tally.in_progress), overdue=_count(lang, tally.overdue),
             unknown=_count(lang, tally.unknown), due_soon=_count(lang, tally.due_soon),
             window=b.window)]
    if tally.not_started_phase and not lists_pending:
        phases = t(lang, ", ").join(phase_name(lang, n) for n in b.pending_phases)
        out.append(t(lang, "{count} of phases that have not begun ({phases}) are counted here "
                           "but not listed.",
                     count=_count(lang, tally.not_started_phase), phases=phases))
    return [" ".join(out) if lang == "en" else "".join(out)]


def _latest(row: Row, lang: str) -> list[Cell]:
    latest = row.item.latest
    if latest is None:
        return [Cell(""), Cell("")]
    said = latest.note or status_label(latest.status, lang)  # a hand-written entry may lack one
    return [Cell(f"{long_date(lang, latest.date)} {said}"), Cell(latest.problems or "")]


def _overdue(b: Bulletin, lang: str) -> list[Block]:
    if not b.overdue_by_unit:
        return _para(t(lang, "No item is overdue."))
    out: list[Block] = []
    head = [t(lang, "Item"), t(lang, "Deadline"), t(lang, "Overdue by"),
            t(lang, "Latest progress"), t(lang, "Problems")]
    for n, (unit, rows) in enumerate(b.overdue_by_unit, 1):
        name = unit.name if unit is not None else t(lang, "No lead unit")
        heading = t(lang, "{unit} ({count})", unit=name, count=_count(lang, len(rows)))
        out.append(Block("subheading", f"{sub_number(lang, n)}{heading}"))
        out += _table(head, [[Cell(_item(r.item)), Cell(long_date(lang, r.item.due), True),
                              Cell(t(lang, "{days} days", days=(b.as_of - r.item.due).days),
                                   True), *_latest(r, lang)] for r in rows],
                      [0.34, 0.17, 0.11, 0.22, 0.16])
    return out


def _due_soon(b: Bulletin, lang: str) -> list[Block]:
    if not b.due_soon:
        return _para(t(lang, "No item falls due within the next {window} days.",
                       window=b.window))
    head = [t(lang, "Item"), t(lang, "Lead unit"), t(lang, "Deadline"), t(lang, "Days left")]
    return _table(head, [[Cell(_item(r.item)), Cell(r.lead.name if r.lead else "—"),
                          Cell(long_date(lang, r.item.due), True),
                          Cell(t(lang, "{days} days", days=b.days_left(r)), True)]
                         for r in b.due_soon], [0.46, 0.24, 0.18, 0.12])


def _units(b: Bulletin, lang: str) -> list[Block]:
    if not b.units:
        return _para(t(lang, "No unit holds an item in this selection."))
    head = [t(lang, "Responsible unit"), t(lang, "Items held"), t(lang, "Leads"),
            t(lang, "Done"), t(lang, "Overdue (as lead or support)"), t(lang, "On-time rate")]
    table = _table(head, [[Cell(r.unit.name), Cell(str(r.held), True), Cell(str(r.lead), True),
                           Cell(str(r.done), True), Cell(str(r.overdue), True),
                           Cell(f"{r.on_time_rate:.0%}" if r.on_time_rate is not None else "—",
                                True)] for r in b.units],
                   [0.34, 0.13, 0.11, 0.13, 0.11, 0.18])
    # 表揚: the units that did on time everything due so far, and have nothing overdue
    praised = [r.unit.name for r in b.units if r.due_so_far and r.on_time_rate == 1
               and not r.overdue]
    if not praised:
        return table
    return table + _para(t(lang, "{units} did every item due so far on time: commended.",
                           units=t(lang, ", ").join(praised)))


def _reported(lang: str, entries: list[Reported]) -> list[Block]:
    return [Block("para", t(lang, "{unit} ({item}, {date}): {text}", unit=e.unit or "—",
                            item=_item(e.item), date=long_date(lang, e.on), text=e.text))
            for e in entries]


def _requirements(b: Bulletin, lang: str) -> list[Block]:
    asks: list[str] = []
    if b.tally.overdue:
        asks.append(t(lang, "The lead units of the {count} overdue are to put them right and "
                            "report their progress by {date}.",
                      count=_count(lang, b.tally.overdue), date=long_date(lang, b.rectify_by)))
    for row in b.due_soon:
        if row.lead is None:  # no unit to name: those that hold it are asked
            asks.append(t(lang, "The units responsible are to complete {item} by {date}.",
                          item=_item(row.item), date=long_date(lang, row.item.due)))
            continue
        asks.append(t(lang, "{unit} is to complete {item} by {date}.", unit=row.lead.name,
                      item=_item(row.item), date=long_date(lang, row.item.due)))
    if b.tally.unreported_due:
        asks.append(t(lang, "The units that have reported no progress on {count} of phases "
                            "under way are to report it by {date}.",
                      count=_count(lang, b.tally.unreported_due),
                      date=long_date(lang, b.rectify_by)))
    if b.stale:
        asks.append(t(lang, "The units whose reports are overdue ({count}) are to report by "
                            "{date}.", count=_count(lang, len(b.stale)),
                      date=long_date(lang, b.rectify_by)))
    for step in b.next_steps:
        asks.append(t(lang, "{unit} plans for {item}: {text}", unit=step.unit or "—",
                      item=_item(step.item), text=step.text))
    if not asks:
        return _para(t(lang, "All units are to keep their items on schedule."))
    return [Block("para", f"{n}. {ask}" if lang == "en" else f"{n}.{ask}")
            for n, ask in enumerate(asks, 1)]


def title_of(b: Bulletin, lang: str) -> str:
    if b.scope:
        return t(lang, "Bulletin on the progress of {scope} of the {plan}", scope=b.scope,
                 plan=b.title)
    return t(lang, "Bulletin on the progress of the {plan}", plan=b.title)


def _problems(b: Bulletin, lang: str) -> list[Block]:
    """What the units reported as problems, then the reports that are overdue (催報)."""
    if not b.problems and not b.stale:
        return _para(t(lang, "The units reported no problems."))
    out: list[Block] = []
    if b.problems:
        out.append(Block("subheading", sub_number(lang, 1) + t(lang, "Problems the units "
                                                                   "reported")))
        out += _reported(lang, b.problems)
    if b.stale:
        out.append(Block("subheading", sub_number(lang, 2 if b.problems else 1)
                         + t(lang, "Progress not reported on time")))
        out.append(Block("para", t(lang, "Reports are due every {days} days; these items were "
                                         "last reported more than {days} days ago: {items}.",
                                   days=b.cadence, items=t(lang, ", ").join(
                                       t(lang, "{item} ({unit}, last on {date})",
                                         item=_item(s.item), unit=s.unit or "—",
                                         date=long_date(lang, s.on)) for s in b.stale))))
    return out


def blocks(b: Bulletin, lang: str) -> list[Block]:
    """The whole bulletin in reading order."""
    out = [Block("title", title_of(b, lang)),
           Block("subtitle", t(lang, "(as of {date})", date=long_date(lang, b.as_of)))]
    if b.addressees:
        # 主送機關 are separated by 「，」: a name may hold 「、」 (各縣、市、區人民政府)
        out.append(Block("addressee", tp(lang, "addressees", ", ").join(b.addressees)
                         + t(lang, ":")))
    out += [
           Block("para", t(lang, "The progress of the {plan} as of {date} is reported as "
                                 "follows.", plan=b.title, date=long_date(lang, b.as_of)))]
    sections = [
        (t(lang, "Overall situation"), _para(overall(b, lang))),
        (t(lang, "Overdue items"), _overdue(b, lang)),
        (t(lang, "Items falling due (reminders)"), _due_soon(b, lang)),
        (t(lang, "Record of the responsible units"), _units(b, lang)),
        (t(lang, "Problems reported"), _problems(b, lang)),
        (t(lang, "Requirements for the next stage"), _requirements(b, lang)),
    ]
    for n, (heading, body) in enumerate(sections, 1):
        out += [Block("heading", f"{heading_number(lang, n)}{heading}"), *body]
    number = t(lang, " ({number})", number=b.document_number) if b.document_number else ""
    recorded = (t(lang, "progress recorded up to {date}", date=long_date(lang, b.last_recorded))
                if b.last_recorded else t(lang, "no progress recorded yet"))
    out.append(Block("para", t(lang, "Source: {plan}{number}; {recorded}.", plan=b.title,
                               number=number, recorded=recorded)))
    if b.issuer:
        out.append(Block("signature", t(lang, "{group} Office", group=b.issuer)))
    out.append(Block("signature", long_date(lang, b.as_of)))
    return out
