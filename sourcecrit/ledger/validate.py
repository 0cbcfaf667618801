"""Cross-checks of a built ledger: references, declarations, values, citation cycles.

Each check appends problems naming the file and the line of the field at fault; none
raises. Claims whose value reads are given their value in ``ledger.values``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.models import Claim, Record, Resolution, Source
from sourcecrit.names import fold
from sourcecrit.problems import Problem
from sourcecrit.suggest import unknown
from sourcecrit.values import TYPE_MODULES, ParseContext, ValueProblem, value_type

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

QUOTE_WORD_LIMIT = 40


def validate_ledger(ledger: "Ledger", remembered: dict | None = None) -> dict:
    """Run every cross-check and read every claim's value; return what each written form read as.

    ``remembered`` carries what an earlier validation found: ``forms``, (convention, type,
    written form) -> value, used only if the units and gazetteer that values are read with
    are unchanged since (its ``key``), so that an edit reads only the new forms; and the
    ``gazetteer``, used if it holds this ledger's very entities.
    """
    ledger.gazetteer = _gazetteer(ledger, (remembered or {}).get("gazetteer"))
    _check_properties(ledger)
    _check_sources(ledger)
    contexts = _parse_contexts(ledger)
    readings = _readings(ledger, contexts, remembered)
    if not any(context.read for context in contexts.values()):  # a cold load: every form is new
        _read_new_forms(ledger, contexts)
    _check_claims(ledger, contexts)
    for resolution in ledger.resolutions:
        _check_resolution(ledger, resolution, contexts[None])
    return readings


def _gazetteer(ledger: "Ledger", earlier: Gazetteer | None) -> Gazetteer:
    """The gazetteer of the ledger's entities; the earlier one if it holds these very entities."""
    if earlier is not None and len(earlier.entities) == len(ledger.entities) and all(
        earlier.entities.get(entity_id) is entity for entity_id, entity in ledger.entities.items()
    ):
        return earlier  # the same objects: the entity files are unchanged since
    return Gazetteer(ledger.entities.values())


def _readings(ledger: "Ledger", contexts: dict, remembered: dict | None) -> dict:
    """The readings of each context, carried over from ``remembered`` when still valid."""
    key = _reading_key(ledger)
    if remembered and remembered.get("key") == key:
        for convention, read in remembered.get("read", {}).items():
            contexts[convention].read.update(read)
        for (convention, *form), answer in remembered.get("forms", {}).items():
            contexts[convention].read[tuple(form)] = answer
    return {"key": key, **{convention: context.read for convention, context in contexts.items()}}


def written_forms(ledger: "Ledger", readings: dict, records: Iterable[Record]) -> dict[tuple, Any]:
    """What the written values of ``records`` read as, to remember with their file: for a
    claim whose value it is, the claim's id (its value is kept anyway); else the reading."""
    found: dict[tuple, Any] = {}
    for record in records:
        form = _form(ledger, record)
        if form is None:
            continue
        convention, key = form
        answer = readings[convention].get(key)
        if answer is None:
            continue  # not read (an unknown property, say)
        if isinstance(record, Claim) and ledger.claims.get(record.id) is record and ledger.values.get(record.id) is answer:
            answer = record.id
        found[(convention, *key)] = answer
    return found


def _form(ledger: "Ledger", record: Record) -> tuple[str | None, tuple] | None:
    """The reading convention and the key that a claim's value, or a resolution's accepted value, is read under."""
    if isinstance(record, Claim):
        convention, written = _convention(ledger, record), record.value
    elif isinstance(record, Resolution):
        convention, written = None, record.accepted
    else:
        return None
    prop = ledger.properties.get(record.property)
    if prop is None or prop.type not in TYPE_MODULES:
        return None
    return convention, (prop.type, _hashable(written))


def _convention(ledger: "Ledger", claim: Claim) -> str | None:
    """How the claim's source writes numbers: "european", or None for the default."""
    source = ledger.sources.get(claim.source)
    return "european" if source and source.numbers == "european" else None


