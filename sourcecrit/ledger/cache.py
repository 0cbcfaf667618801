"""The load caches, kept outside the ledger: each file's parsed records, and the validated ledger.

Stored under ``$SOURCECRIT_CACHE_DIR`` or ``$XDG_CACHE_HOME/sourcecrit`` (default
``~/.cache/sourcecrit``): per ledger, one msgpack file of parsed records and one snapshot
of the validated ledger (below). An entry is used only when the file's size and CRC-32
still match, so an edited file is always read again. A missing, stale or corrupt cache is
ignored and rebuilt; deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable

import msgpack

from sourcecrit.models import Origin
from sourcecrit.problems import Problem

CACHE_VERSION = 2


def cache_dir() -> Path:
    """Where load caches live."""
    explicit = os.environ.get("SOURCECRIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sourcecrit"


def cache_file(root: Path, kind: str) -> Path:
    """Where the cache ``kind`` (``msgpack``, ``findings.pickle``…) of the ledger at ``root`` lives."""
    key = hashlib.sha1(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"ledger-{key}.{kind}"


def store(location: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a cache file whole or not at all: ``write`` fills a temporary file, which is then
    renamed over ``location``. Any failure (disk, an unpicklable value) only costs speed."""
    temporary = location.with_suffix(f".tmp{os.getpid()}")
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            write(handle)
        os.replace(temporary, location)
    except Exception:  # noqa: BLE001 - a cache is an optimisation; the ledger itself is untouched
        with contextlib.suppress(OSError):
            temporary.unlink()


class LoadCache:
    """Parsed records per file, valid while the file's bytes are unchanged."""

    def __init__(self, location: Path):
        self.location = location
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, Any] = {}
        self.hits = 0

    @classmethod
    def for_ledger(cls, root: Path) -> "LoadCache":
        return cls(cache_file(root, "msgpack"))

    def _read(self) -> dict[str, Any]:
        try:
            with open(self.location, "rb") as handle:
                content = msgpack.unpackb(handle.read(), raw=False, strict_map_key=False)
        except (OSError, ValueError, msgpack.UnpackException):
            return {}
        if not isinstance(content, dict) or content.get("version") != _parse_version():
            return {}
        files = content.get("files")
        return files if isinstance(files, dict) else {}

    def get(self, path: str, fingerprint: tuple[int, int], display: str):
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

    def put(self, path: str, fingerprint: tuple[int, int], packed: bytes) -> None:
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


def plain_found(found) -> dict[str, list]:
    """One file's (records, problems) as plain lists, without the file's name (msgpack-ready)."""
    records, problems = found
    return {
        "records": [[r.kind, r.data, r.origin.line, r.origin.field_lines] for r in records],
        "problems": [[p.line, p.message, p.severity] for p in problems],
    }


def packed_found(found) -> bytes:
    """One file's (records, problems) packed: small, quick to send and keep (see found_of_packed)."""
    return msgpack.packb(plain_found(found))


def found_of_packed(packed: bytes, display: str):
    """One file's (records, problems) from ``packed_found``, naming the file ``display``."""
    return found_of(msgpack.unpackb(packed), display)


def found_of(entry: dict, display: str):
    """One file's (records, problems) from its plain lists, naming the file ``display``."""
    from sourcecrit.ledger.records import RawRecord

    records = [RawRecord(kind, data, Origin(display, line, lines)) for kind, data, line, lines in entry["records"]]
    problems = [Problem(display, line, message, severity) for line, message, severity in entry["problems"]]
    return records, problems


