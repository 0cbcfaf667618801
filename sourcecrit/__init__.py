"""sourcecrit: record each claim per source with its citation, and see where documents
agree and where they contradict, and why.

The Python API in one call::

    import sourcecrit
    ledger = sourcecrit.load_ledger("path/to/ledger")
    findings = sourcecrit.compare_ledger(ledger)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load_ledger", "compare_ledger", "__version__"]


def load_ledger(path, *, use_cache: bool = True):
    """Read and validate the ledger folder at ``path``; problems are in ``ledger.problems``."""
    from sourcecrit.ledger import load_ledger as _load

    return _load(path, use_cache=use_cache)


def compare_ledger(ledger):
    """Compare every fact of a loaded ledger: statuses, relations, witnesses, resolutions."""
    from sourcecrit.compare import compare_ledger as _compare

    return _compare(ledger)
