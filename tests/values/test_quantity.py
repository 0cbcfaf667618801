"""The quantity value type: numbers as written, units, ranges, bounds, doubt, comparison and round trips."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecrit.values import CompareContext, ParseContext, Rate, Relation, ValueProblem, value_type
from sourcecrit.values.numbers import read_leading_number, read_number
from sourcecrit.values.quantity import AT_LEAST, AT_MOST, EXACT, LESS_THAN, MORE_THAN, RANGE, Quantity

AGREE, CONSISTENT, CONTRADICT, INCOMPARABLE = (
    Relation.AGREE, Relation.CONSISTENT, Relation.CONTRADICT, Relation.INCOMPARABLE,
)
INF = math.inf
QUANTITY = value_type("quantity")

UNITS = {
    "gold-ruble": ["gold ruble", "gold rubles", "rubles gold"],
    "ruble": ["ruble", "rubles"],
    "turkish-lira-gold": ["Turkish lira in gold"],
    "turkish-lira": ["Turkish lira"],
    "rifle": ["rifle", "rifles"],
}
_NAMES = {name.casefold(): unit for unit, names in UNITS.items() for name in (unit, *names)}


def resolve_unit(text: str) -> str | None:
    """The ledger's unit look-up in small: id, label or variant, ignoring case."""
    return _NAMES.get(text.casefold())


ENGLISH = ParseContext(resolve_unit=resolve_unit)
EUROPEAN = ParseContext(resolve_unit=resolve_unit, european_numbers=True)
LIRA_RATE = Rate("gold-ruble", "turkish-lira", 1.1, "rate-claim", "1 gold ruble = 1.1 Turkish lira")
WITH_RATE = CompareContext(rates=[LIRA_RATE])


def q(text: str, context: ParseContext = ENGLISH) -> Quantity:
    return QUANTITY.parse(text, context)


# ---------------------------------------------------------------- numbers

NUMBERS = [
    ("10,000,000", False, 10_000_000),
    ("10 000 000", False, 10_000_000),
    ("10\u202f000\u202f000", False, 10_000_000),
    ("10'000'000", False, 10_000_000),
    ("1.750.000", False, 1_750_000),
    ("1.750.000", True, 1_750_000),
    ("1.750", False, 1.75),
    ("1.750", True, 1750),
    ("1,750", False, 1750),
    ("1,750", True, 1.75),
    ("3,5", False, 3.5),
    ("3,25", True, 3.25),
    ("1,000,000.5", False, 1_000_000.5),
    ("1.000.000,5", True, 1_000_000.5),
    ("10 million", False, 10_000_000),
    ("3.5 million", False, 3_500_000),
    ("3,5 million", False, 3_500_000),
    ("4.35 million", False, 4_350_000),
    ("half a million", False, 500_000),
    ("a million", False, 1_000_000),
    ("1 billion", False, 1_000_000_000),
    ("thousand", False, 1000),
    ("hundred", False, 100),
    ("a hundred thousand", False, 100_000),
    ("ten million", False, 10_000_000),
    ("two hundred", False, 200),
    ("twenty-five thousand", False, 25_000),
    ("Twenty Five", False, 25),
    ("two hundred and fifty thousand", False, 250_000),
    ("one million two hundred thousand", False, 1_200_000),
    ("two and a half million", False, 2_500_000),
    ("a thousand million", False, 1_000_000_000),
    ("ten millions", False, 10_000_000),
    ("one", False, 1),
    ("a", False, 1),
    ("zero", False, 0),
]


@pytest.mark.parametrize("text, european, expected", NUMBERS)
def test_numbers_as_people_write_them(text, european, expected):
    value = read_number(text, european)
    assert value == expected and isinstance(value, int) == isinstance(expected, int)


@pytest.mark.parametrize("text", ["", "rubles", "1,5,6", "12,34,567", "10000,000", "1'5", "millions", "hundreds", "ten eleven", "1 2"])
def test_garbage_is_no_number(text):
    with pytest.raises(ValueProblem):
        read_number(text)


