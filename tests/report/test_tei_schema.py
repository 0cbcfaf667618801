"""The TEI export validated against the TEI all schema, as an edition would hold it: the exported
``<div>`` in a document's ``<back>``, and its lists in a ``<standOff>``.

TEI all is third-party and large, so it is not in the repository: point ``SOURCECRIT_TEI_ALL`` at
a compiled ``tei_all.rng`` (https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng)
and have lxml importable or ``jing`` on the PATH; without them these tests skip, and the element and
attribute rules of ``test_exports.py`` still hold the export to what TEI allows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from sourcecrit.cli import main
from sourcecrit.values.calendars import CALENDAR_LABELS
from tests.conftest import write_files
from tests.report.test_exports import follows_tei_rules

ROOT = Path(__file__).resolve().parents[2]
TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
HOW_TO_RUN = ("set SOURCECRIT_TEI_ALL to a tei_all.rng and install lxml or jing to validate the TEI "
              "export against TEI all")

# A ledger with every thing the exporter writes: dates in each calendar and at each precision, a
# lasting event, open bounds and stretches, a set of days, a year BC, hedges and stances, a
# qualifier, a claim attributed to another source, people, places and bodies with variants and
# Wikidata ids, and sources with and without authors, titles and ISO dates.
EVERY_FEATURE = {
    "sources/sources.yaml": """
        sources:
          - id: karabekir-1969
            type: book
            title: İstiklal Harbimiz
            author:
              - {family: Karabekir, given: Kazım}
            issued: 1969
          - id: hakimiyet-1921-03-17
            type: article-newspaper
            title: Moskova muahedesi
            container-title: Hakimiyet-i Milliye
            issued: 1921-03-17
          - id: thesis-2007
            type: thesis
            title: Soviet–Turkish relations, 1919–1922
            author:
              - {family: Ersoy-McMeekin, given: Nesrin}
            issued: 2007-05
          - id: undated-memo
            type: manuscript
            title: Memorandum, undated
            issued: spring 1921
          - id: anonymous-note
            type: manuscript
    """,
    "gazetteer/gazetteer.yaml": """
        entities:
          - id: mustafa-kemal
            label: Mustafa Kemal
            kind: person
            variants: [Mustafa Kemal Pasha, Atatürk]
            wikidata: Q5152
          - id: havza
            label: Havza
            kind: place
            variants: [Hawza]
          - id: gnat
            label: Grand National Assembly of Turkey
            kind: organisation
            variants: [TBMM]
            wikidata: Q127079
          - id: budyonny
            label: Semyon Budyonny
    """,
    "declarations/declarations.yaml": """
        subjects:
          - id: treaty-of-moscow
            label: Treaty of Moscow
          - id: caesar
            label: Death of Caesar
        properties:
          - id: signed-on
            label: signed on
            type: date
            qualifiers: [nominal, actual]
          - id: occurred-on
            label: took place on
            type: date
    """,
    "claims/stances.yaml": """
        source: karabekir-1969
        claims:
          - {id: doubted, subject: treaty-of-moscow, property: signed-on, qualifier: nominal,
             value: 16 May 1921, stance: doubts, locator: "p. 40", quote: "perhaps on 16 May 1921",
             hedges: [perhaps, it seems]}
          - {id: denied, subject: treaty-of-moscow, property: signed-on, value: 1 April 1921,
             stance: denies, locator: "p. 40", quote: "not on 1 April 1921"}
          - {id: reported, subject: treaty-of-moscow, property: signed-on, value: 16 March 1921,
             attributed_to: hakimiyet-1921-03-17, locator: "p. 41", quote: "on 16 March 1921"}
    """,
}
# each date as a claim of the thesis, quoted as written: (claim id, subject, date)
DATES = [
    ("gregorian-day", "treaty-of-moscow", "16 March 1921"), ("gregorian-month", "treaty-of-moscow", "March 1921"),
    ("gregorian-year", "treaty-of-moscow", "1921"), ("julian-day", "treaty-of-moscow", "3 March 1921 OS"),
    ("julian-month", "treaty-of-moscow", "March 1921 OS"), ("rumi-day", "treaty-of-moscow", "16 Mart 1337 Rumi"),
    ("rumi-month", "treaty-of-moscow", "Mart 1337 Rumi"), ("hijri-day", "treaty-of-moscow", "6 Rajab 1339 AH"),
    ("hijri-month", "treaty-of-moscow", "Rajab 1339 AH"), ("dual", "treaty-of-moscow", "3/16 March 1921"),
    ("lasting", "treaty-of-moscow", "26 February to 16 March 1921"),
    ("julian-lasting", "treaty-of-moscow", "13 February to 3 March 1921 OS"),
    ("julian-before", "treaty-of-moscow", "before 3 March 1921 OS"), ("julian-or", "treaty-of-moscow", "2 or 3 March 1921 OS"),
    ("rumi-early", "treaty-of-moscow", "early Mart 1337 Rumi"),
    ("two-calendars", "treaty-of-moscow", "between 1 Mart 1337 Rumi and 20 March 1921"),
    ("before", "treaty-of-moscow", "before 17 March 1921"), ("after", "treaty-of-moscow", "after February 1921"),
    ("stretch", "treaty-of-moscow", "between 10 and 20 March 1921"), ("mid-month", "treaty-of-moscow", "mid-March 1921"),
    ("decade", "treaty-of-moscow", "the 1920s"), ("one-of", "treaty-of-moscow", "16 or 17 March 1921"),
    ("about", "treaty-of-moscow", "about 16 March 1921"), ("uncertain", "treaty-of-moscow", "16 March 1921?"),
    ("julian-bc", "caesar", "15 March 44 BC"), ("month-bc", "caesar", "March 44 BC Gregorian"),
    ("year-one-bc", "caesar", "1 BC Gregorian"),
]
EVERY_FEATURE["claims/dates.yaml"] = "source: thesis-2007\nclaims:\n" + "".join(
    f'  - {{id: {claim}, subject: {subject}, property: occurred-on, value: "{date}", locator: "p. {page}", '
    f'quote: "{date}"}}\n' for page, (claim, subject, date) in enumerate(DATES, start=1))


@pytest.fixture
def every_feature(tmp_path) -> Path:
    """A small ledger with every element and attribute the TEI export writes."""
    return write_files(tmp_path / "ledger", EVERY_FEATURE)


def tei_export(ledger_path: Path, capsys) -> str:
    assert main(["--no-cache", "export", str(ledger_path), "--format", "tei"]) == 0
    return capsys.readouterr().out


def tei_document(body: str) -> str:
    """A minimal TEI document as an edition would wrap the export: a header that declares the
    calendars the export's dates point at, then ``body`` (its ``<standOff>`` and ``<text>``)."""
    calendars = "".join(f'<calendar xml:id="{name}"><p>{label}</p></calendar>'
                        for name, label in CALENDAR_LABELS.items())
    return (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc>'
            "<titleStmt><title>An edition</title></titleStmt>"
            "<publicationStmt><p>Unpublished</p></publicationStmt>"
            "<sourceDesc><p>Exported by sourcecrit</p></sourceDesc></fileDesc>"
            f"<profileDesc><calendarDesc>{calendars}</calendarDesc></profileDesc></teiHeader>"
            f"{body}</TEI>\n")


