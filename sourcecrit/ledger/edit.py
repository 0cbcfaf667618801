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
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sourcecrit.ledger.resolution_rules import check_resolution, facts_resolved_besides
from sourcecrit.ledger.roundtrip import (
    WrittenRecords, append_record, delete_field, insert_field, new_record, open_file, plain, scalar, yaml_node,
)
from sourcecrit.ledger.readings import read_value
from sourcecrit.ledger.write import EditError, LedgerChanged
from sourcecrit.models import Resolution

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

__all__ = ["EditError", "LedgerChanged", "flag_claim", "unflag_claim", "record_resolution", "reopen_resolution"]

RESOLUTIONS_FILE = Path("resolutions") / "resolutions.yaml"
_RESOLUTION_KEYS = ("subject", "property", "qualifier", "accepted", "rationale", "decided_by", "decided_on",
                    "rests_on", "rejected")  # what a decision writes; reopened and history are kept beside them
_KEPT_KEYS = ("reopened", "history")


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
    rejected: Iterable[Mapping[str, str]] = (), why_changed: str | None = None,
) -> Path:
    """Write an editor's resolution of a fact: a new record, or the fact's recorded one revised in place.

    A recorded decision that is replaced by another (another accepted value or rationale) is
    kept in the resolution's ``history``, with who replaced it, when (the new ``decided_by``
    and ``decided_on``) and ``why_changed``, which must then be given; a reopened resolution
    is closed again (its decision went into the history when it was reopened).
    EditError, before anything is written, names every rule of a resolution it breaks.
    """
    fields = _resolution_fields(subject, property, qualifier, accepted, rationale, decided_by, decided_on,
                                rests_on, rejected)
    fact = (subject, property, qualifier or None)
    recorded = next((r for r in ledger.resolutions if r.fact_key == fact), None)
    _refuse_broken_rules(ledger, fields, recorded)
    replaced = _replaced_decision(recorded, fields, why_changed)
    path = Path(recorded.origin.file) if recorded is not None else _resolutions_file(ledger, subject)
    edit = open_file(ledger, path)
    items = edit.section("resolutions")
    index = next((i for i, item in enumerate(items) if _fact_of(item) == fact), None)
    if index is None:
        append_record(items, new_record(fields))
    else:
        _revise(items[index], fields)
        if "reopened" in items[index]:
            delete_field(items[index], "reopened")
        if replaced is not None:
            _keep_in_history(items[index], replaced)
    return edit.save(ledger, _one_record_changed)


def reopen_resolution(ledger: "Ledger", *, subject: str, property: str, qualifier: str | None = None, why: str,
                      by: str | None = None, on: str | None = None) -> Path:
    """Reopen a fact's resolution: the fact is open again; its decision stays in the record and
    goes into its ``history`` with who reopened it, when and ``why``."""
    fact = (subject, property, qualifier or None)
    recorded = next((r for r in ledger.resolutions if r.fact_key == fact), None)
    who = f"resolution of {subject} / {property}" + (f" ({qualifier})" if qualifier else "")
    if recorded is None:
        raise EditError(f"{who}: there is none to reopen")
    if recorded.reopened is not None:
        raise EditError(f"{who}: it is reopened already ({recorded.reopened.why})")
    why = (why or "").strip()
    if not why:
        raise EditError(f"{who}: say why it is reopened; the next editor will ask")
    by, on = (by or "").strip() or None, (on or "").strip() or None
    reopening = {key: value for key, value in (("why", why), ("by", by), ("on", on)) if value}
    edit = open_file(ledger, Path(recorded.origin.file))
    item = next((i for i in edit.section("resolutions") if _fact_of(i) == fact), None)
    if item is None:
        raise LedgerChanged(edit.path, f"no longer holds the {who}")
    insert_field(item, _insert_position(item, "reopened"), "reopened", yaml_node(reopening))
    _keep_in_history(item, _past(recorded, by, on, why, reopened=True))
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


def _replaced_decision(recorded: Resolution | None, fields: dict[str, Any], why: str | None) -> dict | None:
    """The recorded decision that ``fields`` replace, as its history entry; None when there is
    none, it is reopened (kept when it was), or the new one accepts the same for the same reason."""
    if recorded is None or recorded.reopened is not None:
        return None
    if recorded.accepted == fields["accepted"] and recorded.rationale.split() == fields["rationale"].split():
        return None  # the same decision, its rationale perhaps wrapped otherwise
    why = (why or "").strip()
    if not why:
        raise EditError(f"resolution of {recorded.subject} / {recorded.property}: say why the decision is changed "
                        "(it is kept in the resolution's history, with who changed it and when)")
    return _past(recorded, fields.get("decided_by"), fields.get("decided_on"), why)


def _past(recorded: Resolution, by: str | None, on: str | None, why: str, reopened: bool = False) -> dict:
    """A history entry of ``recorded``'s decision, set aside by ``by`` on ``on`` for ``why``."""
    entry = {"accepted": recorded.accepted, "rationale": recorded.rationale, "decided_by": recorded.decided_by,
             "decided_on": recorded.decided_on, "replaced_by": by, "replaced_on": on, "why": why,
             "reopened": "true" if reopened else None}
    return {key: value for key, value in entry.items() if value is not None}


def _keep_in_history(item: CommentedMap, entry: dict) -> None:
    """Append ``entry`` to the record's history (made at its end when it has none)."""
    node = yaml_node(entry)
    if "reopened" in entry:
        node["reopened"] = True
    if "history" not in item:
        insert_field(item, len(item), "history", CommentedSeq([node]))
    else:
        append_record(item["history"], node)


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
    order = _RESOLUTION_KEYS + _KEPT_KEYS
    before = order[: order.index(key)]
    keys = list(item)
    return max((keys.index(k) + 1 for k in before if k in item), default=0)


def _one_record_changed(path: Path, old: WrittenRecords, new: WrittenRecords) -> None:
    """Refuse to write if any record but the edited one reads differently: a guard, never expected to fire."""
    changed = sum(1 for record in new if record not in old)
    lost = sum(1 for record in old if record not in new)
    if changed > 1 or lost > 1 or len(new) - len(old) not in (0, 1):
        raise EditError(f"{path}: the edit would change other records too; nothing was written. "
                        "Make the change by hand and run sourcecrit check")
