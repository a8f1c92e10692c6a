"""The words of the bulletin (進展情況通報), shaped like an official 通報: title and date,
opening sentence, 一、總體情況 … 六、下一步工作要求, and the issuing office with the date,
as medium-neutral blocks (paragraphs, headings, tables of typed cells) that the Markdown and
Word renderers lay out.  No medium words a sentence or counts anything of its own.

Leader-facing: no file paths, line numbers, rule codes or severities; figures as 「8項」,
dates as 「2024年1月15日」, phases as 「第一階段」.  Every word comes from the catalogue."""

from __future__ import annotations

import functools

from suizhou_plan.i18n import heading_number, long_date, phase_name, sub_number, t, tn, tp
from suizhou_plan.model.status import APPLICATION, DECISIONS
from suizhou_plan.render.official_docx import Block, Cell
from suizhou_plan.views.board import Row
from suizhou_plan.views.bulletin import Bulletin, Decided, Reported
from suizhou_plan.views.index import Item
from suizhou_plan.words.labels import due_words, status_label

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


def _due(lang: str, item: Item) -> str:
    """The date in force, and the plan's own beside it when an extension moved it."""
    return due_words(lang, item.due, item.planned_due, long_date)


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
           t(lang, "As of {date}: done, {done}; in progress, {in_progress}; overdue, "
                   "{overdue}; no progress reported, {unknown}; falling due within the next "
                   "{window} days, {due_soon}.",
             date=long_date(lang, b.as_of), done=_count(lang, tally.done),
             in_progress=_count(lang, tally.in_progress), overdue=_count(lang, tally.overdue),
             unknown=_count(lang, tally.unknown), due_soon=_count(lang, tally.due_soon),
             window=b.window)]
    if tally.not_started_phase and not lists_pending:
        phases = t(lang, ", ").join(phase_name(lang, n) for n in b.pending_phases)
        out.append(t(lang, "{count} of phases that have not begun ({phases}) are counted here "
                           "but not listed.",
                     count=_count(lang, tally.not_started_phase), phases=phases))
    return [functools.reduce(lambda first, then: tp(lang, "typography: sentences",
                                                    "{first} {then}", first=first, then=then),
                             out)]


def _latest(row: Row, lang: str) -> list[Cell]:
    latest = row.state.latest
    if latest is None:
        return [Cell(""), Cell("")]
    said = latest.note or status_label(latest.status, lang)  # a hand-written entry may lack one
    if latest.status in DECISIONS and latest.reason:  # the office's word: 退回：佐证材料不全
        said = t(lang, "{status}: {reason}", status=status_label(latest.status, lang),
                 reason=latest.reason)
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
        out += _table(head, [[Cell(_item(r.item)), Cell(_due(lang, r.item), True),
                              Cell(t(lang, "{days} days", days=r.state.days_late), True),
                              *_latest(r, lang)] for r in rows],
                      [0.34, 0.17, 0.11, 0.22, 0.16])
    return out


def _due_soon(b: Bulletin, lang: str) -> list[Block]:
    if not b.due_soon:
        return _para(t(lang, "No item falls due within the next {window} days.",
                       window=b.window))
    head = [t(lang, "Item"), t(lang, "Lead unit"), t(lang, "Deadline"), t(lang, "Days left")]
    return _table(head, [[Cell(_item(r.item)), Cell(r.lead.name if r.lead else "—"),
                          Cell(_due(lang, r.item), True),
                          Cell(t(lang, "{days} days", days=r.state.days_left), True)]
                         for r in b.due_soon], [0.46, 0.24, 0.18, 0.12])


def _rate(lang: str, numerator: int, denominator: int) -> str:
    """「2/3（67%）」; 「—」 when nothing was due."""
    if not denominator:
        return "—"
    percent = f"{numerator / denominator:.0%}"
    return t(lang, "{n}/{d} ({percent})", n=numerator, d=denominator, percent=percent)


def _units(b: Bulletin, lang: str) -> list[Block]:
    if not b.units:
        return _para(t(lang, "No unit holds an item in this selection."))
    head = [t(lang, "Responsible unit"), t(lang, "Leads"), t(lang, "Supports"),
            t(lang, "Overdue as lead"), t(lang, "Overdue as support"),
            t(lang, "Done on time as lead"), t(lang, "Returned"), t(lang, "Reports on time")]
    out = _table(head, [[Cell(r.unit.name), Cell(str(r.lead), True), Cell(str(r.support), True),
                         Cell(str(r.lead_overdue), True), Cell(str(r.support_overdue), True),
                         Cell(_rate(lang, r.lead_on_time, r.lead_due), True),
                         Cell(str(r.returns), True),
                         Cell(_rate(lang, r.reports_on_time, r.reports_due), True)]
                        for r in b.units],
                 # wide enough for a rate such as 「1/1（100%）」 on one line
                 [0.2, 0.08, 0.08, 0.08, 0.08, 0.19, 0.08, 0.21])
    out += _para(t(lang, "Units are listed by what they lead: most overdue first. Done on time: "
                         "of the items a unit leads whose date (an approved extension's where "
                         "there is one) has come by {date}, those reported done or closed on or "
                         "before it. Reports on time: reporting periods for which its report "
                         "arrived by the cut-off, of those it owed. \"—\": nothing was due.",
                   date=long_date(lang, b.as_of)))
    # 表揚: everything it leads that has come due was done on time, with nothing overdue and
    # every report on time; 批評: what it leads is overdue
    praised = [r.unit.name for r in b.units if r.lead_due and r.lead_on_time == r.lead_due
               and not r.lead_overdue and not r.support_overdue
               and r.reports_on_time == r.reports_due]
    if praised:
        out += _para(t(lang, "{units} completed every item they lead on time: commended.",
                       units=t(lang, ", ").join(praised)))
    criticised = [r.unit.name for r in b.units if r.lead_overdue]
    if criticised:
        out += _para(t(lang, "{units} have items they lead overdue: criticised, and to put "
                             "them right by {date}.", units=t(lang, ", ").join(criticised),
                       date=long_date(lang, b.rectify_by)))
    return out


