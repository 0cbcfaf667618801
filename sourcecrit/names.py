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
        "ʼ": "", "ʻ": "", "’": "", "‘": "", "'": "", "`": "", "´": "", "ʿ": "", "ʾ": "",
        "ə": "a", "Ə": "a",
    }
)

# The transliteration key: usual differences between romanizations of Russian, Turkish,
# Azerbaijani, Armenian and Arabic names, applied in order to a folded name so that the
# variants of one name meet in one skeleton (Budyonny, Budyenny, Budennii; Ordzhonikidze,
# Orjonikidze; Myasnikyan, Miasnikian; Aleksandr, Alexander; Cemal, Djemal, Jemal). Folding
# has already made ç c, ş s and ğ g, so the sounds those letters share with ch, sh and gh
# meet here. The README's names table lists the pairs; a name that reaches one entity only
# through them is read as it, with a note (see Gazetteer.resolve).
_TRANSLITERATION = [
    (re.compile(r"\bx"), "h"),  # Azerbaijani Xəlil, Halil
    (re.compile(r"x"), "ks"),  # Alexander, Aleksandr
    (re.compile(r"shch|shtch|sch|sh"), "s"),  # Ş, ш, щ
    (re.compile(r"dzh|dj|zh|tsch|tch|ch|cz|c|j"), "J"),  # c, ç, ch, j, dzh, zh
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ou"), "u"),  # French: Youssouf
    (re.compile(r"\b(?:al|el|ul)\b\s*"), ""),  # the Arabic article as a word: Abd al-Rahman
    (re.compile(r"\babd(?:ul|al|el|ol)"), "abd"),  # Abdul Rahman, Abdel Rahman
    (re.compile(r"(?<=[b-df-hj-np-tv-zJ])[yi]o"), "e"),  # ё: Pyotr, Petr; Budyonny, Budenny
    (re.compile(r"(?<=[b-df-hj-np-tv-zJ])[yi](?=[aeu])"), ""),  # Myasnikyan, Miasnikian
    (re.compile(r"\by(?=e)"), ""),  # Yevdokimov, Evdokimov
    (re.compile(r"sk(?:iy|ii|ij|yi|y|i)\b"), "ski"),  # -sky, -ski, -skiy
    (re.compile(r"(?<=[oe])ff\b"), "v"),  # -off, -eff: Smirnoff
    (re.compile(r"(?:iy|ii|ij|yi)\b"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[bdgkpt])er\b"), "r"),  # Alexander, Aleksandr; Peter, Petr
    (re.compile(r"(?<=[aeiou])d\b"), "t"),  # Turkish final d/t: Fuad, Fuat; Mehmed, Mehmet
    (re.compile(r"([a-zJ])\1+"), r"\1"),
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
