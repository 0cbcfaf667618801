"""The records of a ledger, one pydantic model each: Source, Claim, Subject, Property,
Unit, Entity, Resolution.

Every scalar arrives as the text the historian typed; values are read later by the value
types. Unknown keys are errors (``extra="forbid"``) so that a typo is caught, not kept.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


@dataclass
class Origin:
    """Where a record stands on disk: its file, first line and the line of each field."""

    file: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, self.line)


class Record(BaseModel):
    """A ledger record that remembers where it was written.

    The origin is kept in the instance's ``__dict__`` beside the fields (see ``placed``), not
    as a pydantic private attribute: a model with private attributes calls back into Python
    for each instance built, a quarter of building a claim. Pickling and copying keep
    it; dumps, the repr and equality look at the fields only.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)

    @property
    def origin(self) -> Origin:
        return self.__dict__.get("_origin") or Origin("<memory>", 0)

    def placed(self, origin: Origin) -> "Record":
        """This record, noted as standing at ``origin``."""
        self.__dict__["_origin"] = origin
        return self


class SourceKind(str, enum.Enum):
    """Evidence Explained's axes: what kind of record a source is."""

    ORIGINAL = "original"
    DERIVATIVE = "derivative"
    AUTHORED_NARRATIVE = "authored-narrative"


class Stance(str, enum.Enum):
    """What a claim does with its value."""

    ASSERTS = "asserts"
    DENIES = "denies"
    DOUBTS = "doubts"


class Name(BaseModel):
    """A CSL name: family and given, or a literal."""

    model_config = ConfigDict(extra="forbid")
    family: str | None = None
    given: str | None = None
    literal: str | None = None
    suffix: str | None = None
    particle: str | None = Field(default=None, alias="non-dropping-particle")

    def display(self) -> str:
        if self.literal:
            return self.literal
        parts = [self.given, self.particle, self.family, self.suffix]
        return " ".join(p for p in parts if p)

    def sort_form(self) -> str:
        if self.literal or not self.given:
            return self.display()
        return f"{self.family}, {self.given}"


def _csl(name: str) -> Any:
    return Field(default=None, alias=name)


class Source(Record):
    """A document, a witness or a collection, with bibliographic and source-criticism fields.

    Bibliographic fields are named as in CSL-JSON, so a Zotero export maps one to one.
    """

    id: str = Field(pattern=ID_PATTERN)
    # CSL-JSON variables
    type: str | None = None
    title: str | None = None
    author: list[Name] = Field(default_factory=list)
    editor: list[Name] = Field(default_factory=list)
    translator: list[Name] = Field(default_factory=list)
    container_author: list[Name] = Field(default_factory=list, alias="container-author")
    issued: str | None = None
    accessed: str | None = None
    container_title: str | None = _csl("container-title")
    collection_title: str | None = _csl("collection-title")
    collection_number: str | None = _csl("collection-number")
    publisher: str | None = None
    publisher_place: str | None = _csl("publisher-place")
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number: str | None = None
    edition: str | None = None
    genre: str | None = None
    medium: str | None = None
    archive: str | None = None
    archive_location: str | None = None
    archive_place: str | None = _csl("archive-place")
    URL: str | None = None
    DOI: str | None = None
    ISBN: str | None = None
    ISSN: str | None = None
    language: str | None = None
    abstract: str | None = None
    original_date: str | None = _csl("original-date")
    original_title: str | None = _csl("original-title")
    dimensions: str | None = None
    event: str | None = None
    event_place: str | None = _csl("event-place")
    section: str | None = None
    source: str | None = None
    status: str | None = None
    title_short: str | None = _csl("title-short")
    # source criticism
    kind: SourceKind | None = None
    perspective: str | None = None
    written: str | None = None
    text: str | None = None
    cites: list[str] = Field(default_factory=list)
    contained_in: str | None = None
    authors: list[str] = Field(default_factory=list)  # gazetteer ids of the persons or bodies whose work it is
    reliability: str | None = Field(default=None, pattern=r"^[A-F]$")
    numbers: str | None = Field(default=None, pattern=r"^(european|english)$")
    note: str | None = None

    @field_validator("cites", "authors", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def held(self) -> bool:
        """Whether the ledger holds the source's text."""
        return bool(self.text)


class RateScope(BaseModel):
    """What a rate claim holds for: a date or period, and optionally some subjects or sources."""

    model_config = ConfigDict(extra="forbid")
    period: str | None = None
    subjects: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class Claim(Record):
    """What one source says about one fact, with its citation."""

    id: str = Field(pattern=ID_PATTERN)
    source: str
    subject: str
    property: str
    qualifier: str | None = None
    value: str | list[str] | dict[str, str | list[str]]
    locator: str | None = None
    quote: str | None = None
    attributed_to: str | None = None
    stance: Stance = Stance.ASSERTS
    hedges: list[str] = Field(default_factory=list)
    recorded_by: str | None = None
    note: str | None = None
    flagged: str | None = None
    applies_to: RateScope | None = None  # a rate claim's scope (see compare.rate_scope)

    @field_validator("hedges", mode="before")
    @classmethod
    def _hedge_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def fact_key(self) -> tuple[str, str, str | None]:
        """The fact this claim speaks to: subject, property and qualifier."""
        return (self.subject, self.property, self.qualifier)


class Subject(Record):
    """What claims are about: an event, a treaty, a shipment of gold."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    kind: str | None = None
    note: str | None = None


class Property(Record):
    """Which fact about a subject a claim gives, and the type of its value."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    type: str
    multi: bool = False
    qualifiers: list[str] = Field(default_factory=list)
    options: list[str | dict[str, list[str] | str]] = Field(default_factory=list)  # a choice's options and their variants
    note: str | None = None


class Unit(Record):
    """A unit of quantities, with the ways documents write it."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    variants: list[str] = Field(default_factory=list)
    note: str | None = None


class EntityKind(str, enum.Enum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"


class Entity(Record):
    """A person, place or organisation with its spelling variants."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    kind: EntityKind | None = None
    variants: list[str] = Field(default_factory=list)
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    note: str | None = None


class Rejection(BaseModel):
    """A claim an editor set aside, and why."""

    model_config = ConfigDict(extra="forbid")
    claim: str
    reason: str


class Resolution(Record):
    """An editor's decision on a disputed fact."""

    subject: str
    property: str
    qualifier: str | None = None
    accepted: str | list[str] | dict[str, str | list[str]]
    rationale: str
    decided_by: str | None = None
    decided_on: str | None = None
    rests_on: list[str] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    note: str | None = None

    @property
    def fact_key(self) -> tuple[str, str, str | None]:
        return (self.subject, self.property, self.qualifier)


RECORD_KINDS: dict[str, type[Record]] = {
    "sources": Source,
    "claims": Claim,
    "subjects": Subject,
    "properties": Property,
    "units": Unit,
    "entities": Entity,
    "resolutions": Resolution,
}
KIND_OF: dict[type[Record], str] = {model: kind for kind, model in RECORD_KINDS.items()}
