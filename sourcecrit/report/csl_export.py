"""`export --format csl-json`: the ledger's sources as CSL-JSON, for Zotero, Pandoc or citeproc;
importing it (sourcecrit import sources) gives the same sources back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from sourcecrit.importing.csl_json import csl_json_chunks

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger


def export_csl_json(ledger: "Ledger", compare=None) -> Iterator[str]:
    """Every source of ``ledger`` as one CSL-JSON document, in the ledger's order, one source at a time."""
    return csl_json_chunks(ledger.sources.values())
