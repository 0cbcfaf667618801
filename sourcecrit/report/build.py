"""Conflict reports: options, the selection of facts, one plain view of them, the gate.

``render_report(ledger, options)`` compares the ledger, selects the facts the options ask
for and hands one :class:`Report` to the renderer of the chosen format (Markdown, HTML,
CSV or JSON). Every renderer formats the same views built here, so what a report says
about a fact is worked out once. Nothing here depends on the clock unless ``--timestamp``
is given: the same ledger gives the same bytes.

The gate (``--fail-on``) counts the disputed facts among those the ``--subject``,
``--source`` and ``--property`` filters match, whatever ``--status`` shows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from sourcecrit.citation import full_citation, short_citation
from sourcecrit.compare import STATUS_ORDER, STATUS_SYMBOL, Finding, Findings, Status, compare_ledger
from sourcecrit.report.findings_json import finding_entry
from sourcecrit.report.table import fact_label
from sourcecrit.values import Relation

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

FORMATS = ("md", "html", "csv", "json")
STATUS_NAMES = [status.value for status in STATUS_ORDER]
RELATION_WORDS = [(Relation.CONTRADICT, "contradicts"), (Relation.AGREE, "agrees"), (Relation.CONSISTENT, "consistent")]


class ReportError(ValueError):
    """A report option that cannot be used (an unknown status, id or threshold)."""


# ---------------------------------------------------------------- options

@dataclass(frozen=True)
class ReportOptions:
    """What a report includes and how it is written."""

    format: str = "md"
    statuses: tuple[Status, ...] = (Status.DISPUTED,)
    subjects: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    per_source: bool = False
    timestamp: bool = False
    fail_on: int | None = None

    @classmethod
    def from_args(cls, args: Any) -> "ReportOptions":
        """Options from parsed command-line arguments; ReportError for a bad value."""
        fail_on = getattr(args, "fail_on", None)
        return cls(
            format=args.format or "md",
            statuses=parse_statuses(args.status),
            subjects=_unique(args.subject), sources=_unique(args.source), properties=_unique(args.property),
            per_source=bool(args.per_source), timestamp=bool(args.timestamp),
            fail_on=parse_fail_on(fail_on) if fail_on else None,
        )


def parse_statuses(given: Iterable[str] | None) -> tuple[Status, ...]:
    """``--status`` values (default: disputed; ``all`` for every status), in the report's order."""
    names = [n.strip().lower() for n in (given or ["disputed"])]
    unknown = [n for n in names if n not in STATUS_NAMES and n != "all"]
    if unknown:
        raise ReportError(f"unknown status {unknown[0]!r} for --status; choose from {', '.join(STATUS_NAMES)} or all")
    return tuple(s for s in STATUS_ORDER if s.value in names or "all" in names)


def parse_fail_on(text: str | int) -> int:
    """``--fail-on disputed`` allows no unresolved dispute; ``--fail-on N`` allows N."""
    word = str(text).strip().lower()
    if word == "disputed":
        return 0
    if word.isdigit():
        return int(word)
    raise ReportError(f"--fail-on takes 'disputed' or a whole number of disputes to allow, not {str(text)!r}")


def _unique(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values or ()))


def check_ids(ledger: "Ledger", options: ReportOptions) -> None:
    """A filter naming an id the ledger does not hold is a mistake, not an empty report."""
    for flag, given, known in (("--subject", options.subjects, ledger.subjects),
                               ("--source", options.sources, ledger.sources),
                               ("--property", options.properties, ledger.properties)):
        missing = [i for i in given if i not in known]
        if missing:
            raise ReportError(f"{flag} {missing[0]}: the ledger has no such id")


# ---------------------------------------------------------------- selection

def in_scope(ledger: "Ledger", finding: Finding, options: ReportOptions) -> bool:
    """Whether ``finding`` matches the subject, property and source filters."""
    if options.subjects and finding.subject not in options.subjects:
        return False
    if options.properties and finding.property not in options.properties:
        return False
    if options.sources and not any(ledger.claims[c].source in options.sources for c in finding.claims):
        return False
    return True


