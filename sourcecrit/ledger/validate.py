"""Cross-checks of a built ledger: references, declarations, values, citation cycles.

Each check appends problems naming the file and the line of the field at fault; none
raises. Claims whose value reads are given their value in ``ledger.values``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.models import Claim, Record, Resolution, Source
from sourcecrit.names import fold
from sourcecrit.problems import Problem
from sourcecrit.suggest import unknown
from sourcecrit.values import TYPE_MODULES, ParseContext, ValueProblem, value_type

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

QUOTE_WORD_LIMIT = 40


def validate_ledger(ledger: "Ledger") -> None:
    """Run every cross-check and read every claim's value."""
    ledger.gazetteer = Gazetteer(ledger.entities.values())
    _check_properties(ledger)
    _check_sources(ledger)
    contexts = _parse_contexts(ledger)
    for claim in ledger.claims.values():
        _check_claim(ledger, claim, contexts)
    for resolution in ledger.resolutions:
        _check_resolution(ledger, resolution, contexts[None])


def _problem(ledger: "Ledger", record: Record, key: str, message: str, severity: str = "error") -> None:
    ledger.problems.append(Problem(record.origin.file, record.origin.line_of(key), message, severity))


def _check_properties(ledger: "Ledger") -> None:
    for prop in ledger.properties.values():
        if prop.type not in TYPE_MODULES:
            kinds = ", ".join(TYPE_MODULES)
            _problem(ledger, prop, "type", f"property '{prop.id}': unknown type '{prop.type}'; use one of {kinds}")


def _check_sources(ledger: "Ledger") -> None:
    for source in ledger.sources.values():
        for cited in source.cites:
            if cited not in ledger.sources:
                _problem(ledger, source, "cites", f"source '{source.id}' cites " + unknown("source", cited, ledger.sources, "record it as a source"))
        if source.contained_in and source.contained_in not in ledger.sources:
            _problem(ledger, source, "contained_in", f"source '{source.id}' is contained in " + unknown("source", source.contained_in, ledger.sources, "record it as a source"))
        if source.text and not (ledger.root / source.text).is_file():
            _problem(ledger, source, "text", f"source '{source.id}': its text '{source.text}' is not there (relative to the ledger); passages will not be shown", "warning")
    for cycle in citation_cycles(ledger.sources):
        first = ledger.sources[cycle[0]]
        _problem(ledger, first, "cites", "sources cite each other in a circle: " + " → ".join([*cycle, cycle[0]]) + "; remove one of the cites")


