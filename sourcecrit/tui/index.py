"""The overview's rows and their filter: plain Python over precomputed search strings.

One row per fact. Each row keeps a folded text (case and diacritics gone) and a
skeleton text (transliteration levelled), so filtering a keystroke is a substring test
per row; names the gazetteer knows are matched through it (Budenny finds Budyonny).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz, process

from sourcecrit.compare import STATUS_ORDER, Finding, Findings, Status
from sourcecrit.names import fold, skeleton
from sourcecrit.report.table import fact_label

if TYPE_CHECKING:
    from sourcecrit.ledger import Ledger

MISSPELT_CUTOFF = 80
MISSPELT_LIMIT = 6


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


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the overview to; empty means everything."""

    @property
    def narrowed(self) -> bool:
        return bool(self.query.strip() or self.statuses or self.source or self.property or self.entity or self.subject)

    query: str = ""
    statuses: frozenset[Status] = frozenset()
    source: str | None = None
    property: str | None = None  # noqa: A003 (shadows the builtin only below this line)
    entity: str | None = None
    subject: str | None = None


@dataclass
class FactIndex:
    """The rows of a ledger's facts with everything the filter needs, in parallel lists."""

    rows: list[FactRow]
    folded: list[str]
    skeletal: list[str]
    sources: list[frozenset[str]]
    entities: list[frozenset[str]]
    by_entity: dict[str, list[int]]
    matching_entities: object = None  # query -> entity ids (the gazetteer's matching)
    vocabulary: list[str] = field(default_factory=list)  # every distinct folded word, for typos

    def select(self, filters: Filters) -> list[int]:
        """Indices of the rows that pass ``filters``, in the findings' order."""
        chosen = self._structural(range(len(self.rows)), filters)
        for word in _words(filters.query):
            chosen = self._containing(chosen, word)
        return chosen

    def counts(self, indices: Iterable[int]) -> dict[Status, int]:
        counted = {status: 0 for status in STATUS_ORDER}
        for i in indices:
            counted[self.rows[i].finding.status] += 1
        return counted

    def _structural(self, candidates: Iterable[int], filters: Filters) -> list[int]:
        rows, statuses = self.rows, filters.statuses
        chosen = list(candidates)
        if statuses:
            chosen = [i for i in chosen if rows[i].finding.status in statuses]
        if filters.source:
            chosen = [i for i in chosen if filters.source in self.sources[i]]
        if filters.property:
            chosen = [i for i in chosen if rows[i].finding.property == filters.property]
        if filters.entity:
            chosen = [i for i in chosen if filters.entity in self.entities[i]]
        if filters.subject:
            chosen = [i for i in chosen if rows[i].finding.subject == filters.subject]
        return chosen

    def _containing(self, candidates: list[int], word: str) -> list[int]:
        folded_word, skeleton_word = fold(word), skeleton(word)
        if not folded_word:
            return candidates
        named: set[int] = set()
        if self.matching_entities is not None and len(folded_word) >= 3:
            for entity_id in self.matching_entities(word):
                named.update(self.by_entity.get(entity_id, ()))
        folded, skeletal = self.folded, self.skeletal
        if len(skeleton_word) < 3:  # a skeleton this short ("zz" -> "z") would match nearly anything
            found = [i for i in candidates if folded_word in folded[i] or i in named]
        else:
            found = [i for i in candidates
                     if folded_word in folded[i] or skeleton_word in skeletal[i] or i in named]
        if found or len(folded_word) < 4 or " " in folded_word:
            return found
        return self._misspelt(candidates, folded_word)

    def _misspelt(self, candidates: list[int], word: str) -> list[int]:
        """Rows holding a word close to ``word`` (a typo: Moskow, Erzerum), when nothing holds it."""
        close = [found for found, _, _ in process.extract(word, self.vocabulary, scorer=fuzz.ratio,
                                                          score_cutoff=MISSPELT_CUTOFF, limit=MISSPELT_LIMIT)]
        folded = self.folded
        return [i for i in candidates if any(c in folded[i] for c in close)]


def _words(query: str) -> list[str]:
    return [word for word in query.split() if word]


def build_index(ledger: "Ledger", findings: Findings) -> FactIndex:
    """The overview rows of ``findings`` with their search strings."""
    rows, folded, skeletal, sources, entities = [], [], [], [], []
    by_entity: dict[str, list[int]] = defaultdict(list)
    fold_piece, skeleton_piece = lru_cache(maxsize=100_000)(fold), lru_cache(maxsize=100_000)(skeleton)
    for index, finding in enumerate(findings.findings):
        row, pieces, source_ids, entity_ids = _row(ledger, findings, finding)
        rows.append(row)
        folded.append(" ".join(fold_piece(piece) for piece in pieces))
        skeletal.append(" ".join(skeleton_piece(piece) for piece in pieces))
        sources.append(source_ids)
        entities.append(entity_ids)
        for entity_id in entity_ids:
            by_entity[entity_id].append(index)
    vocabulary = sorted({word for text in folded for word in text.split() if len(word) >= 3})
    return FactIndex(rows, folded, skeletal, sources, entities, dict(by_entity), ledger.gazetteer.matching, vocabulary)


def _row(ledger: "Ledger", findings: Findings, finding: Finding) -> tuple[FactRow, list[str], frozenset[str], frozenset[str]]:
    subject = ledger.subjects.get(finding.subject)
    subject_label = subject.label if subject else finding.subject
    fact = fact_label(ledger, finding)
    claims = [ledger.claims[c] for c in finding.claims if c in ledger.claims]
    values = " · ".join(v.label for v in finding.versions)
    if finding.accepted_label:
        values = f"→ {finding.accepted_label}   ({values})"
    source_ids = frozenset(c.source for c in claims) | frozenset(c.attributed_to for c in claims if c.attributed_to)
    entity_ids = frozenset(_entity_ids(ledger, claims))
    pieces = [subject_label, finding.subject, fact, finding.property, finding.qualifier or "",
              *(v.label for v in finding.versions), *(_written(c.value) for c in claims),
              *(ledger.source_label(s) for s in source_ids), *(ledger.gazetteer.label(e) for e in entity_ids)]
    witnesses = finding.independent_witnesses
    return FactRow(finding, subject_label, fact, len(finding.claims), witnesses, values), pieces, source_ids, entity_ids


def _entity_ids(ledger: "Ledger", claims) -> Iterable[str]:
    for claim in claims:
        value = ledger.values.get(claim.id)
        if value is not None and ledger.value_type_name(claim) == "entities":
            yield from value.ids()


def _written(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(value)
    return " ".join(f"{role} {_written(names)}" for role, names in value.items())
