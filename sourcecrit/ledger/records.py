"""From YAML files to raw records, and from raw records to models.

A raw record is the plain data of one list item under a top-level key (``claims:``,
``sources:``, ...) with the lines it stands on. Models are built from raw records with
pydantic; a record that fails is reported at the line of the field at fault.
"""

from __future__ import annotations

import gc
import os
import pickle
import zlib
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError

from sourcecrit.ledger.cache import found_of_packed, packed_found
from sourcecrit.ledger.yamlread import Mapping, Stray, read_yaml_bytes
from sourcecrit.models import KIND_OF, RECORD_KINDS, Claim, Entity, Origin, Property, Record, Source, Subject, Unit
from sourcecrit.problems import Problem
from sourcecrit.suggest import did_you_mean

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger
    from sourcecrit.ledger.validate import ReadAhead

SINGULAR = {
    "sources": "source", "claims": "claim", "subjects": "subject", "properties": "property",
    "units": "unit", "entities": "entity", "resolutions": "resolution",
}
FILE_KEYS = set(RECORD_KINDS) | {"source"}


@dataclass
class RawRecord:
    """One record as written: its kind (``claims``), its fields, and where it stands."""

    kind: str
    data: dict[str, Any]
    origin: Origin


@dataclass
class BuiltFile:
    """The models built from one file (in the order written), and the problems met reading and building it.

    Kept in the validated-ledger snapshot, so that after an edit only the changed files are
    read and built again; duplicates across files are found when the files are put together.
    """

    fingerprint: Fingerprint
    models: list[Record]  # their kind is their class (see models.RECORD_KINDS)
    read_problems: list[Problem]
    build_problems: list[Problem]


def build_files(
    root: Path, files: list[Path], problems: list[Problem], fingerprints: dict[str, Fingerprint], *, use_cache: bool,
    contents: dict[Path, bytes | None] | None = None, earlier: dict[str, BuiltFile] | None = None,
    writes: list | None = None, ahead: "ReadAhead | None" = None,
) -> dict[str, BuiltFile]:
    """Every readable file built into models, by path; notes each file's fingerprint.

    A file whose fingerprint is unchanged since the ``earlier`` build keeps its models; the
    others are read again, through the per-file load cache when allowed. ``contents`` holds
    files already read (None for one that could not be read, to be read again). Writing
    that cache back is added to ``writes`` when given (see ledger.later), else done now.
    With ``ahead``, the claims' written values are read as the files are parsed, when they
    are parsed in two processes (see validate.ReadAhead).
    """
    from sourcecrit.ledger.cache import LoadCache
    from sourcecrit.ledger.later import can_fork

    earlier = earlier or {}
    cache: LoadCache | None = None
    found: dict[str, BuiltFile | tuple | None] = {}  # path -> kept build, cached records, or None: to parse
    readable: dict[str, tuple[bytes, str]] = {}
    for path in files:
        display = _display(root, path)
        data = contents.get(path) if contents else None
        fingerprint = fingerprints.get(str(path)) if data is not None else None  # noted from ``contents``
        if data is None:
            data = _read_bytes(path, display, problems)
        if data is None:
            continue
        fingerprints[str(path)] = fingerprint = fingerprint or fingerprint_of(data)
        readable[str(path)] = (data, display)
        kept = earlier.get(str(path))
        if kept is not None and kept.fingerprint == fingerprint:
            found[str(path)] = kept
            continue
        if use_cache and cache is None and not earlier:
            # Read only when some file must be parsed again and no earlier build is at hand:
            # after an edit, parsing the changed file costs less than reading the whole cache.
            cache = LoadCache.for_ledger(root)
        found[str(path)] = cache.get(str(path), fingerprint, display) if cache else None
    to_parse = [path for path, entry in found.items() if entry is None]

    def build(path: str, parsed: tuple[list[RawRecord], list[Problem]], packed: bytes | None = None) -> BuiltFile:
        if cache:  # kept packed: the parsed records are let go as soon as the models are built
            cache.put(path, fingerprints[path], packed if packed is not None else packed_found(parsed))
        part = _build_file(parsed, fingerprints[path])
        if ahead is not None and packed is None:  # parsed here (the helper read its own files' values)
            ahead.read_claims(model for model in part.models if type(model) is Claim)
        return part

    if ahead is not None and _in_two_processes(sum(len(readable[path][0]) for path in to_parse)) and can_fork():
        first = {path: build(path, records_of_bytes(*readable[path])) for path in to_parse
                 if _declares(root, path, readable[path][0])}
        _prepare(ahead, root, first)
        found.update(first)
        to_parse = [path for path in to_parse if path not in first]
    else:
        ahead = None  # read as the claims are checked, or half in a child (see validate_ledger)
    parsed = parse_files([readable[path] for path in to_parse], lambda index, *answer: build(to_parse[index], *answer), ahead)
    found.update(zip(to_parse, parsed))
    built = {path: entry if isinstance(entry, BuiltFile) else _build_file(entry, fingerprints[path])
             for path, entry in found.items()}
    if cache:
        (writes.append if writes is not None else _call)(cache.save)
    return built


