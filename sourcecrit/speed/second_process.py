"""Work shared with a forked child: half the items here, half there, on the second core.

Reading 50,000 written values is a third of a cold load, and comparing 21,000 facts most of
a first comparison; each item stands alone. So when the process has a single thread (the
command line) a child made with ``fork`` takes part of the items and sends its answers back,
pickled (see ChildWorker), while this process does the rest. The child starts with everything
this process holds (declarations, gazetteer, contexts, claims), so nothing is sent to it. If
it cannot be made, dies, or sends what cannot be read, this process does its part as well:
the answers are the same either way.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import tempfile
from typing import Any, Callable, Sequence, TypeVar

from sourcecrit.speed.background import can_fork

Item = TypeVar("Item")
Answer = TypeVar("Answer")


def shared_with_child(items: Sequence[Item], work: Callable[[Sequence[Item]], list[Answer]], share: float | None = None,
                      dumps: Callable[[Any], bytes] | None = None) -> list[Answer]:
    """``work(items)``, computed half in a forked child when that is safe; in the items' order.

    The child takes every other item, or with ``share`` that part of them at the end (when
    neighbours cost alike and the child should take less, as it also sends its answers);
    ``dumps`` pickles its answers, if not as pickle does (see ChildWorker)."""
    if len(items) < 2 or not can_fork():
        return work(items)
    if share is None:
        theirs, ours = items[1::2], items[0::2]
    else:
        split = len(items) - round(len(items) * share)
        ours, theirs = items[:split], items[split:]
    try:
        child = ChildWorker([theirs], work, dumps)
    except OSError:
        return work(items)
    with child:
        mine = work(ours)  # an exception here leaves the block, which stops the child
        try:
            answers = child.rest()[0][1]
        except Exception:  # noqa: BLE001 - a child that failed or sent what cannot be read: its half here
            answers = None
    if not isinstance(answers, list) or len(answers) != len(theirs):
        answers = work(theirs)
    if share is not None:
        return mine + answers
    merged: list[Answer] = []
    for n, answer in enumerate(mine):
        merged.append(answer)
        if n < len(answers):
            merged.append(answers[n])
    return merged


class ChildWorker:
    """A forked child working through ``chunks`` in order while this process does other work,
    each chunk's answer (``make(chunk)``) sent back as soon as it is made.

    The answers go through an unnamed temporary file, pickled, and only their places through
    a pipe: a pipe alone holds 64 KiB, and the child would wait on this process, busy with its
    own part, for every 64 KiB of a chunk. Use it in a ``with`` block (the child is stopped
    and reaped at its end); the caller must fork only when that is safe (see speed.background).
    ``dumps`` pickles each answer (as pickle does, unless given). ``ready()`` gives the chunks answered so far, ``rest()`` waits for the others; either
    raises OSError if the child ends without answering them all, and the caller then does
    the rest of the work itself.
    """

    _NOTICE = struct.Struct("<QQ")  # where an answer stands in the file: offset, length

    def __init__(self, chunks: Sequence[Item], make: Callable[[Item], Any], dumps: Callable[[Any], bytes] | None = None):
        self._chunks: list[Any] = list(chunks)
        pickled = dumps or _pickled
        self._handed = 0
        self._notices = b""
        self._file = tempfile.TemporaryFile(prefix="sourcecrit-")
        reading, writing = os.pipe()
        try:
            self._pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            self._file.close()
            raise
        if self._pid == 0:  # the child: each chunk's answer into the file, its place into the pipe
            try:
                os.close(reading)
                gc.disable()  # it holds only what it sends back: no cycles to collect
                offset = 0
                for chunk in self._chunks:
                    answer = pickled(make(chunk))
                    _write_all(self._file.fileno(), answer)
                    _write_all(writing, self._NOTICE.pack(offset, len(answer)))
                    offset += len(answer)
            finally:
                os._exit(0)
        os.close(writing)
        os.set_blocking(reading, False)
        self._reading: int | None = reading

    def __enter__(self) -> "ChildWorker":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._reading is not None:
            os.close(self._reading)
            self._reading = None
        if self._handed < len(self._chunks):
            _stop(self._pid)  # its answers are not wanted any more
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:
            pass
        self._file.close()

    def ready(self) -> list[tuple[Item, Any]]:
        """Each chunk answered since last asked, with its answer (in order; none waited for)."""
        return self._take(wait=False)

    def rest(self) -> list[tuple[Item, Any]]:
        """Every chunk not handed on yet, with its answer, waiting for the child."""
        return self._take(wait=True)

    def _take(self, wait: bool) -> list[tuple[Item, Any]]:
        while self._reading is not None and (wait or select.select([self._reading], [], [], 0)[0]):
            try:
                sent = os.read(self._reading, 65536)
            except BlockingIOError:
                if not wait:
                    break
                select.select([self._reading], [], [])
                continue
            if not sent:  # the child has ended
                os.close(self._reading)
                self._reading = None
                break
            self._notices += sent
            if not wait:
                break
            if len(self._notices) // self._NOTICE.size >= len(self._chunks) - self._handed:
                break
        taken = []
        while len(self._notices) >= self._NOTICE.size:
            offset, length = self._NOTICE.unpack_from(self._notices)
            self._notices = self._notices[self._NOTICE.size:]
            answer = pickle.loads(os.pread(self._file.fileno(), length, offset))
            taken.append((self._chunks[self._handed], answer))
            self._handed += 1
        if wait and self._handed < len(self._chunks):
            raise OSError("the helper process ended before it answered")
        return taken


def _pickled(answer: Any) -> bytes:
    return pickle.dumps(answer, protocol=5)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
