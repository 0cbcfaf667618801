"""Where the speed wing keeps its caches, how it writes them, and what they depend on.

Every cache lives outside the ledger, under ``$SOURCECRIT_CACHE_DIR`` or
``$XDG_CACHE_HOME/sourcecrit`` (default ``~/.cache/sourcecrit``), one set of files per
ledger path. A missing, stale or corrupt cache is ignored and written again; deleting the
folder is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import threading
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, TypeVar

import msgpack
import pydantic

from sourcecrit.speed.sealed import content_digest, opened, seal_holds, seal_of, sealed_size, unseal


def cache_dir() -> Path:
    """Where load caches live."""
    explicit = os.environ.get("SOURCECRIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sourcecrit"


def cache_file(root: Path, kind: str) -> Path:
    """Where the cache ``kind`` (``msgpack``, ``findings.pickle``…) of the ledger at ``root`` lives."""
    key = hashlib.sha1(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"ledger-{key}.{kind}"


def store(location: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file whole or not at all, sealed (see speed.sealed): ``write`` fills a
    temporary file, which is then renamed over ``location``. Any failure (disk, an
    unpicklable value) only costs speed."""
    temporary = location.with_suffix(f".tmp{os.getpid()}")
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(bytes(sealed_size()))  # the seal, written once the content is
            sealing = _Sealing(handle)
            write(sealing)  # type: ignore[arg-type]
            handle.seek(0)
            handle.write(sealing.seal())
        os.replace(temporary, location)
    except Exception:  # noqa: BLE001 - a cache is an optimisation; the ledger itself is untouched
        with contextlib.suppress(OSError):
            temporary.unlink()


def read_sealed(location: Path) -> memoryview | None:
    """The content of the cache file at ``location`` if it is there, whole and as written; else None."""
    try:
        data = location.read_bytes()
    except OSError:
        return None
    return unseal(data)


T = TypeVar("T")


def use_sealed(location: Path, use: Callable[[memoryview], T]) -> T | None:
    """What ``use`` makes of the content of the cache file at ``location``, or None when the
    file is missing or not whole and as written (or ``use`` fails on it).

    A large file's seal is checked in a second thread while ``use`` reads it (hashing lets go
    of the interpreter): reading a 50 MB memo then costs the unpickling alone, not the
    unpickling and the digest one after the other. What ``use`` made of a file whose seal
    fails is thrown away; the unpickler builds only records (see speed.sealed), so reading
    damaged bytes can fail, never run anything."""
    try:
        data = location.read_bytes()
    except OSError:
        return None
    content = opened(data)
    if content is None:
        return None
    if len(content) < _BESIDE:
        if not seal_holds(data, content):
            return None
        return _quietly(use, content)
    checked: list[bool] = []
    checking = threading.Thread(target=lambda: checked.append(seal_holds(data, content)), daemon=True)
    checking.start()
    made = _quietly(use, content)
    checking.join()
    return made if checked == [True] else None


_BESIDE = 1 << 20  # from this size on, a seal is checked beside the reading


def _quietly(use: Callable[[memoryview], T], content: memoryview) -> T | None:
    try:
        return use(content)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is only a miss
        return None


class _Sealing:
    """A file being written that works out the seal of what is written to it."""

    def __init__(self, handle: BinaryIO):
        self._handle = handle
        self._digest = content_digest()

    def write(self, data: bytes | memoryview) -> int:
        self._digest.update(data)
        return self._handle.write(data)

    def writelines(self, parts: Iterable[bytes | memoryview]) -> None:
        for part in parts:
            self.write(part)

    def seal(self) -> bytes:
        return seal_of(self._digest)


@functools.cache
def code_stamp() -> str:
    """A digest of sourcecrit's code and the versions it runs on: new code, new snapshot.

    The interface (``tui/``) is left out: no module that loads or compares imports it
    (tests/test_layers.py says so), so its code cannot change a load or a finding."""
    package = Path(__file__).resolve().parent.parent  # sourcecrit/
    versions = f"{sys.version}|{pydantic.VERSION}|{msgpack.version}"
    return hashlib.sha1(f"{versions}|{files_stamp(package, leave_out='tui')}".encode()).hexdigest()


def files_stamp(folder: Path, leave_out: str | None = None) -> str:
    """A digest of the Python files under ``folder`` (path, size, modification time), but those
    in its subfolder ``leave_out``: edited code, another digest."""
    digest = hashlib.sha1()
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder)
        if relative.parts[0] == leave_out:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{relative}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


