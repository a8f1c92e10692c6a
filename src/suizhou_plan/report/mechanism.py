"""The duties under one coordination mechanism, for that mechanism's meeting."""

from __future__ import annotations

from datetime import date

import click

from suizhou_plan.escapes import visible, visible_lines
from suizhou_plan.holding import Holders
from suizhou_plan.index import PlanIndex
from suizhou_plan.names import name_key
from suizhou_plan.report.labels import light_label, status_label
from suizhou_plan.status import Light, light_of
from suizhou_plan.textwidth import table, truncate


def render_mechanism(index: PlanIndex, wanted: str, as_of: date, window: int) -> str:
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
            name = visible(section.name)
            raise click.UsageError(
                f"section 「{name}」 has no coordination mechanism of its own; its tasks "
                "are coordinated by the leading group's office (try `suizhou check --section "
                f"{name}`)"
            )
        names = visible("、".join(m.section for m in mechanisms))
        raise click.UsageError(f"no mechanism {wanted!r}; type one of: {names}")
    mech = found[0]
    holders = Holders(index, as_of)
    daily = index.registry.exact(mech.daily_unit)
    daily = holders.holder_of(daily) if daily is not None else None
    lines = [
        f"{mech.name} — 截至 as of {as_of}",
        f"召集人 convenor: {mech.convenor.name} ({mech.convenor.post})",
        f"日常工作 daily work: {daily.name if daily else mech.daily_unit}",
        "",
    ]
    rows = [["燈", "編號", "事項", "牽頭單位", "時間節點", "狀態"]]
    for item in index.items:
        if item.section != mech.section:
            continue
        light = light_of(item.status, item.due, as_of, window)
        late = f" (逾期{(as_of - item.due).days}天)" if light is Light.RED else ""
        lead = holders.lead_of(item)
        rows.append([light_label(light, "zh-Hant"), item.id, truncate(visible(item.title), 36),
                     lead.name if lead else "—", item.due.isoformat() + late,
                     status_label(item.status, "zh-Hant")])
    lines += table(rows)
    uncovered = [s.name for s in tf.sections
                 if s.id != "safeguards" and s.name not in {m.section for m in mechanisms}]
    if uncovered:
        lines += ["", "無專項協調機制的板塊 sections with no mechanism: " + "、".join(uncovered)]
    return visible_lines("\n".join(lines)) + "\n"
