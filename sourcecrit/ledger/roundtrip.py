"""Changing a ledger file the way its writer wrote it: the round trip the edits and appends share.

A file is read again and refused if it is not the file the ledger was loaded from; the
records are changed in ruamel.yaml's round-trip mode (comments, key order, quoting, long
lines and the file's own indentation kept); before writing, the records as the ledger will
read them are compared with those it read, and the change must be the one intended; the file
is written atomically (its folder made when missing) and the ledger's fingerprint of it
updated, so that a second change works before the next reload.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from sourcecrit.ledger.records import fingerprint_of, records_of_bytes
from sourcecrit.ledger.write import EditError, check_unchanged, write_atomically

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

WrittenRecords = list[tuple[str, dict[str, Any]]]
"""A file's records as the ledger reads them: (kind, fields), in the order written."""

ChangeCheck = Callable[[Path, WrittenRecords, WrittenRecords], None]
"""Given a file and its records before and after a change, raise EditError unless the change is the one intended."""

_WORDS_YAML_READS = {"", "~", "null", "true", "false", "yes", "no", "on", "off"}


# reading and writing one file ---------------------------------------------------------------
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Layout:
    """How a file's bytes are laid out beyond its YAML: a byte-order mark, CRLF line ends.
    A change writes the file back the way it found it."""

    bom: bool = False
    crlf: bool = False

    @classmethod
    def of(cls, data: bytes) -> "Layout":
        line_ends = data.count(b"\n")
        return cls(bom=data.startswith(_BOM), crlf=line_ends > 0 and data.count(b"\r\n") * 2 >= line_ends)

    def text_of(self, data: bytes) -> str:
        """The file's text with LF line ends, as ruamel.yaml reads and writes it."""
        text = data[len(_BOM):].decode("utf-8") if self.bom else data.decode("utf-8")
        return text.replace("\r\n", "\n") if self.crlf else text

    def bytes_of(self, text: str) -> bytes:
        """``text`` (LF line ends) as the file's bytes, laid out as it was."""
        data = (text.replace("\n", "\r\n") if self.crlf else text).encode("utf-8")
        return _BOM + data if self.bom else data


@dataclass
class FileEdit:
    """One ledger file opened for a change: its bytes as the ledger read them, and the round-trip document."""

    path: Path
    key: str  # the file's key in ledger.fingerprints
    before: bytes
    yaml: YAML
    document: CommentedMap
    existed: bool = True  # False: the file is made by this change
    layout: Layout = field(default_factory=Layout)

    def section(self, kind: str) -> CommentedSeq:
        """The file's list of ``kind`` records, made (at the end of the file) when it has none."""
        items = self.document.get(kind)
        if items is None:
            items = self.document[kind] = CommentedSeq()
        if not isinstance(items, CommentedSeq):
            raise EditError(f"{self.path}: '{kind}' is not a list of records; fix the file (sourcecrit check) and try again")
        return items

    def save(self, ledger: "Ledger", check_change: ChangeCheck) -> Path:
        """Write the changed file once ``check_change`` accepts what the ledger will read from it."""
        out = io.StringIO()
        self.yaml.dump(self.document, out)
        data = self.layout.bytes_of(out.getvalue())
        check_change(self.path, *_records_before_and_after(self.path, self.before, data))
        expected = fingerprint_of(self.before) if self.existed else None
        if expected is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        ledger.fingerprints[self.key] = write_atomically(self.path, data, expected=expected)
        if str(self.path) not in ledger.files:
            ledger.files.append(str(self.path))
        return self.path


def open_file(ledger: "Ledger", path: Path) -> FileEdit:
    """``path`` opened for a change; LedgerChanged if it is not as the ledger read it (or, for a
    file the ledger did not read, if it has appeared since)."""
    key = _fingerprint_key(ledger, path)
    read_as = ledger.fingerprints.get(key)
    check_unchanged(path, read_as)
    before = path.read_bytes() if read_as is not None else b""
    layout = Layout.of(before)
    try:
        text = layout.text_of(before)
    except UnicodeDecodeError as error:
        line = before.count(b"\n", 0, error.start) + 1
        raise EditError(f"{path}:{line}: the file is not UTF-8 text (byte 0x{before[error.start]:02x}); "
                        "save it as UTF-8 in your editor, then save this again") from None
    yaml = _round_trip_yaml(text)
    try:
        document = yaml.load(text) if text.strip() else None
    except YAMLError as error:
        raise EditError(f"{path}: the file is not valid YAML ({error.__class__.__name__}); fix it first (sourcecrit check)") from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, CommentedMap):
        raise EditError(f"{path}: a ledger file is a mapping ('claims:', 'resolutions:', ...); fix it first (sourcecrit check)")
    return FileEdit(path, key, before, yaml, document, existed=read_as is not None, layout=layout)




