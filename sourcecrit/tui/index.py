"""The overview's rows and their filter: plain Python over the findings.

A row's labels are made when it is first drawn, so a ledger of 20,000 facts opens as fast
as one of 20. Searching needs every fact's words folded (case and diacritics gone) and
skeletal (transliteration levelled), so that a keystroke is a substring test per row and
names the gazetteer knows are matched through it (Budenny finds Budyonny): that
:class:`SearchText` is built once, after the first screen shows, in the loader's thread.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from sourcecrit.compare import STATUS_ORDER, Finding, Findings, Status
from sourcecrit.names import fold, skeleton
from sourcecrit.report.table import fact_label

if TYPE_CHECKING:
    from sourcecrit.ledger import Ledger

MISSPELT_CUTOFF = 80
STEP = 500  # facts worked through between two chances for the interface to run (a few ms)
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

    @property
    def need_search(self) -> bool:
        """Whether these filters read the search text (words, sources, names of each fact)."""
        return bool(self.query.strip() or self.source or self.entity)

    query: str = ""
    statuses: frozenset[Status] = frozenset()
    source: str | None = None
    property: str | None = None  # noqa: A003 (shadows the builtin only below this line)
    entity: str | None = None
    subject: str | None = None


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
    subject = ledger.subjects.get(finding.subject)
    values = " · ".join(v.label for v in finding.versions)
    if finding.accepted_label:
        values = f"→ {finding.accepted_label}   ({values})"
    return FactRow(finding, subject.label if subject else finding.subject, fact_label(ledger, finding),
                   len(finding.claims), finding.independent_witnesses, values)


@dataclass
class SearchText:
    """Per fact, in the findings' order: its words folded and skeletal, its sources and names."""

    folded: list[str]
    skeletal: list[str]
    sources: list[frozenset[str]]
    entities: list[frozenset[str]]
    by_entity: dict[str, list[int]]
    matching_entities: Callable[[str], Iterable[str]] | None = None  # the gazetteer's matching
    entity_label: Callable[[str], str] | None = None  # the gazetteer's label of an entity

    @cached_property
    def vocabulary(self) -> list[str]:
        """Every distinct folded word of three letters or more, for typos."""
        return sorted({word for text in self.folded for word in text.split() if len(word) >= 3})


class FactIndex:
    """The rows of a ledger's facts and the filter over them."""

    def __init__(self, ledger: "Ledger", findings: Findings, search: SearchText | None = None) -> None:
        self.ledger = ledger
        self.findings = findings.findings
        self.rows = FactRows(ledger, self.findings)
        self.search = search
        self._position = {f.key: i for i, f in enumerate(self.findings)}  # made in the loader's thread
        # what the filters compare, read off the findings once: a filter then costs a list
        # look-up per fact, not an attribute of 20,000 objects
        self._statuses = [f.status for f in self.findings]
        self._status_values = [status.value for status in self._statuses]  # plain strings hash in C
        self._subjects = [f.subject for f in self.findings]
        self._properties = [f.property for f in self.findings]

    def build_search(self, between: Callable[[], None] | None = None) -> SearchText:
        """Build the search text (slow on a large ledger: call it in a worker thread, with
        ``between`` letting the interface run now and then; see build_search)."""
        if self.search is None:
            self.search = build_search(self.ledger, self.findings, between)
        return self.search

    def position(self, finding: Finding) -> int | None:
        """The row of ``finding``'s fact."""
        return self._position.get(finding.key)

    def select(self, filters: Filters) -> list[int] | None:
        """Indices of the rows that pass ``filters``, in the findings' order; None while the
        filters need the search text and it is not built yet."""
        if filters.need_search and self.search is None:
            return None
        chosen = self._structural(filters)
        for word in filters.query.split():
            chosen = self._containing(chosen, word)
        return chosen

    def counts(self, indices: Iterable[int]) -> dict[Status, int]:
        counted = {status: 0 for status in STATUS_ORDER}
        statuses = self._statuses
        for i in indices:
            counted[statuses[i]] += 1
        return counted

    def _structural(self, filters: Filters) -> list[int]:
        search = self.search
        chosen: Iterable[int] = range(len(self.findings))
        if filters.entity:
            chosen = sorted(search.by_entity.get(filters.entity, ()))
        if filters.statuses:
            wanted, statuses = {status.value for status in filters.statuses}, self._status_values
            chosen = [i for i in chosen if statuses[i] in wanted]
        if filters.subject:
            subjects = self._subjects
            chosen = [i for i in chosen if subjects[i] == filters.subject]
        if filters.property:
            properties = self._properties
            chosen = [i for i in chosen if properties[i] == filters.property]
        if filters.source:
            sources = search.sources
            chosen = [i for i in chosen if filters.source in sources[i]]
        return list(chosen)

    def _containing(self, candidates: list[int], word: str) -> list[int]:
        search = self.search
        folded_word, skeleton_word = fold(word), skeleton(word)
        if not folded_word:
            return candidates
        named: set[int] = set()
        also: tuple[str, ...] = ()  # the gazetteer's names for what was typed ("Havsa": Havza), as words
        if search.matching_entities is not None and len(folded_word) >= 3:
            entity_ids = set(search.matching_entities(word))
            for entity_id in entity_ids:
                named.update(search.by_entity.get(entity_id, ()))
            if search.entity_label is not None:
                also = tuple({name for e in entity_ids for name in _names(search.entity_label(e))} - {folded_word})
        folded, skeletal = search.folded, search.skeletal
        if len(skeleton_word) < 3:  # a skeleton this short ("zz" -> "z") would match nearly anything
            found = [i for i in candidates if folded_word in folded[i] or i in named]
        else:
            found = [i for i in candidates
                     if folded_word in folded[i] or skeleton_word in skeletal[i] or i in named
                     or any(name in folded[i] for name in also)]
        if found or len(folded_word) < 4 or " " in folded_word:
            return found
        return self._misspelt(candidates, folded_word)

    def _misspelt(self, candidates: list[int], word: str) -> list[int]:
        """Rows holding a word close to ``word`` (a typo: Moskow, Erzerum), when nothing holds it."""
        close = [found for found, _, _ in process.extract(word, self.search.vocabulary, scorer=fuzz.ratio,
                                                          score_cutoff=MISSPELT_CUTOFF, limit=MISSPELT_LIMIT)]
        folded = self.search.folded
        return [i for i in candidates if any(c in folded[i] for c in close)]