def test_a_phrase_stops_before_a_range_connector():
    phrase = read_leading_number("1 and 2 million")
    assert (phrase.value, phrase.rest) == (1, " and 2 million")
    assert read_leading_number("three million gold rubles").scale == 1_000_000


# ---------------------------------------------------------------- reading quantities

# written, low, high, unit, approximate, unit doubted, bound
PARSE_CASES = [
    ("5,000,000 Turkish lira", 5e6, 5e6, "turkish-lira", False, False, EXACT),
    ("five million Turkish lira in gold", 5e6, 5e6, "turkish-lira-gold", False, False, EXACT),
    ("10 million gold rubles", 1e7, 1e7, "gold-ruble", False, False, EXACT),
    ("  10   MILLION  Gold Rubles ", 1e7, 1e7, "gold-ruble", False, False, EXACT),
    ("10 million of gold rubles", 1e7, 1e7, "gold-ruble", False, False, EXACT),
    ("ten millions of gold rubles", 1e7, 1e7, "gold-ruble", False, False, EXACT),
    ("1.750.000 gold rubles", 1.75e6, 1.75e6, "gold-ruble", False, False, EXACT),
    ("3,5 million gold rubles", 3.5e6, 3.5e6, "gold-ruble", False, False, EXACT),
    ("half a million rifles", 5e5, 5e5, "rifle", False, False, EXACT),
    ("a rifle", 1, 1, "rifle", False, False, EXACT),
    ("5,000 rifles.", 5000, 5000, "rifle", False, False, EXACT),
    ("1 gold ruble", 1, 1, "gold-ruble", False, False, EXACT),
    ("5000", 5000, 5000, None, False, False, EXACT),
    ("one to three million gold rubles", 1e6, 3e6, "gold-ruble", False, False, RANGE),
    ("1-3 million gold rubles", 1e6, 3e6, "gold-ruble", False, False, RANGE),
    ("1–3 million", 1e6, 3e6, None, False, False, RANGE),
    ("1 — 3 million", 1e6, 3e6, None, False, False, RANGE),
    ("500,000 to 1 million rubles", 5e5, 1e6, "ruble", False, False, RANGE),
    ("between 1 and 2 million gold rubles", 1e6, 2e6, "gold-ruble", False, False, RANGE),
    ("from 2 to 3 thousand rifles", 2000, 3000, "rifle", False, False, RANGE),
    ("1 or 2 million", 1e6, 2e6, None, False, False, RANGE),
    ("about 100,000 rifles", 1e5, 1e5, "rifle", True, False, EXACT),
    ("around 100,000 rifles", 1e5, 1e5, "rifle", True, False, EXACT),
    ("approximately 100,000 rifles", 1e5, 1e5, "rifle", True, False, EXACT),
    ("some 200 rifles", 200, 200, "rifle", True, False, EXACT),
    ("nearly 200 rifles", 180, 200, "rifle", False, False, "nearly"),  # was ±10% around 200: nearly is an upper bound
    ("roughly 200 rifles", 200, 200, "rifle", True, False, EXACT),
    ("c. 200 rifles", 200, 200, "rifle", True, False, EXACT),
    ("~200 rifles", 200, 200, "rifle", True, False, EXACT),
    ("200 or so rifles", 200, 200, "rifle", True, False, EXACT),
    ("about 1-2 million rubles", 1e6, 2e6, "ruble", True, False, RANGE),
    ("at least 5,000 rifles", 5000, INF, "rifle", False, False, AT_LEAST),
    ("5,000 or more rifles", 5000, INF, "rifle", False, False, AT_LEAST),
    ("more than 5,000", 5000, INF, None, False, False, MORE_THAN),
    ("over 5,000 rifles", 5000, INF, "rifle", False, False, MORE_THAN),
    ("up to 3 million", 0, 3e6, None, False, False, AT_MOST),
    ("at most 3 million rubles", 0, 3e6, "ruble", False, False, AT_MOST),
    ("less than 5,000 rifles", 0, 5000, "rifle", False, False, LESS_THAN),
    ("under 5,000 rifles", 0, 5000, "rifle", False, False, LESS_THAN),
    ("at least some 5,000 rifles", 5000, INF, "rifle", True, False, AT_LEAST),
    ("three million gold rubles?", 3e6, 3e6, "gold-ruble", False, True, EXACT),
    ("3 million (rubles?)", 3e6, 3e6, "ruble", False, True, EXACT),
    ("three million (rubles?) gold", 3e6, 3e6, "gold-ruble", False, True, EXACT),
    ("three million gold (rubles?)", 3e6, 3e6, "gold-ruble", False, True, EXACT),
]


