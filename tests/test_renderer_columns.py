"""Every column of every table report, read by its header, on a plan whose ledger fills
every field (progress, problems, next step, evidence, several entries), so that two
columns swapped or a field dropped is caught.

The plan (small_plan.py) as of 2023-07-10:

- M1 (phase 1, due 2023-11-30): linked to T01, no ledger of its own (grey);
- T01 市政數局 (lead), 市大數據中心; due 2023-06-30; two entries, the latest `blocked`:
  10 days overdue (red);
- T02 市大數據中心 (lead), 市政數局, 各縣、市、區人民政府; due 2024-06-30 (phase 2); reported
  done (green).

So 市政數局 leads 2 (T01, M1) and supports 1 (T02); 市大數據中心 leads 1 and supports 2:
a lead/support swap changes both.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from small_plan import SmallPlan

AS_OF = "2023-07-10"
T02 = """\
  - id: T02
    number: 2
    kind: task
    section: 數字經濟
    title: 建設城市大腦
    text: 建設城市大腦。
    units: [市大數據中心, 市政數局, 各縣、市、區人民政府]
    due: 2024-06-30
    progress:
      - {date: 2023-06-01, status: reported-done, by: 市大數據中心, note: 平台上線, problems: 使用率低, next: 開展培訓, evidence: [驗收報告]}
