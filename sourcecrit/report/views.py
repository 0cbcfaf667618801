"""One plain view of a report, built from the findings themselves: every renderer formats it.

What a report says about a fact (its values, claims, citations, relations, resolution) is
worked out here once, from the Finding, Claim and Findings objects; the Markdown, HTML and
CSV renderers only lay it out, and the JSON document (report.findings_json) reads the same
few rules (a claim's normalized value, its grade) from here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from sourcecrit.citation import WitnessNames, full_citation, short_citation
from sourcecrit.compare import CREDIBILITY_LABEL, STATUS_ORDER, STATUS_SYMBOL, Finding, Findings, Status, Version
from sourcecrit.compare.ach import Mark, Voices, ach_matrix, ledger_voices
from sourcecrit.query import Filters, fact_label, subject_label
from sourcecrit.values import Relation, value_type

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger
    from sourcecrit.models import Claim

RELATION_WORDS = [(Relation.CONTRADICT, "contradicts"), (Relation.AGREE, "agrees"), (Relation.CONSISTENT, "consistent")]
UNGRADED = 6  # the credibility of a claim with nothing to judge it by


# ---------------------------------------------------------------- views

@dataclass(frozen=True)
class ClaimView:
    """One claim as every report shows it."""

    id: str
    source: str
    short: str
    citation: str
    witness: str
    value: str
    normalized: Any
    stance: str
    hedges: list[str]
    locator: str
    quote: str
    attributed_to: str
    relations: str
    credibility: str
    flagged: str
    set_aside: str  # the resolution's reason for rejecting it, if it does
    witness_name: str = ""
    cited_as: str = ""  # the reference of its witness, known only through its source
    attributed_name: str = ""  # the name of the source it is attributed to
    grade: int = UNGRADED
    witness_count: int = 0  # independent witnesses of its version

    @property
    def anchor(self) -> str:
        return f"claim-{self.id}"

    @property
    def credibility_label(self) -> str:
        return CREDIBILITY_LABEL[self.grade]


@dataclass(frozen=True)
class VersionView:
    label: str
    stance: str
    claims: list[ClaimView]
    independent: list[str]
    witness_count: int
    drawn_from: dict[str, str]
    accepted: bool
    names: dict[str, str] = field(default_factory=dict)  # witness id -> its name

    def name(self, witness: str) -> str:
        return self.names.get(witness, witness)

    @property
    def count_text(self) -> str:
        n, w = len(self.claims), self.witness_count
        return f"{n} claim{'s' * (n != 1)}, {w} independent witness{'es' * (w != 1)}"


@dataclass(frozen=True)
class PairView:
    a: str
    b: str
    relation: str
    reason: str


@dataclass(frozen=True)
class ResolutionView:
    accepted: str
    rationale: str
    decided_by: str
    decided_on: str
    rests_on: list[str]
    rejected: list[tuple[str, str]]


@dataclass(frozen=True)
class AchRow:
    """One claim as evidence: its marks under each hypothesis."""

    claim: str
    witness: str
    marks: list[str]  # 'C', 'I' or '–' for each hypothesis
    diagnosticity: int
    counts_with: str


@dataclass(frozen=True)
class AchView:
    """The ACH matrix of a disputed fact, witnesses by name."""

    hypotheses: list[tuple[str, int, bool]]  # label, independent witnesses against it, least inconsistent
    rows: list[AchRow]
    reason: str


@dataclass(frozen=True)
class FactView:
    """One selected fact: its values, claims, relations and resolution."""

    anchor: str
    subject: str
    subject_label: str
    property: str
    fact: str
    qualifier: str
    status: str
    symbol: str
    reason: str
    versions: list[VersionView]
    pairs: list[PairView]
    resolution: ResolutionView | None
    self_contradictions: list[str] = field(default_factory=list)  # those the reason does not already say
    all_self_contradictions: list[str] = field(default_factory=list)
    type: str = ""  # the property's value type: date, quantity, ...
    ach: AchView | None = None

    @property
    def title(self) -> str:
        return fact_title(self.subject_label, self.fact)

    @property
    def key_text(self) -> str:
        return " / ".join(k for k in (self.subject, self.property, self.qualifier) if k)

    @property
    def claims(self) -> list[ClaimView]:
        return [c for v in self.versions for c in v.claims]

    def sources(self) -> list[ClaimView]:
        """One claim per source of the fact, for its list of full citations."""
        return list({c.source: c for c in sorted(self.claims, key=lambda c: c.short)}.values())


@dataclass(frozen=True)
class SourceRow:
    source: str
    short: str
    citation: str
    reliability: str
    claims: int
    shown: int
    in_disputes: int
    contradicted: int
    contradicted_by: str
    agree_with_resolution: int
    rejected: int
    contradicted_by_count: int = 0

    @property
    def anchor(self) -> str:
        return f"source-{self.source}"


@dataclass(frozen=True)
class FactEntry:
    """A selected fact as the report's contents list it: known before its view is built."""

    anchor: str
    title: str
    status: str
    symbol: str


