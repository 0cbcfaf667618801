"""Cross-checks of a built ledger: references, declarations, values, citation cycles.

Each check appends problems naming the file and the line of the field at fault; none
raises. Claims whose value reads are given their value in ``ledger.values``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.ledger.resolution_rules import check_resolution
from sourcecrit.ledger.texts import held_text
from sourcecrit.ledger.records import SINGULAR
from sourcecrit.ledger.readings import (
    Convention, ReadingContext, Readings, Unread, as_options, convention_of, hashable, ledger_convention, parse_bounded,
    reading_contexts, reading_key, source_conventions,
)
from sourcecrit.models import Claim, Record, Resolution, Source
from sourcecrit.problems import Problem
from sourcecrit.suggest import unknown
from sourcecrit.values import TYPE_MODULES, ParseContext, ValueProblem
from sourcecrit.values.date import FAR_FROM_PERIOD, OPEN_END, OPEN_START, implausible, middle_day, span_of
from sourcecrit.values.entities import names_in
from sourcecrit.values.choice import chosen, option_names

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

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
    dated = _check_claims(ledger, contexts)
    _check_date_periods(ledger, dated, _declared_periods(ledger))
    for resolution in ledger.resolutions:
        _check_resolution(ledger, resolution, contexts[ledger_convention(ledger)])
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
        if source.text and held_text(ledger.root, source.text) is None:
            _problem(ledger, source, "text", f"source '{source.id}': its text '{source.text}' is not there: it is "
                     f"expected at {(ledger.root / source.text).resolve()}; put the file there, or point 'text:' at it "
                     "(a path relative to the ledger folder); till then its passages are not shown", "warning")
    for cycle in citation_cycles(ledger.sources):
        first = ledger.sources[cycle[0]]
        _problem(ledger, first, "cites", "sources cite each other in a circle: " + " → ".join([*cycle, cycle[0]]) + "; remove one of the cites")
    containers = {source_id: [source.contained_in] for source_id, source in ledger.sources.items()
                  if source.contained_in in ledger.sources}
    for cycle in _circles({**{c: [] for targets in containers.values() for c in targets}, **containers}):
        first = ledger.sources[cycle[0]]
        circle = "itself" if len(cycle) == 1 else "a circle: " + " → ".join([*cycle, cycle[0]])
        _problem(ledger, first, "contained_in", f"source '{first.id}' is contained in {circle}; "
                                                "a source is printed in another, never in itself")


def citation_cycles(sources: dict[str, Source]) -> list[list[str]]:
    """Each circle of `cites`, once, starting at its smallest id."""
    return _circles({source_id: [c for c in source.cites if c in sources] for source_id, source in sources.items()})


def _circles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Each circle of a graph met by a depth-first walk, once, starting at its smallest node.

    Walked with a stack of its own, not by recursion: a chain of thousands of sources is as
    ordinary as three."""
    cycles: list[list[str]] = []
    known: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if start in state:
            continue
        path: list[str] = [start]
        state[start] = 1
        pending = [iter(edges[start])]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                state[path.pop()] = 2
                pending.pop()
                continue
            if state.get(target) == 1:
                cycle = path[path.index(target):]
                first = cycle.index(min(cycle))
                rotated = tuple(cycle[first:] + cycle[:first])
                if rotated not in known:
                    known.add(rotated)
                    cycles.append(list(rotated))
            elif target not in state:
                state[target] = 1
                path.append(target)
                pending.append(iter(edges[target]))
    return cycles


