"""Edits an editor makes from the TUI: flag a claim for review, record or revise a resolution.

Each edit changes the one record through the round trip the appends share (see
sourcecrit.ledger.roundtrip): refused if the file is not the one the ledger was loaded from,
comments and layout kept, no other record changed, written atomically. A resolution obeys
the rules `sourcecrit check` applies (sourcecrit.ledger.resolution_rules), checked before
anything is written.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from sourcecrit.ledger.resolution_rules import check_resolution, facts_resolved_besides
from sourcecrit.ledger.roundtrip import (
    WrittenRecords, append_record, delete_field, new_record, open_file, plain, scalar, yaml_node,
)
from sourcecrit.ledger.readings import read_value
from sourcecrit.ledger.write import EditError, LedgerChanged
from sourcecrit.models import Resolution

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

__all__ = ["EditError", "LedgerChanged", "flag_claim", "unflag_claim", "record_resolution"]

RESOLUTIONS_FILE = Path("resolutions") / "resolutions.yaml"
_RESOLUTION_KEYS = ("subject", "property", "qualifier", "accepted", "rationale", "decided_by", "decided_on",
                    "rests_on", "rejected")


# the edits ---------------------------------------------------------------------------------
def flag_claim(ledger: "Ledger", claim_id: str, reason: str) -> Path:
    """Mark a claim for review with ``reason`` (written as its ``flagged:`` field)."""
    reason = reason.strip()
    if not reason:
        raise EditError(f"say why claim '{claim_id}' needs review; a flag without a reason helps no one")
    return _edit_claim(ledger, claim_id, reason)


def unflag_claim(ledger: "Ledger", claim_id: str) -> Path:
    """Clear a claim's review flag."""
    return _edit_claim(ledger, claim_id, None)


def record_resolution(
    ledger: "Ledger", *, subject: str, property: str, qualifier: str | None = None, accepted: Any, rationale: str,
    decided_by: str | None = None, decided_on: str | None = None, rests_on: Iterable[str] = (),
    rejected: Iterable[Mapping[str, str]] = (),
) -> Path:
    """Write an editor's resolution of a fact: a new record, or the fact's recorded one revised in place.

    EditError, before anything is written, names every rule of a resolution it breaks.
    """
    fields = _resolution_fields(subject, property, qualifier, accepted, rationale, decided_by, decided_on,
                                rests_on, rejected)
    fact = (subject, property, qualifier or None)
    recorded = next((r for r in ledger.resolutions if r.fact_key == fact), None)
    _refuse_broken_rules(ledger, fields, recorded)
    path = Path(recorded.origin.file) if recorded is not None else _resolutions_file(ledger, subject)
    edit = open_file(ledger, path)
    items = edit.section("resolutions")
    index = next((i for i, item in enumerate(items) if _fact_of(item) == fact), None)
    if index is None:
        append_record(items, new_record(fields))
    else:
        _revise(items[index], fields)
    return edit.save(ledger, _one_record_changed)


# claims -----------------------------------------------------------------------------------
def _edit_claim(ledger: "Ledger", claim_id: str, reason: str | None) -> Path:
    claim = ledger.claims.get(claim_id)
    if claim is None:
        raise EditError(f"there is no claim '{claim_id}' in the ledger")
    edit = open_file(ledger, Path(claim.origin.file))
    item = next((i for i in edit.section("claims") if isinstance(i, CommentedMap) and str(i.get("id")) == claim_id),
                None)
    if item is None:
        raise LedgerChanged(edit.path, f"no longer holds claim '{claim_id}'")
    if reason is None:
        if "flagged" in item:
            delete_field(item, "flagged")
    elif "flagged" in item:
        item["flagged"] = scalar(reason)
    else:
        item.insert(1 if "id" in item else 0, "flagged", scalar(reason))  # beside the id, where a reader looks first
    return edit.save(ledger, _one_record_changed)


# resolutions ------------------------------------------------------------------------------
def _resolution_fields(subject, property, qualifier, accepted, rationale, decided_by, decided_on, rests_on,
                       rejected) -> dict[str, Any]:
    """The resolution's fields in the order they are written; empty ones left out."""
    if isinstance(accepted, str):
        accepted = accepted.strip()
    fields = {
        "subject": subject, "property": property, "qualifier": qualifier or None, "accepted": accepted,
        "rationale": (rationale or "").strip(), "decided_by": (decided_by or "").strip() or None,
        "decided_on": (decided_on or "").strip() or None, "rests_on": list(dict.fromkeys(rests_on)) or None,
        "rejected": [{"claim": r["claim"], "reason": r["reason"].strip()} for r in rejected] or None,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _refuse_broken_rules(ledger: "Ledger", fields: dict[str, Any], recorded: Resolution | None) -> None:
    """Refuse, naming every rule it breaks, a resolution that `sourcecrit check` would reject."""
    check = check_resolution(ledger, _as_resolution(fields), resolved=facts_resolved_besides(ledger, recorded),
                             read=partial(read_value, ledger))
    if check.problems:
        raise EditError("\n".join(problem.message for problem in check.problems))


def _as_resolution(fields: dict[str, Any]) -> Resolution:
    """The resolution the fields make; a missing accepted value is one that does not read."""
    try:
        return Resolution.model_validate({"accepted": "", **fields})
    except ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise EditError(f"resolution of {fields['subject']} / {fields['property']}: "
                        f"{where}: {error.errors()[0]['msg'].lower()}") from None


def _resolutions_file(ledger: "Ledger", subject: str) -> Path:
    """Where a new resolution goes: beside the subject's others, else the ledger's resolutions file."""
    folder = ledger.root / "resolutions"
    files = sorted({r.origin.file for r in ledger.resolutions if r.subject == subject})
    if files:
        return Path(files[0])
    default = ledger.root / RESOLUTIONS_FILE
    held = [Path(f) for f in ledger.files if Path(f).parent == folder]
    if not held or any(Path(f) == default for f in held):
        return default
    return held[0]


def _fact_of(item: Any) -> tuple | None:
    if not isinstance(item, CommentedMap):
        return None
    qualifier = item.get("qualifier")
    return (str(item.get("subject")), str(item.get("property")), str(qualifier) if qualifier else None)


def _revise(item: CommentedMap, fields: dict[str, Any]) -> None:
    """Change only the fields whose value differs; keep the rest as the editor wrote it."""
    for key in _RESOLUTION_KEYS:
        if key not in fields:
            if key in item:
                delete_field(item, key)
        elif key not in item:
            item.insert(_insert_position(item, key), key, yaml_node(fields[key]))
        elif plain(item[key]) != fields[key]:
            item[key] = yaml_node(fields[key])


def _insert_position(item: CommentedMap, key: str) -> int:
    """Just after the fields that come before ``key`` in the usual order."""
    before = _RESOLUTION_KEYS[: _RESOLUTION_KEYS.index(key)]
    keys = list(item)
    return max((keys.index(k) + 1 for k in before if k in item), default=0)


def _one_record_changed(path: Path, old: WrittenRecords, new: WrittenRecords) -> None:
    """Refuse to write if any record but the edited one reads differently: a guard, never expected to fire."""
    changed = sum(1 for record in new if record not in old)
    lost = sum(1 for record in old if record not in new)
    if changed > 1 or lost > 1 or len(new) - len(old) not in (0, 1):
        raise EditError(f"{path}: the edit would change other records too; nothing was written. "
                        "Make the change by hand and run sourcecrit check")
