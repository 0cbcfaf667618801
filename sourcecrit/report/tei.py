"""`export --format tei`: the ledger as a TEI P5 fragment for an edition: a ``<div>`` holding
``<listBibl>`` (each source a ``<bibl>``), ``<listPerson>``, ``<listPlace>`` and ``<listOrg>``
(the gazetteer, with variants and Wikidata ids), and ``<listEvent>``: each subject whose claims
give dates an ``<event>``, and in it each such claim an ``<event>`` of its own, dated with
``@when`` (a day, month or year, Gregorian) or ``@notBefore``/``@notAfter`` (a span of days),
its written date in a ``<date>`` whose ``@calendar`` points at the calendars it was written in
(``#julian``, ``#rumi``, ``#hijri``, and ``#gregorian`` beside another: the edition's
``<calendarDesc>`` declares them), each hedge a ``<certainty>`` beside that date in the claim's
``<label>`` (TEI allows no ``<certainty>`` directly in an ``<event>``), and its citation a
``<bibl>`` pointing at the source with the locator and quote. Ids are prefixed (``source.``,
``claim.``, ``subject.``, ``entity.``) to be XML names. Written one record at a time.

The ``<div>`` belongs in an edition's ``<back>`` (or ``<body>``); its lists may as well stand in a
``<standOff>``. Both are valid TEI all (``tests/report/test_tei_schema.py``). ``@when``,
``@notBefore`` and ``@notAfter`` count years BC as TEI's W3C dates do (XML Schema 1.0): 1 BC is
``-0001`` and 44 BC ``-0044``, where ISO 8601 and the ledger's normalized days write ``0000`` and
``-0043``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from sourcecrit.citation import full_citation
from sourcecrit.values.calendars import GREGORIAN
from sourcecrit.values.date import Between, Bound, OneOf, SimpleDate, Span, normalized

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.models import Claim, Entity, Source

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LISTS = {"person": ("listPerson", "person", "persName"), "place": ("listPlace", "place", "placeName"),
         "organisation": ("listOrg", "org", "orgName")}
CERTAINTY = {"denies": "low", "doubts": "low"}


def export_tei(ledger: "Ledger", compare=None) -> Iterator[str]:
    """The TEI P5 fragment of ``ledger``, written one record at a time."""
    yield f'<div xmlns="{TEI}" type="sourcecrit-ledger">\n'
    yield from _section("listBibl", (bibl(source) for source in ledger.sources.values()))
    for kind, (list_name, _, _) in LISTS.items():
        entities = [e for e in ledger.entities.values() if (e.kind.value if e.kind else "person") == kind]
        if entities:
            yield from _section(list_name, (entity_element(entity, kind) for entity in entities))
    yield from _section("listEvent", (subject_event(ledger, subject_id, claims)
                                      for subject_id, claims in _dated_claims(ledger).items()))
    yield "</div>\n"


def _section(name: str, elements: Iterable[ET.Element]) -> Iterator[str]:
    """A list element of the div, its members serialized one by one, indented as within the whole."""
    opened = False
    for element in elements:
        if not opened:
            yield f"  <{name}>\n"
            opened = True
        ET.indent(element, level=2)
        element.tail = "\n"
        yield "    " + ET.tostring(element, encoding="unicode")
    yield f"  </{name}>\n" if opened else f"  <{name} />\n"


def subject_event(ledger: "Ledger", subject_id: str, claims: list["Claim"]) -> ET.Element:
    subject = ledger.subjects.get(subject_id)
    event = ET.Element(_tag("event"), {XML_ID: f"subject.{subject_id}"})
    ET.SubElement(event, _tag("label")).text = subject.label if subject else subject_id
    for claim in claims:
        event.append(claim_event(ledger, claim))
    return event


def _tag(name: str) -> str:
    return name  # in the TEI namespace, which the div declares for all it holds


def _dated_claims(ledger: "Ledger") -> dict[str, list["Claim"]]:
    found: dict[str, list["Claim"]] = {}
    for claim in ledger.claims.values():
        prop = ledger.properties.get(claim.property)
        if prop is not None and prop.type == "date" and claim.id in ledger.values:
            found.setdefault(claim.subject, []).append(claim)
    return found


def bibl(source: "Source") -> ET.Element:
    """A source as a ``<bibl>``: its formatted citation, with author, title and date marked up."""
    element = ET.Element(_tag("bibl"), {XML_ID: f"source.{source.id}"})
    for name in source.author:
        ET.SubElement(element, _tag("author")).text = name.display()
    if source.title:
        ET.SubElement(element, _tag("title")).text = source.title
    if source.issued:
        attributes = {"when": w3c_date(source.issued)} if _iso(source.issued) else {}
        ET.SubElement(element, _tag("date"), attributes).text = source.issued
    ET.SubElement(element, _tag("note"), {"type": "citation"}).text = full_citation(source)
    return element


def _iso(written: str) -> bool:
    parts = written.split("-")
    return 1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts) and all(len(p) == 2 for p in parts[1:])


def entity_element(entity: "Entity", kind: str) -> ET.Element:
    _, element_name, name_name = LISTS[kind]
    element = ET.Element(_tag(element_name), {XML_ID: f"entity.{entity.id}"})
    ET.SubElement(element, _tag(name_name)).text = entity.label
    for variant in entity.variants:
        ET.SubElement(element, _tag(name_name), {"type": "variant"}).text = variant
    if entity.wikidata:
        ET.SubElement(element, _tag("idno"), {"type": "wikidata"}).text = entity.wikidata
    return element


def claim_event(ledger: "Ledger", claim: "Claim") -> ET.Element:
    """One dated claim as an ``<event>``: its date, its citation, its hedges."""
    value = normalized(ledger.values[claim.id])
    element = ET.Element(_tag("event"), {XML_ID: f"claim.{claim.id}", "type": claim.property,
                                         **({"subtype": claim.qualifier} if claim.qualifier else {}),
                                         **dating(value)})
    prop = ledger.properties[claim.property]
    label = ET.SubElement(element, _tag("label"))
    label.text = f"{prop.label}" + (f" ({claim.qualifier})" if claim.qualifier else "") + ": "
    written = ET.SubElement(label, _tag("date"), _written_dating(ledger.values[claim.id], value))
    written.text = claim.value if isinstance(claim.value, str) else "; ".join(map(str, claim.value))
    if claim.stance.value != "asserts":
        written.tail = f" ({claim.stance.value})"
    label.extend(certainties(claim, _uncertain(value)))
    citation = ET.SubElement(element, _tag("bibl"))
    ET.SubElement(citation, _tag("ptr"), {"target": f"#source.{claim.source}"})
    if claim.locator:
        ET.SubElement(citation, _tag("citedRange")).text = claim.locator
    if claim.quote:
        ET.SubElement(citation, _tag("quote")).text = claim.quote
    if claim.attributed_to:
        ET.SubElement(citation, _tag("ptr"), {"type": "attributed-to", "target": f"#source.{claim.attributed_to}"})
    return element


def certainties(claim: "Claim", queried: bool = False) -> list[ET.Element]:
    """A ``<certainty>`` of the claim's value for each of its hedges, or one of low certainty for a
    claim that doubts or denies without a hedge; and one for a date its source wrote with a
    question mark (``queried``)."""
    found = []
    if queried:
        certainty = ET.Element(_tag("certainty"), {"locus": "value", "target": f"#claim.{claim.id}", "cert": "medium"})
        ET.SubElement(certainty, _tag("desc")).text = "the date is written with a question mark"
        found.append(certainty)
    for hedge in claim.hedges:
        certainty = ET.Element(_tag("certainty"), {"locus": "value", "target": f"#claim.{claim.id}",
                                                   "cert": CERTAINTY.get(claim.stance.value, "medium")})
        ET.SubElement(certainty, _tag("desc")).text = hedge
        found.append(certainty)
    if claim.stance.value != "asserts" and not claim.hedges:
        found.append(ET.Element(_tag("certainty"), {"locus": "value", "target": f"#claim.{claim.id}", "cert": "low"}))
    return found


def _uncertain(value: dict[str, Any]) -> bool:
    """Whether a written date, or any date in it, carries a question mark ("16 March 1921?")."""
    parts = [*value.get("options", ()), *(value[key] for key in ("start", "end", "low", "high", "date") if key in value)]
    return bool(value.get("uncertain")) or any(_uncertain(part) for part in parts)


def dating(value: dict[str, Any]) -> dict[str, str]:
    """``@when`` for one day, month or year (Gregorian), else ``@notBefore``/``@notAfter`` (the days it spans)."""
    if value.get("kind") == "date" and not value.get("approximate"):
        first = w3c_date(value["earliest"])
        if value["earliest"] == value["latest"]:
            return {"when": first}
        if value["precision"] == "month" and value["calendar"] == "gregorian":  # a year BC is signed: -0044-03
            return {"when": first.rsplit("-", 1)[0]}
        if value["precision"] == "year" and value["calendar"] == "gregorian":
            return {"when": first.rsplit("-", 2)[0]}
    bounds = {"notBefore": value.get("earliest"), "notAfter": value.get("latest")}
    return {k: w3c_date(v) for k, v in bounds.items() if v}


def w3c_date(iso: str) -> str:
    """An ISO 8601 date (a year, month or day) with its year BC counted as TEI's W3C dates count it:
    XML Schema 1.0 has no year 0000 and makes -0001 the year 1 BC, where ISO 8601 makes it 0000
    (the TEI Guidelines on att.datable.w3c: "instead the value -0001 should be used")."""
    year, dash, rest = iso.removeprefix("-").partition("-")
    number = -int(year) if iso.startswith("-") else int(year)
    return iso if number > 0 else f"-{1 - number:04d}{dash}{rest}"


def _written_dating(read: Any, value: dict[str, Any]) -> dict[str, str]:
    """The written date's own attributes: the calendars it was written in, unless only the Gregorian
    (a range, set or bound names each calendar of its parts: "#gregorian #julian")."""
    calendars = calendars_of(read)
    return {"calendar": " ".join(f"#{c}" for c in sorted(calendars))} if calendars - {GREGORIAN} else {}


def calendars_of(read: Any) -> set[str]:
    """The calendars the parts of a read date were written in."""
    if isinstance(read, SimpleDate):
        return {read.calendar}
    if isinstance(read, OneOf):
        parts: tuple = read.options
    elif isinstance(read, Span):
        parts = (read.start, read.end)
    elif isinstance(read, Bound):
        parts = (read.date,)
    elif isinstance(read, Between):
        parts = (read.low, read.high)
    else:
        return {GREGORIAN}
    return set().union(*(calendars_of(part) for part in parts))