def _call(function) -> None:
    function()


# Parsing YAML is most of a cold load, and each file is parsed on its own: when many files
# must be parsed, a second process parses part of them on the second core meanwhile and
# sends them back a chunk at a time, and this one builds the models of its own part as it
# goes, and of each chunk as it comes.
_PARALLEL_BYTES = 2_000_000  # below this, starting a process costs more than it saves
_HELPER_SHARE = 0.55  # this process also builds the models of every part; the helper packs its records
_CHUNK_BYTES = 1_000_000  # the helper sends back its records about this much YAML at a time
_DECLARING = (b"sources:", b"properties:", b"units:", b"entities:")


def _in_two_processes(total: int) -> bool:
    """Whether files of ``total`` bytes are parsed in two processes."""
    return total >= _PARALLEL_BYTES and (os.cpu_count() or 1) >= 2 and _in_main_thread()


def _declares(root: Path, path: str, data: bytes) -> bool:
    """Whether a file outside claims/ seems to declare what values are read with (sources,
    properties, units, entities): a top-level key that says so. Only a guess, which costs
    speed when wrong, never correctness (see validate.ReadAhead)."""
    from sourcecrit.ledger.load import relative_name

    if relative_name(root, Path(path)).split(os.sep, 1)[0] == "claims":
        return False
    return any(data.startswith(key) or b"\n" + key in data for key in _DECLARING)


def _prepare(ahead: "ReadAhead", root: Path, first: dict[str, BuiltFile]) -> None:
    """Let ``ahead`` read values with what the ``first`` files declare, and read their claims'."""
    from sourcecrit.ledger.load import Ledger

    part = Ledger(root)
    add_records(part, first, report=False)
    ahead.prepare(part)
    ahead.read_claims(part.claims.values())


def parse_files(files: list[tuple[bytes, str]], then: Callable[..., Any] = lambda index, found, packed=None: found,
                ahead: "ReadAhead | None" = None) -> list:
    """``then(index, found)`` of each (bytes, display name), in order, where ``found`` is the
    file's raw records and problems; in two processes when it pays. ``then`` is called on
    each file parsed here as soon as it is parsed, and on each chunk the helper sends as
    soon as it comes, then with a third argument: the file's records as the helper packed
    them (see cache.packed_found). With ``ahead`` (prepared), a forked helper also reads its
    claims' written values and sends them along, for ``ahead`` to take."""
    if not _in_two_processes(sum(len(data) for data, _ in files)):
        return [then(n, records_of_bytes(data, display)) for n, (data, display) in enumerate(files)]
    split = _share(files, _HELPER_SHARE)
    answers: list = [_UNANSWERED] * len(files)

    def take(taken: list) -> None:
        for chunk, (packed, made) in taken:
            if ahead is not None and made:
                ahead.take(made)
            for n, one in zip(chunk, packed):
                answers[n] = then(n, found_of_packed(one, files[n][1]), one)

    try:
        with _helper(files, _chunks(files, split), ahead) as helper:
            for n in range(split, len(files)):
                answers[n] = then(n, records_of_bytes(*files[n]))
                take(helper.ready())
            take(helper.rest())
    except (OSError, RuntimeError, ValueError, pickle.PickleError):  # no helper to be had: parse its part here
        pass
    return [then(n, records_of_bytes(*files[n])) if answer is _UNANSWERED else answer for n, answer in enumerate(answers)]


