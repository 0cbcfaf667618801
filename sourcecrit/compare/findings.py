"""Findings: for every fact (subject, property, qualifier), its claims, the relation of
each pair, the competing values with their witnesses, and a status.

No I/O and no UI: the CLI, the reports and the TUI all show these same findings.
"""

from __future__ import annotations

import enum
import pickle
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TYPE_CHECKING, Any

from sourcecrit.compare.relations import denial_meets, for_one_fact, relate_claims
from sourcecrit.compare.witnesses import WitnessGraph
from sourcecrit.models import Claim, Resolution, Stance
from sourcecrit.problems import Problem
from sourcecrit.values import CompareContext, Comparison, Relation, value_type

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger


class Status(str, enum.Enum):
    """Where a fact stands."""

    DISPUTED = "disputed"
    CONSISTENT = "consistent"
    AGREED = "agreed"
    SINGLE_SOURCE = "single-source"
    RESOLVED = "resolved"


STATUS_ORDER = [Status.DISPUTED, Status.RESOLVED, Status.CONSISTENT, Status.AGREED, Status.SINGLE_SOURCE]
STATUS_SYMBOL = {
    Status.DISPUTED: "✗", Status.RESOLVED: "✓", Status.CONSISTENT: "≈",
    Status.AGREED: "=", Status.SINGLE_SOURCE: "·",
}


@dataclass(frozen=True)
class Pair:
    """Two claims of one fact and how they stand."""

    a: str
    b: str
    relation: Relation
    reason: str


@dataclass
class Version:
    """One competing value: the claims that give it and the independent witnesses behind them."""

    label: str
    stance: Stance
    claims: list[str]
    witnesses: list[str]
    independent: list[str]
    drawn_from: dict[str, str]
    normalized: dict

    @property
    def witness_count(self) -> int:
        return len(self.independent)


@dataclass
class Finding:
    """Everything the comparison says about one fact."""

    subject: str
    property: str
    qualifier: str | None
    status: Status
    status_reason: str
    claims: list[str]
    pairs: list[Pair]
    versions: list[Version]
    resolution: Resolution | None = None
    accepted_label: str | None = None
    supporting: list[str] = field(default_factory=list)  # claims that agree with the accepted value

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.subject, self.property, self.qualifier)

    @property
    def contradictions(self) -> int:
        return sum(1 for p in self.pairs if p.relation is Relation.CONTRADICT)

    @property
    def independent_witnesses(self) -> int:
        return len({w for v in self.versions for w in v.independent})

    def relation_of(self, a: str, b: str) -> Pair | None:
        for pair in self.pairs:
            if {pair.a, pair.b} == {a, b}:
                return pair
        return None

    # Pickled (in the comparison's memo), a finding keeps its pairs and versions packed
    # apart, and unpacks them when first asked for: a warm start reads 21,000 findings but
    # shows a screenful, and the pairs and versions are four fifths of the unpickling.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if _DETAIL not in state:
            state[_DETAIL] = pickle.dumps((state.pop("pairs"), state.pop("versions")), protocol=5)
        return state

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not set: the packed detail of an unpickled finding.
        # Two threads may ask at once (the TUI draws rows while its loader builds the search
        # text): the detail is dropped only after both attributes are set, so whoever finds
        # it gone finds them there.
        state = self.__dict__
        detail = state.get(_DETAIL) if name in ("pairs", "versions") else None
        if detail is None:
            if name in ("pairs", "versions") and name in state:
                return state[name]
            raise AttributeError(name)
        pairs, versions = pickle.loads(detail)
        state.setdefault("pairs", pairs)
        state.setdefault("versions", versions)
        state.pop(_DETAIL, None)
        return state[name]


_DETAIL = "_packed_detail"


@dataclass
class SourceRecord:
    """Plain counts on one source's claims; its reliability grade stays the editor's own."""

    source: str
    claims: int = 0
    contradicted: int = 0
    contradicted_by: list[str] = field(default_factory=list)
    agree_with_resolution: int = 0
    rejected: int = 0
    reliability: str | None = None


@dataclass
class Findings:
    """The comparison of a whole ledger."""

    findings: list[Finding]
    witness: dict[str, str]
    credibility: dict[str, int]
    sources: dict[str, SourceRecord]
    cycles: list[list[str]]
    problems: list[Problem]

    def by_status(self, *statuses: Status) -> list[Finding]:
        return [f for f in self.findings if f.status in statuses]

    def of_subject(self, subject: str) -> list[Finding]:
        return [f for f in self.findings if f.subject == subject]

    def counts(self) -> dict[str, int]:
        counted = {status.value: 0 for status in STATUS_ORDER}
        for finding in self.findings:
            counted[finding.status.value] += 1
        return counted


