"""Findings: for every fact (subject, property, qualifier), its claims, the relation of
each pair, the competing values with their witnesses, and a status.

No I/O and no UI: the CLI, the reports and the TUI all show these same findings.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Sequence

from sourcecrit.compare import rate_scope
from sourcecrit.compare.pairs import Pair, PairList, class_key
from sourcecrit.compare.relations import denial_meets, for_one_fact
from sourcecrit.compare.self_contradiction import self_contradictions
from sourcecrit.compare.witnesses import Authorship, Unrelated, WitnessGraph, authors_of
from sourcecrit.ledger.validate import citation_cycles
from sourcecrit.models import Claim, Resolution, Stance
from sourcecrit.problems import Problem
from sourcecrit.values import TYPE_MODULES, CompareContext, Relation, value_type

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger


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


@dataclass
class Version:
    """One competing value: the claims that give it and the independent witnesses behind them."""

    label: str
    stance: Stance
    claims: list[str]
    witnesses: list[str]
    independent: list[str]
    drawn_from: dict[str, str]
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
    pairs: PairList  # made from the relations of the claims' groups when read
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
        pairs = self.pairs
        if isinstance(pairs, PairList):
            return pairs.count(Relation.CONTRADICT)
        return sum(1 for p in pairs if p.relation is Relation.CONTRADICT)

    @property
    def independent_witnesses(self) -> int:
        return len({w for v in self.versions for w in v.independent})

    def settle(self) -> None:
        """Let go of the pairs worked out from the relations (made again when asked for): a
        report settles each fact once written, so that it never holds every fact's pairs."""
        if isinstance(self.pairs, PairList):
            self.pairs.settle()

    def relation_of(self, a: str, b: str) -> Pair | None:
        claims = self.claims
        if a not in claims or b not in claims or a == b:
            return None
        x, y = sorted((claims.index(a), claims.index(b)))
        pairs = self.pairs
        if isinstance(pairs, PairList):
            return pairs._pair(x, y)
        return next((p for p in pairs if {p.a, p.b} == {a, b}), None)


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
    dates = rate_scope.subject_dates(ledger) if rate_scope.needs_dates(context.rates) else {}
    witness = {cid: graph.witness_of(claim) for cid, claim in ledger.claims.items()}

    def compute(part: Sequence[Fact]) -> list[FactResult]:
        return [compare_fact(ledger, graph, witness, rate_scope.for_fact(context, fact.key[0], dates), fact)
                for fact in part]

    results = steps.results(ledger, facts_of(ledger), compute)
    return findings_of(ledger, results, witness, authors=graph.authors)


def witness_graph(ledger: "Ledger") -> WitnessGraph:
    """What each source draws on, and whose work it is."""
    return WitnessGraph(ledger.sources, authors_of(ledger.sources, ledger.gazetteer))


Summary = tuple[dict[str, int], dict[str, SourceRecord], dict[str, Authorship]]
"""What findings_of works out over every fact: the claims' grades, the sources' records, whose work each source is."""


def findings_of(ledger: "Ledger", results: list[FactResult], witness: dict[str, str],
                summary: Summary | None = None, authors: dict[str, Authorship] | None = None) -> Findings:
    """The findings of a ledger from each fact's result; the claims' grades, the sources'
    records and their authors (unless ``authors``) are worked out unless given (``summary``)."""
    if summary is None:
        credibility = {cid: grade for result in results for cid, grade in zip(result.finding.claims, result.grades)}
        if authors is None:
            authors = authors_of(ledger.sources, ledger.gazetteer)
        summary = credibility, _source_records(ledger, results), authors
    credibility, records, authors = summary
    results = sorted(results, key=lambda result: result.order)
    problems = [problem for result in results for problem in result.problems]
    return Findings([result.finding for result in results], witness, credibility, records,
                    citation_cycles(ledger.sources), problems, authors)


def compare_fact(ledger: "Ledger", graph: WitnessGraph, witness: dict[str, str], context: CompareContext,
                 fact: Fact) -> FactResult:
    """Compare one fact's claims."""
    found: list[Problem] = []
    witnesses = {witness[c.id] for c in fact.claims}
    seen = graph.within(witnesses)
    finding = _finding(ledger, fact.key, fact.claims, seen, witness, context, fact.resolution, found)
    if len(witnesses) < len(fact.claims) or seen is graph:  # else no voice speaks twice
        finding.self_contradictions = self_contradictions(ledger, finding, graph, witness)
    if finding.self_contradictions and finding.status is Status.DISPUTED:
        finding.status_reason += "; " + "; ".join(finding.self_contradictions)
    result = FactResult(finding, found, _grades(finding, witness, seen), _tallies(finding, ledger.claims, witness, seen),
                        _contest_order(finding))
    finding.pairs.settle()
    return result


