"""The speed wing: caches, snapshots, a second process and writes after the answer.

It wraps the plain core (``sourcecrit.ledger.load_ledger``, ``sourcecrit.compare.compare_ledger``)
through the steps those take, and never changes an answer: what it loads and finds is what
the core gives on its own. Nothing in the core imports it; the public entry points
(``sourcecrit.load_ledger``, ``sourcecrit.compare_ledger``, the CLI and the TUI) go through it.

* speed.load: the load with the snapshot, the parse cache, the helper and the values read ahead
* speed.compare: the comparison with the findings memo and a forked child
* speed.snapshot, speed.parse_cache, speed.findings_memo: the caches on disk
* speed.parallel_parse, speed.read_ahead, speed.second_process: the work of two processes
* speed.background: the caches written by a forked child after the answer
* speed.thresholds: from what sizes the second process pays
"""

from sourcecrit.speed.compare import compare_ledger
from sourcecrit.speed.load import load_ledger
from sourcecrit.speed.thresholds import DEFAULT, Thresholds

__all__ = ["DEFAULT", "Thresholds", "compare_ledger", "load_ledger"]
