"""Analysis of Competing Hypotheses (Heuer) for one fact: its competing versions as the
hypotheses, each claim as evidence.

Each cell says how a claim stands to a version, read from the comparison's own relation of
the claim to the version's first claim (the claim a version is grouped around): agreeing or
consistent is *consistent*, contradicting is *inconsistent*, a pair that could not be
compared is *not applicable*. Evidence that tells the hypotheses apart comes first. A
version is judged by the evidence against it, counted in independent witnesses (claims of
one author, or of works repeating one witness, count once), not in claims: Heuer's advice
is to prefer the hypothesis with the least evidence against it, not the most for it.

No I/O and no UI: the TUI's ACH screen and the reports show this same matrix.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

from sourcecrit.compare.findings import Finding, Version
from sourcecrit.compare.witnesses import WitnessGraph
from sourcecrit.values import Relation

if TYPE_CHECKING:
    from sourcecrit.compare.findings import Findings
    from sourcecrit.ledger.loaded import Ledger


class Mark(str, enum.Enum):
    """How one piece of evidence stands to one hypothesis."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_APPLICABLE = "not applicable"

    @property
    def letter(self) -> str:
        return MARK_LETTER[self]


MARK_LETTER = {Mark.CONSISTENT: "C", Mark.INCONSISTENT: "I", Mark.NOT_APPLICABLE: "–"}
_MARK_OF = {Relation.AGREE: Mark.CONSISTENT, Relation.CONSISTENT: Mark.CONSISTENT,
            Relation.CONTRADICT: Mark.INCONSISTENT, Relation.INCOMPARABLE: Mark.NOT_APPLICABLE}


class Voices(Protocol):
    """What the matrix needs of the witness graph: which witnesses are independent."""

    def independent(self, witnesses: set[str]) -> tuple[list[str], dict[str, str]]: ...

    def voices(self, witness: str) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Hypothesis:
    """One competing version, and the independent witnesses for and against it."""

    label: str
    claims: list[str]
    consistent: list[str]  # independent witnesses whose evidence is consistent with it
    inconsistent: list[str]  # independent witnesses whose evidence is inconsistent with it
    least_inconsistent: bool = False


@dataclass(frozen=True)
class Evidence:
    """One claim, its witness, and its mark under each hypothesis (in the hypotheses' order)."""

    claim: str
    witness: str
    marks: tuple[Mark, ...]
    counts_with: str | None = None  # an earlier row's claim whose witness it is one voice with

    @property
    def diagnosticity(self) -> int:
        """How many pairs of hypotheses it tells apart (one consistent, the other inconsistent)."""
        return self.marks.count(Mark.CONSISTENT) * self.marks.count(Mark.INCONSISTENT)


@dataclass(frozen=True)
class Matrix:
    """The ACH matrix of one fact."""

    key: tuple[str, str, str | None]
    hypotheses: list[Hypothesis]
    evidence: list[Evidence]  # the most diagnostic first
    reason: str  # which hypothesis has the least inconsistent evidence, and why

    @property
    def least_inconsistent(self) -> list[Hypothesis]:
        return [h for h in self.hypotheses if h.least_inconsistent]

    @property
    def diagnostic(self) -> list[Evidence]:
        return [e for e in self.evidence if e.diagnosticity]


def ach_matrix(finding: Finding, witness: dict[str, str], graph: Voices,
               name: Callable[[str], str] = str) -> Matrix | None:
    """The ACH matrix of ``finding`` (None when it has fewer than two versions to weigh);
    ``witness`` maps each claim to its witness, ``name`` a witness to what the reason calls it."""
    versions = competing(finding)
    if len(versions) < 2:
        return None
    marks = _marks(finding, versions)
    rows = [Evidence(claim, witness.get(claim, claim), row) for claim, row in zip(finding.claims, marks)]
    rows.sort(key=lambda e: -e.diagnosticity)  # stable: the ledger's order within one diagnosticity
    rows = _counted_once(rows, graph)
    hypotheses = [_hypothesis(version.label, version.claims, n, rows, graph) for n, version in enumerate(versions)]
    fewest = min(len(h.inconsistent) for h in hypotheses)
    hypotheses = [Hypothesis(h.label, h.claims, h.consistent, h.inconsistent, len(h.inconsistent) == fewest)
                  for h in hypotheses]
    return Matrix(finding.key, hypotheses, rows, _reason(hypotheses, name))


