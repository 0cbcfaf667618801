"""The parse cache: each ledger file's raw records, kept while the file's bytes are unchanged.

One msgpack file per ledger. An entry is used only when the file's size and CRC-32 still
match and it was written by this very sourcecrit (a new parser must not be handed the old
one's records). The same packing carries the records a helper process parsed back to this
one (see speed.parallel_parse).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgpack

from sourcecrit.ledger.records import Fingerprint, RawRecord
from sourcecrit.models import Origin
from sourcecrit.problems import Problem
from sourcecrit.speed.cache_files import cache_file, code_stamp, store, use_sealed

CACHE_VERSION = 2
Found = tuple[list[RawRecord], list[Problem]]  # one file's raw records and the problems met reading it


class ParseCache:
    """Parsed records per file, valid while the file's bytes are unchanged."""

    def __init__(self, location: Path):
        self.location = location
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, Any] = {}
        self.hits = 0

    @classmethod
    def for_ledger(cls, root: Path) -> "ParseCache":
        return cls(cache_file(root, "msgpack"))

    def _read(self) -> dict[str, Any]:
        content = use_sealed(self.location, lambda data: msgpack.unpackb(data, raw=False, strict_map_key=False))
        if not isinstance(content, dict) or content.get("version") != _parse_version():
            return {}
        files = content.get("files")
        return files if isinstance(files, dict) else {}

    def get(self, path: str, fingerprint: Fingerprint, display: str) -> Found | None:
        """The cached (records, problems) of ``path``, or None when not usable."""
        entry = self._old.get(path)
        if not isinstance(entry, dict) or entry.get("fingerprint") != list(fingerprint):
            return None
        try:
            found = found_of_packed(entry["packed"], display)
        except (KeyError, TypeError, ValueError, IndexError, msgpack.UnpackException):
            return None
        self._new[path] = entry
        self.hits += 1
        return found

    def put(self, path: str, fingerprint: Fingerprint, packed: bytes) -> None:
        """Keep a file's records as packed by ``packed_found``."""
        self._new[path] = {"fingerprint": list(fingerprint), "packed": packed}

    def save(self) -> None:
        """Write the cache (see store)."""
        if self._new != self._old:
            content = {"version": _parse_version(), "files": self._new}
            store(self.location, lambda handle: handle.write(msgpack.packb(content)))


def _parse_version() -> str:
    """What parsed records depend on besides the file: this cache's layout and sourcecrit's
    code (a new parser must not be handed the old one's records)."""
    return f"{CACHE_VERSION}|{code_stamp()}"


def plain_found(found: Found) -> dict[str, list]:
    """One file's (records, problems) as plain lists, without the file's name (msgpack-ready)."""
    records, problems = found
    return {
        "records": [[r.kind, r.data, r.origin.line, r.origin.field_lines] for r in records],
        "problems": [[p.line, p.message, p.severity] for p in problems],
    }


def packed_found(found: Found) -> bytes:
    """One file's (records, problems) packed: small, quick to send and keep (see found_of_packed)."""
    return msgpack.packb(plain_found(found))


def found_of_packed(packed: bytes, display: str) -> Found:
    """One file's (records, problems) from ``packed_found``, naming the file ``display``."""
    return found_of(msgpack.unpackb(packed), display)


def found_of(entry: dict, display: str) -> Found:
    """One file's (records, problems) from its plain lists, naming the file ``display``."""
    records = [RawRecord(kind, data, Origin(display, line, lines)) for kind, data, line, lines in entry["records"]]
    problems = [Problem(display, line, message, severity) for line, message, severity in entry["problems"]]
    return records, problems
