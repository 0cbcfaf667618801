"""Conflict reports: golden files, safe HTML and CSV, determinism, the gate and the filters."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sourcecrit.cli import main
from sourcecrit import compare_ledger
from sourcecrit.compare import Status
from sourcecrit import load_ledger
from sourcecrit.report.build import ReportOptions, gate_message, render_report
from sourcecrit.report.csv_report import COLUMNS, harmless
from tests.conftest import SMALL, write_files

GOLDEN = Path(__file__).parent.parent / "data" / "golden"
FORMATS = {"md": "report.md", "html": "report.html", "csv": "report.csv", "json": "report.json"}
GOLDEN_ARGS = ["--status", "disputed", "--status", "resolved", "--per-source"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOSTILE_QUOTE = '<script>alert(1)</script> "onmouseover=alert(2) x'
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1", "-1", "@SUM(A1:A9)", "\tfoo", "\rbar"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["report", *args])
    out, err = capsys.readouterr()
    return status, out, err


def hostile_ledger(root: Path) -> Path:
    """The small ledger with a free-text property whose claims hold markup and formulas."""
    claims = "\n".join(
        f"""  - id: h-{n}
    source: {'book-a' if n % 2 else 'book-b'}
    subject: treaty-of-moscow
    property: remark
    value: {json.dumps(formula)}
    locator: page {n + 1}
    quote: {json.dumps(formula + ' ' + HOSTILE_QUOTE)}""" for n, formula in enumerate(FORMULAS))
    return write_files(root, {
        "declarations/remarks.yaml": """
            properties:
              - id: remark
                label: remark <b>bold</b> | pipe
                type: text
            """,
        "claims/hostile.yaml": "claims:\n" + claims + "\n",
    })


# ---------------------------------------------------------------- golden files

@pytest.mark.parametrize("fmt", list(FORMATS))
def test_golden(capsys, fmt):
    status, out, err = run(capsys, str(SMALL), "--format", fmt, *GOLDEN_ARGS)
    assert status == 0, err
    path = GOLDEN / FORMATS[fmt]
    if os.environ.get("SOURCECRIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == path.read_bytes(), f"{path.name} differs; SOURCECRIT_UPDATE_GOLDEN=1 rewrites it"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_same_ledger_same_bytes(capsys, fmt):
    first = run(capsys, str(SMALL), "--format", fmt, "--status", "all", "--per-source", "--no-cache")[1]
    second = run(capsys, str(SMALL), "--format", fmt, "--status", "all", "--per-source")[1]
    assert first == second and first


def test_timestamp_only_on_request(capsys):
    plain = run(capsys, str(SMALL))[1]
    stamped = run(capsys, str(SMALL), "--timestamp")[1]
    assert "Generated" not in plain and "Generated" in stamped


def test_json_is_the_findings_document(capsys):
    ledger = load_ledger(SMALL)
    document = json.loads(run(capsys, str(SMALL), "--format", "json")[1])
    assert document["shape"] == "sourcecrit-findings/1"
    assert [f["status"] for f in document["findings"]] == ["disputed"] * len(document["findings"])
    assert len(document["findings"]) == len(compare_ledger(ledger).by_status(Status.DISPUTED))


def test_markdown_lists_every_disputed_fact_with_its_claims(capsys):
    out = run(capsys, str(SMALL), "--format", "md")[1]
    assert "| status" in out and "|---" in out  # GitHub tables
    assert "### ✗ Meeting at Havza: participants" in out
    for claim in ("a-havza", "c-havza"):
        assert f"`{claim}`" in out
    assert "“Budennii could not have been at Havza”" in out
    assert "Ann Alpha, A history, 1990." in out  # full citation


# ---------------------------------------------------------------- safe HTML and CSV

class TagChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self.mismatched: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        if "href" in values:
            self.links.append(values["href"])
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.mismatched.append(tag)
        else:
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_closed_scriptless_and_escaped(capsys, small_ledger):
    hostile_ledger(small_ledger)
    status, out, err = run(capsys, str(small_ledger), "--format", "html", "--status", "all", "--per-source")
    assert status == 0, err
    checker = TagChecker()
    checker.feed(out)
    checker.close()
    assert checker.mismatched == [] and checker.open == []
    assert "script" not in checker.tags and "link" not in checker.tags and "img" not in checker.tags
    assert not any(name.startswith("on") for name, _ in checker.attributes)
    assert all(link.startswith("#") and link[1:] in checker.ids for link in checker.links)
    assert checker.tags.count("style") == 1 and "@media print" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=alert(2)" in out
    assert "<script" not in out and "remark &lt;b&gt;bold&lt;/b&gt;" in out
    assert HOSTILE_QUOTE in "".join(checker.text)  # shown as text, as written


def test_markdown_escapes_pipes_and_markup(capsys, small_ledger):
    hostile_ledger(small_ledger)
    out = run(capsys, str(small_ledger), "--format", "md", "--status", "all")[1]
    assert "remark \\<b\\>bold\\</b\\> \\| pipe" in out
    assert "<script>" not in out
    for block in out.split("\n\n"):  # every row of a table has its header's number of cells
        rows = [line for line in block.splitlines() if line.startswith("|")]
        assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) <= 1, block


def test_csv_cells_cannot_be_formulas(capsys, small_ledger):
    hostile_ledger(small_ledger)
    status, out, err = run(capsys, str(small_ledger), "--format", "csv", "--status", "all")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == COLUMNS
    for row in rows[1:]:
        assert len(row) == len(COLUMNS)
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    hostile = {row[COLUMNS.index("claim")]: dict(zip(COLUMNS, row)) for row in rows[1:] if row[5].startswith("h-")}
    assert len(hostile) == len(FORMULAS)
    for n, formula in enumerate(FORMULAS):
        row = hostile[f"h-{n}"]
        if formula.startswith("\r"):  # a carriage return in a value is read as its visible symbol (␍)
            assert row["value"] == "\u240d" + formula[1:]
            continue
        assert row["value"] == "'" + formula
        assert row["quote"] == "'" + formula + " " + HOSTILE_QUOTE
        assert row["citation"].endswith(".") and row["relation_summary"].startswith("contradicts 0, agrees ")


def test_csv_has_one_row_per_claim_of_the_selected_facts(capsys):
    ledger = load_ledger(SMALL)
    selected = compare_ledger(ledger).by_status(Status.DISPUTED)
    rows = list(csv.DictReader(io.StringIO(run(capsys, str(SMALL), "--format", "csv")[1], newline="")))
    assert sorted(r["claim"] for r in rows) == sorted(c for f in selected for c in f.claims)
    row = next(r for r in rows if r["claim"] == "a-havza")
    assert row["subject_label"] == "Meeting at Havza" and row["witness"] == "memoir"
    assert json.loads(row["normalized"]) and row["relation_summary"] == "contradicts 1, agrees 0, consistent 0"


def test_harmless():
    assert harmless("=1+1") == "'=1+1" and harmless("plain") == "plain" and harmless(None) == ""


# ---------------------------------------------------------------- the gate

def disputed_count() -> int:
    return len(compare_ledger(load_ledger(SMALL)).by_status(Status.DISPUTED))


def test_gate_fails_on_disputes_and_names_them(capsys):
    status, out, err = run(capsys, str(SMALL), "--fail-on", "disputed")
    assert disputed_count() > 0 and status == 1
    assert "havza-meeting / participants" in err and "unresolved" in err
    assert out  # the report is still written


def test_gate_passes_within_the_threshold(capsys):
    n = disputed_count()
    assert run(capsys, str(SMALL), "--fail-on", str(n))[0] == 0
    status, _, err = run(capsys, str(SMALL), "--fail-on", str(n - 1))
    assert status == 1 and "havza-meeting / participants" in err


def test_gate_counts_only_the_filtered_facts(capsys):
    resolved = run(capsys, str(SMALL), "--subject", "treaty-of-moscow", "--fail-on", "disputed")
    assert resolved[0] == 0 and resolved[2] == ""


def test_gate_counts_the_facts_every_filter_but_status_chooses(capsys):
    named = run(capsys, str(SMALL), "--status", "resolved", "--name", "budyonny", "--fail-on", "disputed")
    assert named[0] == 1 and "havza-meeting / participants" in named[2] and "gold-1920" not in named[2]
    searched = run(capsys, str(SMALL), "--search", "16 may", "--fail-on", "disputed")
    assert searched[0] == 0 and searched[2] == ""


def test_gate_message_directly():
    ledger = load_ledger(SMALL)
    _, scope = render_report(ledger, ReportOptions())
    assert gate_message(scope, None) is None
    assert "havza-meeting / participants" in gate_message(scope, "disputed")


@pytest.mark.parametrize("args, message", [
    (["--status", "contested"], "unknown status 'contested'"),
    (["--fail-on", "some"], "--fail-on takes"),
    (["--fail-on", "-1"], "--fail-on takes"),
    (["--subject", "no-such-subject"], "--subject no-such-subject"),
    (["--source", "no-such-source"], "--source no-such-source"),
    (["--name", "Budenny"], "--name Budenny: the ledger has no such id (did you mean Semyon Budyonny (budyonny)?)"),
])
def test_bad_options_are_plain_errors(capsys, args, message):
    status, out, err = run(capsys, str(SMALL), *args)
    assert status == 2 and message in err and "Traceback" not in err and out == ""


# ---------------------------------------------------------------- filters

def findings_of(capsys, *args: str) -> list[dict]:
    status, out, err = run(capsys, str(SMALL), "--format", "json", "--status", "all", *args)
    assert status == 0, err
    return json.loads(out)["findings"]


def test_no_filter_shows_every_fact(capsys):
    assert len(findings_of(capsys)) == len(compare_ledger(load_ledger(SMALL)).findings)


def test_subject_filter(capsys):
    chosen = findings_of(capsys, "--subject", "havza-meeting", "--subject", "gold-1920")
    assert chosen and {f["subject"] for f in chosen} == {"havza-meeting", "gold-1920"}


def test_property_filter(capsys):
    chosen = findings_of(capsys, "--property", "amount")
    assert chosen and {f["property"] for f in chosen} == {"amount"}


def test_source_filter_keeps_facts_with_a_claim_of_the_source(capsys):
    chosen = findings_of(capsys, "--source", "book-b")
    assert chosen and all(any(c["source"] == "book-b" for c in f["claims"]) for f in chosen)
    assert {f["subject"] for f in chosen} == {"treaty-of-moscow", "declaration-1917"}


def test_filters_combine(capsys):
    assert findings_of(capsys, "--source", "book-b", "--subject", "havza-meeting") == []
    md = run(capsys, str(SMALL), "--source", "book-b", "--subject", "havza-meeting")[1]
    assert "No facts match the selection." in md


def test_status_filter_and_per_source(capsys):
    out = run(capsys, str(SMALL), "--format", "md", "--status", "resolved", "--per-source", "--source", "book-b")[1]
    assert "### ✓ Treaty of Moscow: signed on (actual)" in out and "### ✗" not in out
    sources = out.split("## Sources", 1)[1]
    assert "`book-b`" in sources and "`book-a`" not in sources


def test_the_html_report_charts_a_dispute_before_ad_1(tmp_path):
    """The chart's axis reaches before AD 1, where Python's dates stop: no traceback, BC marks."""
    from sourcecrit.cli import main

    root = tmp_path / "ledger"
    assert main(["init", str(root)]) == 0
    (root / "claims" / "example-memoir.yaml").unlink()
    (root / "claims" / "ides.yaml").write_text(
        "claims:\n"
        "  - {id: ides, source: example-memoir, subject: example-treaty, property: signed-on, value: 15 March 44 BC,"
        " locator: p. 1, quote: on the Ides}\n"
        "  - {id: ides-2, source: example-memoir, subject: example-treaty, property: signed-on, value: 22 March 44 BC,"
        " locator: p. 9, quote: a week after}\n", encoding="utf-8")
    assert main(["report", str(root), "-o", str(tmp_path / "report.html")]) == 0  # the suffix says HTML
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert '<svg class="chart"' in page and "Mar 44 BC</text>" in page