def scoped(ledger: "Ledger", findings: Findings, options: ReportOptions) -> list[Finding]:
    return [f for f in findings.findings if in_scope(ledger, f, options)]


def select(ledger: "Ledger", findings: Findings, options: ReportOptions) -> list[Finding]:
    """The facts a report shows, most contested first (the findings' own order)."""
    return [f for f in scoped(ledger, findings, options) if f.status in options.statuses]


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


@dataclass(frozen=True)
class VersionView:
    label: str
    stance: str
    claims: list[ClaimView]
    independent: list[str]
    witness_count: int
    drawn_from: dict[str, str]
    accepted: bool

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

    @property
    def title(self) -> str:
        return f"{self.subject_label}: {self.fact}"

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


@dataclass
class Report:
    """Everything a renderer needs, computed once."""

    ledger: "Ledger"
    findings: Findings
    selected: list[Finding]
    options: ReportOptions
    title: str
    generated: str | None
    facts: list[FactView] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)

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
        parts = [f"status {' or '.join(s.value for s in self.options.statuses)}"]
        for name, given in (("subject", self.options.subjects), ("property", self.options.properties),
                            ("source", self.options.sources)):
            if given:
                parts.append(f"{name} {' or '.join(given)}")
        return f"{len(self.facts)} of {len(self.findings.findings)} facts ({'; '.join(parts)})"

    @property
    def totals_text(self) -> str:
        ledger = self.ledger
        text = f"{len(ledger.claims)} claims from {len(ledger.sources)} sources on {len(ledger.subjects)} subjects"
        errors = len(ledger.errors)
        if errors:
            text += f"; the ledger has {errors} problem{'s' * (errors != 1)} (run sourcecrit check)"
        return text


def build_report(ledger: "Ledger", options: ReportOptions, findings: Findings | None = None) -> Report:
    """Compare (unless ``findings`` are given), select and build the views of a report."""
    findings = findings if findings is not None else compare_ledger(ledger)
    selected = select(ledger, findings, options)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC") if options.timestamp else None
    report = Report(ledger, findings, selected, options, _title(ledger), generated)
    anchors: set[str] = set()
    report.facts = [fact_view(ledger, findings, f, _anchor(f, anchors)) for f in selected]
    report.sources = source_rows(ledger, findings, selected, options)
    return report


def _title(ledger: "Ledger") -> str:
    name = Path(ledger.root).resolve().name
    return f"Conflict report: {name}" if name else "Conflict report"


def _anchor(finding: Finding, taken: set[str]) -> str:
    base = "fact-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", "--".join(k for k in finding.key if k)).strip("-")
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


def fact_view(ledger: "Ledger", findings: Findings, finding: Finding, anchor: str) -> FactView:
    entry = finding_entry(ledger, findings, finding)
    claims = {c["id"]: claim_view(ledger, finding, c) for c in entry["claims"]}
    return FactView(
        anchor=anchor, subject=finding.subject, subject_label=entry["subject_label"], property=finding.property,
        fact=fact_label(ledger, finding), qualifier=finding.qualifier or "", status=finding.status.value,
        symbol=STATUS_SYMBOL[finding.status], reason=finding.status_reason,
        versions=[_version_view(finding, v, claims) for v in finding.versions],
        pairs=[PairView(p.a, p.b, p.relation.value, p.reason) for p in finding.pairs],
        resolution=_resolution_view(entry["resolution"]),
        self_contradictions=[s for s in finding.self_contradictions if s not in finding.status_reason],
        all_self_contradictions=list(finding.self_contradictions),
    )


def _version_view(finding: Finding, version, claims: dict[str, ClaimView]) -> VersionView:
    accepted = bool(finding.resolution) and any(c in finding.supporting for c in version.claims)
    return VersionView(version.label, version.stance.value, [claims[c] for c in version.claims],
                       list(version.independent), version.witness_count, dict(sorted(version.drawn_from.items())), accepted)