_UNANSWERED = object()


def _share(files: list[tuple[bytes, str]], share: float) -> int:
    """How many of the first files hold about ``share`` of the bytes."""
    total, split, counted = sum(len(data) for data, _ in files), 0, 0
    while split < len(files) and counted < total * share:
        counted += len(files[split][0])
        split += 1
    return split


def _chunks(files: list[tuple[bytes, str]], count: int) -> list[list[int]]:
    """The indices of the first ``count`` files, in runs of about _CHUNK_BYTES."""
    chunks: list[list[int]] = [[]]
    size = 0
    for n in range(count):
        if size >= _CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(n)
        size += len(files[n][0])
    return [chunk for chunk in chunks if chunk]


def _in_main_thread() -> bool:
    """A helper process is started only from the main thread: from a worker thread (the TUI
    loads in one) neither fork nor spawn is safe with the descriptors a host may hold."""
    import threading

    return threading.current_thread() is threading.main_thread()


def _parse_packed(files: list[tuple[bytes, str]], ahead: "ReadAhead | None" = None) -> tuple[list[bytes], dict]:
    """In the helper process: the records of each of ``files``, packed (quicker to send than
    pickled objects), and what the written values of their claims read as (with ``ahead``)."""
    gc.disable()  # the helper holds only what it sends back: no cycles to collect
    found = [records_of_bytes(data, display) for data, display in files]
    made: dict = {}
    if ahead is not None:
        for records, _ in found:
            made.update(ahead.read_records(records))
    return [packed_found(one) for one in found], made


def _helper(files: list[tuple[bytes, str]], chunks: list[list[int]], ahead: "ReadAhead | None"):
    """The helper that parses ``chunks`` of ``files``: a forked child when forking is safe
    (see ledger.later.can_fork), which starts with the files and ``ahead`` as they are here;
    else a process started afresh, to which the files are sent."""
    from sourcecrit.ledger.halves import Beside
    from sourcecrit.ledger.later import can_fork

    if can_fork():
        return Beside(chunks, lambda chunk: _parse_packed([files[n] for n in chunk], ahead))
    return _Spawned(files, chunks)


