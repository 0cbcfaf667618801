"""The overview's rows over the query layer's facts (sourcecrit.query): plain Python.

A row's labels are made when it is first drawn, so a ledger of 20,000 facts opens as fast
as one of 20. Which facts a filter shows is the query layer's answer, the same the report
gives; its search text is built once, after the first screen shows, in the loader's
thread (``between`` lets the interface run meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from sourcecrit.compare import Finding, Findings, Status
from sourcecrit.query import Facts, SearchText, fact_label, subject_label

if TYPE_CHECKING:
    from sourcecrit.ledger import Ledger

@dataclass(slots=True)
class FactRow:
    """What the overview shows of one fact."""

    finding: Finding
    subject_label: str
    fact: str
    claims: int
    witnesses: int
    values: str

    @property
    def status(self) -> Status:
        return self.finding.status


class RowsOnDemand(Sequence[FactRow]):
    """Rows made when first asked for (``make``) and kept: 20,000 facts cost what a screenful does."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._made: dict[int, FactRow] = {}

    def make(self, index: int) -> FactRow:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = self.make(index)
        return row


class FactRows(RowsOnDemand):
    """The overview's rows of a loaded ledger."""

    def __init__(self, ledger: "Ledger", findings: list[Finding]) -> None:
        super().__init__(len(findings))
        self.ledger = ledger
        self.findings = findings

    def make(self, index: int) -> FactRow:
        return fact_row(self.ledger, self.findings[index])


def fact_row(ledger: "Ledger", finding: Finding) -> FactRow:
    values = " · ".join(v.label for v in finding.versions)
    if finding.accepted_label:
        values = f"→ {finding.accepted_label}   ({values})"
    return FactRow(finding, subject_label(ledger, finding.subject), fact_label(ledger, finding),
                   len(finding.claims), finding.independent_witnesses, values)


class FactIndex(Facts):
    """The facts of a ledger (selected as sourcecrit.query selects them) and their rows."""

    def __init__(self, ledger: "Ledger", findings: Findings, search: SearchText | None = None) -> None:
        super().__init__(ledger, findings, search)
        self.rows = FactRows(ledger, self.findings)
        self._position = {f.key: i for i, f in enumerate(self.findings)}  # made in the loader's thread

    def position(self, finding: Finding) -> int | None:
        """The row of ``finding``'s fact."""
        return self._position.get(finding.key)


def build_index(ledger: "Ledger", findings: Findings) -> FactIndex:
    """The overview's rows of ``findings``; their search text comes later (:meth:`FactIndex.build_search`)."""
    return FactIndex(ledger, findings)