def facts_of(ledger: "Ledger") -> list[Fact]:
    """Every fact of the ledger with its claims and resolution, in the ledger's order."""
    resolutions = {r.fact_key: r for r in ledger.resolutions if r.reopened is None}  # a reopened fact is open again
    return [Fact(key, claims, resolutions.get(key)) for key, claims in _facts(ledger).items()]


def _facts(ledger: "Ledger") -> dict[tuple, list[Claim]]:
    """The claims of each fact that can be compared: of a declared subject and a property of a
    known type (any other is a problem `check` reports, and is left out here)."""
    comparable = {p.id for p in ledger.properties.values() if p.type in TYPE_MODULES}
    subjects = ledger.subjects
    facts: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ledger.claims.values():
        if claim.property in comparable and claim.subject in subjects:
            facts[claim.fact_key].append(claim)
    for resolution in ledger.resolutions:  # a resolution of a fact without claims still shows
        if resolution.property in comparable and resolution.subject in subjects:
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

        dates = rate_scope.subject_dates(ledger, {c.subject for c in rate_claims})  # for rates without a period
        rates = [rate_scope.scoped(ledger, as_rate(ledger.values[c.id], c.id), c, dates) for c in rate_claims]
    return CompareContext(rates=rates, unit_label=ledger.unit_label, entity_label=ledger.gazetteer.label,
                          by_source=any(rate.sources for rate in rates))


def _contest_order(finding: Finding) -> tuple:
    return (STATUS_ORDER.index(finding.status), -len(finding.versions) if finding.status is Status.DISPUTED else 0,
            -finding.contradictions, -finding.independent_witnesses, finding.subject, finding.property, finding.qualifier or "")


def _finding(ledger, key, claims, graph, witness, context, resolution, problems) -> Finding:
    prop = ledger.properties[key[1]]
    kind = value_type(prop.type)
    if prop.multi:
        context = replace(context, multi=True)
    values = ledger.values
    pairs = PairList.of(claims, values, for_one_fact(kind), context, class_key(ledger, context))
    versions = _versions(claims, pairs, kind, values, graph, witness)
    finding = Finding(*key, Status.SINGLE_SOURCE, "", [c.id for c in claims], pairs, versions)
    _set_status(finding, ledger, claims, kind, context, resolution, graph, witness, problems)
    return finding


def _versions(claims, pairs: PairList, kind, values, graph, witness) -> list[Version]:
    """The claims grouped by value: each joins the first version whose first claim it agrees
    with (same stance), worked out group by group of alike claims."""
    if len(pairs.members) == len(claims):  # no two claims alike (most facts): as the claims come
        return _versions_one_by_one(claims, pairs, kind, values, graph, witness)
    units: list[tuple[int, list[int]]] = []  # a group of alike claims, split where they do not agree
    for group, members in enumerate(pairs.members):
        if len(members) > 1 and pairs.relation(group, group) is not Relation.AGREE:
            units.extend((group, [m]) for m in members)
        else:
            units.append((group, members))
    units.sort(key=lambda unit: unit[1][0])
    versions: list[tuple[int, list[int]]] = []
    for group, members in units:
        stance = claims[members[0]].stance
        home = next((v for v in versions if claims[v[1][0]].stance == stance
                     and pairs.relation(v[0], group) is Relation.AGREE), None)
        if home is None:
            versions.append((group, list(members)))
        else:
            home[1].extend(members)
    return [_version([claims[m] for m in sorted(members)], kind, values, graph, witness) for _, members in versions]


def _versions_one_by_one(claims, pairs: PairList, kind, values, graph, witness) -> list[Version]:
    relations = pairs.relations
    groups: list[tuple[int, list[Claim]]] = []
    for place, claim in enumerate(claims):
        home = next((g for first, g in groups if g[0].stance == claim.stance
                     and relations[(first, place)][0] is Relation.AGREE), None)
        if home is None:
            groups.append((place, [claim]))
        else:
            home.append(claim)
    return [_version(group, kind, values, graph, witness) for _, group in groups]


