"""The conflict report as CSV: one row per claim of the selected facts, in flat columns a
spreadsheet sorts and filters: the value as written, its normalized start and end (dates,
ISO days) or low and high and unit (quantities), the credibility grade and its label, the
witness by id and by name, and how many independent witnesses stand behind its value.

Cells that a spreadsheet would read as a formula (beginning with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) are prefixed with ``'`` so they stay text.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator

from sourcecrit.report.views import ClaimView, FactView, Report, normalized_text

COLUMNS = ["subject", "subject_label", "property", "qualifier", "status", "claim", "value", "start", "end", "low",
           "high", "unit", "credibility", "credibility_label", "witness", "witness_name", "witness_count", "source",
           "citation", "cited_as", "locator", "quote", "hedges", "stance", "relation_summary", "normalized",
           "self_contradictions"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def harmless(cell: object) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def bounds(normalized: Any) -> tuple[str, str, str, str, str]:
    """(start, end, low, high, unit) of a normalized value: a date's earliest and latest ISO
    days, a quantity's low, high and unit; blank for any other type or an open end."""
    if not isinstance(normalized, dict):
        return "", "", "", "", ""
    if "earliest" in normalized:
        return normalized.get("earliest") or "", normalized.get("latest") or "", "", "", ""
    if "low" in normalized and "unit" in normalized:
        return "", "", _number(normalized["low"]), _number(normalized.get("high")), normalized.get("unit") or ""
    return "", "", "", "", ""


def _number(value: Any) -> str:
    """A number without a needless '.0' (10000000, not 10000000.0); blank for none."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def claim_row(fact: FactView, claim: ClaimView) -> list[str]:
    cells = [fact.subject, fact.subject_label, fact.property, fact.qualifier, fact.status, claim.id, claim.value,
             *bounds(claim.normalized), claim.grade, claim.credibility_label, claim.witness, claim.witness_name,
             claim.witness_count, claim.source, claim.citation, claim.cited_as, claim.locator, claim.quote,
             "; ".join(claim.hedges), claim.stance, claim.relations, normalized_text(claim.normalized),
             "; ".join(fact.all_self_contradictions)]
    return [harmless(c) for c in cells]


def render_csv(report: Report) -> Iterator[str]:
    """The header, then the rows of one fact at a time."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for fact in report.fact_views():
        writer.writerows(claim_row(fact, claim) for claim in fact.claims)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()
