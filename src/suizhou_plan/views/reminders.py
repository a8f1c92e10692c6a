"""Reminders (催辦通知): what each unit has to answer for on a date, as data.

The office sends a unit a reminder (DOMAIN.md, 催辦) when, on the as-of date, it holds:

- an item overdue: its date in force has passed and it is not done (辦結 or 銷號);
- an item due within `supervision.due_soon_days` and not done;
- an item returned to it (退回) that it has not reported done again since;
- or when its report for the reporting period that has just closed
  (`periods.Cadence.just_closed`) is missing.

As lead or as supporting unit: the lead is asked to finish the item and report, a supporting
unit to support the lead and report its part, a unit whose report is missing to send it
(補報).  Each item appears once in a unit's notice, under the first of: returned, overdue,
due soon.  A member of a collective lead that has reported its part done is not asked again
while the other members finish theirs.  A unit with nothing to answer for gets no notice.
The notice gives a reply date (`supervision.reply_days` after the as-of date) and is signed
by the office.

Only what the office knew on the as-of date is read: entries recorded (`received`) after it
are left out, so a reminder made again for a past date says what it said then.  Nothing here
reads the clock or knows a word of any language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from suizhou_plan.views.assessment import Returned, as_known, lead_states, open_returns
from suizhou_plan.views.holding import NOT_ACCOUNTABLE, Holders, Role
from suizhou_plan.views.periods import Cadence, HoldersOn, Period, UnitReport, reports_for
from suizhou_plan.views.state import ItemState, states_on

if TYPE_CHECKING:
    from suizhou_plan.model.agency import Agency
    from suizhou_plan.views.index import Item, PlanIndex

Why = Literal["returned", "overdue", "due-soon"]
WHY_ORDER: tuple[Why, ...] = ("returned", "overdue", "due-soon")


@dataclass(frozen=True)
class Ask:
    """One item a unit is reminded of, and in which capacity."""

    state: ItemState  # of the item as known on the as-of date
    role: Role
    why: Why
    leads: tuple[Agency, ...]  # who leads it (a supporting unit is asked to support them)
    returned: Returned | None = None  # the return it has to answer (why == "returned")

    @property
    def item(self) -> Item:
        return self.state.item

    @property
    def due(self) -> date:
        return self.state.due

    @property
    def planned_due(self) -> date:
        return self.state.planned_due

    @property
    def extended(self) -> bool:
        return self.state.extended

    def days(self, as_of: date) -> int:
        """Days overdue (positive) or left (zero or negative: due today or later) on
        `as_of`, the reminders' date."""
        assert as_of == self.state.as_of, "an ask shows its item on the reminders' date"
        return -self.state.days_left


@dataclass(frozen=True)
class Notice:
    """One unit's reminder."""

    unit: Agency
    asks: tuple[Ask, ...]  # returned, then overdue, then due soon; by date within each
    missing: UnitReport | None  # its report for the period just closed, when missing

    def of(self, why: Why) -> tuple[Ask, ...]:
        return tuple(a for a in self.asks if a.why == why)


@dataclass(frozen=True)
class Reminders:
    title: str  # the plan's
    as_of: date
    reply_by: date
    window: int  # due_soon_days
    period: Period  # the reporting period just closed
    notices: tuple[Notice, ...]  # registry order
    office: Agency | None  # the office in office on the date
    group: str | None  # the leading group whose office it is, when the plan names one
    office_set: bool  # `supervision.office` names the office (else the leading group's)
    issuer: str  # the plan's issuer, when nothing names an office

    def notice(self, unit: Agency) -> Notice | None:
        return next((n for n in self.notices if n.unit.id == unit.id), None)


def _why(state: ItemState) -> Why | None:
    if state.overdue:
        return "overdue"
    return "due-soon" if state.due_soon else None


def build_reminders(index: PlanIndex, as_of: date, holders: Holders | None = None,
                    window: int | None = None) -> Reminders:
    """Every unit's reminder on `as_of` (`holders`: default, on `as_of`; `window`: default,
    the plan's `due_soon_days`)."""
    supervision = index.tasks_file.supervision
    holders = holders if holders is not None else Holders(index, as_of)
    window = supervision.due_soon_days if window is None else window
    states = states_on(holders, window)
    by_item = holders.by_item()
    asks: dict[str, list[Ask]] = {}
    for original in index.items:
        held = [(u, h) for u, h in by_item.get(id(original), ())
                if u.kind not in NOT_ACCOUNTABLE]
        if not held:
            continue
        item = as_known(index, original, as_of, received=True)
        state = states.of(item)
        leads = tuple(u for u, h in held if h.role == "lead")
        waiting = open_returns(item, leads, holders)
        why = _why(state)
        # a member of a collective lead that has reported its part done is not asked again
        done = ({k for k, v in lead_states(item, leads, holders).items()
                 if v == "reported-done"} if len(leads) > 1 and why is not None else set())
        for unit, holding in held:
            returned = waiting.get(unit.id)
            if returned is not None:
                asks.setdefault(unit.id, []).append(
                    Ask(state, holding.role, "returned", leads, returned))
            elif why is not None and not (holding.role == "lead" and unit.id in done):
                asks.setdefault(unit.id, []).append(Ask(state, holding.role, why, leads))
    cadence = Cadence.of(supervision)
    period = cadence.just_closed(as_of)
    missing: dict[str, UnitReport] = {}
    on = HoldersOn(index, holders)
    for owed in reports_for(index, period, on.on(period.cutoff), known_by=as_of):
        if owed.state == "missing":
            missing.setdefault(holders.holder_of(owed.unit).id, owed)
    notices: list[Notice] = []
    for lineage in holders.lineages():
        unit = lineage.holder
        mine = sorted(asks.get(unit.id, ()), key=lambda a: (WHY_ORDER.index(a.why), a.due,
                                                            a.item.path))
        report = missing.get(unit.id)
        if mine or report is not None:
            notices.append(Notice(unit, tuple(mine), report))
    # lazy: only build_reminders() needs it (+1 ms: 1 module)
    from suizhou_plan.views.reporters import office

    offices = office(index)
    governance = index.tasks_file.governance
    group = governance.leading_group if governance is not None else None
    reply_days = supervision.reply_days
    return Reminders(
        title=index.tasks_file.plan.title, as_of=as_of,
        reply_by=as_of + timedelta(days=reply_days), window=window, period=period,
        notices=tuple(notices),
        office=holders.holder_of(offices[0]) if offices else None,
        group=group.name if group is not None and group.office is not None else None,
        office_set=supervision.office is not None, issuer=index.tasks_file.plan.issuer)