def _check_claims(ledger: "Ledger", contexts: dict) -> list[tuple[Claim, Any]]:
    """Check every claim and give it its value; return the claims with a date value. A ledger
    holds many claims and most are sound: each check is a quick test first, and the message
    is made only for a problem."""
    sources, subjects, properties, values = ledger.sources, ledger.subjects, ledger.properties, ledger.values
    conventions, default = source_conventions(ledger), ledger_convention(ledger)
    dated: list[tuple[Claim, Any]] = []
    waiting: Waiting = {}
    for claim in ledger.claims.values():
        source = sources.get(claim.source)
        attributed = claim.attributed_to
        if source is None or (attributed and (attributed not in sources or attributed == claim.source)) \
                or claim.subject not in subjects:
            _check_references(ledger, claim, waiting)
        quote = claim.quote
        if not quote or quote.isspace() or len(quote) > 2 * QUOTE_WORD_LIMIT or not claim.locator:
            _check_quote(ledger, claim)  # under 2 × the limit in characters, it cannot have more words
        prop = properties.get(claim.property)
        if prop is None and ("properties", claim.property) in ledger.unreadable:
            _wait(waiting, claim, "property", "properties", claim.property)
            continue
        if prop is None or (claim.qualifier and claim.qualifier not in prop.qualifiers):
            if not _check_fact(ledger, claim, claim.property, claim.qualifier, f"claim '{claim.id}'") or prop is None:
                continue
        if prop.type not in TYPE_MODULES:
            continue
        context = contexts[conventions.get(claim.source, default)]
        written = claim.value
        value = context.read.get((prop.type, written if type(written) is str else hashable(written)))
        if value is None or isinstance(value, Unread) or _several_for_one(prop, value):  # read now, or a problem
            value = _read_value(ledger, claim, "value", written, claim.property, context, f"claim '{claim.id}'")
        if value is not None and prop.type == "choice":
            value = _chosen(ledger, claim, "value", prop, value, f"claim '{claim.id}'")
        if value is not None:
            values[claim.id] = value
            if prop.type == "date":
                dated.append((claim, value))
            elif prop.type == "entities":
                _note_keyed_names(ledger, claim)
        if claim.applies_to is not None:
            _check_scope(ledger, claim, prop.type)
    _report_waiting(ledger, waiting)
    return dated


Waiting = dict[tuple[str, str, str, str], list]
"""Claims that name a record with errors, by file, field, kind and id: the first claim and how many."""


def _wait(waiting: Waiting, claim: Claim, key: str, kind: str, record_id: str) -> None:
    """Note a claim that names a record which has errors: one problem per file says so for all of them."""
    entry = waiting.setdefault((claim.origin.file, key, kind, record_id), [claim, 0])
    entry[1] += 1


def _report_waiting(ledger: "Ledger", waiting: Waiting) -> None:
    for (_, key, kind, record_id), (claim, count) in waiting.items():
        where = ledger.unreadable[(kind, record_id)]
        who = f"claim '{claim.id}'" + (f" and {count - 1} more of this file" if count > 1 else "")
        _problem(ledger, claim, key, f"{who}: {SINGULAR[kind]} '{record_id}' is not loaded, its record has errors ({where})")


Period = tuple[tuple[int, int], str]  # first and last day, and whose period it is (for the message)


