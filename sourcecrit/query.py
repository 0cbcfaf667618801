"""Which facts a reader asks for: one meaning of "the facts of this status, subject,
property, source, name or search text", for the report, the TUI and the Python API.

A fact is *of a source* when one of its claims is from that source or attributed to it: a
witness whose words reach us only through another work (a memoir quoted in a thesis) is
what a historian narrows to, as much as the work that quotes it.

Searching needs every fact's words folded (case and diacritics gone) and skeletal
(transliteration levelled), so that a word is a substring test per fact and names the
gazetteer knows are matched through it (Budenny finds Budyonny). That :class:`SearchText`
is slow to build on a large ledger, so it is built once, when first needed; the TUI builds
it in a worker thread after the first screen shows. No Textual here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from sourcecrit.compare import STATUS_ORDER, Finding, Findings, Status
from sourcecrit.names import fold, skeleton

if TYPE_CHECKING:
    from sourcecrit.ledger import Ledger
    from sourcecrit.models import Claim

STEP = 500  # facts worked through between two calls of ``between`` (a few ms)
MISSPELT_CUTOFF = 80
MISSPELT_LIMIT = 6
KINDS = {"status": "statuses", "subject": "subjects", "property": "properties", "source": "sources",
         "entity": "entities"}


# ---------------------------------------------------------------- what a fact is called, and of whom

def subject_label(ledger: "Ledger", subject_id: str) -> str:
    subject = ledger.subjects.get(subject_id)
    return subject.label if subject else subject_id


def fact_label(ledger: "Ledger", finding: Finding) -> str:
    """The fact's property by its label, with its qualifier: 'signed on (actual)'."""
    prop = ledger.properties.get(finding.property)
    label = prop.label if prop else finding.property
    return f"{label} ({finding.qualifier})" if finding.qualifier else label


def claims_of(ledger: "Ledger", finding: Finding) -> list["Claim"]:
    return [ledger.claims[c] for c in finding.claims if c in ledger.claims]


def fact_sources(claims: Iterable["Claim"]) -> frozenset[str]:
    """The sources a fact is of: those its claims are from, and those they are attributed to."""
    found: set[str] = set()
    for claim in claims:
        found.add(claim.source)
        if claim.attributed_to:
            found.add(claim.attributed_to)
    return frozenset(found)


def fact_entities(ledger: "Ledger", claims: Iterable["Claim"]) -> frozenset[str]:
    """The gazetteer's entities that a fact's claims name."""
    found: set[str] = set()
    for claim in claims:
        value = ledger.values.get(claim.id)
        if value is not None and ledger.value_type_name(claim) == "entities":
            found.update(value.ids())
    return frozenset(found)


# ---------------------------------------------------------------- filters

@dataclass(frozen=True)
class Filters:
    """Which facts a reader asks for; a criterion left empty does not narrow.

    Criteria of different kinds all apply; several values of one kind are alternatives
    (facts of this source or of that one). Filters never change: :meth:`only`,
    :meth:`without` and :meth:`containing` give new ones.
    """

    statuses: tuple[Status, ...] = ()
    subjects: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()  # noqa: A003
    sources: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # the gazetteer's ids of persons, places, organisations
    query: str = ""  # search text: every word must be found in the fact's words

    def __post_init__(self) -> None:
        # one written form for equal filters: statuses in the report's order, ids once each
        wanted = set(self.statuses)
        object.__setattr__(self, "statuses", tuple(s for s in STATUS_ORDER if s in wanted))
        for name in ("subjects", "properties", "sources", "entities"):
            given = getattr(self, name)
            object.__setattr__(self, name, (given,) if isinstance(given, str) else tuple(dict.fromkeys(given)))

    def only(self, kind: str, *values: Any) -> "Filters":
        """These filters narrowed to facts of one of ``values`` of ``kind`` (status, subject,
        property, source, entity), in place of any given before; no values: of any."""
        return replace(self, **{KINDS[kind]: values})  # type: ignore[arg-type]  # a field named by its kind

    def without(self, kind: str) -> "Filters":
        return self.only(kind)

    def containing(self, query: str) -> "Filters":
        return replace(self, query=query)

    @property
    def narrowed(self) -> bool:
        return bool(self.query.strip() or any(getattr(self, name) for name in KINDS.values()))

    @property
    def need_search(self) -> bool:
        """Whether these filters read the search text (words, sources, names of each fact)."""
        return bool(self.query.strip() or self.sources or self.entities)


# ---------------------------------------------------------------- search text

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


