"""`export --format csl-json`: the ledger's sources as CSL-JSON, for Zotero, Pandoc or citeproc;
importing it (sourcecrit import sources) gives the same sources back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sourcecrit.importing.csl_json import render_csl_json

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger


def export_csl_json(ledger: "Ledger", compare=None) -> str:
    """Every source of ``ledger`` as one CSL-JSON document, in the ledger's order."""
    return render_csl_json(list(ledger.sources.values()))