def build_index(ledger: "Ledger", findings: Findings) -> FactIndex:
    """The overview's rows of ``findings``; their search text comes later (:meth:`FactIndex.build_search`)."""
    return FactIndex(ledger, findings)


def build_search(ledger: "Ledger", findings: Sequence[Finding], between: Callable[[], None] | None = None) -> SearchText:
    """Every fact's words: subject, fact, values as read and as written, sources and names.

    Folding is most of the cost on a large ledger, and facts share most of their words, so
    each distinct word is folded once (folding a text is folding its words one by one).
    """
    folded, skeletal, sources, entities = [], [], [], []
    by_entity: dict[str, list[int]] = defaultdict(list)
    source_label = _Memo(ledger.source_label).__getitem__
    entity_label = _Memo(ledger.gazetteer.label).__getitem__
    fold_word, skeleton_word = _Memo(fold).__getitem__, _Memo(skeleton).__getitem__
    for index, finding in enumerate(findings):
        if between is not None and index % STEP == STEP - 1:
            between()
        claims = [ledger.claims[c] for c in finding.claims if c in ledger.claims]
        source_ids = frozenset(c.source for c in claims) | frozenset(c.attributed_to for c in claims if c.attributed_to)
        entity_ids = frozenset(_entity_ids(ledger, claims))
        subject = ledger.subjects.get(finding.subject)
        pieces = [subject.label if subject else "", finding.subject, fact_label(ledger, finding), finding.property,
                  finding.qualifier or "", *(v.label for v in finding.versions), *(_written(c.value) for c in claims),
                  *(source_label(s) for s in source_ids), *(entity_label(e) for e in entity_ids)]
        words = [word for word in map(fold_word, " ".join(pieces).split()) if word]
        folded.append(" ".join(words))
        skeletal.append(" ".join(map(skeleton_word, words)))
        sources.append(source_ids)
        entities.append(entity_ids)
        for entity_id in entity_ids:
            by_entity[entity_id].append(index)
    search = SearchText(folded, skeletal, sources, entities, dict(by_entity), ledger.gazetteer.matching,
                        ledger.gazetteer.label)
    search.vocabulary  # noqa: B018 (made now, in the worker, not on the first typo)
    ledger.gazetteer.skeleton_forms  # noqa: B018 (likewise, for names close to the query)
    return search


def _names(label: str) -> list[str]:
    """The names in a gazetteer label, folded: "Alexandropol (Gümrü, Gyumri)" has three."""
    return [name for name in map(fold, re.split(r"[(),;/]", label)) if len(name) >= 4]


class _Memo(dict):
    """``label(key)`` for each key, computed once (a dict, so a hit costs no Python call)."""

    def __init__(self, label: Callable[[str], str]) -> None:
        super().__init__()
        self.label = label

    def __missing__(self, key: str) -> str:
        value = self[key] = self.label(key)
        return value


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
