"""Edits an editor makes from the TUI: flag a claim for review, record or revise a resolution.

Each edit reads the file again, refuses if it is not the file the ledger was loaded from,
changes the one record in ruamel.yaml's round-trip mode (comments, key order, quoting,
long lines and the file's own indentation kept), checks that no other record changed, and
writes the file atomically. The ledger's fingerprint of the file is updated, so that a
second edit works before the next reload. A resolution obeys the rules `sourcecrit check`
applies (sourcecrit.ledger.resolution_rules), checked before anything is written.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from sourcecrit.ledger.records import fingerprint_of, records_of_bytes
from sourcecrit.ledger.resolution_rules import check_resolution, facts_resolved_besides
from sourcecrit.ledger.validate import read_value
from sourcecrit.ledger.write import EditError, LedgerChanged, check_unchanged, write_atomically
from sourcecrit.models import Resolution

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

__all__ = ["EditError", "LedgerChanged", "flag_claim", "unflag_claim", "record_resolution"]

RESOLUTIONS_FILE = Path("resolutions") / "resolutions.yaml"
_RESOLUTION_KEYS = ("subject", "property", "qualifier", "accepted", "rationale", "decided_by", "decided_on",
                    "rests_on", "rejected")
_WORDS_YAML_READS = {"", "~", "null", "true", "false", "yes", "no", "on", "off"}


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
    existing = next((r for r in ledger.resolutions if r.fact_key == (subject, property, qualifier or None)), None)
    _refuse_broken_rules(ledger, fields, existing)
    if existing is not None:
        path = Path(existing.origin.file)
    else:
        path = _resolutions_file(ledger, subject)
    edit = _open(ledger, path)
    items = edit.section("resolutions")
    index = next((i for i, item in enumerate(items) if _fact_of(item) == (subject, property, qualifier or None)), None)
    if index is None:
        _append(items, _new_record(fields))
    else:
        _revise(items[index], fields)
    return edit.save(ledger)


# claims -----------------------------------------------------------------------------------
def _edit_claim(ledger: "Ledger", claim_id: str, reason: str | None) -> Path:
    claim = ledger.claims.get(claim_id)
    if claim is None:
        raise EditError(f"there is no claim '{claim_id}' in the ledger")
    edit = _open(ledger, Path(claim.origin.file))
    item = next((i for i in edit.section("claims") if isinstance(i, CommentedMap) and str(i.get("id")) == claim_id),
                None)
    if item is None:
        raise LedgerChanged(edit.path, f"no longer holds claim '{claim_id}'")
    if reason is None:
        if "flagged" in item:
            _delete(item, "flagged")
    elif "flagged" in item:
        item["flagged"] = _scalar(reason)
    else:
        item.insert(1 if "id" in item else 0, "flagged", _scalar(reason))  # beside the id, where a reader looks first
    return edit.save(ledger)


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


def _new_record(fields: dict[str, Any]) -> CommentedMap:
    record = CommentedMap()
    for key in _RESOLUTION_KEYS:
        if key in fields:
            record[key] = _node(key, fields[key])
    return record


def _revise(item: CommentedMap, fields: dict[str, Any]) -> None:
    """Change only the fields whose value differs; keep the rest as the editor wrote it."""
    for key in _RESOLUTION_KEYS:
        if key not in fields:
            if key in item:
                _delete(item, key)
        elif key not in item:
            item.insert(_insert_position(item, key), key, _node(key, fields[key]))
        elif _plain(item[key]) != fields[key]:
            item[key] = _node(key, fields[key])


def _insert_position(item: CommentedMap, key: str) -> int:
    """Just after the fields that come before ``key`` in the usual order."""
    before = _RESOLUTION_KEYS[: _RESOLUTION_KEYS.index(key)]
    keys = list(item)
    return max((keys.index(k) + 1 for k in before if k in item), default=0)


def _node(key: str, value: Any) -> Any:
    if key == "rests_on" or (key == "accepted" and isinstance(value, list)):
        seq = CommentedSeq(_scalar(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    if key == "rejected":
        return CommentedSeq(CommentedMap((k, _scalar(v)) for k, v in r.items()) for r in value)
    if isinstance(value, dict):
        return CommentedMap((k, _node(key, v)) for k, v in value.items())
    return _scalar(value)


def _scalar(text: str) -> Any:
    """A string as YAML should write it so that the ledger reads it back as the same text."""
    if "\n" in text:
        return LiteralScalarString(text)
    if text != text.strip() or text.lower() in _WORDS_YAML_READS:
        return DoubleQuotedScalarString(text)
    return text


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return None if node is None else str(node)


# keeping comments in place ----------------------------------------------------------------
# ruamel.yaml keeps the comments and blank lines that follow a value with the value: the
# last field of a record carries whatever stands between it and the next record. When a
# field is added after it or removed, that tail is moved so it stays where the reader saw it.
def _delete(item: CommentedMap, key: str) -> None:
    keys = list(item)
    tail = _detach_tail(item) if keys[-1] == key else ""
    del item[key]
    item.ca.items.pop(key, None)
    if tail and len(item):
        _attach_tail(item, tail)


def _append(items: CommentedSeq, record: CommentedMap) -> None:
    """Add a record at the end of a list, after the same blank lines that part the records before."""
    tail = _detach_tail(items) if len(items) else ""
    separator = _separator(items)
    if separator:
        _attach_tail(items, separator)
    items.append(record)
    if tail:
        _attach_tail(items, tail)


def _separator(items: CommentedSeq) -> str:
    """The blank lines between the last two records, when that is all that stands between them."""
    if len(items) < 2:
        return ""
    slot = _tail_slot(items[-2])
    if slot is None:
        return ""
    node, key, index = slot
    token = node.ca.items.get(key, [None] * 4)[index]
    if token is None:
        return ""
    rest = token.value.split("\n", 1)[1] if "\n" in token.value else ""
    return rest if rest and not rest.strip() else ""


def _tail_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel.yaml keeps the comment after the last line of ``node``."""
    if isinstance(node, CommentedMap) and len(node):
        key = list(node)[-1]
        inner = _tail_slot(node[key]) if _is_block(node[key]) else None
        return inner or (node, key, 2)
    if isinstance(node, CommentedSeq) and len(node):
        index = len(node) - 1
        inner = _tail_slot(node[index]) if _is_block(node[index]) else None
        return inner or (node, index, 0)
    return None


