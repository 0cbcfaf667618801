"""The rate value type: exchange rates as sources state them, compared in either direction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcecrit.values import CompareContext, Rate, Relation, ValueProblem, value_type
from sourcecrit.values.rate import ExchangeRate, as_rate
from tests.values.test_quantity import ENGLISH, EUROPEAN, UNITS

RATE = value_type("rate")
NO_RATES = CompareContext()


def r(text: str, context=ENGLISH) -> ExchangeRate:
    return RATE.parse(text, context)


@pytest.mark.parametrize("text, from_unit, to_unit, factor", [
    ("1 gold ruble = 1.1 Turkish lira", "gold-ruble", "turkish-lira", 1.1),
    ("10 gold rubles = 11 Turkish lira", "gold-ruble", "turkish-lira", 1.1),
    ("  1  gold ruble=2 rubles ", "gold-ruble", "ruble", 2),
    ("one gold ruble = ten rubles", "gold-ruble", "ruble", 10),
    ("2 Turkish lira = 1 gold ruble", "turkish-lira", "gold-ruble", 0.5),
    ("1 gold-ruble = 1.1 turkish-lira", "gold-ruble", "turkish-lira", 1.1),
])
def test_reading(text, from_unit, to_unit, factor):
    value = r(text)
    assert (value.from_unit, value.to_unit) == (from_unit, to_unit)
    assert value.factor == pytest.approx(factor)


def test_european_numbers():
    assert r("1 gold ruble = 1,1 Turkish lira", EUROPEAN).factor == pytest.approx(1.1)
    assert r("1 gold ruble = 1.100 rubles", EUROPEAN).factor == 1100


@pytest.mark.parametrize("text, message", [
    ("1 gold ruble", "joined by '='"),
    ("1 gold ruble = 2 rubles = 3 rifles", "joined by '='"),
    ("1 gold ruble = 1.1 dinars", "unknown unit 'dinars'"),
    ("gold ruble = 1.1 Turkish lira", "no number"),
    ("1 = 1.1 Turkish lira", "amount and a certain unit"),
    ("1 gold ruble = 1.1 (rubles?)", "amount and a certain unit"),
    ("1 gold ruble = 1 gold rubles", "into itself"),
    ("0 gold rubles = 1 ruble", "more than zero"),
    ("1 gold ruble = 0 rubles", "more than zero"),
])
def test_errors_say_what_is_wrong(text, message):
    with pytest.raises(ValueProblem) as problem:
        r(text)
    assert message in str(problem.value)


@pytest.mark.parametrize("written", [None, 1.1, ["1 gold ruble", "1.1 Turkish lira"]])
def test_only_text_is_a_rate(written):
    with pytest.raises(ValueProblem):
        RATE.parse(written, ENGLISH)


def test_written_normalized_described():
    value = r("10 gold rubles = 11 Turkish lira")
    assert RATE.written(value) == "1 gold-ruble = 1.1 turkish-lira"
    assert RATE.normalized(value) == {"from_unit": "gold-ruble", "to_unit": "turkish-lira", "factor": 1.1}
    assert RATE.describe(value) == "10 gold rubles = 11 Turkish lira"


def test_as_rate_names_the_claim():
    assert as_rate(r("1 gold ruble = 1.1 Turkish lira"), "c-rate") == Rate(
        "gold-ruble", "turkish-lira", 1.1, "c-rate", "1 gold ruble = 1.1 Turkish lira"
    )


@pytest.mark.parametrize("a, b, relation, reason", [
    ("1 gold ruble = 1.1 Turkish lira", "1 gold ruble = 1.1 Turkish lira", Relation.AGREE, "both give 1 gold ruble = 1.1 Turkish lira"),
    ("1 gold ruble = 1.1 Turkish lira", "10 gold rubles = 11 Turkish lira", Relation.AGREE, "are the same rate"),
    ("1 gold ruble = 2 Turkish lira", "1 Turkish lira = 0.5 gold rubles", Relation.AGREE, "are the same rate"),
    ("1 gold ruble = 1.1 Turkish lira", "1 gold ruble = 1.105 Turkish lira", Relation.CONSISTENT, "less than 1% apart"),
    ("1 gold ruble = 1.1 Turkish lira", "1 Turkish lira = 0.91 gold rubles", Relation.CONSISTENT, "less than 1% apart"),
    ("1 gold ruble = 1.1 Turkish lira", "1 gold ruble = 1.5 Turkish lira", Relation.CONTRADICT, "36.4% apart"),
    ("1 gold ruble = 2 Turkish lira", "1 Turkish lira = 1 gold ruble", Relation.CONTRADICT, "100% apart"),
    ("1 gold ruble = 1.1 Turkish lira", "1 gold ruble = 10 rubles", Relation.INCOMPARABLE, "different units"),
])
def test_comparison(a, b, relation, reason):
    forward, backward = RATE.compare(r(a), r(b), NO_RATES), RATE.compare(r(b), r(a), NO_RATES)
    assert forward.relation is relation and backward.relation is relation
    assert reason in forward.reason


RATES = st.builds(
    ExchangeRate,
    st.sampled_from(list(UNITS)),
    st.sampled_from(list(UNITS)),
    st.floats(min_value=1e-12, max_value=1e12),
).filter(lambda value: value.from_unit != value.to_unit)


@given(RATES, st.sampled_from([ENGLISH, EUROPEAN]))
def test_written_form_reads_back_to_the_same_rate(value, context):
    assert RATE.parse(RATE.written(value), context) == value


@given(st.one_of(st.text(), st.lists(st.sampled_from(["1", "0", "2,5", "=", " ", "gold ruble", "rubles", "?", "(", ")", "a", "half"]),
                                    max_size=8).map(" ".join)))
def test_reading_fails_only_with_a_value_problem(text):
    try:
        value = RATE.parse(text, ENGLISH)
    except ValueProblem:
        return
    assert RATE.parse(RATE.written(value), ENGLISH) == value


@given(RATES, RATES)
def test_comparison_is_symmetric_and_agreement_never_contradicts(a, b):
    forward, backward = RATE.compare(a, b, NO_RATES), RATE.compare(b, a, NO_RATES)
    assert forward.relation is backward.relation
    assert RATE.compare(a, a, NO_RATES).relation is Relation.AGREE
