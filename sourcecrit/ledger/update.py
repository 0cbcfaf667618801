"""Changing fields of one record in place: what an import writes when it meets a record it knows.

Through the round trip the edits share (sourcecrit.ledger.roundtrip): the fields not named keep
their text, place, comments and quoting; a changed field is rewritten where it stands; a new one
goes after the others. Before writing, the file is read as the ledger will read it: the record
must read with the fields given, and no other record may change.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Mapping

from ruamel.yaml.comments import CommentedMap

from sourcecrit.ledger.append import as_written
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.roundtrip import FileEdit, WrittenRecords, _attach_tail, _detach_tail, open_file, plain, yaml_node
from sourcecrit.ledger.write import EditError, LedgerChanged
from sourcecrit.models import RECORD_KINDS

__all__ = ["update_record", "updated_in"]


def update_record(ledger: Ledger, kind: str, record_id: str, fields: Mapping[str, Any]) -> Path:
    """Set ``fields`` (values as append_records takes them) on the ``kind`` record ``record_id``, in
    its file; return the file. LedgerChanged if the file changed on disk since the ledger read it."""
    edit, item, changes = updated_in(ledger, kind, record_id, fields)
    expected = {**plain(item)}
    return edit.save(ledger, partial(_only_this_record, kind=kind, record_id=record_id, expected=expected,
                                     changed=bool(changes)))


def updated_in(ledger: Ledger, kind: str, record_id: str, fields: Mapping[str, Any],
               edit: FileEdit | None = None) -> tuple[FileEdit, CommentedMap, list[str]]:
    """The record's file opened (or ``edit``, already open) with ``fields`` set on the record, not
    yet written, and the names of the fields that changed."""
    table = getattr(ledger, kind, None)
    record = table.get(record_id) if isinstance(table, dict) else None
    if record is None:
        raise EditError(f"there is no {kind} record '{record_id}' in the ledger")
    edit = edit or open_file(ledger, Path(record.origin.file))
    item = next((i for i in edit.section(kind) if isinstance(i, CommentedMap) and str(i.get("id")) == record_id), None)
    if item is None:
        raise LedgerChanged(edit.path, f"no longer holds {kind} record '{record_id}'")
    changes = []
    for key, value in as_written(fields).items():
        if key not in item:
            _insert(item, key, yaml_node(value), _field_order(kind))
        elif plain(item[key]) != value:
            item[key] = yaml_node(value)
        else:
            continue
        changes.append(key)
    return edit, item, changes


def _field_order(kind: str) -> dict[str, int]:
    model = RECORD_KINDS[kind]
    return {field.alias or name: rank for rank, (name, field) in enumerate(model.model_fields.items())}


def _insert(item: CommentedMap, key: str, node: Any, order: dict[str, int]) -> None:
    """Add a field after the fields the model declares before it (at the end when it knows none of them)."""
    rank = order.get(key, len(order))
    keys = list(item)
    position = max((i + 1 for i, k in enumerate(keys) if order.get(k, len(order)) <= rank), default=len(keys))
    if position < len(keys):
        item.insert(position, key, node)
        return
    tail = _detach_tail(item)  # the blank lines and comments after the record stay after it
    item[key] = node
    if tail:
        _attach_tail(item, tail)


def _only_this_record(path: Path, old: WrittenRecords, new: WrittenRecords, *, kind: str, record_id: str,
                      expected: dict[str, Any], changed: bool) -> None:
    def others(records: WrittenRecords) -> WrittenRecords:
        return [(k, data) for k, data in records if not (k == kind and str(data.get("id")) == record_id)]

    if others(new) != others(old) or len(new) != len(old):
        raise EditError(f"{path}: the change would touch other records; nothing was written")
    read = next((data for k, data in new if k == kind and str(data.get("id")) == record_id), None)
    if read != expected:
        raise EditError(f"{path}: {kind} record '{record_id}' would read back as {read!r}, not as given; nothing was written")