"""


@pytest.fixture
def ledger_plan(tmp_path) -> SmallPlan:
    return SmallPlan(
        tmp_path,
        phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")],
        progress=[
            "{date: 2022-03-01, status: in-progress, by: 市政數局, note: 完成選址, "
            "problems: 資金未到位, next: 申請專項資金}",
            "{date: 2023-05-20, status: blocked, by: 市政數局, note: 土建停工, "
            "problems: 用地手續未批, next: 協調自然資源部門, evidence: [隨政數函〔2023〕7號]}",
        ],
        extra_tasks=T02,
    ).write()


def markdown_tables(text: str) -> list[list[dict[str, str]]]:
    """Each pipe table as a list of rows, each row {header: cell}."""
    tables: list[list[dict[str, str]]] = []
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if line.startswith("|") and k + 1 < len(lines) and lines[k + 1].startswith("|---"):
            head = [c.strip() for c in line.strip("|").split(" | ")]
            rows = []
            for body in lines[k + 2:]:
                if not body.startswith("|"):
                    break
                cells = [c.strip() for c in body[2:-2].split(" | ")]
                assert len(cells) == len(head), body
                rows.append(dict(zip(head, cells, strict=True)))
            tables.append(rows)
    return tables


class HtmlTables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[dict[str, str]]] = []
        self._head: list[str] = []
        self._row: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
            self._head = []
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell).strip()
            (self._head if tag == "th" else self._row).append(text)
            self._cell = None
        elif tag == "tr" and self._row:
            self.tables[-1].append(dict(zip(self._head, self._row, strict=True)))

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(text: str) -> list[list[dict[str, str]]]:
    parser = HtmlTables()
    parser.feed(text)
    return parser.tables


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only after a BOM
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def by_id(rows: list[dict[str, str]], key: str = "ID") -> dict[str, dict[str, str]]:
    return {row[key]: row for row in rows}


# --- the bulletin (check --format markdown) ----------------------------------------------

def bulletin(run_cli, plan: SmallPlan, lang: str) -> str:
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", AS_OF, "--format", "markdown",
                     "--lang", lang)
    return result.stdout


def section(text: str, heading: str) -> list[str]:
    """The non-empty lines under the `## ` heading that starts with `heading`."""
    part = next(p for p in text.split("\n## ") if p.startswith(heading))
    return [line for line in part.splitlines()[1:] if line.strip()]


def test_bulletin_columns_en(run_cli, ledger_plan):
    text = bulletin(run_cli, ledger_plan, "en")
    overdue, units = markdown_tables(text)
    assert overdue == [{"Item": "T01 建設大數據產業園", "Deadline": "30 June 2023",
                        "Overdue by": "10 days", "Latest progress": "20 May 2023 土建停工",
                        "Problems": "用地手續未批"}]
    # Worked out by hand (see the module docstring): 市政數局 leads T01 (overdue, due 06-30,
    # not done) and M1 (not due yet), supports T02; 市大數據中心 leads T02 (not due until
    # 2024) and supports T01 and M1.  Quarterly cut-offs on the 28th from the plan's issue
    # (2021-11-12) to 2023-07-10: 7 periods; 市政數局 reported in two of them (2022-03-01,
    # 2023-05-20), 市大數據中心 in one (2023-06-01), the counties in none.
    head = ("Responsible unit", "Leads", "Supports", "Overdue as lead", "Overdue as support",
            "Done on time as lead", "Returned", "Reports on time")
    assert units == [dict(zip(head, row, strict=True)) for row in [
        ("市政數局", "2", "1", "1", "0", "0/1 (0%)", "0", "2/7 (29%)"),
        ("市大數據中心", "1", "2", "0", "1", "—", "0", "1/7 (14%)"),
        ("廣水市人民政府", "0", "1", "0", "0", "—", "0", "0/7 (0%)"),
        ("隨縣人民政府", "0", "1", "0", "0", "—", "0", "0/7 (0%)")]]
    problems = section(text, "5.")
    assert "市政數局 (T01 建設大數據產業園, 20 May 2023): 用地手續未批" in problems
    assert "市大數據中心 (T02 建設城市大腦, 1 June 2023): 使用率低" in problems
    assert "4. 市政數局 plans for T01 建設大數據產業園: 協調自然資源部門" in section(text, "6.")
    assert "資金未到位" not in text and "申請專項資金" not in text  # an older entry's


def test_bulletin_columns_zh(run_cli, ledger_plan):
    text = bulletin(run_cli, ledger_plan, "zh")
    overdue, units = markdown_tables(text)
    assert overdue == [{"事项": "T01 建设大数据产业园", "时间节点": "2023年6月30日",
                        "逾期天数": "10天", "最新进展": "2023年5月20日 土建停工",
                        "存在问题": "用地手续未批"}]
    assert [(u["责任单位"], u["其中牵头"], u["其中配合"], u["牵头逾期"], u["配合逾期"],
             u["牵头按时完成"], u["按时报送"]) for u in units] == [
        ("市政数局", "2", "1", "1", "0", "0/1（0%）", "2/7（29%）"),
        ("市大数据中心", "1", "2", "0", "1", "—", "1/7（14%）"),
        ("广水市人民政府", "0", "1", "0", "0", "—", "0/7（0%）"),
        ("随县人民政府", "0", "1", "0", "0", "—", "0/7（0%）")]
    assert ("截至2023年6月28日报送截止日，2个单位未报送本期进展：随县人民政府、广水市人民政府。"
            in section(text, "五、"))
    assert "市政数局（T01 建设大数据产业园，2023年5月20日）：用地手续未批" in section(text, "五、")
    assert "4.请市政数局按既定安排推进“T01 建设大数据产业园”：协调自然资源部门" in section(
        text, "六、")


# --- duty lists --------------------------------------------------------------------------

GOV_DATA_CSV = [
    {"Unit id": "gov-data", "Unit": "市政數局", "ID": "T01", "Item": "建設大數據產業園",
     "Kind": "task", "Role": "lead", "Via": "", "Section": "數字經濟", "Milestones": "M1",
     "Due": "2023-06-30 (10 days overdue)", "Status": "blocked", "Light": "✖ red",
     "Other units (lead first)": "市大數據中心", "Latest progress": "2023-05-20 市政數局: 土建停工"},
    {"Unit id": "gov-data", "Unit": "市政數局", "ID": "M1", "Item": "建成大數據產業園",
     "Kind": "milestone", "Role": "lead", "Via": "", "Section": "數字經濟", "Milestones": "P1",
     "Due": "2023-11-30", "Status": "unknown", "Light": "○ grey",
     "Other units (lead first)": "市大數據中心", "Latest progress": ""},
    {"Unit id": "gov-data", "Unit": "市政數局", "ID": "T02", "Item": "建設城市大腦",
     "Kind": "task", "Role": "support", "Via": "", "Section": "數字經濟", "Milestones": "",
     "Due": "2024-06-30", "Status": "reported-done", "Light": "● green",
     "Other units (lead first)": "市大數據中心、各縣、市、區人民政府", "Latest progress": "2023-06-01 市大數據中心: 平台上線"},
]


def test_duties_csv_columns(run_cli, ledger_plan):
    result = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "csv")
    assert csv_rows(result.stdout_bytes) == GOV_DATA_CSV


def test_duties_csv_of_a_county_via_the_collective(run_cli, ledger_plan):
    result = run_cli("duties", "隨縣", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "csv")
    (row,) = csv_rows(result.stdout_bytes)
    assert (row["Unit id"], row["ID"], row["Role"], row["Via"], row["Other units (lead first)"]) == (
        "suixian-gov", "T02", "support", "via 各縣、市、區人民政府", "市大數據中心、市政數局")


def test_duties_markdown_columns(run_cli, ledger_plan):
    result = run_cli("duties", "市大數據中心", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[2] == "lead 1 · support 2 · open 2 · overdue 1"
    phase1, phase2 = markdown_tables(result.stdout)
    assert phase1 == [
        {"ID": "T01", "Item": "建設大數據產業園", "Role": "support", "Via": "",
         "Due": "2023-06-30 (10 days overdue)", "Status": "blocked", "Light": "✖ red",
         "Other units (lead first)": "市政數局", "Latest progress": "2023-05-20 市政數局: 土建停工"},
        {"ID": "M1", "Item": "建成大數據產業園", "Role": "support", "Via": "",
         "Due": "2023-11-30", "Status": "unknown", "Light": "○ grey",
         "Other units (lead first)": "市政數局", "Latest progress": ""},
    ]
    assert phase2 == [
        {"ID": "T02", "Item": "建設城市大腦", "Role": "lead", "Via": "",
         "Due": "2024-06-30", "Status": "reported-done", "Light": "● green",
         "Other units (lead first)": "市政數局、各縣、市、區人民政府",
         "Latest progress": "2023-06-01 市大數據中心: 平台上線"},
    ]


def test_duties_html_columns(run_cli, ledger_plan):
    result = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "html")
    phase1, phase2 = html_tables(result.stdout)
    shown = ("ID", "Item", "Role", "Via", "Due", "Status", "Light", "Other units (lead first)", "Latest progress")
    assert phase1 + phase2 == [{k: row[k] for k in shown} for row in GOV_DATA_CSV]
    assert '<td class="red">✖ red</td>' in result.stdout


def test_duties_text_columns(run_cli, ledger_plan):
    result = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF)
    lines = result.stdout.splitlines()
    assert lines[1] == "lead 2 · support 1 · open 2 · overdue 1"
    head = lines[4].split()
    assert head == ["Light", "ID", "Item", "Role", "Due", "Status", "Via"]
    assert lines[5].split() == ["✖", "red", "T01", "建設大數據產業園", "lead",
                                "2023-06-30", "(10", "days", "overdue)", "blocked"]


# --- duties --all: the index ------------------------------------------------------------

INDEX = [
    ("gov-data", "市政數局", "2", "1", "2", "1"),
    ("big-data-center", "市大數據中心", "1", "2", "2", "1"),
    ("suixian-gov", "隨縣人民政府", "0", "1", "0", "0"),
    ("counties", "各縣、市、區人民政府", "0", "1", "0", "0"),
]


def test_duties_all_index_csv_columns(run_cli, ledger_plan, tmp_path):
    out = tmp_path / "out"
    result = run_cli("duties", "--all", "--out", str(out), "--plan", str(ledger_plan.dir),
                     "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = by_id(csv_rows((out / "index.csv").read_bytes()), "Unit id")
    assert list(rows) == ["suizhou-gov", "gov-data", "big-data-center", "suixian-gov",
                          "guangshui-gov", "counties", "data-bureau", "old-bureau"]
    for unit, name, lead, support, open_, overdue in INDEX:
        assert rows[unit] == {"Unit id": unit, "Unit": name, "File": f"{name}.csv", "Lead": lead,
                              "Support": support, "Open": open_, "Overdue": overdue}
        assert (out / f"{name}.csv").exists()  # named by the unit's name
    # each unit's file holds as many rows as the index counts for it
    gov_data = csv_rows((out / "市政數局.csv").read_bytes())
    assert [r["Role"] for r in gov_data] == ["lead", "lead", "support"]


def test_duties_all_index_markdown_and_html_columns(run_cli, ledger_plan, tmp_path):
    md = tmp_path / "md"
    run_cli("duties", "--all", "--out", str(md), "--plan", str(ledger_plan.dir),
            "--as-of", AS_OF, "--format", "markdown")
    rows = {r["File"]: r for r in markdown_tables((md / "index.md").read_text(encoding="utf-8"))[0]}
    for _, name, lead, support, open_, overdue in INDEX:
        assert rows[f"{name}.md"] == {"Unit": f"[{name}]({name}.md)", "File": f"{name}.md",
                                      "Lead": lead, "Support": support, "Open": open_,
                                      "Overdue": overdue}
    page = tmp_path / "html"
    run_cli("duties", "--all", "--out", str(page), "--plan", str(ledger_plan.dir),
            "--as-of", AS_OF, "--format", "html")
    rows = {r["Unit"]: r for r in html_tables((page / "index.html").read_text(encoding="utf-8"))[0]}
    for _, name, lead, support, open_, overdue in INDEX:
        assert rows[name] == {"Unit": name, "Lead": lead, "Support": support, "Open": open_,
                              "Overdue": overdue}


# --- the edges of the table reports -----------------------------------------------------

def test_an_item_without_a_lead_shows_a_dash(run_cli, tmp_path):
    plan = SmallPlan(tmp_path, units="[]").write()
    text = run_cli("check", "--plan", str(plan.dir), "--as-of", AS_OF, "--lang", "en")
    t01 = next(line for line in text.stdout.splitlines() if "  T01  " in line)
    assert t01.split()[:6] == ["✖", "red", "T01", "建設大數據產業園", "—", "2023-06-30"]


def test_a_pipe_or_a_line_break_in_a_cell_keeps_the_table_whole(run_cli, ledger_plan):
    ledger_plan.edit("problems: 用地手續未批", 'problems: "用地 | 手續\\n未批"')
    ledger_plan.edit("title: 建設城市大腦", 'title: "建設 | 城市大腦"')
    (t01,) = markdown_tables(bulletin(run_cli, ledger_plan, "en"))[0]
    assert t01["Problems"].replace("\\|", "|") == "用地 | 手續 未批"
    assert t01["Latest progress"] == "20 May 2023 土建停工"  # the columns before it did not move
    duties = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "markdown")
    t02 = markdown_tables(duties.stdout)[1][0]
    assert t02["Item"].replace("\\|", "|") == "建設 | 城市大腦"
    assert t02["Role"] == "support"


def test_a_unit_without_duties_says_none(run_cli, ledger_plan):
    text = run_cli("duties", "隨州市數據局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF)
    assert text.stdout.splitlines()[-1] == "(none)"
    md = run_cli("duties", "隨州市數據局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                 "--format", "markdown")
    assert md.stdout.splitlines()[-1] == "_(none)_"


def test_duties_csv_ends_lines_with_crlf(run_cli, ledger_plan):
    data = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                   "--format", "csv").stdout_bytes
    assert data.count(b"\r\n") == 4 and data.count(b"\n") == 4  # header and three rows


def test_duties_json_names_the_milestones_a_task_or_measure_feeds(run_cli, ledger_plan):
    ledger_plan.edit("    kind: task\n    section: 數字經濟\n    title: 建設城市大腦",
                     "    kind: safeguard\n    section: 數字經濟\n    title: 建設城市大腦")
    ledger_plan.edit("        tasks: [T01]\n", "        tasks: [T01, T02]\n")
    result = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "json")
    duties = json.loads(result.stdout)["agencies"][0]["duties"]
    assert [(d["item"], d["kind"], d["milestones"], d["phases"]) for d in duties] == [
        ("T01", "task", ["M1"], ["P1"]), ("M1", "milestone", [], ["P1"]),
        ("T02", "safeguard", ["M1"], ["P2"])]


def test_duties_html_page_structure(run_cli, ledger_plan):
    page = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                   "--format", "html").stdout
    head = "市政數局 duty list (as of 2023-07-10)"
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
                           f"<title>{head}</title><style>")
    assert (f"</style></head><body>\n<h1>{head}</h1><p>lead 2 · support 1 · "
            "open 2 · overdue 1</p>\n<h2>Phase 1 (2021-11-01 → 2023-11-30)"
            "</h2><table><thead><tr>\n<th>ID</th>\n") in page
    assert ("\n<tr><td>T01</td><td>建設大數據產業園</td><td>lead</td><td></td>"
            "<td>2023-06-30 (10 days overdue)</td><td>blocked</td><td class=\"red\">✖ red</td>"
            "<td>市大數據中心</td><td>2023-05-20 市政數局: 土建停工</td></tr>\n") in page
    assert "\n<th>Latest progress</th>\n</tr></thead><tbody>\n<tr>" in page
    assert page.count("</tr>\n</tbody></table>\n") == 2
    assert page.endswith("</tbody></table>\n</body></html>\n")
    empty = run_cli("duties", "隨州市數據局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                    "--format", "html").stdout
    assert empty.endswith("</p>\n<p>(none)</p>\n</body></html>\n") and "<table>" not in empty


def test_duties_all_index_json(run_cli, ledger_plan, tmp_path):
    out = tmp_path / "json"
    run_cli("duties", "--all", "--out", str(out), "--plan", str(ledger_plan.dir),
            "--as-of", AS_OF, "--format", "json")
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert (index["schema_version"], index["as_of"]) == (1, AS_OF)
    rows = {a["id"]: a for a in index["agencies"]}
    for unit, name, lead, support, open_, overdue in INDEX:
        counts = rows[unit]["counts"]
        assert {k: rows[unit][k] for k in ("id", "name", "file")} == {
            "id": unit, "name": name, "file": f"{name}.json"}
        assert {k: counts[k] for k in ("lead", "support", "open", "overdue")} == {
            "lead": int(lead), "support": int(support), "open": int(open_),
            "overdue": int(overdue)}
        # one partition: every duty in exactly one of the four buckets
        assert (counts["complete"] + counts["on_schedule"] + counts["overdue"]
                + counts["unknown"]) == counts["total"] == int(lead) + int(support)


def test_phase_headings_with_and_without_a_theme(run_cli, ledger_plan):
    def heading() -> str:
        result = run_cli("check", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                         "--lang", "en", "--select", "overdue")
        return next(line for line in result.stdout.splitlines() if line.startswith("Phase 1"))
    assert heading() == ("Phase 1  2021-11-01 → 2023-11-30 [current]  complete 0 · "
                         "on schedule 0 · overdue 1 · unknown 1")
    ledger_plan.edit("  - id: P1\n    number: 1\n", "  - id: P1\n    number: 1\n    theme: 整合資源\n")
    assert heading().startswith("Phase 1 整合資源  2021-11-01 → 2023-11-30 [current]")


def test_a_duty_outside_every_phase_is_listed_under_a_dash(run_cli, tmp_path):
    plan = SmallPlan(tmp_path, due="2021-10-15").write()
    result = run_cli("duties", "市政數局", "--plan", str(plan.dir), "--as-of", AS_OF,
                     "--format", "markdown")
    titles = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert titles == ["## Phase 1 (2021-11-01 → 2023-11-30)", "## —"]
    assert [r["ID"] for r in markdown_tables(result.stdout)[1]] == ["T01"]


def test_duties_all_index_text_html_and_csv_bytes(run_cli, ledger_plan, tmp_path):
    for fmt in ("text", "html", "csv"):
        assert run_cli("duties", "--all", "--out", str(tmp_path / fmt), "--plan",
                       str(ledger_plan.dir), "--as-of", AS_OF, "--format", fmt).exit_code == 0
    lines = (tmp_path / "text" / "index.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].split() == ["Unit", "File", "Lead", "Support", "Open", "Overdue"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:] if line.strip()}
    for _, name, lead, support, open_, overdue in INDEX:
        assert rows[name] == [f"{name}.txt", lead, support, open_, overdue]
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                           "<title>Duty lists</title><style>")
    assert ("</style></head><body><h1>Duty lists</h1><table><thead><tr>"
            "<th>Unit</th><th>Lead</th><th>Support</th><th>Open</th><th>Overdue</th></tr></thead>"
            "<tbody><tr><td><a href=\"隨州市人民政府.html\">隨州市人民政府</a></td>") in page
    assert ('</tr><tr><td><a href="市政數局.html">市政數局</a></td><td>2</td><td>1</td>'
            "<td>2</td><td>1</td></tr><tr>") in page
    assert page.endswith("</tr></tbody></table></body></html>\n")
    data = (tmp_path / "csv" / "index.csv").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 9  # header and eight units


def test_the_text_report_says_none_for_an_empty_phase(run_cli, ledger_plan):
    ledger_plan.edit("    due: 2024-06-30\n", "    due: 2023-09-30\n")
    for lang, none in (("en", "  (none)"), ("zh", "  (无)")):
        result = run_cli("check", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                         "--lang", lang, "--select", "overdue")
        lines = result.stdout.splitlines()
        phase2 = next(k for k, line in enumerate(lines) if line.startswith(("Phase 2", "第二阶段")))
        assert lines[phase2 + 1] == none


def test_phase_nodes_of_a_measure_and_of_a_task_feeding_two_milestones(run_cli, ledger_plan):
    ledger_plan.edit("    kind: task\n    section: 數字經濟\n    title: 建設城市大腦",
                     "    kind: safeguard\n    section: 數字經濟\n    title: 建設城市大腦")
    ledger_plan.edit("        tasks: [T01]\n", "        tasks: [T01, T02]\n"
                     "      - id: M9\n        title: 自有單位的節點\n        units: [市政數局]\n")
    ledger_plan.edit("      - id: M1\n", "      - id: M0\n        title: 前期節點\n"
                     "        tasks: [T01]\n      - id: M1\n")
    rows = by_id(csv_rows(run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir),
                                  "--as-of", AS_OF, "--format", "csv").stdout_bytes))
    assert (rows["T01"]["Milestones"], rows["T02"]["Milestones"], rows["M1"]["Milestones"]) == (
        "M0, M1", "M1", "P1")
    assert (rows["M9"]["Section"], rows["M1"]["Section"]) == ("", "數字經濟")  # M9 links no task


def test_a_long_title_is_cut_at_36_columns_in_the_text_list(run_cli, ledger_plan):
    title = "Digital Suizhou data platform, phase two"  # 40 columns
    ledger_plan.edit("title: 建設大數據產業園", f"title: {title}")
    text = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF).stdout
    assert "  Digital Suizhou data platform, phas…  " in text
    rows = by_id(csv_rows(run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir),
                                  "--as-of", AS_OF, "--format", "csv").stdout_bytes))
    assert rows["T01"]["Item"] == title  # never cut in a file


def test_several_units_in_one_output(run_cli, ledger_plan):
    def duties(*args: str) -> str:
        return run_cli("duties", *args, "--plan", str(ledger_plan.dir), "--as-of", AS_OF).stdout
    for fmt, sep in (("markdown", "\n"), ("text", "\n"), ("html", "")):
        one, two = duties("市政數局", "--format", fmt), duties("市大數據中心", "--format", fmt)
        assert duties("市政數局", "市大數據中心", "--format", fmt) == one + sep + two


def test_duties_all_index_markdown_and_text_layout(run_cli, ledger_plan, tmp_path):
    for fmt in ("markdown", "text"):
        run_cli("duties", "--all", "--out", str(tmp_path / fmt), "--plan", str(ledger_plan.dir),
                "--as-of", AS_OF, "--format", fmt)
    md = (tmp_path / "markdown" / "index.md").read_text(encoding="utf-8")
    assert md.startswith("# Duty lists\n\n| Unit | File | Lead | Support | Open | Overdue |\n"
                         "|---|---|---|---|---|---|\n| [")
    assert md.endswith(" |\n") and not md.endswith("\n\n")
    text = (tmp_path / "text" / "index.txt").read_text(encoding="utf-8")
    assert text.startswith("Unit") and text.endswith("0\n") and not text.endswith("\n\n")


def test_units_that_did_everything_due_on_time_are_commended(run_cli, tmp_path):
    """表揚: T01 (市政數局 lead, 市大數據中心 support) reported done before its due date, and
    市政數局 reported for the one period the office asked for (reports from 2023-04-01, the
    quarter that closed on 2023-06-28) on time.  市大數據中心 leads nothing and sent no
    report: not named.  With T01 done late instead, nobody is."""
    plan = SmallPlan(tmp_path, due="2023-06-30", progress=[
        "{date: 2023-06-01, status: reported-done, by: 市政數局, note: 已建成}"]).write()
    plan.edit("  verify_within_days: 90\n", "  verify_within_days: 90\n  reports_from: 2023-04-01\n")
    zh = bulletin(run_cli, plan, "zh-Hans")
    assert "市政数局牵头事项均按时完成，予以表扬。" in section(zh, "四、")
    assert markdown_tables("\n".join(section(zh, "四、")))[0][0]["按时报送"] == "1/1（100%）"
    en = bulletin(run_cli, plan, "en")
    assert "市政數局 completed every item they lead on time: commended." in section(en, "4.")
    plan.edit("date: 2023-06-01", "date: 2023-07-05")
    assert "予以表扬" not in bulletin(run_cli, plan, "zh-Hans")


def test_duties_xlsx_columns(run_cli, ledger_plan, tmp_path):
    """The workbook a unit fills in, read back by its column headings: dates as dates, the
    days overdue as a number, the latest entry's date and note in their own columns."""
    from datetime import datetime

    from openpyxl import load_workbook

    out = tmp_path / "gov-data.xlsx"
    result = run_cli("duties", "市政數局", "--plan", str(ledger_plan.dir), "--as-of", AS_OF,
                     "--format", "xlsx", "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    head, body = rows[0], rows[1:]
    assert by_id([dict(zip(head, row, strict=True)) for row in body]) == {
        "T01": {"ID": "T01", "Item": "建設大數據產業園", "Kind": "task", "Role": "lead",
                "Via": None, "Section": "數字經濟", "Milestones": "M1",
                "Due": datetime(2023, 6, 30), "Days late": 10, "Status": "blocked",
                "Light": "✖ red", "Other units (lead first)": "市大數據中心",
                "Latest report": datetime(2023, 5, 20), "Latest progress": "市政數局: 土建停工"},
        "M1": {"ID": "M1", "Item": "建成大數據產業園", "Kind": "milestone", "Role": "lead",
               "Via": None, "Section": "數字經濟", "Milestones": "P1",
               "Due": datetime(2023, 11, 30), "Days late": None, "Status": "unknown",
               "Light": "○ grey", "Other units (lead first)": "市大數據中心",
               "Latest report": None, "Latest progress": None},
        "T02": {"ID": "T02", "Item": "建設城市大腦", "Kind": "task", "Role": "support",
                "Via": None, "Section": "數字經濟", "Milestones": None,
                "Due": datetime(2024, 6, 30), "Days late": None, "Status": "reported-done",
                "Light": "● green", "Other units (lead first)": "市大數據中心、各縣、市、區人民政府",
                "Latest report": datetime(2023, 6, 1), "Latest progress": "市大數據中心: 平台上線"},
    }


def test_a_unit_without_duties_says_none_in_the_readers_script(run_cli, ledger_plan):
    heading = "随州市数据局 责任清单（截至2023年7月10日）"
    counts = "牵头 0 项 · 配合 0 项 · 未完成 0 项 · 逾期 0 项 · 沿革：市旧局 → 随州市数据局"
    for fmt, whole, ending in [
        ("text", f"{heading}\n{counts}\n\n（无）\n", None),
        ("markdown", f"# {heading}\n\n{counts}\n\n_（无）_\n", None),
        ("html", None, f"<h1>{heading}</h1><p>{counts}</p>\n<p>（无）</p>\n</body></html>\n"),
    ]:
        shown = run_cli("duties", "隨州市數據局", "--plan", str(ledger_plan.dir), "--as-of",
                        AS_OF, "--format", fmt, "--lang", "zh-Hans").stdout
        assert shown == whole if whole else shown.endswith(ending), fmt


def test_duties_all_index_in_the_readers_language_and_script(run_cli, ledger_plan, tmp_path):
    """The index of `duties --all` in zh-Hans: headings, unit names in simplified characters,
    and what was written said in Chinese."""
    expected_rows = [
        ("gov-data", "市政数局", "2", "1", "2", "1"),
        ("big-data-center", "市大数据中心", "1", "2", "2", "1"),
        ("suixian-gov", "随县人民政府", "0", "1", "0", "0"),
        ("counties", "各县、市、区人民政府", "0", "1", "0", "0"),
    ]
    for fmt in ("text", "markdown", "html", "csv"):
        out = tmp_path / fmt
        result = run_cli("duties", "--all", "--out", str(out), "--plan", str(ledger_plan.dir),
                         "--as-of", AS_OF, "--format", fmt, "--lang", "zh-Hans")
        assert result.exit_code == 0, result.output
        assert result.stderr == f"已在 {out} 生成9个文件\n"
    text = (tmp_path / "text" / "index.txt").read_text(encoding="utf-8").splitlines()
    assert text[0].split() == ["单位", "文件", "牵头", "配合", "未完成", "逾期"]
    rows = {line.split()[0]: line.split()[1:] for line in text[1:]}
    for _, name, lead, support, open_, overdue in expected_rows:
        assert rows[name] == [f"{name}.txt", lead, support, open_, overdue]  # in its script
    [md] = markdown_tables((tmp_path / "markdown" / "index.md").read_text(encoding="utf-8"))
    assert (tmp_path / "markdown" / "index.md").read_text(encoding="utf-8").startswith(
        "# 责任清单索引\n")
    for _, name, lead, support, open_, overdue in expected_rows:
        assert {"单位": f"[{name}]({name}.md)", "文件": f"{name}.md", "牵头": lead, "配合": support,
                "未完成": open_, "逾期": overdue} in md
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
                           "<title>责任清单索引</title>")
    [table] = html_tables(page)
    assert {"单位": "市政数局", "牵头": "2", "配合": "1", "未完成": "2", "逾期": "1"} in table
    data = (tmp_path / "csv" / "index.csv").read_bytes()
    assert by_id(csv_rows(data), "单位编号")["gov-data"] == {
        "单位编号": "gov-data", "单位": "市政数局", "文件": "市政数局.csv", "牵头": "2",
        "配合": "1", "未完成": "2", "逾期": "1"}


