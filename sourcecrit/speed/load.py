"""Loading a ledger quickly: the plain load (sourcecrit.ledger) with the speed wing's steps.

* A warm start with nothing changed puts the ledger together from the validated snapshot
  (speed.snapshot) without running the load at all.
* Otherwise the plain load runs with :class:`QuickSteps`: files unchanged since the
  snapshot keep their built models, others come from the parse cache (speed.parse_cache)
  or are parsed, in two processes when there are many (speed.parallel_parse), with their
  claims' written values read as they are parsed (speed.read_ahead); values read before
  are not read again; and the caches are written after the answer (speed.background).

Whatever happens here, the ledger is the one the plain load gives; tests/test_cache.py and
tests/test_equivalence.py compare them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Sequence

from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.load import (
    LedgerFile, LoadSteps, display_name, find_files, problem_order, relative_name,
)
from sourcecrit.ledger.load import load_ledger as load_plainly
from sourcecrit.ledger.readings import Readings, form_of
from sourcecrit.ledger.texts import held_text
from sourcecrit.ledger.records import BuiltFile, add_records, build_file, fingerprint_of, records_of_bytes
from sourcecrit.models import Claim, Entity, Record
from sourcecrit.problems import Problem
from sourcecrit.speed.background import can_fork, wait_for_writes, write_after_answer
from sourcecrit.speed.collector import collector_paused
from sourcecrit.speed.parallel_parse import in_two_processes, parse_files
from sourcecrit.speed.parse_cache import Found, ParseCache, packed_found
from sourcecrit.speed.read_ahead import ReadAhead
from sourcecrit.speed.second_process import shared_with_child
from sourcecrit.speed.snapshot import FileState, Forms, Snapshot, read_snapshot, snapshot_key, texts_unchanged, write_snapshot
from sourcecrit.speed.thresholds import DEFAULT, Thresholds


def load_ledger(path: str | os.PathLike, *, use_cache: bool = True, thresholds: Thresholds = DEFAULT) -> Ledger:
    """The ledger at ``path``, as the plain load gives it; through the caches unless ``use_cache`` is False."""
    root = Path(path)
    writes = f"load caches of {root.resolve()}"
    wait_for_writes(writes)  # still being written by this process
    steps = QuickSteps(root, use_cache, thresholds)
    with collector_paused():  # a load makes millions of objects and no cycles
        ledger = steps.restored() or load_plainly(root, steps=steps)
    ledger.cached = use_cache
    write_after_answer(writes, steps.writes)
    return ledger


class QuickSteps(LoadSteps):
    """The load's steps with the caches, the helper process and the values read ahead."""

    def __init__(self, root: Path, use_cache: bool, thresholds: Thresholds):
        self.root, self.use_cache, self.thresholds = root, use_cache, thresholds
        self.contents: dict[Path, bytes] = {}  # every file, read to know whether the snapshot holds
        self.key: str | None = None  # the snapshot this state of the ledger needs
        self.snapshot: Snapshot | None = None  # the last one written, whatever its key
        self.ahead: ReadAhead | None = ReadAhead()  # none when a snapshot spares reading the values
        self.writes: list[Callable[[], None]] = []  # the caches to write after the answer

    # a warm start ------------------------------------------------------------------
    def restored(self) -> Ledger | None:
        """The ledger from the snapshot, if it was made for the ledger as it is now."""
        if not self.use_cache or not self.root.is_dir():
            return None
        found = find_files(self.root)
        if found.skipped:
            return None  # load in full, so that what was passed over is said
        paths = found.paths
        try:
            self.contents = {path: path.read_bytes() for path in paths}
        except OSError:
            return None  # an unreadable file: load in full, so that its problem is reported
        self.key = snapshot_key(self.root, {str(path): fingerprint_of(data) for path, data in self.contents.items()})
        self.snapshot = read_snapshot(self.root)
        if self.snapshot is None:
            return None
        self.ahead = None  # the snapshot's readings serve
        if self.snapshot.key != self.key:
            return None
        return _restored(self.root, [display_name(self.root, path) for path in paths], self.snapshot)

    # the load's steps ----------------------------------------------------------------
    def read(self, path: Path) -> bytes:
        data = self.contents.get(path)
        return data if data is not None else path.read_bytes()

    def build(self, root: Path, files: list[LedgerFile]) -> dict[str, BuiltFile]:
        """Each file's build: kept from the snapshot while unchanged, else from the parse cache
        or parsed (in two processes when there is much to parse)."""
        earlier = {path: state.built for path, state in self.snapshot.files.items()} if self.snapshot else {}
        cache: ParseCache | None = None
        found: dict[str, BuiltFile | Found | None] = {}  # kept build, cached records, or None: to parse
        for file in files:
            kept = earlier.get(file.key)
            if kept is not None and kept.fingerprint == file.fingerprint:
                found[file.key] = kept
                continue
            if self.use_cache and cache is None and not earlier:
                # Read only when some file must be parsed again and no earlier build is at hand:
                # after an edit, parsing the changed file costs less than reading the whole cache.
                cache = ParseCache.for_ledger(root)
            found[file.key] = cache.get(file.key, file.fingerprint, file.display) if cache else None
        to_parse = [file for file in files if found[file.key] is None]
        found.update(self._parsed(root, to_parse, cache))
        if cache:
            self.writes.append(cache.save)
        fingerprints = {file.key: file.fingerprint for file in files}
        return {key: entry if isinstance(entry, BuiltFile) else build_file(entry, fingerprints[key])  # type: ignore[arg-type]
                for key, entry in found.items()}

    def _parsed(self, root: Path, files: list[LedgerFile], cache: ParseCache | None) -> dict[str, BuiltFile]:
        """The ``files`` parsed and built; their claims' values read ahead when parsed in two processes."""
        ahead = self.ahead

        def build(file: LedgerFile, found: Found, packed: bytes | None = None) -> BuiltFile:
            if cache:  # kept packed: the parsed records are let go as soon as the models are built
                cache.put(file.key, file.fingerprint, packed if packed is not None else packed_found(found))
            part = build_file(found, file.fingerprint)
            if ahead is not None and packed is None:  # the helper read its own files' values
                ahead.read_claims(model for model in part.models if type(model) is Claim)
            return part

        built: dict[str, BuiltFile] = {}
        if ahead is not None and in_two_processes(sum(len(file.data) for file in files), self.thresholds) and can_fork():
            built = {file.key: build(file, records_of_bytes(file.data, file.display)) for file in files
                     if _declares(root, file)}
            _prepare(ahead, root, built)
            files = [file for file in files if file.key not in built]
        else:
            self.ahead = ahead = None  # read as the claims are checked, or half in a child (work_through)
        parsed = parse_files([(file.data, file.display) for file in files], self.thresholds,
                             lambda index, *answer: build(files[index], *answer), ahead)
        built.update((file.key, part) for file, part in zip(files, parsed))
        return built

    def known_readings(self, ledger: Ledger, built: dict[str, BuiltFile]) -> Readings | None:
        if self.snapshot is not None:
            return _snapshot_readings(ledger, self.snapshot, built)
        return self.ahead.readings() if self.ahead is not None else None

    def work_through(self, work: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any]) -> list[Any]:
        if len(items) < self.thresholds.many_forms:
            return work(items)  # fewer are read quicker here than a second process starts
        return shared_with_child(items, work)

    def loaded(self, ledger: Ledger, built: dict[str, BuiltFile], readings: Readings) -> None:
        if self.key is not None:
            key, snapshot = self.key, self.snapshot
            self.writes.append(lambda: _save(ledger, key, built, readings, snapshot))