@pytest.mark.parametrize("text, low, high, unit, approximate, doubted, bound", PARSE_CASES)
def test_reading(text, low, high, unit, approximate, doubted, bound):
    value = q(text)
    assert (value.low, value.high, value.unit) == (low, high, unit)
    assert (value.approximate, value.unit_doubted, value.bound) == (approximate, doubted, bound)


@pytest.mark.parametrize("text, low", [
    ("1.750 gold rubles", 1750), ("1,750 rifles", 1.75), ("3,500 rifles", 3.5), ("1.750.000 rubles", 1.75e6),
])
def test_european_numbers(text, low):
    assert q(text, EUROPEAN).low == low


def test_doubted_unit_in_parentheses_is_read_in_either_order():
    value = q("three million (rubles?) gold")
    assert value.words == "rubles gold"
    assert QUANTITY.describe(value) == "3 million rubles gold (unit doubted)"


@pytest.mark.parametrize("text, message", [
    ("10 million xyz", "unknown unit 'xyz'"),
    ("10 million dinars?", "unknown unit 'dinars'"),
    ("rubles", "no number"),
    ("", "amount and a unit"),
    ("millions of rubles", "says only that there were many"),
    ("tens of thousands of rifles", "no number"),
    ("3 million?", "no unit is written"),
    ("5-3 rifles", "runs from more to less"),
    ("between 1 and", "no number"),
    ("between 1 rifles", "gives no second number"),
    ("at least 1-2 million rubles", "both a bound and a range"),
    ("1,5,6 rifles", "cannot read the number '1,5,6'"),
    ("9" * 400 + " rifles", "too large"),
])
def test_errors_say_what_is_wrong(text, message):
    with pytest.raises(ValueProblem) as problem:
        q(text)
    assert message in str(problem.value)


@pytest.mark.parametrize("written", [None, [], {"amount": 5}, True, float("nan")])
def test_only_text_and_plain_numbers_are_quantities(written):
    with pytest.raises(ValueProblem):
        QUANTITY.parse(written, ENGLISH)


def test_a_yaml_number_is_a_count():
    assert q(5000) == q("5000") and q(5000).unit is None


# ---------------------------------------------------------------- writing

@pytest.mark.parametrize("text, canonical, description", [
    ("10 million gold rubles", "10000000 gold-ruble", "10 million gold rubles"),
    ("1-3 million gold rubles", "1000000 to 3000000 gold-ruble", "1–3 million gold rubles"),
    ("500,000 to 1 million rubles", "500000 to 1000000 ruble", "500,000–1 million rubles"),
    ("about 100,000 rifles", "about 100000 rifle", "about 100,000 rifles"),
    ("three million gold rubles?", "3000000 gold-ruble?", "3 million gold rubles (unit doubted)"),
    ("3 million (rubles?)", "3000000 ruble?", "3 million rubles (unit doubted)"),
    ("at least 5,000 rifles", "at least 5000 rifle", "at least 5,000 rifles"),
    ("up to 3 million", "at most 3000000", "at most 3 million"),
    ("1.75 rifles", "1.75 rifle", "1.75 rifles"),
    ("1.125 rifles", "1.1250 rifle", "1.125 rifles"),
])
def test_written_and_described(text, canonical, description):
    value = q(text)
    assert QUANTITY.written(value) == canonical
    assert QUANTITY.describe(value) == description
    assert q(canonical) == value == q(canonical, EUROPEAN)


