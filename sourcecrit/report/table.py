"""The findings as a terminal table (tabulate): `sourcecrit conflicts`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tabulate import tabulate

from sourcecrit.compare import STATUS_SYMBOL, Finding
from sourcecrit.query import fact_label, subject_label

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

HEADERS = ["status", "subject", "fact", "competing values (claims, independent witnesses)", "why"]


def versions_text(finding: Finding) -> str:
    return "\n".join(
        f"{v.label} ({len(v.claims)} claim{'s' * (len(v.claims) != 1)}, {v.witness_count} witness{'es' * (v.witness_count != 1)})"
        for v in finding.versions
    )


def findings_table(ledger: "Ledger", findings: list[Finding]) -> str:
    """One row per fact; empty selections say so."""
    if not findings:
        return "No facts to show (no disputes; use --all for every fact)."
    rows = [
        [f"{STATUS_SYMBOL[f.status]} {f.status.value}", subject_label(ledger, f.subject), fact_label(ledger, f),
         versions_text(f), f.status_reason]
        for f in findings
    ]
    return tabulate(rows, headers=HEADERS, tablefmt="simple_grid", maxcolwidths=[None, 28, 16, 44, 50])