def competing(finding: Finding) -> list[Version]:
    """The versions that contradict another: one that contradicts none (a year where the
    others give days, a sum in another unit with no rate) is no competitor, only evidence."""
    pairs = finding.pairs
    place = {claim: n for n, claim in enumerate(finding.claims)}
    heads = [pairs.class_of[place[v.claims[0]]] for v in finding.versions]
    return [v for v, head in zip(finding.versions, heads)
            if any(pairs.relation(head, other) is Relation.CONTRADICT for other in heads if other != head)]


def _marks(finding: Finding, versions: list[Version]) -> list[tuple[Mark, ...]]:
    """Each claim's mark under each version, from the relation of its group to the group of
    the version's first claim (alike claims stand alike: worked out once per group)."""
    pairs = finding.pairs
    place = {claim: n for n, claim in enumerate(finding.claims)}
    class_of = pairs.class_of
    heads = [class_of[place[v.claims[0]]] for v in versions]
    own = {claim: n for n, v in enumerate(versions) for claim in v.claims}
    known: dict[tuple[int, int], tuple[Mark, ...]] = {}
    marks = []
    for claim, group in zip(finding.claims, class_of):
        home = own.get(claim, -1)
        row = known.get((group, home))
        if row is None:
            row = known[(group, home)] = tuple(
                Mark.CONSISTENT if n == home else _mark(pairs.relation(group, head)) for n, head in enumerate(heads))
        marks.append(row)
    return marks


def _mark(relation: Relation | None) -> Mark:
    return _MARK_OF[relation] if relation is not None else Mark.NOT_APPLICABLE


def _counted_once(rows: list[Evidence], graph: Voices) -> list[Evidence]:
    """Each row that repeats a witness (or an author) of an earlier row names that row: its
    evidence counts with it."""
    first: dict[str, str] = {}
    kept = []
    for row in rows:
        voices = (row.witness, *graph.voices(row.witness))
        earlier = next((first[v] for v in voices if v in first), None)
        kept.append(row if earlier is None else Evidence(row.claim, row.witness, row.marks, earlier))
        for voice in voices:
            first.setdefault(voice, row.claim)
    return kept


def _hypothesis(label: str, claims: list[str], n: int, rows: list[Evidence], graph: Voices) -> Hypothesis:
    consistent = {e.witness for e in rows if e.marks[n] is Mark.CONSISTENT}
    inconsistent = {e.witness for e in rows if e.marks[n] is Mark.INCONSISTENT}
    return Hypothesis(label, list(claims), _independent(consistent, graph), _independent(inconsistent, graph))


def _independent(witnesses: set[str], graph: Voices) -> list[str]:
    return sorted(graph.independent(witnesses)[0]) if witnesses else []


def _reason(hypotheses: list[Hypothesis], name: Callable[[str], str]) -> str:
    least = [h for h in hypotheses if h.least_inconsistent]
    others = [h for h in hypotheses if not h.least_inconsistent]
    count = len(least[0].inconsistent)
    if not others:
        return (f"no version has less evidence against it than the others: each has {_witnesses_text(count)} "
                "against it; the evidence does not tell them apart")
    against = _witnesses_text(count) + (f" ({', '.join(name(w) for w in least[0].inconsistent)})" if count else "")
    rest = "; ".join(f"{h.label}: {_witnesses_text(len(h.inconsistent))}" for h in others)
    if len(least) > 1:
        return (f"{' and '.join(h.label for h in least)} tie with the least evidence against them, "
                f"{_witnesses_text(count)} each, against {rest}")
    return f"{least[0].label} has the least evidence against it: {against}, against {rest}"


def _witnesses_text(count: int) -> str:
    if count == 0:
        return "no independent witness"
    return f"{count} independent witness{'es' * (count != 1)}"


def ledger_voices(ledger: "Ledger", findings: "Findings") -> WitnessGraph:
    """The witness graph the comparison used, for matrices of its findings (make it once)."""
    return WitnessGraph(ledger.sources, findings.authors)
