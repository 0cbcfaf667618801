"""`export --format quickstatements`: the ledger's settled values as QuickStatements v1 commands
(tab-separated, one statement with one reference a line) for Wikidata or FactGrid.

Only facts whose subject carries a Wikidata id (``wikidata:`` on the subject, or on the entity of
the same id) and whose property names its Wikidata property are written, and only their
settled values: a resolution's accepted value, resting on the claims that support it; else,
for a fact no claim contradicts, each asserted value. Disputed facts are left out: QuickStatements
v1 has no syntax for a statement's rank, so a rejected claim cannot be written deprecated, and
is not written at all. Values: a date as ``+1921-03-16T00:00:00Z/11`` (precision 11 a day, 10 a
month, 9 a year), a Julian date in its own calendar with ``/J``, a Rumi or Hijri one as its
Gregorian day; a person, place or body by its Wikidata item; a text as a string. Approximate,
one-of, span and bounded dates, and quantities (units carry no Wikidata item), are left out.
Each reference gives the source's URL (S854), its locator when it is a page (S304) and the
quote (S1683) in the source's language.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterator

from sourcecrit.compare import Status
from sourcecrit.models import Stance
from sourcecrit.values.date import SimpleDate

if TYPE_CHECKING:
    from sourcecrit.compare import Finding, Findings
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.models import Claim

PRECISION = {"day": 11, "month": 10, "season": 9, "year": 9}
_PAGE = re.compile(r"^\s*(?:pages?|pp?\.)\s*(.+)$", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]+)?$", re.IGNORECASE)


def export_quickstatements(ledger: "Ledger", compare: Callable[[], "Findings"]) -> str:
    """The settled values of ``ledger``'s facts that name Wikidata items and properties, as QuickStatements v1."""
    lines: list[str] = []
    for finding in compare().findings:
        lines += fact_lines(ledger, finding)
    return "".join(f"{line}\n" for line in lines)


def fact_lines(ledger: "Ledger", finding: "Finding") -> list[str]:
    item, prop = _item(ledger, finding.subject), ledger.properties.get(finding.property)
    if item is None or prop is None or not prop.wikidata or finding.status is Status.DISPUTED:
        return []
    lines = []
    for value, claims in settled_values(ledger, finding):
        for written in values_of(ledger, prop.type, value):
            statement = f"{item}\t{prop.wikidata}\t{written}"
            lines += [statement + reference(ledger, ledger.claims[c]) for c in claims] or [statement]
    return lines


def settled_values(ledger: "Ledger", finding: "Finding") -> list[tuple[Any, list[str]]]:
    """Each settled value of a fact not disputed, with the claims that assert it: a claim that
    supports the accepted value by denying or doubting another states nothing to cite for it."""
    asserting = {c for c in finding.claims if ledger.claims[c].stance is Stance.ASSERTS}
    if finding.status is Status.RESOLVED and finding.key in ledger.accepted:
        return [(ledger.accepted[finding.key], [c for c in finding.supporting if c in asserting])]
    settled = []
    for version in finding.versions:
        claims = [c for c in version.claims if c in asserting and c in ledger.values]
        if claims:
            settled.append((ledger.values[claims[0]], claims))
    return settled


def _item(ledger: "Ledger", subject_id: str) -> str | None:
    subject, entity = ledger.subjects.get(subject_id), ledger.entities.get(subject_id)
    return (subject.wikidata if subject else None) or (entity.wikidata if entity else None)


def values_of(ledger: "Ledger", type_name: str, value: Any) -> Iterator[str]:
    """The QuickStatements values of one read value (several for a list of people)."""
    if type_name == "date" and isinstance(value, SimpleDate) and not value.approximate:
        yield time_value(value)
    elif type_name == "entities":
        for entity_id in sorted(value.ids()):
            entity = ledger.entities.get(entity_id)
            if entity is not None and entity.wikidata:
                yield entity.wikidata
    elif type_name == "text":
        yield string(value.text if hasattr(value, "text") else str(value))


def time_value(day: SimpleDate) -> str:
    """``+1921-03-16T00:00:00Z/11``; a Julian date in the Julian calendar, marked ``/J``."""
    precision = PRECISION[day.precision]
    if day.calendar in ("gregorian", "julian"):  # Wikidata counts years BC as written (44 BC is -0044), not from 0
        year, month, dom = day.year if day.year > 0 else day.year - 1, day.month or 0, day.day or 0
    else:  # Rumi and Hijri: Wikidata knows neither calendar; their Gregorian day (month, year) stands in
        first = date.fromordinal(day.first)
        year, month, dom = first.year, first.month if precision >= 10 else 0, first.day if precision >= 11 else 0
    if precision < 10:
        month = dom = 0
    sign = "+" if year >= 0 else "-"
    return f"{sign}{abs(year):04d}-{month:02d}-{dom:02d}T00:00:00Z/{precision}" + ("/J" if day.calendar == "julian" else "")


def reference(ledger: "Ledger", claim: "Claim") -> str:
    """The claim as one reference: stated in (when the source has an item), URL, page and quote."""
    source = ledger.sources.get(claim.source)
    parts = []
    item = getattr(source, "wikidata", None)
    if item:
        parts.append(f"S248\t{item}")
    if source is not None and source.URL:
        parts.append(f"S854\t{string(source.URL)}")
    page = _PAGE.match(claim.locator or "")
    if page:
        parts.append(f"S304\t{string(page.group(1))}")
    if claim.quote:
        language = source.language if source is not None and source.language and _LANGUAGE.match(source.language) else "und"
        parts.append(f"S1683\t{language.lower()}:{string(claim.quote)}")
    return "".join(f"\t{part}" for part in parts)


def string(text: str) -> str:
    """A QuickStatements string: in double quotes, which it cannot escape (they become single ones), on one line."""
    return '"' + " ".join(str(text).replace('"', "'").split()) + '"'
