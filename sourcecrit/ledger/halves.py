"""Work shared with a forked child: half the items here, half there, on the second core.

Reading 50,000 written values is a third of a cold load, and comparing 21,000 facts most of
a first comparison; each item stands alone. So when the process has a single thread (the
command line) a child made with ``fork`` takes part of the items and sends its answers back
through a pipe, pickled, while this process does the rest. The child starts with everything
this process holds (declarations, gazetteer, contexts, claims), so nothing is sent to it. If
it cannot be made, dies, or sends what cannot be read, this process does its part as well:
the answers are the same either way.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
from typing import Callable, Sequence, TypeVar

from sourcecrit.ledger.later import can_fork

Item = TypeVar("Item")
Answer = TypeVar("Answer")


def in_two(items: Sequence[Item], work: Callable[[Sequence[Item]], list[Answer]], share: float | None = None) -> list[Answer]:
    """``work(items)``, computed half in a forked child when that is safe; in the items' order.

    The child takes every other item, or with ``share`` that part of them at the end (when
    neighbours cost alike and the child should take less, as it also sends its answers)."""
    if len(items) < 2 or not can_fork():
        return work(items)
    if share is None:
        theirs, ours = items[1::2], items[0::2]
    else:
        split = len(items) - round(len(items) * share)
        ours, theirs = items[:split], items[split:]
    try:
        reading, writing = os.pipe()
        pid = os.fork()
    except OSError:
        return work(items)
    if pid == 0:  # the child: its half, pickled into the pipe, then leave without cleanup
        try:
            os.close(reading)
            gc.disable()
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(pickle.dumps(work(theirs), protocol=5))
        finally:
            os._exit(0)
    os.close(writing)
    try:
        mine = work(ours)
    except BaseException:
        os.close(reading)
        os.kill(pid, signal.SIGKILL)  # its answers are not wanted any more
        os.waitpid(pid, 0)
        raise
    with os.fdopen(reading, "rb") as pipe:
        sent = pipe.read()
    os.waitpid(pid, 0)
    try:
        answers = pickle.loads(sent)
    except Exception:  # noqa: BLE001 - a child that failed: do its half here
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