def _check_date_periods(ledger: "Ledger", dated: list[tuple[Claim, Any]], declared: dict[str | None, Period]) -> None:
    """A warning for each date read far outside its period, naming the reading and the likely
    intended one: '10 June 1335' is AD 1335, though the source may mean the Rumi year (10 June
    1919). The period is the one the claim's source declares, else the ledger's, else the
    middle half of the ledger's dates (when there are five or more)."""
    middles = [middle_day(value) for _, value in dated]
    known = sorted(middle for middle in middles if middle is not None)
    default = declared.get(None)
    if default is None and len(known) >= 5:
        default = (known[len(known) // 4], known[-1 - len(known) // 4]), "the ledger's other dates"
    for (claim, value), middle in zip(dated, middles):
        found = declared.get(claim.source, default)
        if middle is None or found is None:
            continue
        period, whose = found
        if middle < period[0] - FAR_FROM_PERIOD or middle > period[1] + FAR_FROM_PERIOD:
            why = implausible(value, period, whose)
            if why is not None:
                _problem(ledger, claim, "value", f"claim '{claim.id}': {why}", "warning")


def _declared_periods(ledger: "Ledger") -> dict[str | None, Period]:
    """The period each source declares by its id, and the ledger's under None; one that does
    not read as a closed stretch of days is an error at its line, and left out."""
    found: dict[str | None, Period] = {}
    settings = ledger.settings
    if settings is not None and settings.period is not None:
        days = _period_days(ledger, settings, settings.period, "the ledger's settings")
        if days is not None:
            found[None] = days, "the period the ledger declares"
    for source in ledger.sources.values():
        if source.period is not None:
            days = _period_days(ledger, source, source.period, f"source '{source.id}'")
            if days is not None:
                found[source.id] = days, "the period its source declares"
    return found


def _period_days(ledger: "Ledger", record: Record, written: str, who: str) -> tuple[int, int] | None:
    try:
        value = parse_bounded("date", written, ParseContext())
    except ValueProblem as problem:
        _problem(ledger, record, "period", f"{who}: the period: {problem}")
        return None
    first, last = span_of(value)
    if first <= OPEN_START or last >= OPEN_END:
        _problem(ledger, record, "period", f"{who}: the period '{written}' is open; give both ends, e.g. '1917 to 1923'")
        return None
    return first, last


def _note_keyed_names(ledger: "Ledger", claim: Claim) -> None:
    """An info note for each name read only through the transliteration key, so that the
    editor sees every such reading and can make it exact."""
    gazetteer, written = ledger.gazetteer, claim.value
    names = written if type(written) is list and all(type(n) is str for n in written) else names_in(written)
    for name in names:
        entity_id = gazetteer.through_key(name.strip())
        if entity_id is not None:
            _problem(ledger, claim, "value", f"claim '{claim.id}': '{name}' is read as "
                     f"{gazetteer.label(entity_id)} ({entity_id}) through the transliteration key; "
                     f"add it as a variant of {entity_id} to make the reading exact", "info")


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
            parse_bounded("date", scope.period, ParseContext())
        except ValueProblem as problem:
            _problem(ledger, claim, "applies_to", f"{who}: the period it applies to: {problem}")
    for subject in scope.subjects:
        if subject not in ledger.subjects:
            _problem(ledger, claim, "applies_to", f"{who} applies to " + unknown("subject", subject, ledger.subjects, "declare it under 'subjects:'"))
    for source in scope.sources:
        if source not in ledger.sources:
            _problem(ledger, claim, "applies_to", f"{who} applies to " + unknown("source", source, ledger.sources, "record it under 'sources:'"))


def _check_references(ledger: "Ledger", claim: Claim, waiting: Waiting) -> None:
    """The claim's source, witness and subject are in the ledger; one whose record has errors
    waits for it (see _wait) instead of being called unknown."""
    unreadable = ledger.unreadable
    if claim.source not in ledger.sources:
        if ("sources", claim.source) in unreadable:
            _wait(waiting, claim, "source", "sources", claim.source)
        else:
            _problem(ledger, claim, "source", f"claim '{claim.id}': " + unknown("source", claim.source, ledger.sources, "record it under 'sources:'"))
    if claim.attributed_to and claim.attributed_to not in ledger.sources:
        if ("sources", claim.attributed_to) in unreadable:
            _wait(waiting, claim, "attributed_to", "sources", claim.attributed_to)
        else:
            _problem(ledger, claim, "attributed_to", f"claim '{claim.id}': attributed to " + unknown("source", claim.attributed_to, ledger.sources, "record the witness as a source"))
    elif claim.attributed_to and claim.attributed_to == claim.source:
        _problem(ledger, claim, "attributed_to", f"claim '{claim.id}' is attributed to its own source '{claim.source}'; "
                                                 "attributed_to names another witness whose words the source reports: "
                                                 "leave it out", "warning")
    if claim.subject not in ledger.subjects:
        if ("subjects", claim.subject) in unreadable:
            _wait(waiting, claim, "subject", "subjects", claim.subject)
        else:
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
    """Report the rules ``resolution`` breaks (those an edit obeys too) at their fields' lines,
    and note its accepted value; the facts noted so far are resolved."""
    def read(property_id: str, written: Any) -> Any:
        prop = ledger.properties[property_id]
        return as_options(prop, context.parse(prop.type, written))

    check = check_resolution(ledger, resolution, resolved=ledger.accepted, read=read)
    for problem in check.problems:
        _problem(ledger, resolution, problem.field, problem.message)
    if check.accepted is not None:
        ledger.accepted[resolution.fact_key] = check.accepted
