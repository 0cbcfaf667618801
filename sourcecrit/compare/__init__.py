"""The comparison engine: relations between claims, witnesses, statuses. No I/O, no UI."""

from sourcecrit.compare.findings import (
    CREDIBILITY_LABEL,
    STATUS_ORDER,
    STATUS_SYMBOL,
    CompareSteps,
    Fact,
    FactResult,
    Finding,
    Findings,
    Pair,
    SourceRecord,
    Status,
    Version,
    compare_context,
    compare_ledger,
    set_aside_against,
)
from sourcecrit.compare.relations import relate_claims
from sourcecrit.compare.witnesses import WitnessGraph

__all__ = [
    "CREDIBILITY_LABEL", "STATUS_ORDER", "STATUS_SYMBOL", "CompareSteps", "Fact", "FactResult", "Finding", "Findings",
    "Pair", "SourceRecord", "Status", "Version", "WitnessGraph", "compare_context", "compare_ledger", "relate_claims",
    "set_aside_against",
]