@dataclass
class Report:
    """Everything a renderer needs. The view of each fact is built only when a renderer reaches
    it (:meth:`fact_views`) and let go once written, so that a report of every fact of a large
    ledger never holds all their views at once; the JSON document needs none."""

    ledger: "Ledger"
    findings: Findings
    selected: list[Finding]
    filters: Filters
    per_source: bool
    title: str
    made_at: datetime | None = None  # only with --timestamp: the same ledger gives the same bytes

    @cached_property
    def entries(self) -> list[FactEntry]:
        """Every selected fact's anchor, title and status, in the report's order (its contents)."""
        anchors: set[str] = set()
        return [FactEntry(_anchor(f, anchors), fact_title(subject_label(self.ledger, f.subject), fact_label(self.ledger, f)),
                          f.status.value, STATUS_SYMBOL[f.status]) for f in self.selected]

    def fact_views(self) -> Iterator[FactView]:
        """The view of each selected fact, one at a time, in the report's order."""
        for finding, entry in zip(one_at_a_time(self.selected), self.entries):
            yield fact_view(self.ledger, self.findings, finding, entry.anchor, self.names, self.voices)

    @cached_property
    def sources(self) -> list[SourceRow]:
        return source_rows(self.ledger, self.findings, self.selected, self.filters, self.names)

    @cached_property
    def names(self) -> WitnessNames:
        return WitnessNames(self.ledger.sources)

    @cached_property
    def voices(self) -> Voices:
        return ledger_voices(self.ledger, self.findings)

    @property
    def generated(self) -> str | None:
        return self.made_at.strftime("%Y-%m-%d %H:%M:%S UTC") if self.made_at else None

    @property
    def counts(self) -> list[tuple[str, str, int, int]]:
        """(symbol, status, facts in the ledger, facts shown) for every status."""
        total, shown = self.findings.counts(), {s.value: 0 for s in STATUS_ORDER}
        for finding in self.selected:
            shown[finding.status.value] += 1
        return [(STATUS_SYMBOL[s], s.value, total[s.value], shown[s.value]) for s in STATUS_ORDER]

    @property
    def sources_shown(self) -> list[SourceRow]:
        """The sources with a claim in the facts shown (the summary's table)."""
        return [s for s in self.sources if s.shown]

    @property
    def scope_text(self) -> str:
        """Which facts the report shows, in words."""
        filters = self.filters
        parts = [f"status {' or '.join(s.value for s in filters.statuses or STATUS_ORDER)}"]
        for name, given in (("subject", filters.subjects), ("property", filters.properties),
                            ("source", filters.sources), ("name", filters.entities)):
            if given:
                parts.append(f"{name} {' or '.join(given)}")
        if filters.query.strip():
            parts.append(f"search “{' '.join(filters.query.split())}”")
        return f"{len(self.selected)} of {len(self.findings.findings)} facts ({'; '.join(parts)})"

    @property
    def totals_text(self) -> str:
        ledger = self.ledger
        text = f"{len(ledger.claims)} claims from {len(ledger.sources)} sources on {len(ledger.subjects)} subjects"
        errors = len(ledger.errors)
        if errors:
            text += f"; the ledger has {errors} problem{'s' * (errors != 1)} (run sourcecrit check)"
        return text