def _is_block_scalar(value: Any) -> bool:
    """A folded (>) or literal (|) scalar: written on lines of its own, its last line break included."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _detach_tail(node: Any) -> str:
    """Take the lines after ``node``'s last line (comments, blank lines) off it and return them."""
    slot = _tail_slot(node)
    if slot is None:
        return ""
    holder, key, index = slot
    entry = holder.ca.items.get(key)
    token = entry[index] if entry else None
    if token is None or "\n" not in token.value:
        return ""
    if _is_block_scalar(holder[key]):  # it ends with its own line break: all that follows is tail
        entry[index] = None
        return token.value
    own, tail = token.value.split("\n", 1)
    if own.strip():
        token.value = own + "\n"  # a comment on the line itself stays there
    else:
        entry[index] = None
    return tail


def _attach_tail(node: Any, tail: str) -> None:
    """Put ``tail`` after ``node``'s last line, after any comment that line already has."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    holder, key, index = _tail_slot(node)
    entry = holder.ca.items.setdefault(key, [None] * (4 if isinstance(holder, CommentedMap) else 2))
    token = entry[index]
    if token is None:
        start = "" if _is_block_scalar(holder[key]) else "\n"  # a block scalar ends its line itself
        entry[index] = CommentToken(start + tail, CommentMark(0), None)
    else:
        token.value = token.value + tail


# reading and writing one file ---------------------------------------------------------------
@dataclass
class _FileEdit:
    path: Path
    key: str
    before: bytes
    yaml: YAML
    document: CommentedMap

    def section(self, kind: str) -> CommentedSeq:
        """The file's list of ``kind`` records, made when the file has none."""
        items = self.document.get(kind)
        if items is None:
            items = self.document[kind] = CommentedSeq()
        if not isinstance(items, CommentedSeq):
            raise EditError(f"{self.path}: '{kind}' is not a list of records; fix the file (sourcecrit check) and try again")
        return items

    def save(self, ledger: "Ledger") -> Path:
        out = io.StringIO()
        self.yaml.dump(self.document, out)
        text = out.getvalue()
        _check_only_the_edit_changed(self.path, self.before, text.encode("utf-8"))
        expected = fingerprint_of(self.before) if self.before else None
        ledger.fingerprints[self.key] = write_atomically(self.path, text, expected=expected)
        if str(self.path) not in ledger.files:
            ledger.files.append(str(self.path))
        return self.path


