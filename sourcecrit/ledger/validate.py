"""Cross-checks of a built ledger: references, declarations, values, citation cycles.

Each check appends problems naming the file and the line of the field at fault; none
raises. Claims whose value reads are given their value in ``ledger.values``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.ledger.readings import (
    Convention, ReadingContext, Readings, Unread, convention_of, hashable, reading_contexts, reading_key,
)
from sourcecrit.models import Claim, Record, Resolution, Source
from sourcecrit.problems import Problem
from sourcecrit.suggest import unknown
from sourcecrit.values import TYPE_MODULES, ParseContext, ValueProblem, value_type
from sourcecrit.values.choice import chosen, option_names

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

QUOTE_WORD_LIMIT = 40


def validate_ledger(ledger: "Ledger", known: Readings | None = None, work_through: WorkThrough | None = None) -> Readings:
    """Run every cross-check and read every claim's value; return what each written form read as.

    ``known`` holds readings made before (by an earlier load, or while the files were
    parsed); they are used only if made with the same units and gazetteer (their key), so
    that only new forms are read. With ``work_through(work, items)`` the new forms of a load
    that knows none are read as it chooses (in parts, elsewhere); by default here.
    """
    ledger.gazetteer = _gazetteer(ledger, known.gazetteer if known else None)
    _check_properties(ledger)
    _check_sources(ledger)
    contexts = reading_contexts(ledger)
    readings = _readings(ledger, contexts, known)
    if not any(context.read for context in contexts.values()):  # nothing known: every form is new
        _read_forms(ledger, contexts, work_through)
    _check_claims(ledger, contexts)
    for resolution in ledger.resolutions:
        _check_resolution(ledger, resolution, contexts[None])
    return readings


WorkThrough = Callable[[Callable[[Sequence[Any]], list[Any]], Sequence[Any]], list[Any]]


def _gazetteer(ledger: "Ledger", earlier: Gazetteer | None) -> Gazetteer:
    """The gazetteer of the ledger's entities; the earlier one if it holds these very entities."""
    if earlier is not None and len(earlier.entities) == len(ledger.entities) and all(
        earlier.entities.get(entity_id) is entity for entity_id, entity in ledger.entities.items()
    ):
        return earlier  # the same objects: the entity files are unchanged since
    return Gazetteer(ledger.entities.values())


def _readings(ledger: "Ledger", contexts: dict[Convention, ReadingContext], known: Readings | None) -> Readings:
    """The readings of each context, the ``known`` ones carried over when still valid."""
    key = reading_key(ledger)
    if known is not None and known.key == key:
        for convention, read in known.read.items():
            contexts[convention].read.update(read)
    return Readings(key, {convention: context.read for convention, context in contexts.items()}, ledger.gazetteer)


def _read_forms(ledger: "Ledger", contexts: dict[Convention, ReadingContext], work_through: WorkThrough | None) -> None:
    """Read each distinct written form of the claims; the claims' checks then find them read."""
    todo: dict[tuple, tuple] = {}
    properties = ledger.properties
    for claim in ledger.claims.values():
        prop = properties.get(claim.property)
        if prop is None or prop.type not in TYPE_MODULES:
            continue
        convention = convention_of(ledger, claim)
        todo.setdefault((convention, (prop.type, hashable(claim.value))), (convention, prop.type, claim.value))

    def work(part: Sequence[tuple]) -> list[Any]:
        return [contexts[convention].reading(type_name, written) for convention, type_name, written in part]

    forms = list(todo.values())
    found = work(forms) if work_through is None else work_through(work, forms)
    for (convention, key), reading in zip(todo, found):
        contexts[convention].read[key] = reading


def _problem(ledger: "Ledger", record: Record, key: str, message: str, severity: str = "error") -> None:
    ledger.problems.append(Problem(record.origin.file, record.origin.line_of(key), message, severity))


def _check_properties(ledger: "Ledger") -> None:
    for prop in ledger.properties.values():
        if prop.type not in TYPE_MODULES:
            kinds = ", ".join(TYPE_MODULES)
            _problem(ledger, prop, "type", f"property '{prop.id}': unknown type '{prop.type}'; use one of {kinds}")
        elif (prop.type == "choice") != bool(prop.options):
            needs = "declares no options; list them under 'options:'" if prop.options == [] else "has options, which only a choice takes"
            _problem(ledger, prop, "options" if prop.options else "type", f"property '{prop.id}' {needs}")


def _check_sources(ledger: "Ledger") -> None:
    for source in ledger.sources.values():
        for cited in source.cites:
            if cited not in ledger.sources:
                _problem(ledger, source, "cites", f"source '{source.id}' cites " + unknown("source", cited, ledger.sources, "record it as a source"))
        if source.contained_in and source.contained_in not in ledger.sources:
            _problem(ledger, source, "contained_in", f"source '{source.id}' is contained in " + unknown("source", source.contained_in, ledger.sources, "record it as a source"))
        for author in source.authors:
            if author not in ledger.entities:
                _problem(ledger, source, "authors", f"source '{source.id}' names as its author " + unknown("entity", author, ledger.entities, "add it to the gazetteer"))
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