def in_back(fragment: str) -> str:
    """The exported ``<div>`` as the apparatus at the back of an edition's text."""
    return tei_document(f"<text><body><p>The edited text.</p></body><back>{fragment}</back></text>")


def in_standoff(fragment: str) -> str:
    """The exported ``<div>``'s lists in a ``<standOff>``, where TEI keeps contextual information."""
    ET.register_namespace("", TEI)
    lists = "".join(ET.tostring(child, encoding="unicode") for child in ET.fromstring(fragment))
    return tei_document(f"<standOff>{lists}</standOff><text><body><p>The edited text.</p></body></text>")


def tei_all() -> Path:
    schema = os.environ.get("SOURCECRIT_TEI_ALL")
    if not schema:
        pytest.skip(HOW_TO_RUN)
    path = Path(schema)
    assert path.is_file(), f"SOURCECRIT_TEI_ALL names no file: {schema}"
    return path


def errors_by_lxml(schema: Path, documents: dict[str, str]) -> list[str] | None:
    """Each document's validity errors by lxml's RELAX NG validator; None without lxml."""
    try:
        from lxml import etree
    except ImportError:
        return None
    validator = _relax_ng(schema)
    errors = []
    for name, text in documents.items():
        if not validator.validate(etree.fromstring(text.encode("utf-8"))):
            errors += [f"{name}:{e.line}:{e.column}: {e.message}" for e in validator.error_log]
    return errors


