"""The exports for other tools, each read back by a parser of its format: CSL-JSON by the
importer (a round trip), Web Annotations against the W3C model's required fields, QuickStatements
by a parser of QuickStatements 3's rules (test_quickstatements_ranks), TEI by an XML parser and
the element and attribute rules it uses."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.cli import main
from sourcecrit.report.formats import EXPORTS
from sourcecrit.report.quickstatements import time_value
from sourcecrit.report.tei import dating
from sourcecrit.values.calendars import CALENDARS
from sourcecrit.values.date import SimpleDate, normalized, parse_date
from tests.conftest import SMALL
from tests.report.test_quickstatements_ranks import parse_qs3

ROOT = Path(__file__).resolve().parents[2]
DEMO = ("sources", "claims", "declarations", "gazetteer", "resolutions")


def export(ledger_path: Path, name: str, capsys) -> str:
    assert main(["--no-cache", "export", str(ledger_path), "--format", name]) == 0
    return capsys.readouterr().out


def test_the_cli_offers_every_export_format():
    from sourcecrit.cli import _parser

    commands = next(a for a in _parser()._actions if a.dest == "command")
    offered = next(a for a in commands.choices["export"]._actions if a.dest == "format").choices
    assert list(offered) == list(EXPORTS) == ["json", "csl-json", "web-annotation", "quickstatements", "tei"]


# CSL-JSON -----------------------------------------------------------------------------------
def test_csl_json_round_trips_through_import(tmp_path, capsys):
    document = export(ROOT, "csl-json", capsys)
    items = json.loads(document)
    ledger = load_ledger(ROOT, use_cache=False)
    assert [item["id"] for item in items] == list(ledger.sources)
    thesis = next(item for item in items if item["id"] == "ersoy-mcmeekin-2007")
    assert thesis["issued"] == {"date-parts": [[2007, 5]]} and thesis["author"] == [{"family": "Ersoy-McMeekin", "given": "Nesrin"}]
    exported = tmp_path / "sources.json"
    exported.write_text(document, encoding="utf-8")
    # into the ledger it came from: nothing changes
    copy = tmp_path / "demo"
    for folder in DEMO:
        shutil.copytree(ROOT / folder, copy / folder)
    assert main(["--no-cache", "import", "sources", str(exported), "--ledger", str(copy)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{len(items)} sources read: 0 added, 0 updated, {len(items)} unchanged"
    # into an empty ledger: the same sources, criticism fields and all
    empty = tmp_path / "empty"
    (empty / "sources").mkdir(parents=True)
    (empty / "claims").mkdir()
    assert main(["--no-cache", "import", "sources", str(exported), "--ledger", str(empty)]) == 0
    again = load_ledger(empty, use_cache=False)
    # only what points outside the sources: their texts, and the authors the gazetteer names
    assert again.errors == [e for e in again.errors if "text" in e.message or "names as its author" in e.message]
    dump = lambda source: source.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)  # noqa: E731
    assert {i: dump(s) for i, s in again.sources.items()} == {i: dump(s) for i, s in ledger.sources.items()}


# Web Annotation ------------------------------------------------------------------------------
@pytest.fixture
def held_small(tmp_path) -> Path:
    """The small ledger, with book A's text held."""
    root = tmp_path / "small"
    shutil.copytree(SMALL, root)
    (root / "texts").mkdir()
    (root / "texts" / "book-a.txt").write_text(
        "Page 3. Mustafa Kemal met Budyenny at Havza.\nPage 12. The treaty was signed on 16 March 1921 in Moscow.\n"
        "Page 40. Moscow sent 10 million gold rubles.\n", encoding="utf-8")
    sources = root / "sources" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "  - id: book-a\n", "  - id: book-a\n    text: texts/book-a.txt\n    URL: https://example.org/book-a\n"), encoding="utf-8")
    return root


