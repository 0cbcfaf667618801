"""Witnesses: who a claim finally rests on, and how many independent ones stand behind a value.

A claim's witness is its ``attributed_to`` source, else its own source; a derivative
source that cites exactly one source only repeats it, so the witness is that one (and so
on down the chain). Among the witnesses of one value, a witness that draws on another
of them (through ``cites`` or by containing it) is not independent of it; the
independent witnesses are those that draw on none of the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sourcecrit.models import Claim, Source, SourceKind


@dataclass
class WitnessGraph:
    """What each source draws on, followed through cites and containment."""

    sources: dict[str, Source]
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
        if all(self.reach(witness).isdisjoint(witnesses) for witness in witnesses):
            return UNRELATED
        return self

    def independent(self, witnesses: set[str]) -> tuple[list[str], dict[str, str]]:
        """The independent witnesses among ``witnesses``, and for each other one, whom it draws on."""
        if len(witnesses) == 1:
            return list(witnesses), {}  # one witness stands alone
        if all(self.reach(witness).isdisjoint(witnesses) for witness in witnesses):
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
        return kept, folded


class Unrelated:
    """Witnesses none of which draws on another: each one is independent."""

    @staticmethod
    def independent(witnesses: set[str]) -> tuple[list[str], dict[str, str]]:
        return sorted(witnesses), {}


UNRELATED = Unrelated()
