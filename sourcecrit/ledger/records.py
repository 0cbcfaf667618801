"""From YAML files to raw records, and from raw records to models.

A raw record is the plain data of one list item under a top-level key (``claims:``,
``sources:``, ...) with the lines it stands on. Models are built from raw records with
pydantic; a record that fails is reported at the line of the field at fault.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sourcecrit.ledger.yamlread import Mapping, Stray, read_yaml_bytes
from sourcecrit.models import (
    KIND_OF, RECORD_KINDS, Claim, Entity, LedgerSettings, Origin, Property, Record, Source, Subject, Unit,
)
from sourcecrit.problems import Problem
from sourcecrit.suggest import did_you_mean

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

SINGULAR = {
    "sources": "source", "claims": "claim", "subjects": "subject", "properties": "property",
    "units": "unit", "entities": "entity", "resolutions": "resolution",
}
SETTINGS = "ledger"
"""The top-level key of the ledger's settings: one mapping, not a list (see models.LedgerSettings)."""
FILE_KEYS = set(RECORD_KINDS) | {"source", SETTINGS}
Fingerprint = tuple[int, int]  # a file's size and CRC-32


@dataclass
class RawRecord:
    """One record as written: its kind (``claims``), its fields, and where it stands."""

    kind: str
    data: dict[str, Any]
    origin: Origin


@dataclass
class BuiltFile:
    """The models built from one file (in the order written), and the problems met reading and building it.

    Each file is built on its own (so a file's build can be reused while its bytes are
    unchanged); duplicates across files are found when the files are put together.
    """

    fingerprint: Fingerprint
    models: list[Record]  # their kind is their class (see models.RECORD_KINDS)
    read_problems: list[Problem]
    build_problems: list[Problem]
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)  # records with errors: kind, id, file:line


def build_file(found: tuple[list[RawRecord], list[Problem]], fingerprint: Fingerprint) -> BuiltFile:
    """The models of one parsed file (its raw records and read problems), with the problems met building them."""
    raw, read_problems = found
    part = BuiltFile(fingerprint, [], read_problems, [])
    for record in raw:
        model = _build(record, part.build_problems)
        if model is not None:
            part.models.append(model)
        elif isinstance(record.data.get("id"), str):
            part.unreadable.append((record.kind, record.data["id"], f"{record.origin.file}:{record.origin.line}"))
    return part


def fingerprint_of(data: bytes) -> Fingerprint:
    """Size and CRC-32 of a file's bytes: equal fingerprints mean an unchanged file."""
    return len(data), zlib.crc32(data)


def records_of_bytes(data: bytes, display: str) -> tuple[list[RawRecord], list[Problem]]:
    """Read one file's bytes into raw records and the problems met on the way."""
    content = read_yaml_bytes(data, display)
    problems = content.problems
    root = content.root
    if root is None:
        return [], problems
    if not isinstance(root, Mapping):
        problems.append(Problem(display, 1, "a ledger file is a mapping: start with 'claims:', 'sources:', ..."))
        return [], problems
    return _records_of_root(root, display, problems), problems


def _records_of_root(root: Mapping, display: str, problems: list[Problem]) -> list[RawRecord]:
    default_source = root.values.get("source")
    records: list[RawRecord] = []
    for key, items in root.values.items():
        line = root.key_lines[key]
        if key == "source":
            continue
        if key == SETTINGS:
            if isinstance(items, Mapping):
                records.append(RawRecord(SETTINGS, items.values, Origin(display, line, items.key_lines)))
            else:
                problems.append(Problem(display, line, "'ledger' is one mapping of settings, e.g. 'date_order: dmy'"))
            continue
        if key not in RECORD_KINDS:
            problems.append(Problem(display, line, f"unknown section '{key}'{did_you_mean(key, FILE_KEYS)}"))
            continue
        if not isinstance(items, list):
            problems.append(Problem(display, line, f"'{key}' must be a list of records, each starting with '- '"))
            continue
        for item in items:
            record = _raw_record(key, item, display, line, problems)
            if record is None:
                continue
            if key == "claims" and default_source and "source" not in record.data:
                record.data["source"] = default_source
                record.origin.field_lines["source"] = root.key_lines["source"]
            records.append(record)
    return records


