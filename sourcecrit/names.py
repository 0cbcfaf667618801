"""Folding names so that spellings of one name meet: Gümrü, Gumru, GÜMRÜ; Budyenny, Budenny.

Folding is for look-up and suggestion only; the ledger always keeps the name as written.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII, or reduces wrongly for
# our purposes (Turkish dotless ı, German ß, Scandinavian ø, ...).
_LETTERS = str.maketrans(
    {
        "ı": "i", "İ": "i", "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "ð": "d", "þ": "th", "ł": "l", "Ł": "l", "đ": "d",
        "ʼ": "", "ʻ": "", "’": "", "‘": "", "'": "", "`": "", "´": "",
    }
)

# Usual differences between transliterations of Russian and Turkish names
# (Budyonny, Budyenny, Budennii, Budenny; Ordzhonikidze, Orjonikidze). Applied in order
# to a folded name, they map variants towards one skeleton.
_TRANSLITERATION = [
    (re.compile(r"dzh|dj|dž|j"), "j"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ch|tch|tsch"), "c"),
    (re.compile(r"sh|sch"), "s"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"(?<=[a-z])(?:yo|ye|yu|ya)"), lambda m: m.group(0)[1]),
    (re.compile(r"y"), "i"),
    (re.compile(r"ii\b|iy\b|ij\b|yi\b"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]

_NON_WORD = re.compile(r"[^a-z0-9]+")


class _CombiningMarks(dict):
    """A translation table that deletes combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.combining(chr(code)) else code
        return kept


_NO_MARKS = _CombiningMarks()


def fold(name: str) -> str:
    """Lower-case ASCII words of a name: 'Gümrü' -> 'gumru', 'İsmet  Paşa' -> 'ismet pasa'."""
    text = name.translate(_LETTERS)
    if not text.isascii():  # most names are: they need no decomposition
        text = unicodedata.normalize("NFKD", text).translate(_NO_MARKS)
    return _NON_WORD.sub(" ", text.lower()).strip()


def skeleton(name: str) -> str:
    """A folded name with transliteration differences levelled: Budyenny and Budenny meet."""
    text = fold(name)
    for pattern, replacement in _TRANSLITERATION:
        text = pattern.sub(replacement, text)
    return text
