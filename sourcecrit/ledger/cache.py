"""The load cache: the parsed records of each ledger file, kept outside the ledger.

Stored under ``$SOURCECRIT_CACHE_DIR`` or ``$XDG_CACHE_HOME/sourcecrit`` (default
``~/.cache/sourcecrit``), one msgpack file per ledger. An entry is used only when the
file's size and CRC-32 still match, so an edited file is always read again. A missing,
stale or corrupt cache is ignored and rebuilt; deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from pathlib import Path
from typing import Any

import msgpack

from sourcecrit.models import Origin
from sourcecrit.problems import Problem

CACHE_VERSION = 1


def cache_dir() -> Path:
    """Where load caches live."""
    explicit = os.environ.get("SOURCECRIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sourcecrit"


class LoadCache:
    """Parsed records per file, valid while the file's bytes are unchanged."""

    def __init__(self, location: Path):
        self.location = location
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, Any] = {}
        self.hits = 0

    @classmethod
    def for_ledger(cls, root: Path) -> "LoadCache":
        key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir() / f"ledger-{key}.msgpack")

    def _read(self) -> dict[str, Any]:
        try:
            with open(self.location, "rb") as handle:
                content = msgpack.unpackb(handle.read(), raw=False, strict_map_key=False)
        except (OSError, ValueError, msgpack.UnpackException):
            return {}
        if not isinstance(content, dict) or content.get("version") != CACHE_VERSION:
            return {}
        files = content.get("files")
        return files if isinstance(files, dict) else {}

    def get(self, path: str, fingerprint: tuple[int, int], display: str):
        """The cached (records, problems) of ``path``, or None when not usable."""
        entry = self._old.get(path)
        if not isinstance(entry, dict) or entry.get("fingerprint") != list(fingerprint):
            return None
        try:
            found = _unpack(entry, display)
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        self._new[path] = entry
        self.hits += 1
        return found

    def put(self, path: str, fingerprint: tuple[int, int], found) -> None:
        records, problems = found
        self._new[path] = {
            "fingerprint": list(fingerprint),
            "records": [[r.kind, r.data, r.origin.line, r.origin.field_lines] for r in records],
            "problems": [[p.line, p.message, p.severity] for p in problems],
        }

    def save(self) -> None:
        """Write the cache atomically; a failure to write only costs speed next time."""
        if self._new == self._old:
            return
        try:
            self.location.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.location.with_suffix(f".tmp{os.getpid()}")
            temporary.write_bytes(msgpack.packb({"version": CACHE_VERSION, "files": self._new}))
            os.replace(temporary, self.location)
        except OSError:
            pass  # the cache is an optimisation; the ledger itself is untouched


def _unpack(entry: dict, display: str):
    from sourcecrit.ledger.records import RawRecord

    records = [RawRecord(kind, data, Origin(display, line, lines)) for kind, data, line, lines in entry["records"]]
    problems = [Problem(display, line, message, severity) for line, message, severity in entry["problems"]]
    return records, problems


# ---------------------------------------------------------------- the validated ledger
#
# Parsing is only part of a load: building the models (pydantic) and the cross-checks
# (value parsing, references) cost more. The snapshot keeps the whole validated result,
# models, values and problems, keyed by every file's path and fingerprint, the path as
# given (problems name files by it), and a stamp of sourcecrit's own code and versions: any
# edited, added or removed file, or a new sourcecrit, misses it, and the load runs in full
# (each unchanged file's parse still comes from the per-file cache above). The only input
# that is not a ledger file, whether each source's `text` file exists, is checked again.

SNAPSHOT_VERSION = 1
_PICKLE_PROTOCOL = 5


@functools.cache
def code_stamp() -> str:
    """A digest of sourcecrit's code and the versions it runs on: new code, new snapshot."""
    import sys

    import pydantic

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1(f"{sys.version}|{pydantic.VERSION}|{msgpack.version}".encode())
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def snapshot_key(root: Path, fingerprints: dict[str, tuple[int, int]]) -> str:
    """The digest that a snapshot of the ledger at ``root`` must carry to be used."""
    digest = hashlib.sha1(f"{SNAPSHOT_VERSION}|{code_stamp()}|{root}\n".encode())
    for path, (size, crc) in fingerprints.items():
        digest.update(f"{path}|{size}|{crc}\n".encode())
    return digest.hexdigest()


def snapshot_location(root: Path) -> Path:
    key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"ledger-{key}.validated.pickle"


def read_snapshot(root: Path, key: str) -> dict[str, Any] | None:
    """The validated ledger state saved under ``key``, or None (missing, stale or corrupt)."""
    import pickle

    try:
        with open(snapshot_location(root), "rb") as handle:
            if handle.read(40).decode("ascii", "replace") != key:
                return None
            payload = handle.read()
        state = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any unreadable snapshot is only a miss
        return None
    if not isinstance(state, dict) or not _texts_unchanged(root, state.get("_texts")):
        return None
    state.pop("_texts", None)
    return state


def write_snapshot(root: Path, key: str, state: dict[str, Any], texts: dict[str, bool]) -> None:
    """Save the validated state; a failure (disk, an unpicklable value) only costs speed."""
    import pickle

    location = snapshot_location(root)
    try:
        payload = pickle.dumps({**state, "_texts": texts}, protocol=_PICKLE_PROTOCOL)
        location.parent.mkdir(parents=True, exist_ok=True)
        temporary = location.with_suffix(f".tmp{os.getpid()}")
        with open(temporary, "wb") as handle:
            handle.write(key.encode("ascii"))
            handle.write(payload)
        os.replace(temporary, location)
    except Exception:  # noqa: BLE001 - the snapshot is an optimisation
        with contextlib.suppress(OSError):
            temporary.unlink()  # type: ignore[possibly-undefined]


def _texts_unchanged(root: Path, texts: Any) -> bool:
    if not isinstance(texts, dict):
        return False
    return all((root / text).is_file() == held for text, held in texts.items())
