"""The validated-ledger snapshot: a whole load kept file by file, so a warm start is quick.

Parsing is only part of a load: building the models (pydantic) and the cross-checks
(value parsing, references) cost more. The snapshot keeps the validated result file by
file: each file's models, its claims' values, the problems found in it and what its
written values read as, each pickled on its own; and, shared, the accepted values and
the gazetteer. It carries a key made of every file's path and fingerprint, the path as
given (problems name files by it) and a stamp of sourcecrit's own code and versions.

When the key matches, a warm start puts the ledger together from the snapshot at once;
the only input that is not a ledger file, whether each source's `text` file exists, is
checked again. When only the stamp matches (files were edited, added or removed), the
unchanged files keep their models and their values are not read again, and writing the
snapshot back copies every file's part that came out the same instead of pickling it.
A new sourcecrit misses both; each unchanged file's parse still comes from the parse
cache (speed.parse_cache).
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from sourcecrit.ledger.texts import held_text
from sourcecrit.models import Entity
from sourcecrit.problems import Problem
from sourcecrit.speed import sealed
from sourcecrit.speed.cache_files import cache_file, code_stamp, store, use_sealed

SNAPSHOT_VERSION = 4
_PICKLE_PROTOCOL = 5
Blob = bytes | memoryview  # pickled; a slice of the snapshot file as read
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
    blobs: dict[str, tuple[Blob, Blob]]  # each file's state and forms as pickled, to write again when unchanged
    shared_blob: Blob

    def forms(self) -> Forms:
        """What every written form read as, over all files; {} if unreadable."""
        found: Forms = {}
        try:
            for path, (_, forms_blob) in self.blobs.items():
                values = self.files[path].values
                for form, answer in sealed.loads(forms_blob).items():
                    found[form] = values[answer] if isinstance(answer, str) else answer
        except Exception:  # noqa: BLE001 - a corrupt snapshot only costs reading the values again
            return {}
        return found

    def shared(self, entities: dict[str, Any]) -> dict[str, Any] | None:
        """The accepted values, gazetteer and text checks; None if unreadable. Entities are the
        ledger's own (``entities``): the gazetteer refers to them rather than holding copies."""
        try:
            shared = sealed.loads(self.shared_blob, persistent_load=lambda entity_id: entities[entity_id])
        except Exception:  # noqa: BLE001 - a corrupt snapshot is only a miss
            return None
        return shared if isinstance(shared, dict) else None


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
    def snapshot_of(data: memoryview) -> Snapshot | None:  # slices of data are not copies
        header = bytes(data[:_HEADER]).decode("ascii")
        if header[40:80] != _reuse_stamp(root):
            return None
        start = _HEADER + int(header[80:], 16)
        index = sealed.loads(data[_HEADER:start])
        blobs: dict[str, tuple[Blob, Blob]] = {
            path: (data[start + a:start + b], data[start + b:start + c]) for path, a, b, c in index["files"]}
        files = {path: sealed.loads(state) for path, (state, _) in blobs.items()}
        a, b = index["shared"]
        return Snapshot(header[:40], index["reading_key"], files, blobs, data[start + a:start + b])

    return use_sealed(snapshot_location(root), snapshot_of)  # any unreadable snapshot is only a miss


def write_snapshot(root: Path, key: str, reading_key: str, files: dict[str, FileState], forms_of: Callable[[str], Forms],
                   shared: dict[str, Any], earlier: Snapshot | None) -> None:
    """Save the snapshot; a file's part that came out as in ``earlier`` is copied, not pickled again.

    ``forms_of(path)`` gives a file's forms, asked only for the files pickled anew. A failure
    (disk, an unpicklable value) only costs speed.
    """
    def write(handle) -> None:  # pickling inside: an unpicklable value is a failure store() absorbs
        blobs: list[Blob] = []
        rows, offset = [], 0
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


def _unchanged_blobs(earlier: Snapshot | None, path: str, state: FileState, reading_key: str) -> tuple[Blob, Blob] | None:
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
    return all((held_text(root, text) is not None) == held for text, held in texts.items())
