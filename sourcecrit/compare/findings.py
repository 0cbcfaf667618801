"""Findings: for every fact (subject, property, qualifier), its claims, the relation of
each pair, the competing values with their witnesses, and a status.

No I/O and no UI: the CLI, the reports and the TUI all show these same findings.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TYPE_CHECKING, Any, Callable, Sequence

from sourcecrit.compare import rate_scope
from sourcecrit.compare.relations import denial_meets, for_one_fact, relate_claims
from sourcecrit.compare.self_contradiction import self_contradictions
from sourcecrit.compare.witnesses import Authorship, WitnessGraph, authors_of
from sourcecrit.ledger.validate import citation_cycles
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
    INCOMPARABLE = "incomparable"


# Incomparable comes last so that the other statuses keep their keys (1-5) and places.
STATUS_ORDER = [Status.DISPUTED, Status.RESOLVED, Status.CONSISTENT, Status.AGREED, Status.SINGLE_SOURCE,
                Status.INCOMPARABLE]
STATUS_SYMBOL = {
    Status.DISPUTED: "✗", Status.RESOLVED: "✓", Status.CONSISTENT: "≈",
    Status.AGREED: "=", Status.SINGLE_SOURCE: "·", Status.INCOMPARABLE: "?",
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
    same_author: dict[str, str] = field(default_factory=dict)  # a witness -> the work of its author that counts

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
    self_contradictions: list[str] = field(default_factory=list)  # one sentence per person, body or source

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
    authors: dict[str, Authorship] = field(default_factory=dict)  # source -> whose work it is, and how that was found

    def by_status(self, *statuses: Status) -> list[Finding]:
        return [f for f in self.findings if f.status in statuses]

    def of_subject(self, subject: str) -> list[Finding]:
        return [f for f in self.findings if f.subject == subject]

    def counts(self) -> dict[str, int]:
        counted = {status.value: 0 for status in STATUS_ORDER}
        for finding in self.findings:
            counted[finding.status.value] += 1
        return counted


@dataclass(frozen=True)
class Fact:
    """One fact to compare: its key (subject, property, qualifier), its claims and its resolution."""

    key: tuple[str, str, str | None]
    claims: list[Claim]
    resolution: Resolution | None


@dataclass
class FactResult:
    """What comparing one fact gives: its finding, the problems met, each claim's credibility
    grade, what each claim adds to its source's record (see _tallies), and where the fact
    stands in the findings (most contested first)."""

    finding: Finding
    problems: list[Problem]
    grades: list[int]
    tallies: list[tuple[str, list[str] | None, bool, bool]]
    order: tuple


Compute = Callable[[Sequence[Fact]], list[FactResult]]


class CompareSteps:
    """How a comparison has each fact's result: the plain way, computing every one here.

    The speed wing (``sourcecrit.speed``) passes its own steps to take the unchanged facts'
    results from its memo and compare the rest partly in a second process; whatever steps
    are given, the findings are the same.
    """

    def results(self, ledger: "Ledger", facts: list[Fact], compute: Compute) -> list[FactResult]:
        """Each fact's result, in the facts' order; ``compute(facts)`` computes them."""
        return compute(facts)


def compare_ledger(ledger: "Ledger", *, steps: CompareSteps | None = None) -> Findings:
    """Compare every fact of ``ledger``: relations, versions, witnesses, statuses, grades."""
    steps = steps or CompareSteps()
    graph = witness_graph(ledger)
    context = compare_context(ledger)
    witness = {cid: graph.witness_of(claim) for cid, claim in ledger.claims.items()}
    dates = rate_scope.subject_dates(ledger) if rate_scope.needs_dates(context.rates) else {}

    def compute(part: Sequence[Fact]) -> list[FactResult]:
        return [compare_fact(ledger, graph, witness, rate_scope.for_fact(context, fact.key[0], dates), fact)
                for fact in part]

    results = steps.results(ledger, facts_of(ledger), compute)
    return findings_of(ledger, results, witness)


def witness_graph(ledger: "Ledger") -> WitnessGraph:
    """What each source draws on, and whose work it is."""
    return WitnessGraph(ledger.sources, authors_of(ledger.sources, ledger.gazetteer))


def findings_of(ledger: "Ledger", results: list[FactResult], witness: dict[str, str],
                summary: tuple[dict[str, int], dict[str, SourceRecord]] | None = None) -> Findings:
    """The findings of a ledger from each fact's result; the claims' grades and the sources'
    records are worked out from them unless given (``summary``)."""
    if summary is None:
        credibility = {cid: grade for result in results for cid, grade in zip(result.finding.claims, result.grades)}
        summary = credibility, _source_records(ledger, results)
    results = sorted(results, key=lambda result: result.order)
    problems = [problem for result in results for problem in result.problems]
    return Findings([result.finding for result in results], witness, *summary, citation_cycles(ledger.sources), problems,
                    authors_of(ledger.sources, ledger.gazetteer))


def compare_fact(ledger: "Ledger", graph: WitnessGraph, witness: dict[str, str], context: CompareContext,
                 fact: Fact) -> FactResult:
    """Compare one fact's claims."""
    found: list[Problem] = []
    seen = graph.within({witness[c.id] for c in fact.claims})
    finding = _finding(ledger, fact.key, fact.claims, seen, witness, context, fact.resolution, found)
    finding.self_contradictions = self_contradictions(ledger, finding, graph, witness)
    if finding.self_contradictions and finding.status is Status.DISPUTED:
        finding.status_reason += "; " + "; ".join(finding.self_contradictions)
    return FactResult(finding, found, _grades(finding, witness, seen), _tallies(finding, ledger.claims, witness, seen),
                      _contest_order(finding))