def _open(ledger: "Ledger", path: Path) -> _FileEdit:
    key = _fingerprint_key(ledger, path)
    read_as = ledger.fingerprints.get(key)
    check_unchanged(path, read_as)
    before = path.read_bytes() if read_as is not None else b""
    text = before.decode("utf-8")
    yaml = _round_trip_yaml(text)
    try:
        document = yaml.load(text) if text.strip() else None
    except YAMLError as error:
        raise EditError(f"{path}: the file is not valid YAML ({error.__class__.__name__}); fix it first (sourcecrit check)") from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, CommentedMap):
        raise EditError(f"{path}: a ledger file is a mapping ('claims:', 'resolutions:', ...); fix it first (sourcecrit check)")
    return _FileEdit(path, key, before, yaml, document)


def _fingerprint_key(ledger: "Ledger", path: Path) -> str:
    for key in (str(path), os.path.normpath(path)):
        if key in ledger.fingerprints:
            return key
    return str(path)


def _round_trip_yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never re-wrap a long line
    mapping, sequence, offset = indentation_of(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


_OPENER = re.compile(r"^( *)(?!- )[^\s#][^#]*:[ \t]*(#.*)?$")  # a key whose value starts on the next line
_ITEM = re.compile(r"^( *)-( +)\S")
_LINE = re.compile(r"^( *)\S")


def indentation_of(text: str) -> tuple[int, int, int]:
    """The file's own indentation: (mapping, sequence, offset) as ruamel.yaml's indent() takes them."""
    mapping = sequence = offset = None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for above, line in zip(lines, lines[1:]):
        opener = _OPENER.match(above)
        if not opener:
            continue
        base = len(opener.group(1))
        item = _ITEM.match(line)
        if item and offset is None:
            offset = len(item.group(1)) - base
            sequence = offset + 1 + len(item.group(2))
        elif not item and mapping is None:
            mapping = len(_LINE.match(line).group(1)) - base
        if mapping is not None and offset is not None:
            break
    offset = 2 if offset is None or offset < 0 else offset
    sequence = max(sequence or offset + 2, offset + 2)
    mapping = 2 if not mapping or mapping < 1 else mapping
    return mapping, sequence, offset


def _check_only_the_edit_changed(path: Path, before: bytes, after: bytes) -> None:
    """Refuse to write if any record but the edited one reads differently: a guard, never expected to fire."""
    display = str(path)
    old, old_problems = records_of_bytes(before, display) if before else ([], [])
    new, new_problems = records_of_bytes(after, display)
    if new_problems and not old_problems:
        raise EditError(f"{path}: the edit would make the file unreadable ({new_problems[0].message}); nothing was written")
    old_records = [(r.kind, r.data) for r in old]
    new_records = [(r.kind, r.data) for r in new]
    changed = sum(1 for record in new_records if record not in old_records)
    lost = sum(1 for record in old_records if record not in new_records)
    if changed > 1 or lost > 1 or len(new_records) - len(old_records) not in (0, 1):
        raise EditError(f"{path}: the edit would change other records too; nothing was written. "
                        "Make the change by hand and run sourcecrit check")

