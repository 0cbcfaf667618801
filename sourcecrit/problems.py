"""Problems found in a ledger: each names its file and line and says what to do."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (a line break in a file's name, an ESC sequence) would forge a second
# problem line or drive the terminal: each is printed as an escape instead.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a ledger, as ``file:line: message``."""

    file: str
    line: int
    message: str
    severity: str = "error"  # "error" makes `sourcecrit check` fail; "warning" does not

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{printable(self.file)}:{self.line}: {prefix}{printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def printable(text: str) -> str:
    """``text`` with each control character written as an escape (``\\x1b``), safe on one line of a terminal."""
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text) if _CONTROL.search(text) else text