def build_search(ledger: "Ledger", findings: Sequence[Finding], between: Callable[[], None] | None = None) -> SearchText:
    """Every fact's words: subject, fact, values as read and as written, sources and names;
    ``between`` is called every STEP facts (the TUI lets its interface run).

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
        claims = claims_of(ledger, finding)
        source_ids, entity_ids = fact_sources(claims), fact_entities(ledger, claims)
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
    search.vocabulary  # noqa: B018 (made now, by whoever builds it, not on the first typo)
    ledger.gazetteer.skeleton_forms  # noqa: B018 (likewise, for names close to the query)
    return search


# ---------------------------------------------------------------- selection

class Facts:
    """A ledger's facts as the filters read them: what each criterion compares, read off
    the findings once, and their search text once it is built (:meth:`build_search`)."""

    def __init__(self, ledger: "Ledger", findings: Findings, search: SearchText | None = None) -> None:
        self.ledger = ledger
        self.findings = findings.findings
        self.search = search
        # a filter then costs a list look-up per fact, not an attribute of 20,000 objects
        self._statuses = [f.status for f in self.findings]
        self._status_values = [status.value for status in self._statuses]  # plain strings hash in C
        self._subjects = [f.subject for f in self.findings]
        self._properties = [f.property for f in self.findings]

    def build_search(self, between: Callable[[], None] | None = None) -> SearchText:
        """The search text, built now if it is not yet (see :func:`build_search`)."""
        if self.search is None:
            self.search = build_search(self.ledger, self.findings, between)
        return self.search

    def select(self, filters: Filters) -> list[int] | None:
        """Positions of the facts that pass ``filters``, in the findings' order; None while
        the filters need the search text and it is not built yet."""
        if filters.need_search and self.search is None:
            return None
        chosen = self._structural(filters)
        for word in filters.query.split():
            chosen = self._containing(chosen, word)
        return chosen

    def matching(self, filters: Filters) -> list[Finding]:
        """The facts that pass ``filters``, in the findings' order (building the search text if they need it)."""
        if filters.need_search:
            self.build_search()
        return [self.findings[i] for i in self.select(filters) or ()]

    def counts(self, positions: Iterable[int]) -> dict[Status, int]:
        counted = {status: 0 for status in STATUS_ORDER}
        statuses = self._statuses
        for i in positions:
            counted[statuses[i]] += 1
        return counted

    def _structural(self, filters: Filters) -> list[int]:
        search = self.search  # built when the filters need it (see select)
        chosen: Iterable[int] = range(len(self.findings))
        if filters.entities and search is not None:
            chosen = sorted({i for entity in filters.entities for i in search.by_entity.get(entity, ())})
        if filters.statuses:
            wanted, statuses = {status.value for status in filters.statuses}, self._status_values
            chosen = [i for i in chosen if statuses[i] in wanted]
        if filters.subjects:
            wanted, subjects = set(filters.subjects), self._subjects
            chosen = [i for i in chosen if subjects[i] in wanted]
        if filters.properties:
            wanted, properties = set(filters.properties), self._properties
            chosen = [i for i in chosen if properties[i] in wanted]
        if filters.sources and search is not None:
            wanted, sources = set(filters.sources), search.sources
            chosen = [i for i in chosen if not wanted.isdisjoint(sources[i])]
        return list(chosen)

    def _containing(self, candidates: list[int], word: str) -> list[int]:
        search = self.search
        folded_word, skeleton_word = fold(word), skeleton(word)
        if not folded_word or search is None:
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
        return self._misspelt(candidates, folded_word, search)

    @staticmethod
    def _misspelt(candidates: list[int], word: str, search: SearchText) -> list[int]:
        """Facts holding a word close to ``word`` (a typo: Moskow, Erzerum), when none holds it."""
        close = [found for found, _, _ in process.extract(word, search.vocabulary, scorer=fuzz.ratio,
                                                          score_cutoff=MISSPELT_CUTOFF, limit=MISSPELT_LIMIT)]
        folded = search.folded
        return [i for i in candidates if any(c in folded[i] for c in close)]


def select_facts(ledger: "Ledger", findings: Findings, filters: Filters) -> list[Finding]:
    """The facts of ``findings`` that pass ``filters``, most contested first (the findings' order)."""
    return Facts(ledger, findings).matching(filters)


# ---------------------------------------------------------------- helpers

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


def _written(value: Any) -> str:
    """A claim's value as written, as plain words (roles named) for the search."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(value)
    return " ".join(f"{role} {_written(names)}" for role, names in value.items())
