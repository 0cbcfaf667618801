"""Reports an editor can hand on: witnesses by name, references of works known only through
another, the ACH matrix of disputed facts, SVG charts with one axis per unit, links between
facts, claims and sources, the per-source table and flat CSV columns."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.citation import WitnessNames, work_name
from sourcecrit.cli import main
from sourcecrit.compare import Status
from tests.conftest import SMALL
from tests.report.test_reports import TagChecker

ROOT = Path(__file__).resolve().parents[2]


def report(capsys, *args: str) -> str:
    assert main(["--no-cache", "report", *args]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def demo_names() -> WitnessNames:
    return WitnessNames(load_ledger(ROOT, use_cache=False).sources)


# ---------------------------------------------------------------- names and references

def test_a_work_not_held_is_named_with_the_work_that_gives_it(demo_names):
    assert demo_names.name("erturk-memoirs") == "Memoirs of Hüsamettin Ertürk (in Tansu 1969)"
    assert demo_names.name("fuad-sabit-letter-1920-06-03") == "Doctor Fuad Sabit 1920 (in Karabekir 1969)"  # contained in
    assert demo_names.name("tansu-1969") == "Tansu 1969"
    assert demo_names.name("ersoy-mcmeekin-2007") == "Ersoy-McMeekin 2007"  # held: author and year
    # cited by the thesis and by Sorgun, neither a mere repetition of it: no "in"
    assert demo_names.name("halil-pasha-memoirs") == "Memoirs of Halil Pasha (Kut)"
    assert demo_names.name("no-such-source") == "no-such-source"


def test_a_work_without_a_year_is_told_apart_by_its_title(demo_names):
    sources = demo_names.sources
    assert work_name(sources["karaman-enver-pasa"]) == "Karaman, Enver Paşa ile Nasıl Mücadele Ettim"
    assert work_name(sources["gafarov"]) == "Gafarov"  # no title to add


def test_a_claim_known_through_another_work_cites_it_there(demo_names):
    assert demo_names.cited_as("erturk-memoirs", "ersoy-mcmeekin-2007", "line 1627") == (
        "Hüsamettin Ertürk, [Memoirs of Hüsamettin Ertürk], cited in Ersoy-McMeekin 2007, line 1627.")


def test_the_demo_report_names_witnesses_not_ids(capsys):
    out = report(capsys, str(ROOT), "--format", "md", "--subject", "havza-meeting-1919")
    row = next(line for line in out.splitlines() if line.startswith("| `thesis-havza-erturk-participants`"))
    assert "Memoirs of Hüsamettin Ertürk (in Tansu 1969)" in row and "`erturk-memoirs`" not in row
    assert "cited in Ersoy-McMeekin 2007, line 1627." in out


# ---------------------------------------------------------------- the ACH matrix in the reports

def test_markdown_gives_the_ach_matrix_of_disputed_facts_as_a_table(capsys):
    out = report(capsys, str(ROOT), "--format", "md", "--subject", "treaty-of-moscow", "--status", "all")
    findings = compare_ledger(load_ledger(ROOT))
    disputed = [f for f in findings.by_status(Status.DISPUTED) if f.subject == "treaty-of-moscow"]
    assert 1 <= len(disputed) < len(findings.of_subject("treaty-of-moscow"))
    assert out.count("#### Competing hypotheses (ACH)") == len(disputed)  # only the disputed facts of the subject
    tokens = MarkdownIt().enable("table").parse(out)
    tables = [t for t in tokens if t.type == "table_open"]
    headers = [tokens[i + 3].content for i, t in enumerate(tokens) if t.type == "thead_open"]
    assert len(tables) == len(headers) and "evidence" in headers
    html = MarkdownIt().enable("table").render(out)
    ach = html[html.index("Competing hypotheses (ACH)"):]
    ach = ach[:ach.index("</table>")]
    assert re.search(r"<td>Tengirşenk 1962</td>\s*<td>C</td>\s*<td>I</td>", ach)
    assert "counts with" in ach  # the book is the same man as the article
    assert "the evidence does not tell them apart" in out


def test_html_marks_the_least_inconsistent_hypothesis(capsys, small_ledger):
    claims = small_ledger / "claims" / "article-c.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + """  - id: c-moscow-may
    subject: treaty-of-moscow
    property: signed-on
    qualifier: nominal
    value: 16 May 1921
    locator: paragraph 5
    quote: "16 May 1921"
""", encoding="utf-8")
    book = small_ledger / "claims" / "book-a.yaml"
    book.write_text(book.read_text(encoding="utf-8") + """  - id: a-moscow-nominal
    subject: treaty-of-moscow
    property: signed-on
    qualifier: nominal
    value: 16 March 1921
    locator: page 13
    quote: "16 March 1921"
""", encoding="utf-8")
    extra = small_ledger / "sources" / "sources.yaml"
    extra.write_text(extra.read_text(encoding="utf-8") + """  - id: article-d
    type: article-journal
    title: A fourth view
    author:
      - {family: Delta, given: Dan}
    issued: 2015
""", encoding="utf-8")
    (small_ledger / "claims" / "article-d.yaml").write_text("""source: article-d
claims:
  - id: d-moscow-nominal
    subject: treaty-of-moscow
    property: signed-on
    qualifier: nominal
    value: 16 March 1921
    locator: p. 2
    quote: "16 March 1921"