# ---------------------------------------------------------------- the validated ledger
#
# Parsing is only part of a load: building the models (pydantic) and the cross-checks
# (value parsing, references) cost more. The snapshot keeps the validated result file by
# file: each file's models, its claims' values, the problems found in it and what its
# written values read as, each pickled on its own; and, shared, the accepted values and
# the gazetteer. It carries a key made of every file's path and fingerprint, the path as
# given (problems name files by it) and a stamp of sourcecrit's own code and versions.
#
# When the key matches, a warm start puts the ledger together from the snapshot at once;
# the only input that is not a ledger file, whether each source's `text` file exists, is
# checked again. When only the stamp matches (files were edited, added or removed), the
# unchanged files keep their models and their values are not read again, and writing the
# snapshot back copies every file's part that came out the same instead of pickling it.
# A new sourcecrit misses both; each unchanged file's parse still comes from the
# per-file cache above.

SNAPSHOT_VERSION = 4
_PICKLE_PROTOCOL = 5
_HEADER = 40 + 40 + 16  # the key, the stamp, the length of the index (hex)


@dataclass
class FileState:
    """What the snapshot keeps of one ledger file."""

    built: Any  # records.BuiltFile: the models and the problems met reading and building them
    values: dict[str, Any]  # the values of its claims, by claim id
    problems: list[Problem]  # every problem found in it, in the ledger's order


# Beside each file's state, pickled apart because only a load after an edit reads it: what
# its written values read as, (convention, type, written form) -> the id of a claim of the
# file whose value it is, or the reading itself (a resolution's, or a value that could not
# be read).
Forms = dict[tuple, Any]


@dataclass
class Snapshot:
    """A snapshot as read: its key, each file's state, and the rest still pickled."""

    key: str
    reading_key: str
    files: dict[str, FileState]
    blobs: dict[str, tuple[bytes, bytes]]  # each file's state and forms as pickled, to write again when unchanged
    shared_blob: bytes

    def forms(self) -> Forms:
        """What every written form read as, over all files; {} if unreadable."""
        import pickle

        found: Forms = {}
        try:
            for path, (_, forms_blob) in self.blobs.items():
                values = self.files[path].values
                for form, answer in pickle.loads(forms_blob).items():
                    found[form] = values[answer] if isinstance(answer, str) else answer
        except Exception:  # noqa: BLE001 - a corrupt snapshot only costs reading the values again
            return {}
        return found

    def shared(self, entities: dict[str, Any]) -> dict[str, Any] | None:
        """The accepted values, gazetteer and text checks; None if unreadable. Entities are the
        ledger's own (``entities``): the gazetteer refers to them rather than holding copies."""
        import pickle

        unpickler = pickle.Unpickler(io.BytesIO(self.shared_blob))
        unpickler.persistent_load = lambda entity_id: entities[entity_id]  # type: ignore[method-assign]
        try:
            shared = unpickler.load()
        except Exception:  # noqa: BLE001 - a corrupt snapshot is only a miss
            return None
        return shared if isinstance(shared, dict) else None


@functools.cache
def code_stamp() -> str:
    """A digest of sourcecrit's code and the versions it runs on: new code, new snapshot.

    The interface (``tui/``) is left out: the core never imports it, so its code cannot
    change a load or a finding."""
    import sys

    import pydantic

    package = Path(__file__).resolve().parent.parent
    versions = f"{sys.version}|{pydantic.VERSION}|{msgpack.version}"
    return hashlib.sha1(f"{versions}|{files_stamp(package, leave_out='tui')}".encode()).hexdigest()


def files_stamp(folder: Path, leave_out: str | None = None) -> str:
    """A digest of the Python files under ``folder`` (path, size, modification time), but those
    in its subfolder ``leave_out``: edited code, another digest."""
    digest = hashlib.sha1()
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder)
        if relative.parts[0] == leave_out:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{relative}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def snapshot_key(root: Path, fingerprints: dict[str, tuple[int, int]]) -> str:
    """The digest that a snapshot of the ledger at ``root`` must carry to be used."""
    digest = hashlib.sha1(f"{SNAPSHOT_VERSION}|{code_stamp()}|{root}\n".encode())
    for path, (size, crc) in fingerprints.items():
        digest.update(f"{path}|{size}|{crc}\n".encode())
    return digest.hexdigest()


