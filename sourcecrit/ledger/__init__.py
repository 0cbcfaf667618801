"""Reading, validating and editing a ledger folder: the plain pipeline, no caches, no processes."""

from __future__ import annotations

from typing import Any

from sourcecrit.ledger.load import LEDGER_FOLDERS, LoadSteps, is_ledger, load_ledger
from sourcecrit.ledger.loaded import Ledger

__all__ = ["LEDGER_FOLDERS", "Ledger", "LoadSteps", "append_records", "is_ledger", "load_ledger"]


def __getattr__(name: str) -> Any:
    """``append_records`` on first use: it brings in the round-trip writer, which loading never needs."""
    if name == "append_records":
        from sourcecrit.ledger.append import append_records

        return append_records
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
