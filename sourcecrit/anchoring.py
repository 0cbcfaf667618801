"""A quote anchored in a source's text despite what extraction did to the text, and the anchor
as W3C Web Annotation selectors.

``TextIndex(text)`` folds a text once (line breaks, blank lines and runs of spaces as one
space; a word hyphenated across lines joined; curly and straight quotes and apostrophes, lost
or not, alike; a footnote call number glued to a word left out; ligatures spelled out) and
``TextIndex.anchors(quote)`` finds the quote in it: every place where the folded quote stands
as it is (``exact``), else the best approximate place (``fuzzy``, scored 0-100) among those
that share the most words with it. A PDF extraction prints footnotes between the lines of
the body; a quote running over such a footnote is also looked for in the body with its
footnotes lifted out (``footnotes`` finds them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

__all__ = ["Anchor", "TextIndex", "footnotes", "position_selector", "quote_selector"]

FUZZY_FLOOR = 80  # below this score the best place is not the quote's: an orphan
_CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "Ꜳ": "AA", "ꜳ": "aa"}
_DASHES = {"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"}
_QUOTE_MARKS = frozenset("'\"‘’‚‛′`´“”„‟″«»")  # lost in many extractions: never counted
_AFTER_WORD = frozenset(".,;:)]\"'’”")  # what may stand between a word and its footnote call
_WORD = re.compile(r"\w+")
_COMMON = 400  # a word found more often than this in the text does not help to place a quote


@dataclass(frozen=True)
class Anchor:
    """Where a quote stands in a text: offsets into the text as read (``start``/``end``), how it
    was found (``exact`` or ``fuzzy``) and the score of the match (100 when exact)."""

    start: int
    end: int
    how: str
    score: float


class _Folded:
    """Some of a text's characters folded for matching, with each folded character's offset in the text."""

    def __init__(self, text: str, ranges: list[tuple[int, int]]) -> None:
        out: list[str] = []
        where: list[int] = []
        pending_space = False
        for begin, finish in ranges:
            pending_space = bool(out)
            i = begin
            while i < finish:
                ch = text[i]
                if ch.isspace():
                    pending_space = bool(out)
                    i += 1
                    continue
                if ch in _DASHES:
                    ch = "-"
                if ch == "-" and out and out[-1].isalpha() and _letter_after(text, i + 1, finish):
                    i += 1  # a hyphenated word, across a line end or not, is one word
                    pending_space = False
                    while i < finish and text[i].isspace():
                        i += 1
                    continue
                if ch in _QUOTE_MARKS or ch == "\u00ad":
                    i += 1
                    continue
                if ch.isdigit() and _glued_call(text, i, begin, finish):
                    i = _digits_end(text, i, finish)
                    continue
                if pending_space:
                    out.append(" ")
                    where.append(i)
                    pending_space = False
                for folded in _LIGATURES.get(ch, ch):
                    out.append(folded)
                    where.append(i)
                i += 1
        self.text = "".join(out)
        self.where = where
        self.where.append(where[-1] + 1 if where else 0)  # the offset just past the last character

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the text of the folded characters ``start:end``."""
        return self.where[start], self.where[max(start, end - 1)] + 1

    @cached_property
    def lower(self) -> str:
        # per character, so that offsets stay those of ``text`` (str.lower of "İ" is two characters)
        return "".join(ch.lower()[0] for ch in self.text)

    @cached_property
    def words(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for match in _WORD.finditer(self.lower):
            found.setdefault(match.group(), []).append(match.start())
        return found


def _letter_after(text: str, i: int, finish: int) -> bool:
    while i < finish and text[i] in " \t\r\n":
        i += 1
    return i < finish and text[i].isalpha()


def _glued_call(text: str, i: int, begin: int, finish: int) -> bool:
    """Whether the digits at ``i`` are a footnote call run on to the word before ("Moscow.12 The",
    "March222"): one to three digits after a letter (and a stop or closing mark), not followed by
    a letter or digit."""
    j = i - 1
    while j >= begin and text[j] in _AFTER_WORD and i - j <= 2:
        j -= 1
    if j < begin or not text[j].isalpha():
        return False
    end = _digits_end(text, i, finish)
    return end - i <= 3 and (end >= finish or not text[end].isalnum())


def _digits_end(text: str, i: int, finish: int) -> int:
    while i < finish and text[i].isdigit():
        i += 1
    return i


def _fold_quote(quote: str) -> list[str]:
    """The quote's parts between ellipses, folded as the text is."""
    parts = [_Folded(part, [(0, len(part))]).text.strip() for part in _ELLIPSIS.split(quote)]
    return [part for part in parts if part]


class TextIndex:
    """A source's text, folded once, in which any number of quotes are anchored."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.notes = footnotes(text)
        self.views = [_Folded(text, [(0, len(text))])]
        in_notes = {line for first, last in self.notes.values() for line in range(first, last + 1)}
        if in_notes:
            self.views.append(_Folded(text, self._line_ranges(in_notes)))

    def _line_ranges(self, skipped: set[int]) -> list[tuple[int, int]]:
        ends = self.line_starts[1:] + [len(self.text)]
        return [(start, end) for number, (start, end) in enumerate(zip(self.line_starts, ends), 1) if number not in skipped]

    def line_of(self, offset: int) -> int:
        """The 1-based line of the text on which ``offset`` stands."""
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def note_at(self, line: int) -> int | None:
        """The number of the footnote ``line`` belongs to, if any."""
        return next((number for number, (first, last) in self.notes.items() if first <= line <= last), None)

    def anchors(self, quote: str) -> list[Anchor]:
        """Every place the quote stands as written (after folding), else the best approximate
        place scoring at least FUZZY_FLOOR (two when two places score alike), else none."""
        parts = _fold_quote(quote)
        if not parts:
            return []
        exact = self._exact(parts)
        if exact:
            return exact
        return self._fuzzy(" ".join(parts))

    # exact -------------------------------------------------------------------------------
    def _exact(self, parts: list[str]) -> list[Anchor]:
        found: dict[int, Anchor] = {}
        for view in self.views:
            for start, end in _occurrences(view.text, parts):
                span = view.span(start, end)
                found.setdefault(span[0], Anchor(span[0], span[1], "exact", 100.0))
        return sorted(found.values(), key=lambda anchor: anchor.start)

    # fuzzy -------------------------------------------------------------------------------
    def _fuzzy(self, quote: str) -> list[Anchor]:
        needle = "".join(ch.lower()[0] for ch in quote)
        for view in self.views:  # the body with its footnotes lifted out only when the text as it is fails
            found = self._fuzzy_in(view, needle)
            if found:
                return found
        return []

    def _fuzzy_in(self, view: _Folded, needle: str) -> list[Anchor]:
        best: list[Anchor] = []
        pad = max(24, len(needle) // 3)
        for start in _likely_starts(view, needle):
            lo = max(0, start - pad)
            window = view.lower[lo:start + len(needle) + pad]
            score, begin, finish = _aligned(needle, window)
            if score >= FUZZY_FLOOR:
                span = view.span(lo + begin, lo + finish)
                best.append(Anchor(span[0], span[1], "fuzzy", round(score, 1)))
        if not best:
            return []
        best.sort(key=lambda anchor: (-anchor.score, anchor.start))
        top = [best[0]]
        for anchor in best[1:]:
            if anchor.score >= best[0].score - 0.5 and all(abs(anchor.start - a.start) > len(needle) for a in top):
                top.append(anchor)
        return sorted(top, key=lambda anchor: anchor.start)


def _aligned(needle: str, window: str) -> tuple[float, int, int]:
    """The stretch of ``window`` most like ``needle``: its score and its offsets. A first
    alignment of the needle's length is widened or narrowed, word by word, at either end, so
    that words dropped from or added to the quote do not cost the score of a whole stretch."""
    first = fuzz.partial_ratio_alignment(needle, window)
    if first is None or first.score < FUZZY_FLOOR - 15:
        return 0.0, 0, 0
    reach = max(12, len(needle) // 3)
    starts = {first.dest_start} | {i for i in range(max(0, first.dest_start - reach), min(len(window), first.dest_start + reach + 1))
                                   if i == 0 or window[i - 1] == " "}
    ends = {first.dest_end} | {i for i in range(max(1, first.dest_end - reach), min(len(window), first.dest_end + reach) + 1)
                               if i == len(window) or window[i] == " "}
    score, begin, finish = _best_pair(needle, window, starts, ends)
    if score <= first.score:
        score, begin, finish = first.score, first.dest_start, first.dest_end
    return (score, *_trimmed(window, begin, finish))


def _best_pair(needle: str, window: str, starts: set[int], ends: set[int]) -> tuple[float, int, int]:
    best = (0.0, 0, 0)
    for s in sorted(starts):
        for e in sorted(ends):
            if e > s:
                score = fuzz.ratio(needle, window[s:e], score_cutoff=best[0])
                if score > best[0]:
                    best = (score, s, e)
    return best


def _occurrences(haystack: str, parts: list[str]) -> list[tuple[int, int]]:
    """Where the parts stand one after another (each within 2,000 characters of the one before)."""
    found = []
    start = haystack.find(parts[0])
    while start >= 0:
        end = start + len(parts[0])
        for part in parts[1:]:
            at = haystack.find(part, end)
            if at < 0 or at - end > 2000:
                break
            end = at + len(part)
        else:
            found.append((start, end))
        start = haystack.find(parts[0], start + 1)
    return found


def _likely_starts(view: _Folded, needle: str, keep: int = 6) -> list[int]:
    """Where the quote most likely starts: the places where most of its words stand at about
    the distance from its start that they have in the quote."""
    votes: dict[int, set[str]] = {}
    for match in _WORD.finditer(needle):
        word = match.group()
        places = view.words.get(word, ())
        if len(word) < 3 or len(places) > _COMMON:
            continue
        for place in places:
            votes.setdefault((place - match.start()) // 32, set()).add(word)
    ranked = sorted(votes, key=lambda bucket: -(len(votes[bucket]) + len(votes.get(bucket + 1, ())) / 2
                                                + len(votes.get(bucket - 1, ())) / 2))
    chosen: list[int] = []
    for bucket in ranked:
        if all(abs(bucket - other) > 1 for other in chosen):
            chosen.append(bucket)
        if len(chosen) == keep:
            break
    return [bucket * 32 + 16 for bucket in chosen]


def _trimmed(window: str, start: int, end: int) -> tuple[int, int]:
    """An aligned stretch without the spaces at its ends."""
    while start < end and window[start] == " ":
        start += 1
    while end > start and window[end - 1] == " ":
        end -= 1
    return start, end


def footnotes(text: str) -> dict[int, tuple[int, int]]:
    """The footnotes of a text, by number: their first and last lines (1-based). Bracketed
    endnotes ("[3] ...") when the text has them; else the footnotes a PDF extraction prints
    between the lines of the body: a line beginning with the next number in sequence, running
    until a blank line or a line beginning with a space (where the body resumes)."""
    lines = text.split("\n")
    bracketed = [i for i, line in enumerate(lines) if re.match(r"\[\d+\]", line)]
    if bracketed:
        notes = {}
        for i in bracketed:
            j = i + 1
            while j < len(lines) and (not lines[j] or lines[j][0].isspace()):
                j += 1
            notes[int(re.match(r"\[(\d+)\]", lines[i]).group(1))] = (i + 1, j)  # type: ignore[union-attr]
        return notes
    return _pdf_footnotes(lines)


def _pdf_footnotes(lines: list[str]) -> dict[int, tuple[int, int]]:
    notes: dict[int, tuple[int, int]] = {}
    expected, current = 1, None
    for i, line in enumerate(lines):
        start = re.match(r"(\d{1,3})(?!\d)", line)
        number = int(start.group(1)) if start else 0
        # an extraction may lose a few footnotes: a later number starts a note too where a
        # footnote can stand (not after a blank line, where the body goes on)
        if number == expected or (expected < number <= expected + 9 and i and lines[i - 1] != ""):
            current, expected = number, number + 1
            notes[current] = (i + 1, i + 1)
        elif current is not None and line.strip() and not line[0].isspace():
            notes[current] = (notes[current][0], i + 1)
        else:
            current = None
    return notes


def quote_selector(text: str, anchor: Anchor) -> dict[str, str]:
    """The W3C Web Annotation TextQuoteSelector of an anchor: the text found, and what stands around it."""
    return {"type": "TextQuoteSelector", "exact": text[anchor.start:anchor.end],
            "prefix": text[max(0, anchor.start - _CONTEXT):anchor.start], "suffix": text[anchor.end:anchor.end + _CONTEXT]}


def position_selector(anchor: Anchor) -> dict[str, object]:
    """The W3C Web Annotation TextPositionSelector of an anchor (offsets in code points)."""
    return {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}
