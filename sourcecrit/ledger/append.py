"""Appending records to a ledger file: what importers and the capture screen write with.

The records go at the end of the file's list of their kind, through the round trip the
edits use (sourcecrit.ledger.roundtrip): the historian's comments, layout, indentation and
the blank lines that part the records are kept, and nothing is written over a file that
changed on disk since the ledger read it. Before writing, the file is read as the ledger
will read it: the new records must read back as given, and no other record may change.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Mapping

from sourcecrit.ledger.load import LEDGER_FOLDERS, YAML_SUFFIXES
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.roundtrip import WrittenRecords, append_record, as_text, new_record, open_file
from sourcecrit.ledger.write import EditError
from sourcecrit.models import RECORD_KINDS

__all__ = ["append_records", "claims_file"]


def claims_file(ledger: Ledger, source: str) -> Path:
    """Where a source's new claims go: claims/<source>.yaml when it holds some of them (a source
    whose claims are spread over several files, by topic say, keeps the one named after it),
    else the file that holds most of them, else claims/<source>.yaml, made when written."""
    held = Counter(Path(c.origin.file) for c in ledger.claims.values() if c.source == source)
    named = [path for path in held if path.name == f"{source}.yaml" and path.parent.name == "claims"]
    if named:
        return named[0]
    if held:
        return min(held, key=lambda path: (-held[path], str(path)))
    return ledger.root / "claims" / f"{source}.yaml"


def append_records(ledger: Ledger, path: str | os.PathLike, kind: str,
                   records: Iterable[Mapping[str, Any]]) -> Path:
    """Append ``records`` to the ``kind`` list (``claims``, ``sources``, ...) of the ledger file at
    ``path``, made with its folder when missing; return the file's path as the ledger spells it.

    Each record is a mapping of fields, written in its order; a value is text (a number or
    true/false is written as its text), a list or a mapping of them, and a field whose value
    is None is left out. Raises LedgerChanged if the file changed on disk since the ledger read
    it, EditError if the ledger would not read the file or the records back as given. With
    no records, nothing is written. The ledger's fingerprint of the file is updated, so that
    a second append or edit works before the next reload.
    """
    if kind not in RECORD_KINDS:
        raise EditError(f"no kind of record is called '{kind}'; use one of {', '.join(RECORD_KINDS)}")
    written = [as_written(record) for record in records]
    target = _ledger_path(ledger, Path(path))
    if not written:
        return target
    edit = open_file(ledger, target)
    items = edit.section(kind)
    for fields in written:
        append_record(items, new_record(fields))
    default_source = edit.document.get("source")
    expected = [_as_read(kind, fields, default_source) for fields in written]
    return edit.save(ledger, partial(_only_appended, kind=kind, expected=expected))


def _ledger_path(ledger: Ledger, path: Path) -> Path:
    """``path`` as the ledger spells its files (its folder, then the file's place in it);
    EditError if the ledger does not read such a file."""
    relative = Path(os.path.relpath(path.resolve(), ledger.root.resolve()))
    folders = relative.parts[:-1]
    if not folders or folders[0] not in LEDGER_FOLDERS or relative.suffix not in YAML_SUFFIXES \
            or any(folder.startswith(".") for folder in folders):
        raise EditError(f"{path}: the ledger reads only YAML files (.yaml, .yml) in its folders "
                        f"{', '.join(f'{folder}/' for folder in LEDGER_FOLDERS)}; append to one of those")
    return ledger.root / relative


def as_written(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's fields as they will be written: None left out, every scalar as its text."""
    if not isinstance(record, Mapping):
        raise EditError(f"a record is a mapping of fields, not {type(record).__name__}: {record!r}")
    return {str(key): _value_written(value) for key, value in record.items() if value is not None}


def _value_written(value: Any) -> Any:
    if isinstance(value, Mapping):
        return as_written(value)
    if isinstance(value, (list, tuple)):
        if any(item is None for item in value):
            raise EditError(f"a list of values holds an empty one (None): {value!r}")
        return [_value_written(item) for item in value]
    return as_text(value)


def _as_read(kind: str, fields: dict[str, Any], default_source: Any) -> dict[str, Any]:
    """The fields as the ledger will read them: a claim without a source takes the file's."""
    if kind == "claims" and default_source and "source" not in fields:
        return {**fields, "source": str(default_source)}
    return fields


def _only_appended(path: Path, old: WrittenRecords, new: WrittenRecords, *, kind: str,
                   expected: list[dict[str, Any]]) -> None:
    """Refuse unless the file reads as before with ``expected`` added at the end of its ``kind`` list."""
    def of_kind(records: WrittenRecords) -> list[dict[str, Any]]:
        return [data for k, data in records if k == kind]

    def others(records: WrittenRecords) -> WrittenRecords:
        return [(k, data) for k, data in records if k != kind]

    if others(new) != others(old) or of_kind(new)[:len(of_kind(old))] != of_kind(old):
        raise EditError(f"{path}: appending would change the records already there; nothing was written")
    read_back = of_kind(new)[len(of_kind(old)):]
    if len(read_back) != len(expected):
        raise EditError(f"{path}: {len(expected)} records given, {len(read_back)} would be read; nothing was written")
    for given, read in zip(expected, read_back, strict=True):
        if given != read:
            raise EditError(f"{path}: a record would read back as {read!r}, not as given ({given!r}); "
                            "nothing was written")