def _decisions(b: Bulletin, lang: str) -> list[Block]:
    """The extensions the office approved, and the applications waiting for it."""
    out: list[Block] = []
    if b.extensions:
        out += _para(t(lang, "The office approved an extension of {count}:",
                       count=_count(lang, len(b.extensions))))
        head = [t(lang, "Item"), t(lang, "Applied for by"), t(lang, "Deadline"),
                t(lang, "Approval")]
        out += _table(head, [[Cell(_item(d.item)), Cell(_applicant(d, lang)),
                              Cell(_due(lang, d.item), True),
                              Cell(_approval(d, lang), True)] for d in b.extensions],
                      [0.36, 0.18, 0.26, 0.2])
    if b.applications:
        out += _para(t(lang, "Applications for an extension waiting for the office's decision "
                             "({count}): {list}.", count=_count(lang, len(b.applications)),
                       list=t(lang, ", ").join(
                           t(lang, "{unit} for {item}, to {date}", unit=d.unit or "—",
                             item=_item(d.item), date=long_date(lang, d.said.entry.until))
                           for d in b.applications)))
    return out


def _applicant(d: Decided, lang: str) -> str:
    record = d.item.record
    asked = [s for s in (record.said if record else ()) if s.entry.status == APPLICATION
             and s.entry.date <= d.said.entry.date]
    return asked[-1].who or "—" if asked else t(lang, "the office")


def _approval(d: Decided, lang: str) -> str:
    entry = d.said.entry
    number = ", ".join(entry.evidence)
    return long_date(lang, entry.date) + (f" {number}" if number else "")


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
                          item=_item(row.item), date=long_date(lang, row.state.due)))
            continue
        asks.append(t(lang, "{unit} is to complete {item} by {date}.", unit=row.lead.name,
                      item=_item(row.item), date=long_date(lang, row.state.due)))
    if b.unreported:  # named under 五: the list is not repeated
        asks.append(t(lang, "The units named above that did not report for the period "
                            "({count}) are to send their reports by {date}.",
                      count=tn(lang, "{n} unit", "{n} units", len(b.unreported)),
                      date=long_date(lang, b.rectify_by)))
    if b.applications:
        asks.append(t(lang, "The office will decide on the applications for an extension "
                            "({count}) by {date}.", count=_count(lang, len(b.applications)),
                      date=long_date(lang, b.rectify_by)))
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
    return [Block("para", tp(lang, "typography", "{n}. {text}", n=n, text=ask))
            for n, ask in enumerate(asks, 1)]


def title_of(b: Bulletin, lang: str) -> str:
    if b.scope:
        return t(lang, "Bulletin on the progress of {scope} of the {plan}", scope=b.scope,
                 plan=b.title)
    return t(lang, "Bulletin on the progress of the {plan}", plan=b.title)


def _problems(b: Bulletin, lang: str) -> list[Block]:
    """What the units reported as problems this period, each under its unit; the items
    returned for redoing; then the reports missing or late (催報)."""
    parts: list[tuple[str, list[Block]]] = []
    if b.problems:
        parts.append((t(lang, "Problems the units reported"), _reported(lang, b.problems)))
    if b.returned:
        parts.append((t(lang, "Returned for redoing"), [
            Block("para", t(lang, "{item} (lead {unit}), returned on {date}: {reason}",
                            item=_item(d.item), unit=d.unit or "—",
                            date=long_date(lang, d.said.entry.date),
                            reason=d.said.entry.reason or "")) for d in b.returned]))
    missing: list[Block] = []
    if b.unreported and b.period is not None:
        missing += _para(t(lang, "By the cut-off of {date}, {count} did not report for the "
                                 "period: {units}.", date=long_date(lang, b.period.cutoff),
                           count=tn(lang, "{n} unit", "{n} units", len(b.unreported)),
                           units=t(lang, ", ").join(u.name for u in b.unreported)))
    if b.late:
        missing += _para(t(lang, "Reported after the cut-off: {units}.",
                           units=t(lang, ", ").join(u.name for u in b.late)))
    if b.stale:
        missing += _para(t(lang, "Reports are due every {days} days; these items were "
                                 "last reported more than {days} days ago: {items}.",
                           days=b.cadence, items=t(lang, ", ").join(
                               t(lang, "{item} ({unit}, last on {date})",
                                 item=_item(s.item), unit=s.unit or "—",
                                 date=long_date(lang, s.on)) for s in b.stale)))
    if missing:
        parts.append((t(lang, "Progress not reported on time"), missing))
    if not parts:
        return _para(t(lang, "The units reported no problems."))
    out: list[Block] = []
    for n, (heading, body) in enumerate(parts, 1):
        out += [Block("subheading", sub_number(lang, n) + heading), *body]
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
        (t(lang, "Overall situation"), _para(overall(b, lang)) + _decisions(b, lang)),
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
