"""A claim's quote found in the text the ledger holds, or the passage its locator points to.

The claim screen shows the passage; a check that quotes are really in their texts and the
capture of new claims build on the same functions:

- ``find_quote(text, quote)``: where the quote stands in the text, or None;
- ``passage_at(text, locator)``: the lines a locator's "line N" / "lines N-M" names;
- ``find_passage(text, quote, locator)``: the quote's passage, else the locator's;
- ``source_text_path(root, text)``: where a source's held text is.

A quote is matched after collapsing whitespace, undoing line-end hyphenation ("-\\n") and
ignoring case and curly quotes; an ellipsis ("...", "…", "[...]") in the quote skips words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sourcecrit.ledger.texts import held_text

__all__ = ["CONTEXT_LINES", "Passage", "Span", "find_passage", "find_quote", "passage_at", "source_text_path"]

CONTEXT_LINES = 4  # lines shown either side of a quote
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")
_LINES = re.compile(r"\blines?\s+(\d+)(?:\s*[-–]\s*(\d+))?", re.IGNORECASE)
_SAME = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})

Span = tuple[int, int]
"""Start and end offsets of some words in a text, as for slicing."""


@dataclass(frozen=True)
class Passage:
    """Whole lines of a text around a quote (or a locator's lines); ``start``/``end`` mark the
    quote (or those lines) as offsets into ``text``."""

    text: str
    start: int
    end: int
    first_line: int  # 1-based number of the passage's first line
    how: str  # "quote" when the quote was found, "locator" when the locator's lines were used


def source_text_path(root: Path, text: str | None) -> Path | None:
    """The file of a source's held ``text`` (a path relative to the ledger folder ``root``);
    None when the source holds none or the file is not there."""
    return held_text(root, text)


def find_passage(whole: str, quote: str | None, locator: str | None, context: int = CONTEXT_LINES) -> Passage | None:
    """The passage of ``whole`` that holds ``quote``, else the one ``locator`` names, with
    ``context`` lines either side; None when neither is found."""
    span = find_quote(whole, quote) if quote else None
    if span is None:
        return passage_at(whole, locator, context)
    return _around(whole, span, context, "quote")


def passage_at(whole: str, locator: str | None, context: int = CONTEXT_LINES) -> Passage | None:
    """The lines of ``whole`` that ``locator`` names ("line 12", "lines 12-14", within any
    other words), with ``context`` lines either side; None when it names no line of the text."""
    span = _locator_span(whole, locator)
    return _around(whole, span, context, "locator") if span is not None else None


def find_quote(whole: str, quote: str) -> Span | None:
    """Where ``quote`` stands in ``whole``, as offsets into ``whole``; None when it is not there.

    Whitespace, line-end hyphenation, case and the kind of quotation marks do not matter; an
    ellipsis in the quote stands for up to about 2,000 characters left out.
    """
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


def _locator_span(whole: str, locator: str | None) -> Span | None:
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


def _around(whole: str, span: Span, context: int, how: str) -> Passage:
    """The whole lines around ``span``, ``context`` more either side."""
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
