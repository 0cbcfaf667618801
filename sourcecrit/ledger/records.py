"""From YAML files to raw records, and from raw records to models.

A raw record is the plain data of one list item under a top-level key (``claims:``,
``sources:``, ...) with the lines it stands on. Models are built from raw records with
pydantic; a record that fails is reported at the line of the field at fault.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sourcecrit.ledger.yamlread import Mapping, plain, read_yaml_bytes
from sourcecrit.models import RECORD_KINDS, Origin, Record
from sourcecrit.problems import Problem
from sourcecrit.suggest import did_you_mean

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

SINGULAR = {
    "sources": "source", "claims": "claim", "subjects": "subject", "properties": "property",
    "units": "unit", "entities": "entity", "resolutions": "resolution",
}
FILE_KEYS = set(RECORD_KINDS) | {"source"}


@dataclass
class RawRecord:
    """One record as written: its kind (``claims``), its fields, and where it stands."""

    kind: str
    data: dict[str, Any]
    origin: Origin


def read_raw_records(
    root: Path, files: list[Path], problems: list[Problem], fingerprints: dict[str, Fingerprint], *, use_cache: bool,
    contents: dict[Path, bytes | None] | None = None,
) -> list[RawRecord]:
    """Raw records of every file, through the load cache when allowed; notes each file's fingerprint.

    ``contents`` holds files already read (None for one that could not be read, to be read again).
    """
    from sourcecrit.ledger.cache import LoadCache

    cache = LoadCache.for_ledger(root) if use_cache else None
    records: list[RawRecord] = []
    for path in files:
        display = _display(root, path)
        data = contents.get(path) if contents else None
        if data is None:
            data = _read_bytes(path, display, problems)
        if data is None:
            continue
        fingerprints[str(path)] = fingerprint = fingerprint_of(data)
        cached = cache.get(str(path), fingerprint, display) if cache else None
        if cached is None:
            cached = records_of_bytes(data, display)
            if cache:
                cache.put(str(path), fingerprint, cached)
        file_records, file_problems = cached
        records.extend(file_records)
        problems.extend(file_problems)
    if cache:
        cache.save()
    return records


def _display(root: Path, path: Path) -> str:
    from sourcecrit.ledger.load import display_name

    return display_name(root, path)


Fingerprint = tuple[int, int]


def fingerprint_of(data: bytes) -> Fingerprint:
    """Size and CRC-32 of a file's bytes: equal fingerprints mean an unchanged file."""
    return len(data), zlib.crc32(data)


def _read_bytes(path: Path, display: str, problems: list[Problem]) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(Problem(display, 0, f"cannot read the file: {error.strerror}"))
        return None


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
        problems.append(Problem(display, line, f"each item of '{kind}' must be a mapping of fields"))
        return None
    origin = Origin(display, item.line, dict(item.key_lines))
    return RawRecord(kind, plain(item), origin)


def build_records(ledger: "Ledger", raw: list[RawRecord]) -> None:
    """Turn raw records into models on ``ledger``, reporting invalid fields and duplicate ids."""
    targets = {
        "sources": ledger.sources, "claims": ledger.claims, "subjects": ledger.subjects,
        "properties": ledger.properties, "units": ledger.units, "entities": ledger.entities,
    }
    for record in raw:
        model = _build(record, ledger.problems)
        if model is None:
            continue
        if record.kind == "resolutions":
            ledger.resolutions.append(model)
            continue
        _add_unique(targets[record.kind], model, record.kind, ledger.problems)


def _add_unique(table: dict[str, Record], model: Record, kind: str, problems: list[Problem]) -> None:
    first = table.get(model.id)
    if first is None:
        table[model.id] = model
        return
    where = f"{first.origin.file}:{first.origin.line}"
    problems.append(
        Problem(model.origin.file, model.origin.line, f"duplicate {SINGULAR[kind]} id '{model.id}' (first at {where}); give it another id")
    )


def _build(record: RawRecord, problems: list[Problem]) -> Record | None:
    model_class = RECORD_KINDS[record.kind]
    try:
        model = model_class.model_validate(record.data)
    except ValidationError as error:
        problems.extend(_explain(error, record, model_class))
        return None
    model._origin = record.origin
    return model


def _explain(error: ValidationError, record: RawRecord, model_class: type[Record]) -> list[Problem]:
    what = SINGULAR[record.kind]
    name = record.data.get("id") or record.data.get("subject") or "?"
    found = []
    for detail in error.errors():
        key = str(detail["loc"][0]) if detail["loc"] else ""
        line = record.origin.line_of(key)
        found.append(Problem(record.origin.file, line, f"{what} '{name}': {_field_message(detail, key, model_class)}"))
    return found


def _field_message(detail: dict, key: str, model_class: type[Record]) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        fields = [f.alias or n for n, f in model_class.model_fields.items()]
        return f"unknown field '{key}'{did_you_mean(key, fields)}"
    if kind == "missing":
        return f"the field '{key}' is required"
    if kind == "string_pattern_mismatch" and key in ("id",):
        return "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"
    if kind == "string_pattern_mismatch" and key == "reliability":
        return "reliability is one letter, A (reliable) to F (cannot be judged)"
    if kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"'{key}' must be one of {expected}"
    location = ".".join(str(part) for part in detail["loc"])
    return f"field '{location}': {detail['msg'].lower()}"
