"""Numbers as people write them: digit groups, decimal commas, scale words and English number words.

``read_leading_number("3,5 million gold rubles")`` reads the number at the start of a text and
hands back what follows it; ``plain`` and ``readable`` write numbers back for ledgers and reasons.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import NamedTuple

from sourcecrit.values.base import ValueProblem

# Digits, grouped by commas, dots or apostrophes, or by spaces before exactly three digits.
_DIGITS = re.compile(r"\s*(\d+(?:(?:[,.'’]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*)")
_MARK = re.compile(r"([,.'’ \u00a0\u202f])")
_WORD = re.compile(r"\s*([^\W\d_]+(?:-[^\W\d_]+)*)")

_SMALL = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {word: 10 * n for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SMALL.update(_TENS)
_SCALES = {"dozen": 12, "score": 20, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_PLURAL_SCALES = {word + "s": size for word, size in _SCALES.items()}
_NUMBER_WORDS = {*_SMALL, *_SCALES, *_PLURAL_SCALES, "hundred", "hundreds", "a", "an", "half", "and"}
_HALF = Decimal("0.5")
_FLOAT_DIGITS = 300  # longer whole numbers are read as Decimal: int() refuses very long digit strings
_CONNECTIVES = ("and", "and a")  # a phrase never ends on these: "1 and 2 million" is a range


class NumberPhrase(NamedTuple):
    """A number read from the start of a text; ``scale`` is its trailing scale ("million": 10**6)."""

    value: int | float
    scale: int
    rest: str


def read_number(text: str, european: bool = False) -> int | float:
    """The number that ``text`` is, and nothing else; ValueProblem otherwise."""
    phrase = read_leading_number(text, european)
    if phrase.rest.strip():
        raise ValueProblem(f"cannot read '{text.strip()}' as a number")
    return phrase.value


def read_leading_number(text: str, european: bool = False) -> NumberPhrase:
    """The number at the start of ``text`` and the text after it; ValueProblem when none is there."""
    state = (0, 0, 1, "")  # total, current group, trailing scale, previous word
    pos = end = 0
    digits = _DIGITS.match(text)
    if digits:
        state = (0, _digit_value(digits.group(1), european), 1, "#")
        pos = end = digits.end()
    while word := _WORD.match(text, pos):
        state_after = state
        parts = word.group(1).casefold().split("-")
        for part in parts:
            state_after = _next_word(state_after, part) if state_after else None
        if state_after is None and len(parts) > 1:  # "four-five hundred": a range, not one word
            state_after = _next_word(state, parts[0])
            if state_after is not None:
                state, end = state_after, word.start(1) + len(parts[0])
            break
        if state_after is None:
            break
        state, pos = state_after, word.end()
        if state[3] not in _CONNECTIVES:
            end = pos
    if end == 0:
        raise ValueProblem(f"no number at the start of '{text.strip()}'")
    total, current, scale, _ = state
    return NumberPhrase(_tidy(total + current), scale, text[end:])


def _next_word(state: tuple, word: str) -> tuple | None:
    """The reading after one more word, or None when the word does not continue the number."""
    total, current, scale, previous = state
    if word not in _NUMBER_WORDS:
        return None
    if word in _SMALL:
        value = _SMALL[word]
        follows = previous in ("and", "") or (previous in _TENS and value < 10) or (previous == "hundred" and value < 100)
        return (total, current + value, 1, word) if not current or follows else None
    if word in ("a", "an"):
        if previous == "":
            return (total, 1, 1, word)
        return (total, current, scale, "and a" if previous == "and" else word) if previous in ("and", "half") else None
    if word == "half":
        if previous in ("", "and a"):
            return (total, current + _HALF, 1, word)
        return None
    if word == "and":
        return (total, current, scale, word) if (total or current) and previous not in ("and", "and a") else None
    if word in _PLURAL_SCALES or word == "hundreds":
        if previous == "":
            raise ValueProblem(f"'{word}' says only that there were many; write a number or a range")
        word = word[:-1]
    if word == "hundred":
        return (total, (current or 1) * 100, scale * 100, word) if current < 100 else None
    size = _SCALES[word]
    if current:
        return (total + current * size, 0, scale * size, word)
    return (total * size or size, 0, scale * size, word)


def _digit_value(token: str, european: bool) -> int | Decimal:
    """The value of digits with thousands separators and perhaps a decimal mark."""
    if token.isdecimal():
        return int(token) if len(token) < _FLOAT_DIGITS else Decimal(token)
    parts = _MARK.split(token)
    groups, marks = parts[0::2], parts[1::2]
    fraction = ""
    if _is_decimal_mark(marks, groups[-1], european):
        fraction, groups, marks = "." + groups[-1], groups[:-1], marks[:-1]
    if marks and (len(set(marks)) > 1 or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueProblem(f"cannot read the number '{token}'")
    return Decimal("".join(groups) + fraction)


def _is_decimal_mark(marks: list[str], last_group: str, european: bool) -> bool:
    """Whether the last mark is a decimal point or comma rather than a thousands separator."""
    mark = marks[-1]
    if mark not in ",.":
        return False
    if len(marks) > 1:
        return mark not in marks[:-1]  # 1,000.5 and 1.000,5
    if len(last_group) != 3:
        return True
    return (mark == ",") == european  # 1,750 and 1.750 depend on the convention


def _tidy(value: int | Decimal) -> int | float:
    """An int when the number is whole, else a float; ValueProblem when it is too large."""
    try:
        number = float(value)
    except OverflowError:  # a whole number beyond floats
        number = math.inf
    if math.isinf(number):
        raise ValueProblem("that number is too large to record")
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else number


def plain(number: float) -> str:
    """Digits only, which read back to the same number under either number convention."""
    if number.is_integer():
        return str(int(number))
    text = format(Decimal(repr(number)), "f")
    return text + "0" if len(text.partition(".")[2]) == 3 else text  # 1.1250, never thousands


def readable(number: float) -> str:
    """A number as a historian writes it: "10 million", "1.75 million", "100,000", "2.5"."""
    for size, word in ((10**9, "billion"), (10**6, "million")):
        short = round(number / size, 3)
        if number >= size and math.isclose(short * size, number, rel_tol=1e-9):
            return f"{short:,.3f}".rstrip("0").rstrip(".") + " " + word
    if number >= 1000 or float(number).is_integer():
        return f"{number:,.0f}"
    return f"{number:.6g}"
