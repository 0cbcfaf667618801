"""`export --format quickstatements`: the ledger's settled values, and the errors its resolutions
set aside, as QuickStatements commands (tab-separated, one statement with one reference a line)
for Wikidata or FactGrid.

Only facts whose subject carries a Wikidata id (``wikidata:`` on the subject, or on the entity of
the same id) and whose property names its Wikidata property are written, and of them:

- a resolved fact: its accepted value, once for each claim that asserts it (among those that
  support it), that claim's reference on the line; and each value given by a claim the
  resolution rejects, at deprecated rank with that claim's reference: Wikidata keeps a sourced
  value known to be wrong, marked as such, so that no one adds it again (Help:Deprecation). Only
  a claim that asserts a value contradicting the accepted one is written so: not one set aside
  though it agrees with it (a copy, say), nor one that denies or doubts (it states no value),
  nor a value the accepted one also gives (a rejected list of delegates may name one rightly),
  nor one without a reference to keep it for (a claim with no quote, URL or page);
- a fact no claim contradicts: each asserted value, referenced by the claims that give it;
- a disputed fact: nothing. Until an editor decides, no value is settled and none known wrong.

The accepted value is written at normal rank, not preferred. Preferred is for the best of
several valid values (the latest of a series of populations); an accepted date or signatory is
not one valid value among others, and with the errors deprecated, queries already see it and not
them. Preferred would also hide from queries every other normal-rank value of the property on
the item, which this ledger has not judged. Its lines carry no rank token: QuickStatements 3
makes a new statement normal and leaves the rank of one already there as another editor set it.

The rank is QuickStatements 3's token (wikimediabrasil/quickstatements3), the fourth field of a
statement line: ``Q…<TAB>P585<TAB>+1921-10-13T00:00:00Z/11/J<TAB>Rdeprecated<TAB>S854<TAB>"…"``.
The classic tool's v1 has no rank field and would read the token as the key of a reference, so
``ranks=False`` (``--no-ranks``) writes plain v1: the deprecated statements are left out, as a
statement without its rank would assert the error.

Values: a date as ``+1921-03-16T00:00:00Z/11`` (precision 11 a day, 10 a month, 9 a year), a
Julian date in its own calendar with ``/J``, a Rumi or Hijri one as its Gregorian day; a person,
place or body by its Wikidata item; a text as a string. Approximate, one-of, span and bounded
dates, and quantities (units carry no Wikidata item), are left out, deprecated or not. Each
reference gives the source's URL (S854), its locator when it is a page (S304) and the quote
(S1683) in the source's language.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterator

from sourcecrit.compare import Status, compare_context, set_aside_against
from sourcecrit.models import Stance
from sourcecrit.values.date import SimpleDate

if TYPE_CHECKING:
    from sourcecrit.compare import Finding, Findings
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.models import Claim
    from sourcecrit.values import CompareContext

DEPRECATED = "Rdeprecated"  # QuickStatements 3's rank token, the fourth field of a statement line
PRECISION = {"day": 11, "month": 10, "season": 9, "year": 9}
_PAGE = re.compile(r"^\s*(?:pages?|pp?\.)\s*(.+)$", re.IGNORECASE)
# the language codes both QuickStatements read before a monolingual text: letters, no digits
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]+)?$", re.IGNORECASE)


def export_quickstatements(ledger: "Ledger", compare: Callable[[], "Findings"], *, ranks: bool = True) -> Iterator[str]:
    """The settled values of ``ledger``'s facts that name Wikidata items and properties, and (with
    ``ranks``) the values its resolutions reject, deprecated; as QuickStatements commands, a fact at a time."""
    context = compare_context(ledger) if ranks and any(r.rejected for r in ledger.resolutions) else None
    for finding in compare().findings:
        lines = fact_lines(ledger, finding, context)
        if lines:
            yield "".join(f"{line}\n" for line in lines)


def fact_lines(ledger: "Ledger", finding: "Finding", context: "CompareContext | None" = None) -> list[str]:
    """A fact's statements: its settled values; with ``context`` (ranks are written), also the
    values of the claims its resolution rejects, deprecated."""
    item, prop = _item(ledger, finding.subject), ledger.properties.get(finding.property)
    if item is None or prop is None or not prop.wikidata or finding.status is Status.DISPUTED:
        return []
    head = f"{item}\t{prop.wikidata}"
    lines = []
    for value, claims in settled_values(ledger, finding):
        for written in values_of(ledger, prop.type, value):
            lines += [f"{head}\t{written}" + reference(ledger, ledger.claims[c]) for c in claims] or [f"{head}\t{written}"]
    if context is not None and finding.status is Status.RESOLVED:
        lines += deprecated_lines(ledger, finding, head, prop.type, context)
    return lines


def deprecated_lines(ledger: "Ledger", finding: "Finding", head: str, type_name: str,
                     context: "CompareContext") -> list[str]:
    """Each value a claim the resolution rejects asserts against the accepted value, deprecated,
    with that claim's reference (a claim with none gives no line: Wikidata keeps an error for the
    source that states it); never a value the accepted one gives too."""
    accepted = set(values_of(ledger, type_name, ledger.accepted[finding.key]))
    lines = []
    for claim_id in set_aside_against(ledger, finding, context):
        claim = ledger.claims[claim_id]
        if claim.stance is not Stance.ASSERTS:
            continue
        cited = reference(ledger, claim)
        lines += [f"{head}\t{written}\t{DEPRECATED}{cited}" for written in values_of(ledger, type_name, ledger.values[claim_id])
                  if written not in accepted and cited]
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
        parts.append(f"S1683\t{quote_language(source)}:{string(claim.quote)}")
    return "".join(f"\t{part}" for part in parts)


def quote_language(source: Any) -> str:
    """The source's language as a monolingual text's code; ``und`` (undetermined) when it has
    none, or one QuickStatements would not read (``es-419``: they take letters only)."""
    language = getattr(source, "language", None)
    return language.lower() if language and _LANGUAGE.match(language) else "und"


def string(text: str) -> str:
    """A QuickStatements string: in double quotes, which it cannot escape (they become single ones), on one line.
    A closing backslash is followed by a space, which both tools trim: QuickStatements 3 reads
    ``\\"`` as an escaped quote and would run the string on into the next line."""
    text = " ".join(str(text).replace('"', "'").split())
    return f'"{text} "' if text.endswith("\\") else f'"{text}"'