def _raw_record(kind: str, item: Any, display: str, line: int, problems: list[Problem]) -> RawRecord | None:
    if not isinstance(item, Mapping):
        where = item.line if isinstance(item, Stray) else line
        problems.append(Problem(display, where, f"each item of '{kind}' must be a mapping of fields"))
        return None
    origin = Origin(display, item.line, item.key_lines)
    return RawRecord(kind, item.values, origin)  # a record's values are plain already (yamlread)


def add_records(ledger: "Ledger", built: dict[str, BuiltFile], *, report: bool = True) -> None:
    """Put every file's models on ``ledger``, reporting the problems met and duplicate ids
    (unless ``report`` is False: a snapshot brings its problems along)."""
    targets = {
        Source: ledger.sources, Claim: ledger.claims, Subject: ledger.subjects,
        Property: ledger.properties, Unit: ledger.units, Entity: ledger.entities,
    }
    problems = ledger.problems if report else []
    for part in built.values():
        problems.extend(part.read_problems)
    for part in built.values():
        problems.extend(part.build_problems)
        for kind, record_id, where in part.unreadable:
            ledger.unreadable.setdefault((kind, record_id), where)
        for model in part.models:
            table = targets.get(type(model))
            if isinstance(model, LedgerSettings):
                _set_settings(ledger, model, problems)
            elif table is None:
                ledger.resolutions.append(model)
            elif table.setdefault(model.id, model) is not model:  # the first of an id stays
                _report_duplicate(table, model, problems)


def _set_settings(ledger: "Ledger", settings: LedgerSettings, problems: list[Problem]) -> None:
    """The ledger's settings; a second 'ledger:' is an error (the first stays)."""
    if ledger.settings is None:
        ledger.settings = settings
        return
    first = ledger.settings.origin
    problems.append(Problem(settings.origin.file, settings.origin.line, f"the ledger's settings are declared "
                            f"twice (first at {first.file}:{first.line}); keep one 'ledger:'"))


def _report_duplicate(table: dict[str, Record], model: Record, problems: list[Problem]) -> None:
    kind = KIND_OF[type(model)]
    first = table[model.id]
    where = f"{first.origin.file}:{first.origin.line}"
    problems.append(
        Problem(model.origin.file, model.origin.line, f"duplicate {SINGULAR[kind]} id '{model.id}' (first at {where}); give it another id")
    )


def _build(record: RawRecord, problems: list[Problem]) -> Record | None:
    model_class = LedgerSettings if record.kind == SETTINGS else RECORD_KINDS[record.kind]
    try:
        model = model_class.model_validate(record.data)
    except ValidationError as error:
        problems.extend(_explain(error, record, model_class))
        return None
    return model.placed(record.origin)


def _explain(error: ValidationError, record: RawRecord, model_class: type[Record]) -> list[Problem]:
    name = record.data.get("id") or record.data.get("subject") or "?"
    what = "the ledger's settings" if record.kind == SETTINGS else f"{SINGULAR[record.kind]} '{name}'"
    found = []
    for detail in error.errors():
        key = str(detail["loc"][0]) if detail["loc"] else ""
        line = record.origin.line_of(key)
        found.append(Problem(record.origin.file, line, f"{what}: {_field_message(detail, key, model_class)}"))
    return found


def _field_message(detail: dict, key: str, model_class: type[Record]) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        fields = [f.alias or n for n, f in model_class.model_fields.items()]
        return f"unknown field '{key}'{did_you_mean(key, fields)}"
    if kind == "missing":  # within a list or mapping, the whole way to it: 'history.1.why'
        return f"the field '{'.'.join(str(part) for part in detail['loc']) or key}' is required"
    if kind == "string_pattern_mismatch" and key in ("id",):
        return "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"
    if kind == "string_pattern_mismatch" and key == "date_order":
        return "date_order is dmy (3/4/1920 is 3 April), mdy (4 March) or ymd (1920/4/3)"
    if kind == "string_pattern_mismatch" and key == "reliability":
        return "reliability is one letter, A (reliable) to F (cannot be judged)"
    if kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"'{key}' must be one of {expected}"
    location = ".".join(str(part) for part in detail["loc"])
    return f"field '{location}': {detail['msg'].lower()}"
