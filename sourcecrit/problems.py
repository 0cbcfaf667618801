"""Problems found in a ledger: each names its file and line and says what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a ledger, as ``file:line: message``."""

    file: str
    line: int
    message: str
    severity: str = "error"  # "error" makes `sourcecrit check` fail; "warning" does not

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
