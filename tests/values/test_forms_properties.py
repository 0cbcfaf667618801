"""Properties of reading written forms: read right or refused, never misread."""

from __future__ import annotations

from datetime import date

from convertdate import julian
from hypothesis import given, settings, strategies as st

from sourcecrit.values import ParseContext, ValueProblem
from sourcecrit.values.calendars import ENGLISH_MONTHS, HIJRI_MARGIN, HIJRI_MONTHS, RUMI_MONTHS, style_offset
from sourcecrit.values.date import parse_date, span_of, written
from sourcecrit.values.quantity import parse as parse_quantity, written as written_quantity

MONTH_WORDS = [*ENGLISH_MONTHS, *RUMI_MONTHS, *HIJRI_MONTHS, "Mart", "Haziran", "Nisan", "Mayıs", "mars",
               "Juli", "oktyabrya", "Receb", "Raǧab", "Sept.", "Dez."]
TOKENS = [*MONTH_WORDS, "16", "3", "9", "22", "23", "31", "1", "13", "1921", "1917", "1335", "1336", "1339",
          "1918-21", "1910-12", "1920s", "191X", "19th", "century", "early", "mid-", "late", "the", "end",
          "of", "beginning", "first", "half", "between", "and", "or", "to", "-", "/", "(", ")", "[O.S.]",
          "OS", "N.S.", "Rumi", "AH", "Hicri", "about", "c.", "before", "not", "later", "than", "by", "?",
          "~", ",", "..", "AD", "BC", "night", "at the latest", "xx", "0"]


def phrases(tokens):
    return st.lists(st.sampled_from(tokens), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(phrases(TOKENS) | st.lists(st.sampled_from(TOKENS), max_size=6).map("".join) | st.text(max_size=40))
def test_every_string_reads_to_a_value_that_reads_back_or_is_refused(text):
    try:
        value = parse_date(text)
    except ValueProblem as problem:
        assert str(problem)
        return
    assert parse_date(written(value)) == value
    earliest, latest = span_of(value)
    assert earliest <= latest


@st.composite
def day_forms(draw):
    """A day written in one calendar: "16 March 1921", "16 Mart 1337 Rumi", "1 Rajab 1339 AH"."""
    calendar = draw(st.sampled_from(["", " OS", " Old Style", " N.S.", " Rumi", " AH", " [O.S.]"]))
    day = draw(st.integers(1, 31))
    if calendar == " Rumi":
        month, year = draw(st.sampled_from(RUMI_MONTHS)), draw(st.integers(1300, 1341))
    elif calendar == " AH":
        month, year = draw(st.sampled_from(HIJRI_MONTHS)), draw(st.integers(1300, 1360))
    else:
        month, year = draw(st.sampled_from(ENGLISH_MONTHS)), draw(st.integers(1700, 2000))
    shape = draw(st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}", "{d}th of {m} {y}", "the {d} {m} {y}"]))
    return shape.format(d=day, m=month, y=year) + calendar, calendar == " AH"


@settings(max_examples=800, deadline=None)
@given(day_forms())
def test_a_day_precise_form_spans_one_day(form):
    text, hijri = form
    try:
        value = parse_date(text)
    except ValueProblem:
        return
    earliest, latest = span_of(value)
    assert latest - earliest <= (2 * HIJRI_MARGIN if hijri else 0)


@st.composite
def slash_pairs(draw):
    """Two days joined by a slash, in the notations historians use."""
    year = draw(st.integers(1700, 1940))
    a, b = draw(st.integers(1, 31)), draw(st.integers(1, 31))
    m, n = draw(st.sampled_from(ENGLISH_MONTHS)), draw(st.sampled_from(ENGLISH_MONTHS))
    shape = draw(st.sampled_from(["{a}/{b} {m} {y}", "{m} {a}/{b}, {y}", "{a} {m}/{b} {n} {y}",
                                  "{a} {m} {y}/{b} {n} {y}", "{a} ({b}) {m} {y}", "{a} {m} {y} ({b} {n})",
                                  "night of {a}/{b} {m} {y}"]))
    return shape.format(a=a, b=b, m=m, n=n, y=year)


@settings(max_examples=1500, deadline=None)
@given(slash_pairs())
def test_a_slash_pair_never_spans_more_than_the_calendar_offset_and_a_day(text):
    try:
        value = parse_date(text)
    except ValueProblem:
        return
    earliest, latest = span_of(value)
    assert latest - earliest <= style_offset(earliest) + 1
    assert latest - earliest <= 1  # in fact: one day (two calendars) or a night (two days)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(1583, 2000))
def test_old_style_and_new_style_of_one_day_read_as_that_day(day, month, year):
    new = date(year, month, day).toordinal()
    old_year, old_month, old_day = julian.from_jd(new + 1721424.5)
    text = f"{old_day} {ENGLISH_MONTHS[old_month - 1]} {old_year}/{day} {ENGLISH_MONTHS[month - 1]} {year}"
    assert span_of(parse_date(text)) == (new, new)


UNITS = {"rifle": "rifle", "rifles": "rifle", "gold rubles": "gold-ruble", "gold-ruble": "gold-ruble",
         "dollar": "dollar", "lira": "lira"}
CONTEXT = ParseContext(resolve_unit=lambda text: UNITS.get(text.lower()))
AMOUNT_TOKENS = ["5", "1", "20", "300", "1,000", "2.5", "3,5", "one", "two", "four-five", "a", "dozen", "score",
                 "hundred", "thousand", "million", "several", "few", "to", "or", "and", "-", "between", "from",
                 "about", "over", "up to", "nearly", "at least", "$", "£", "rifles", "gold rubles", "(rubles?)",
                 "?", "or more", "or so", "hundreds", "of"]


@settings(max_examples=1500, deadline=None)
@given(phrases(AMOUNT_TOKENS))
def test_every_quantity_reads_to_a_value_that_reads_back_or_is_refused(text):
    try:
        value = parse_quantity(text, CONTEXT)
    except ValueProblem as problem:
        assert str(problem)
        return
    assert value.low <= value.high
    assert parse_quantity(written_quantity(value), CONTEXT) == value


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999), st.integers(1, 999), st.sampled_from(["thousand", "million"]),
       st.sampled_from(["{a} to {b} {s}", "between {a} and {b} {s}", "{a}-{b} {s}"]))
def test_a_range_is_never_read_backwards_or_with_a_guessed_scale(a, b, scale, shape):
    text = shape.format(a=a, b=b, s=scale)
    try:
        value = parse_quantity(text, CONTEXT)
    except ValueProblem:
        assert a >= b
        return
    size = {"thousand": 1000, "million": 10**6}[scale]
    assert (value.low, value.high) == (a * size, b * size)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 3000), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["BC", "BCE", "B.C.", "b.c.e."]))
def test_a_day_bc_is_counted_from_year_0_in_the_julian_calendar_and_reads_back(year, month, day, era):
    value = parse_date(f"{day} {ENGLISH_MONTHS[month - 1]} {year} {era}")
    assert (value.year, value.month, value.day, value.calendar) == (1 - year, month, day, "julian")
    assert value.first == julian.to_jd(1 - year, month, day) - 1721424.5
    assert parse_date(written(value)) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 1000), st.integers(1, 500))
def test_a_range_across_the_era_runs_from_the_year_bc_to_the_year_ad(bc, ad):
    value = parse_date(f"{bc} BC – AD {ad}")
    start, end = value.start, value.end
    assert (start.year, end.year, start.calendar, end.calendar) == (1 - bc, ad, "julian", "julian")
    assert parse_date(written(value)) == value