def test_normalized_is_json_with_null_for_an_open_end():
    assert QUANTITY.normalized(q("at least 5,000 rifles")) == {
        "low": 5000.0, "high": None, "unit": "rifle", "approximate": False, "unit_doubted": False, "bound": "at least",
    }
    json.dumps(QUANTITY.normalized(q("about 1-2 million rubles")), allow_nan=False)


# ---------------------------------------------------------------- comparing

# a, b, relation, words the reason must contain
COMPARE_CASES = [
    ("10 million gold rubles", "10,000,000 gold rubles", AGREE, "both give 10 million gold rubles"),
    ("about 100,000 rifles", "c. 100,000 rifles", AGREE, "both give about 100,000 rifles"),
    ("1-3 million rubles", "one to three million rubles", AGREE, "both give 1–3 million rubles"),
    ("at least 5,000 rifles", "5,000 or more rifles", AGREE, "both give at least 5,000 rifles"),
    ("5 million Turkish lira in gold", "10 million Turkish lira in gold", CONTRADICT,
     "5 million Turkish lira in gold against 10 million: twice as much"),
    ("10 million gold rubles", "5 million gold rubles", CONTRADICT, "against 5 million: 50% less"),
    ("10 million gold rubles", "12 million gold rubles", CONTRADICT, "20% more"),
    ("about 1 million gold rubles", "10 million gold rubles", CONTRADICT, "10 times as much"),
    ("1-2 million rubles", "3-4 million rubles", CONTRADICT, "50% more"),
    ("at least 5,000 rifles", "1,000 rifles", CONTRADICT, "80% less"),
    ("up to 3 million rubles", "4 million rubles", CONTRADICT, "33.3% more"),
    ("0 rifles", "5 rifles", CONTRADICT, "a difference of 5"),
    ("2 million gold rubles", "1-3 million gold rubles", CONSISTENT, "2 million gold rubles lies within 1–3 million gold rubles"),
    ("about 100,000 rifles", "105,000 rifles", CONSISTENT, "105,000 rifles lies within about 100,000 rifles"),
    ("about 10 million rubles", "10 million rubles", CONSISTENT, "lies within"),
    ("1-3 million rubles", "2-4 million rubles", CONSISTENT, "overlap"),
    ("at least 5,000 rifles", "up to 10,000 rifles", CONSISTENT, "overlap"),
    ("more than 5,000 rifles", "7,000 rifles", CONSISTENT, "lies within"),
    ("3 million (rubles?)", "3 million rubles", AGREE, "the unit is doubted (rubles?)"),
    ("3 million (rubles?)", "5 million rubles", CONTRADICT, "the unit is doubted (rubles?)"),
    ("3 million (rubles?)", "3 million gold rubles", INCOMPARABLE, "the source itself doubts its unit (rubles?)"),
    ("3 million gold rubles?", "3.3 million Turkish lira", INCOMPARABLE, "the source itself doubts its unit (gold rubles?)"),
    ("100,000", "100,000 rifles", INCOMPARABLE, "one gives no unit"),
    ("100,000", "about 100,000", CONSISTENT, "lies within"),
    ("5 million Turkish lira in gold", "10 million gold rubles", INCOMPARABLE,
     "Turkish lira in gold against gold rubles, and the ledger records no rate between them"),
    ("10 million gold rubles", "11 million Turkish lira", AGREE, "converted at 1 gold ruble = 1.1 Turkish lira (claim rate-claim)"),
    ("10 million gold rubles", "20 million Turkish lira", CONTRADICT, "(= 18,181,818 gold rubles): 81.8% more; converted at"),
    ("10-12 million gold rubles", "12.1 million Turkish lira", CONSISTENT, "(= 11 million gold rubles) lies within 10–12 million gold rubles"),
    ("1 million rifles", "1 million rubles", INCOMPARABLE, "no rate"),
]


