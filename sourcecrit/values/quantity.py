"""Quantities as sources give them: "10 million gold rubles", "about 100,000 rifles", "1-3 million".

A quantity is an interval in one unit: an exact amount, a range, or an open bound ("at least").
Approximate amounts are widened by ±10% when compared; amounts in different units are
compared only through a rate that the ledger records, and the reason names it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from sourcecrit.values.base import CompareContext, Comparison, ParseContext, Rate, Relation, ValueProblem
from sourcecrit.values.numbers import NumberPhrase, plain, read_leading_number, readable

WIDENING = 0.1
EXACT, RANGE = "exact", "range"
AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN, NEARLY = "at least", "more than", "at most", "less than", "nearly"
UPPER_BOUNDS = (AT_MOST, LESS_THAN)
MAX_LENGTH = 1000
"""Longer text is refused before any pattern is tried: no quantity needs more."""

_APPROXIMATE = re.compile(
    r"(?:(?:about|around|approximately|approx|some|roughly|circa|ca|c|an estimated|estimated)\b\.?|~)\s*",
    re.IGNORECASE,
)
_NEARLY = re.compile(r"(?:nearly|almost|close\s+to|just\s+under|not\s+quite)\b\s*", re.IGNORECASE)
_NEARLY_FIRST = frozenset("nNaAcCjJ")
_CURRENCY_FIRST = frozenset("$£€₺₽¥uU")
_COUNTING = re.compile(r"(several|a\s+few)\s+(hundred|thousand|million)s?\b\s*(?:of\s+)?", re.IGNORECASE)
COUNTING_WORDS = {"several": (3, 9), "afew": (2, 5)}
"""What "several hundred" and "a few thousand" read as: 3 to 9, and 2 to 5, of the scale."""
_CURRENCY = re.compile(r"(us\s*\$|\$|£|€|₺|₽|¥)\s*", re.IGNORECASE)
CURRENCY_SYMBOLS = {"$": ("dollar", "US dollar"), "us$": ("US dollar", "dollar"),
                    "£": ("pound sterling", "pound", "British pound"), "€": ("euro",),
                    "₺": ("Turkish lira", "lira"), "₽": ("ruble", "rouble"), "¥": ("yen",)}
"""A symbol before an amount, and the unit names it is looked up as, in order (never the
symbol itself: folding a name for look-up drops it)."""
_BOUND_WORDS = {
    "at least": AT_LEAST, "no less than": AT_LEAST, "not less than": AT_LEAST, "no fewer than": AT_LEAST,
    "more than": MORE_THAN, "over": MORE_THAN, "above": MORE_THAN, "upwards of": MORE_THAN, "in excess of": MORE_THAN,
    "at most": AT_MOST, "up to": AT_MOST, "no more than": AT_MOST, "not more than": AT_MOST,
    "less than": LESS_THAN, "fewer than": LESS_THAN, "under": LESS_THAN, "below": LESS_THAN,
}
_BOUND = re.compile(r"(" + "|".join(sorted(_BOUND_WORDS, key=len, reverse=True)) + r")\b\s*", re.IGNORECASE)
_OPENING = re.compile(r"(between|from)\s+", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*(?:(to|or|and)\b|[-–—])\s*", re.IGNORECASE)
_CONNECTORS = {"": ("to", "or", ""), "between": ("and", ""), "from": ("to", "")}
_OR_SUFFIX = re.compile(r"\s*or (more|less|fewer|so)\b", re.IGNORECASE)
_OR_SUFFIX_MEANING = {"more": AT_LEAST, "less": AT_MOST, "fewer": AT_MOST, "so": EXACT}
_OF = re.compile(r"of\s+", re.IGNORECASE)
_DOUBTED_IN_PARENTHESES = re.compile(r"\(\s*([^()?]+?)\s*\?\s*\)")


@dataclass(frozen=True)
class Quantity:
    """An amount as an interval in one unit; ``words`` keeps the unit as the claim wrote it."""

    low: float
    high: float
    unit: str | None
    approximate: bool = False
    unit_doubted: bool = False
    bound: str = EXACT
    words: str = field(default="", compare=False)
    written: str = field(default="", compare=False)

    @property
    def span(self) -> tuple[float, float]:
        """The interval compared: the amount, widened by 10% each way when approximate."""
        if self.approximate:
            return self.low * (1 - WIDENING), self.high * (1 + WIDENING)
        return self.low, self.high


def parse(written: Any, context: ParseContext) -> Quantity:
    """Read a written quantity; ValueProblem says what cannot be read."""
    text = " ".join(_text_of(written).split())
    if len(text) > MAX_LENGTH:
        raise ValueProblem(f"'{text[:40]}…' is too long for a quantity; write the amount and its unit")
    if text[:1].isdigit():  # the commonest forms: no word or symbol before the amount
        rest, approximate, bound, nearly, symbol = text, False, EXACT, False, None
    else:
        rest, approximate = _strip(_APPROXIMATE, text)
        rest, bound = _bound(rest)
        rest, nearly = _strip(_NEARLY, rest) if rest[:1] in _NEARLY_FIRST else (rest, False)
        rest, approximate_after = _strip(_APPROXIMATE, rest)
        approximate = approximate or approximate_after
        rest, symbol = _currency(rest) if rest[:1] in _CURRENCY_FIRST else (rest, None)
        counting = _COUNTING.match(rest) if rest[:1] in "sSaA" else None
        if counting:
            return _counted(counting, text, rest, bound, nearly, symbol, context)
    low, high, rest, ranged = _amounts(rest, context.european_numbers)
    if nearly:
        if bound != EXACT or ranged:
            raise ValueProblem(f"'{text}' says 'nearly' and gives a bound or range too; keep one")
        bound = NEARLY
    if bound != EXACT and ranged:
        raise ValueProblem(f"'{text}' gives both a bound and a range; keep one")
    suffix = _OR_SUFFIX.match(rest)
    if suffix and not ranged and bound == EXACT:  # "5,000 or more", "200 or so"
        rest, word = rest[suffix.end():], suffix.group(1).lower()
        bound, approximate = _OR_SUFFIX_MEANING[word], approximate or word == "so"
    unit, words, doubted = _unit(rest, symbol, context)
    low, high = _bounded(bound, low, high)
    return Quantity(low, high, unit, approximate, doubted, RANGE if ranged else bound, words, text)


def _currency(text: str) -> tuple[str, str | None]:
    """A currency symbol before the amount ("$2,500,000"), taken off; None if there is none."""
    found = _CURRENCY.match(text)
    if not found:
        return text, None
    return text[found.end():], re.sub(r"\s", "", found.group(1).lower())


def _unit(rest: str, symbol: str | None, context: ParseContext) -> tuple[str | None, str, bool]:
    """The unit of the words after the amount, or the one a currency symbol names."""
    if symbol is None:
        return read_unit(rest, context)
    if rest.strip(" .,;:"):
        raise ValueProblem(f"'{symbol}' before the amount and '{rest.strip()}' after it: write one unit")
    for name in CURRENCY_SYMBOLS[symbol]:
        unit = _resolve(name, context)
        if unit:
            return unit, context.unit_label(unit), False
    names = " or ".join(f"'{n}'" for n in CURRENCY_SYMBOLS[symbol])
    raise ValueProblem(f"'{symbol}' names a currency the ledger does not declare; declare it under "
                       f"units: as {names}")


def _counted(found: re.Match, text: str, rest: str, bound: str, nearly: bool, symbol: str | None,
             context: ParseContext) -> Quantity:
    """"several hundred rifles": a range that the README documents."""
    if bound != EXACT or nearly:
        raise ValueProblem(f"'{text}' gives a bound and a vague count; write a number or a range")
    low, high = COUNTING_WORDS[re.sub(r"\s", "", found.group(1).lower())]
    scale = {"hundred": 100, "thousand": 1000, "million": 10**6}[found.group(2).lower()]
    unit, words, doubted = _unit(rest[found.end():], symbol, context)
    return Quantity(float(low * scale), float(high * scale), unit, False, doubted, RANGE, words, text)


def _text_of(written: Any) -> str:
    if isinstance(written, (int, float)) and not isinstance(written, bool) and math.isfinite(written):
        return plain(float(written))
    if not isinstance(written, str) or not written.strip():
        raise ValueProblem("a quantity is written as an amount and a unit, such as '10 million gold rubles'")
    return written


def _strip(pattern: re.Pattern, text: str) -> tuple[str, bool]:
    found = pattern.match(text)
    return (text[found.end():], True) if found else (text, False)


def _bound(text: str) -> tuple[str, str]:
    found = _BOUND.match(text)
    if not found:
        return text, EXACT
    return text[found.end():], _BOUND_WORDS[found.group(1).lower()]


def _amounts(text: str, european: bool) -> tuple[float, float, str, bool]:
    """The low and high amount, the text after them, and whether a range was written."""
    opening = _OPENING.match(text)
    allowed = _CONNECTORS[opening.group(1).lower() if opening else ""]
    first = read_leading_number(text[opening.end():] if opening else text, european)
    connector = _CONNECTOR.match(first.rest)
    if not connector or (connector.group(1) or "").lower() not in allowed or _OR_SUFFIX.match(first.rest):
        if opening:
            raise ValueProblem(f"'{text}' opens a range with '{opening.group(1)}' but gives no second number")
        return float(first.value), float(first.value), first.rest, False
    after = first.rest[connector.end():]
    second = read_leading_number(_currency(after)[0] if after[:1] in _CURRENCY_FIRST else after, european)
    if first.scale == 1 and second.scale > 1 and first.value >= second.value / second.scale and first.value < 1000:
        raise ValueProblem(f"'{text}' runs from {readable(first.value * second.scale)} down to "
                           f"{readable(second.value)}, or from {readable(first.value)} up to it; write the "
                           f"smaller number first with its scale, or both in full "
                           f"('{readable(first.value)} to {plain(float(second.value))}')")
    low, high = _shared_scale(first, second), float(second.value)
    if low > high:
        raise ValueProblem(f"the range '{text}' runs from more to less; write the smaller number first")
    return low, high, second.rest, True


def _shared_scale(first: NumberPhrase, second: NumberPhrase) -> float:
    """The low end, scaled like the high end when written without its scale word ("one to three million")."""
    if first.scale == 1 and second.scale > 1 and first.value < second.value / second.scale:
        return float(first.value * second.scale)
    return float(first.value)


def _bounded(bound: str, low: float, high: float) -> tuple[float, float]:
    if bound in (AT_LEAST, MORE_THAN):
        return low, math.inf
    if bound in UPPER_BOUNDS:
        return 0.0, high
    if bound == NEARLY:
        return high * (1 - WIDENING), high
    return low, high


def read_unit(text: str, context: ParseContext) -> tuple[str | None, str, bool]:
    """The unit id, the unit words and whether the source doubts the unit, from the text after an amount."""
    words = text.strip().rstrip(".,;:").strip()
    of = _OF.match(words)
    words = words[of.end():] if of else words
    candidates, doubted = _unit_candidates(words)
    if not candidates[0]:
        if doubted:
            raise ValueProblem("a question mark doubts the unit, but no unit is written")
        return None, "", False
    for candidate in candidates:
        unit = _resolve(candidate, context)
        if unit:
            return unit, candidate, doubted
    raise ValueProblem(f"unknown unit '{candidates[0]}'; declare it under units: in the declarations")


def _unit_candidates(words: str) -> tuple[list[str], bool]:
    """The readings of the unit words, in the order to try, and whether they are doubted."""
    found = _DOUBTED_IN_PARENTHESES.search(words)
    if found:
        before, inside, after = words[:found.start()].strip(), found.group(1), words[found.end():].strip()
        outside = " ".join(filter(None, (before, after)))
        readings = (" ".join(filter(None, (before, inside, after))), f"{outside} {inside}".strip(), f"{inside} {outside}".strip())
        return list(dict.fromkeys(readings)), True
    if words.endswith("?"):
        return [words[:-1].rstrip()], True
    return [words], False


def _resolve(words: str, context: ParseContext) -> str | None:
    """A unit id for the words as written, or without a plural ending."""
    unit = context.resolve_unit(words)
    if unit is None and words.endswith("s"):
        unit = context.resolve_unit(words[:-1]) or (context.resolve_unit(words[:-2]) if words.endswith("es") else None)
    return unit


# ---------------------------------------------------------------- writing


def written(value: Quantity) -> str:
    """The canonical written form: plain digits and the unit id ("about 100000 rifle")."""
    unit = f" {value.unit}{'?' if value.unit_doubted else ''}" if value.unit else ""
    return ("about " if value.approximate else "") + _amount_text(value, plain) + unit


def normalized(value: Quantity) -> dict:
    """The JSON-ready form; an open upper end is null."""
    return {
        "low": value.low,
        "high": None if math.isinf(value.high) else value.high,
        "unit": value.unit,
        "approximate": value.approximate,
        "unit_doubted": value.unit_doubted,
        "bound": value.bound,
    }


def describe(value: Quantity) -> str:
    """A short phrase for reasons: "about 100,000 rifles", "3 million rubles (unit doubted)"."""
    return _label(value) + (" (unit doubted)" if value.unit_doubted else "")


def _label(value: Quantity) -> str:
    return amount_of(value) + (f" {value.words or value.unit}" if value.unit else "")


def amount_of(value: Quantity) -> str:
    """The amount without its unit: "1–3 million", "about 100,000", "at least 5,000"."""
    return ("about " if value.approximate else "") + _amount_text(value, readable, "–")


def _amount_text(value: Quantity, number, dash: str = " to ") -> str:
    if value.bound == RANGE:
        return _range_text(value.low, value.high, number, dash)
    if value.bound in UPPER_BOUNDS or value.bound == NEARLY:
        return f"{value.bound} {number(value.high)}"
    prefix = "" if value.bound == EXACT else value.bound + " "
    return prefix + number(value.low)


def _range_text(low: float, high: float, number, dash: str) -> str:
    low_text, high_text = number(low), number(high)
    low_figure, _, low_scale = low_text.partition(" ")
    high_figure, _, high_scale = high_text.partition(" ")
    if low_scale and low_scale == high_scale:  # 1–3 million
        return f"{low_figure}{dash}{high_text}"
    return f"{low_text}{dash}{high_text}"


# ---------------------------------------------------------------- comparing


def compare(a: Quantity, b: Quantity, context: CompareContext) -> Comparison:
    """Same unit: compare the intervals; different units: only through a recorded rate."""
    if a.unit == b.unit:
        return _with_doubt(_relate(a, b, _label(a), _label(b)), a, b)
    obstacle = _obstacle(a, b)
    if obstacle:
        return Comparison(Relation.INCOMPARABLE, obstacle)
    rate = _rate_between(a.unit, b.unit, context.rates)
    if rate is None:
        aside = [why for r, why in context.set_aside if {r.from_unit, r.to_unit} == {a.unit, b.unit}]
        none = f"no rate applies between them ({'; '.join(aside)})" if aside else "the ledger records no rate between them"
        return Comparison(Relation.INCOMPARABLE, f"{a.words or a.unit} against {b.words or b.unit}, and {none}")
    return _converted(a, b, rate)


def _obstacle(a: Quantity, b: Quantity) -> str | None:
    """Why two quantities in different units cannot be converted, if they cannot."""
    if a.unit is None or b.unit is None:
        return f"{describe(a)} against {describe(b)}: one gives no unit"
    doubted = next((q for q in (a, b) if q.unit_doubted), None)
    if doubted:
        return f"the source itself doubts its unit ({doubted.words}?)"
    return None


def _rate_between(unit: str, other: str, rates: Sequence[Rate]) -> Rate | None:
    return next((r for r in rates if {r.from_unit, r.to_unit} == {unit, other}), None)


def _converted(a: Quantity, b: Quantity, rate: Rate) -> Comparison:
    """Compare in the unit that sorts first, so that the relation does not depend on the order."""
    target, other = (a, b) if a.unit < b.unit else (b, a)
    factor = rate.factor if rate.from_unit == other.unit else 1 / rate.factor
    moved = replace(other, low=other.low * factor, high=other.high * factor, unit=target.unit, words=target.words)
    label = f"{_label(other)} (= {_label(moved)})"
    if target is a:
        result = _relate(a, moved, _label(a), label)
    else:
        result = _relate(moved, b, label, _label(b))
    return Comparison(result.relation, f"{result.reason}; converted at {rate.named}")


def _relate(a: Quantity, b: Quantity, label_a: str, label_b: str) -> Comparison:
    """The relation of two quantities in one unit, with a reason built from their labels."""
    (a_low, a_high), (b_low, b_high) = a.span, b.span
    if _close(a_low, b_low) and _close(a_high, b_high) and a.approximate == b.approximate:
        same = f"both give {label_a}" if label_a == label_b else f"{label_a} and {label_b} are the same amount"
        return Comparison(Relation.AGREE, same)
    if _below(a_high, b_low) or _below(b_high, a_low):
        short_b = amount_of(b) if label_b == _label(b) and a.words == b.words else label_b
        return Comparison(Relation.CONTRADICT, f"{label_a} against {short_b}: {_difference(a, b)}")
    if a_low >= b_low and a_high <= b_high:
        return Comparison(Relation.CONSISTENT, f"{label_a} lies within {label_b}")
    if b_low >= a_low and b_high <= a_high:
        return Comparison(Relation.CONSISTENT, f"{label_b} lies within {label_a}")
    return Comparison(Relation.CONSISTENT, f"{label_a} and {label_b} overlap")


def _close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-9)


def _below(x: float, y: float) -> bool:
    return x < y and not _close(x, y)


def _difference(a: Quantity, b: Quantity) -> str:
    """How much more or less the second amount is, measured between the nearest stated ends."""
    first, second = (a.high, b.low) if a.high <= b.low else (a.low, b.high)
    if first == 0 or second == 0:
        return f"a difference of {readable(abs(second - first))}"
    ratio = second / first
    if ratio >= 2:
        return f"{'twice' if _close(ratio, 2) else _times(ratio) + ' times'} as much"
    if ratio > 1:
        return f"{_percent(ratio - 1)} more"
    return f"{_percent(1 - ratio)} less"


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.3g}"


def _percent(share: float) -> str:
    return f"{share * 100:.3g}%"


def _with_doubt(result: Comparison, a: Quantity, b: Quantity) -> Comparison:
    doubted = next((q for q in (a, b) if q.unit_doubted), None)
    if doubted is None:
        return result
    return Comparison(result.relation, f"{result.reason}; the unit is doubted ({doubted.words}?)")


class QuantityType:
    """The quantity value type."""

    name = "quantity"

    def parse(self, written: Any, context: ParseContext) -> Quantity:
        return parse(written, context)

    def written(self, value: Quantity) -> str:
        return written(value)

    def normalized(self, value: Quantity) -> dict:
        return normalized(value)

    def describe(self, value: Quantity) -> str:
        return describe(value)

    def compare(self, a: Quantity, b: Quantity, context: CompareContext) -> Comparison:
        return compare(a, b, context)

    def within(self, a: Quantity, b: Quantity) -> bool:
        (a_low, a_high), (b_low, b_high) = a.span, b.span
        return a.unit == b.unit and b_low <= a_low and a_high <= b_high


VALUE_TYPE = QuantityType()