def claim_view(ledger: "Ledger", finding: Finding, entry: dict[str, Any]) -> ClaimView:
    source = ledger.sources.get(entry["source"])
    rejected = {r.claim: r.reason for r in finding.resolution.rejected} if finding.resolution else {}
    return ClaimView(
        id=entry["id"], source=entry["source"],
        short=short_citation(source) if source else entry["source"],
        citation=full_citation(source) if source else entry["source"],
        witness=entry["witness"] or "", value=written(entry["value"]), normalized=entry["normalized"],
        stance=entry["stance"], hedges=list(entry["hedges"]), locator=entry["locator"] or "",
        quote=entry["quote"] or "", attributed_to=entry["attributed_to"] or "",
        relations=relation_summary(finding, entry["id"]),
        credibility=f"{entry['credibility']} ({entry['credibility_label']})", flagged=entry["flagged"] or "",
        set_aside=rejected.get(entry["id"], ""),
    )


def _resolution_view(entry: dict[str, Any] | None) -> ResolutionView | None:
    if entry is None:
        return None
    return ResolutionView(entry["accepted_label"] or written(entry["accepted"]), entry["rationale"],
                          entry["decided_by"] or "", entry["decided_on"] or "", list(entry["rests_on"]),
                          [(r["claim"], r["reason"]) for r in entry["rejected"]])


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


def source_rows(ledger: "Ledger", findings: Findings, selected: list[Finding], options: ReportOptions) -> list[SourceRow]:
    """One row per source (only the --source ones when given), in id order."""
    shown = _claims_per_source(ledger, selected)
    disputed = _claims_per_source(ledger, findings.by_status(Status.DISPUTED))
    rows = []
    for sid, record in findings.sources.items():
        if options.sources and sid not in options.sources:
            continue
        source = ledger.sources.get(sid)
        rows.append(SourceRow(
            sid, short_citation(source) if source else sid, full_citation(source) if source else sid,
            record.reliability or "", record.claims, shown.get(sid, 0), disputed.get(sid, 0), record.contradicted,
            ", ".join(record.contradicted_by), record.agree_with_resolution, record.rejected))
    return rows


def _claims_per_source(ledger: "Ledger", findings: list[Finding]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for finding in findings:
        for claim_id in finding.claims:
            source = ledger.claims[claim_id].source
            counted[source] = counted.get(source, 0) + 1
    return counted


# ---------------------------------------------------------------- dispatch and gate

def render_report(ledger: "Ledger", options: ReportOptions, findings: Findings | None = None) -> tuple[str, list[Finding]]:
    """The report text, and the facts the filters match (for the gate); the ledger is
    compared unless its ``findings`` are given."""
    check_ids(ledger, options)
    findings = findings if findings is not None else compare_ledger(ledger)
    if options.format == "json":
        text = _json_report(ledger, findings, options)
    else:
        report = build_report(ledger, options, findings)
        text = _renderer(options.format)(report)
    return text, scoped(ledger, findings, options)


def _renderer(name: str):
    if name == "md":
        from sourcecrit.report.markdown import render_markdown as render
    elif name == "html":
        from sourcecrit.report.html import render_html as render
    elif name == "csv":
        from sourcecrit.report.csv_report import render_csv as render
    else:
        raise ReportError(f"unknown report format {name!r}; choose from {', '.join(FORMATS)}")
    return render


def _json_report(ledger: "Ledger", findings: Findings, options: ReportOptions) -> str:
    from sourcecrit.report.findings_json import findings_document

    document = findings_document(ledger, findings, select(ledger, findings, options))
    if options.timestamp:
        document["generated"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def gate_message(findings: Findings | Iterable[Finding], fail_on: str | int | None) -> str | None:
    """None when the unresolved disputes do not exceed ``fail_on``; else a message naming them."""
    if fail_on is None or fail_on == "":
        return None
    allowed = parse_fail_on(fail_on)
    facts = findings.findings if isinstance(findings, Findings) else list(findings)
    disputed = [f for f in facts if f.status is Status.DISPUTED]
    if len(disputed) <= allowed:
        return None
    limit = "none are allowed" if allowed == 0 else f"at most {allowed} allowed"
    names = "\n".join(f"  {' / '.join(k for k in f.key if k)}: {f.status_reason}" for f in disputed)
    return f"sourcecrit: {len(disputed)} unresolved disputed fact{'s' * (len(disputed) != 1)} ({limit}):\n{names}"