def _reading_key(ledger: "Ledger") -> str:
    """A digest of what reading a value depends on: the units and the gazetteer, in their order."""
    import hashlib

    units = [(u.id, u.label, u.variants) for u in ledger.units.values()]
    entities = [(e.id, e.label, e.variants) for e in ledger.entities.values()]
    return hashlib.sha1(repr((units, entities)).encode()).hexdigest()


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

    resolve_unit = _remembered(lambda text: units.get(fold(text)))
    resolve_entity = _remembered(ledger.gazetteer.resolve)  # the same few thousand names, over and over

    def context(european: bool) -> ParseContext:
        return _ReadingContext(
            resolve_unit=resolve_unit,
            resolve_entity=resolve_entity,
            suggest_entity=ledger.gazetteer.suggest,
            unit_label=ledger.unit_label,
            entity_label=ledger.gazetteer.label,
            european_numbers=european,
        )

    return {None: context(False), "european": context(True)}


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
        value = context.read.get((prop.type, written if type(written) is str else _hashable(written)))
        if value is None or isinstance(value, _Unread) or _several_for_one(prop, value):  # read now, or a problem
            value = _read_value(ledger, claim, "value", written, claim.property, context, f"claim '{claim.id}'")
        if value is not None:
            values[claim.id] = value


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


def _remembered(look_up: Callable[[str], Any]) -> Callable[[str], Any]:
    """``look_up`` answering each name once; a ValueProblem it raises is raised again, with the same message."""
    answers: dict[str, Any] = {}

    def remembered(name: str) -> Any:
        if name not in answers:
            try:
                answers[name] = look_up(name)
            except ValueProblem as problem:
                answers[name] = _Unread(str(problem))
        answer = answers[name]
        if isinstance(answer, _Unread):
            raise ValueProblem(answer.message)
        return answer

    return remembered


class _ReadingContext(ParseContext):
    """A parse context that remembers what each written form read as.

    Claims of one fact, and facts of one kind, often write a value the same way; reading it
    once per form halves the reading of a large ledger. The same form, type and context
    always read the same, so sharing the value (or the problem) changes nothing.
    """

    def __init__(self, **settings: Any):
        super().__init__(**settings)
        self.read: dict[tuple, Any] = {}

    def parse(self, type_name: str, written: Any) -> Any:
        """The value ``written`` reads as; ValueProblem, with the same message each time, if none."""
        key = (type_name, _hashable(written))
        found = self.read.get(key)
        if found is None:
            found = self.read[key] = self.reading(type_name, written)
        if isinstance(found, _Unread):
            raise ValueProblem(found.message)
        return found

    def reading(self, type_name: str, written: Any) -> Any:
        """What ``written`` reads as: its value, or _Unread with the problem."""
        try:
            return value_type(type_name).parse(written, self)
        except ValueProblem as problem:
            return _Unread(str(problem))


def _read_new_forms(ledger: "Ledger", contexts: dict) -> None:
    """Read each written form of the claims, half of them in a second process when there are
    many (see ledger.halves); the claims' checks then find them read."""
    from sourcecrit.ledger.halves import in_two

    todo: dict[tuple, tuple] = {}
    properties = ledger.properties
    for claim in ledger.claims.values():
        prop = properties.get(claim.property)
        if prop is None or prop.type not in TYPE_MODULES:
            continue
        convention = _convention(ledger, claim)
        key = (prop.type, _hashable(claim.value))
        if key not in contexts[convention].read:
            todo.setdefault((convention, key), (convention, prop.type, claim.value))
    if len(todo) < _MANY_FORMS:
        return  # read as the claims are checked
    forms = list(todo.values())
    readings = in_two(forms, lambda part: [contexts[convention].reading(type_name, written)
                                           for convention, type_name, written in part])
    for (convention, key), found in zip(todo, readings):
        contexts[convention].read[key] = found


_MANY_FORMS = 4000  # fewer are read quicker here than a second process starts


