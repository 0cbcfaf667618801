"""Parsing many ledger files in two processes.

Parsing YAML is most of a cold load, and each file is parsed on its own: when many files
must be parsed, a second process parses part of them on the second core meanwhile and
sends them back a chunk at a time, and this one builds the models of its own part as it
goes, and of each chunk as it comes.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections import deque
from typing import Any, Callable

from sourcecrit.ledger.records import records_of_bytes
from sourcecrit.speed.background import can_fork
from sourcecrit.speed.parse_cache import found_of_packed, packed_found
from sourcecrit.speed.read_ahead import ReadAhead
from sourcecrit.speed.second_process import ChildWorker
from sourcecrit.speed.thresholds import Thresholds

FileBytes = tuple[bytes, str]  # a file's bytes and the name problems give it


def in_two_processes(total: int, thresholds: Thresholds) -> bool:
    """Whether files of ``total`` bytes are parsed in two processes."""
    return total >= thresholds.parallel_bytes and (os.cpu_count() or 1) >= 2 and _in_main_thread()


def parse_files(files: list[FileBytes], thresholds: Thresholds,
                then: Callable[..., Any] = lambda index, found, packed=None: found, ahead: ReadAhead | None = None) -> list:
    """``then(index, found)`` of each (bytes, display name), in order, where ``found`` is the
    file's raw records and problems; in two processes when it pays. ``then`` is called on
    each file parsed here as soon as it is parsed, and on each chunk the helper sends as
    soon as it comes, then with a third argument: the file's records as the helper packed
    them (see parse_cache.packed_found). With ``ahead`` (prepared), a forked helper also reads its
    claims' written values and sends them along, for ``ahead`` to take."""
    if not in_two_processes(sum(len(data) for data, _ in files), thresholds):
        return [then(n, records_of_bytes(data, display)) for n, (data, display) in enumerate(files)]
    split = _share(files, thresholds.helper_share)
    answers: list = [_UNANSWERED] * len(files)

    def take(taken: list) -> None:
        for chunk, (packed, made) in taken:
            if ahead is not None and made:
                ahead.take(made)
            for n, one in zip(chunk, packed):
                answers[n] = then(n, found_of_packed(one, files[n][1]), one)

    try:
        with _helper(files, _chunks(files, split, thresholds.chunk_bytes), ahead) as helper:
            for n in range(split, len(files)):
                answers[n] = then(n, records_of_bytes(*files[n]))
                take(helper.ready())
            take(helper.rest())
    except (OSError, RuntimeError, ValueError, pickle.PickleError):  # no helper to be had: parse its part here
        pass
    return [then(n, records_of_bytes(*files[n])) if answer is _UNANSWERED else answer for n, answer in enumerate(answers)]


_UNANSWERED = object()


def _share(files: list[FileBytes], share: float) -> int:
    """How many of the first files hold about ``share`` of the bytes."""
    total, split, counted = sum(len(data) for data, _ in files), 0, 0
    while split < len(files) and counted < total * share:
        counted += len(files[split][0])
        split += 1
    return split


def _chunks(files: list[FileBytes], count: int, chunk_bytes: int) -> list[list[int]]:
    """The indices of the first ``count`` files, in runs of about ``chunk_bytes``."""
    chunks: list[list[int]] = [[]]
    size = 0
    for n in range(count):
        if size >= chunk_bytes:
            chunks.append([])
            size = 0
        chunks[-1].append(n)
        size += len(files[n][0])
    return [chunk for chunk in chunks if chunk]


def _in_main_thread() -> bool:
    """A helper process is started only from the main thread: from a worker thread (the TUI
    loads in one) neither fork nor spawn is safe with the descriptors a host may hold."""
    return threading.current_thread() is threading.main_thread()


def _parse_packed(files: list[FileBytes], ahead: ReadAhead | None = None) -> tuple[list[bytes], dict]:
    """In the helper process: the records of each of ``files``, packed (quicker to send than
    pickled objects), and what the written values of their claims read as (with ``ahead``)."""
    gc.disable()  # the helper holds only what it sends back: no cycles to collect
    found = [records_of_bytes(data, display) for data, display in files]
    made: dict = {}
    if ahead is not None:
        for records, _ in found:
            made.update(ahead.read_records(records))
    return [packed_found(one) for one in found], made


def _helper(files: list[FileBytes], chunks: list[list[int]], ahead: ReadAhead | None):
    """The helper that parses ``chunks`` of ``files``: a forked child when forking is safe
    (see speed.background.can_fork), which starts with the files and ``ahead`` as they are here;
    else a process started afresh, to which the files are sent."""
    if can_fork():
        return ChildWorker(chunks, lambda chunk: _parse_packed([files[n] for n in chunk], ahead))
    return _Spawned(files, chunks)


class _Spawned:
    """A helper process started with ``spawn``, sent each chunk's files; answers as ChildWorker's."""

    def __init__(self, files: list[FileBytes], chunks: list[list[int]]):
        import multiprocessing  # imported only when a helper must be spawned: they take a while
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
