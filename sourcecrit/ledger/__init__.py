"""Reading, validating and editing a ledger folder: the plain pipeline, no caches, no processes."""

from sourcecrit.ledger.load import LEDGER_FOLDERS, LoadSteps, is_ledger, load_ledger
from sourcecrit.ledger.loaded import Ledger

__all__ = ["LEDGER_FOLDERS", "Ledger", "LoadSteps", "is_ledger", "load_ledger"]