def citation_cycles(sources: dict[str, Source]) -> list[list[str]]:
    """Each circle of `cites`, once, starting at its smallest id."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for cited in sources[node].cites:
            if cited not in sources:
                continue
            if state.get(cited) == 1:
                cycle = path[path.index(cited):]
                start = cycle.index(min(cycle))
                rotated = cycle[start:] + cycle[:start]
                if rotated not in cycles:
                    cycles.append(rotated)
            elif cited not in state:
                visit(cited, path)
        path.pop()
        state[node] = 2

    for source_id in sorted(sources):
        if source_id not in state:
            visit(source_id, [])
    return cycles


def _parse_contexts(ledger: "Ledger") -> dict:
    """A parse context for each number convention (None: the default one)."""
    units: dict[str, str] = {}
    for unit in ledger.units.values():
        for name in (unit.id, unit.label, *unit.variants):
            units.setdefault(fold(name), unit.id)

    def context(european: bool) -> ParseContext:
        return ParseContext(
            resolve_unit=lambda text: units.get(fold(text)),
            resolve_entity=ledger.gazetteer.resolve,
            suggest_entity=ledger.gazetteer.suggest,
            unit_label=ledger.unit_label,
            entity_label=ledger.gazetteer.label,
            european_numbers=european,
        )

    return {None: context(False), "european": context(True)}


def _check_claim(ledger: "Ledger", claim: Claim, contexts: dict) -> None:
    source = ledger.sources.get(claim.source)
    if source is None:
        _problem(ledger, claim, "source", f"claim '{claim.id}': " + unknown("source", claim.source, ledger.sources, "record it under 'sources:'"))
    if claim.attributed_to and claim.attributed_to not in ledger.sources:
        _problem(ledger, claim, "attributed_to", f"claim '{claim.id}': attributed to " + unknown("source", claim.attributed_to, ledger.sources, "record the witness as a source"))
    if claim.subject not in ledger.subjects:
        _problem(ledger, claim, "subject", f"claim '{claim.id}': " + unknown("subject", claim.subject, ledger.subjects, "declare it under 'subjects:'"))
    _check_quote(ledger, claim)
    if not _check_fact(ledger, claim, claim.property, claim.qualifier, f"claim '{claim.id}'"):
        return
    context = contexts["european" if source and source.numbers == "european" else None]
    value = _read_value(ledger, claim, "value", claim.value, claim.property, context, f"claim '{claim.id}'")
    if value is not None:
        ledger.values[claim.id] = value


def _check_quote(ledger: "Ledger", claim: Claim) -> None:
    if claim.quote is None or not claim.quote.strip():
        _problem(ledger, claim, "quote", f"claim '{claim.id}': the quote is empty; copy the source's exact words")
    elif len(claim.quote.split()) > QUOTE_WORD_LIMIT:
        _problem(ledger, claim, "quote", f"claim '{claim.id}': the quote has {len(claim.quote.split())} words; keep it to {QUOTE_WORD_LIMIT} or fewer", "warning")
    if not claim.locator:
        _problem(ledger, claim, "id", f"claim '{claim.id}': no locator; say where in the source the quote stands (line, page, footnote)", "warning")


def _check_fact(ledger: "Ledger", record: Record, property_id: str, qualifier: str | None, who: str) -> bool:
    prop = ledger.properties.get(property_id)
    if prop is None:
        _problem(ledger, record, "property", f"{who}: " + unknown("property", property_id, ledger.properties, "declare it under 'properties:'"))
        return False
    if qualifier and qualifier not in prop.qualifiers:
        allowed = ", ".join(prop.qualifiers) or "none"
        _problem(ledger, record, "qualifier", f"{who}: property '{prop.id}' has no qualifier '{qualifier}' (declared: {allowed})")
    return prop.type in TYPE_MODULES


def _read_value(ledger, record, key, written, property_id, context, who):
    prop = ledger.properties[property_id]
    try:
        value = value_type(prop.type).parse(written, context)
    except ValueProblem as problem:
        _problem(ledger, record, key, f"{who}: {problem}")
        return None
    if prop.type == "entities" and not prop.multi and len(value.ids()) > 1:
        _problem(ledger, record, key, f"{who}: property '{prop.id}' takes one {prop.label}, not several; declare it multi: true or split the claim")
    return value


def _check_resolution(ledger: "Ledger", resolution: Resolution, context: ParseContext) -> None:
    who = f"resolution of {resolution.subject} / {resolution.property}"
    if resolution.subject not in ledger.subjects:
        _problem(ledger, resolution, "subject", f"{who}: " + unknown("subject", resolution.subject, ledger.subjects, "declare it under 'subjects:'"))
    if not _check_fact(ledger, resolution, resolution.property, resolution.qualifier, who):
        return
    if resolution.fact_key in ledger.accepted:
        _problem(ledger, resolution, "subject", f"{who}: the fact already has a resolution; keep one")
        return
    accepted = _read_value(ledger, resolution, "accepted", resolution.accepted, resolution.property, context, who)
    if accepted is not None:
        ledger.accepted[resolution.fact_key] = accepted
    named = [(c, "rests_on") for c in resolution.rests_on] + [(r.claim, "rejected") for r in resolution.rejected]
    for claim_id, key in named:
        claim = ledger.claims.get(claim_id)
        if claim is None:
            _problem(ledger, resolution, key, f"{who}: " + unknown("claim", claim_id, ledger.claims, "check the claim id"))
        elif claim.fact_key != resolution.fact_key:
            _problem(ledger, resolution, key, f"{who}: claim '{claim_id}' is about {claim.subject} / {claim.property}, not this fact")


def read_value(ledger: "Ledger", property_id: str, written: Any) -> Any:
    """Read a value as written for ``property_id`` (as a resolution's accepted value); raise ValueProblem."""
    prop = ledger.properties[property_id]
    return value_type(prop.type).parse(written, _parse_contexts(ledger)[None])
