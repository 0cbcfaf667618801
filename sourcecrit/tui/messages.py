"""Messages the TUI's workers answer with, named for what happened."""

from __future__ import annotations

from pathlib import Path

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


class ReportExported(Message):
    """A report was written to a file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
