"""The duties under one coordination mechanism, for that mechanism's meeting."""

from __future__ import annotations

from datetime import date

from suizhou_plan.base.errors import USAGE, SuizhouError
from suizhou_plan.base.escapes import visible, visible_lines
from suizhou_plan.base.names import name_key
from suizhou_plan.base.textwidth import table, truncate
from suizhou_plan.i18n import Msg, colon, day, in_script, t
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import PlanIndex
from suizhou_plan.views.state import states_on
from suizhou_plan.words.labels import light_label, status_label, words


class NoMechanism(SuizhouError):
    """The name given is not a mechanism of the plan; `args[0]` says what to type (a `Msg`;
    a usage error)."""

    exit_code = USAGE


def render_mechanism(index: PlanIndex, wanted: str, as_of: date, window: int,
                     lang: str = "en") -> str:
    tf = index.tasks_file
    mechanisms = tf.governance.mechanisms if tf.governance else []
    key = name_key(wanted)
    found = [m for m in mechanisms
             if key in (name_key(m.id), name_key(m.name), name_key(m.section))]
    if not found:
        covered = {m.section for m in mechanisms}
        section = next((s for s in tf.sections if key in (name_key(s.name), name_key(s.id))),
                       None)
        if section is not None and section.name not in covered:
            raise NoMechanism(Msg(
                "section 「{name}」 has no coordination mechanism of its own; its tasks are "
                "coordinated by the leading group's office (try `suizhou check --section "
                "{name}`)", name=visible(section.name)))
        raise NoMechanism(Msg("no mechanism {name}; type one of: {names}", name=repr(wanted),
                              names=visible("、".join(m.section for m in mechanisms))))
    mech = found[0]
    holders = Holders(index, as_of)
    daily = index.registry.exact(mech.daily_unit)
    daily = holders.holder_of(daily) if daily is not None else None
    w = words(lang)
    lines = [
        t(lang, "{name} — as of {date}", name=mech.name, date=day(lang, as_of)),
        t(lang, "convenor: {name} ({post})", name=mech.convenor.name, post=mech.convenor.post),
        t(lang, "daily work: {unit}", unit=daily.name if daily else mech.daily_unit),
        "",
    ]
    rows = [[w["light"], w["id"], w["item"], w["lead"], w["due"], w["status"]]]
    states = states_on(holders, window)
    for item in index.items:
        if item.section != mech.section:
            continue
        state = states.of(item)
        late = (t(lang, " ({days} days overdue)", days=state.days_late)
                if state.days_late is not None else "")
        lead = state.lead
        rows.append([light_label(state.light, lang), item.id, truncate(visible(item.title), 36),
                     lead.name if lead else "—", day(lang, state.due) + late,
                     status_label(state.status, lang)])
    lines += table(rows)
    uncovered = [s.name for s in tf.sections
                 if s.id != "safeguards" and s.name not in {m.section for m in mechanisms}]
    if uncovered:
        lines += ["", t(lang, "sections with no mechanism") + colon(lang) + "、".join(uncovered)]
    return in_script(lang, visible_lines("\n".join(lines))) + "\n"
