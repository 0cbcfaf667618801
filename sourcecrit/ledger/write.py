"""Writing files safely: whole or not at all, and never over someone else's change.

A write goes to a temporary file beside the target, is flushed to disk, and then renamed
over the target in one step, so a reader sees the old file or the new one, never half of
each. Before the rename, the target is read once more: if its bytes are not the ones the
edit started from, nothing is written and :class:`LedgerChanged` says which file changed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

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


def write_atomically(path: Path, text: str, *, expected: Fingerprint | None | str = ANY) -> Fingerprint:
    """Replace ``path`` by ``text`` (UTF-8) in one step; return the new file's fingerprint.

    ``expected`` is the fingerprint the file must still have (None: it must not exist yet),
    or ANY when whatever is there may be replaced. The file keeps its permissions.
    """
    path = Path(path)
    data = text.encode("utf-8")
    mode = _mode_of(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if expected != ANY:
            check_unchanged(path, expected)  # type: ignore[arg-type]
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)
    return fingerprint_of(data)


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
