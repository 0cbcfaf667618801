"""Keeping Python's cyclic garbage collector out of bulk work that makes no cycles."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a load or a comparison makes millions of objects, no cycles.

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
