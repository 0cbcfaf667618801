"""A text's sentences, within its paragraphs: a sentence never runs across a heading, a
signature, a paragraph's end or a footnote.

Texts come in two shapes. A web page or an article saved as text writes a paragraph a line:
there every line ends its paragraph. A PDF extraction wraps its lines at a width (the thesis:
about 90 characters, with blank lines between them): there a paragraph ends at a line well
short of the width that ends a sentence, and a short line that ends none (a heading, a
signature, "Document 411") stands alone when the next line begins a new sentence. In a text
written a paragraph a line, a line ends its paragraph when it ends a sentence, or stands alone
when it ends none and the next line begins one; a line indented by two spaces or more (an
endnote wrapped by hand) goes on with the line before.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sourcecrit.anchoring import TextIndex

_SENTENCE_END = re.compile(r"(?<![ (][A-Z]\.)(?<=[.!?])[\"”’)\d]*\s+(?=[\"“‘(]?[A-Z0-9ÇĞİÖŞÜ])")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)\d]*$")
_INDENTED = re.compile(r"[ \t\u00a0]{2,}")
_BEGINS_SENTENCE = re.compile(r"[\"“‘(]?[A-Z0-9ÇĞİÖŞÜ]")
_ENDS_CLAUSE = re.compile(r"[,;:(\-–—]$")
_HEADING = re.compile(r"(?:Documents?|Doc\.|Chapter|CHAPTER|Part|PART|Section|Appendix|APPENDIX)\s+[\dIVXLC]+\b"
                      r"|\d+(?:\.\d+)+\.?\s+[A-Z]")
WRAPPED_WIDTH = 130  # a text whose long lines are shorter than this is wrapped; longer: a paragraph a line


class Sentence(NamedTuple):
    """A sentence's offsets in the text, the footnote it stands in, and whether it opens a paragraph."""

    start: int
    end: int
    note: int | None
    opens_paragraph: bool


def sentences(index: TextIndex, numbers: list[int] | None = None) -> list[Sentence]:
    """The sentences of the lines ``numbers`` (1-based, in order; all of them when None); a
    footnote's lines are sentences of their own, not part of the body sentence they interrupt."""
    if numbers is None:
        numbers = list(range(1, len(index.line_starts) + 1))
    found = []
    for begin, end, note, opens in _blocks(index, numbers):
        cut, first = begin, opens
        for match in _SENTENCE_END.finditer(index.text, begin, end):
            found.append(Sentence(cut, match.start(), note, first))
            cut, first = match.end(), False
        found.append(Sentence(cut, end, note, first))
    return [s for s in found if index.text[s.start:s.end].strip()]


def _blocks(index: TextIndex, numbers: list[int]) -> list[tuple[int, int, int | None, bool]]:
    """Runs of lines no sentence crosses: (start, end, footnote, opens a paragraph). The body and
    the footnotes each keep their own paragraph: a footnote's end does not end the body's."""
    text, starts = index.text, index.line_starts
    width, owned = _width(text), set(numbers)
    blocks: list[tuple[int, int, int | None, bool]] = []
    last: dict[bool, _Line] = {}  # the last non-blank line of the body (False) and of the notes (True)
    for number in numbers:
        begin = starts[number - 1]
        end = starts[number] if number < len(starts) else len(text)
        line = text[begin:end].strip()
        note = index.note_at(number)
        if not line:
            if blocks and blocks[-1][1] == begin:  # a blank line within the run
                blocks[-1] = (blocks[-1][0], end, blocks[-1][2], blocks[-1][3])
            continue
        before = last.get(note is not None)
        goes_on = width is None and bool(_INDENTED.match(text, begin))  # an endnote's line wrapped by hand
        opens = before is None or before.note != note or bool(_HEADING.match(line)) \
            or any(k not in owned and text[starts[k - 1]:starts[k]].strip() for k in range(before.number + 1, number)) \
            or (not goes_on and (before.ends_paragraph or (before.alone and bool(_BEGINS_SENTENCE.match(line)))))
        if opens or not blocks or blocks[-1][2] != note or blocks[-1][1] != begin:
            blocks.append((begin, end, note, opens))
        else:
            blocks[-1] = (blocks[-1][0], end, note, blocks[-1][3])
        last[note is not None] = _Line.of(number, note, line, width)
    return blocks


class _Line(NamedTuple):
    """What a line says of the line after it: whether it ended its paragraph, or stands alone."""

    number: int
    note: int | None
    ends_paragraph: bool
    alone: bool

    @classmethod
    def of(cls, number: int, note: int | None, line: str, width: int | None) -> "_Line":
        short = width is None or len(line) < 0.75 * width  # a line a paragraph is never "full"
        ends = bool(_HEADING.match(line)) or (short and bool(_ENDS_SENTENCE.search(line)))
        alone = (width is None or len(line) < 0.6 * width) and not _ENDS_SENTENCE.search(line) \
            and not _ENDS_CLAUSE.search(line)
        return cls(number, note, ends, alone)


def _width(text: str) -> int | None:
    """The width a wrapped text's lines are wrapped at (the length most long lines stay under);
    None for a text written a paragraph a line: its long lines are longer, or most of its lines
    are well short of them."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    full = sum(length >= 0.75 * width for length in lengths)
    return width if width < WRAPPED_WIDTH and full > len(lengths) / 2 else None
