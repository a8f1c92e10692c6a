"""The meeting dashboard (`suizhou report`): one self-contained HTML page that shows where the
plan stands, for a projector or an A4 landscape printout.

It holds a timeline (`dashboard_timeline`), a traffic-light matrix of units × phases
(`dashboard_matrix`), per-section progress bars, the red items and the governance findings.
Each item's light, lead and days overdue are its `state.ItemState` (the matrix's duty lists
read the same states) and the findings come from the engine, so the page agrees with
`suizhou check` and `suizhou duties`.  The page fetches nothing (government networks are often
offline): CSS and SVG are inline, fonts are the reader's own, there is no script.  Nothing in
it depends on the clock or on dict order, so the same plan, date and language give the same
bytes."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from suizhou_plan import __version__
from suizhou_plan.base.finding import Finding
from suizhou_plan.i18n import Msg, colon, counted, day, localise, long_date, official, t
from suizhou_plan.load.plan_loader import AGENCIES, TASKS
from suizhou_plan.model.status import BUCKETS, Light
from suizhou_plan.render.dashboard_matrix import Matrix, build_matrix, matrix_html
from suizhou_plan.render.dashboard_timeline import PhaseLane, timeline_svg
from suizhou_plan.render.record_text import record_words
from suizhou_plan.rules import RULES
from suizhou_plan.views.board import PhaseBoard
from suizhou_plan.views.holding import Holders
from suizhou_plan.views.index import KIND_ORDER, PlanIndex
from suizhou_plan.views.state import ItemState, states_on, tally_of
from suizhou_plan.words.dashboard_words import words
from suizhou_plan.words.labels import SYMBOL, due_words

# What a leader's page asks for, in the office's words, by rule (each rule's registration
# says it, `rule(governance=...)`): the findings' own hints speak to whoever maintains the
# plan files (field names, `agencies.yaml`), which a leader never sees.
LEADER_ACTION = {slug: r.governance for slug, r in RULES.items() if r.governance is not None}
GOVERNANCE_RULES = frozenset(LEADER_ACTION)  # the rules the governance box shows


def leader_action(rule: str) -> Msg | None:
    """What the leading group's page asks for about a finding of `rule`."""
    return LEADER_ACTION.get(rule)
SECTION_KINDS = ("task", "safeguard", "target")
TALLY = BUCKETS


@dataclass(frozen=True)
class Source:
    """Where the data came from: the plan directory as shown, and its git revision if any."""

    plan: str
    revision: str | None = None
    modified: bool = False