def test_web_annotations_carry_the_models_required_fields_and_anchor_their_quotes(held_small, capsys):
    collection = json.loads(export(held_small, "web-annotation", capsys))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["first"]["type"] == "AnnotationPage"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 3  # book A's three claims; the others' sources hold no text
    for annotation in items:
        assert annotation["type"] == "Annotation" and urlparse(annotation["id"]).scheme  # id: an IRI
        assert annotation["motivation"] in ("describing", "tagging", "commenting", "identifying")
        assert annotation["body"] and all(b["type"] == "TextualBody" and b["value"] for b in annotation["body"])
        target = annotation["target"]
        text = Path(url2pathname(urlparse(target["source"]).path)).read_text(encoding="utf-8")
        quote, position = target["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        start, end = position["start"], position["end"]
        assert isinstance(start, int) and 0 <= start <= end <= len(text)
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        assert target["scope"] == "https://example.org/book-a"
    havza = next(a for a in items if a["id"] == "urn:sourcecrit:claim:a-havza")
    assert havza["body"][0]["value"].startswith("Meeting at Havza, ")
    assert [b["value"] for b in havza["body"][1:]] == ["havza-meeting", "participants"]


# QuickStatements -------------------------------------------------------------------------------
SANDBOX = "Q4115189"  # Wikidata's sandbox item


def test_quickstatements_give_settled_values_with_references(tmp_path, capsys):
    root = tmp_path / "small"
    shutil.copytree(SMALL, root)
    declarations = root / "declarations" / "declarations.yaml"
    text = declarations.read_text(encoding="utf-8")
    text = text.replace("    label: Treaty of Moscow\n", f"    label: Treaty of Moscow\n    wikidata: {SANDBOX}\n")
    text = text.replace("    label: Meeting at Havza\n", f"    label: Meeting at Havza\n    wikidata: {SANDBOX}\n")
    text = re.sub(r"(  - id: signed-on\n(?:    .*\n)*?)(    type: date\n)", r"\1\2    wikidata: P585\n", text)
    text = re.sub(r"(  - id: participants\n(?:    .*\n)*?)(    type: entities\n)", r"\1\2    wikidata: P710\n", text)
    declarations.write_text(text, encoding="utf-8")
    people = root / "gazetteer" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("    label: Mustafa Kemal\n", "    label: Mustafa Kemal\n    wikidata: Q5152\n")
                      .replace("    label: Semyon Budyonny\n", "    label: Semyon Budyonny\n    wikidata: Q183198\n"), encoding="utf-8")
    statements = parse_qs3(export(root, "quickstatements", capsys))
    dated = [s for s in statements if s.property == "P585" and s.rank is None]
    # resolved: the accepted day, once for each claim it rests on; the rejected misprint deprecated
    assert sorted((s.value, s.reference.get("S304", "")) for s in dated) == [
        ("+1921-03-16T00:00:00Z/11", ""), ("+1921-03-16T00:00:00Z/11", '"12"')]
    assert {s.reference["S1683"] for s in dated} == {'und:"signed on 16 March 1921"', 'und:"the treaty of 16 March 1921"'}
    assert [(s.value, s.reference) for s in statements if s.rank == "deprecated"] == [
        ("+1921-05-16T00:00:00Z/11", {"S304": '"7"', "S1683": 'und:"signed on 16 May 1921"'})]
    findings = compare_ledger(load_ledger(root, use_cache=False))
    havza = next(f for f in findings.findings if f.subject == "havza-meeting")
    people_lines = {s.value for s in statements if s.property == "P710"}
    assert people_lines == ({"Q5152", "Q183198"} if havza.status.value != "disputed" else set())


@pytest.mark.parametrize(("day", "written"), [
    (SimpleDate(1917, 11, 20, calendar="julian"), "+1917-11-20T00:00:00Z/11/J"),
    (SimpleDate(1921, 3), "+1921-03-00T00:00:00Z/10"),
    (SimpleDate(1920), "+1920-00-00T00:00:00Z/9"),
    (SimpleDate(1337, 3, 16, calendar="rumi"), "+1921-03-16T00:00:00Z/11"),  # Rumi days are Gregorian from 1917
    (SimpleDate(-43, 3, 15, calendar="julian"), "-0044-03-15T00:00:00Z/11/J"),  # 15 March 44 BC: Wikidata counts no year 0
    (SimpleDate(0), "-0001-00-00T00:00:00Z/9"),  # 1 BC
])
def test_quickstatements_dates_keep_calendar_and_precision(day, written):
    assert time_value(day) == written


# TEI -------------------------------------------------------------------------------------------
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# what each element may hold and carry, as TEI P5 says for the elements this export uses; the
# schema itself checks them in test_tei_schema.py when TEI all and a validator are at hand
CHILDREN = {
    "div": {"listBibl", "listPerson", "listPlace", "listOrg", "listEvent"},
    "listBibl": {"bibl"}, "listPerson": {"person"}, "listPlace": {"place"}, "listOrg": {"org"}, "listEvent": {"event"},
    "bibl": {"author", "title", "date", "note", "ptr", "citedRange", "quote"},
    "person": {"persName", "idno"}, "place": {"placeName", "idno"}, "org": {"orgName", "idno"},
    "event": {"label", "bibl", "event"},  # no <certainty>: model.global is not in <event>'s content
    "label": {"date", "certainty"}, "certainty": {"desc"},
}
ATTRIBUTES = {
    "div": {"type"}, "bibl": {XML_ID}, "person": {XML_ID}, "place": {XML_ID}, "org": {XML_ID},
    "event": {XML_ID, "type", "subtype", "when", "notBefore", "notAfter"}, "date": {"when", "calendar"},
    "note": {"type"}, "persName": {"type"}, "placeName": {"type"}, "orgName": {"type"}, "idno": {"type"},
    "ptr": {"target", "type"}, "certainty": {"locus", "cert", "target"},
}
# a W3C (XML Schema 1.0) date, year or month; it has no year 0000 (1 BC is -0001)
W3C_DATE = re.compile(r"^-?(?!0000)\d{4}(-\d\d(-\d\d)?)?$")
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
LOCI = {"name", "location", "value", "gi", "#tag"}