def facts_of(ledger: "Ledger") -> list[Fact]:
    """Every fact of the ledger with its claims and resolution, in the ledger's order."""
    resolutions = {r.fact_key: r for r in ledger.resolutions}
    return [Fact(key, claims, resolutions.get(key)) for key, claims in _facts(ledger).items()]


def _facts(ledger: "Ledger") -> dict[tuple, list[Claim]]:
    facts: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ledger.claims.values():
        if claim.property in ledger.properties and claim.subject in ledger.subjects:
            facts[claim.fact_key].append(claim)
    for resolution in ledger.resolutions:  # a resolution of a fact without claims still shows
        facts.setdefault(resolution.fact_key, [])
    return facts


def compare_context(ledger: "Ledger") -> CompareContext:
    """What comparing two values needs to know of the ledger: the stated rates, the labels."""
    rate_properties = {p.id for p in ledger.properties.values() if p.type == "rate"}
    rate_claims = [c for c in ledger.claims.values()
                   if c.property in rate_properties and c.id in ledger.values and c.stance == Stance.ASSERTS]
    rates = []
    if rate_claims:
        from sourcecrit.values.rate import as_rate

        dates = rate_scope.subject_dates(ledger)
        rates = [rate_scope.scoped(ledger, as_rate(ledger.values[c.id], c.id), c, dates) for c in rate_claims]
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
    independent, folded = graph.independent(set(witnesses))
    normalized = kind.normalized(value) if value is not None else {}
    drawn = {w: o for w, o in folded.items() if not graph.same_voice(w, o)}
    same = {w: o for w, o in folded.items() if graph.same_voice(w, o)}
    return Version(label, first.stance, [c.id for c in group], witnesses, independent, drawn, normalized, same)


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
    elif not any(p.relation is not Relation.INCOMPARABLE for p in finding.pairs
                 if not graph.same_voice(witness[p.a], witness[p.b])):
        finding.status = Status.INCOMPARABLE
        finding.status_reason = incomparable_reason(finding.pairs)
    elif all(p.relation is Relation.AGREE for p in finding.pairs):
        finding.status = Status.AGREED
        finding.status_reason = f"{len(everyone)} independent witnesses give the same value"
    else:
        finding.status = Status.CONSISTENT
        unclear = sum(1 for p in finding.pairs if p.relation is Relation.INCOMPARABLE)
        extra = f"; {unclear} pair(s) could not be compared" if unclear else ""
        finding.status_reason = f"{len(everyone)} independent witnesses, no contradiction{extra}"


def incomparable_reason(pairs: Sequence[Pair]) -> str:
    """Why no pair of a fact's claims could be judged, each distinct reason once."""
    reasons = list(dict.fromkeys(p.reason for p in pairs if p.relation is Relation.INCOMPARABLE))
    shown = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} other reason(s)" if len(reasons) > 3 else "")
    return f"no pair of claims from different witnesses can be compared: {shown}"


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
    support, against = _other_witnesses(finding, witness, graph, rejected)
    return [5 if claim_id in rejected else _grade(support.get(claim_id), against.get(claim_id), graph)
            for claim_id in finding.claims]


def _other_witnesses(finding: Finding, witness: dict[str, str], graph, rejected: set[str]
                     ) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For each claim, the other witnesses that support it and those that contradict it (one
    pass over the pairs). A claim a resolution rejects is set aside: it neither supports nor
    contradicts the others."""
    support: dict[str, set[str]] = defaultdict(set)
    against: dict[str, set[str]] = defaultdict(set)
    for pair in finding.pairs:
        if pair.relation is Relation.INCOMPARABLE or pair.a in rejected or pair.b in rejected:
            continue
        first, second = witness[pair.a], witness[pair.b]
        if graph.same_voice(first, second):
            continue  # a witness, or a person, does not corroborate or contradict itself
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


def _source_records(ledger, results: list[FactResult]) -> dict[str, SourceRecord]:
    records = {sid: SourceRecord(sid, reliability=s.reliability) for sid, s in ledger.sources.items()}
    contradicted_by: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for source, witnesses, rejected, supporting in result.tallies:
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