def test_an_entry_without_a_reporter_is_the_lead_units_to_answer_for(run_cli, tmp_path):
    """A problem or next step whose entry names no reporter is listed under the item's lead
    unit (the one the bulletin asks); with no lead either, under a dash."""
    plan = SmallPlan(tmp_path, progress=[
        "{date: 2023-05-20, status: blocked, note: 土建停工, problems: 用地手續未批, "
        "next: 協調用地}"]).write()
    text = bulletin_as_of(run_cli, plan, "2023-06-01")
    # the quarter that closed on 2023-03-28 was owed by both units, and neither reported in it
    assert section(text, "五、") == ["### （一）各单位报送的问题",
                                   "市政数局（T01 建设大数据产业园，2023年5月20日）：用地手续未批",
                                   "### （二）未按期报送进展",
                                   "截至2023年3月28日报送截止日，2个单位未报送本期进展：市政数局、市大数据中心。"]
    assert "4.请市政数局按既定安排推进“T01 建设大数据产业园”：协调用地" in section(text, "六、")
    plan.edit("    units: [市政數局, 市大數據中心]\n", "    units: []\n")
    text = bulletin_as_of(run_cli, plan, "2023-06-01")
    assert section(text, "五、")[1] == "—（T01 建设大数据产业园，2023年5月20日）：用地手续未批"


