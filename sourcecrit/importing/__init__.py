"""Reading the field's formats into ledger records: one module per format (csl_json, bibtex, ris,
claims_csv, claims_xlsx), and the merge of incoming sources with the ledger's (sources).

A reader turns a file's text into source records as the ledger writes them: CSL-JSON field
names, every scalar as text, dates in sourcecrit's syntax, the id made from the entry's citekey
by the id rules with the original kept as ``citekey``. Nothing here writes; see
sourcecrit.importing.sources for that. A file is read by sourcecrit.importing.read.
"""

from __future__ import annotations

from typing import Any

from sourcecrit.models import Source

__all__ = ["ImportFailed", "Record", "in_model_order"]

Record = dict[str, Any]


class ImportFailed(Exception):
    """A file that cannot be imported as asked; the message names the file and what to do."""


def in_model_order(record: Record) -> Record:
    """The record's fields in the order the Source model declares them (id, citekey, type, title,
    author, ..., issued, ...), as a historian reads a source; fields it does not know last."""
    order = {field.alias or name: rank for rank, (name, field) in enumerate(Source.model_fields.items())}
    return dict(sorted(record.items(), key=lambda item: order.get(item[0], len(order))))
