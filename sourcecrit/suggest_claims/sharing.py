"""Which source a line of a shared text is suggested under, when several sources read one file.

A web page holding two documents points all three sources' ``text`` at one file (or the
documents hold none and are ``contained_in`` the page). Each line is suggested once: under
the source whose declared lines hold it (a source's ``locator``, "lines 11-24"), the
narrowest first; else under the outermost source that reads the whole file. The others that
read the line are named with the suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sourcecrit.verify import held_text  # the same rule of which text a source holds

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

_LINES = re.compile(r"lines?\s+(\d+)(?:\s*[-–]\s*(\d+))?")


def declared_lines(locator: str | None) -> tuple[int, int] | None:
    """The lines a source's ``locator`` declares it holds of its text ("lines 11-24", "line 7"); None for others."""
    match = _LINES.fullmatch((locator or "").strip())
    if match is None:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


@dataclass(frozen=True)
class SharedText:
    """The sources that read one file, each with the lines it declares (None: the whole file), and
    how deep each is within the others (0: contained in none of them)."""

    lines: dict[str, tuple[int, int] | None]
    depth: dict[str, int]
    own_text: frozenset[str]

    @classmethod
    def of(cls, ledger: "Ledger", path: Path) -> "SharedText":
        readers = [s for s in ledger.sources if _reads(ledger, s, path)]
        depth = {s: _depth(ledger, s, set(readers)) for s in readers}
        return cls({s: declared_lines(ledger.sources[s].locator) for s in readers}, depth,
                   frozenset(s for s in readers if ledger.sources[s].text))

    def readers(self, line: int) -> list[str]:
        """The sources that hold ``line``, the one it is suggested under first."""
        holding = [s for s, span in self.lines.items() if span is None or span[0] <= line <= span[1]]
        return sorted(holding, key=lambda s: self._rank(s))

    def owner(self, line: int) -> str | None:
        readers = self.readers(line)
        return readers[0] if readers else None

    def _rank(self, source: str) -> tuple:
        span = self.lines[source]
        if span is not None:
            return (0, span[1] - span[0], source)
        return (1, self.depth[source], source not in self.own_text, source)


def _reads(ledger: "Ledger", source: str, path: Path) -> bool:
    held = held_text(ledger, source)
    return held is not None and held[2].resolve() == path


def _depth(ledger: "Ledger", source: str, readers: set[str]) -> int:
    """How many of ``readers`` contain ``source``, through its ``contained_in`` chain."""
    depth, seen = 0, {source}
    container = ledger.sources[source].contained_in
    while container and container not in seen and container in ledger.sources:
        depth += container in readers
        seen.add(container)
        container = ledger.sources[container].contained_in
    return depth