def _git(directory: Path, *args: str) -> bytes | None:
    # lazy: only _git() needs it (+4 ms: 1 module)
    import subprocess

    from suizhou_plan.load.git import run_git

    try:
        done = run_git(args, directory, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def git_source(plan: str, directory: Path) -> Source:
    """The short HEAD revision when `directory` is in a git work tree, and whether the plan
    files differ from it; no revision (quietly) without git or outside a work tree.  The
    files are compared with HEAD's blobs here rather than by `git status`, which would run
    the clean filters and fsmonitor a repository's config names."""
    revision = (_git(directory, "rev-parse", "--short", "HEAD") or b"").decode().strip()
    if not revision:
        return Source(plan)
    modified = any(_git(directory, "cat-file", "blob", f"HEAD:./{name}") != _read(directory / name)
                   for name in (TASKS, AGENCIES))
    return Source(plan, revision, modified)


@dataclass(frozen=True)
class SectionTally:
    """A section's tasks, measures and targets, each in exactly one of the four counts
    (`status.BUCKETS`)."""

    name: str
    complete: int
    on_schedule: int
    overdue: int
    unknown: int

    @property
    def total(self) -> int:
        return self.complete + self.on_schedule + self.overdue + self.unknown

    def count(self, key: str) -> int:
        return {"complete": self.complete, "on_schedule": self.on_schedule,
                "overdue": self.overdue, "unknown": self.unknown}[key]


@dataclass(frozen=True)
class Dashboard:
    title: str
    as_of: date
    lang: str
    source: Source
    lanes: tuple[PhaseLane, ...]
    targets: tuple[ItemState, ...]
    matrix: Matrix
    sections: tuple[SectionTally, ...]
    red: tuple[ItemState, ...]
    governance: tuple[Finding, ...]
    lights: tuple[tuple[Light, int], ...]  # every item, by light, worst first
    document_number: str | None = None  # the plan's 文號
    last_recorded: date | None = None  # the newest ledger entry


def _tally(name: str, marks: Sequence[ItemState]) -> SectionTally:
    counts = tally_of(marks)
    return SectionTally(name, *(counts[k] for k in BUCKETS))


def build_dashboard(index: PlanIndex, findings: Sequence[Finding], as_of: date, *,
                    window: int, source: Source, lang: str) -> Dashboard:
    holders = Holders(index, as_of)
    states = states_on(holders, window)  # the matrix's duty lists read the same states
    marks = [states.of(item) for item in index.items]
    lanes = tuple(
        PhaseLane(phase, PhaseBoard(phase, []).state(as_of),
                  tuple(m for m in marks if m.item.kind == "milestone" and m.item.phase is phase))
        for phase in index.tasks_file.phases
    )
    sections = tuple(
        _tally(s.name, [m for m in marks if m.item.kind in SECTION_KINDS
                        and m.item.section in (s.name, s.id)])
        for s in index.tasks_file.sections
    )
    red = sorted((m for m in marks if m.overdue),
                 key=lambda m: (m.due, KIND_ORDER[m.item.kind], m.item.path))
    lights = tuple((light, sum(1 for m in marks if m.light is light))
                   for light in sorted(Light, key=lambda light: light.severity_rank))
    return Dashboard(
        title=index.tasks_file.plan.title,
        as_of=as_of,
        lang=lang,
        source=source,
        lanes=lanes,
        targets=tuple(m for m in marks if m.item.kind == "target"),
        matrix=build_matrix(index, as_of, window, holders),
        sections=sections,
        red=tuple(red),
        governance=tuple(f for f in findings if f.rule in GOVERNANCE_RULES),
        lights=lights,
        document_number=(index.tasks_file.plan.document_number.value
                         if index.tasks_file.plan.document_number else None),
        last_recorded=max((e.date for item in index.items for e in item.progress),
                          default=None),
    )


def source_line(dash: Dashboard) -> str:
    """Where the figures come from, as a leader reads it: the plan's title and 文號 and
    the date of its last recorded progress (and the git revision, when there is one); never
    a directory."""
    lang = dash.lang
    number = (t(lang, " ({number})", number=dash.document_number) if dash.document_number
              else "")
    recorded = (t(lang, "progress recorded up to {date}",
                  date=long_date(lang, dash.last_recorded)) if dash.last_recorded
                else t(lang, "no progress recorded yet"))
    line = t(lang, "Source: {plan}{number}; {recorded}.", plan=dash.title, number=number,
             recorded=recorded)
    src = dash.source
    if src.revision is None:
        return line
    w = words(lang)
    modified = f" ({w['modified']})" if src.modified else ""
    return f"{line} {w['revision']} {src.revision}{modified}"


CSS = """
*{box-sizing:border-box}
html{font-size:17px}
body{margin:0;padding:18px 28px;color:#111;background:#fff;line-height:1.35;
font-family:"Noto Sans CJK SC","Noto Sans CJK TC","Source Han Sans SC","Microsoft YaHei",
"PingFang SC","Heiti SC",sans-serif}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3em 1.6em;
border-bottom:3px solid #263238;padding-bottom:.4em}
h1{font-size:1.7rem;margin:0}h2{font-size:1.2rem;margin:.2em 0 .4em}
.meta{margin:0;color:#37474f}.asof{font-size:1.25rem;font-weight:bold;color:#b71c1c}
.lights{display:flex;gap:.6em;margin:0;padding:0;list-style:none}
.lights li{padding:.1em .6em;border-radius:4px;font-weight:bold;border:2px solid currentColor}
.red{color:#b71c1c}.yellow{color:#7a5d00}.green{color:#1b5e20}.grey{color:#555}
section{margin-top:.9em}
svg.timeline{display:block;width:100%;height:auto}
svg text{font-size:15px;fill:#212121}
svg .lane-label{font-size:16px;font-weight:bold}svg .bar-label{font-size:13px;fill:#37474f}
svg .year{font-size:14px;fill:#546e7a}svg .as-of-label{font-size:15px;font-weight:bold;
fill:#b71c1c}
.columns{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:0 2em}
table{border-collapse:collapse;width:100%;font-size:.86rem}
th,td{border:1px solid #b0bec5;padding:.2em .45em;text-align:left;vertical-align:top}
thead th{background:#eceff1}th small,td small{display:block;font-weight:normal;
font-size:.78rem;color:#37474f}
tr.group th{background:#fafafa;font-style:italic}
td.cell{font-weight:bold;white-space:nowrap}td.cell.red{background:#ffebee}
td.cell.yellow{background:#fff8e1}td.cell.green{background:#e8f5e9}
td.cell.grey{background:#f5f5f5}td.empty{color:#90a4ae;text-align:center}
.bar{display:flex;height:1.3em;border:1px solid #607d8b;border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%}.seg-complete{background:#2e7d32}
.seg-on_schedule{background:#64b5f6}.seg-overdue{background:#d32f2f}
.seg-unknown{background:repeating-linear-gradient(45deg,#bdbdbd 0 5px,#e0e0e0 5px 10px)}
.bars{list-style:none;margin:0;padding:0}.bars li{margin:.25em 0 .55em}
.bars .name{font-weight:bold}.bars .counts{font-size:.86rem;color:#37474f}
.key{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;
border:1px solid #607d8b;margin:0 .2em 0 .6em}
.note{font-size:.8rem;color:#455a64;margin:.3em 0}
ul.findings{margin:0;padding-left:1.2em;font-size:.86rem}ul.findings li{margin:.2em 0}
.code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:.8rem;color:#37474f}
ul.findings small{display:block;color:#455a64}
table.red-items td:first-child,table.red-items td:nth-child(4),table.red-items td:nth-child(5)
{white-space:nowrap}table.red-items td:first-child{color:#b71c1c;font-weight:bold}
footer{margin-top:1.2em;font-size:.75rem;color:#607d8b}
@page{size:A4 landscape;margin:9mm}
@media print{
html{font-size:10.5pt}body{padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
#timeline{break-after:page}.columns{display:block}
tr,li,.bars li{break-inside:avoid}thead{display:table-header-group}
h2{break-after:avoid}
table.matrix{font-size:.8rem}td.cell small{display:inline;margin-left:.5em}}
"""


def _lights(dash: Dashboard) -> str:
    w = words(dash.lang)
    items = "".join(f'<li class="{light.value}">{SYMBOL[light]} {html.escape(w[light.value])} '
                    f"{count}</li>" for light, count in dash.lights)
    return f'<ul class="lights" aria-label="{html.escape(w["legend"])}">{items}</ul>'


def _sections(dash: Dashboard) -> str:
    w = words(dash.lang)
    esc = html.escape
    names = {"complete": w["complete"], "on_schedule": w["on_track"], "overdue": w["overdue"],
             "unknown": w["unknown"]}
    keys = "".join(f'<span class="key seg-{k}"></span>{esc(names[k])}' for k in TALLY)
    out = [f'<p class="note">{keys}</p><ul class="bars">']
    for s in dash.sections:
        total = max(s.total, 1)
        segs = "".join(
            f'<span class="seg-{k}" style="width:{100 * s.count(k) / total:.2f}%" '
            f'title="{esc(names[k])} {s.count(k)}"></span>' for k in TALLY if s.count(k))
        counts = " · ".join(f"{names[k]} {s.count(k)}" for k in TALLY)
        out.append(f'<li data-section="{esc(s.name)}"><span class="name">{esc(s.name)}</span> '
                   f'<span class="counts">{s.total} {esc(w["items"])}{colon(dash.lang)}'
                   f"{esc(counts)}</span>"
                   f'<div class="bar">{segs}</div></li>')
    out.append(f'</ul><p class="note">{esc(w["sections_note"])}</p>')
    return "".join(out)


def _red(dash: Dashboard) -> str:
    w = words(dash.lang)
    esc = html.escape
    if not dash.red:
        return f"<p>{esc(w['none'])}</p>"
    head = "".join(f"<th>{esc(w[k])}</th>" for k in ("id", "item", "lead", "due", "days_overdue",
                                                      "latest"))
    rows = "".join(
        f'<tr data-light="red" data-id="{esc(m.item.id)}">'
        f"<td>{SYMBOL[Light.RED]} {esc(m.item.id)}</td>"
        f"<td>{esc(m.item.title)}</td><td>{esc(m.lead.name if m.lead else '—')}</td>"
        f"<td>{esc(due_words(dash.lang, m.due, m.planned_due))}</td>"
        f"<td>{m.days_late}</td><td>{esc(record_words(m.item, dash.lang))}</td></tr>"
        for m in dash.red)
    return f'<table class="red-items"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _governance(dash: Dashboard) -> str:
    esc = html.escape
    if not dash.governance:
        return f"<p>{esc(words(dash.lang)['none'])}</p>"
    # A leader's page: what is wrong and what to do, with no rule codes or file locations.
    items = "".join(
        f'<li data-rule="{esc(f.rule)}">{esc(localise(f.message, dash.lang))}'
        f"{_action(f.rule, dash.lang)}"
        "</li>" for f in dash.governance)
    return f'<ul class="findings">{items}</ul>'


def _action(rule: str, lang: str) -> str:
    action = leader_action(rule)
    return f"<small> — {html.escape(localise(action, lang))}</small>" if action else ""


def render_html(dash: Dashboard) -> str:
    w = words(dash.lang)
    esc = html.escape
    heading = f"{dash.title} · {w['dashboard']}"
    lang = dash.lang
    return official(dash.lang, "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(heading)} — {esc(w['as_of'])} {day(lang, dash.as_of)}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header><h1>{esc(heading)}</h1>'
        f'<p class="asof">{esc(w["as_of"])} {day(lang, dash.as_of)}</p>',
        _lights(dash), f'<p class="meta">{esc(source_line(dash))}</p></header>',
        f'<section id="timeline"><h2>{esc(w["timeline"])}</h2>',
        timeline_svg(dash.lanes, dash.targets, dash.as_of, dash.lang), "</section>",
        '<div class="columns"><div>',
        f'<section id="matrix"><h2>{esc(w["matrix"])}</h2>',
        f'<p class="note">{esc(w["matrix_note"])}</p>',
        matrix_html(dash.matrix, dash.lang), "</section></div><div>",
        f'<section id="sections"><h2>{esc(w["sections"])}</h2>{_sections(dash)}</section>',
        f'<section id="red"><h2>{esc(counted(lang, w["red_items"], len(dash.red)))}</h2>'
        f"{_red(dash)}"
        "</section>",
        f'<section id="governance"><h2>'
        f'{esc(counted(lang, w["governance"], len(dash.governance)))}</h2>'
        f"{_governance(dash)}</section>",
        "</div></div>",
        f"<footer>{esc(w['generated'].format(version=__version__))}</footer>",
        "</body></html>",
    ])) + "\n"
