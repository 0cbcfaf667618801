"""Finding the bundled demo ledger: the repository's own claims/ and sources/."""

from __future__ import annotations

import sys
from pathlib import Path

from sourcecrit.ledger.load import is_ledger


def demo_ledger() -> Path | None:
    """The demo ledger beside the package (a checkout or editable install), or installed with it."""
    candidates = [
        Path(__file__).resolve().parent.parent,
        Path(sys.prefix) / "share" / "sourcecrit" / "demo",
    ]
    return next((path for path in candidates if is_ledger(path)), None)
