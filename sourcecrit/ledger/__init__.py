"""Reading, validating and editing a ledger folder."""

from sourcecrit.ledger.load import LEDGER_FOLDERS, Ledger, is_ledger, load_ledger

__all__ = ["LEDGER_FOLDERS", "Ledger", "is_ledger", "load_ledger"]