def test_bulletin_with_nothing_overdue_and_an_item_due_soon(run_cli, tmp_path):
    plan = SmallPlan(tmp_path).write()
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", "2023-06-10", "--format",
                     "markdown", "--lang", "zh-Hans")
    text = result.stdout
    assert section(text, "二、") == ["无逾期事项。"]
    [due_soon] = markdown_tables("\n".join(section(text, "三、")))
    assert due_soon == [{"事项": "T01 建设大数据产业园", "牵头单位": "市政数局",
                         "时间节点": "2023年6月30日", "剩余天数": "20天"}]
    assert "1.请市政数局于2023年6月30日前完成“T01 建设大数据产业园”。" in section(text, "六、")
    english = run_cli("check", "--plan", str(plan.dir), "--as-of", "2023-06-10", "--format",
                      "markdown", "--lang", "en").stdout
    assert markdown_tables("\n".join(section(english, "3."))) == [[{
        "Item": "T01 建設大數據產業園", "Lead unit": "市政數局", "Deadline": "30 June 2023",
        "Days left": "20 days"}]]
    # the source of the figures, without a document number when the plan gives none
    assert "数据来源：《数字随州建设实施方案》，尚无进展记录。" in section(text, "六、")


def test_bulletin_groups_an_item_without_a_lead_unit_under_its_own_heading(run_cli, tmp_path):
    plan = SmallPlan(tmp_path, units="[]").write()
    result = run_cli("check", "--plan", str(plan.dir), "--as-of", "2023-07-10", "--format",
                     "markdown", "--lang", "zh-Hans")
    text = result.stdout
    overdue = section(text, "二、")
    assert overdue[0] == "### （一）未明确牵头单位（1项）"
    assert markdown_tables("\n".join(overdue)) == [[{
        "事项": "T01 建设大数据产业园", "时间节点": "2023年6月30日", "逾期天数": "10天",
        "最新进展": "", "存在问题": ""}]]
    assert section(text, "三、") == ["今后30天内无到期事项。"]
    assert section(text, "四、") == ["所选范围内无责任单位。"]
    # an entry with neither a reporter nor a lead unit: a dash stands for the unit
    plan.edit("    units: []\n", "    units: []\n    progress:\n      - {date: 2023-01-20, "
              "status: blocked, note: 停工, next: 復工}\n")
    assert "2.请—按既定安排推进“T01 建设大数据产业园”：复工" in section(
        bulletin_as_of(run_cli, plan, "2023-02-01"), "六、")
    assert "T01 建设大数据产业园（—，上次报送2023年1月20日）" in section(
        bulletin_as_of(run_cli, plan, "2023-06-01"), "五、")[-1]
    soon = bulletin_as_of(run_cli, plan, "2023-06-10")
    assert markdown_tables("\n".join(section(soon, "三、"))) == [[{
        "事项": "T01 建设大数据产业园", "牵头单位": "—", "时间节点": "2023年6月30日",
        "剩余天数": "20天"}]]
    assert section(soon, "六、")[0] == "1.请相关责任单位于2023年6月30日前完成“T01 建设大数据产业园”。"