_DECLARING = (b"sources:", b"properties:", b"units:", b"entities:")


def _declares(root: Path, file: LedgerFile) -> bool:
    """Whether a file outside claims/ seems to declare what values are read with (sources,
    properties, units, entities): a top-level key that says so. Only a guess, which costs
    speed when wrong, never correctness (see speed.read_ahead)."""
    if relative_name(root, file.path).split(os.sep, 1)[0] == "claims":
        return False
    data = file.data
    return any(data.startswith(key) or b"\n" + key in data for key in _DECLARING)


def _prepare(ahead: ReadAhead, root: Path, first: dict[str, BuiltFile]) -> None:
    """Let ``ahead`` read values with what the ``first`` files declare, and read their claims'."""
    part = Ledger(root)
    add_records(part, first, report=False)
    ahead.prepare(part)
    ahead.read_claims(part.claims.values())


# the snapshot ------------------------------------------------------------------------
def _restored(root: Path, files: list[str], snapshot: Snapshot) -> Ledger | None:
    """The ledger as the snapshot saw it, or None if its source texts have come or gone, or it is corrupt."""
    restored = Ledger(root, files=files)
    add_records(restored, {path: state.built for path, state in snapshot.files.items()}, report=False)
    shared = snapshot.shared(restored.entities)
    if shared is None or not texts_unchanged(root, shared.get("texts")):
        return None
    for path, state in snapshot.files.items():
        restored.fingerprints[path] = state.built.fingerprint
        restored.values.update(state.values)
        restored.problems.extend(state.problems)
    restored.problems.extend(shared["problems"])
    restored.problems.sort(key=problem_order)  # each file's are in order already; this merges them
    restored.accepted, restored.gazetteer = shared["accepted"], shared["gazetteer"]
    return restored