def compare_ledger(ledger: "Ledger") -> Findings:
    """Compare every fact of ``ledger``."""
    from sourcecrit.ledger.load import _collector_paused

    with _collector_paused():  # hundreds of thousands of pairs and versions, no cycles
        return _compare(ledger)


def _compare(ledger: "Ledger") -> Findings:
    from sourcecrit.ledger.validate import citation_cycles

    from sourcecrit.compare.memo import FactMemo

    graph = WitnessGraph(ledger.sources)
    context = _compare_context(ledger)
    memo = FactMemo.for_ledger(ledger, context)
    # Nothing changed since the memo was written (a warm start): take its entries, grades
    # and sources' counts whole, without working out each fact's token.
    kept = memo.whole(ledger)
    if kept is not None:
        entries, witness, (credibility, stats) = kept
    else:
        witness = {cid: graph.witness_of(claim) for cid, claim in ledger.claims.items()}
        entries = _entries(ledger, graph, witness, context, memo)
        credibility = {cid: grade for entry in entries for cid, grade in zip(entry[0].claims, entry[2])}
        stats = _source_records(ledger, entries)
    memo.save(ledger, witness, (credibility, stats))
    entries.sort(key=lambda e: e[4])
    problems = [problem for entry in entries for problem in entry[1]]
    findings = [entry[0] for entry in entries]
    return Findings(findings, witness, credibility, stats, citation_cycles(ledger.sources), problems)


def _entries(ledger: "Ledger", graph: WitnessGraph, witness: dict[str, str], context, memo) -> list[tuple]:
    """Per fact, in the ledger's order: its finding, its problems, its claims' grades and
    tallies, its place in the order; from the memo when the fact is unchanged, else computed
    (in two processes when there are many: see ledger.halves)."""
    from sourcecrit.ledger.halves import in_two

    resolutions = {r.fact_key: r for r in ledger.resolutions}
    facts = [(key, claims, resolutions.get(key)) for key, claims in _facts(ledger).items()]

    def compute(part: list[int], with_tokens: bool) -> list[tuple]:
        return [((memo.token(ledger, *facts[n]) if with_tokens else None), _entry(ledger, graph, witness, context, *facts[n]))
                for n in part]

    if memo.entries:  # some remembered: the tokens tell which facts to compute
        tokens = [memo.token(ledger, *fact) for fact in facts]
        entries = [memo.get(token) for token in tokens]
        missing = [n for n, entry in enumerate(entries) if entry is None]
        with_tokens = False
    else:  # nothing remembered: every fact is computed, and its token with it
        tokens, entries, missing, with_tokens = [None] * len(facts), [None] * len(facts), list(range(len(facts))), True
    work = lambda part: compute(part, with_tokens)  # noqa: E731
    computed = in_two(missing, work, share=_CHILD_SHARE) if len(missing) >= _MANY_FACTS else work(missing)
    for n, (token, entry) in zip(missing, computed):
        entries[n] = entry
        if with_tokens:
            tokens[n] = token
    fresh = set(missing)
    for n, (token, entry) in enumerate(zip(tokens, entries)):
        memo.keep(token, entry, n in fresh)
    return entries


_CHILD_SHARE = 0.47  # the child also pickles its findings to send them: give it a little less
_MANY_FACTS = 2000  # fewer are compared quicker here than a second process starts and answers


def _entry(ledger, graph: WitnessGraph, witness: dict[str, str], context, key, claims, resolution) -> tuple:
    found: list[Problem] = []
    seen = graph.within({witness[c.id] for c in claims})
    finding = _finding(ledger, key, claims, seen, witness, context, resolution, found)
    return (finding, found, _grades(finding, witness, seen), _tallies(finding, ledger.claims, witness, seen),
            _contest_order(finding))


def _facts(ledger: "Ledger") -> dict[tuple, list[Claim]]:
    facts: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ledger.claims.values():
        if claim.property in ledger.properties and claim.subject in ledger.subjects:
            facts[claim.fact_key].append(claim)
    for resolution in ledger.resolutions:  # a resolution of a fact without claims still shows
        facts.setdefault(resolution.fact_key, [])
    return facts


