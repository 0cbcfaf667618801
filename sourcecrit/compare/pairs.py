"""A fact's claims grouped by what they say, and the pairs of claims derived from the groups.

Claims that write the same value in the same way (same written form and number
convention, same stance and hedges) stand alike to every other claim: a figure repeated
by a thousand newspapers is one group. A fact is compared group against group, so its
cost grows with the number of distinct values, not of claims; the pairs of claims, in the
order of ``combinations(claims, 2)``, are made from the pairs of groups when asked for.
A reason that names a claim is made once with stand-in ids, put back on each pair. A fact
of a few claims (most facts) is compared pair by pair, each claim its own group: working
out which claims are alike would cost more than it saves there.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from sourcecrit.compare.relations import relate_claims
from sourcecrit.ledger.readings import hashable
from sourcecrit.models import Claim
from sourcecrit.values import CompareContext, Relation, ValueType

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

ALIKE_FROM = 12  # claims of a fact from which alike ones are grouped: fewer compare quicker pair by pair
FIRST, SECOND = "\x00first\x00", "\x00second\x00"  # stand-in ids; no id or written text holds a NUL


@dataclass(frozen=True)
class Pair:
    """Two claims of one fact and how they stand."""

    a: str
    b: str
    relation: Relation
    reason: str


def class_key(ledger: "Ledger", context: CompareContext) -> Callable[[Claim], Any]:
    """What makes two claims of a fact stand alike to every other: their written value read
    the same way, stance and hedges (and their sources, when a rate is limited to some)."""
    sources = ledger.sources
    by_source = context.by_source

    def key(claim: Claim) -> Any:
        written = claim.value
        hedges = claim.hedges
        source = sources.get(claim.source)
        own = (written if type(written) is str else hashable(written), claim.stance,
               tuple(hedges) if hedges else (), source is not None and source.numbers)
        return (*own, claim.source, claim.attributed_to) if by_source else own

    return key


class PairList(Sequence[Pair]):
    """Every pair of a fact's claims, made from the relations of the claims' groups.

    ``members[g]`` are the claims (their places in the fact) of group ``g``, groups in the
    order of their first claim; ``relations[(g, h)]`` is the relation and reason of a claim
    of ``g`` followed by one of ``h``, for each such order that occurs.
    """

    __slots__ = ("ids", "class_of", "relations", "_members", "_list", "_groups")

    def __init__(self, ids: list[str], class_of: list[int], relations: dict[tuple[int, int], tuple[Relation, str]]):
        self.ids, self.class_of, self.relations = ids, class_of, relations
        self._members: list[list[int]] | None = None
        self._list: list[Pair] | None = None
        self._groups: list[tuple[int, int, int, Relation]] | None = None

    @classmethod
    def of(cls, claims: list[Claim], values: dict, kind: ValueType, context: CompareContext,
           key: Callable[[Claim], Any]) -> "PairList":
        """The pairs of ``claims``: each group against each, both ways where both occur."""
        groups: dict[Any, int] = {}
        if len(claims) < ALIKE_FROM:  # a few claims: each its own group, compared pair by pair
            class_of = list(range(len(claims)))
        else:
            class_of = [groups.setdefault(key(claim), len(groups)) for claim in claims]
        pairs = cls([c.id for c in claims], class_of, {})
        relations = pairs.relations
        if len(claims) < ALIKE_FROM or len(groups) == len(claims):  # every claim says something of its own (most facts): pair by pair
            read = [values.get(claim.id) for claim in claims]
            for x, a in enumerate(claims):
                for y in range(x + 1, len(claims)):
                    comparison = relate_claims(a, claims[y], read[x], read[y], kind, context)
                    relations[(x, y)] = (comparison.relation, comparison.reason)
            return pairs
        members = pairs.members
        first = [m[0] for m in members]
        last = [m[-1] for m in members]
        alone = [len(m) == 1 for m in members]
        stand_ins: dict[tuple[int, str], StandIn] = {}

        def stand_in(group: int, name: str) -> StandIn:
            found = stand_ins.get((group, name))
            if found is None:
                found = stand_ins[(group, name)] = StandIn(name, claims[first[group]])
            return found

        count = len(members)
        firsts = [claims[f] for f in first]
        read = [values.get(claim.id) for claim in firsts]
        for g in range(count):
            start = first[g]
            for h in range(count):
                if start >= last[h] or (g == h and alone[g]):
                    continue  # no claim of g comes before one of h
                one: Claim | StandIn
                other: Claim | StandIn
                if alone[g] and alone[h]:
                    one, other = firsts[g], firsts[h]  # one pair: its own ids
                else:
                    one, other = stand_in(g, FIRST), stand_in(h, SECOND)
                comparison = relate_claims(one, other, read[g], read[h], kind, context)  # type: ignore[arg-type]
                relations[(g, h)] = (comparison.relation, comparison.reason)
        return pairs

    @property
    def members(self) -> list[list[int]]:
        members = self._members  # read once: another thread may settle the list meanwhile
        if members is None:
            members = []
            for place, group in enumerate(self.class_of):
                if group == len(members):
                    members.append([])
                members[group].append(place)
            self._members = members
        return members

    def relation(self, g: int, h: int) -> Relation | None:
        """The relation of a claim of group ``g`` and one of group ``h`` (None when no such pair)."""
        found = self.relations.get((g, h) if g <= h else (h, g))  # the lower group comes first in some pair
        return found[0] if found else None

    def settle(self) -> None:
        """Let go of what was worked out from the relations, the pairs themselves included (made
        again when asked for): a report settles each fact's pairs once it has written them."""
        self._members = self._groups = self._list = None

    def group_pairs(self) -> list[tuple[int, int, int, Relation]]:
        """Each unordered pair of groups (a group with itself too) that has pairs of claims:
        the groups, how many pairs of claims, and their relation."""
        groups = self._groups
        if groups is None:
            sizes = [len(m) for m in self.members]
            groups = self._groups = [(g, h, sizes[g] * sizes[h] if g != h else sizes[g] * (sizes[g] - 1) // 2, relation)
                                     for (g, h), (relation, _) in self.relations.items() if g <= h]
        return groups

    def count(self, relation: Relation) -> int:
        """How many pairs of claims stand in ``relation``."""
        return sum(n for _, _, n, r in self.group_pairs() if r is relation)

    def every(self, relation: Relation) -> bool:
        return all(r is relation for *_, r in self.group_pairs())

    def first(self, relation: Relation) -> Pair | None:
        """The first pair, in the pairs' order, that stands in ``relation``."""
        members, class_of = self.members, self.class_of
        related: dict[int, list[int]] = {}
        for g, h, _, r in self.group_pairs():
            if r is relation:
                related.setdefault(g, []).append(h)
                if g != h:
                    related.setdefault(h, []).append(g)
        if not related:
            return None
        for place, group in enumerate(class_of):
            later = [m[i] for m in (members[h] for h in related.get(group, ())) if (i := bisect_right(m, place)) < len(m)]
            if later:
                return self._pair(place, min(later))
        return None

    def _pair(self, x: int, y: int) -> Pair:
        relation, reason = self.relations[(self.class_of[x], self.class_of[y])]
        if "\x00" in reason:
            reason = reason.replace(FIRST, self.ids[x]).replace(SECOND, self.ids[y])
        return Pair(self.ids[x], self.ids[y], relation, reason)

    def _pairs(self) -> list[Pair]:
        pairs = self._list
        if pairs is None:
            count = len(self.ids)
            pairs = self._list = [self._pair(x, y) for x in range(count) for y in range(x + 1, count)]
        return pairs

    def __iter__(self) -> Iterator[Pair]:
        return iter(self._pairs())

    def __len__(self) -> int:
        count = len(self.ids)
        return count * (count - 1) // 2

    def __getitem__(self, index):
        return self._pairs()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PairList):
            return (self.ids, self.class_of, self.relations) == (other.ids, other.class_of, other.relations)
        if isinstance(other, list):
            return self._pairs() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PairList({len(self.ids)} claims, {len(self.members)} groups)"

    def __getstate__(self) -> tuple:
        return self.ids, self.class_of, self.relations

    def __setstate__(self, state: tuple) -> None:
        self.ids, self.class_of, self.relations = state
        self._members = None
        self._list = None
        self._groups = None


class StandIn:
    """A claim as a relation of a group reads it, under a stand-in id (see the module's text)."""

    __slots__ = ("id", "stance", "hedges", "source", "attributed_to")

    def __init__(self, name: str, claim: Claim):
        self.id, self.stance, self.hedges = name, claim.stance, claim.hedges
        self.source, self.attributed_to = claim.source, claim.attributed_to