def _version(group: list[Claim], kind, values, graph: WitnessGraph, witness) -> Version:
    first = group[0]
    value = values.get(first.id)
    label = kind.describe(value) if value is not None else f"(unreadable: {first.value})"
    if first.stance is not Stance.ASSERTS:
        label = f"{first.stance.value}: {label}"
    witnesses = sorted({witness[c.id] for c in group})
    independent, folded = graph.independent(set(witnesses))
    if not folded:  # most versions: no witness draws on another or shares an author
        return Version(label, first.stance, [c.id for c in group], witnesses, independent, {})
    drawn = {w: o for w, o in folded.items() if not graph.same_voice(w, o)}
    same = {w: o for w, o in folded.items() if graph.same_voice(w, o)}
    return Version(label, first.stance, [c.id for c in group], witnesses, independent, drawn, same)


def _set_status(finding, ledger, claims, kind, context, resolution, graph, witness, problems) -> None:
    if resolution is not None and resolution.fact_key in ledger.accepted:
        _resolved_status(finding, ledger, claims, kind, context, resolution, problems)
        return
    pairs = finding.pairs
    contradicting = pairs.count(Relation.CONTRADICT)
    everyone, _ = graph.independent({witness[c.id] for c in claims})
    if contradicting:
        finding.status = Status.DISPUTED
        first = pairs.first(Relation.CONTRADICT)
        finding.status_reason = f"{contradicting} pair(s) of claims contradict: {first.reason if first else ''}"
    elif len(everyone) <= 1:
        finding.status = Status.SINGLE_SOURCE
        finding.status_reason = f"every claim rests on one witness ({', '.join(everyone) or 'none'})"
    elif not _judged_across_voices(pairs, claims, graph, witness):
        finding.status = Status.INCOMPARABLE
        finding.status_reason = incomparable_reason(pairs)
    elif pairs.every(Relation.AGREE):
        finding.status = Status.AGREED
        finding.status_reason = f"{len(everyone)} independent witnesses give the same value"
    else:
        finding.status = Status.CONSISTENT
        unclear = pairs.count(Relation.INCOMPARABLE)
        extra = f"; {unclear} pair(s) could not be compared" if unclear else ""
        finding.status_reason = f"{len(everyone)} independent witnesses, no contradiction{extra}"


def _judged_across_voices(pairs: PairList, claims, graph, witness) -> bool:
    """Whether some pair of claims from different witnesses (voices) could be judged."""
    members = pairs.members
    for g, h, _, relation in pairs.group_pairs():
        if relation is Relation.INCOMPARABLE:
            continue
        mine = {witness[claims[m].id] for m in members[g]}
        theirs = mine if g == h else {witness[claims[m].id] for m in members[h]}
        if _two_voices(mine, theirs, graph):
            return True
    return False


def _two_voices(mine: set[str], theirs: set[str], graph) -> bool:
    """Whether a witness of ``mine`` and one of ``theirs`` are not one voice."""
    one = next(iter(mine))
    if any(not graph.same_voice(one, other) for other in theirs):
        return True
    other = next(iter(theirs))
    if any(not graph.same_voice(w, other) for w in mine):
        return True
    return any(not graph.same_voice(a, b) for a in mine for b in theirs)  # only when all are (nearly) one voice


def incomparable_reason(pairs: PairList) -> str:
    """Why no pair of a fact's claims could be judged, each distinct reason once (the first
    pair of each two groups of alike claims speaks for them, in the pairs' order)."""
    members = pairs.members
    firsts = sorted((members[g][0], members[h][1 if g == h else 0]) for g, h, _, relation in pairs.group_pairs()
                    if relation is Relation.INCOMPARABLE)
    reasons = list(dict.fromkeys(pairs._pair(x, y).reason for x, y in firsts))
    shown = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} other reason(s)" if len(reasons) > 3 else "")
    return f"no pair of claims from different witnesses can be compared: {shown}"


def _resolved_status(finding, ledger, claims, kind, context, resolution: Resolution, problems) -> None:
    accepted = ledger.accepted[resolution.fact_key]
    finding.resolution = resolution
    finding.accepted_label = kind.describe(accepted)
    rejected = {r.claim for r in resolution.rejected}
    against, support = [], []
    known: dict[int, Relation | None] = {}  # alike claims stand alike to the accepted value
    for claim, group in zip(claims, finding.pairs.class_of):
        if group not in known:
            known[group] = _against_accepted(claim, accepted, ledger.values, kind, context)
        relation = known[group]
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