def _compare_context(ledger: "Ledger") -> CompareContext:
    rate_properties = {p.id for p in ledger.properties.values() if p.type == "rate"}
    rate_claims = [c for c in ledger.claims.values()
                   if c.property in rate_properties and c.id in ledger.values and c.stance == Stance.ASSERTS]
    rates = []
    if rate_claims:
        from sourcecrit.values.rate import as_rate

        rates = [as_rate(ledger.values[c.id], c.id) for c in rate_claims]
    return CompareContext(rates=rates, unit_label=ledger.unit_label, entity_label=ledger.gazetteer.label)


def _contest_order(finding: Finding) -> tuple:
    return (STATUS_ORDER.index(finding.status), -len(finding.versions) if finding.status is Status.DISPUTED else 0,
            -finding.contradictions, -finding.independent_witnesses, finding.subject, finding.property, finding.qualifier or "")


def _finding(ledger, key, claims, graph, witness, context, resolution, problems) -> Finding:
    prop = ledger.properties[key[1]]
    kind = value_type(prop.type)
    if prop.multi:
        context = replace(context, multi=True)
    values = ledger.values
    relating = for_one_fact(kind)
    pairs = [
        Pair(a.id, b.id, *_astuple(relate_claims(a, b, values.get(a.id), values.get(b.id), relating, context)))
        for a, b in combinations(claims, 2)
    ]
    versions = _versions(claims, pairs, kind, values, graph, witness)
    finding = Finding(*key, Status.SINGLE_SOURCE, "", [c.id for c in claims], pairs, versions)
    _set_status(finding, ledger, claims, kind, context, resolution, graph, witness, problems)
    return finding


def _astuple(comparison: Comparison) -> tuple[Relation, str]:
    return comparison.relation, comparison.reason


