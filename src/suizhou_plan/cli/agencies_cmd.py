"""`suizhou agencies`."""

from __future__ import annotations

import sys
from datetime import date

import click

from suizhou_plan.cli.options import as_of_option, as_of_or_today, plan_option


@click.command("agencies")
@plan_option
@as_of_option
@click.option("--sort", "sort_by", type=click.Choice(["name", "lead", "support", "open",
                                                       "overdue"]),
              default="name", show_default=True, help="Order (counts: largest first).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def command(plan_dir: str | None, as_of: date | None, sort_by: str, fmt: str) -> None:
    """Every unit with its counts of lead and supporting duties, open and overdue, so the
    office sees who carries the load and who carries none."""
    from suizhou_plan.cli.duties_cmd import load_index
    from suizhou_plan.duties import duties_for
    from suizhou_plan.report.machine import SCHEMA_VERSION, dumps
    from suizhou_plan.textwidth import table

    index = load_index(plan_dir)
    day = as_of_or_today(as_of)
    window = index.tasks_file.supervision.due_soon_days
    rows = []
    for position, agency in enumerate(index.agencies_file.agencies):
        if agency.vague:
            continue
        counts = duties_for(index, agency, day, window).counts()
        rows.append((position, agency, counts))
    if sort_by != "name":
        rows.sort(key=lambda r: (-r[2][sort_by], r[0]))
    if fmt == "json":
        sys.stdout.write(dumps({"schema_version": SCHEMA_VERSION, "as_of": day.isoformat(),
                                "agencies": [{"id": a.id, "name": a.name, "kind": a.kind, **c}
                                             for _, a, c in rows]}))
        return
    lines = [["單位 unit", "id", "牽頭 lead", "配合 support", "未完成 open", "逾期 overdue"]]
    lines += [[a.name, a.id, str(c["lead"]), str(c["support"]), str(c["open"]),
               str(c["overdue"])] for _, a, c in rows]
    sys.stdout.write(f"截至 as of {day}\n" + "\n".join(table(lines, indent="")) + "\n")
    # table() shows every cell with its control characters escaped
