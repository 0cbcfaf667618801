"""Witnesses: who a claim finally rests on, and how many independent ones stand behind a value.

A claim's witness is its ``attributed_to`` source, else its own source; a derivative
source that cites exactly one source only repeats it, so the witness is that one (and so
on down the chain). Among the witnesses of one value, a witness that draws on another
of them (through ``cites`` or by containing it) is not independent of it; the
independent witnesses are those that draw on none of the others.

A witness is also a voice: the works of one person or body (a source's ``authors``, or
its CSL ``author`` names found in the gazetteer) count as one witness, whatever they cite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sourcecrit.models import Claim, EntityKind, Source, SourceKind
from sourcecrit.values.base import ValueProblem

if TYPE_CHECKING:
    from sourcecrit.gazetteer import Gazetteer

VOICE_KINDS = (EntityKind.PERSON, EntityKind.ORGANISATION, None)  # a place writes nothing


@dataclass(frozen=True)
class Authorship:
    """Whose work a source is: gazetteer ids, and the CSL names they were matched by
    (empty when the source names its ``authors`` itself)."""

    entities: tuple[str, ...]
    matched: tuple[str, ...] = ()

    @property
    def how(self) -> str:
        """How the authors were found, in words."""
        if not self.matched:
            return "named by the source's authors"
        return "matched by the author name " + ", ".join(f"‘{name}’" for name in self.matched)


def authors_of(sources: dict[str, Source], gazetteer: "Gazetteer") -> dict[str, Authorship]:
    """The persons and bodies behind each source that has any: its ``authors`` when given,
    else those of its CSL ``author`` names that the gazetteer knows."""
    found: dict[str, Authorship] = {}
    for sid, source in sources.items():
        if source.authors:
            known = tuple(a for a in dict.fromkeys(source.authors) if a in gazetteer.entities)
            if known:
                found[sid] = Authorship(known)
            continue
        matched = [(entity, name) for name in source.author if (entity := _voice(name, gazetteer))]
        if matched:
            entities = tuple(dict.fromkeys(entity for entity, _ in matched))
            found[sid] = Authorship(entities, tuple(name.display() for _, name in matched))
    return found


def _voice(name, gazetteer: "Gazetteer") -> str | None:
    """The person or body of the gazetteer that a CSL name spells, if exactly one."""
    for written in dict.fromkeys(filter(None, [name.display(), name.literal, name.sort_form()])):
        try:
            entity = gazetteer.resolve(written)
        except ValueProblem:  # the name spells several entities: no match
            return None
        if entity is not None and gazetteer.entities[entity].kind in VOICE_KINDS:
            return entity
    return None


@dataclass
class WitnessGraph:
    """What each source draws on, followed through cites and containment."""

    sources: dict[str, Source]
    authors: dict[str, Authorship] = field(default_factory=dict)
    _reach: dict[str, frozenset[str]] = field(default_factory=dict)
    _witness: dict[str, str] = field(default_factory=dict)

    @cached_property
    def draws_on(self) -> dict[str, list[str]]:
        edges: dict[str, list[str]] = {sid: [c for c in s.cites if c in self.sources] for sid, s in self.sources.items()}
        for sid, source in self.sources.items():
            if source.contained_in in edges:
                edges[source.contained_in].append(sid)  # a page that prints a letter repeats it
        return edges

    def witness_of(self, claim: Claim) -> str:
        """The source a claim finally rests on."""
        first = claim.attributed_to or claim.source
        found = self._witness.get(first)
        if found is None:  # a hundred claims cite each source: follow its chain once
            found = self._witness[first] = self._rests_on(first)
        return found

    def _rests_on(self, current: str) -> str:
        seen = {current}
        while True:
            source = self.sources.get(current)
            if source is None or source.kind is not SourceKind.DERIVATIVE or len(source.cites) != 1:
                return current
            nxt = source.cites[0]
            if nxt in seen or nxt not in self.sources:
                return current
            seen.add(nxt)
            current = nxt

    def reach(self, source_id: str) -> frozenset[str]:
        """Every source that ``source_id`` draws on, directly or not (circles are cut)."""
        known = self._reach.get(source_id)
        if known is not None:
            return known
        found: set[str] = set()
        stack = list(self.draws_on.get(source_id, ()))
        while stack:
            node = stack.pop()
            if node in found:
                continue
            found.add(node)
            stack.extend(self.draws_on.get(node, ()))
        found.discard(source_id)
        self._reach[source_id] = frozenset(found)
        return self._reach[source_id]

    def within(self, witnesses: set[str]) -> "WitnessGraph | Unrelated":
        """The graph as seen by one fact's ``witnesses``: when none of them draws on another
        (most facts), every group of them is independent, and nothing needs working out."""
        if self._apart(witnesses):
            return UNRELATED
        return self

    @cached_property
    def tangled(self) -> frozenset[str]:
        """The sources that draw on another or whose author is known: only among them can two
        witnesses of a fact be other than independent."""
        return frozenset(sid for sid in self.sources if self.draws_on.get(sid) or self.voices(sid))

    def _apart(self, witnesses: set[str]) -> bool:
        """Whether none of ``witnesses`` draws on another and no two share an author."""
        if self.tangled.isdisjoint(witnesses):  # most facts: nothing to follow
            return True
        if not all(self.reach(witness).isdisjoint(witnesses) for witness in witnesses):
            return False
        voices = [a for w in witnesses for a in self.voices(w)]
        return len(voices) == len(set(voices))

    def voices(self, witness: str) -> tuple[str, ...]:
        """The persons or bodies whose work ``witness`` is (none when unknown)."""
        authorship = self.authors.get(witness)
        return authorship.entities if authorship else ()

    def same_voice(self, a: str, b: str) -> bool:
        """Whether two witnesses are one source or works of one person or body."""
        return a == b or not set(self.voices(a)).isdisjoint(self.voices(b))

    def independent(self, witnesses: set[str]) -> tuple[list[str], dict[str, str]]:
        """The independent witnesses among ``witnesses``, and for each other one, whom it
        draws on or the witness of the same author it counts with."""
        if len(witnesses) == 1:
            return list(witnesses), {}  # one witness stands alone
        if self._apart(witnesses):
            return sorted(witnesses), {}  # the common case: none draws on another
        folded: dict[str, str] = {}
        kept: list[str] = []
        for witness in sorted(witnesses):
            drawn = sorted(self.reach(witness) & witnesses)
            if drawn and not all(witness in self.reach(other) for other in drawn):
                folded[witness] = next(o for o in drawn if witness not in self.reach(o))
            elif drawn and any(other in kept for other in drawn):
                folded[witness] = next(o for o in drawn if o in kept)  # a circle: one of it counts
            else:
                kept.append(witness)
        return self._one_per_voice(kept, folded)

    def _one_per_voice(self, kept: list[str], folded: dict[str, str]) -> tuple[list[str], dict[str, str]]:
        """Of the works of one person or body, the first counts; the others count with it."""
        speaking: dict[str, str] = {}
        alone: list[str] = []
        for witness in kept:
            earlier = next((speaking[v] for v in self.voices(witness) if v in speaking), None)
            if earlier is not None:
                folded[witness] = earlier
                continue
            alone.append(witness)
            for voice in self.voices(witness):
                speaking[voice] = witness
        return alone, folded


class Unrelated:
    """Witnesses none of which draws on another: each one is independent."""

    @staticmethod
    def independent(witnesses: set[str]) -> tuple[list[str], dict[str, str]]:
        return sorted(witnesses), {}

    @staticmethod
    def same_voice(a: str, b: str) -> bool:
        return a == b

    @staticmethod
    def voices(witness: str) -> tuple[str, ...]:
        return ()


UNRELATED = Unrelated()