def _versions(claims, pairs, kind, values, graph, witness) -> list[Version]:
    agreeing = {(p.a, p.b) for p in pairs if p.relation is Relation.AGREE}
    groups: list[list[Claim]] = []
    for claim in claims:
        home = next((g for g in groups if (g[0].id, claim.id) in agreeing and g[0].stance == claim.stance), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    return [_version(group, kind, values, graph, witness) for group in groups]


def _version(group: list[Claim], kind, values, graph: WitnessGraph, witness) -> Version:
    first = group[0]
    value = values.get(first.id)
    label = kind.describe(value) if value is not None else f"(unreadable: {first.value})"
    if first.stance is not Stance.ASSERTS:
        label = f"{first.stance.value}: {label}"
    witnesses = sorted({witness[c.id] for c in group})
    independent, drawn = graph.independent(set(witnesses))
    normalized = kind.normalized(value) if value is not None else {}
    return Version(label, first.stance, [c.id for c in group], witnesses, independent, drawn, normalized)


def _set_status(finding, ledger, claims, kind, context, resolution, graph, witness, problems) -> None:
    if resolution is not None and resolution.fact_key in ledger.accepted:
        _resolved_status(finding, ledger, claims, kind, context, resolution, problems)
        return
    contradicting = [p for p in finding.pairs if p.relation is Relation.CONTRADICT]
    everyone, _ = graph.independent({witness[c.id] for c in claims})
    if contradicting:
        finding.status = Status.DISPUTED
        finding.status_reason = f"{len(contradicting)} pair(s) of claims contradict: {contradicting[0].reason}"
    elif len(everyone) <= 1:
        finding.status = Status.SINGLE_SOURCE
        finding.status_reason = f"every claim rests on one witness ({', '.join(everyone) or 'none'})"
    elif all(p.relation is Relation.AGREE for p in finding.pairs):
        finding.status = Status.AGREED
        finding.status_reason = f"{len(everyone)} independent witnesses give the same value"
    else:
        finding.status = Status.CONSISTENT
        unclear = sum(1 for p in finding.pairs if p.relation is Relation.INCOMPARABLE)
        extra = f"; {unclear} pair(s) could not be compared" if unclear else ""
        finding.status_reason = f"{len(everyone)} independent witnesses, no contradiction{extra}"


def _resolved_status(finding, ledger, claims, kind, context, resolution: Resolution, problems) -> None:
    accepted = ledger.accepted[resolution.fact_key]
    finding.resolution = resolution
    finding.accepted_label = kind.describe(accepted)
    rejected = {r.claim for r in resolution.rejected}
    against, support = [], []
    for claim in claims:
        relation = _against_accepted(claim, accepted, ledger.values, kind, context)
        if relation is Relation.CONTRADICT and claim.id not in rejected:
            against.append(claim.id)
        elif relation in (Relation.AGREE, Relation.CONSISTENT) and claim.id not in rejected:
            support.append(claim.id)
    finding.supporting = support
    if not support:
        problems.append(Problem(resolution.origin.file, resolution.origin.line_of("accepted"),
                                f"resolution of {resolution.subject} / {resolution.property} accepts {finding.accepted_label}, which no claim supports"))
    if against:
        finding.status = Status.DISPUTED
        finding.status_reason = (f"resolved as {finding.accepted_label}, but {', '.join(against)} contradict(s) the accepted value "
                                 "and the resolution does not set it aside")
    else:
        finding.status = Status.RESOLVED
        finding.status_reason = f"resolved as {finding.accepted_label}: {resolution.rationale}"


def _against_accepted(claim: Claim, accepted: Any, values: dict, kind, context) -> Relation | None:
    """How a claim stands to the accepted value (None when its value could not be read)."""
    value = values.get(claim.id)
    if value is None:
        return None
    base = kind.compare(value, accepted, context).relation
    if claim.stance is Stance.ASSERTS or base is Relation.INCOMPARABLE:
        return base
    return Relation.CONTRADICT if denial_meets(kind, base, accepted, value) else Relation.CONSISTENT


def _grades(finding: Finding, witness: dict[str, str], graph: WitnessGraph) -> list[int]:
    """Each claim's Admiralty credibility (1 confirmed … 6 cannot be judged), from corroboration only."""
    rejected = {r.claim for r in finding.resolution.rejected} if finding.resolution else set()
    support, against = _other_witnesses(finding, witness)
    return [5 if claim_id in rejected else _grade(support.get(claim_id), against.get(claim_id), graph)
            for claim_id in finding.claims]


def _other_witnesses(finding: Finding, witness: dict[str, str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For each claim, the other witnesses that support it and those that contradict it (one pass over the pairs)."""
    support: dict[str, set[str]] = defaultdict(set)
    against: dict[str, set[str]] = defaultdict(set)
    for pair in finding.pairs:
        if pair.relation is Relation.INCOMPARABLE:
            continue
        first, second = witness[pair.a], witness[pair.b]
        if first == second:
            continue  # a witness does not corroborate itself
        side = against if pair.relation is Relation.CONTRADICT else support
        side[pair.a].add(second)
        side[pair.b].add(first)
    return support, against


def _grade(support: set[str] | None, against: set[str] | None, graph: WitnessGraph) -> int:
    supporting = len(graph.independent(support)[0]) if support else 0
    contradicting = len(graph.independent(against)[0]) if against else 0
    return _admiralty(supporting, contradicting)


def _admiralty(supporting: int, contradicting: int) -> int:
    if supporting == 0 and contradicting == 0:
        return 6
    if contradicting == 0:
        return 1 if supporting >= 2 else 2
    if supporting > contradicting:
        return 3
    return 4 if supporting else 5


CREDIBILITY_LABEL = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable", 6: "cannot be judged"}


def _source_records(ledger, entries: list) -> dict[str, SourceRecord]:
    records = {sid: SourceRecord(sid, reliability=s.reliability) for sid, s in ledger.sources.items()}
    contradicted_by: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for source, witnesses, rejected, supporting in entry[3]:
            record = records.get(source)
            if record is None:
                continue
            record.claims += 1
            if witnesses is not None:
                record.contradicted += 1
                contradicted_by[source].update(witnesses)
            if rejected:
                record.rejected += 1
            elif supporting:
                record.agree_with_resolution += 1
    for source, witnesses in contradicted_by.items():
        records[source].contradicted_by = sorted(witnesses)
    return dict(sorted(records.items()))


def _tallies(finding: Finding, claims, witness, graph) -> list[tuple[str, list[str] | None, bool, bool]]:
    """What each claim of ``finding`` adds to its source's record: the independent witnesses
    that contradict it (None when none do), whether it is rejected, whether it supports the resolution."""
    rejected = {r.claim for r in finding.resolution.rejected} if finding.resolution else set()
    against: dict[str, set[str]] = defaultdict(set)
    for pair in finding.pairs:
        if pair.relation is Relation.CONTRADICT:
            against[pair.a].add(witness[pair.b])
            against[pair.b].add(witness[pair.a])
    supporting = set(finding.supporting)
    return [(claims[claim_id].source,
             graph.independent(against[claim_id])[0] if claim_id in against else None,
             claim_id in rejected, claim_id in supporting)
            for claim_id in finding.claims]