def test_duties_csv_columns_in_chinese_with_an_entry_without_a_note(run_cli, tmp_path):
    """In zh-Hans, by column heading: a latest entry without a note shows its status, and a
    county's duty through its collective says so."""
    plan = SmallPlan(tmp_path, phases=[("2021-11-01", "2023-11-30"), ("2023-12-01", "2025-11-30")],
                     progress=["{date: 2023-05-20, status: blocked, by: 市政數局}"],
                     extra_tasks=T02).write()

    def rows(unit: str) -> dict[str, dict[str, str]]:
        result = run_cli("duties", unit, "--plan", str(plan.dir), "--as-of", AS_OF, "--format",
                         "csv", "--lang", "zh-Hans")
        return by_id(csv_rows(result.stdout_bytes), "编号")

    t01 = rows("市政數局")["T01"]
    assert (t01["时间节点"], t01["状态"], t01["灯"], t01["最新进展"]) == (
        "2023年6月30日（逾期10天）", "受阻", "✖ 红灯", "2023年5月20日 市政数局：受阻")
    assert rows("隨縣")["T02"] == {
        "单位编号": "suixian-gov", "单位": "随县人民政府", "编号": "T02", "事项": "建设城市大脑",
        "类型": "任务", "角色": "配合", "经由": "经由 各县、市、区人民政府", "板块": "数字经济",
        "关联事项": "", "时间节点": "2024年6月30日", "状态": "已办结", "灯": "● 绿灯",
        "其他单位（牵头在前）": "市大数据中心、市政数局", "最新进展": "2023年6月1日 市大数据中心：平台上线"}


