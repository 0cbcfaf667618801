"""Reading claims' written values: the contexts they are read in, and what each form read as.

A value is read with the ledger's units and gazetteer, and with its source's convention: how
it writes numbers ("european" writes 1.000.000,5) and all-number dates (the date order "dmy"
reads 3/4/1920 as 3 April, declared by the source or for the whole ledger). The same written
form, type and convention always read the same, so each is read once and remembered in its context: claims of one
fact, and facts of one kind, often write a value the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.models import Claim, Record, Resolution
from sourcecrit.names import fold
from sourcecrit.values import TYPE_MODULES, ParseContext, ValueProblem, value_type
from sourcecrit.values.choice import chosen, option_names

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

Convention = str | None  # None: the default convention; else its words: "european", "dmy", "european mdy"
DATE_ORDERS = ("dmy", "mdy", "ymd")
Form = tuple  # (type, written form as a key: see hashable)


@dataclass(frozen=True)
class Unread:
    """A written form that could not be read, and why (kept as text: an exception is raised once)."""

    message: str


@dataclass
class Readings:
    """What written forms read as, per number convention, and the digest of the units and
    gazetteer they were read with (``key``): readings made with another key do not hold."""

    key: str
    read: dict[Convention, dict[Form, Any]] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None  # the gazetteer they were read with, when known


def hashable(written: Any) -> Any:
    """The written form as a key: lists and mappings as tuples, tagged by what they were."""
    if isinstance(written, list):
        return ("list", *map(hashable, written))
    if isinstance(written, dict):
        return ("map", *((key, hashable(item)) for key, item in written.items()))
    return written


def convention_of(ledger: "Ledger", claim: Claim) -> Convention:
    """How the claim's source writes numbers and all-number dates (see source_convention)."""
    return source_convention(ledger, claim.source)


def source_convention(ledger: "Ledger", source_id: Any) -> Convention:
    """How a source writes numbers ("european") and all-number dates (its date order, else the
    ledger's); None for the defaults."""
    source = ledger.sources.get(source_id) if isinstance(source_id, str) else None
    numbers = "european" if source is not None and source.numbers == "european" else None
    return _convention(numbers, (source.date_order if source is not None else None) or ledger_date_order(ledger))


def ledger_convention(ledger: "Ledger") -> Convention:
    """The convention of what no source writes (a resolution's accepted value): the ledger's date order."""
    return _convention(None, ledger_date_order(ledger))


def ledger_date_order(ledger: "Ledger") -> str | None:
    return ledger.settings.date_order if ledger.settings is not None else None


def _convention(numbers: str | None, date_order: str | None) -> Convention:
    return " ".join(word for word in (numbers, date_order) if word) or None


def form_of(ledger: "Ledger", record: Record) -> tuple[Convention, Form] | None:
    """The convention and form that a claim's value, or a resolution's accepted value, is read under."""
    if isinstance(record, Claim):
        convention, written = convention_of(ledger, record), record.value
    elif isinstance(record, Resolution):
        convention, written = ledger_convention(ledger), record.accepted
    else:
        return None
    prop = ledger.properties.get(record.property)
    if prop is None or prop.type not in TYPE_MODULES:
        return None
    return convention, (prop.type, hashable(written))


def reading_key(ledger: "Ledger") -> str:
    """A digest of what reading a value depends on: the units and the gazetteer, in their order."""
    units = [(u.id, u.label, u.variants) for u in ledger.units.values()]
    entities = [(e.id, e.label, e.variants) for e in ledger.entities.values()]
    return hashlib.sha1(repr((units, entities)).encode()).hexdigest()


class ReadingContext(ParseContext):
    """A parse context that remembers what each written form read as (see the module's text)."""

    def __init__(self, **settings: Any):
        super().__init__(**settings)
        self.read: dict[Form, Any] = {}

    def parse(self, type_name: str, written: Any) -> Any:
        """The value ``written`` reads as; ValueProblem, with the same message each time, if none."""
        key = (type_name, hashable(written))
        found = self.read.get(key)
        if found is None:
            found = self.read[key] = self.reading(type_name, written)
        if isinstance(found, Unread):
            raise ValueProblem(found.message)
        return found

    def reading(self, type_name: str, written: Any) -> Any:
        """What ``written`` reads as: its value, or Unread with the problem."""
        try:
            return parse_bounded(type_name, written, self)
        except ValueProblem as problem:
            return Unread(str(problem))


