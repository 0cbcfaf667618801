"""The findings as one JSON-ready document: `sourcecrit conflicts --json` and `report --format json`.

The shape is documented in the README ("The findings JSON"); keys are stable and the
order of everything is deterministic, so two runs on one ledger give the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from sourcecrit import __version__
from sourcecrit.compare import CREDIBILITY_LABEL, Finding, Findings, Status
from sourcecrit.compare.ach import Voices, ach_matrix, ledger_voices
from sourcecrit.export import json_document_chunks
from sourcecrit.query import subject_label
from sourcecrit.report.views import Report, credibility, normalized, one_at_a_time

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

FINDINGS_SHAPE = "sourcecrit-findings/1"


def render_json(report: Report) -> Iterator[str]:
    """The findings document of the report's facts (``report --format json``), one fact at a time."""
    entries = findings_entries(report.ledger, report.findings, report.selected)
    if report.made_at:
        entries.append(("generated", report.made_at.strftime("%Y-%m-%dT%H:%M:%SZ")))
    return json_document_chunks(entries)


def findings_document(ledger: "Ledger", findings: Findings, selected: list[Finding] | None = None) -> dict[str, Any]:
    """The findings of ``ledger`` (or the ``selected`` ones) with a summary and per-source counts."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in findings_entries(ledger, findings, selected)}


def findings_entries(ledger: "Ledger", findings: Findings,
                     selected: list[Finding] | None = None) -> list[tuple[str, Any]]:
    """The findings document's keys and values in order; its findings one at a time, as they are read."""
    chosen = findings.findings if selected is None else selected
    voices = ledger_voices(ledger, findings)
    return [
        ("shape", FINDINGS_SHAPE),
        ("sourcecrit", __version__),
        ("summary", {"facts": len(findings.findings), "by_status": findings.counts(),
                     "claims": len(ledger.claims), "sources": len(ledger.sources)}),
        ("findings", (finding_entry(ledger, findings, f, voices) for f in one_at_a_time(chosen))),
        ("sources", [_source_entry(ledger, r) for r in findings.sources.values()]),
        ("citation_cycles", findings.cycles),
    ]


def finding_entry(ledger: "Ledger", findings: Findings, finding: Finding, voices: Voices | None = None) -> dict[str, Any]:
    prop = ledger.properties.get(finding.property)
    return {
        "subject": finding.subject,
        "subject_label": subject_label(ledger, finding.subject),
        "property": finding.property,
        "property_label": prop.label if prop else finding.property,
        "qualifier": finding.qualifier,
        "status": finding.status.value,
        "status_reason": finding.status_reason,
        "self_contradictions": finding.self_contradictions,
        "claims": [_claim_entry(ledger, findings, cid) for cid in finding.claims],
        "pairs": [{"a": p.a, "b": p.b, "relation": p.relation.value, "reason": p.reason} for p in finding.pairs],
        "versions": [
            {"value": v.label, "stance": v.stance.value, "normalized": normalized(ledger, ledger.claims[v.claims[0]]) or {},
             "claims": v.claims,
             "witnesses": v.witnesses, "independent_witnesses": v.independent, "witness_count": v.witness_count,
             "drawn_from": v.drawn_from, "same_author": v.same_author}
            for v in finding.versions
        ],
        "resolution": _resolution_entry(finding),
        "hypotheses": _hypotheses_entry(ledger, findings, finding, voices) if finding.status is Status.DISPUTED else None,
    }


def _hypotheses_entry(ledger: "Ledger", findings: Findings, finding: Finding, voices: Voices | None) -> dict[str, Any] | None:
    """A disputed fact's competing versions weighed against every claim (ACH), as the reports show them."""
    matrix = ach_matrix(finding, findings.witness, voices or ledger_voices(ledger, findings))
    if matrix is None:
        return None
    return {
        "reason": matrix.reason,
        "versions": [{"value": h.label, "claims": h.claims, "consistent": h.consistent, "inconsistent": h.inconsistent,
                      "least_inconsistent": h.least_inconsistent} for h in matrix.hypotheses],
        "evidence": [{"claim": e.claim, "witness": e.witness, "marks": [m.value for m in e.marks],
                      "diagnosticity": e.diagnosticity, "counts_with": e.counts_with} for e in matrix.evidence],
    }


def _claim_entry(ledger: "Ledger", findings: Findings, claim_id: str) -> dict[str, Any]:
    claim = ledger.claims[claim_id]
    grade = credibility(findings, claim_id)
    witness = findings.witness.get(claim_id)
    authorship = findings.authors.get(witness) if witness else None
    return {
        "id": claim.id, "source": claim.source, "witness": witness,
        "witness_authors": list(authorship.entities) if authorship else [],
        "witness_authors_found": authorship.how if authorship else None,
        "attributed_to": claim.attributed_to, "value": claim.value, "normalized": normalized(ledger, claim),
        "stance": claim.stance.value, "hedges": claim.hedges, "locator": claim.locator, "quote": claim.quote,
        "credibility": grade, "credibility_label": CREDIBILITY_LABEL[grade], "flagged": claim.flagged,
    }


def _resolution_entry(finding: Finding) -> dict[str, Any] | None:
    resolution = finding.resolution
    if resolution is None:
        return None
    return {
        "accepted": resolution.accepted, "accepted_label": finding.accepted_label, "rationale": resolution.rationale,
        "decided_by": resolution.decided_by, "decided_on": resolution.decided_on, "rests_on": resolution.rests_on,
        "rejected": [{"claim": r.claim, "reason": r.reason} for r in resolution.rejected],
    }


def _source_entry(ledger: "Ledger", record) -> dict[str, Any]:
    return {
        "source": record.source, "citation": ledger.source_label(record.source), "claims": record.claims,
        "contradicted": record.contradicted, "contradicted_by": record.contradicted_by,
        "agree_with_resolution": record.agree_with_resolution, "rejected": record.rejected,
        "reliability": record.reliability,
    }