# ---------------------------------------------------------------- building them

def _anchor(finding: Finding, taken: set[str]) -> str:
    base = "fact-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", "--".join(k for k in finding.key if k)).strip("-")
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


def fact_view(ledger: "Ledger", findings: Findings, finding: Finding, anchor: str, names: WitnessNames | None = None,
              voices: Voices | None = None) -> FactView:
    names = names or WitnessNames(ledger.sources)
    counts = {cid: v.witness_count for v in finding.versions for cid in v.claims}
    claims = {cid: claim_view(ledger, findings, finding, cid, names, counts.get(cid, 0)) for cid in finding.claims}
    prop = ledger.properties.get(finding.property)
    return FactView(
        anchor=anchor, subject=finding.subject, subject_label=subject_label(ledger, finding.subject),
        property=finding.property, fact=fact_label(ledger, finding), qualifier=finding.qualifier or "",
        status=finding.status.value, symbol=STATUS_SYMBOL[finding.status], reason=finding.status_reason,
        versions=[version_view(finding, v, claims, names) for v in finding.versions],
        pairs=[PairView(p.a, p.b, p.relation.value, p.reason) for p in finding.pairs],
        resolution=resolution_view(finding),
        self_contradictions=[s for s in finding.self_contradictions if s not in finding.status_reason],
        all_self_contradictions=list(finding.self_contradictions),
        type=prop.type if prop else "",
        ach=ach_view(ledger, findings, finding, names, voices) if finding.status is Status.DISPUTED else None,
    )


def ach_view(ledger: "Ledger", findings: Findings, finding: Finding, names: WitnessNames,
             voices: Voices | None = None) -> AchView | None:
    """The ACH matrix of a fact, its witnesses named (None when no two versions compete)."""
    matrix = ach_matrix(finding, findings.witness, voices or ledger_voices(ledger, findings), names.name)
    if matrix is None:
        return None
    hypotheses = [(h.label, len(h.inconsistent), h.least_inconsistent) for h in matrix.hypotheses]
    rows = [AchRow(e.claim, names.name(e.witness), [m.letter for m in e.marks], e.diagnosticity, e.counts_with or "")
            for e in matrix.evidence]
    return AchView(hypotheses, rows, matrix.reason)


MARK_WORDS = {m.letter: m.value for m in Mark}


def version_view(finding: Finding, version: Version, claims: dict[str, ClaimView], names: WitnessNames) -> VersionView:
    accepted = bool(finding.resolution) and any(c in finding.supporting for c in version.claims)
    drawn = dict(sorted(version.drawn_from.items()))
    named = {w: names.name(w) for w in {*version.independent, *drawn, *drawn.values()}}
    return VersionView(version.label, version.stance.value, [claims[c] for c in version.claims],
                       list(version.independent), version.witness_count, drawn, accepted, named)


def claim_view(ledger: "Ledger", findings: Findings, finding: Finding, claim_id: str,
               names: WitnessNames | None = None, witness_count: int = 0) -> ClaimView:
    names = names or WitnessNames(ledger.sources)
    claim = ledger.claims[claim_id]
    witness = findings.witness.get(claim_id) or ""
    source = ledger.sources.get(claim.source)
    rejected = {r.claim: r.reason for r in finding.resolution.rejected} if finding.resolution else {}
    grade = credibility(findings, claim_id)
    return ClaimView(
        id=claim.id, source=claim.source,
        short=short_citation(source) if source else claim.source,
        citation=full_citation(source) if source else claim.source,
        witness=witness, value=written(claim.value), normalized=normalized(ledger, claim),
        stance=claim.stance.value, hedges=list(claim.hedges), locator=claim.locator or "", quote=claim.quote or "",
        attributed_to=claim.attributed_to or "", relations=relation_summary(finding, claim_id),
        credibility=f"{grade} ({CREDIBILITY_LABEL[grade]})", flagged=claim.flagged or "",
        set_aside=rejected.get(claim_id, ""), witness_name=names.name(witness) if witness else "",
        cited_as=names.cited_as(claim.attributed_to, claim.source, claim.locator or "") if claim.attributed_to else "",
        attributed_name=names.name(claim.attributed_to) if claim.attributed_to else "",
        grade=grade, witness_count=witness_count,
    )


