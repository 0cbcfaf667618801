"""What the TUI holds of a loaded ledger: the ledger, its findings, the overview index,
and the look-ups every screen needs. Built in a worker thread; no Textual here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sourcecrit import compare_ledger
from sourcecrit.compare import Finding, Findings
from sourcecrit.ledger import LEDGER_FOLDERS, Ledger
from sourcecrit.problems import Problem
from sourcecrit.tui.index import FactIndex, build_index

Signature = frozenset[tuple[str, int, int]]


@dataclass
class LedgerState:
    """A loaded and compared ledger, ready to show."""

    ledger: Ledger
    findings: Findings
    index: FactIndex
    by_key: dict[tuple, Finding] = field(default_factory=dict)
    finding_of_claim: dict[str, Finding] = field(default_factory=dict)
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    prints: dict[str, list[str]] = field(default_factory=dict)  # the sources printed in each
    claims_by_source: dict[str, list[str]] = field(default_factory=dict)  # in the ledger's order
    signature: Signature = frozenset()

    @cached_property
    def problems(self) -> list[Problem]:
        return sorted(set(self.ledger.problems) | set(self.findings.problems))

    @cached_property
    def counts(self) -> dict[str, int]:
        """Facts per status (value): the overview's filter bar."""
        return self.findings.counts()

    # what the overview shows of a ledger, loaded or glanced (see tui.glance)
    @cached_property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def claim_count(self) -> int:
        return len(self.ledger.claims)

    @property
    def source_count(self) -> int:
        return len(self.ledger.sources)


def build_state(ledger: Ledger, signature: Signature = frozenset()) -> LedgerState:
    """Compare ``ledger`` and index it for the screens (the search text comes later:
    ``state.index.build_search()``)."""
    findings = compare_ledger(ledger)
    state = LedgerState(ledger, findings, build_index(ledger, findings), signature=signature)
    state.by_key = {f.key: f for f in findings.findings}
    state.finding_of_claim = {c: f for f in findings.findings for c in f.claims}
    cited_by: dict[str, list[str]] = defaultdict(list)
    prints: dict[str, list[str]] = defaultdict(list)  # a source's screen would otherwise scan every source
    for source in ledger.sources.values():
        for cited in source.cites:
            cited_by[cited].append(source.id)
        if source.contained_in:
            prints[source.contained_in].append(source.id)
    state.cited_by, state.prints = dict(cited_by), dict(prints)
    by_source: dict[str, list[str]] = defaultdict(list)  # a source's screen would otherwise scan every claim
    for claim_id, claim in ledger.claims.items():
        by_source[claim.source].append(claim_id)
    state.claims_by_source = dict(by_source)
    return state


def ledger_signature(root: Path) -> Signature:
    """Every ledger file and folder with its modification time and size: cheap to take
    (one stat per entry), and it changes when a file is edited, added or removed."""
    entries: set[tuple[str, int, int]] = set()
    for folder in LEDGER_FOLDERS:
        _scan(root / folder, entries)
    return frozenset(entries)


def _scan(folder: Path, entries: set[tuple[str, int, int]]) -> None:
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith("."):
                    continue
                stat = entry.stat()
                entries.add((entry.path, stat.st_mtime_ns, stat.st_size))
                if entry.is_dir():
                    _scan(Path(entry.path), entries)
    except FileNotFoundError:
        return


def yaml_count(signature: Signature) -> int:
    return sum(1 for path, _, _ in signature if path.endswith((".yaml", ".yml")))
