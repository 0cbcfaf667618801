"""Messages the TUI's workers answer with, named for what happened."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.message import Message

from sourcecrit.tui.state import LedgerState, Signature


class LoadProgressed(Message):
    """The loader reached another step; only the newest step matters."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgressed)


class LedgerLoaded(Message):
    """A ledger was read and compared."""

    def __init__(self, state: LedgerState, seconds: float) -> None:
        super().__init__()
        self.state = state
        self.seconds = seconds


class SearchTextBuilt(Message):
    """The search text of a loaded ledger's facts is ready: searching can start."""

    def __init__(self, state: LedgerState) -> None:
        super().__init__()
        self.state = state


class LedgerFilesChanged(Message):
    """Files of the ledger changed on disk since it was read."""

    def __init__(self, signature: Signature) -> None:
        super().__init__()
        self.signature = signature


class LedgerEdited(Message):
    """An edit (resolution, flag) was written to a ledger file."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__()
        self.path = path
        self.what = what


class EditRefused(Message):
    """An edit was not written: its file changed on disk since it was read, or the edit itself cannot be made."""

    def __init__(self, reason: str, retry: object = None, changed_on_disk: bool = True) -> None:
        super().__init__()
        self.reason = reason
        self.retry = retry
        self.changed_on_disk = changed_on_disk


def post_edit(post: Callable[[Message], object], retry: object, write: Callable[[], str | Path], done: str) -> None:
    """Make one edit of the ledger (``write`` returns the file it wrote) and post what came of it:
    LedgerEdited saying ``done``, or EditRefused with why, ``retry`` kept for another try."""
    from sourcecrit.ledger.write import EditError, LedgerChanged

    try:
        path = write()
    except LedgerChanged as changed:
        post(EditRefused(str(changed), retry=retry))
        return
    except (EditError, OSError) as error:
        post(EditRefused(edit_error(error), retry=retry, changed_on_disk=False))
        return
    post(LedgerEdited(Path(path), done))


def edit_error(error: Exception) -> str:
    """An edit's error in words: the core's message, or what the system said about the file."""
    if isinstance(error, OSError):
        return f"{error.filename or 'the ledger file'}: cannot write it ({error.strerror})"
    return str(error)


class ReportExported(Message):
    """A report was written to a file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