def resolution_view(finding: Finding) -> ResolutionView | None:
    resolution = finding.resolution
    if resolution is None:
        return None
    return ResolutionView(finding.accepted_label or written(resolution.accepted), resolution.rationale,
                          resolution.decided_by or "", resolution.decided_on or "", list(resolution.rests_on),
                          [(r.claim, r.reason) for r in resolution.rejected])


def source_rows(ledger: "Ledger", findings: Findings, selected: list[Finding], filters: Filters,
                names: WitnessNames | None = None) -> list[SourceRow]:
    """One row per source (only the filters' sources when they name some), in id order;
    the witnesses that contradict it by name."""
    names = names or WitnessNames(ledger.sources)
    shown = _claims_per_source(ledger, selected)
    disputed = _claims_per_source(ledger, findings.by_status(Status.DISPUTED))
    rows = []
    for sid, record in findings.sources.items():
        if filters.sources and sid not in filters.sources:
            continue
        source = ledger.sources.get(sid)
        rows.append(SourceRow(
            sid, short_citation(source) if source else sid, full_citation(source) if source else sid,
            record.reliability or "", record.claims, shown.get(sid, 0), disputed.get(sid, 0), record.contradicted,
            ", ".join(names.name(w) for w in record.contradicted_by), record.agree_with_resolution, record.rejected,
            len(record.contradicted_by)))
    return rows


def _claims_per_source(ledger: "Ledger", findings: list[Finding]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for finding in findings:
        for claim_id in finding.claims:
            source = ledger.claims[claim_id].source
            counted[source] = counted.get(source, 0) + 1
    return counted


# ---------------------------------------------------------------- one rule each

def one_at_a_time(findings: Iterable[Finding]) -> Iterator[Finding]:
    """Each finding in turn, settled (its worked-out pairs let go) once the next is asked for."""
    for finding in findings:
        yield finding
        finding.settle()


def fact_title(subject: str, fact: str) -> str:
    """How a report heads a fact: 'Treaty of Moscow: signed'."""
    return f"{subject}: {fact}"


def normalized(ledger: "Ledger", claim: "Claim") -> Any:
    """The claim's value normalized by its type (JSON-ready), None if it could not be read."""
    value = ledger.values.get(claim.id)
    type_name = ledger.value_type_name(claim)
    return value_type(type_name).normalized(value) if value is not None and type_name else None


def credibility(findings: Findings, claim_id: str) -> int:
    """The claim's grade, 1 (confirmed) to 6 (nothing to judge by)."""
    return findings.credibility.get(claim_id, UNGRADED)


def written(value: Any) -> str:
    """A value as the historian wrote it: a name list joined, roles named."""
    if isinstance(value, dict):
        return "; ".join(f"{role}: {written(names)}" for role, names in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def normalized_text(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def relation_summary(finding: Finding, claim_id: str) -> str:
    """How one claim stands to the others of its fact: 'contradicts 2, agrees 1, consistent 0'."""
    counts = {r: 0 for r in Relation}
    for pair in finding.pairs:
        if claim_id in (pair.a, pair.b):
            counts[pair.relation] += 1
    text = ", ".join(f"{word} {counts[r]}" for r, word in RELATION_WORDS)
    return text + (f", incomparable {counts[Relation.INCOMPARABLE]}" if counts[Relation.INCOMPARABLE] else "")
