"""Finding a claim's quote in the text the ledger holds, for the claim screen.

The quote is matched after collapsing whitespace, undoing line-end hyphenation
("-\\n") and ignoring case and curly quotes; an ellipsis in the quote skips words. When
the quote is not found, the locator's "line N" / "lines N-M" picks the lines instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CONTEXT_LINES = 4
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")
_LINES = re.compile(r"\blines?\s+(\d+)(?:\s*[-–]\s*(\d+))?", re.IGNORECASE)
_SAME = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Passage:
    """Lines of a text around a claim's quote; ``start``/``end`` are offsets into ``text``."""

    text: str
    start: int
    end: int
    first_line: int  # 1-based number of the passage's first line
    how: str  # "quote" when the quote was found, "locator" when the locator's lines were used


def source_text_path(root: Path, text: str | None) -> Path | None:
    """Where the source's text is held, if it is."""
    if not text:
        return None
    path = (root / text)
    return path if path.is_file() else None


def find_passage(whole: str, quote: str | None, locator: str | None, context: int = CONTEXT_LINES) -> Passage | None:
    """The passage of ``whole`` that holds ``quote`` (else the locator's lines), with context."""
    span = _find_quote(whole, quote) if quote else None
    how = "quote"
    if span is None:
        span, how = _locator_span(whole, locator), "locator"
    if span is None:
        return None
    return _around(whole, span, context, how)


def _normalized(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, with each folded character's offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and i + 1 < n and text[i + 1] == "\n" and out and out[-1].isalpha():
            i += 1
            while i < n and text[i].isspace():
                i += 1
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        for folded in ch.translate(_SAME).casefold():
            out.append(folded)
            where.append(i)
        i += 1
    return "".join(out), where


def _find_quote(whole: str, quote: str) -> tuple[int, int] | None:
    haystack, where = _normalized(whole)
    parts = [p for p in (_normalized(part)[0].strip() for part in _ELLIPSIS.split(quote)) if p]
    if not parts:
        return None
    start = haystack.find(parts[0])
    while start >= 0:
        end = start + len(parts[0])
        for part in parts[1:]:
            found = haystack.find(part, end)
            if found < 0 or found - end > 2000:
                break
            end = found + len(part)
        else:
            return where[start], where[end - 1] + 1
        start = haystack.find(parts[0], start + 1)
    return None


def _locator_span(whole: str, locator: str | None) -> tuple[int, int] | None:
    match = _LINES.search(locator or "")
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    offsets = _line_offsets(whole)
    if first < 1 or first > len(offsets):
        return None
    last = min(max(last, first), len(offsets))
    end = offsets[last] - 1 if last < len(offsets) else len(whole)
    return offsets[first - 1], max(end, offsets[first - 1])


def _line_offsets(whole: str) -> list[int]:
    offsets = [0]
    offsets.extend(m.end() for m in re.finditer("\n", whole))
    if offsets[-1] == len(whole) and len(offsets) > 1:
        offsets.pop()
    return offsets


def _around(whole: str, span: tuple[int, int], context: int, how: str) -> Passage:
    offsets = _line_offsets(whole)
    line_of = lambda offset: _bisect(offsets, offset)  # noqa: E731
    first = max(0, line_of(span[0]) - context)
    last = min(len(offsets) - 1, line_of(max(span[0], span[1] - 1)) + context)
    begin = offsets[first]
    finish = offsets[last + 1] - 1 if last + 1 < len(offsets) else len(whole)
    text = whole[begin:finish].rstrip("\n")
    return Passage(text, span[0] - begin, min(span[1] - begin, len(text)), first + 1, how)


def _bisect(offsets: list[int], offset: int) -> int:
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if offsets[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