MAX_WRITTEN = 500  # characters in one written value that is not free text: a date or sum takes a few words


def parse_bounded(type_name: str, written: Any, context: ParseContext) -> Any:
    """``written`` read as a value of ``type_name``; a value too long to be a date, sum or
    name is refused before any pattern looks at it (some would take minutes on it)."""
    if type_name != "text":
        for part in written if isinstance(written, list) else [written]:
            if isinstance(part, str) and len(part) > MAX_WRITTEN:
                raise ValueProblem(f"a written value of {len(part):,} characters; a {type_name} is written in a "
                                   f"few words (at most {MAX_WRITTEN}); put the rest in the quote or a note")
    return value_type(type_name).parse(written, context)


class ReadingContexts(dict):
    """A reading context for each convention, made when first asked for."""

    def __init__(self, make: Callable[[Convention], ReadingContext]):
        super().__init__()
        self.make = make

    def __missing__(self, convention: Convention) -> ReadingContext:
        context = self[convention] = self.make(convention)
        return context


def reading_contexts(ledger: "Ledger") -> dict[Convention, ReadingContext]:
    """A reading context for each convention the ledger's sources use (and the defaults), with
    the ledger's units and gazetteer."""
    units: dict[str, str] = {}
    for unit in ledger.units.values():
        for name in (unit.id, unit.label, *unit.variants):
            units.setdefault(fold(name), unit.id)

    resolve_unit = _answering_once(lambda text: units.get(fold(text)))
    resolve_entity = _answering_once(ledger.gazetteer.resolve)  # the same few thousand names, over and over

    def context(convention: Convention) -> ReadingContext:
        words = (convention or "").split()
        return ReadingContext(
            resolve_unit=resolve_unit,
            resolve_entity=resolve_entity,
            suggest_entity=ledger.gazetteer.suggest,
            unit_label=ledger.unit_label,
            entity_label=ledger.gazetteer.label,
            european_numbers="european" in words,
            date_order=next((word for word in words if word in DATE_ORDERS), None),
        )

    contexts = ReadingContexts(context)
    for convention in {None, "european", ledger_convention(ledger), *source_conventions(ledger).values()}:
        contexts[convention] = context(convention)
    return contexts


def source_conventions(ledger: "Ledger") -> dict[str, Convention]:
    """Each source's convention, by its id (a claim of an unknown source: ledger_convention)."""
    return {source_id: source_convention(ledger, source_id) for source_id in ledger.sources}


def _answering_once(look_up: Callable[[str], Any]) -> Callable[[str], Any]:
    """``look_up`` answering each name once; a ValueProblem it raises is raised again, with the same message."""
    answers: dict[str, Any] = {}

    def answering(name: str) -> Any:
        if name not in answers:
            try:
                answers[name] = look_up(name)
            except ValueProblem as problem:
                answers[name] = Unread(str(problem))
        answer = answers[name]
        if isinstance(answer, Unread):
            raise ValueProblem(answer.message)
        return answer

    return answering


def read_value(ledger: "Ledger", property_id: str, written: Any) -> Any:
    """Read a value as written for ``property_id`` (as a resolution's accepted value); raise ValueProblem."""
    prop = ledger.properties[property_id]
    return as_options(prop, parse_bounded(prop.type, written, reading_contexts(ledger)[ledger_convention(ledger)]))


def as_options(prop, value: Any) -> Any:
    """A choice's words named as ``prop``'s options, as claims' choices are, so that an accepted
    "Muslims" meets a claim's "Moslems" (its variant); any other value as it is. Raise
    ValueProblem for a word that is no option."""
    if prop.type != "choice":
        return value
    return chosen(value, option_names(prop.options), prop.multi)