class ReadAhead:
    """Reading the claims' written values while the files are still being parsed.

    On a cold load the claim files are parsed in two processes (see ledger.records). Once the
    files that declare sources, properties, units and entities are built, both processes can
    read each claim's written value as soon as its file is parsed: this one from the claims
    it builds, the helper from the records it parses, sending what it read back with them.
    What is read is keyed, as always, by (convention, type, written form), and is used only
    if the units and gazetteer of the whole ledger turn out to be those it was read with
    (``key``): a claim file that declares an entity, say, costs only the reading ahead.
    """

    def __init__(self) -> None:
        self.key: str | None = None
        self.gazetteer: Gazetteer | None = None
        self._contexts: dict = {}
        self._types: dict[str, str] = {}
        self._european: set[str] = set()

    def prepare(self, part: "Ledger") -> None:
        """Read with what ``part`` (the files built so far) declares."""
        self.gazetteer = part.gazetteer = Gazetteer(part.entities.values())
        self.key = _reading_key(part)
        self._contexts = _parse_contexts(part)
        self._types = {prop.id: prop.type for prop in part.properties.values() if prop.type in TYPE_MODULES}
        self._european = {source.id for source in part.sources.values() if source.numbers == "european"}

    def read_claims(self, claims: Iterable[Claim]) -> None:
        """Read the written values of built claims (here)."""
        for claim in claims:
            self._read(claim.source, claim.property, claim.value)

    def read_records(self, records: Iterable[Any]) -> dict[tuple, Any]:
        """Read the written values of parsed claim records (in the helper); the readings made
        now, by (convention, type, written form), to send back."""
        made: dict[tuple, Any] = {}
        for record in records:
            if record.kind == "claims":
                data = record.data
                found = self._read(data.get("source"), data.get("property"), data.get("value"))
                if found is not None:
                    made[found[0]] = found[1]
        return made

    def take(self, made: dict[tuple, Any]) -> None:
        """The readings the helper made."""
        for (convention, *form), answer in made.items():
            self._contexts[convention].read.setdefault(tuple(form), answer)

    def remembered(self) -> dict | None:
        """What the ledger's validation may reuse (see validate_ledger); None if nothing was prepared."""
        if self.key is None:
            return None
        return {"key": self.key, "gazetteer": self.gazetteer,
                "read": {convention: context.read for convention, context in self._contexts.items()}}

    def _read(self, source: Any, property_id: Any, written: Any) -> tuple[tuple, Any] | None:
        """Read one written value if it is new: ((convention, type, form), reading), else None."""
        if not self._contexts or not isinstance(property_id, str) or written is None:
            return None
        type_name = self._types.get(property_id)
        if type_name is None:
            return None
        convention = "european" if isinstance(source, str) and source in self._european else None
        context = self._contexts[convention]
        try:
            key = (type_name, _hashable(written))
            if key in context.read:
                return None
            found = context.read[key] = context.reading(type_name, written)
        except Exception:  # noqa: BLE001 - a record that will not build: its claim's check reads it, if any
            return None
        return (convention, *key), found


@dataclass(frozen=True)
class _Unread:
    """A written form that could not be read, and why (kept as text: an exception is raised once)."""

    message: str


def _hashable(written: Any) -> Any:
    """The written form as a key: lists and mappings as tuples, tagged by what they were."""
    if isinstance(written, list):
        return ("list", *map(_hashable, written))
    if isinstance(written, dict):
        return ("map", *((key, _hashable(item)) for key, item in written.items()))
    return written


def _read_value(ledger, record, key, written, property_id, context, who):
    prop = ledger.properties[property_id]
    try:
        if isinstance(context, _ReadingContext):
            value = context.parse(prop.type, written)
        else:
            value = value_type(prop.type).parse(written, context)
    except ValueProblem as problem:
        _problem(ledger, record, key, f"{who}: {problem}")
        return None
    if _several_for_one(prop, value):
        _problem(ledger, record, key, f"{who}: property '{prop.id}' takes one {prop.label}, not several; declare it multi: true or split the claim")
    return value


def _several_for_one(prop, value) -> bool:
    """Whether ``value`` names several entities for a property that takes one."""
    return prop.type == "entities" and not prop.multi and len(value.ids()) > 1


def _check_resolution(ledger: "Ledger", resolution: Resolution, context: ParseContext) -> None:
    """Report the rules ``resolution`` breaks (those an edit obeys too) at their fields' lines,
    and note its accepted value; the facts noted so far are resolved."""
    from sourcecrit.ledger.resolution_rules import check_resolution

    def read(property_id: str, written: Any) -> Any:
        type_name = ledger.properties[property_id].type
        if isinstance(context, _ReadingContext):
            return context.parse(type_name, written)
        return value_type(type_name).parse(written, context)

    check = check_resolution(ledger, resolution, resolved=ledger.accepted, read=read)
    for problem in check.problems:
        _problem(ledger, resolution, problem.field, problem.message)
    if check.accepted is not None:
        ledger.accepted[resolution.fact_key] = check.accepted


def read_value(ledger: "Ledger", property_id: str, written: Any) -> Any:
    """Read a value as written for ``property_id`` (as a resolution's accepted value); raise ValueProblem."""
    prop = ledger.properties[property_id]
    return value_type(prop.type).parse(written, _parse_contexts(ledger)[None])
