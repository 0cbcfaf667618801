"""Exchange rates that sources state, "1 gold ruble = 1.1 Turkish lira", used to convert quantities."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sourcecrit.values.base import CompareContext, Comparison, ParseContext, Rate, Relation, ValueProblem
from sourcecrit.values.numbers import plain, read_leading_number
from sourcecrit.values.quantity import read_unit

TOLERANCE = 0.01  # rates closer than 1% are consistent, not contradictory


@dataclass(frozen=True)
class ExchangeRate:
    """1 ``from_unit`` = ``factor`` ``to_unit``."""

    from_unit: str
    to_unit: str
    factor: float
    written: str = field(default="", compare=False)


def parse(written: Any, context: ParseContext) -> ExchangeRate:
    """Read "1 gold ruble = 1.1 Turkish lira"; ValueProblem says what cannot be read."""
    if not isinstance(written, str) or written.count("=") != 1:
        raise ValueProblem("a rate is written as two amounts with units joined by '=', such as '1 gold ruble = 1.1 Turkish lira'")
    text = " ".join(written.split())
    left, right = text.split("=")
    (amount, from_unit), (result, to_unit) = _side(left, context), _side(right, context)
    if from_unit == to_unit:
        raise ValueProblem(f"'{text}' converts a unit into itself; a rate joins two different units")
    if amount == 0 or result == 0 or not 0 < result / amount < math.inf:
        raise ValueProblem(f"'{text}' gives no usable rate; both amounts must be more than zero")
    factor = result / amount
    return ExchangeRate(from_unit, to_unit, factor, text)


def _side(text: str, context: ParseContext) -> tuple[float, str]:
    """The amount and unit id of one side of a rate."""
    phrase = read_leading_number(text, context.european_numbers)
    unit, _, doubted = read_unit(phrase.rest, context)
    if unit is None or doubted:
        raise ValueProblem(f"each side of a rate needs an amount and a certain unit, not '{text.strip()}'")
    return float(phrase.value), unit


def written(value: ExchangeRate) -> str:
    """The canonical form, with unit ids: "1 gold-ruble = 1.1 turkish-lira"."""
    return f"1 {value.from_unit} = {plain(value.factor)} {value.to_unit}"


def normalized(value: ExchangeRate) -> dict:
    return {"from_unit": value.from_unit, "to_unit": value.to_unit, "factor": value.factor}


def describe(value: ExchangeRate) -> str:
    return value.written or written(value)


def as_rate(value: ExchangeRate, claim_id: str) -> Rate:
    """The rate as the comparison engine uses it, naming the claim that records it."""
    return Rate(value.from_unit, value.to_unit, value.factor, claim_id, describe(value))


def compare(a: ExchangeRate, b: ExchangeRate, context: CompareContext) -> Comparison:
    """Rates between the same two units agree, stay within 1% of each other, or contradict."""
    if {a.from_unit, a.to_unit} != {b.from_unit, b.to_unit}:
        return Comparison(Relation.INCOMPARABLE, f"{describe(a)} and {describe(b)} are rates between different units")
    first, second = _oriented(a), _oriented(b)
    if math.isclose(first, second, rel_tol=1e-9):
        same = f"both give {describe(a)}" if describe(a) == describe(b) else f"{describe(a)} and {describe(b)} are the same rate"
        return Comparison(Relation.AGREE, same)
    gap = abs(first - second) / min(first, second)
    if gap > TOLERANCE:
        return Comparison(Relation.CONTRADICT, f"{describe(a)} against {describe(b)}: {gap * 100:.3g}% apart")
    return Comparison(Relation.CONSISTENT, f"{describe(a)} and {describe(b)} are less than 1% apart")


def _oriented(value: ExchangeRate) -> float:
    """The factor from the unit that sorts first to the other, so that the order of a pair does not matter."""
    return value.factor if value.from_unit < value.to_unit else 1 / value.factor


class RateType:
    """The rate value type."""

    name = "rate"

    def parse(self, written: Any, context: ParseContext) -> ExchangeRate:
        return parse(written, context)

    def written(self, value: ExchangeRate) -> str:
        return written(value)

    def normalized(self, value: ExchangeRate) -> dict:
        return normalized(value)

    def describe(self, value: ExchangeRate) -> str:
        return describe(value)

    def compare(self, a: ExchangeRate, b: ExchangeRate, context: CompareContext) -> Comparison:
        return compare(a, b, context)


VALUE_TYPE = RateType()