@cache
def _relax_ng(schema: Path):
    """TEI all compiled once a session: lxml takes some 15 seconds over it."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(schema)))


def errors_by_jing(schema: Path, documents: dict[str, str], folder: Path) -> list[str] | None:
    """Each document's validity errors by jing; None without jing on the PATH."""
    jing = shutil.which("jing")
    if jing is None:
        return None
    paths = []
    for name, text in documents.items():
        paths.append(folder / f"{name}.xml")
        paths[-1].write_text(text, encoding="utf-8")
    run = subprocess.run([jing, str(schema), *map(str, paths)], capture_output=True, text=True, timeout=300)
    errors = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert errors or run.returncode == 0, run.stdout + run.stderr  # jing failed without saying where
    return errors


def validity_errors(fragment: str, folder: Path) -> list[str]:
    schema = tei_all()
    documents = {"in-back": in_back(fragment), "in-standoff": in_standoff(fragment)}
    errors = errors_by_lxml(schema, documents)
    if errors is None:
        errors = errors_by_jing(schema, documents, folder)
    if errors is None:
        pytest.skip(HOW_TO_RUN)
    return errors


def test_the_demo_ledgers_tei_is_valid_tei_all(tmp_path, capsys):
    errors = validity_errors(tei_export(ROOT, capsys), tmp_path)
    assert not errors, "\n".join(errors)


def test_every_element_the_tei_export_writes_is_valid_tei_all(every_feature, tmp_path, capsys):
    errors = validity_errors(tei_export(every_feature, capsys), tmp_path)
    assert not errors, "\n".join(errors)


def test_every_element_the_tei_export_writes_follows_the_rules(every_feature, capsys):
    """Without a validator, the element and attribute rules hold the same ledger to what TEI allows."""
    follows_tei_rules(ET.fromstring(tei_export(every_feature, capsys)))


def test_a_written_date_names_each_calendar_it_was_written_in(every_feature, capsys):
    root = ET.fromstring(tei_export(every_feature, capsys))
    calendars = {e.get(f"{{{XML}}}id"): e.find(f"{{{TEI}}}label/{{{TEI}}}date").get("calendar")
                 for e in root.iter(f"{{{TEI}}}event") if e.get(f"{{{XML}}}id").startswith("claim.")}
    assert calendars["claim.julian-lasting"] == calendars["claim.julian-before"] == "#julian"
    assert calendars["claim.julian-or"] == "#julian" and calendars["claim.rumi-early"] == "#rumi"
    assert calendars["claim.two-calendars"] == "#gregorian #rumi"
    assert calendars["claim.lasting"] is None and calendars["claim.decade"] is None


def test_the_feature_ledger_has_every_feature(every_feature, capsys):
    """The ledger above does hold what it says: each calendar, @when and the bounds, hedges, each list."""
    root = ET.fromstring(tei_export(every_feature, capsys))
    found = {(e.tag.split("}")[1], attribute, e.get(attribute) if attribute == "calendar" else None)
             for e in root.iter() for attribute in e.attrib}
    assert {("date", "calendar", f"#{name}") for name in ("julian", "rumi", "hijri")} <= found
    assert {("event", "when", None), ("event", "notBefore", None), ("event", "notAfter", None),
            ("event", "subtype", None), ("ptr", "type", None), ("date", "when", None)} <= found
    whens = {e.get("when") for e in root.iter(f"{{{TEI}}}event")}
    assert {"1921-03-16", "1921-03", "1921", "-0044-03-13", "-0044-03", "-0001"} <= whens
    assert {e.tag.split("}")[1] for e in root} == {"listBibl", "listPerson", "listPlace", "listOrg", "listEvent"}
    assert len(list(root.iter(f"{{{TEI}}}certainty"))) == 4  # two hedges of a doubt, a denial, a "?" date


def test_a_date_written_with_a_question_mark_has_its_certainty(every_feature, capsys):
    root = ET.fromstring(tei_export(every_feature, capsys))
    event = next(e for e in root.iter(f"{{{TEI}}}event") if e.get(f"{{{XML}}}id") == "claim.uncertain")
    certainty = event.find(f"{{{TEI}}}label/{{{TEI}}}certainty")
    assert certainty is not None and certainty.get("target") == "#claim.uncertain" and certainty.get("cert") == "medium"
    assert certainty.find(f"{{{TEI}}}desc").text == "the date is written with a question mark"
    plain = next(e for e in root.iter(f"{{{TEI}}}event") if e.get(f"{{{XML}}}id") == "claim.about")
    assert plain.find(f"{{{TEI}}}label/{{{TEI}}}certainty") is None  # "about" widens the dates instead