def _reuse_stamp(root: Path) -> str:
    """What any snapshot usable for this ledger carries: same code, same path as given."""
    return hashlib.sha1(f"{SNAPSHOT_VERSION}|{code_stamp()}|{root}".encode()).hexdigest()


def snapshot_location(root: Path) -> Path:
    return cache_file(root, "validated.pickle")


def read_snapshot(root: Path) -> Snapshot | None:
    """The last snapshot of this ledger if this code wrote it, whatever its key; None if missing or corrupt."""
    import pickle

    try:
        data = memoryview(snapshot_location(root).read_bytes())  # slices of it are not copies
        header = bytes(data[:_HEADER]).decode("ascii")
        if header[40:80] != _reuse_stamp(root):
            return None
        start = _HEADER + int(header[80:], 16)
        index = pickle.loads(data[_HEADER:start])
        blobs = {path: (data[start + a:start + b], data[start + b:start + c]) for path, a, b, c in index["files"]}
        files = {path: pickle.loads(state) for path, (state, _) in blobs.items()}
        a, b = index["shared"]
        return Snapshot(header[:40], index["reading_key"], files, blobs, data[start + a:start + b])
    except Exception:  # noqa: BLE001 - any unreadable snapshot is only a miss
        return None


def write_snapshot(root: Path, key: str, reading_key: str, files: dict[str, FileState], forms_of: Callable[[str], Forms],
                   shared: dict[str, Any], earlier: Snapshot | None) -> None:
    """Save the snapshot; a file's part that came out as in ``earlier`` is copied, not pickled again.

    ``forms_of(path)`` gives a file's forms, asked only for the files pickled anew. A failure
    (disk, an unpicklable value) only costs speed.
    """
    import pickle

    def write(handle) -> None:  # pickling inside: an unpicklable value is a failure store() absorbs
        blobs, rows, offset = [], [], 0
        for path, state in files.items():
            pair = _unchanged_blobs(earlier, path, state, reading_key) or (
                pickle.dumps(state, protocol=_PICKLE_PROTOCOL), pickle.dumps(forms_of(path), protocol=_PICKLE_PROTOCOL))
            blobs.extend(pair)
            rows.append((path, offset, offset + len(pair[0]), offset + len(pair[0]) + len(pair[1])))
            offset = rows[-1][3]
        blobs.append(_pickled_shared(shared))
        index = pickle.dumps({"reading_key": reading_key, "files": rows, "shared": (offset, offset + len(blobs[-1]))},
                             protocol=_PICKLE_PROTOCOL)
        handle.write(f"{key}{_reuse_stamp(root)}{len(index):016x}".encode("ascii"))
        handle.write(index)
        handle.writelines(blobs)

    store(snapshot_location(root), write)


def _unchanged_blobs(earlier: Snapshot | None, path: str, state: FileState, reading_key: str) -> tuple[bytes, bytes] | None:
    """The file's part as pickled before, if it holds the same (the same build, values read the same way)."""
    if earlier is None or earlier.reading_key != reading_key:
        return None
    before = earlier.files.get(path)
    if before is None or before.built is not state.built:
        return None
    if before.values != state.values or before.problems != state.problems:
        return None
    return earlier.blobs[path]


def _pickled_shared(shared: dict[str, Any]) -> bytes:
    """The shared part, with the gazetteer's entities written as ids (they are the ledger's own)."""
    import pickle

    from sourcecrit.models import Entity

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj: Any) -> str | None:
            return obj.id if type(obj) is Entity else None

    output = io.BytesIO()
    Pickler(output, protocol=_PICKLE_PROTOCOL).dump(shared)
    return output.getvalue()


def texts_unchanged(root: Path, texts: Any) -> bool:
    """Whether each source text the snapshot saw (or missed) is still there (or still missing)."""
    if not isinstance(texts, dict):
        return False
    return all((root / text).is_file() == held for text, held in texts.items())
