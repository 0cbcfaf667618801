"""Date values: what each is, the Gregorian days it allows, and how it is written back.

A :class:`SimpleDate` (a day, month, season or year, maybe approximate or uncertain), a
:class:`OneOf` set, a :class:`Span` of a lasting event, a :class:`Bound` or a :class:`Between`.
``written`` gives a form that reads back to an equal value, ``describe`` a phrase for reasons,
``normalized`` a JSON-ready form, ``span_of`` and ``options_of`` the days as ordinals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Union, cast

from sourcecrit.values.base import ValueProblem
from sourcecrit.values.calendars import (
    CALENDAR_LABELS, ENGLISH_MONTHS, GREGORIAN, HIJRI, HIJRI_MARGIN, JULIAN, RUMI, check_day, check_year, era_year, gregorian_date,
    day_ordinal, month_days, month_name, months_days, year_days,
)


DAY, MONTH, SEASON, YEAR, RANGE = "day", "month", "season", "year", "range"
PRECISION_RANK = {DAY: 0, MONTH: 1, RANGE: 1.5, SEASON: 2, YEAR: 3}
MARGINS = {DAY: 3, MONTH: 15, SEASON: 30, YEAR: 365}
"""Days an approximate date is widened by on each side, by precision."""
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
"""Each season and its first month; winter runs from December into the next year."""
BEFORE, AFTER, NOT_BEFORE, NOT_AFTER = "before", "after", "not before", "not after"
OPEN_START = -4_000_000
"""The ordinal ``span_of`` gives for an open start ("before ..."): a day before 9999 BC, the
earliest year read."""
OPEN_END = date.max.toordinal()
"""The ordinal ``span_of`` gives for an open end ("after ..."): 31 December 9999."""
_CALENDAR_MARKS = {GREGORIAN: "", JULIAN: " Julian", RUMI: " Rumi", HIJRI: " AH"}
PARTS = {"early": (0, 3), "mid": (1, 3), "late": (2, 3), "first half": (0, 2), "second half": (1, 2),
         "first quarter": (0, 4), "second quarter": (1, 4), "third quarter": (2, 4),
         "fourth quarter": (3, 4)}
"""Each part of a period as (index, of how many equal shares)."""
DECADE, CENTURY, HUNDRED = "decade", "century", "hundred"


@dataclass(frozen=True)
class SimpleDate:
    """One date: a day, month, season or year of one calendar, maybe approximate or uncertain.

    ``first`` and ``last`` are the Gregorian day ordinals the date covers; ``margin`` the
    days it is widened by on each side (approximation plus the Hijri leeway).
    """

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None
    calendar: str = GREGORIAN
    approximate: bool = False
    uncertain: bool = False
    text: str = field(default="", compare=False)
    first: int = field(init=False, compare=False, repr=False)
    last: int = field(init=False, compare=False, repr=False)
    margin: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        first, last = _calendar_days(self)
        margin = MARGINS[self.precision] if self.approximate else 0
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "margin", margin + (HIJRI_MARGIN if self.calendar == HIJRI else 0))

    @property
    def precision(self) -> str:
        if self.season is not None:
            return SEASON
        if self.month is None:
            return YEAR
        return MONTH if self.day is None else DAY

    @property
    def earliest(self) -> int:
        return self.first - self.margin

    @property
    def latest(self) -> int:
        return self.last + self.margin


@dataclass(frozen=True)
class OneOf:
    """One of several dates, as in "22 or 23 March 1921"."""

    options: tuple[SimpleDate, ...]
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Span:
    """An event lasting from ``start`` to ``end``, as in "1 to 10 September 1920"; either may be
    some day of a part of a period ("from early May to late June 1920")."""

    start: "Day"
    end: "Day"
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.start.first > self.end.last:
            raise ValueProblem(f"the span ends before it begins: {describe(self.end)} "
                               f"comes before {describe(self.start)}")


@dataclass(frozen=True)
class Bound:
    """An open bound: ``kind`` (before, after, not before, not after) and its date."""

    kind: str
    date: "Day"
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Between:
    """Some day from ``low`` to ``high``: "between 3 and 9 May 1919", "early May 1916", "the 1910s".

    ``part`` names a part of a period ("early", "first half", ...; ``of`` is the period) or a
    named period of years (decade, century, hundred); None for "between ... and ...". It
    answers the questions the comparison asks of a :class:`SimpleDate`.
    """

    low: SimpleDate
    high: SimpleDate
    part: str | None = None
    of: Any = None
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.low.first > self.high.last:
            raise ValueProblem(f"'between' runs backwards: {describe(self.high)} comes before "
                               f"{describe(self.low)}")

    precision = RANGE
    first = property(lambda self: self.low.first)
    last = property(lambda self: self.high.last)
    earliest = property(lambda self: self.low.earliest)
    latest = property(lambda self: self.high.latest)
    margin = property(lambda self: max(self.low.margin, self.high.margin))
    approximate = property(lambda self: self.low.approximate or self.high.approximate)
    uncertain = property(lambda self: self.low.uncertain or self.high.uncertain)
    calendar = property(lambda self: self.low.calendar)


DateValue = Union[SimpleDate, OneOf, Span, Bound, Between]
Day = Union[SimpleDate, Between]  # a day, or some day of a stretch: the comparison asks both the same questions


def _calendar_days(d: SimpleDate) -> tuple[int, int]:
    """First and last Gregorian day ordinals of a simple date; ValueProblem if it never was."""
    if d.calendar not in CALENDAR_LABELS:
        raise ValueProblem(f"unknown calendar '{d.calendar}'")
    check_year(d.calendar, d.year)
    if d.season is not None:
        return _season_days(d)
    if d.month is None:
        return year_days(d.calendar, d.year)
    if not 1 <= d.month <= 12:
        raise ValueProblem(f"there is no month {d.month}")
    if d.day is None:
        return month_days(d.calendar, d.year, d.month)
    check_day(d.calendar, d.year, d.month, d.day)
    ordinal = day_ordinal(d.calendar, d.year, d.month, d.day)
    return ordinal, ordinal


def _season_days(d: SimpleDate) -> tuple[int, int]:
    if d.calendar == HIJRI:
        raise ValueProblem("seasons are not used with the Hijri calendar; give the months instead")
    if d.season not in SEASONS:
        raise ValueProblem(f"unknown season '{d.season}'")
    return months_days(d.calendar, d.year, SEASONS[d.season], 3)


def written(value: DateValue) -> str:
    """A canonical written form that reads back to an equal value."""
    if isinstance(value, SimpleDate):
        return _written_simple(value)
    if isinstance(value, Bound):
        return f"{value.kind} {written(value.date)}"
    if isinstance(value, Between):
        return _written_between(value)
    if isinstance(value, Span) and _has_part(value):
        return f"{written(value.start)} to {written(value.end)}"
    dates = _dates(value)
    if _uniform(dates):
        explicit = any(d.year <= 0 for d in dates)  # a form with a year BC is Julian unless marked
        return _flags_written(dates[0], _joined(dates, " or " if isinstance(value, OneOf) else " to "), explicit)
    if isinstance(value, OneOf):
        return "[" + ", ".join(_written_simple(d) for d in dates) + "]"
    start, end = dates
    if start.year <= 0:  # each part standalone, with its era: "30 BC Julian/AD 14 Gregorian"
        return f"{_written_simple(start, True, True)}/{_written_simple(end, True, True)}"
    explicit = start.calendar != end.calendar
    return f"{_flags_written(start, _iso_core(start), explicit)}/{_flags_written(end, _iso_core(end))}"


def _iso_core(d: SimpleDate) -> str:
    """The date as EDTF writes it (year first), so that "a/b" reads as an interval, never as a pair."""
    if d.season is not None:
        return _core(d)
    parts = [f"{d.year:04d}"] + [f"{n:02d}" for n in (d.month, d.day) if n is not None]
    return "-".join(parts)


def _year_text(year: int, era: bool = False) -> str:
    """A year as written back: four digits below 100 (0008), as a bare "8" is not read as a year;
    a year before AD 1 as "44 BC"; with ``era``, beside a year BC, a year AD as "AD 14"."""
    if year <= 0:
        return f"{1 - year} BC"
    if era:
        return f"AD {year}"
    return f"{year:04d}" if year < 100 else str(year)





_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _written_between(value: Between) -> str:
    """"early May 1916", "the 1910s", "19th century", "19XX", "between 3 and 9 May 1919"."""
    low = value.low
    if value.part in (DECADE, CENTURY, HUNDRED):
        if value.part == DECADE:  # the 40s BC run from 49 to 40 BC: named by their last year
            body = f"{low.year}s" if low.year >= 100 else f"{low.year}s AD" if low.year > 0 else f"{1 - value.high.year}s BC"
        elif value.part == CENTURY:
            number = value.high.year // 100 if low.year > 0 else (1 - low.year) // 100
            suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
            body = f"{number}{suffix} century{' BC' if low.year <= 0 else ''}"
        else:
            body = f"{low.year // 100}XX"
        return _flags_written(low, body)
    if value.part is not None:
        inner = written(value.of)
        about = "about " if inner.startswith("about ") else ""
        of = " of" if " " in value.part else ""
        return f"{about}{value.part}{of} {inner[len(about):]}"
    if _uniform([value.low, value.high]) and value.low.precision != YEAR:
        return _flags_written(low, "between " + _joined([value.low, value.high], " and "))
    era = value.low.year <= 0
    return f"between {_written_simple(value.low, era=era)} and {_written_simple(value.high, era=era)}"


def _written_simple(d: SimpleDate, explicit: bool = False, era: bool = False) -> str:
    return _flags_written(d, _core(d, era), explicit)


def _flags_written(d: SimpleDate, body: str, explicit: bool = False) -> str:
    explicit = explicit or (d.year <= 0 and d.calendar == GREGORIAN)  # a date BC is Julian unless marked
    mark = f" {CALENDAR_LABELS[d.calendar]}" if explicit else _CALENDAR_MARKS[d.calendar]
    return f"{'about ' if d.approximate else ''}{body}{mark}{'?' if d.uncertain else ''}"


def _core(d: SimpleDate, era: bool = False) -> str:
    """The date itself, without flags: "16 March 1921", "Mart 1337", "spring 1920", "1921"."""
    if d.precision == YEAR:
        return _year_text(d.year, era)
    return f"{_without_year(d)} {_year_text(d.year, era)}"


def _without_year(d: SimpleDate) -> str:
    if d.season is not None:
        return d.season
    name = month_name(d.calendar, d.month or 1)  # a month when no season
    return name if d.day is None else f"{d.day} {name}"


def _joined(dates: list[SimpleDate], word: str) -> str:
    """Dates of one calendar and precision joined by ``word``, sharing month and year."""
    head = dates[0]
    if head.precision == YEAR or any(d.year != head.year for d in dates):
        era = any(d.year <= 0 for d in dates)  # "30 BC to AD 14"
        return word.join(_core(d, era) for d in dates)
    if head.precision == DAY and all(d.month == head.month for d in dates):
        days = word.join(str(d.day) for d in dates)
        return f"{days} {month_name(head.calendar, head.month or 1)} {_year_text(head.year)}"
    return f"{word.join(_without_year(d) for d in dates)} {_year_text(head.year)}"


def _has_part(span: Span) -> bool:
    """Whether a span starts or ends in a part of a period ("from early May to late June 1920")."""
    return isinstance(span.start, Between) or isinstance(span.end, Between)


def _dates(value: OneOf | Span) -> list[SimpleDate]:
    """The simple dates of a one-of set, or of a span without a part of a period (see _has_part)."""
    if isinstance(value, OneOf):
        return list(value.options)
    return [cast(SimpleDate, value.start), cast(SimpleDate, value.end)]


def _uniform(dates: list[SimpleDate]) -> bool:
    """Whether dates share calendar, flags and precision, so they can be written together."""
    head = dates[0]
    return all((d.calendar, d.approximate, d.uncertain, d.precision)
               == (head.calendar, head.approximate, head.uncertain, head.precision) for d in dates)


@lru_cache(maxsize=1 << 16)
def describe(value: DateValue) -> str:
    """A short phrase for reasons and tables: "20 November 1917 (Julian) = 3 December 1917".

    Remembered (by the date's own fields, which are all it depends on): a comparison names
    the same few dates in the reasons of many pairs.
    """
    if isinstance(value, SimpleDate):
        return _described([value], "", [(value.first, value.last)])
    if isinstance(value, Bound):
        return f"{value.kind} {describe(value.date)}"
    if isinstance(value, Between):
        return _described_between(value)
    if isinstance(value, Span) and _has_part(value):
        return f"{describe(value.start)} to {describe(value.end)}"
    dates = _dates(value)
    if not _uniform(dates):
        return (" or " if isinstance(value, OneOf) else " to ").join(describe(d) for d in dates)
    if isinstance(value, OneOf):
        return _described(dates, " or ", [(d.first, d.last) for d in dates])
    return _described(dates, "–", [(value.start.first, value.end.last)])


def _described_between(value: Between) -> str:
    """"early May 1916 (1–10 May 1916)", "between 3 and 9 May 1919"."""
    text = written(value)
    days = gregorian_days(value.first, value.last)
    if value.part is None and value.calendar == GREGORIAN:
        return text
    return f"{text} ({days}{_leeway(value.low)})"


def _described(dates: list[SimpleDate], word: str, days: list[tuple[int, int]]) -> str:
    """Dates written together, with their Gregorian days when written in another calendar."""
    head = dates[0]
    about = "about " if head.approximate else ""
    notes = [CALENDAR_LABELS[head.calendar]] if head.calendar != GREGORIAN else []
    notes += ["uncertain"] if head.uncertain else []
    text = about + _joined(dates, word) + (f" ({', '.join(notes)})" if notes else "")
    if head.calendar == GREGORIAN:
        return text
    return f"{text} = {about}{word.join(gregorian_days(*pair) for pair in days)}{_leeway(head)}"


def _leeway(d: SimpleDate) -> str:
    return f" ±{HIJRI_MARGIN} days" if d.calendar == HIJRI else ""


def gregorian_days(first: int, last: int) -> str:
    """Gregorian days as a short phrase: "3 December 1917", "1–10 September 1920"."""
    a, b = gregorian_date(first), gregorian_date(last)
    if a == b:
        return _day_text(a)
    if a[:2] == b[:2]:
        return f"{a[2]}–{b[2]} {ENGLISH_MONTHS[a[1] - 1]} {era_year(a[0])}"
    if a[0] == b[0]:
        return f"{a[2]} {ENGLISH_MONTHS[a[1] - 1]}–{_day_text(b)}"
    return f"{_day_text(a)}–{_day_text(b)}"


def _day_text(day: tuple[int, int, int]) -> str:
    year, month, number = day
    return f"{number} {ENGLISH_MONTHS[month - 1]} {era_year(year)}"


def normalized(value: DateValue) -> dict:
    """A JSON-ready form: kind, earliest and latest ISO days, and the parts."""
    earliest, latest = span_of(value)
    result = {"kind": _KINDS[type(value)], "earliest": iso_day(earliest), "latest": iso_day(latest),
              "written": value.text or written(value)}
    if isinstance(value, SimpleDate):
        return result | _simple_fields(value)
    if isinstance(value, OneOf):
        return result | {"options": [normalized(d) for d in value.options]}
    if isinstance(value, Span):
        return result | {"start": normalized(value.start), "end": normalized(value.end)}
    if isinstance(value, Between):
        return result | {"part": value.part, "low": normalized(value.low), "high": normalized(value.high)}
    return result | {"bound": value.kind, "date": normalized(value.date)}


_KINDS = {SimpleDate: "date", OneOf: "one-of", Span: "span", Bound: "bound", Between: "between"}


def _simple_fields(d: SimpleDate) -> dict:
    return {"precision": d.precision, "calendar": d.calendar, "approximate": d.approximate,
            "uncertain": d.uncertain}


def iso_day(ordinal: int) -> str | None:
    """ISO form of a day ordinal; None for the open-end sentinels."""
    if ordinal <= OPEN_START or ordinal >= OPEN_END:
        return None
    year, month, day = gregorian_date(ordinal)  # before AD 1 as ISO and EDTF count: 1 BC is 0000, 44 BC -0043
    return f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{day:02d}"


def span_of(value: DateValue) -> tuple[int, int]:
    """Earliest and latest possible day ordinals; open ends are OPEN_START and OPEN_END."""
    if isinstance(value, (SimpleDate, Between)):
        return value.earliest, value.latest
    if isinstance(value, Bound):
        return bound_days(value)
    days = options_of(value)
    return min(a for a, _ in days), max(b for _, b in days)


def options_of(value: DateValue) -> list[tuple[int, int]]:
    """The day intervals a value allows: one per option of a one-of set, else one."""
    if isinstance(value, OneOf):
        return [interval(d) for d in value.options]
    if isinstance(value, Span):
        return [(value.start.earliest, value.end.latest)]
    return [span_of(value)]


def bound_days(bound: Bound) -> tuple[int, int]:
    """Days a bound allows; an approximate or Hijri date loosens the bound by its margin."""
    d = bound.date
    if isinstance(d, Between) and d.part in PARTS:  # before some day of "the end of May": the loosest
        if bound.kind == BEFORE:
            return OPEN_START, d.last + d.margin - 1
        if bound.kind == AFTER:
            return d.first - d.margin + 1, OPEN_END
    if bound.kind == BEFORE:
        return OPEN_START, d.first + d.margin - 1
    if bound.kind == AFTER:
        return d.last - d.margin + 1, OPEN_END
    if bound.kind == NOT_BEFORE:
        return d.first - d.margin, OPEN_END
    return OPEN_START, d.last + d.margin


def interval(d: Day) -> tuple[int, int]:
    return d.earliest, d.latest
