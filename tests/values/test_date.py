"""The date value type: written forms, calendars, comparison, and round trips."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecrit.values import CompareContext, ParseContext, Relation, ValueProblem, value_type
from sourcecrit.values.calendars import CALENDARS, HIJRI, RUMI, YEAR_RANGES, first_month, month_length
from sourcecrit.values.date import (
    AFTER,
    BEFORE,
    NOT_AFTER,
    NOT_BEFORE,
    OPEN_END,
    OPEN_START,
    SEASONS,
    VALUE_TYPE,
    Bound,
    OneOf,
    SimpleDate,
    Span,
    compare,
    describe,
    normalized,
    options_of,
    parse_date,
    span_of,
    written,
)

AGREE, CONSISTENT, CONTRADICT = Relation.AGREE, Relation.CONSISTENT, Relation.CONTRADICT


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


# ---------------------------------------------------------------- reading

# written, earliest, latest, precision, calendar, approximate, uncertain
SIMPLE_CASES = [
    ("1921-03-16", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("16 March 1921", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("  16 march 1921 ", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("March 16, 1921", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("16 Mar 1921", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("16.3.1921", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("16.03.1921", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("16 Mart 1921", "1921-03-16", "1921-03-16", "day", "gregorian", False, False),
    ("3 Ağustos 1920", "1920-08-03", "1920-08-03", "day", "gregorian", False, False),
    ("1921-03", "1921-03-01", "1921-03-31", "month", "gregorian", False, False),
    ("March 1921", "1921-03-01", "1921-03-31", "month", "gregorian", False, False),
    ("1921", "1921-01-01", "1921-12-31", "year", "gregorian", False, False),
    ("spring 1920", "1920-03-01", "1920-05-31", "season", "gregorian", False, False),
    ("fall 1920", "1920-09-01", "1920-11-30", "season", "gregorian", False, False),
    # EDTF season codes only where the digits cannot be a range of years ("1920-21" is
    # 1920 to 1921, as historians write it: see the corpus)
    ("1930-21", "1930-03-01", "1930-05-31", "season", "gregorian", False, False),
    ("1930-22", "1930-06-01", "1930-08-31", "season", "gregorian", False, False),
    ("1930-23", "1930-09-01", "1930-11-30", "season", "gregorian", False, False),
    ("1930-24", "1930-12-01", "1931-02-28", "season", "gregorian", False, False),
    ("about 16 March 1921", "1921-03-13", "1921-03-19", "day", "gregorian", True, False),
    ("around March 1921", "1921-02-14", "1921-04-15", "month", "gregorian", True, False),
    ("approximately spring 1920", "1920-01-31", "1920-06-30", "season", "gregorian", True, False),
    ("circa 1921", "1920-01-02", "1922-12-31", "year", "gregorian", True, False),
    ("c. 1921", "1920-01-02", "1922-12-31", "year", "gregorian", True, False),
    ("ca. 1921", "1920-01-02", "1922-12-31", "year", "gregorian", True, False),
    ("~1921-03-16", "1921-03-13", "1921-03-19", "day", "gregorian", True, False),
    ("1921-03-16~", "1921-03-13", "1921-03-19", "day", "gregorian", True, False),
    ("1921-03-16?", "1921-03-16", "1921-03-16", "day", "gregorian", False, True),
    ("16 March 1921?", "1921-03-16", "1921-03-16", "day", "gregorian", False, True),
    ("1921-03-16%", "1921-03-13", "1921-03-19", "day", "gregorian", True, True),
    ("20 November 1917 OS", "1917-12-03", "1917-12-03", "day", "julian", False, False),
    ("20 November 1917 O.S.", "1917-12-03", "1917-12-03", "day", "julian", False, False),
    ("20 November 1917 Old Style", "1917-12-03", "1917-12-03", "day", "julian", False, False),
    ("20 November 1917 (Old Style)", "1917-12-03", "1917-12-03", "day", "julian", False, False),
    ("20 November 1917 Julian", "1917-12-03", "1917-12-03", "day", "julian", False, False),
    ("29 February 1900 OS", "1900-03-13", "1900-03-13", "day", "julian", False, False),
    ("March 1921 OS", "1921-03-14", "1921-04-13", "month", "julian", False, False),
    ("3 December 1917 NS", "1917-12-03", "1917-12-03", "day", "gregorian", False, False),
    ("3 December 1917 N.S.", "1917-12-03", "1917-12-03", "day", "gregorian", False, False),
    ("3 December 1917 New Style", "1917-12-03", "1917-12-03", "day", "gregorian", False, False),
    ("3 December 1917 Gregorian", "1917-12-03", "1917-12-03", "day", "gregorian", False, False),
    ("16 Mart 1337 Rumi", "1921-03-16", "1921-03-16", "day", "rumi", False, False),
    ("16 Mart 1337 R.", "1921-03-16", "1921-03-16", "day", "rumi", False, False),
    ("1337-03-16 Rumi", "1921-03-16", "1921-03-16", "day", "rumi", False, False),
    ("1 Mart 1333 Rumi", "1917-03-01", "1917-03-01", "day", "rumi", False, False),
    ("1 Mart 1332 Rumi", "1916-03-14", "1916-03-14", "day", "rumi", False, False),
    ("15 Şubat 1332 Rumi", "1917-02-28", "1917-02-28", "day", "rumi", False, False),
    ("1 Kânunusani 1334 Rumi", "1918-01-01", "1918-01-01", "day", "rumi", False, False),
    ("1 Kanunusani 1334", "1918-01-01", "1918-01-01", "day", "rumi", False, False),
    ("1 Kânunusani 1331", "1916-01-14", "1916-01-14", "day", "rumi", False, False),
    ("1 Teşrinievvel 1336", "1920-10-01", "1920-10-01", "day", "rumi", False, False),
    ("1 Tesrinievvel 1331", "1915-10-14", "1915-10-14", "day", "rumi", False, False),
    ("1333 Rumi", "1917-03-01", "1917-12-31", "year", "rumi", False, False),
    ("1332 Rumi", "1916-03-14", "1917-02-28", "year", "rumi", False, False),
    ("winter 1332 Rumi", "1916-12-14", "1917-02-28", "season", "rumi", False, False),
    ("1 Rajab 1339 AH", "1921-03-09", "1921-03-13", "day", "hijri", False, False),
    ("1 Receb 1339", "1921-03-09", "1921-03-13", "day", "hijri", False, False),
    ("1 Recep 1339 A.H.", "1921-03-09", "1921-03-13", "day", "hijri", False, False),
    ("15 Şaban 1338 Hijri", "1920-05-02", "1920-05-06", "day", "hijri", False, False),
    ("15 Shaban 1338 H.", "1920-05-02", "1920-05-06", "day", "hijri", False, False),
    ("Ramazan 1339", "1921-05-07", "1921-06-09", "month", "hijri", False, False),
    ("Rabi al-awwal 1339 AH", "1920-11-11", "1920-12-14", "month", "hijri", False, False),
    ("1 Dhu al-Qadah 1339", "1921-07-05", "1921-07-09", "day", "hijri", False, False),
    ("1 ZİLHİCCE 1339", "1921-08-04", "1921-08-08", "day", "hijri", False, False),
    ("about 1 Rajab 1339 AH", "1921-03-06", "1921-03-16", "day", "hijri", True, False),
]


@pytest.mark.parametrize(
    "text, earliest, latest, precision, calendar, approximate, uncertain", SIMPLE_CASES)
def test_simple_dates_are_read(text, earliest, latest, precision, calendar, approximate, uncertain):
    value = parse_date(text)
    assert isinstance(value, SimpleDate)
    assert (value.earliest, value.latest) == (day(earliest), day(latest))
    assert (value.precision, value.calendar) == (precision, calendar)
    assert (value.approximate, value.uncertain) == (approximate, uncertain)
    assert value.text == text.strip()


@pytest.mark.parametrize("text, same_as", [
    ("20 November 1917 OS", "3 December 1917"),
    ("3 March 1921 Julian", "16 March 1921"),
    ("16 Mart 1337 Rumi", "16 March 1921"),
    ("3 Mart 1337 Rumi", "3 March 1921"),  # 1337 is after the switch: Rumi days are Gregorian
    ("3 Mart 1331 Rumi", "16 March 1915"),  # before it: Julian days, year + 584
])
def test_calendars_meet_on_the_same_gregorian_day(text, same_as):
    assert span_of(parse_date(text)) == span_of(parse_date(same_as))


COMPOUND_CASES = [
    ("22 or 23 March 1921", OneOf, ["1921-03-22", "1921-03-23"]),
    ("22 March or 23 March 1921", OneOf, ["1921-03-22", "1921-03-23"]),
    ("March 22 or March 23, 1921", OneOf, ["1921-03-22", "1921-03-23"]),
    ("1921-03-22 or 1921-03-23", OneOf, ["1921-03-22", "1921-03-23"]),
    ("[1921-03-22, 1921-03-23]", OneOf, ["1921-03-22", "1921-03-23"]),
    ("22 or 23 March 1921 OS", OneOf, ["1921-04-04", "1921-04-05"]),
    ("March or April 1920", OneOf, ["1920-03-01/1920-03-31", "1920-04-01/1920-04-30"]),
    ("1 to 10 September 1920", Span, ["1920-09-01/1920-09-10"]),
    ("1-10 September 1920", Span, ["1920-09-01/1920-09-10"]),
    ("1–10 September 1920", Span, ["1920-09-01/1920-09-10"]),
    ("from 1 to 10 September 1920", Span, ["1920-09-01/1920-09-10"]),
    ("1 September to 3 October 1920", Span, ["1920-09-01/1920-10-03"]),
    ("1 September 1920 to 3 October 1920", Span, ["1920-09-01/1920-10-03"]),
    ("1920-09-01/1920-09-10", Span, ["1920-09-01/1920-09-10"]),
    ("1920-09-01/1920-09-10 OS", Span, ["1920-09-14/1920-09-23"]),
    ("March to May 1920", Span, ["1920-03-01/1920-05-31"]),
    ("1 to 10 Eylül 1336 Rumi", Span, ["1920-09-01/1920-09-10"]),
]


@pytest.mark.parametrize("text, kind, days", COMPOUND_CASES)
def test_one_of_and_spans_are_read(text, kind, days):
    value = parse_date(text)
    assert isinstance(value, kind)
    expected = [tuple(day(d) for d in (item.split("/") * 2)[:2]) for item in days]
    assert options_of(value) == expected


@pytest.mark.parametrize("text, kind, earliest, latest", [
    ("before 16 March 1921", BEFORE, None, "1921-03-15"),
    ("after May 1919", AFTER, "1919-06-01", None),
    ("not before 16 March 1921", NOT_BEFORE, "1921-03-16", None),
    ("not after 16 March 1921", NOT_AFTER, None, "1921-03-16"),
    ("by 16 March 1921", NOT_AFTER, None, "1921-03-16"),
    ("[..1921-03-16]", NOT_AFTER, None, "1921-03-16"),
    ("[1921-03-16..]", NOT_BEFORE, "1921-03-16", None),
    ("before about 16 March 1921", BEFORE, None, "1921-03-18"),
])
def test_bounds_are_read(text, kind, earliest, latest):
    value = parse_date(text)
    assert isinstance(value, Bound) and value.kind == kind
    low, high = span_of(value)
    assert low == (OPEN_START if earliest is None else day(earliest))
    assert high == (OPEN_END if latest is None else day(latest))


def test_outer_flags_apply_to_every_part_and_inner_ones_to_their_own():
    both = parse_date("about 22 or 23 March 1921 OS?")
    assert all(d.approximate and d.uncertain and d.calendar == "julian" for d in both.options)
    own = parse_date("20 November 1917 OS or 3 December 1917")
    assert [d.calendar for d in own.options] == ["julian", "gregorian"]
    # EDTF intervals are written year first; "1 September 1920/10 September 1920" is refused,
    # as a slash between two days written in words is Old Style/New Style or a night
    edtf = parse_date("about 1920-09-01/1920-09-10?")
    assert (edtf.start.approximate, edtf.start.uncertain) == (True, False)
    assert (edtf.end.approximate, edtf.end.uncertain) == (False, True)


@pytest.mark.parametrize("text, message", [
    ("30 February 1921", "there is no 30 February 1921"),
    ("29 February 1921", "there is no 29 February 1921"),
    ("31 April 1920", "there is no 31 April 1920"),
    ("1921-13", "there is no month 13"),
    ("Marhc 1921", "'Marhc' is not a month name; did you mean March?"),
    ("16 Septembar 1921", "did you mean September?"),
    ("", "no date written"),
    ("   ", "no date written"),
    ("xyz", "could not read 'xyz' as a date; write e.g. 16 March 1921, March 1921, 1921, "
            "22 or 23 March 1921"),
    ("1 Rajab 1339 Julian", "Rajab is a Hijri month, but the date is marked Julian"),
    ("1 Şubat 1333 Rumi", "there is no Şubat 1333 (Rumi)"),
    ("20 Şubat 1332 Rumi", "went from 15 Şubat 1332 to 1 Mart 1333"),
    ("spring 1339 AH", "seasons are not used with the Hijri calendar"),
    ("10 to 1 September 1920", "the span ends before it begins"),
    ("16 March 1921 OS Rumi", "marked both Julian and Rumi"),
    ("0000", "is 1 BC as ISO 8601 and EDTF count years"),
    ("0", "could not read '0' as a date"),  # a bare number of one or two digits is not a year
])
def test_unreadable_dates_say_why(text, message):
    with pytest.raises(ValueProblem) as problem:
        parse_date(text)
    assert message in str(problem.value)


# ---------------------------------------------------------------- writing


@pytest.mark.parametrize("text, phrase", [
    ("20 November 1917 OS", "20 November 1917 (Julian) = 3 December 1917"),
    ("16 March 1921", "16 March 1921"),
    ("22 or 23 March 1921", "22 or 23 March 1921"),
    ("1 to 10 September 1920", "1–10 September 1920"),
    ("before 16 March 1921", "before 16 March 1921"),
    ("about May 1919", "about May 1919"),
    ("16 Mart 1337 Rumi", "16 Mart 1337 (Rumi) = 16 March 1921"),
    ("1 Rajab 1339 AH", "1 Rajab 1339 (Hijri) = 11 March 1921 ±2 days"),
    ("16 March 1921?", "16 March 1921 (uncertain)"),
])
def test_describe_gives_a_short_phrase(text, phrase):
    assert describe(parse_date(text)) == phrase


@pytest.mark.parametrize("text, canonical", [
    ("1921-03-16", "16 March 1921"),
    ("c. 1921", "about 1921"),
    ("20 November 1917 (Old Style)", "20 November 1917 Julian"),
    ("by 16 March 1921", "not after 16 March 1921"),
    ("[1921-03-22, 1921-03-23]", "22 or 23 March 1921"),
    ("1920-09-01/1920-09-10", "1 to 10 September 1920"),
    ("1 Receb 1339", "1 Rajab 1339 AH"),
])
def test_written_is_canonical(text, canonical):
    assert written(parse_date(text)) == canonical


def test_normalized_is_json_ready():
    value = parse_date("22 or 23 March 1921 OS")
    data = json.loads(json.dumps(normalized(value)))
    assert (data["kind"], data["earliest"], data["latest"]) == ("one-of", "1921-04-04", "1921-04-05")
    assert data["options"][0]["calendar"] == "julian"
    assert normalized(parse_date("after May 1919"))["latest"] is None


def test_value_type_is_registered_and_reads_through_the_protocol():
    assert value_type("date") is VALUE_TYPE and VALUE_TYPE.name == "date"
    value = VALUE_TYPE.parse("16 March 1921", ParseContext())
    assert VALUE_TYPE.compare(value, parse_date("3 March 1921 OS"), CompareContext()).relation == AGREE
    with pytest.raises(ValueProblem):
        VALUE_TYPE.parse(["16 March 1921"], ParseContext())


# ---------------------------------------------------------------- comparing

COMPARISONS = [
    # calendars
    ("20 November 1917 OS", "3 December 1917", AGREE),
    ("20 November 1917 OS", "20 November 1917", CONTRADICT),
    ("3 March 1921 Julian", "16 March 1921 NS", AGREE),
    ("March 1921 OS", "March 1921", CONSISTENT),
    ("16 Mart 1337 Rumi", "16 March 1921", AGREE),
    ("16 Mart 1337 Rumi", "1921-03-16", AGREE),
    ("3 Mart 1331 Rumi", "16 March 1915", AGREE),
    ("16 Mart 1337 Rumi", "16 May 1921", CONTRADICT),
    ("1 Rajab 1339 AH", "11 March 1921", CONSISTENT),
    ("1 Rajab 1339 AH", "13 March 1921", CONSISTENT),
    ("1 Rajab 1339 AH", "15 March 1921", CONTRADICT),
    ("1 Rajab 1339 AH", "1 Receb 1339", AGREE),
    ("Rajab 1339 AH", "20 March 1921", CONSISTENT),
    # days, months, years
    ("16 March 1921", "16 March 1921", AGREE),
    ("16 March 1921", "16 May 1921", CONTRADICT),
    ("March 1921", "May 1921", CONTRADICT),
    ("March 1921", "1921-03", AGREE),
    ("26 April 1920", "April 1920", CONSISTENT),
    ("16 March 1921", "1921", CONSISTENT),
    ("1921", "1922", CONTRADICT),
    ("spring 1920", "April 1920", CONSISTENT),
    ("spring 1930", "1930-21", AGREE),
    ("winter 1920", "January 1921", CONSISTENT),
    ("winter 1920", "March 1921", CONTRADICT),
    # approximation and uncertainty
    ("about 14 May 1919", "15 May 1919", CONSISTENT),
    ("about 14 May 1919", "1 June 1919", CONTRADICT),
    ("about 14 May 1919", "about 14 May 1919", AGREE),
    ("c. 1921", "1922", CONSISTENT),
    ("about May 1919", "10 June 1919", CONSISTENT),
    ("16 March 1921?", "16 March 1921", AGREE),
    ("16 March 1921?", "17 March 1921", CONTRADICT),
    # one-of sets
    ("22 or 23 March 1921", "22 March 1921", CONSISTENT),
    ("22 or 23 March 1921", "16 March 1921", CONTRADICT),
    ("22 or 23 March 1921", "18 March 1921", CONTRADICT),
    ("22 or 23 March 1921", "March 1921", CONSISTENT),
    ("22 or 23 March 1921", "[1921-03-23, 1921-03-22]", AGREE),
    ("22 or 23 March 1921", "23 or 24 March 1921", CONSISTENT),
    ("22 or 23 March 1921", "25 or 26 March 1921", CONTRADICT),
    # lasting events
    ("1 to 10 September 1920", "1-8 September 1920", CONTRADICT),
    ("1 to 10 September 1920", "1920-09-01/1920-09-10", AGREE),
    ("1 to 10 September 1920", "about 1 to 10 September 1920", CONSISTENT),
    ("1 to 10 September 1920", "5 September 1920", CONSISTENT),
    ("1 to 10 September 1920", "15 September 1920", CONTRADICT),
    ("1 to 10 September 1920", "22 or 23 March 1921", CONTRADICT),
    ("1 to 10 September 1920", "10 or 11 September 1920", CONSISTENT),
    ("1920 to November 1920", "December 1920/1920", CONTRADICT),  # no common start before a common end
    # bounds
    ("before 16 March 1921", "16 May 1921", CONTRADICT),
    ("before 16 March 1921", "1 March 1921", CONSISTENT),
    ("before 16 March 1921", "16 March 1921", CONTRADICT),
    ("not after 16 March 1921", "16 March 1921", CONSISTENT),
    ("not before 16 March 1921", "1 March 1921", CONTRADICT),
    ("after May 1919", "15 May 1919", CONTRADICT),
    ("after May 1919", "about 29 May 1919", CONSISTENT),
    ("before 16 March 1921", "March 1921", CONSISTENT),
    ("before 16 March 1921", "by 16 March 1921", CONSISTENT),
    ("before 16 March 1921", "before 16 March 1921", AGREE),
    ("before May 1919", "after 16 March 1921", CONTRADICT),
    ("before 16 Mart 1337 Rumi", "1 March 1921 OS", CONSISTENT),
    ("after 10 September 1920", "1 to 10 September 1920", CONTRADICT),
    ("before 5 September 1920", "1 to 10 September 1920", CONSISTENT),
]


@pytest.mark.parametrize("a, b, relation", COMPARISONS)
def test_comparison(a, b, relation):
    va, vb = parse_date(a), parse_date(b)
    forward, backward = compare(va, vb), compare(vb, va)
    assert forward.relation == relation, forward.reason
    assert backward.relation == relation, backward.reason


@pytest.mark.parametrize("a, b, reason", [
    ("20 November 1917 OS", "3 December 1917",
     "20 November 1917 (Julian) = 3 December 1917 and 3 December 1917 are the same day"),
    ("16 March 1921", "16 May 1921", "16 March 1921 and 16 May 1921 are 61 days apart"),
    ("March 1921", "May 1921", "March 1921 and May 1921 do not overlap"),
    ("26 April 1920", "April 1920", "26 April 1920 falls within April 1920, which is less precise"),
    ("about 14 May 1919", "15 May 1919",
     "about 14 May 1919 and 15 May 1919 overlap within the margin of approximation"),
    ("22 March 1921", "22 or 23 March 1921", "22 March 1921 is one of 22 or 23 March 1921"),
    ("16 March 1921", "22 or 23 March 1921",
     "16 March 1921 is none of 22 or 23 March 1921 (6 days before the nearest)"),
    ("1 to 10 September 1920", "1-8 September 1920",
     "1–10 September 1920 and 1–8 September 1920 disagree on the end "
     "(10 September 1920 against 8 September 1920)"),
    ("16 May 1921", "before 16 March 1921", "16 May 1921 is not before 16 March 1921"),
])
def test_reasons_name_both_values(a, b, reason):
    assert compare(parse_date(a), parse_date(b)).reason == reason


def test_there_are_enough_comparison_cases_for_every_relation():
    relations = [relation for _, _, relation in COMPARISONS]
    assert len(relations) >= 35 and {AGREE, CONSISTENT, CONTRADICT} <= set(relations)


# ---------------------------------------------------------------- properties


@st.composite
def simple_dates(draw) -> SimpleDate:
    calendar = draw(st.sampled_from(CALENDARS))
    year = draw(st.integers(*YEAR_RANGES[calendar]))
    shapes = ["day", "month", "year"] + ([] if calendar == HIJRI else ["season"])
    shape = draw(st.sampled_from(shapes))
    flags = {"calendar": calendar, "approximate": draw(st.booleans()), "uncertain": draw(st.booleans())}
    if shape == "year":
        return SimpleDate(year, **flags)
    if shape == "season":
        return SimpleDate(year, season=draw(st.sampled_from(sorted(SEASONS))), **flags)
    low = first_month(calendar, year) if calendar == RUMI and year == 1333 else 1
    month = draw(st.integers(low, 12))
    if shape == "month":
        return SimpleDate(year, month, **flags)
    return SimpleDate(year, month, draw(st.integers(1, month_length(calendar, year, month))), **flags)


def realistic(calendar_years: dict[str, tuple[int, int]]):
    """Simple dates of the years a historian of the period meets, so they often overlap."""
    @st.composite
    def build(draw) -> SimpleDate:
        calendar = draw(st.sampled_from(sorted(calendar_years)))
        year = draw(st.integers(*calendar_years[calendar]))
        month = draw(st.integers(3, 12) | st.none())
        precision_day = draw(st.integers(1, 28) | st.none()) if month else None
        return SimpleDate(year, month, precision_day, calendar=calendar,
                          approximate=draw(st.booleans()), uncertain=draw(st.booleans()))
    return build()


def one_of_sets(dates):
    return st.lists(dates, min_size=2, max_size=3).map(lambda ds: OneOf(tuple(ds)))


def spans(dates):
    return st.tuples(dates, dates).map(lambda pair: Span(*sorted(pair, key=lambda d: d.first)))


def bounds(dates):
    return st.builds(Bound, st.sampled_from([BEFORE, AFTER, NOT_BEFORE, NOT_AFTER]), dates)


def values(dates):
    return st.one_of(dates, one_of_sets(dates), spans(dates), bounds(dates))


NEAR_1920 = realistic({"gregorian": (1919, 1921), "julian": (1919, 1921), "rumi": (1335, 1337),
                       "hijri": (1338, 1340)})


@settings(max_examples=400)
@given(values(simple_dates()))
def test_written_form_reads_back_to_an_equal_value(value):
    assert parse_date(written(value)) == value


@settings(max_examples=200)
@given(values(simple_dates()))
def test_every_value_describes_normalizes_and_agrees_with_itself(value):
    assert describe(value)
    json.dumps(normalized(value))
    assert compare(value, value).relation == AGREE


TOKENS = ["16", "22", "1921", "1337", "1339", "1333", "1332", "29", "February", "March", "Mart",
          "Rajab", "Kânunusani", "Şubat", "spring", "1920-21", "1921-03-16", "or", "to", "-", "/",
          "about", "c.", "before", "not", "after", "by", "from", "OS", "Rumi", "AH", "H.", "R.",
          "(Old Style)", "?", "~", "%", "[", "]", "..", ",", "Marhc", "xyz", "0", "99999"]


@settings(max_examples=500)
@given(st.text() | st.lists(st.sampled_from(TOKENS), max_size=7).map(" ".join)
       | st.lists(st.sampled_from(TOKENS), max_size=7).map("".join))
def test_reading_arbitrary_text_raises_only_value_problems(text):
    try:
        value = parse_date(text)
    except ValueProblem as problem:
        assert str(problem)
    else:
        assert parse_date(written(value)) == value


@settings(max_examples=500)
@given(values(NEAR_1920), values(NEAR_1920))
def test_compare_is_symmetric_and_agreement_is_never_contradiction(a, b):
    forward, backward = compare(a, b), compare(b, a)
    assert forward.relation == backward.relation
    assert forward.reason and backward.reason
    low_a, high_a = span_of(a)
    low_b, high_b = span_of(b)
    if forward.relation == AGREE:
        assert (low_a, high_a) == (low_b, high_b)
    if forward.relation != CONTRADICT:
        assert low_a <= high_b and low_b <= high_a


@pytest.mark.parametrize(("text", "order", "expected"), [
    ("3/4/1920", "dmy", (1920, 4, 3)),
    ("3/4/1920", "mdy", (1920, 3, 4)),
    ("3-4-1920", "dmy", (1920, 4, 3)),
    ("17/3/1921", "mdy", (1921, 3, 17)),  # 17 cannot be a month, whatever the order
    ("4/4/1920", None, (1920, 4, 4)),
    ("1920/4/3", "dmy", (1920, 4, 3)),  # year first is ISO's order, whatever the declared one
])
def test_an_all_number_date_reads_by_the_declared_order(text, order, expected):
    value = VALUE_TYPE.parse(text, ParseContext(date_order=order))
    assert (value.year, value.month, value.day) == expected


@pytest.mark.parametrize("order", [None, "ymd"])
def test_an_all_number_date_is_refused_with_both_readings_when_no_order_settles_it(order):
    with pytest.raises(ValueProblem, match=r"may be 3 April 1920 \(day first\) or 4 March 1920 \(month first\)"):
        VALUE_TYPE.parse("3/4/1920", ParseContext(date_order=order))


@pytest.mark.parametrize(("text", "order", "expected"), [
    ("3/4/1920 to 5/6/1920", "dmy", "3 April–5 June 1920"),
    ("3/4/1920 to 5/6/1920", "mdy", "4 March–6 May 1920"),
    ("from 28/2/1921 until 16/3/1921", "dmy", "28 February–16 March 1921"),
    ("between 3/4/1920 and 5/6/1920", "dmy", "between 3 April and 5 June 1920"),
    ("not later than 3/4/1920", "mdy", "not after 4 March 1920"),
    ("after 17/3/1921", None, "after 17 March 1921"),  # 17 cannot be a month: no order needed
    ("c. 3/4/1920", "dmy", "about 3 April 1920"),
    ("3/4/1920 or 5/4/1920", "mdy", "4 March or 4 May 1920"),
    ("3/4/1920 OS", "dmy", "3 April 1920 (Julian) = 16 April 1920"),
    ("16/3/1921?", "dmy", "16 March 1921 (uncertain)"),
    ("3/4/1920-5/6/1920", "dmy", "3 April–5 June 1920"),  # a dash between two days, no spaces
    ("3/4/1920–5/6/1920", "mdy", "4 March–6 May 1920"),
])
def test_an_all_number_day_inside_a_longer_form_reads_by_the_declared_order(text, order, expected):
    """A span, bound, "or" or approximate form of all-number days: each read as it would be alone."""
    assert VALUE_TYPE.describe(VALUE_TYPE.parse(text, ParseContext(date_order=order))) == expected


@pytest.mark.parametrize("text", ["3/4/1920 to 5/6/1920", "before 3/4/1920", "between 3/4/1920 and 17/6/1920",
                                  "about 3/4/1920", "3/4/1920 OS", "3/4/1920-5/6/1920"])
def test_an_all_number_day_inside_a_longer_form_is_refused_with_both_readings_without_an_order(text):
    with pytest.raises(ValueProblem, match=r"'3/4/1920' may be 3 April 1920 \(day first\) or 4 March 1920 \(month first\); "
                                           r".*declare the date order"):
        VALUE_TYPE.parse(text, ParseContext())


@pytest.mark.parametrize(("text", "expected"), [
    ("3/16 March 1921", "16 March 1921"),  # Old Style / New Style days: not an all-number date
    ("1920/21", "1920 or 1921"),
    ("1920-04-03/1920-06-05", "3 April–5 June 1920"),  # EDTF interval
    ("8/9 May 1945", "8 or 9 May 1945"),
])
def test_other_slashed_forms_read_as_before(text, expected):
    assert VALUE_TYPE.describe(VALUE_TYPE.parse(text, ParseContext(date_order="dmy"))) == expected


@pytest.mark.parametrize(("text", "first", "last", "words"), [
    ("the 40s BC", -48, -39, "40s BC"),  # 49 to 40 BC, counted astronomically
    ("40s BCE", -48, -39, "40s BC"),
    ("the 440s BC", -448, -439, "440s BC"),
    ("the 190s AD", 190, 199, "190s"),
    ("the 1910s", 1910, 1919, "1910s"),
])
def test_a_decade_reads_with_its_era(text, first, last, words):
    value = VALUE_TYPE.parse(text, ParseContext())
    assert (value.low.year, value.high.year) == (first, last)
    assert VALUE_TYPE.describe(value).startswith(words)


@pytest.mark.parametrize(("text", "says"), [
    ("the 20s", r"does not say its century.*'the 20s BC', 'the 20s AD'"),
    ("the 190s", r"does not say its century"),
    ("the 1900s", r"may be a decade or a century.*'1900 to 1909'"),
    ("the 100s BC", r"may be a decade or a century.*'109 BC to 100 BC'"),
])
def test_a_decade_that_could_be_read_two_ways_is_refused_with_the_remedy(text, says):
    with pytest.raises(ValueProblem, match=says):
        VALUE_TYPE.parse(text, ParseContext())


@pytest.mark.parametrize("text", ["Id. Mart. 44 BC", "the Ides of March 44 BC", "Kal. Ian. 45 BC", "a.d. IV Non. Oct. 1582"])
def test_a_roman_day_is_refused_with_the_way_to_write_it(text):
    """Kalends, Nones and Ides are not read (never guessed): the message says what to write."""
    with pytest.raises(ValueProblem, match=r"counts days the Roman way .* write the day it names"):
        VALUE_TYPE.parse(text, ParseContext())