""", encoding="utf-8")
    out = report(capsys, str(small_ledger), "--format", "html", "--subject", "treaty-of-moscow")
    section = out[out.index('id="fact-treaty-of-moscow--signed-on--nominal"'):]
    section = section[:section.index("</section>")]
    assert "16 March 1921: 1 independent witness against it" in section
    assert "16 May 1921: 2 independent witnesses against it" in section
    assert re.search(r'<th scope="col" title="16 March 1921" class="least">H\d ✓</th>', section)
    assert "16 March 1921 has the least evidence against it: 1 independent witness (Gamma 2012)" in section


# ---------------------------------------------------------------- charts

def svgs(html: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", html, flags=re.S)


def test_html_draws_a_timeline_for_dates_and_one_axis_per_unit_for_quantities(capsys):
    out = report(capsys, str(ROOT), "--format", "html", "--subject", "halil-pasha-gold-1920",
                 "--subject", "treaty-of-moscow", "--status", "all")
    charts = svgs(out)
    titles = [re.search(r"<title>(.*?)</title>", svg).group(1) for svg in charts]
    assert "Amounts in ruble (unspecified)" in titles and "Amounts in kilogram of gold" in titles  # 8 kg: its own axis
    assert titles.count("Dates") >= 2
    moscow = out[out.index('id="fact-treaty-of-moscow--signed-on--actual"'):]
    timeline = svgs(moscow)[0]
    assert ">1921<" in timeline or "Mar 1921" in timeline
    assert "<script" not in out and "onload" not in out


def test_every_chart_bar_lies_within_its_axis(capsys):
    out = report(capsys, str(ROOT), "--format", "html", "--status", "all")
    for svg in svgs(out):
        width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
        for x, w in re.findall(r'<rect x="([\d.-]+)" y="[\d.]+" width="([\d.]+)"', svg):
            assert 0 <= float(x) and float(x) + float(w) <= width + 0.5, svg[:200]


# ---------------------------------------------------------------- links and the per-source table

def test_html_links_facts_claims_and_sources(capsys):
    out = report(capsys, str(ROOT), "--format", "html", "--status", "all", "--per-source")
    checker = TagChecker()
    checker.feed(out)
    assert all(link.startswith("#") and link[1:] in checker.ids for link in checker.links)
    assert "claim-thesis-moscow-vatan-18" in checker.ids and "#claim-thesis-moscow-vatan-18" in checker.links
    assert "source-ersoy-mcmeekin-2007" in checker.ids and "#source-ersoy-mcmeekin-2007" in checker.links
    assert "record-ersoy-mcmeekin-2007" in checker.ids
    record = out[out.index('id="record-tengirsenk-vatan-hizmetinde"'):]
    record = record[:record.index("</tr>")]
    assert 'href="#fact-treaty-of-moscow--signed-on--actual"' in record  # a source's row links to its facts
    thesis = out[out.index('id="record-ersoy-mcmeekin-2007"'):]
    assert re.search(r"and \d+ more", thesis[:thesis.index("</tr>")])


def test_the_per_source_table_counts_contradicting_witnesses_by_name(capsys):
    out = report(capsys, str(SMALL), "--format", "md", "--per-source", "--status", "all")
    sources = out[out.index("## Sources"):]
    row = next(line for line in sources.splitlines() if line.startswith("| `book-b`"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3:6] == ["2", "1", "2"]  # claims, contradicted, by 2 independent witnesses
    assert cells[6] == "Gamma 2012, Alpha 1990" or set(cells[6].split(", ")) == {"Gamma 2012", "Alpha 1990"}


# ---------------------------------------------------------------- CSV

def test_csv_columns_are_flat_and_sortable(capsys):
    rows = list(csv.DictReader(io.StringIO(report(capsys, str(SMALL), "--format", "csv", "--status", "all"), newline="")))
    moscow = {r["claim"]: r for r in rows if r["property"] == "signed-on"}
    assert (moscow["b-moscow"]["start"], moscow["b-moscow"]["end"]) == ("1921-05-16", "1921-05-16")
    gold = {r["claim"]: r for r in rows if r["property"] == "amount"}
    assert (gold["a-gold"]["low"], gold["a-gold"]["high"], gold["a-gold"]["unit"]) == ("10000000", "10000000", "gold-ruble")
    assert gold["a-gold"]["start"] == "" and moscow["b-moscow"]["low"] == ""
    assert (moscow["a-moscow"]["credibility"], moscow["a-moscow"]["credibility_label"]) == ("2", "probably true")
    havza = next(r for r in rows if r["claim"] == "a-havza")
    assert (havza["witness"], havza["witness_name"], havza["witness_count"]) == ("memoir", "Officer 1950", "1")
    assert havza["cited_as"] == "An Officer, Memoirs of an officer, 1950, cited in Alpha 1990, page 3."
    assert moscow["a-moscow"]["witness_count"] == "2"
    julian = next(r for r in rows if r["claim"] == "b-declaration")
    assert julian["value"] == "20 November 1917 OS" and julian["start"] == "1917-12-03"  # the Gregorian day


def test_a_chart_of_one_open_bound_still_has_an_axis():
    from datetime import date

    from sourcecrit.report.svg_chart import Bar, Panel, _svg

    before_1920 = float(date(1920, 1, 1).toordinal())
    svg = _svg(Panel("", [Bar("Gafarov", [(None, before_1920)], 0, False, "c")]), True)
    assert svg.startswith("<svg") and 'class="tick"' in svg and "<rect" in svg
    amounts = _svg(Panel("gold ruble", [Bar("Akal 2002", [(5.0, None)], 1, True, "d")]), False)
    assert 'fill="none"' in amounts and "gold ruble" in amounts  # a doubt: hollow
