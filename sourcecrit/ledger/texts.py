"""Where a source's held text is: a file named relative to the ledger folder."""

from __future__ import annotations

import stat
from pathlib import Path


def held_text(root: Path, text: str | None) -> Path | None:
    """The regular file of a source's ``text`` (relative to the ledger folder ``root``); None
    when the source holds none or the file cannot be had (missing, a folder or device, a name
    the system refuses: too long, with a NUL byte)."""
    if not text or "\0" in text:
        return None
    path = root / text
    try:
        return path if stat.S_ISREG(path.stat().st_mode) else None
    except (OSError, ValueError):
        return None
