"""The records of a ledger, one pydantic model each: Source, Claim, Subject, Property,
Unit, Entity, Resolution.

Every scalar arrives as the text the historian typed; values are read later by the value
types. Unknown keys are errors (``extra="forbid"``) so that a typo is caught, not kept.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
_ID = re.compile(ID_PATTERN)


def id_of_citekey(citekey: str) -> str:
    """A reference manager's key (``Tengirşenk:1962``, ``Ersoy-McMeekin_2007``, a Zotero item URI)
    as an id of the ledger: letters folded to ASCII and lowercased, any other character a hyphen
    ("tengirsenk-1962"); a URI by its last segment. Empty when nothing of it is left."""
    key = citekey.strip()
    if "://" in key:
        key = key.rstrip("/").rpartition("/")[2]
    folded = unicodedata.normalize("NFKD", key.translate(_ASCII_LETTERS))
    ascii_key = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9_.]+", "-", ascii_key)).strip("-_.")


_ASCII_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                                "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "ð": "d", "þ": "th"})


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
    """A CSL name: family and given (with CSL's particles and suffix), or a literal."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, coerce_numbers_to_str=True)
    family: str | None = None
    given: str | None = None
    literal: str | None = None
    suffix: str | None = None
    particle: str | None = Field(default=None, alias="non-dropping-particle")  # "van" in "van Gogh"
    dropping_particle: str | None = Field(default=None, alias="dropping-particle")  # "de" in "Charles de Gaulle"
    comma_suffix: str | bool | None = Field(default=None, alias="comma-suffix")
    static_ordering: str | bool | None = Field(default=None, alias="static-ordering")
    parse_names: str | bool | None = Field(default=None, alias="parse-names")

    def display(self) -> str:
        if self.literal:
            return self.literal
        return _joined(self.given, self.dropping_particle, self.particle, self.family, self.suffix)

    def sort_form(self) -> str:
        if self.literal or not self.given:
            return self.display()
        return f"{_joined(self.particle, self.family)}, {_joined(self.given, self.dropping_particle)}" + (
            f", {self.suffix}" if self.suffix else "")


def _joined(*parts: str | None) -> str:
    """Name parts parted by spaces, but none after a particle that ends in an apostrophe or hyphen (d'Encausse)."""
    text = ""
    for part in filter(None, parts):
        text += part if not text or text.endswith(("'", "’", "-")) else f" {part}"
    return text


def _csl(name: str) -> Any:
    return Field(default=None, alias=name)


def _names(name: str) -> Any:
    return Field(default_factory=list, alias=name)


# CSL's date variables: sourcecrit's own written dates ("1962-12-20", "May 2007"), or a CSL-JSON
# date object as Zotero writes it, read into the same written form (see written_date).
CSL_DATES = ("issued", "accessed", "available-date", "event-date", "original-date", "submitted")
CSL_SEASONS = {"1": "spring", "2": "summer", "3": "autumn", "4": "winter"}


def written_date(value: Any) -> Any:
    """A CSL-JSON date (``{"date-parts": [[1962, 12, 20]]}``, ``{"literal": ...}``, ``{"raw": ...}``)
    as sourcecrit writes dates: "1962-12-20", "2007-05", "1920/1922", "spring 1920", "1921~";
    any other value as given. ValueError for a date object that says no date."""
    if not isinstance(value, dict):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if value.get("literal") not in (None, ""):
        return str(value["literal"])
    parts = value.get("date-parts")
    if parts:
        if not isinstance(parts, list) or not all(isinstance(p, list) and p for p in parts) or len(parts) > 2:
            raise ValueError("date-parts is a list of one or two dates, each [year, month, day]")
        ends = [_date_part(p, value.get("season") if len(parts) == 1 else None) for p in parts]
        written = "/".join(ends)
        return written + ("~" if str(value.get("circa", "")).lower() not in ("", "false", "0") else "")
    if value.get("raw") not in (None, ""):
        return str(value["raw"])
    raise ValueError("a CSL date needs date-parts, literal or raw")


def _date_part(part: list, season: Any) -> str:
    items = [str(item).strip() for item in part[:3]]
    if not all(item.lstrip("-").isdigit() for item in items):
        raise ValueError(f"date-parts {part!r}: year, month and day are numbers")
    year, rest = items[0], [f"{int(item):02d}" for item in items[1:]]
    if season not in (None, "") and not rest:
        return f"{CSL_SEASONS.get(str(season), str(season))} {year}"
    return "-".join([year, *rest])


DATE_ORDER_PATTERN = r"^(dmy|mdy|ymd)$"
"""How all-number dates are written: day first (3/4/1920 is 3 April), month first (4 March), year first."""


class Source(Record):
    """A document, a witness or a collection, with bibliographic and source-criticism fields.

    Bibliographic fields are named as in CSL-JSON, every CSL 1.0.2 variable, so a Zotero or
    Better BibTeX export maps one to one; its dates and names may be written as CSL-JSON
    writes them. An id that breaks the id rules (a citekey such as ``Tengirşenk:1962``) is
    read as its normalized form (:func:`id_of_citekey`), the original kept as ``citekey``.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, coerce_numbers_to_str=True)

    id: str = Field(pattern=ID_PATTERN)
    citekey: str | None = None  # the citekey the source had in a reference manager, when it is not the id
    # CSL-JSON variables
    type: str | None = None
    title: str | None = None
    # CSL name variables
    author: list[Name] = Field(default_factory=list)
    editor: list[Name] = Field(default_factory=list)
    translator: list[Name] = Field(default_factory=list)
    container_author: list[Name] = Field(default_factory=list, alias="container-author")
    chair: list[Name] = Field(default_factory=list)
    collection_editor: list[Name] = _names("collection-editor")
    compiler: list[Name] = Field(default_factory=list)
    composer: list[Name] = Field(default_factory=list)
    contributor: list[Name] = Field(default_factory=list)
    curator: list[Name] = Field(default_factory=list)
    director: list[Name] = Field(default_factory=list)
    editorial_director: list[Name] = _names("editorial-director")
    executive_producer: list[Name] = _names("executive-producer")
    guest: list[Name] = Field(default_factory=list)
    host: list[Name] = Field(default_factory=list)
    illustrator: list[Name] = Field(default_factory=list)
    interviewer: list[Name] = Field(default_factory=list)
    narrator: list[Name] = Field(default_factory=list)
    organizer: list[Name] = Field(default_factory=list)
    original_author: list[Name] = _names("original-author")
    performer: list[Name] = Field(default_factory=list)
    producer: list[Name] = Field(default_factory=list)
    recipient: list[Name] = Field(default_factory=list)
    reviewed_author: list[Name] = _names("reviewed-author")
    script_writer: list[Name] = _names("script-writer")
    series_creator: list[Name] = _names("series-creator")
    # CSL date variables (CSL_DATES)
    issued: str | None = None
    accessed: str | None = None
    available_date: str | None = _csl("available-date")
    event_date: str | None = _csl("event-date")
    original_date: str | None = _csl("original-date")
    submitted: str | None = None
    # CSL standard and number variables
    container_title: str | None = _csl("container-title")
    container_title_short: str | None = _csl("container-title-short")
    collection_title: str | None = _csl("collection-title")
    collection_number: str | None = _csl("collection-number")
    publisher: str | None = None
    publisher_place: str | None = _csl("publisher-place")
    original_publisher: str | None = _csl("original-publisher")
    original_publisher_place: str | None = _csl("original-publisher-place")
    volume: str | None = None
    volume_title: str | None = _csl("volume-title")
    volume_title_short: str | None = _csl("volume-title-short")
    number_of_volumes: str | None = _csl("number-of-volumes")
    issue: str | None = None
    page: str | None = None
    page_first: str | None = _csl("page-first")
    number_of_pages: str | None = _csl("number-of-pages")
    number: str | None = None
    chapter_number: str | None = _csl("chapter-number")
    part_number: str | None = _csl("part-number")
    part_title: str | None = _csl("part-title")
    printing: str | None = None
    supplement: str | None = None
    citation_number: str | None = _csl("citation-number")
    citation_label: str | None = _csl("citation-label")
    citation_key: str | None = _csl("citation-key")
    first_reference_note_number: str | None = _csl("first-reference-note-number")
    locator: str | None = None
    year_suffix: str | None = _csl("year-suffix")
    edition: str | None = None
    version: str | None = None
    genre: str | None = None
    medium: str | None = None
    archive: str | None = None
    archive_collection: str | None = None
    archive_location: str | None = None
    archive_place: str | None = _csl("archive-place")
    call_number: str | None = _csl("call-number")
    authority: str | None = None
    jurisdiction: str | None = None
    division: str | None = None
    scale: str | None = None
    URL: str | None = None
    DOI: str | None = None
    ISBN: str | None = None
    ISSN: str | None = None
    PMID: str | None = None
    PMCID: str | None = None
    language: str | None = None
    license: str | None = None
    abstract: str | None = None
    annote: str | None = None
    keyword: str | None = None
    categories: list[str] = Field(default_factory=list)
    original_title: str | None = _csl("original-title")
    dimensions: str | None = None
    event: str | None = None
    event_title: str | None = _csl("event-title")
    event_place: str | None = _csl("event-place")
    references: str | None = None
    reviewed_genre: str | None = _csl("reviewed-genre")
    reviewed_title: str | None = _csl("reviewed-title")
    section: str | None = None
    source: str | None = None
    status: str | None = None
    title_short: str | None = _csl("title-short")
    journal_abbreviation: str | None = _csl("journalAbbreviation")  # Zotero's name for container-title-short
    short_title: str | None = _csl("shortTitle")  # an older name of title-short
    custom: dict[str, Any] | None = None
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
    date_order: str | None = Field(default=None, pattern=DATE_ORDER_PATTERN)  # how it writes 3/4/1920: dmy, mdy, ymd
    period: str | None = None  # the years its dates fall in ("1917 to 1923"): dates far outside are doubted
    note: str | None = None

    @field_validator("cites", "authors", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("categories", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator(*(name.replace("-", "_") for name in CSL_DATES), mode="before")
    @classmethod
    def _csl_date(cls, value: Any) -> Any:
        return written_date(value)

    @model_validator(mode="before")
    @classmethod
    def _citekey_as_id(cls, data: Any) -> Any:
        """A citekey-style id read as an id, the original kept under ``citekey``."""
        if isinstance(data, dict) and isinstance(data.get("id"), str) and not _ID.match(data["id"]):
            original, normalized = data["id"], id_of_citekey(data["id"])
            if normalized:
                data = {**data, "id": normalized}
                data.setdefault("citekey", original)
        return data

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
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")  # its item in Wikidata or FactGrid (QuickStatements)
    note: str | None = None


class Property(Record):
    """Which fact about a subject a claim gives, and the type of its value."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    type: str
    multi: bool = False
    qualifiers: list[str] = Field(default_factory=list)
    options: list[str | dict[str, list[str] | str]] = Field(default_factory=list)  # a choice's options and their variants
    wikidata: str | None = Field(default=None, pattern=r"^P[0-9]+$")  # the Wikidata or FactGrid property it is (QuickStatements)
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


class PastDecision(BaseModel):
    """A decision a resolution held before it was revised or reopened, kept in its ``history``:
    what it accepted and why, who decided it and when, and who set it aside, when and why."""

    model_config = ConfigDict(extra="forbid")
    accepted: str | list[str] | dict[str, str | list[str]]
    rationale: str
    decided_by: str | None = None
    decided_on: str | None = None
    replaced_by: str | None = None
    replaced_on: str | None = None
    why: str  # why it was revised or reopened
    reopened: bool = False  # set aside without a new decision, not replaced by one


class Reopening(BaseModel):
    """A resolution an editor reopened: the fact is open again, the decision kept on record."""

    model_config = ConfigDict(extra="forbid")
    why: str
    by: str | None = None
    on: str | None = None


class Resolution(Record):
    """An editor's decision on a disputed fact; ``history`` keeps the decisions it replaced, and
    a ``reopened`` one no longer settles its fact."""

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
    reopened: Reopening | None = None
    history: list[PastDecision] = Field(default_factory=list)  # the earliest first

    @property
    def fact_key(self) -> tuple[str, str, str | None]:
        return (self.subject, self.property, self.qualifier)


class LedgerSettings(Record):
    """What holds for the whole ledger, declared once under ``ledger:`` in a declarations file:
    the order of its all-number dates and the period its dates fall in. A source may declare
    either for itself."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    date_order: str | None = Field(default=None, pattern=DATE_ORDER_PATTERN)
    period: str | None = None


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