def _snapshot_readings(ledger: Ledger, snapshot: Snapshot, built: dict[str, BuiltFile]) -> Readings:
    """What the last validation read, for this one to reuse (see validate_ledger)."""
    read: dict[str | None, dict[tuple, Any]] = {None: {}, "european": {}}
    for (convention, *form), answer in snapshot.forms().items():
        read.setdefault(convention, {})[tuple(form)] = answer
    gazetteer = None
    if _entity_files_unchanged(snapshot, built):
        shared = snapshot.shared(ledger.entities)
        gazetteer = shared.get("gazetteer") if shared else None
    return Readings(snapshot.reading_key, read, gazetteer)


def _entity_files_unchanged(snapshot: Snapshot, built: dict[str, BuiltFile]) -> bool:
    """Whether every file that declares entities, then or now, is the very same build."""
    def declares_entities(part: BuiltFile) -> bool:
        return any(type(model) is Entity for model in part.models)

    then = {path for path, state in snapshot.files.items() if declares_entities(state.built)}
    now = {path for path, part in built.items() if declares_entities(part)}
    return then == now and all(built[path] is snapshot.files[path].built for path in now)


def _save(ledger: Ledger, key: str, built: dict[str, BuiltFile], readings: Readings, snapshot: Snapshot | None) -> None:
    """Write the snapshot of ``ledger``, split by file (see speed.snapshot)."""
    states = {path: FileState(part, _values_of(ledger, part), []) for path, part in built.items()}
    by_name = {display_name(ledger.root, Path(path)): states[path] for path in built}
    elsewhere: list[Problem] = []
    for problem in ledger.problems:
        state = by_name.get(problem.file)
        (state.problems if state else elsewhere).append(problem)

    def forms_of(path: str) -> Forms:
        return written_forms(ledger, readings, built[path].models)

    texts = {s.text: held_text(ledger.root, s.text) is not None for s in ledger.sources.values() if s.text}
    shared = {"accepted": ledger.accepted, "gazetteer": ledger.gazetteer, "texts": texts, "problems": elsewhere}
    write_snapshot(ledger.root, key, readings.key, states, forms_of, shared, snapshot)


def _values_of(ledger: Ledger, part: BuiltFile) -> dict[str, Any]:
    """The values of the claims of one file (those the ledger took: a duplicate id has none)."""
    claims, values = ledger.claims, ledger.values
    return {model.id: values[model.id] for model in part.models
            if type(model) is Claim and model.id in values and claims[model.id] is model}


def written_forms(ledger: Ledger, readings: Readings, records: list[Record]) -> Forms:
    """What the written values of ``records`` read as, to remember with their file: for a
    claim whose value it is, the claim's id (its value is kept anyway); else the reading."""
    found: Forms = {}
    for record in records:
        form = form_of(ledger, record)
        if form is None:
            continue
        convention, key = form
        answer = readings.read[convention].get(key)
        if answer is None:
            continue  # not read (an unknown property, say)
        if isinstance(record, Claim) and ledger.claims.get(record.id) is record and ledger.values.get(record.id) is answer:
            answer = record.id
        found[(convention, *key)] = answer
    return found
