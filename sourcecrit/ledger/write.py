"""Writing files safely: whole or not at all, and never over someone else's change.

A write goes to a temporary file beside the target, is flushed to disk, and then renamed
over the target in one step, so a reader sees the old file or the new one, never half of
each. Before the rename, the target is read once more: if its bytes are not the ones the
edit started from, nothing is written and :class:`LedgerChanged` says which file changed.
That second look and the rename happen under an advisory lock on the file (or, for a new
file, its folder), so two writers at the same moment cannot both pass it: the second is
refused. A linked file is written at its target (the link stays); a read-only file is
refused, not replaced.

Reports and exports (:func:`write_output`) are written the same way to a regular file; to
anything else (a FIFO, a device such as /dev/null) they are written through, as the
shell's ``>`` would.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from sourcecrit.ledger.records import Fingerprint, fingerprint_of

ANY = "any"  # expected= for a file whose former content does not matter (a report)


class EditError(Exception):
    """An edit that cannot be made as asked; the message says why and what to do."""


class LedgerChanged(EditError):
    """The file changed on disk after the ledger was read: nothing was written."""

    def __init__(self, path: Path, why: str = "changed on disk since the ledger was read"):
        self.path = path
        super().__init__(f"{path} {why}. Nothing was written; reload the ledger and make the edit again.")


def current_fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of the file as it is now on disk, or None when there is no file."""
    try:
        return fingerprint_of(path.read_bytes())
    except FileNotFoundError:
        return None


def check_unchanged(path: Path, expected: Fingerprint | None) -> None:
    """Raise LedgerChanged unless the file is as expected (None: that it does not exist)."""
    now = current_fingerprint(path)
    if now == expected:
        return
    if expected is None:
        raise LedgerChanged(path, "appeared on disk since the ledger was read")
    if now is None:
        raise LedgerChanged(path, "was deleted since the ledger was read")
    raise LedgerChanged(path)


def write_atomically(path: Path, content: str | bytes, *, expected: Fingerprint | None | str = ANY) -> Fingerprint:
    """Replace ``path`` by ``content`` (text is written as UTF-8) in one step; return the new
    file's fingerprint.

    ``expected`` is the fingerprint the file must still have (None: it must not exist yet),
    or ANY when whatever is there may be replaced. The file keeps its permissions; a link
    is written at its target; a read-only file is refused (PermissionError).
    """
    path = _target(Path(path))
    data = content.encode("utf-8") if isinstance(content, str) else content
    _refuse_read_only(path)
    mode = _mode_of(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        with _locked(path):
            if expected != ANY:
                check_unchanged(path, expected)  # type: ignore[arg-type]
            os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)
    return fingerprint_of(data)


def write_output(path: Path, text: str | Iterable[str]) -> None:
    """Write a report or export (its text, or its text in parts) to ``path``: atomically when it
    is (or will be) a regular file, through to it as ``>`` would when it is a FIFO or a device."""
    target = _target(Path(path))
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(target, "w", encoding="utf-8") as out:
            out.writelines([text] if isinstance(text, str) else text)
        return
    if isinstance(text, str):
        write_atomically(target, text)
    else:
        _stream_atomically(target, text)


def _stream_atomically(path: Path, parts: Iterable[str]) -> None:
    """Replace ``path`` by the text written in ``parts``, in one step, never holding it all:
    the parts go to a temporary file beside it, renamed over it once complete."""
    _refuse_read_only(path)
    mode = _mode_of(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.writelines(parts)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        with _locked(path):
            os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)


def _target(path: Path) -> Path:
    """The file a write changes: a link's target (the link stays as it is)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _refuse_read_only(path: Path) -> None:
    """A file that nobody may write is not replaced behind its owner's back (root included)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``path`` (its folder if it does not exist yet) while the block runs.

    POSIX: flock on the file itself, so no lock file is left in the ledger. Windows cannot
    rename over an open file, so there a lock file beside it is locked instead."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        with _locked_beside(path):
            yield
        return
    import fcntl

    try:
        descriptor = os.open(path if path.exists() else path.parent, os.O_RDONLY)
    except OSError:
        yield  # nothing to lock on: the check and rename still run
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


@contextmanager
def _locked_beside(path: Path) -> Iterator[None]:  # pragma: no cover - Windows only
    import msvcrt

    lock = path.parent / f".{path.name}.lock"
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    finally:
        os.close(descriptor)


def _mode_of(path: Path) -> int:
    """The file's permissions, or for a new file those the user's umask gives."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