@pytest.mark.parametrize("a, b, relation, reason", COMPARE_CASES)
def test_comparison(a, b, relation, reason):
    forward, backward = QUANTITY.compare(q(a), q(b), WITH_RATE), QUANTITY.compare(q(b), q(a), WITH_RATE)
    assert forward.relation is relation and backward.relation is relation
    assert reason in forward.reason


def test_a_rate_recorded_the_other_way_round_is_inverted():
    reverse = Rate("turkish-lira", "gold-ruble", 1 / 1.1, "reverse-claim", "1 Turkish lira = 0.909 gold rubles")
    result = QUANTITY.compare(q("10 million gold rubles"), q("11 million Turkish lira"), CompareContext(rates=[reverse]))
    assert result.relation is AGREE and "(claim reverse-claim)" in result.reason


# ---------------------------------------------------------------- properties

FINITE = st.floats(min_value=0, max_value=1e18, allow_nan=False, allow_infinity=False)
BOUNDS = [EXACT, RANGE, AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN]


@st.composite
def quantities(draw) -> Quantity:
    unit = draw(st.sampled_from([None, *UNITS]))
    bound = draw(st.sampled_from(BOUNDS))
    low, high = sorted((draw(FINITE), draw(FINITE)))
    ends = {EXACT: (low, low), RANGE: (low, high), AT_LEAST: (low, INF), MORE_THAN: (low, INF),
            AT_MOST: (0.0, high), LESS_THAN: (0.0, high)}[bound]
    return Quantity(*ends, unit, draw(st.booleans()), unit is not None and draw(st.booleans()), bound)


FRAGMENTS = [
    "1", "0", "25", "000", "1.750", "3,5", ",", ".", " ", "'", "-", "–", "?", "(", ")", "~", "c.", "a", "an", "and",
    "half", "one", "twenty", "hundred", "thousand", "million", "millions", "billion", "to", "or", "so", "more",
    "between", "from", "about", "at least", "up to", "of", "gold rubles", "rubles", "rifles", "Turkish lira", "9" * 350,
]
TEXTS = st.one_of(st.text(), st.lists(st.sampled_from(FRAGMENTS), max_size=8).map(" ".join),
                  st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join))


@given(quantities(), st.sampled_from([ENGLISH, EUROPEAN]))
def test_written_form_reads_back_to_the_same_value(value, context):
    again = QUANTITY.parse(QUANTITY.written(value), context)
    assert again == value
    json.dumps(QUANTITY.normalized(value), allow_nan=False)
    assert QUANTITY.describe(value)


@given(TEXTS, st.sampled_from([ENGLISH, EUROPEAN]))
def test_reading_fails_only_with_a_value_problem(text, context):
    try:
        value = QUANTITY.parse(text, context)
    except ValueProblem:
        return
    assert QUANTITY.parse(QUANTITY.written(value), context) == value


RATES = st.builds(
    lambda pair, factor: CompareContext(rates=[Rate(*pair, factor, "r", "a rate")]),
    st.sampled_from([("gold-ruble", "turkish-lira"), ("turkish-lira", "gold-ruble"), ("ruble", "rifle")]),
    st.floats(min_value=1e-3, max_value=1e3),
)


@given(quantities(), quantities(), RATES)
def test_comparison_is_symmetric(a, b, context):
    assert QUANTITY.compare(a, b, context).relation is QUANTITY.compare(b, a, context).relation


@given(quantities(), quantities(), RATES)
def test_what_agrees_with_a_value_stands_to_others_as_that_value_does(a, c, context):
    b = QUANTITY.parse(QUANTITY.written(a), ENGLISH)
    assert QUANTITY.compare(a, b, context).relation is AGREE
    assert QUANTITY.compare(a, c, context).relation is QUANTITY.compare(b, c, context).relation
    if QUANTITY.compare(a, c, context).relation is AGREE:
        assert QUANTITY.compare(c, a, context).relation is not CONTRADICT
