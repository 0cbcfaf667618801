"""Loading a ledger: files to records, records to models, then every cross-check.

Problems are collected, never raised: a broken ledger still loads, with the valid rest
usable and each problem naming its file and line.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterator

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.ledger.records import RawRecord, build_records, read_raw_records
from sourcecrit.ledger.validate import validate_ledger
from sourcecrit.models import Claim, Entity, Property, Resolution, Source, Subject, Unit
from sourcecrit.problems import Problem

LEDGER_FOLDERS = ("sources", "claims", "declarations", "gazetteer", "resolutions")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Ledger:
    """A loaded ledger: its records by id, each claim's read value, and its problems."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    resolutions: list[Resolution] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    accepted: dict[tuple, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    fingerprints: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> size, CRC-32 as read
    gazetteer: Gazetteer = field(default_factory=lambda: Gazetteer(()))
    cached: bool = False  # loaded through the cache: the comparison may then keep its memo on disk too

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def value_type_name(self, claim: Claim) -> str | None:
        prop = self.properties.get(claim.property)
        return prop.type if prop else None

    def unit_label(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.label if unit else unit_id

    def source_label(self, source_id: str) -> str:
        from sourcecrit.citation import short_citation

        source = self.sources.get(source_id)
        return short_citation(source) if source else source_id

    def claims_of_source(self, source_id: str) -> list[Claim]:
        return [c for c in self.claims.values() if c.source == source_id]


def is_ledger(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a ledger folder (it holds sources/ and claims/)."""
    root = Path(path)
    return (root / "sources").is_dir() and (root / "claims").is_dir()


def ledger_files(root: Path) -> list[Path]:
    """Every YAML file of the ledger, in a stable order."""
    found: list[Path] = []
    for folder in LEDGER_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith(YAML_SUFFIXES))
    return found


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: bulk loading makes millions of objects, no cycles.

    Afterwards the objects alive are frozen (moved out of the collector's generations), so
    that the first collection after the load does not scan them all: that alone took half a
    second for 10^5 claims. Refcounting still frees them when the ledger is dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def load_ledger(path: str | os.PathLike, *, use_cache: bool = True) -> Ledger:
    """Read, build and validate the ledger at ``path``."""
    root = Path(path)
    ledger = Ledger(root, cached=use_cache)
    if not root.is_dir():
        ledger.problems.append(Problem(str(root), 0, "no such folder; give the path of a ledger folder"))
        return ledger
    if not is_ledger(root):
        ledger.problems.append(
            Problem(str(root), 0, "not a ledger: it has no sources/ and claims/ folders")
        )
    with _collector_paused():
        files = ledger_files(root)
        ledger.files = [display_name(root, f) for f in files]
        contents = _read_all(files) if use_cache else None
        key = _snapshot_key(root, contents) if contents is not None else None
        if key is not None and _restore(ledger, key):
            return ledger
        raw = read_raw_records(root, files, ledger.problems, ledger.fingerprints, use_cache=use_cache, contents=contents)
        build_records(ledger, raw)
        validate_ledger(ledger)
        ledger.problems.sort(key=lambda p: (p.file, p.line, p.message))
        if key is not None:
            _save(ledger, key)
    return ledger


# The validated-ledger snapshot (see sourcecrit.ledger.cache): a warm start with nothing
# changed restores every field of the Ledger below at once instead of building it again.
_RESTORED = ("root", "files", "cached")  # fields the load sets itself, not taken from the snapshot


def _read_all(files: list[Path]) -> dict[Path, bytes | None]:
    contents: dict[Path, bytes | None] = {}
    for path in files:
        try:
            contents[path] = path.read_bytes()
        except OSError:
            contents[path] = None  # read again, and reported, by read_raw_records
    return contents


def _snapshot_key(root: Path, contents: dict[Path, bytes | None]) -> str | None:
    from sourcecrit.ledger.cache import snapshot_key
    from sourcecrit.ledger.records import fingerprint_of

    if any(data is None for data in contents.values()):
        return None  # an unreadable file: load in full, so that its problem is reported
    return snapshot_key(root, {str(path): fingerprint_of(data) for path, data in contents.items()})


def _restore(ledger: Ledger, key: str) -> bool:
    from sourcecrit.ledger.cache import read_snapshot

    state = read_snapshot(ledger.root, key)
    names = {f.name for f in fields(Ledger)} - set(_RESTORED)
    if state is None or set(state) != names:
        return False
    for name, value in state.items():
        setattr(ledger, name, value)
    return True


def _save(ledger: Ledger, key: str) -> None:
    from sourcecrit.ledger.cache import write_snapshot

    state = {f.name: getattr(ledger, f.name) for f in fields(Ledger) if f.name not in _RESTORED}
    texts = {s.text: (ledger.root / s.text).is_file() for s in ledger.sources.values() if s.text}
    write_snapshot(ledger.root, key, state, texts)


def display_name(root: Path, path: Path) -> str:
    """How problems name a file: the ledger path as the user gave it, then the file."""
    return os.path.join(str(root), os.path.relpath(path, root)) if str(root) != "." else os.path.relpath(path, root)
