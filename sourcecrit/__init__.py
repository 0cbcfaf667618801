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


# The entry points go through the speed wing, which wraps the plain core
# (sourcecrit.ledger.load_ledger, sourcecrit.compare.compare_ledger) and gives the same answers.
# Imported when first called, so that ``import sourcecrit`` stays light.
def load_ledger(path, *, use_cache: bool = True):
    """Read and validate the ledger folder at ``path``; problems are in ``ledger.problems``.

    With ``use_cache`` (the default) the caches under ``$SOURCECRIT_CACHE_DIR`` are read and written."""
    from sourcecrit.speed import load_ledger as _load

    return _load(path, use_cache=use_cache)


def compare_ledger(ledger):
    """Compare every fact of a loaded ledger: statuses, relations, witnesses, resolutions."""
    from sourcecrit.speed import compare_ledger as _compare

    return _compare(ledger)
