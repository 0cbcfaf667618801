"""Cache files that prove their integrity and cannot run code when read.

Every cache file is sealed: a fixed opening and a SHA-256 digest of the rest, checked
before anything in it is used, so a flipped bit, a truncated write or a file from
elsewhere is a miss, never a different answer. What is pickled in them is read back by an
unpickler that builds only sourcecrit's own records (dataclasses, pydantic models, enums)
and the few classes named below, never a function or a class of another module: a cache
folder shared with others (between CI jobs, say) cannot be made to run code.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import pickle
from typing import Any, Callable, Iterable

from pydantic import BaseModel

OPENING = b"sourcecrit cache 2\n"
_DIGEST = 32  # bytes of SHA-256 (done by the processor's SHA instructions where it has them: 4x BLAKE2b here)


def content_digest() -> "hashlib._Hash":
    """A digest to feed a cache file's content to, as it is written."""
    return hashlib.sha256()


def seal_of(digest: "hashlib._Hash") -> bytes:
    """What goes before a cache file's content: the opening and the content's digest."""
    return OPENING + digest.digest()


def sealed_size() -> int:
    """How many bytes the seal adds before the content."""
    return len(OPENING) + _DIGEST


def unseal(data: bytes | memoryview) -> memoryview | None:
    """The content of a sealed cache file, or None when it is not whole and as written."""
    content = opened(data)
    if content is None or not seal_holds(data, content):
        return None
    return content


def opened(data: bytes | memoryview) -> memoryview | None:
    """The content of a cache file with the right opening, its seal not yet checked (see
    seal_holds); None when the opening is not sourcecrit's."""
    view = memoryview(data)
    start = sealed_size()
    if len(view) < start or view[:len(OPENING)] != OPENING:
        return None
    return view[start:]


def seal_holds(data: bytes | memoryview, content: memoryview) -> bool:
    """Whether ``content`` (as ``opened`` gives it) is what the seal of ``data`` was made of."""
    return hashlib.sha256(content).digest() == memoryview(data)[len(OPENING):sealed_size()].tobytes()


# What an unpickler may build besides sourcecrit's records: the memo's packed findings are
# made by a function of its own, and a few classes that are neither dataclasses nor models.
_ALSO_ALLOWED = {
    ("sourcecrit.speed.findings_memo", "_packed"),
    ("sourcecrit.gazetteer", "Gazetteer"),
    ("sourcecrit.compare.pairs", "PairList"),  # its state is the claim ids, their groups and relations
    ("collections", "defaultdict"), ("collections", "OrderedDict"),
    *(("builtins", name) for name in ("set", "frozenset", "list", "dict", "tuple", "str", "int", "float", "bool", "bytes")),
    ("datetime", "date"), ("fractions", "Fraction"), ("decimal", "Decimal"),
}


def loads(data: bytes | memoryview, persistent_load: Callable[[Any], Any] | None = None,
          allowed: Iterable[tuple[str, str]] = ()) -> Any:
    """Unpickle ``data`` building only allowed classes (see the module's text); raises
    pickle.UnpicklingError for anything else."""
    unpickler = _Unpickler(_Reading(memoryview(data)), set(allowed))
    if persistent_load is not None:
        unpickler.persistent_load = persistent_load  # type: ignore[method-assign]
    return unpickler.load()


class _Reading:
    """A memoryview read as a file, a piece at a time: the unpickler asks for 128 KB or so at
    once, so a 50 MB memo is never copied whole (io.BytesIO would copy it first)."""

    def __init__(self, view: memoryview):
        self._view = view
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        start = self._at
        end = len(self._view) if size < 0 else min(start + size, len(self._view))
        self._at = end
        return self._view[start:end].tobytes()

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), len(self._view) - self._at)
        buffer[:size] = self._view[self._at:self._at + size]
        self._at += size
        return size

    def readline(self) -> bytes:
        end = self._at
        while end < len(self._view):
            piece = self._view[end:end + 4096].tobytes()
            newline = piece.find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end += len(piece)
        return self.read(end - self._at)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: _Reading, allowed: set[tuple[str, str]]):
        super().__init__(file)
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALSO_ALLOWED or (module, name) in self._allowed:
            return super().find_class(module, name)
        if module.startswith("sourcecrit.") and "." not in name:
            found = super().find_class(module, name)
            if _is_a_record(found):
                return found
        raise pickle.UnpicklingError(f"a cache may not build {module}.{name}")


def _is_a_record(found: Any) -> bool:
    """Whether ``found`` is one of sourcecrit's plain records: built from data, running no code of its own."""
    if not isinstance(found, type):
        return False
    return dataclasses.is_dataclass(found) or issubclass(found, (BaseModel, enum.Enum))