def _check_claims(ledger: "Ledger", contexts: dict) -> None:
    """Check every claim and give it its value. A ledger holds many claims and most are
    sound: each check is a quick test first, and the message is made only for a problem."""
    sources, subjects, properties, values = ledger.sources, ledger.subjects, ledger.properties, ledger.values
    for claim in ledger.claims.values():
        source = sources.get(claim.source)
        if source is None or (claim.attributed_to and claim.attributed_to not in sources) or claim.subject not in subjects:
            _check_references(ledger, claim)
        quote = claim.quote
        if not quote or quote.isspace() or len(quote) > 2 * QUOTE_WORD_LIMIT or not claim.locator:
            _check_quote(ledger, claim)  # under 2 × the limit in characters, it cannot have more words
        prop = properties.get(claim.property)
        if prop is None or (claim.qualifier and claim.qualifier not in prop.qualifiers):
            if not _check_fact(ledger, claim, claim.property, claim.qualifier, f"claim '{claim.id}'"):
                continue
        if prop.type not in TYPE_MODULES:
            continue
        context = contexts["european" if source is not None and source.numbers == "european" else None]
        written = claim.value
        value = context.read.get((prop.type, written if type(written) is str else hashable(written)))
        if value is None or isinstance(value, Unread) or _several_for_one(prop, value):  # read now, or a problem
            value = _read_value(ledger, claim, "value", written, claim.property, context, f"claim '{claim.id}'")
        if value is not None and prop.type == "choice":
            value = _chosen(ledger, claim, "value", prop, value, f"claim '{claim.id}'")
        if value is not None:
            values[claim.id] = value
        if claim.applies_to is not None:
            _check_scope(ledger, claim, prop.type)


def _check_scope(ledger: "Ledger", claim: Claim, type_name: str) -> None:
    """A rate's scope names a readable period and known subjects and sources."""
    who = f"claim '{claim.id}'"
    if type_name != "rate":
        _problem(ledger, claim, "applies_to", f"{who}: only a rate claim has 'applies_to'")
        return
    scope = claim.applies_to
    if scope is None:
        return
    if scope.period is not None:
        try:
            value_type("date").parse(scope.period, ParseContext())
        except ValueProblem as problem:
            _problem(ledger, claim, "applies_to", f"{who}: the period it applies to: {problem}")
    for subject in scope.subjects:
        if subject not in ledger.subjects:
            _problem(ledger, claim, "applies_to", f"{who} applies to " + unknown("subject", subject, ledger.subjects, "declare it under 'subjects:'"))
    for source in scope.sources:
        if source not in ledger.sources:
            _problem(ledger, claim, "applies_to", f"{who} applies to " + unknown("source", source, ledger.sources, "record it under 'sources:'"))


def _check_references(ledger: "Ledger", claim: Claim) -> None:
    """The claim's source, witness and subject are in the ledger."""
    if claim.source not in ledger.sources:
        _problem(ledger, claim, "source", f"claim '{claim.id}': " + unknown("source", claim.source, ledger.sources, "record it under 'sources:'"))
    if claim.attributed_to and claim.attributed_to not in ledger.sources:
        _problem(ledger, claim, "attributed_to", f"claim '{claim.id}': attributed to " + unknown("source", claim.attributed_to, ledger.sources, "record the witness as a source"))
    if claim.subject not in ledger.subjects:
        _problem(ledger, claim, "subject", f"claim '{claim.id}': " + unknown("subject", claim.subject, ledger.subjects, "declare it under 'subjects:'"))


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


def _read_value(ledger, record, key, written, property_id, context: ReadingContext, who):
    prop = ledger.properties[property_id]
    try:
        value = context.parse(prop.type, written)
    except ValueProblem as problem:
        _problem(ledger, record, key, f"{who}: {problem}")
        return None
    if _several_for_one(prop, value):
        _problem(ledger, record, key, f"{who}: property '{prop.id}' takes one {prop.label}, not several; declare it multi: true or split the claim")
    if prop.type == "choice" and record.__class__ is Resolution:
        return _chosen(ledger, record, key, prop, value, who)
    return value


def _chosen(ledger, record, key, prop, value, who):
    """A choice's words named as the property's options; None (and a problem) for a word that is none."""
    try:
        return chosen(value, option_names(prop.options), prop.multi)
    except ValueProblem as problem:
        _problem(ledger, record, key, f"{who}: {problem}")
        return None


def _several_for_one(prop, value) -> bool:
    """Whether ``value`` names several entities for a property that takes one."""
    return prop.type == "entities" and not prop.multi and len(value.ids()) > 1


def _check_resolution(ledger: "Ledger", resolution: Resolution, context: ReadingContext) -> None:
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