def _w3c_order(day: str) -> tuple[int, ...]:
    """A W3C day as numbers that sort in time, years BC included (-0044 before -0043)."""
    negative = day.startswith("-")
    numbers = [int(part) for part in day.removeprefix("-").split("-")]
    return (-numbers[0] if negative else numbers[0], *numbers[1:])


def follows_tei_rules(root: ET.Element) -> None:
    """``root``, an exported ``<div>``, holds and carries only what TEI allows, with the datatypes
    and the Schematron rules of TEI all for the attributes it uses."""
    assert root.tag == f"{TEI}div"
    ids = [e.get(XML_ID) for e in root.iter() if e.get(XML_ID)]
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids)
    for element in root.iter():
        assert element.tag.startswith(TEI), element.tag
        name = element.tag[len(TEI):]
        assert {c.tag[len(TEI):] for c in element} <= CHILDREN.get(name, set()), name
        assert set(element.attrib) <= ATTRIBUTES.get(name, set()), (name, element.attrib)
        for attribute in ("when", "notBefore", "notAfter"):
            if element.get(attribute):
                assert W3C_DATE.match(element.get(attribute)), element.attrib
        assert not (element.get("when") and (element.get("notBefore") or element.get("notAfter"))), element.attrib
        if element.get("notBefore") and element.get("notAfter"):
            assert _w3c_order(element.get("notBefore")) <= _w3c_order(element.get("notAfter")), element.attrib
        if element.get("subtype"):
            assert element.get("type"), element.attrib
        if element.get("calendar"):  # a calendar the edition's <calendarDesc> declares, of a date with words
            assert name == "date" and element.text and element.text.strip()
            assert set(element.get("calendar").split()) <= {f"#{calendar}" for calendar in CALENDARS}, element.attrib
        if name == "certainty":
            assert element.get("locus") in LOCI and element.get("cert") in {"high", "medium", "low", "unknown"}
        target = element.get("target")
        if target:
            assert target.startswith("#") and target[1:] in ids, target


def test_tei_follows_the_element_and_attribute_rules(capsys):
    root = ET.fromstring(export(ROOT, "tei", capsys))
    follows_tei_rules(root)
    events = root.find(f"{TEI}listEvent")
    declaration = next(e for e in events.iter(f"{TEI}event") if e.get(XML_ID) == "claim.akalin-declaration-os")
    assert declaration.get("when") == "1917-12-03"
    assert declaration.find(f"{TEI}label/{TEI}date").attrib == {"calendar": "#julian"}
    assert any(e.find(f"{TEI}label/{TEI}certainty") is not None for e in events.iter(f"{TEI}event"))


# the JSON export, streamed -------------------------------------------------------------------
@pytest.mark.parametrize("root", [ROOT, SMALL], ids=["demo", "small"])
def test_the_streamed_json_export_is_the_whole_documents_bytes(root, tmp_path, capsys):
    from sourcecrit.export import export_ledger

    ledger = load_ledger(root, use_cache=False)
    whole = json.dumps(export_ledger(ledger), ensure_ascii=False, indent=2) + "\n"
    assert export(root, "json", capsys) == whole
    assert main(["--no-cache", "export", str(root), "-o", str(tmp_path / "ledger.json")]) == 0
    assert (tmp_path / "ledger.json").read_text(encoding="utf-8") == whole


def test_the_streamed_web_annotations_are_the_whole_documents_bytes(held_small, capsys):
    from sourcecrit.report.web_annotation import anchored_claims

    text = export(held_small, "web-annotation", capsys)
    items = list(anchored_claims(load_ledger(held_small, use_cache=False)))
    document = json.loads(text)
    whole = {**{k: document[k] for k in ("@context", "id", "type", "label")},
             "first": {**{k: document["first"][k] for k in ("id", "type", "startIndex")}, "items": items},
             "total": len(items)}
    assert text == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(("written", "when"), [
    ("16 March 1921", {"when": "1921-03-16"}),
    ("March 1921", {"when": "1921-03"}),
    ("1921", {"when": "1921"}),
    # years BC as TEI's @when counts them (XML Schema 1.0, the Guidelines' <date when="-0056">56 BC</date>),
    # not as ISO 8601 and the normalized days do (44 BC is -0043 there, 1 BC 0000)
    ("March 44 BC Gregorian", {"when": "-0044-03"}),
    ("44 BC Gregorian", {"when": "-0044"}),
    ("15 March 44 BC", {"when": "-0044-03-13"}),  # Julian, given as its Gregorian day
    ("1 BC Gregorian", {"when": "-0001"}),
    ("29 February 1 BC Gregorian", {"when": "-0001-02-29"}),  # a leap year, in both counts
    ("AD 1 Gregorian", {"when": "0001"}),
    ("between 45 and 43 BC Gregorian", {"notBefore": "-0045-01-01", "notAfter": "-0043-12-31"}),
])
def test_tei_dates_a_year_bc_as_tei_counts_it(written, when):
    assert dating(normalized(parse_date(written))) == when
