"""The conflict report as CSV: one row per claim of the selected facts.

Cells that a spreadsheet would read as a formula (beginning with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) are prefixed with ``'`` so they stay text.
"""

from __future__ import annotations

import csv
import io

from sourcecrit.report.views import ClaimView, FactView, Report, normalized_text

COLUMNS = ["subject", "subject_label", "property", "qualifier", "status", "claim", "value", "normalized",
           "relation_summary", "source", "witness", "citation", "locator", "quote", "hedges", "stance",
           "self_contradictions"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def harmless(cell: object) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def claim_row(fact: FactView, claim: ClaimView) -> list[str]:
    cells = [fact.subject, fact.subject_label, fact.property, fact.qualifier, fact.status, claim.id, claim.value,
             normalized_text(claim.normalized), claim.relations, claim.source, claim.witness, claim.citation,
             claim.locator, claim.quote, "; ".join(claim.hedges), claim.stance,
             "; ".join(fact.all_self_contradictions)]
    return [harmless(c) for c in cells]


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(claim_row(fact, claim) for fact in report.facts for claim in fact.claims)
    return out.getvalue()
