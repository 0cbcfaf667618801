"""Loading a ledger: files to records, records to models, then every cross-check.

Problems are collected, never raised: a broken ledger still loads, with the valid rest
usable and each problem naming its file and line.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.ledger.later import settle, write_later
from sourcecrit.ledger.records import add_records, build_files
from sourcecrit.ledger.validate import ReadAhead, validate_ledger
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
    settle(f"load caches of {root.resolve()}")  # still being written by this process
    with _collector_paused():
        files = ledger_files(root)
        ledger.files = [display_name(root, f) for f in files]
        contents = _read_all(files) if use_cache else None
        key = _snapshot_key(root, contents, ledger.fingerprints) if contents is not None else None
        snapshot = _read_snapshot(root) if key is not None else None
        if snapshot is not None and snapshot.key == key:
            restored = _restored(ledger, snapshot)
            if restored is not None:
                return restored
        earlier = {path: state.built for path, state in snapshot.files.items()} if snapshot else None
        writes: list = []
        ahead = ReadAhead() if snapshot is None else None
        built = build_files(root, files, ledger.problems, ledger.fingerprints, use_cache=use_cache,
                            contents=contents, earlier=earlier, writes=writes, ahead=ahead)
        add_records(ledger, built)
        remembered = _remembered(ledger, snapshot, built) if snapshot else ahead.remembered()
        readings = validate_ledger(ledger, remembered)
        ledger.problems.sort(key=_problem_order)
        if key is not None:
            writes.append(lambda: _save(ledger, key, built, readings, snapshot))
    write_later(f"load caches of {root.resolve()}", writes)
    return ledger


def _problem_order(problem: Problem) -> tuple:
    return problem.file, problem.line, problem.message


# The validated-ledger snapshot (see sourcecrit.ledger.cache): a warm start with nothing
# changed puts the Ledger together from it; after an edit, the unchanged files' parts of
# it spare building their models and reading their values again.


def _read_all(files: list[Path]) -> dict[Path, bytes | None]:
    contents: dict[Path, bytes | None] = {}
    for path in files:
        try:
            contents[path] = path.read_bytes()
        except OSError:
            contents[path] = None  # read again, and reported, by build_files
    return contents


def _snapshot_key(root: Path, contents: dict[Path, bytes | None], fingerprints: dict[str, tuple[int, int]]) -> str | None:
    """The key of the snapshot this ledger state needs; notes each file's fingerprint (the
    build uses them rather than working them out again)."""
    from sourcecrit.ledger.cache import snapshot_key
    from sourcecrit.ledger.records import fingerprint_of

    if any(data is None for data in contents.values()):
        return None  # an unreadable file: load in full, so that its problem is reported
    fingerprints.update((str(path), fingerprint_of(data)) for path, data in contents.items())
    return snapshot_key(root, fingerprints)


def _read_snapshot(root: Path):
    from sourcecrit.ledger.cache import read_snapshot

    return read_snapshot(root)


def _restored(ledger: Ledger, snapshot) -> Ledger | None:
    """The ledger as the snapshot saw it, or None if its source texts have come or gone, or it is corrupt."""
    from sourcecrit.ledger.cache import texts_unchanged

    restored = Ledger(ledger.root, files=ledger.files, cached=ledger.cached)
    add_records(restored, {path: state.built for path, state in snapshot.files.items()}, report=False)
    shared = snapshot.shared(restored.entities)
    if shared is None or not texts_unchanged(ledger.root, shared.get("texts")):
        return None
    for path, state in snapshot.files.items():
        restored.fingerprints[path] = state.built.fingerprint
        restored.values.update(state.values)
        restored.problems.extend(state.problems)
    restored.problems.extend(shared["problems"])
    restored.problems.sort(key=_problem_order)  # each file's are in order already; this merges them
    restored.accepted, restored.gazetteer = shared["accepted"], shared["gazetteer"]
    return restored


def _remembered(ledger: Ledger, snapshot, built: dict) -> dict | None:
    """What the last validation found that this one may reuse (see validate_ledger)."""
    if snapshot is None:
        return None
    remembered = {"key": snapshot.reading_key, "forms": snapshot.forms()}
    if _entity_files_unchanged(snapshot, built):
        shared = snapshot.shared(ledger.entities)
        remembered["gazetteer"] = shared.get("gazetteer") if shared else None
    return remembered


def _entity_files_unchanged(snapshot, built: dict) -> bool:
    """Whether every file that declares entities, then or now, is the very same build."""
    def declares_entities(part) -> bool:
        return any(type(model) is Entity for model in part.models)

    then = {path for path, state in snapshot.files.items() if declares_entities(state.built)}
    now = {path for path, part in built.items() if declares_entities(part)}
    return then == now and all(built[path] is snapshot.files[path].built for path in now)


def _save(ledger: Ledger, key: str, built: dict, readings: dict, snapshot) -> None:
    """Write the snapshot of ``ledger``, split by file (see sourcecrit.ledger.cache)."""
    from sourcecrit.ledger.cache import FileState, write_snapshot
    from sourcecrit.ledger.validate import written_forms

    states = {path: FileState(part, _values_of(ledger, part), []) for path, part in built.items()}
    by_name = {display_name(ledger.root, Path(path)): states[path] for path in built}
    elsewhere = []
    for problem in ledger.problems:
        state = by_name.get(problem.file)
        (state.problems if state else elsewhere).append(problem)

    def forms_of(path: str) -> dict:
        return written_forms(ledger, readings, built[path].models)

    texts = {s.text: (ledger.root / s.text).is_file() for s in ledger.sources.values() if s.text}
    shared = {"accepted": ledger.accepted, "gazetteer": ledger.gazetteer, "texts": texts, "problems": elsewhere}
    write_snapshot(ledger.root, key, readings["key"], states, forms_of, shared, snapshot)


def _values_of(ledger: Ledger, part) -> dict:
    """The values of the claims of one file (those the ledger took: a duplicate id has none)."""
    claims, values = ledger.claims, ledger.values
    return {model.id: values[model.id] for model in part.models
            if type(model) is Claim and model.id in values and claims[model.id] is model}


def display_name(root: Path, path: Path) -> str:
    """How problems name a file: the ledger path as the user gave it, then the file."""
    return os.path.join(str(root), relative_name(root, path)) if str(root) != "." else relative_name(root, path)


def relative_name(root: Path, path: Path) -> str:
    """``path`` relative to ``root``: cut from its text when it is ``root`` as spelled, then a
    file (every ledger file is), else worked out (slower, from absolute paths)."""
    text, base = str(path), str(root)
    prefix = "" if base == "." else base + os.sep
    rest = text[len(prefix):]
    if text.startswith(prefix) and rest and not os.path.isabs(rest) and ".." not in rest.split(os.sep):
        return rest
    return os.path.relpath(path, root)