def test_bulletin_lists_reports_overdue_under_problems_and_asks_for_them(run_cli, tmp_path):
    """催報: an item last reported more than the cadence ago, numbered after the problems
    reported, and asked for in 六; its next step, as old, is not repeated."""
    plan = SmallPlan(tmp_path, due="2024-06-30", phases=[("2021-11-01", "2024-11-30")], progress=[
        "{date: 2022-01-10, status: in-progress, by: 市政數局, note: 施工, problems: 資金緊張, "
        "next: 加快施工}"], milestone_progress=["{date: 2022-02-01, status: in-progress, "
                                                "note: 推進}"]).write()
    text = bulletin_as_of(run_cli, plan, "2023-01-10")
    # a problem reported a year ago is not this quarter's (2022-09-29 to 2022-12-28): it is
    # not repeated; the units that owed that quarter's report are named, then the items
    assert section(text, "五、") == [
        "### （一）未按期报送进展",
        "截至2022年12月28日报送截止日，2个单位未报送本期进展：市政数局、市大数据中心。",
        "进展应每92天报送一次，以下事项已超过92天未报送：M1 建成大数据产业园（市政数局，上次报送"
        "2022年2月1日）、T01 建设大数据产业园（市政数局，上次报送2022年1月10日）。"]
    assert section(text, "六、")[:2] == [
        "1.请上述未按期报送本期进展的单位（2个单位）于2023年1月25日前补报。",
        "2.请逾期未报送进展事项（2项）的责任单位于2023年1月25日前补报。"]
    english = run_cli("check", "--plan", str(plan.dir), "--as-of", "2023-01-10", "--format",
                      "markdown", "--lang", "en").stdout
    assert section(english, "5.") == [
        "### (1) Progress not reported on time",
        "By the cut-off of 28 December 2022, 2 units did not report for the period: 市政數局, "
        "市大數據中心.",
        "Reports are due every 92 days; these items were last reported more than 92 days ago: "
        "M1 建成大數據產業園 (市政數局, last on 1 February 2022), T01 建設大數據產業園 (市政數局, "
        "last on 10 January 2022)."]
    plan.edit("problems: 資金緊張, next: 加快施工", "note2: x", 1)
    plan.edit(", note2: x", "")
    assert section(bulletin_as_of(run_cli, plan, "2023-01-10"), "五、")[0] == (
        "### （一）未按期报送进展")


def test_bulletin_with_nothing_to_ask(run_cli, tmp_path):
    """Reports asked for from 2022-01-01: the quarter that closed on 2021-12-28 was owed by
    nobody; without that setting both units owed it."""
    recent = "{date: 2022-01-05, status: in-progress, by: 市政數局, note: 推進}"
    plan = SmallPlan(tmp_path, progress=[recent], milestone_progress=[recent]).write()
    assert section(bulletin_as_of(run_cli, plan, "2022-01-10"), "六、")[0] == (
        "1.请上述未按期报送本期进展的单位（2个单位）于2022年1月25日前补报。")
    plan.edit("  verify_within_days: 90\n", "  verify_within_days: 90\n  reports_from: 2022-01-01\n")
    assert section(bulletin_as_of(run_cli, plan, "2022-01-10"), "六、")[0] == (
        "请各责任单位按时间节点推进各项工作。")


def bulletin_as_of(run_cli, plan: SmallPlan, as_of: str) -> str:
    return run_cli("check", "--plan", str(plan.dir), "--as-of", as_of, "--format", "markdown",
                   "--lang", "zh-Hans").stdout
