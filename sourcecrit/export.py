"""The whole ledger as one JSON-ready document, values normalized (`sourcecrit export`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from sourcecrit import __version__
from sourcecrit.values import value_type

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

EXPORT_SHAPE = "sourcecrit-ledger/1"


def _record(model) -> dict[str, Any]:
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    data["origin"] = {"file": model.origin.file, "line": model.origin.line}
    return data


def claim_entry(ledger: "Ledger", claim) -> dict[str, Any]:
    """A claim with its value's type, canonical written form and normalized form."""
    data = _record(claim)
    data["stance"] = claim.stance.value
    type_name = ledger.value_type_name(claim)
    value = ledger.values.get(claim.id)
    if type_name and value is not None:
        kind = value_type(type_name)
        data["type"] = type_name
        data["normalized"] = kind.normalized(value)
    return data


def export_ledger(ledger: "Ledger") -> dict[str, Any]:
    """Every record of ``ledger``; see the README for the shape."""
    return {
        "shape": EXPORT_SHAPE,
        "sourcecrit": __version__,
        "sources": [_record(s) for s in ledger.sources.values()],
        "subjects": [_record(s) for s in ledger.subjects.values()],
        "properties": [_record(p) for p in ledger.properties.values()],
        "units": [_record(u) for u in ledger.units.values()],
        "entities": [_record(e) for e in ledger.entities.values()],
        "claims": [claim_entry(ledger, c) for c in ledger.claims.values()],
        "resolutions": [_record(r) for r in ledger.resolutions],
        "problems": [{"file": p.file, "line": p.line, "severity": p.severity, "message": p.message} for p in ledger.problems],
    }


def export_json_chunks(ledger: "Ledger") -> Iterator[str]:
    """``export_ledger(ledger)`` as JSON (indent 2, UTF-8 kept), the same bytes as ``json.dumps`` of the
    whole document and a line end, written one record at a time: a ledger of a million claims
    is exported without its whole export in memory at once."""
    return json_document_chunks([
        ("shape", EXPORT_SHAPE),
        ("sourcecrit", __version__),
        ("sources", (_record(s) for s in ledger.sources.values())),
        ("subjects", (_record(s) for s in ledger.subjects.values())),
        ("properties", (_record(p) for p in ledger.properties.values())),
        ("units", (_record(u) for u in ledger.units.values())),
        ("entities", (_record(e) for e in ledger.entities.values())),
        ("claims", (claim_entry(ledger, c) for c in ledger.claims.values())),
        ("resolutions", (_record(r) for r in ledger.resolutions)),
        ("problems", ({"file": p.file, "line": p.line, "severity": p.severity, "message": p.message}
                      for p in ledger.problems)),
    ])


def json_document_chunks(entries: list[tuple[str, Any]]) -> Iterator[str]:
    """A JSON object of these keys and values, the same bytes as ``json.dumps(..., ensure_ascii=False,
    indent=2)`` and a line end, written in parts: a value that is an iterator (not a list or a
    mapping) is a list written one item at a time, never held whole."""
    yield "{\n"
    for number, (key, value) in enumerate(entries):
        yield f"  {json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, Iterator):
            yield from json_list_chunks(value, depth=1)
        else:
            yield _indented(json.dumps(value, ensure_ascii=False, indent=2), depth=1)
        yield ",\n" if number < len(entries) - 1 else "\n"
    yield "}\n"


def json_list_chunks(items: Iterable[Any], depth: int = 0) -> Iterator[str]:
    """A list as ``json.dumps(indent=2)`` writes it ``depth`` levels down, one item at a time."""
    opened = False
    for item in items:
        yield ("[\n" if not opened else ",\n") + _indented(json.dumps(item, ensure_ascii=False, indent=2), depth + 1, True)
        opened = True
    yield f"\n{'  ' * depth}]" if opened else "[]"


def _indented(text: str, depth: int, first_line: bool = False) -> str:
    """A JSON text moved ``depth`` levels right (its first line too, or only those after it).
    A JSON text holds no raw line break (strings escape theirs), so each line is re-indented."""
    pad = "  " * depth
    return (pad if first_line else "") + text.replace("\n", "\n" + pad)