def set_aside_against(ledger: "Ledger", finding: Finding, context: CompareContext) -> list[str]:
    """The claims the resolution of ``finding`` sets aside that contradict its accepted value, in
    the fact's order: not one set aside though it agrees or is consistent with the value, or
    cannot be compared with it. ``context`` is ``compare_context(ledger)``, made once for many facts."""
    resolution = finding.resolution
    if resolution is None or finding.key not in ledger.accepted:
        return []
    prop = ledger.properties[finding.property]
    kind = value_type(prop.type)
    if prop.multi:
        context = replace(context, multi=True)
    if context.rates:  # scoped as compare_ledger scopes them
        dates = rate_scope.subject_dates(ledger, {finding.subject}) if rate_scope.needs_dates(context.rates) else {}
        context = rate_scope.for_fact(context, finding.subject, dates)
    rejected = {r.claim for r in resolution.rejected}
    accepted = ledger.accepted[finding.key]
    return [claim_id for claim_id in finding.claims if claim_id in rejected
            and _against_accepted(ledger.claims[claim_id], accepted, ledger.values, kind, context) is Relation.CONTRADICT]


def _grades(finding: Finding, witness: dict[str, str], graph) -> list[int]:
    """Each claim's Admiralty credibility (1 confirmed … 6 cannot be judged), from corroboration
    only: the other witnesses with it and against it, none of them its own voice. A claim a
    resolution rejects is set aside: it neither supports nor contradicts the others."""
    rejected = {r.claim for r in finding.resolution.rejected} if finding.resolution else set()
    pairs = finding.pairs
    ids = finding.claims
    kept = [{witness[ids[m]] for m in members if ids[m] not in rejected} for members in pairs.members]
    support: dict[int, set[str]] = defaultdict(set)
    against: dict[int, set[str]] = defaultdict(set)
    for g, h, _, relation in pairs.group_pairs():
        if relation is Relation.INCOMPARABLE:
            continue
        side = against if relation is Relation.CONTRADICT else support
        side[g] |= kept[h]
        side[h] |= kept[g]
    grades: list[int] = []
    known: dict[tuple[int, str], int] = {}
    for claim_id, group in zip(ids, pairs.class_of):
        if claim_id in rejected:
            grades.append(5)
            continue
        own = witness[claim_id]
        grade = known.get((group, own))
        if grade is None:
            grade = known[(group, own)] = _admiralty(_others(support.get(group), own, graph),
                                                     _others(against.get(group), own, graph))
        grades.append(grade)
    return grades


def _others(witnesses: set[str] | None, own: str, graph) -> int:
    """How many independent witnesses of ``witnesses`` there are besides ``own`` and its voice."""
    if not witnesses:
        return 0
    if isinstance(graph, Unrelated):  # one voice per witness, none drawing on another
        return len(witnesses) - (own in witnesses)
    others = {w for w in witnesses if not graph.same_voice(w, own)}
    return len(graph.independent(others)[0]) if others else 0


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
    # Alike claims of a fact share one list of contradicting witnesses (see _tallies): each
    # list is taken once per source, and a source with one list keeps it (it is sorted).
    contradicted_by: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for result in results:
        for source, witnesses, rejected, supporting in result.tallies:
            record = records.get(source)
            if record is None:
                continue
            record.claims += 1
            if witnesses is not None:
                record.contradicted += 1
                contradicted_by[source].setdefault(id(witnesses), witnesses)
            if rejected:
                record.rejected += 1
            elif supporting:
                record.agree_with_resolution += 1
    for source, lists in contradicted_by.items():
        found = list(lists.values())
        records[source].contradicted_by = sorted(found[0]) if len(found) == 1 else sorted({w for ws in found for w in ws})
    return dict(sorted(records.items()))


def _tallies(finding: Finding, claims, witness, graph) -> list[tuple[str, list[str] | None, bool, bool]]:
    """What each claim of ``finding`` adds to its source's record: the independent witnesses
    that contradict it (None when none do), whether it is rejected, whether it supports the resolution."""
    rejected = {r.claim for r in finding.resolution.rejected} if finding.resolution else set()
    pairs = finding.pairs
    ids = finding.claims
    witnesses = [{witness[ids[m]] for m in members} for members in pairs.members]
    against: dict[int, set[str]] = defaultdict(set)
    for g, h, _, relation in pairs.group_pairs():
        if relation is Relation.CONTRADICT:
            against[g] |= witnesses[h]
            against[h] |= witnesses[g]
    independent = {group: graph.independent(found)[0] for group, found in against.items()}  # shared by alike claims
    supporting = set(finding.supporting)
    return [(claims[claim_id].source, independent.get(group), claim_id in rejected, claim_id in supporting)
            for claim_id, group in zip(ids, pairs.class_of)]
