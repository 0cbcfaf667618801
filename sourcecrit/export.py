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
    head = {"shape": EXPORT_SHAPE, "sourcecrit": __version__}
    sections: list[tuple[str, Iterable[Any]]] = [
        ("sources", (_record(s) for s in ledger.sources.values())),
        ("subjects", (_record(s) for s in ledger.subjects.values())),
        ("properties", (_record(p) for p in ledger.properties.values())),
        ("units", (_record(u) for u in ledger.units.values())),
        ("entities", (_record(e) for e in ledger.entities.values())),
        ("claims", (claim_entry(ledger, c) for c in ledger.claims.values())),
        ("resolutions", (_record(r) for r in ledger.resolutions)),
        ("problems", ({"file": p.file, "line": p.line, "severity": p.severity, "message": p.message}
                      for p in ledger.problems)),
    ]
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    for number, (key, items) in enumerate(sections):
        yield f"  {json.dumps(key)}: "
        yield from _json_list(items)
        yield ",\n" if number < len(sections) - 1 else "\n"
    yield "}\n"


def _json_list(items: Iterable[Any]) -> Iterator[str]:
    """A list inside the document's top mapping, as ``json.dumps(indent=2)`` writes it there."""
    opened = False
    for item in items:
        # a JSON text holds no raw line break (strings escape theirs), so each line is re-indented
        yield ("[\n    " if not opened else ",\n    ") + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        opened = True
    yield "\n  ]" if opened else "[]"
