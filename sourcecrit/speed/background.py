"""Writing the caches after the answer: in a forked child, so the command does not wait.

A cold load spends a quarter of its time pickling and writing its caches, which only the
next run reads. When the process has a single thread (the command line), the writes run
in a child made with ``fork``: it shares the loaded ledger as it stands, writes each cache
atomically (a temporary file renamed), and exits; a later read in this process waits for
it first. Elsewhere (the TUI's loader thread, a system without ``fork``) they run here and
now. A write that fails, or a child that is killed, only costs speed: a missing or partial
cache is never read.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from typing import Callable

Write = Callable[[], None]
_children: dict[int, str] = {}  # pid -> what it writes


def write_after_answer(what: str, writes: list[Write]) -> None:
    """Run ``writes`` (the caches named ``what``) in a detached child when that is safe, else at once."""
    if not writes:
        return
    if not can_fork():
        _run(writes)
        return
    _reap()
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        _run(writes)
        return
    if pid == 0:  # the child: out of the terminal's way, then write and leave without cleanup
        try:
            os.setsid()
            _detach_output()
            gc.disable()  # pickling makes no cycles; collecting would only copy pages
            _run(writes)
        finally:
            os._exit(0)
    _children[pid] = what


def wait_for_writes(what: str) -> None:
    """Wait until this process's children writing ``what`` are done (before reading it)."""
    for pid in [pid for pid, written in _children.items() if written == what]:
        del _children[pid]
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def wait_for_all_writes() -> None:
    """Wait for every cache write this process has started (tests look at the files)."""
    for what in set(_children.values()):
        wait_for_writes(what)


def _run(writes: list[Write]) -> None:
    for write in writes:
        write()


def can_fork() -> bool:
    """Whether a child may be forked: the system has fork and this process one thread (a
    fork copies only the calling thread, and locks other threads hold would stay held).
    ``SOURCECRIT_NO_FORK=1`` keeps all work in this process."""
    if os.environ.get("SOURCECRIT_NO_FORK"):
        return False
    return hasattr(os, "fork") and threading.active_count() == 1


def _reap() -> None:
    """Collect children that are done, so none is left a zombie in a long-lived process."""
    for pid in list(_children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            del _children[pid]


def _detach_output() -> None:
    """Point the standard streams at /dev/null: a pipe reading our output must not wait for us."""
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    os.close(null)