def _records_before_and_after(path: Path, before: bytes, after: bytes) -> tuple[WrittenRecords, WrittenRecords]:
    """The file's records as the ledger reads them, before and after; EditError if the change would make it unreadable."""
    display = str(path)
    old, old_problems = records_of_bytes(before, display) if before else ([], [])
    new, new_problems = records_of_bytes(after, display)
    if new_problems and not old_problems:
        raise EditError(f"{path}: the change would make the file unreadable ({new_problems[0].message}); nothing was written")
    return [(r.kind, r.data) for r in old], [(r.kind, r.data) for r in new]


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
            mapping = len(line) - len(line.lstrip(" ")) - base
        if mapping is not None and offset is not None:
            break
    offset = 2 if offset is None or offset < 0 else offset
    sequence = max(sequence or offset + 2, offset + 2)
    mapping = 2 if not mapping or mapping < 1 else mapping
    return mapping, sequence, offset


# values as YAML writes them ------------------------------------------------------------------
def new_record(fields: dict[str, Any]) -> CommentedMap:
    """A record of ``fields`` in their order, each value written so that it reads back as given."""
    return CommentedMap((str(key), yaml_node(value)) for key, value in fields.items())


def yaml_node(value: Any) -> Any:
    """``value`` (text, a list or a mapping of them) as the round-trip writer should write it:
    a list of one-line texts on one line (``[a, b]``), other lists and mappings as blocks."""
    if isinstance(value, dict):
        return CommentedMap((str(k), yaml_node(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(yaml_node(v) for v in value)
        if all(isinstance(v, str) and "\n" not in v for v in value):
            seq.fa.set_flow_style()
        return seq
    return scalar(as_text(value))


def as_text(value: Any) -> str:
    """A scalar as the ledger reads it: every scalar is text (``true``, ``1920``, ``1920-04-23``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def scalar(text: str) -> Any:
    """A string as YAML should write it so that the ledger reads it back as the same text."""
    if "\n" in text:
        return LiteralScalarString(text)
    if text != text.strip() or text.lower() in _WORDS_YAML_READS:
        return DoubleQuotedScalarString(text)
    return text


def plain(node: Any) -> Any:
    """A round-trip node as plain text, lists and dicts, as the ledger reads it."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return None if node is None else str(node)


# keeping comments in place ----------------------------------------------------------------
# ruamel.yaml keeps the comments and blank lines that follow a value with the value: the
# last field of a record carries whatever stands between it and the next record. When a
# field is added after it or removed, that tail is moved so it stays where the reader saw it.
def delete_field(item: CommentedMap, key: str) -> None:
    """Take ``key`` out of a record, keeping the comments and blank lines after the record."""
    keys = list(item)
    tail = _detach_tail(item) if keys[-1] == key else ""
    del item[key]
    item.ca.items.pop(key, None)
    if tail and len(item):
        _attach_tail(item, tail)


def append_record(items: CommentedSeq, record: CommentedMap) -> None:
    """Add a record at the end of a list, after the same blank lines that part the records before."""
    tail = _detach_tail(items) if len(items) else ""
    separator = _separator(items)
    if separator:
        _attach_tail(items, separator)
    items.append(record)
    if tail:
        _attach_tail(items, tail)


def insert_field(item: CommentedMap, position: int, key: str, value: Any) -> None:
    """Insert ``key`` at ``position`` of a record; at its end, the comments and blank lines that
    followed the record's last line still follow it (they belong to what comes next)."""
    tail = _detach_tail(item) if position >= len(item) and len(item) else ""
    item.insert(position, key, value)
    if tail:
        _attach_tail(item, tail)


def _separator(items: CommentedSeq) -> str:
    """The blank lines between the last two records, when that is all that stands between them."""
    if len(items) < 2:
        return ""
    slot = _tail_slot(items[-2])
    if slot is None:
        return ""
    holder, key, index = slot
    token = holder.ca.items.get(key, [None] * 4)[index]
    if token is None:
        return ""
    rest = _split_tail(holder[key], token.value)[1]
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
    if token is None:
        return ""
    own, tail = _split_tail(holder[key], token.value)
    if not tail:
        return ""
    if own.strip():
        token.value = own  # a comment on the line itself stays there
    else:
        entry[index] = None
    return tail


def _split_tail(value: Any, comment: str) -> tuple[str, str]:
    """The comment ruamel.yaml keeps after ``value``, split into what stands on the value's own
    line (with its line break) and the lines after it."""
    if _is_block_scalar(value):  # it ends with its own line break: all that follows is tail
        return "", comment
    if "\n" not in comment:
        return comment, ""
    own, tail = comment.split("\n", 1)
    return own + "\n", tail


def _attach_tail(node: Any, tail: str) -> None:
    """Put ``tail`` after ``node``'s last line (``node`` holds something), after any comment that line already has."""
    slot = _tail_slot(node)
    assert slot is not None, "a tail is attached only to a record or list that holds something"
    holder, key, index = slot
    entry = holder.ca.items.setdefault(key, [None] * (4 if isinstance(holder, CommentedMap) else 2))
    token = entry[index]
    if token is None:
        start = "" if _is_block_scalar(holder[key]) else "\n"  # a block scalar ends its line itself
        entry[index] = CommentToken(start + tail, CommentMark(0), None)
    else:
        token.value = token.value + tail