class _Spawned:
    """A helper process started with ``spawn``, sent each chunk's files; answers as Beside's."""

    def __init__(self, files: list[tuple[bytes, str]], chunks: list[list[int]]):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._pending = deque((chunk, self._executor.submit(_parse_packed, [files[n] for n in chunk])) for chunk in chunks)

    def __enter__(self) -> "_Spawned":
        return self

    def __exit__(self, *exc: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def ready(self) -> list:
        taken = []
        while self._pending and self._pending[0][1].done():
            chunk, future = self._pending.popleft()
            taken.append((chunk, future.result()))
        return taken

    def rest(self) -> list:
        taken = [(chunk, future.result()) for chunk, future in self._pending]
        self._pending.clear()
        return taken


def _build_file(found: tuple[list[RawRecord], list[Problem]], fingerprint: Fingerprint) -> BuiltFile:
    raw, read_problems = found
    part = BuiltFile(fingerprint, [], read_problems, [])
    for record in raw:
        model = _build(record, part.build_problems)
        if model is not None:
            part.models.append(model)
    return part


def _display(root: Path, path: Path) -> str:
    from sourcecrit.ledger.load import display_name

    return display_name(root, path)


Fingerprint = tuple[int, int]


def fingerprint_of(data: bytes) -> Fingerprint:
    """Size and CRC-32 of a file's bytes: equal fingerprints mean an unchanged file."""
    return len(data), zlib.crc32(data)


def _read_bytes(path: Path, display: str, problems: list[Problem]) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(Problem(display, 0, f"cannot read the file: {error.strerror}"))
        return None


def records_of_bytes(data: bytes, display: str) -> tuple[list[RawRecord], list[Problem]]:
    """Read one file's bytes into raw records and the problems met on the way."""
    content = read_yaml_bytes(data, display)
    problems = content.problems
    root = content.root
    if root is None:
        return [], problems
    if not isinstance(root, Mapping):
        problems.append(Problem(display, 1, "a ledger file is a mapping: start with 'claims:', 'sources:', ..."))
        return [], problems
    return _records_of_root(root, display, problems), problems


def _records_of_root(root: Mapping, display: str, problems: list[Problem]) -> list[RawRecord]:
    default_source = root.values.get("source")
    records: list[RawRecord] = []
    for key, items in root.values.items():
        line = root.key_lines[key]
        if key == "source":
            continue
        if key not in RECORD_KINDS:
            problems.append(Problem(display, line, f"unknown section '{key}'{did_you_mean(key, FILE_KEYS)}"))
            continue
        if not isinstance(items, list):
            problems.append(Problem(display, line, f"'{key}' must be a list of records, each starting with '- '"))
            continue
        for item in items:
            record = _raw_record(key, item, display, line, problems)
            if record is None:
                continue
            if key == "claims" and default_source and "source" not in record.data:
                record.data["source"] = default_source
                record.origin.field_lines["source"] = root.key_lines["source"]
            records.append(record)
    return records


def _raw_record(kind: str, item: Any, display: str, line: int, problems: list[Problem]) -> RawRecord | None:
    if not isinstance(item, Mapping):
        where = item.line if isinstance(item, Stray) else line
        problems.append(Problem(display, where, f"each item of '{kind}' must be a mapping of fields"))
        return None
    origin = Origin(display, item.line, item.key_lines)
    return RawRecord(kind, item.values, origin)  # a record's values are plain already (yamlread)


def add_records(ledger: "Ledger", built: dict[str, BuiltFile], *, report: bool = True) -> None:
    """Put every file's models on ``ledger``, reporting the problems met and duplicate ids
    (unless ``report`` is False: a snapshot brings its problems along)."""
    targets = {
        Source: ledger.sources, Claim: ledger.claims, Subject: ledger.subjects,
        Property: ledger.properties, Unit: ledger.units, Entity: ledger.entities,
    }
    problems = ledger.problems if report else []
    for part in built.values():
        problems.extend(part.read_problems)
    for part in built.values():
        problems.extend(part.build_problems)
        for model in part.models:
            table = targets.get(type(model))
            if table is None:
                ledger.resolutions.append(model)
            elif table.setdefault(model.id, model) is not model:  # the first of an id stays
                _report_duplicate(table, model, problems)


def _report_duplicate(table: dict[str, Record], model: Record, problems: list[Problem]) -> None:
    kind = KIND_OF[type(model)]
    first = table[model.id]
    where = f"{first.origin.file}:{first.origin.line}"
    problems.append(
        Problem(model.origin.file, model.origin.line, f"duplicate {SINGULAR[kind]} id '{model.id}' (first at {where}); give it another id")
    )


def _build(record: RawRecord, problems: list[Problem]) -> Record | None:
    model_class = RECORD_KINDS[record.kind]
    try:
        model = model_class.model_validate(record.data)
    except ValidationError as error:
        problems.extend(_explain(error, record, model_class))
        return None
    return model.placed(record.origin)


def _explain(error: ValidationError, record: RawRecord, model_class: type[Record]) -> list[Problem]:
    what = SINGULAR[record.kind]
    name = record.data.get("id") or record.data.get("subject") or "?"
    found = []
    for detail in error.errors():
        key = str(detail["loc"][0]) if detail["loc"] else ""
        line = record.origin.line_of(key)
        found.append(Problem(record.origin.file, line, f"{what} '{name}': {_field_message(detail, key, model_class)}"))
    return found


def _field_message(detail: dict, key: str, model_class: type[Record]) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        fields = [f.alias or n for n, f in model_class.model_fields.items()]
        return f"unknown field '{key}'{did_you_mean(key, fields)}"
    if kind == "missing":
        return f"the field '{key}' is required"
    if kind == "string_pattern_mismatch" and key in ("id",):
        return "an id is letters, digits, '-', '_' or '.', starting with a letter or digit"
    if kind == "string_pattern_mismatch" and key == "reliability":
        return "reliability is one letter, A (reliable) to F (cannot be judged)"
    if kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"'{key}' must be one of {expected}"
    location = ".".join(str(part) for part in detail["loc"])
    return f"field '{location}': {detail['msg'].lower()}"
