"""Dates as historians write them, in four calendars, reduced to ranges of Gregorian days.

A written date is read right, or refused with a message that offers the readings it could
have; it is never read as something else. Where a form could mean two things (a Turkish
month with a year in the Rumi range, "5/3/1921", "1910-12", "2/16 March 1917") it is refused
with both readings.

A date value is a :class:`SimpleDate` (a day, month, season or year, maybe approximate or
uncertain), a :class:`OneOf` set of such dates ("22 or 23 March 1921"), a :class:`Span` of
a lasting event ("1 to 10 September 1920"), a :class:`Bound` ("before 16 March 1921") or a
:class:`Between` (some day of a stretch: "between 3 and 9 May 1919", "early May 1916",
"the 1910s").
Every simple date knows its earliest and latest possible Gregorian day (``date.toordinal()``
numbers), widened for approximation and for the Hijri calendar's leeway.

In "or" and "to" forms a leading "about" and the trailing calendar marker, ``?``, ``~`` or
``%`` apply to every part; a part may carry its own marker or flags in between. In the EDTF
forms ``[a, b]`` and ``a/b`` every part stands alone, except that an ``a/b`` start without a
calendar of its own takes the end's calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, Union, cast

from sourcecrit.values.base import CompareContext, Comparison, ParseContext, Relation, ValueProblem
from sourcecrit.values.calendars import (
    CALENDAR_LABELS,
    ENGLISH_MONTHS,
    GREGORIAN,
    HIJRI,
    HIJRI_MARGIN,
    JULIAN,
    RUMI,
    RUMI_YEARS,
    TURKISH,
    check_day,
    check_year,
    day_ordinal,
    first_month,
    fold,
    last_month,
    month_days,
    month_length,
    month_name,
    months_days,
    nearest_month,
    next_month,
    read_month,
    style_offset,
    year_days,
)

DAY, MONTH, SEASON, YEAR, RANGE = "day", "month", "season", "year", "range"
_PRECISION_RANK = {DAY: 0, MONTH: 1, RANGE: 1.5, SEASON: 2, YEAR: 3}
MARGINS = {DAY: 3, MONTH: 15, SEASON: 30, YEAR: 365}
"""Days an approximate date is widened by on each side, by precision."""

SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
"""Each season and its first month; winter runs from December into the next year."""
_SEASON_WORDS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
                 "winter": "winter"}
_EDTF_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}

BEFORE, AFTER, NOT_BEFORE, NOT_AFTER = "before", "after", "not before", "not after"
OPEN_START = date.min.toordinal()
"""The ordinal ``span_of`` gives for an open start ("before ..."): 1 January of year 1."""
OPEN_END = date.max.toordinal()
"""The ordinal ``span_of`` gives for an open end ("after ..."): 31 December 9999."""

EXAMPLES = "16 March 1921, March 1921, 1921, 22 or 23 March 1921"
_CALENDAR_MARKS = {GREGORIAN: "", JULIAN: " Julian", RUMI: " Rumi", HIJRI: " AH"}
_MARKER_CALENDARS = {"os": JULIAN, "oldstyle": JULIAN, "julian": JULIAN, "stst": JULIAN, "ast": JULIAN,
                     "ns": GREGORIAN, "newstyle": GREGORIAN, "gregorian": GREGORIAN, "nst": GREGORIAN,
                     "miladi": GREGORIAN, "rumi": RUMI, "r": RUMI, "mali": RUMI,
                     "hijri": HIJRI, "hicri": HIJRI, "ah": HIJRI, "h": HIJRI}

_MARKER = (r"old\s*style|new\s*style|o\.\s*s\.|n\.\s*s\.|os|ns|julian|gregorian|rumi|r\.|hijri"
           r"|hicri|miladi|mali|st\.\s*st\.|a\.\s*st\.|n\.\s*st\.|a\.\s*h\.|ah|h\.")
_TAIL = re.compile(rf"(?:\s*(?:[?~%]|\(\?\)|[\[(]?(?<![a-z])(?:{_MARKER})[\])]?))+$")
_TAIL_TOKEN = re.compile(rf"[?~%]|\(\?\)|(?<![a-z])(?:{_MARKER})")
_PREFIX = re.compile(r"(?:(?:about|around|approximately|approx|circa|ca)\.?\s+|(?:ca?\.|~)\s*)")
_BOUND = re.compile(r"(not\s+before|not\s+after|no\s+earlier\s+than|no\s+later\s+than|"
                    r"not\s+earlier\s+than|not\s+later\s+than|prior\s+to|"
                    r"on\s+or\s+before|on\s+or\s+after|before|after|by)\s+(.+)", re.S)
_BOUND_KINDS = {"notbefore": NOT_BEFORE, "noearlierthan": NOT_BEFORE, "onorafter": NOT_BEFORE,
                "notearlierthan": NOT_BEFORE, "earliest": NOT_BEFORE, "latest": NOT_AFTER, "priorto": BEFORE,
                "notafter": NOT_AFTER, "nolaterthan": NOT_AFTER, "onorbefore": NOT_AFTER,
                "notlaterthan": NOT_AFTER,
                "by": NOT_AFTER, "before": BEFORE, "after": AFTER}
_LATEST = re.compile(r"(.+?),?\s+at\s+the\s+(latest|earliest)")
_OR = re.compile(r"\s+or\s+")
MAX_LENGTH = 120
"""Longer text is refused before any pattern is tried: no date needs more."""

# Forms beyond the plain ones, each tried only when its cheap sign is present (substring
# tests: a regular expression of these words costs several times more on every form).


def _is_special(s: str) -> bool:
    """Whether the text may be a part of a period, a decade or century, or EDTF "191X"."""
    return ("early" in s or "mid" in s or "late" in s or "begin" in s or "start" in s or "end" in s
            or "half" in s or "quarter" in s or "century" in s or "0s" in s or "0'" in s or "x" in s)


def _may_have_era(s: str) -> bool:
    return "ad" in s or "bc" in s or "ce" in s or "a.d" in s or "b.c" in s or "c.e" in s


_PART = re.compile(
    r"(?:(?:in|at|during)\s+)?(?:the\s+)?(early|mid|middle\s+of|late|beginning\s+of|start\s+of|"
    r"end\s+of|towards?\s+the\s+end\s+of|(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of)"
    r"(?:\s*-\s*|\s+)(?:the\s+)?(.+)", re.S)
_PART_NAMES = {"early": "early", "beginningof": "early", "startof": "early", "mid": "mid",
               "middleof": "mid", "late": "late", "endof": "late", "towardstheendof": "late",
               "towardtheendof": "late", "firsthalfof": "first half", "secondhalfof": "second half",
               "lasthalfof": "second half", "firstquarterof": "first quarter",
               "secondquarterof": "second quarter", "thirdquarterof": "third quarter",
               "fourthquarterof": "fourth quarter", "lastquarterof": "fourth quarter"}
PARTS = {"early": (0, 3), "mid": (1, 3), "late": (2, 3), "first half": (0, 2), "second half": (1, 2),
         "first quarter": (0, 4), "second quarter": (1, 4), "third quarter": (2, 4),
         "fourth quarter": (3, 4)}
"""Each part of a period as (index, of how many equal shares)."""
_MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "first half": (1, 15),
                    "second half": (16, 31)}
"""Parts of a month by the usual days (the last day is the month's own last day at most)."""
DECADE, CENTURY, HUNDRED = "decade", "century", "hundred"
_DECADE = re.compile(r"(?:the\s+)?(\d{3})0'?s")
_CENTURY = re.compile(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+century")
_EDTF_X = re.compile(r"(\d{2})(\d)?x(?(2)|x)|(\d{4})-(?:(xx)|(\d\d)-xx)(?:-xx)?")
_ERA = re.compile(r"(?<![a-z.])(?:b\.?\s?c\.?(?:\s?e\.?)?|bce)(?![a-z])|(?<![a-z.])(?:a\.?\s?d\.?|c\.e\.|ce)(?![a-z])")
_UNSPECIFIED = re.compile(r"(?<![\w-])\d[\d-]*[xu][\dxu-]*(?![\w])")
"""A year or ISO date with unspecified digits: EDTF's X, or the u of its older drafts."""
_BETWEEN = re.compile(r"between\s+(.+?)\s+and\s+(.+)", re.S)
_DAY_PAIR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*/\s*(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\d\s/][^/]*)")
_MONTH_DAY_PAIR = re.compile(r"([^\W\d_][^\d/]*?)\s+(\d{1,2})\s*/\s*(\d{1,2})(,?\s+\d[^/]*)")
_NUMERIC = re.compile(r"(\d{1,2})\s*([/-])\s*(\d{1,2})\s*\2\s*(\d{2,4})")
_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_YEAR_PAIR = re.compile(r"(\d{3,4})\s*/\s*(\d{1,4})")
_SHORT_YEARS = re.compile(r"(\d{2})(\d{2})\s*-\s*(\d{2})(?!\d)")
_MONTH_DAYS = re.compile(r"([a-zа-я]{3,}\.?)\s+(\d{1,2})\s*-\s*(\d{1,2}),?(\s+\d{3,4}.*)", re.S)
_NIGHT = re.compile(r"(?:the\s+)?night\s+of\s+(?:the\s+)?")
_TWO_DIGIT_YEAR = re.compile(r".*[^\d\s.]\.?,?\s+\d{1,2}")
_PAREN = re.compile(r"(.*?)\s*\(([^()]*\d[^()]*)\)\s*(.*)", re.S)
_LEAD_MARK = re.compile(rf"\s*((?:{_MARKER}))\s*[:,]?\s*")
_BARE_DAY = re.compile(r"\d{1,2}")
_YEAR_LED = re.compile(r"(?:(?:about|around|approximately|approx|circa|ca)\.?\s+|(?:ca?\.|~)\s*)?\d{3,4}(?!\d)")
_SPANS = (
    re.compile(r"(?:from\s+)?(.+?)\s+(?:to|until|till|-)\s+(.+)", re.S),
    re.compile(r"(\d{1,2}(?:\s+[a-z]{3,}\.?)?)\s*-\s*(\d{1,2}\s+[a-z].*)", re.S),
    re.compile(r"([a-z]{3,}\.?)\s*-\s*([a-z]{3,}\.?\s+\d.*)", re.S),
    re.compile(r"(\d{4})\s*-\s*(\d{4}(?:\D.*)?)", re.S),
)
_WORD = r"([a-zа-я][a-zа-я' -]*?)\.?"
_ORD = r"(?:st|nd|rd|th|er)?"
_DAY_MONTH_YEAR = re.compile(rf"(?:the\s+)?(\d{{1,2}}){_ORD}\.?\s+(?:of\s+)?{_WORD},?\s+(\d{{3,4}})(?:\s+g(?:oda)?\.?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_YEAR = re.compile(r"\d{3,4}")
_MONTH_YEAR = re.compile(rf"{_WORD},?\s+(\d{{3,4}})")
_MONTH_DAY_YEAR = re.compile(rf"{_WORD}\s+(\d{{1,2}}){_ORD},?\s+(\d{{3,4}})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{3,4})")
_ROMAN_MONTHS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
                 "xi": 11, "xii": 12}
_ROMAN = re.compile(r"(\d{1,2})(?:\.\s*|\s+)(i{1,3}|iv|vi{0,3}|ix|xi{0,2})(?:\.\s*|\s+)(\d{3,4})")
_DAY_ONLY = re.compile(rf"(\d{{1,2}}){_ORD}")
_DAY_MONTH = re.compile(rf"(\d{{1,2}}){_ORD}\.?\s+{_WORD}")
_MONTH_DAY = re.compile(rf"{_WORD}\s+(\d{{1,2}}){_ORD}")
_MONTH_ONLY = re.compile(_WORD)


# ---------------------------------------------------------------- values


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


# ---------------------------------------------------------------- reading


class _Unreadable(ValueProblem):
    """Raised deep in the reader; :func:`parse_date` rewrites it with the whole text."""


class _ShortYear(_Unreadable):
    """A date that ends in one or two digits where its year should be: said as such, unless
    another part lends it a year ("Nov. 20/Dec. 3, 1917")."""


class _UnknownMonth(_Unreadable):
    """A word where a month should be; :func:`parse_date` suggests the nearest month name."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


class _Piece(NamedTuple):
    """One date as read from a part of the text, before calendars and flags are settled."""

    day: int | None
    month: int | None
    year: int
    season: str | None
    implied: str | None
    marked: str | None
    about: bool  # an approximation word before the part
    approximate: bool  # ``~`` or ``%`` after it
    uncertain: bool

    @property
    def own_approximate(self) -> bool:
        return self.about or self.approximate


def parse_date(text: str, order: str | None = None) -> DateValue:
    """Read a written date; raise ValueProblem with a plain message if it cannot be read.

    ``order`` ("dmy" or "mdy") is the declared order of all-number dates such as 5/3/1921;
    without it, one that could be either is refused with both readings.
    """
    written = text.strip()
    if not written:
        raise ValueProblem(f"no date written; write e.g. {EXAMPLES}")
    if len(written) > MAX_LENGTH:
        raise ValueProblem(f"'{written[:40]}…' is too long for a date ({len(written)} characters); "
                           f"write only the date, e.g. {EXAMPLES}")
    try:
        return _read(fold(written), written, order)
    except _UnknownMonth as problem:
        near = nearest_month(problem.word)
        if near is None:
            raise _unreadable(written) from None
        raise ValueProblem(f"'{_as_written(problem.word, written)}' is not a month name; "
                           f"did you mean {near}?") from None
    except _ShortYear as problem:
        raise ValueProblem(str(problem)) from None
    except _Unreadable:
        raise _unreadable(written) from None


def _unreadable(written: str) -> ValueProblem:
    unspecified = _UNSPECIFIED.search(fold(written))
    if unspecified:
        return ValueProblem(f"'{_as_written(unspecified[0], written)}' leaves digits unspecified where EDTF does not: only the last "
                            "digits of a year, or the month and day, may be X (or u); write 19XX (a hundred "
                            "years), 192X (a decade), 1920-XX (a year) or 1920-03-XX (a month)")
    return ValueProblem(f"could not read '{written}' as a date; write e.g. {EXAMPLES}")


def _as_written(word: str, text: str) -> str:
    """A folded word as the source spelt it, where it can be found."""
    found = re.search(re.escape(word), text, re.IGNORECASE)
    return found[0] if found else word


def _read(s: str, text: str, order: str | None = None) -> DateValue:
    if not s:
        raise _Unreadable()
    if s[0] in "mtwfs" and s.endswith(_WEEKDAY_ENDS):
        s = _WEEKDAY.sub("", s, count=1)
    fast = _FAST_DAY.fullmatch(s) or _FAST_ISO.fullmatch(s)
    if fast:  # the commonest forms, read as the full path reads them
        return _fast(fast, text)
    if _may_have_era(s):
        s = _without_era(s, text)
    if "u" in s and _UNSPECIFIED.search(s):  # older EDTF drafts wrote "19uu" for "19XX"
        s = _UNSPECIFIED.sub(lambda found: found[0].replace("u", "x"), s)
    if s[0] == "[" and s[-1] == "]":
        return _read_brackets(s[1:-1].strip(), text)
    bound = _BOUND.fullmatch(s) or (_LATEST.fullmatch(s) if s.endswith(("latest", "earliest")) else None)
    if bound:
        kind, rest = (bound[1], bound[2]) if bound.re is _BOUND else (bound[2], bound[1])
        return Bound(_BOUND_KINDS[re.sub(r"\s", "", kind)], _read_single(rest), text)
    if s.startswith("between"):
        between = _BETWEEN.fullmatch(s)
        if between:
            return _read_between(between[1], between[2], text)
    if "(" in s:
        paren = _PAREN.fullmatch(s)
        if paren and paren[2].strip() != "?":
            return _read_parenthesised(paren, text)
    if "/" in s:
        return _read_slashed(s, text, order)
    return _read_natural(s, text)


_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+")
_WEEKDAY_ENDS = tuple("0123456789")  # a weekday leads only a date that ends in its year
_FAST_DAY = re.compile(r"(\d{1,2}) ([a-z]{3,}) (\d{4})")
_FAST_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def _fast(found: re.Match, text: str) -> Day:
    """"16 march 1921" or "1921-03-16": the same reading as the full path, with fewer tries."""
    if found.re is _FAST_ISO:
        return SimpleDate(int(found[1]), int(found[2]), int(found[3]), text=text)
    day, month, year, season, implied = _named(found[1], found[2], found[3])
    piece = _Piece(day, month, year, season, implied, None, False, False, False)
    return _with_text(_simple(piece, _calendar(piece, GREGORIAN), False, False), text)


def _without_era(s: str, text: str) -> str:
    """The text without AD or CE; BCE years are refused (the tool reads years from AD 1)."""
    found = _ERA.search(s)
    if found is None:
        return s
    if "b" in found[0]:
        raise ValueProblem(f"'{text}' is a year before the common era; this tool reads dates from "
                           "AD 1 on: give the claim as text, or note the date in the claim's note")
    before, after = s[:found.start()].strip(), s[found.end():].strip()
    if after[:1].isdigit():  # AD 800: the year follows
        digits = after[:len(after) - len(after.lstrip("0123456789"))]
        return f"{before} {digits.zfill(4)}{after[len(digits):]}".strip()
    year = re.search(r"\d+$", before)
    if year is None:
        return s
    return f"{before[:year.start()]}{year[0].zfill(4)} {after}".strip()


def _read_natural(s: str, text: str) -> DateValue:
    """A simple date, or an "or" or "to" form whose outer flags apply to every part."""
    if _is_special(s):
        ranged = _SPANS[0].fullmatch(s)  # words or a spaced dash: "mid-May" is one part
        if ranged:  # from early May to late June 1920
            start, end = _read_parts(ranged[1], ranged[2])
            return Span(start, end, text)
        return _with_text(_read_single(s), text)
    rest, about = _strip_prefix(s)
    if "-" in rest and rest[0].isdigit():
        numeric = _NUMERIC.fullmatch(rest)
        if numeric:
            return _read_numeric(numeric, text, None)
    short = _SHORT_YEARS.match(rest) if "-" in rest else None
    if short:
        rest = _short_years(short, rest)
    month_days = _MONTH_DAYS.fullmatch(rest) if "-" in rest and not rest[0].isdigit() else None
    if month_days:  # March 5-10, 1920
        rest = f"{month_days[2]} to {month_days[3]} {month_days[1]}{month_days[4]}"
    parts = _OR.split(rest)
    spanned = None if len(parts) > 1 else _split_span(rest)
    parts = spanned or parts
    tail = _piece(parts[-1], None)
    dates = [_settle(_piece(p, tail), tail, about) for p in parts[:-1]] + [_settle(tail, tail, about)]
    if spanned:
        return Span(dates[0], dates[1], text)
    if len(dates) > 1:
        return OneOf(tuple(dates), text)
    return _with_text(dates[0], text)


def _split_span(s: str) -> list[str] | None:
    for pattern in _SPANS:
        found = pattern.fullmatch(s)
        if found:
            return [found[1], found[2]]
    return None


def _settle(piece: _Piece, tail: _Piece, about: bool) -> SimpleDate:
    """A simple date from a part of an "or"/"to" form, taking what it lacks from the last part."""
    if piece.implied == TURKISH and not piece.marked and tail.marked in (RUMI, GREGORIAN, JULIAN):
        piece = piece._replace(marked=tail.marked)  # "1 Şubat or 1 Mart 1335 Rumi": the marker is for both
    calendar = _calendar(piece, _calendar(tail, GREGORIAN))
    approximate = about or piece.own_approximate or tail.approximate
    return _simple(piece, calendar, approximate, piece.uncertain or tail.uncertain)


def _read_brackets(inner: str, text: str) -> DateValue:
    """EDTF: ``[..x]`` on or before, ``[x..]`` on or after, ``[a, b]`` one of."""
    if inner.startswith(".."):
        return Bound(NOT_AFTER, _read_simple(inner[2:]), text)
    if inner.endswith(".."):
        return Bound(NOT_BEFORE, _read_simple(inner[:-2]), text)
    dates = tuple(_read_simple(part) for part in inner.split(","))
    return OneOf(dates, text) if len(dates) > 1 else _with_text(dates[0], text)


def _read_slashed(s: str, text: str, order: str | None) -> DateValue:
    """A form with a slash: an all-number date, a pair of days (Old Style/New Style, or a
    night), a pair of years, or an EDTF interval ``start/end``."""
    numeric = _NUMERIC.fullmatch(s)
    if numeric:
        return _read_numeric(numeric, text, order)
    ymd = _YMD.fullmatch(s)
    if ymd:
        return SimpleDate(int(ymd[1]), int(ymd[2]), int(ymd[3]), text=text)
    rest, about = _strip_prefix(s)
    night = _NIGHT.match(rest)
    rest = rest[night.end():] if night else rest
    pair = _DAY_PAIR.fullmatch(rest)
    if pair:
        tail = pair[3]
        return _pair(f"{pair[1]} {tail}", f"{pair[2]} {tail}", text, about, compact=True)
    pair = _MONTH_DAY_PAIR.fullmatch(rest)
    if pair:
        return _pair(f"{pair[1]} {pair[2]}{pair[4]}", f"{pair[1]} {pair[3]}{pair[4]}", text, about, compact=True)
    parts = s.split("/")
    if len(parts) != 2:
        raise _Unreadable()
    left, right = (part.strip() for part in parts)
    if right in ("..", "") or left == "..":
        return _open_interval(left, right, text)
    years = _YEAR_PAIR.fullmatch(s)
    if years:
        return _year_pair(years, text)
    if _BARE_DAY.fullmatch(left) or _BARE_DAY.fullmatch(right):
        raise ValueProblem(f"'{text}' pairs a day with a date; write both days before the month "
                           "('8/9 May 1945') or the whole dates")
    if _YEAR_LED.match(left) or _YEAR_LED.match(right):
        return _read_interval([left, right], text)  # EDTF: 1920-09-01/1920-09-10
    return _pair(left, right, text, False, compact=False)


def _open_interval(left: str, right: str, text: str) -> Bound:
    """EDTF open ends: ``x/..`` on or after x, ``../x`` on or before x."""
    if right == "..":
        return Bound(NOT_BEFORE, _read_single(left), text)
    if left == ".." and right:
        return Bound(NOT_AFTER, _read_single(right), text)
    raise ValueProblem(f"'{text}' leaves an end unknown; write '{left}/..' for an open end, "
                       f"or 'not before {left}'")


def _year_pair(found: re.Match, text: str) -> DateValue:
    """"1917/18": one year or the next; "1917/1921": the EDTF interval of those years."""
    first, second = found[1], found[2]
    if len(second) < len(first):
        second = first[:len(first) - len(second)] + second
    start, end = int(first), int(second)
    if end == start + 1 and len(found[2]) < len(found[1]):
        return OneOf((SimpleDate(start), SimpleDate(end)), text)
    if len(found[2]) < len(found[1]):
        raise ValueProblem(f"'{text}' is neither one year or the next nor a range written in full; "
                           f"write '{start} or {end}' or '{start} to {end}'")
    return Span(SimpleDate(start), SimpleDate(end), text)


def _read_numeric(found: re.Match, text: str, order: str | None) -> SimpleDate:
    """5/3/1921: day first or month first, by the number that cannot be a month, else by ``order``."""
    a, b, year_text = int(found[1]), int(found[3]), found[4]
    if len(year_text) < 3:
        raise ValueProblem(f"'{text}' has a two-digit year; write the year in full")
    year = int(year_text)
    if a > 12 or (a != b and b <= 12 and order == "dmy"):
        day, month = a, b
    elif b > 12 or (a != b and order == "mdy"):
        day, month = b, a
    elif a == b:
        day, month = a, b
    else:
        first, second = SimpleDate(year, b, a), SimpleDate(year, a, b)
        raise ValueProblem(f"'{text}' may be {describe(first)} (day first) or {describe(second)} "
                           "(month first); write the month's name, or declare the date order")
    return SimpleDate(year, month, day, text=text)


def _read_parenthesised(found: re.Match, text: str) -> Day:
    """Dual dating with the other calendar's day in parentheses: "3 (16) March 1921",
    "20 November 1917 (3 December)", "20 November (3 December) 1917", "March 3 (16), 1921"."""
    before, inner, after = found[1].strip(), found[2].strip(), found[3].strip()
    inner_mark = _LEAD_MARK.match(inner)
    if inner_mark:
        inner = f"{inner[inner_mark.end():]} {inner_mark[1]}"
    if _BARE_DAY.fullmatch(before):
        return _dual(f"{before} {after}", f"{inner} {after}", text)
    if _BARE_DAY.fullmatch(inner) and before[-1:].isdigit() and after[:1] in (",", "") or after[:1].isdigit() and _BARE_DAY.fullmatch(inner):
        other = re.sub(r"\d+$", inner, before)
        return _dual(f"{before}{after}", f"{other}{after}", text)
    if re.search(r"\d{3}", after):
        return _dual(_joined_text(before, after), _joined_text(inner, after), text)
    return _dual(_joined_text(before, after), inner, text)


def _joined_text(first: str, rest: str) -> str:
    """Two parts of a text around parentheses, joined: "October 25" and ", 1917"."""
    return f"{first} {rest}".replace(" ,", ",").strip()


def _pieces(first: str, second: str) -> tuple[_Piece, _Piece, str | None]:
    """The two parts of a pair; the one without a year borrows it (and the month) from the
    other, and is named ("a" or "b") so that the turn of a year can be tried."""
    try:
        a = _piece(first, None)
    except _Unreadable:
        b = _piece(second, None)
        return _piece(first, b), b, "a"
    try:
        return a, _piece(second, None), None
    except _Unreadable:
        return a, _piece(second, a), "b"


def _year_turns(a: _Piece, b: _Piece, borrowed: str | None):
    """The pair as written, then with the borrowing part in the year before or after."""
    yield a, b
    if borrowed == "a":
        yield a._replace(year=a.year - 1), b
    elif borrowed == "b":
        yield a, b._replace(year=b.year + 1)
        yield a, b._replace(year=b.year - 1)


def _dual(first: str, second: str, text: str) -> Day:
    """One day written in two calendars: read as it, or refused with both readings."""
    a, b, borrowed = _pieces(first, second)
    for x, y in _year_turns(a, b, borrowed):
        found = _dual_day(x, y, _pair_flags(x, y, False))
        if found is not None:
            return _with_text(found, text)
    raise ValueProblem(_not_a_pair(a, b, text, night=False))


def _pair(first: str, second: str, text: str, about: bool, compact: bool) -> DateValue:
    """Two dates joined by a slash: one day in two calendars (Old Style/New Style), or a night
    or one-of (the second the next day, month or year), or, written in full, an EDTF interval."""
    a, b, borrowed = _pieces(first, second)
    flags = _pair_flags(a, b, about)
    if a.day is not None and b.day is not None:
        for x, y in _year_turns(a, b, borrowed):
            found = _dual_day(x, y, flags, compact)
            if found is not None:
                return _with_text(found, text)
    if borrowed == "a" and a.month is not None and b.month is not None and a.month > b.month:
        a = a._replace(year=a.year - 1)  # 31 December/1 January 1918
    if a.implied == TURKISH and not a.marked and b.marked in (RUMI, GREGORIAN, JULIAN):
        a = a._replace(marked=b.marked)  # "31 Mayıs/1 Haziran 1335 Rumi": the marker is for both
    ca = _calendar(a, _calendar(b, GREGORIAN))
    first_date = _simple(a, ca, *flags)
    second_date = _simple(b, _calendar(b, ca), *flags)
    if _next(first_date, second_date):
        return OneOf((first_date, second_date), text)
    if a.day is not None or b.day is not None or compact or a.year != _piece_year(first):
        raise ValueProblem(_not_a_pair(a, b, text, night=True))
    return _read_interval([first, second], text)  # May 1920/autumn 1921: no day, no pair


def _piece_year(part: str) -> int | None:
    try:
        return _piece(part, None).year
    except _Unreadable:
        return None


def _pair_flags(a: _Piece, b: _Piece, about: bool) -> tuple[bool, bool]:
    return about or a.own_approximate or b.own_approximate, a.uncertain or b.uncertain


def _next(a: SimpleDate, b: SimpleDate) -> bool:
    """Whether ``b`` is the day, month or year right after ``a`` (a night, a turn of the month)."""
    return a.precision == b.precision != SEASON and b.first == a.last + 1


def _dual_day(a: _Piece, b: _Piece, flags: tuple[bool, bool], compact: bool = False) -> SimpleDate | None:
    """The Gregorian day both parts name, one Old Style and one New Style; None if they do not."""
    old, new = _dual_calendars(a, b, compact)
    if old is None:
        return None
    years = [b.year]
    if old == RUMI and new == GREGORIAN and b.year == a.year:  # 1/14 Mart 1332: the year is Rumi
        years = [b.year + 584, b.year + 585]
    leeway = HIJRI_MARGIN if HIJRI in (old, new) else 0
    for year in years:
        try:
            first = SimpleDate(a.year, a.month, a.day, calendar=old)
            second = SimpleDate(year, b.month, b.day, calendar=new or GREGORIAN)
        except ValueProblem:
            continue
        if abs(first.first - second.first) <= leeway:
            break
    else:
        return None
    gregorian = first if old == GREGORIAN else second if new == GREGORIAN else first
    return SimpleDate(gregorian.year, gregorian.month, gregorian.day, None, gregorian.calendar, *flags)


def _dual_calendars(a: _Piece, b: _Piece, compact: bool) -> tuple[str | None, str | None]:
    """The calendars of the two parts of a dual date: their own, else Old Style then New Style."""
    own_a = None if a.implied == TURKISH and not a.marked else _calendar(a, "") or None
    own_b = None if b.implied == TURKISH and not b.marked else _calendar(b, "") or None
    if compact and own_a in (JULIAN, GREGORIAN):  # a marker after "2/15 March 1917" names neither part
        own_a = own_b = None
    if a.implied == TURKISH and own_a is None:
        own_a = RUMI if RUMI_YEARS[0] <= a.year <= RUMI_YEARS[1] else None
    if own_a is None and own_b is None:
        return JULIAN, GREGORIAN
    if own_a is None:
        return (JULIAN if own_b == GREGORIAN else GREGORIAN), own_b
    if own_b is None:
        return own_a, (JULIAN if own_a == GREGORIAN else GREGORIAN)
    return (own_a, own_b) if own_a != own_b else (None, None)


def _not_a_pair(a: _Piece, b: _Piece, text: str, night: bool) -> str:
    """Why two days are not one day in two calendars (nor a night), with both readings."""
    readings = []
    old, new = _dual_calendars(a, b, False)
    for piece, calendar in ((a, old or JULIAN), (b, new or GREGORIAN)):
        try:
            d = SimpleDate(piece.year, piece.month, piece.day, calendar=calendar)
            readings.append(describe(d))
        except ValueProblem:
            pass
    both = "; ".join(readings)
    also = " nor a night or one-of (the second the next day)" if night else ""
    calendars = "Old Style and New Style" if (old, new) in ((JULIAN, GREGORIAN), (None, None)) else "two calendars"
    return (f"'{text}' is neither one day in {calendars}{also}: {both}; "
            "write the day the source means, and the other in a note; for a period write "
            "'a to b', or the EDTF interval year first (1920-09-01/1920-09-10)")


def _read_interval(parts: list[str], text: str) -> Span:
    """EDTF ``start/end``: each side stands alone, but may take the end's calendar."""
    if len(parts) != 2:
        raise _Unreadable()
    start, end = (_piece(part, None) for part in parts)
    end_calendar = _calendar(end, GREGORIAN)
    start_date = _simple(start, _calendar(start, end_calendar), start.own_approximate, start.uncertain)
    return Span(start_date, _simple(end, end_calendar, end.own_approximate, end.uncertain), text)


def _short_years(found: re.Match, rest: str) -> str:
    """"1918-21" as "1918 to 1921"; refused when it could as well be ISO or EDTF."""
    century, year, end = found[1], int(found[2]), int(found[3])
    written = found[0]
    if end <= year:
        if 1 <= end <= 12 or 21 <= end <= 24:
            return rest  # ISO month or EDTF season: a range cannot run backwards
        raise ValueProblem(f"'{written}' is neither a month (there is no month {end}) nor a range "
                           "of years (it runs backwards); write both years in full")
    if end <= 12:
        month = month_name(GREGORIAN, end)
        raise ValueProblem(f"'{written}' may be {month} {century}{year:02d} (ISO) or the years "
                           f"{century}{year:02d} to {century}{end:02d}; write '{month} {century}{year:02d}' "
                           f"or '{century}{year:02d} to {century}{end:02d}'")
    return f"{century}{year:02d} to {century}{end:02d}{rest[found.end():]}"


def _read_single(s: str) -> SimpleDate | Between:
    """One date that is not an "or"/"to" form: a simple date, a part of a period, a decade."""
    rest, about = _strip_prefix(s.strip())
    marked, approximate, uncertain = None, False, False
    if rest and not rest[-1].isdigit():
        rest, marked, approximate, uncertain = _strip_tail(rest)
    rest = rest.rstrip(".,")
    if not _is_special(rest):
        return _read_simple(s)
    flags = (marked, about or approximate, uncertain)
    part = _PART.fullmatch(rest)
    if part:
        period = _read_period(part[2], flags)
        return _part_of(_PART_NAMES[re.sub(r"[\s-]", "", part[1])], period)
    return _read_period(rest, flags)


def _read_period(s: str, flags: tuple) -> SimpleDate | Between:
    """A month, season, year, decade or century, with the flags of the whole text."""
    marked, approximate, uncertain = flags
    s = s.strip()
    named = _named_years(s)
    calendar = marked or GREGORIAN
    unspecified = _edtf_unspecified(s) if named is None else None
    if unspecified is not None:
        return SimpleDate(unspecified[2], unspecified[1], None, None, calendar, approximate, uncertain)
    if named is not None:
        (low, high), part = named
        flags_of = {"calendar": calendar, "approximate": approximate, "uncertain": uncertain}
        return Between(SimpleDate(low, **flags_of), SimpleDate(high, **flags_of), part)
    piece = _piece(s, None)
    piece = piece._replace(marked=_joined_marker(piece.marked, marked),
                           approximate=piece.approximate or approximate,
                           uncertain=piece.uncertain or uncertain)
    return _simple(piece, _calendar(piece, GREGORIAN), piece.own_approximate, piece.uncertain)


def _joined_marker(inner: str | None, outer: str | None) -> str | None:
    if inner and outer and inner != outer:
        raise ValueProblem(f"the date is marked both {CALENDAR_LABELS[inner]} and {CALENDAR_LABELS[outer]}")
    return inner or outer


def _named_years(s: str) -> tuple[tuple[int, int], str] | None:
    """A decade ("1910s", EDTF "191X"), a century ("19th century") or EDTF "19XX"; None if not one."""
    decade = _DECADE.fullmatch(s)
    if decade:
        start = int(decade[1]) * 10
        if start % 100 == 0:
            raise ValueProblem(f"'{s}' may be the decade {start}–{start + 9} or the century "
                               f"{start}–{start + 99}; write '{start} to {start + 9}' or '{start // 100}XX'")
        return (start, start + 9), DECADE
    century = _CENTURY.fullmatch(s)
    if century:
        number = int(century[1])
        return (number * 100 - 99, number * 100), CENTURY
    edtf = _EDTF_X.fullmatch(s)
    if edtf is None:
        return None
    if edtf[1]:
        if edtf[2]:
            start = int(edtf[1] + edtf[2]) * 10
            return (start, start + 9), DECADE
        start = int(edtf[1]) * 100
        return (start, start + 99), HUNDRED
    return None


def _edtf_unspecified(s: str) -> tuple | None:
    """EDTF "1921-XX", "1921-03-XX", "1921-XX-XX": the year or the month."""
    edtf = _EDTF_X.fullmatch(s)
    if edtf is None or not edtf[3]:
        return None
    if edtf[5]:
        return None, int(edtf[5]), int(edtf[3]), None, None
    return None, None, int(edtf[3]), None, None


def _part_of(part: str, period: SimpleDate | Between) -> Between:
    """The days of a part of a period, as the README's table gives them."""
    index, shares = PARTS[part]
    if isinstance(period, Between):
        if period.part not in (DECADE, CENTURY, HUNDRED):
            raise ValueProblem("a part of a part of a period is not read; write the days or months")
        units = [SimpleDate(year, calendar=period.calendar) for year in range(period.low.year, period.high.year + 1)]
        low, high = _share(units, index, shares)
        return Between(_flagged(low, period), _flagged(high, period), part, period)
    if period.precision == MONTH:
        return Between(*_month_part(period, part, index, shares), part, period)
    if period.precision in (YEAR, SEASON):
        low, high = _share(_months_of(period), index, shares)
        return Between(_flagged(low, period), _flagged(high, period), part, period)
    raise ValueProblem(f"'{part}' needs a month, season, year, decade or century after it, not a day")


def _share(units: list, index: int, shares: int) -> tuple:
    """The first and last unit of share ``index`` of ``shares``, widened to whole units."""
    n = len(units)
    first = (n * index) // shares
    last = -(-n * (index + 1) // shares) - 1
    return units[first], units[last]


def _flagged(d: SimpleDate, like: SimpleDate | Between) -> SimpleDate:
    return SimpleDate(d.year, d.month, d.day, None, like.calendar, like.approximate, like.uncertain)


def _month_part(period: SimpleDate, part: str, index: int, shares: int) -> tuple[SimpleDate, SimpleDate]:
    length = month_length(period.calendar, period.year, period.month or 1)  # a month's part: the month is given
    if part in _MONTH_PART_DAYS:
        first, last = _MONTH_PART_DAYS[part]
    else:
        first, last = (length * index) // shares + 1, -(-length * (index + 1) // shares)
    days = [SimpleDate(period.year, period.month, day, None, period.calendar, period.approximate,
                       period.uncertain) for day in (first, min(last, length))]
    return days[0], days[1]


def _months_of(period: SimpleDate) -> list[SimpleDate]:
    """The months of a year or season, in order, in the period's calendar."""
    calendar, year = period.calendar, period.year
    if period.season is not None:
        if calendar == HIJRI:
            raise ValueProblem("seasons are not used with the Hijri calendar; give the months instead")
        month, count = SEASONS[period.season], 3
    else:
        month, count = first_month(calendar, year), None
    months = []
    while True:
        months.append(SimpleDate(year, month, calendar=calendar))
        if len(months) == count or (count is None and month == last_month(calendar, period.year)
                                    and len(months) > 1):
            return months
        year, month = next_month(calendar, year, month)


def _read_parts(first: str, second: str) -> tuple[Day, Day]:
    """Two dates of a range, either a part of a period ("early May", "the 1910s"); the first
    may borrow the year (and what follows it) from the second: "from early May to late June 1920"."""
    end = _read_single(second)
    try:
        return _read_single(first), end
    except _Unreadable:
        year = _LAST_YEAR.search(second)
        if year is None:
            raise
        return _read_single(f"{first} {second[year.start():]}"), end


_LAST_YEAR = re.compile(r"(?<!\d)\d{3,4}(?!.*\d)", re.S)


def _read_between(first: str, second: str, text: str) -> Between:
    """"between 3 and 9 May 1919": some day of that stretch; the first part may borrow from the second.

    With a part of a period ("between mid-March and the end of April 1921") it is some day from
    the first day the first part allows to the last day the second allows."""
    if _is_special(first) or _is_special(second):
        low, high = _read_parts(first, second)
        return Between(low.low if isinstance(low, Between) else low,
                       high.high if isinstance(high, Between) else high, None, None, text)
    rest, about = _strip_prefix(first)
    tail = _piece(second, None)
    low = _settle(_piece(rest, tail), tail, about)
    return Between(low, _settle(tail, tail, about), None, None, text)


def _read_simple(s: str) -> SimpleDate:
    piece = _piece(s, None)
    return _simple(piece, _calendar(piece, GREGORIAN), piece.own_approximate, piece.uncertain)


def _with_text(d: SimpleDate | Between, text: str) -> SimpleDate | Between:
    if isinstance(d, Between):
        return Between(d.low, d.high, d.part, d.of, text)
    return SimpleDate(d.year, d.month, d.day, d.season, d.calendar, d.approximate, d.uncertain, text)


def _simple(piece: _Piece, calendar: str, approximate: bool, uncertain: bool) -> SimpleDate:
    return SimpleDate(piece.year, piece.month, piece.day, piece.season, calendar, approximate, uncertain)


def _calendar(piece: _Piece, default: str) -> str:
    """The piece's calendar: its marker or the one its month name implies, else ``default``.

    A month name that modern Turkish shares with the Rumi calendar (Mart, Haziran, ...) with
    a year in the Rumi range and no marker is refused, naming the Rumi reading.
    """
    if piece.implied == TURKISH:
        if piece.marked:
            return piece.marked
        if RUMI_YEARS[0] <= piece.year <= RUMI_YEARS[1]:
            raise ValueProblem(_likely_rumi(piece))
        return default
    if piece.implied and piece.marked and piece.implied != piece.marked:
        name = month_name(piece.implied, piece.month)
        raise ValueProblem(f"{name} is a {CALENDAR_LABELS[piece.implied]} month, but the date "
                           f"is marked {CALENDAR_LABELS[piece.marked]}")
    return piece.implied or piece.marked or default


def _likely_rumi(piece: _Piece) -> str:
    name = month_name(RUMI, piece.month)
    written = " ".join(str(x) for x in (piece.day, name, piece.year) if x is not None)
    try:
        rumi = describe(SimpleDate(piece.year, piece.month, piece.day, calendar=RUMI))
        reading = f"as Rumi, {rumi.replace(' (Rumi)', '')}"
    except ValueProblem as problem:
        reading = f"but not a Rumi date either ({problem})"
    return (f"'{written}': a Turkish month name with a year in the Rumi range "
            f"({RUMI_YEARS[0]}–{RUMI_YEARS[1]}) is likely Rumi, {reading}; write '{written} Rumi', "
            f"or '{written} Gregorian' if the source means the year {piece.year} AD")


def _strip_prefix(s: str) -> tuple[str, bool]:
    found = _PREFIX.match(s)
    return (s[found.end():], True) if found else (s, False)


def _piece(s: str, tail: _Piece | None) -> _Piece:
    """Read one part: its approximation word, its date, its calendar marker and flags."""
    s, about = _strip_prefix(s.strip())
    marked, approximate, uncertain = None, False, False
    if s and not s[-1].isdigit():
        s, marked, approximate, uncertain = _strip_tail(s)
    day, month, year, season, implied = _read_core(s.rstrip(".,"), tail)
    return _Piece(day, month, year, season, implied, marked, about, approximate, uncertain)


def _strip_tail(s: str) -> tuple[str, str | None, bool, bool]:
    """Take calendar markers and ``? ~ %`` off the end of a part."""
    found = _TAIL.search(s)
    if not found:
        return s, None, False, False
    marked, approximate, uncertain = None, False, False
    for token in _TAIL_TOKEN.findall(found[0]):
        approximate = approximate or token in "~%"
        uncertain = uncertain or token in ("?", "%", "(?)")
        marked = _marker(token, marked)
    return s[:found.start()].rstrip(), marked, approximate, uncertain


def _marker(token: str, marked: str | None) -> str | None:
    calendar = _MARKER_CALENDARS.get(re.sub(r"[^a-z]", "", token))
    if calendar is None or calendar == marked:
        return marked
    if marked is not None:
        raise ValueProblem(f"the date is marked both {CALENDAR_LABELS[marked]} "
                           f"and {CALENDAR_LABELS[calendar]}")
    return calendar


def _read_core(core: str, tail: _Piece | None) -> tuple:
    """(day, month, year, season, implied calendar) from a date without flags."""
    if tail is not None:
        found = _read_incomplete(core, tail)
        if found:
            return found
    for pattern, build in _COMPLETE:
        match = pattern.fullmatch(core)
        if match:
            return build(match)
    if tail is None and _TWO_DIGIT_YEAR.fullmatch(core):
        raise _ShortYear(f"'{core}' has no year, or a year of two digits; write the year in full "
                         "(1921), or 'AD 21' for the year 21")
    raise _Unreadable()


def _read_incomplete(core: str, tail: _Piece) -> tuple | None:
    """A part that borrows its month and year from the last part: "22" in "22 or 23 March 1921"."""
    for pattern, build, needs_day in _INCOMPLETE:
        match = pattern.fullmatch(core)
        if match and (tail.day is not None or not needs_day):
            return build(match, tail)
    return None


_THE_SEASON_OF = re.compile(r"^the\s+|\s+of$")


def _named(day: str | None, word: str, year: str) -> tuple:
    """A date written with a month or season word."""
    season = _SEASON_WORDS.get(_THE_SEASON_OF.sub("", word))
    if season is not None and day is None:
        return None, None, int(year), season, None
    if day is None and word in _ROMAN_MONTHS:  # "v 1921" is Russian for "in 1921", not May
        raise _Unreadable()
    implied, month = _month(word)
    return (None if day is None else int(day)), month, int(year), None, implied


def _month(word: str) -> tuple[str | None, int]:
    found = read_month(word)
    if found is not None:
        return found
    if word in _ROMAN_MONTHS:  # 16 III 1921, as Russian and German writers number months
        return None, _ROMAN_MONTHS[word]
    raise _UnknownMonth(word)


def _iso(match: re.Match) -> tuple:
    year, month = int(match[1]), int(match[2])
    if match[3] is None and len(match[2]) == 1 and month > year % 10:
        raise ValueProblem(f"'{match[0]}' may be {month_name(GREGORIAN, month)} {year} or the years {year} to "
                           f"{year // 10}{month}; write '{month_name(GREGORIAN, month)} {year}' or "
                           f"'{year} to {year // 10}{month}'")
    if match[3] is not None:
        return int(match[3]), month, year, None, None
    if month in _EDTF_SEASONS:
        if month > year % 100:  # 1918-21: the years 1918 to 1921 to a historian
            raise ValueProblem(f"'{match[0]}' may be the years {year} to {year // 100}{month} or "
                               f"the EDTF code for {_EDTF_SEASONS[month]} {year}; write "
                               f"'{year} to {year // 100}{month}' or '{_EDTF_SEASONS[month]} {year}'")
        return None, None, year, _EDTF_SEASONS[month], None
    return None, month, year, None, None


_COMPLETE = (
    (_DAY_MONTH_YEAR, lambda m: _named(m[1], m[2], m[3])),
    (_ISO, _iso),
    (_YEAR, lambda m: (None, None, int(m[0]), None, None)),
    (_MONTH_YEAR, lambda m: _named(None, m[1], m[2])),
    (_MONTH_DAY_YEAR, lambda m: _named(m[2], m[1], m[3])),
    (_DOTTED, lambda m: (int(m[1]), int(m[2]), int(m[3]), None, None)),
    (_ROMAN, lambda m: (int(m[1]), _ROMAN_MONTHS[m[2]], int(m[3]), None, None)),
)
_INCOMPLETE = (
    (_DAY_ONLY, lambda m, t: (int(m[1]), t.month, t.year, None, None), True),
    (_DAY_MONTH, lambda m, t: _named(m[1], m[2], str(t.year)), False),
    (_MONTH_DAY, lambda m, t: _named(m[2], m[1], str(t.year)), True),
    (_MONTH_ONLY, lambda m, t: _named(None, m[1], str(t.year)), False),
)


# ---------------------------------------------------------------- writing


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
        return _flags_written(dates[0], _joined(dates, " or " if isinstance(value, OneOf) else " to "))
    if isinstance(value, OneOf):
        return "[" + ", ".join(_written_simple(d) for d in dates) + "]"
    start, end = dates
    explicit = start.calendar != end.calendar
    return f"{_flags_written(start, _iso_core(start), explicit)}/{_flags_written(end, _iso_core(end))}"


def _iso_core(d: SimpleDate) -> str:
    """The date as EDTF writes it (year first), so that "a/b" reads as an interval, never as a pair."""
    if d.season is not None:
        return _core(d)
    parts = [f"{d.year:04d}"] + [f"{n:02d}" for n in (d.month, d.day) if n is not None]
    return "-".join(parts)


def _year_text(year: int) -> str:
    """A year as written back: four digits below 100 (0008), as a bare "8" is not read as a year."""
    return f"{year:04d}" if year < 100 else str(year)


_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _written_between(value: Between) -> str:
    """"early May 1916", "the 1910s", "19th century", "19XX", "between 3 and 9 May 1919"."""
    low = value.low
    if value.part in (DECADE, CENTURY, HUNDRED):
        if value.part == DECADE:
            body = f"{low.year}s"
        elif value.part == CENTURY:
            number = value.high.year // 100
            suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
            body = f"{number}{suffix} century"
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
    return f"between {_written_simple(value.low)} and {_written_simple(value.high)}"


def _written_simple(d: SimpleDate, explicit: bool = False) -> str:
    return _flags_written(d, _core(d), explicit)


def _flags_written(d: SimpleDate, body: str, explicit: bool = False) -> str:
    mark = f" {CALENDAR_LABELS[d.calendar]}" if explicit else _CALENDAR_MARKS[d.calendar]
    return f"{'about ' if d.approximate else ''}{body}{mark}{'?' if d.uncertain else ''}"


def _core(d: SimpleDate) -> str:
    """The date itself, without flags: "16 March 1921", "Mart 1337", "spring 1920", "1921"."""
    if d.precision == YEAR:
        return _year_text(d.year)
    return f"{_without_year(d)} {_year_text(d.year)}"


def _without_year(d: SimpleDate) -> str:
    if d.season is not None:
        return d.season
    name = month_name(d.calendar, d.month)
    return name if d.day is None else f"{d.day} {name}"


def _joined(dates: list[SimpleDate], word: str) -> str:
    """Dates of one calendar and precision joined by ``word``, sharing month and year."""
    head = dates[0]
    if head.precision == YEAR or any(d.year != head.year for d in dates):
        return word.join(_core(d) for d in dates)
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
    a, b = date.fromordinal(first), date.fromordinal(last)
    if a == b:
        return _day_text(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {ENGLISH_MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {ENGLISH_MONTHS[a.month - 1]}–{_day_text(b)}"
    return f"{_day_text(a)}–{_day_text(b)}"


def _day_text(d: date) -> str:
    return f"{d.day} {ENGLISH_MONTHS[d.month - 1]} {d.year}"


def normalized(value: DateValue) -> dict:
    """A JSON-ready form: kind, earliest and latest ISO days, and the parts."""
    earliest, latest = span_of(value)
    result = {"kind": _KINDS[type(value)], "earliest": _iso_day(earliest), "latest": _iso_day(latest),
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


def _iso_day(ordinal: int) -> str | None:
    """ISO form of a day ordinal; None for the open-end sentinels."""
    if ordinal <= OPEN_START or ordinal >= OPEN_END:
        return None
    return date.fromordinal(ordinal).isoformat()


# ---------------------------------------------------------------- plausibility


FAR_FROM_PERIOD = 36525
"""Days (a hundred years) outside the period a ledger covers beyond which a date is doubted."""


def middle_day(value: DateValue) -> int | None:
    """The middle of the days a value allows; None for an open bound."""
    if type(value) is SimpleDate:  # most dates: asked of every date claim at each check
        return (value.first + value.last) // 2
    if isinstance(value, Bound):
        return None
    earliest, latest = span_of(value)
    return (earliest + latest) // 2


def implausible(value: DateValue, period: tuple[int, int]) -> str | None:
    """Why a date read far outside ``period`` (first and last day) may be misread, naming the
    reading and the likely intended one ("read as 10 June 1335; 1335 in a Rumi year is
    10 June 1919"); None when it lies near the period."""
    middle = middle_day(value)
    if middle is None or period[0] - FAR_FROM_PERIOD <= middle <= period[1] + FAR_FROM_PERIOD:
        return None
    years = f"{date.fromordinal(period[0]).year}–{date.fromordinal(period[1]).year}"
    found = f"read as {describe(value)}, far from the ledger's other dates ({years})"
    for other in _other_calendars(value):
        other_middle = middle_day(other)
        if other_middle is not None and period[0] - FAR_FROM_PERIOD // 10 <= other_middle <= period[1] + FAR_FROM_PERIOD // 10:
            label = CALENDAR_LABELS[other.calendar]
            return (f"{found}; {other.year} in a {label} year is {gregorian_days(other.first, other.last)}: "
                    f"if the source means that, write '{written(other)}'")
    return found + "; check the year"


def _other_calendars(value: DateValue) -> list[SimpleDate]:
    """The same written fields read in the Rumi and the Hijri calendar, where they exist."""
    if not isinstance(value, SimpleDate) or value.season is not None:
        return []
    found = []
    for calendar in (RUMI, HIJRI):
        if calendar != value.calendar:
            try:
                found.append(SimpleDate(value.year, value.month, value.day, None, calendar))
            except ValueProblem:
                continue
    return found


# ---------------------------------------------------------------- days


def span_of(value: DateValue) -> tuple[int, int]:
    """Earliest and latest possible day ordinals; open ends are OPEN_START and OPEN_END."""
    if isinstance(value, (SimpleDate, Between)):
        return value.earliest, value.latest
    if isinstance(value, Bound):
        return _bound_days(value)
    days = options_of(value)
    return min(a for a, _ in days), max(b for _, b in days)


def options_of(value: DateValue) -> list[tuple[int, int]]:
    """The day intervals a value allows: one per option of a one-of set, else one."""
    if isinstance(value, OneOf):
        return [_interval(d) for d in value.options]
    if isinstance(value, Span):
        return [(value.start.earliest, value.end.latest)]
    return [span_of(value)]


def _bound_days(bound: Bound) -> tuple[int, int]:
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


def _meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days from the end of the earlier interval to the start of the later one."""
    return max(a[0] - b[1], b[0] - a[1])


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


# ---------------------------------------------------------------- comparing


def compare(a: DateValue, b: DateValue) -> Comparison:
    """How two dates stand to each other; the relation is symmetric."""
    if isinstance(a, Bound) or isinstance(b, Bound):
        return _compare_bounded(a, b)
    if isinstance(b, Span):
        return _compare_spans(a, b) if isinstance(a, Span) else _against_span(a, b)
    if isinstance(a, Span):
        return _against_span(b, a)
    if isinstance(a, OneOf) and isinstance(b, OneOf):
        return _compare_sets(a, b)
    if isinstance(a, OneOf) or isinstance(b, OneOf):
        return _against_set(*((b, a) if isinstance(a, OneOf) else (a, b)))
    return compare_simple(a, b)


def _same(a: Day, b: Day) -> bool:
    return (a.earliest, a.latest, a.precision) == (b.earliest, b.latest, b.precision)


def compare_simple(a: Day, b: Day) -> Comparison:
    """Two simple dates: the same days at the same precision agree, disjoint ones contradict."""
    if _same(a, b):
        return Comparison(Relation.AGREE, _agree_reason(a, b))
    if not _meet(_interval(a), _interval(b)):
        return Comparison(Relation.CONTRADICT, _apart_reason(a, b))
    return Comparison(Relation.CONSISTENT, _overlap_reason(a, b))


def _agree_reason(a: Day, b: Day) -> str:
    kind = f"approximate {a.precision}" if a.approximate else a.precision
    return _same_words(a, b, f"are the same {kind}")


def _same_words(a: DateValue, b: DateValue, verb: str) -> str:
    """Say that two values agree: "both give ..." when they are equal, else name both."""
    return f"both give {describe(a)}" if a == b else f"{describe(a)} and {describe(b)} {verb}"


def _apart_reason(a: Day, b: Day) -> str:
    gap = _gap(_interval(a), _interval(b))
    if a.margin or b.margin:
        return (f"{describe(a)} and {describe(b)} do not overlap, even allowing for "
                f"{_margin_words(a, b)} ({_days(gap)} apart at the nearest)")
    if a.precision == b.precision == DAY:
        return f"{describe(a)} and {describe(b)} are {_days(gap)} apart{_style_note(a, b, gap)}"
    return f"{describe(a)} and {describe(b)} do not overlap"


def _style_note(a: Day, b: Day, gap: int) -> str:
    """Say so when two days are exactly the Old Style/New Style difference of their year apart."""
    earlier = min(a.first, b.first)
    if HIJRI in (a.calendar, b.calendar) or earlier < 577736 or gap != style_offset(earlier):  # 1582-10-15
        return ""
    return (f": exactly the Old Style/New Style difference in {date.fromordinal(earlier).year}; "
            "one may be Old Style")


def _margin_words(a: Day, b: Day) -> str:
    if a.approximate or b.approximate:
        return "the margin of approximation"
    return f"the Hijri calendar's leeway of {HIJRI_MARGIN} days either way"


def _overlap_reason(a: Day, b: Day) -> str:
    narrow, wide = sorted((a, b), key=lambda d: _PRECISION_RANK[d.precision])
    if narrow.precision != wide.precision and wide.first <= narrow.first and narrow.last <= wide.last:
        return f"{describe(narrow)} falls within {describe(wide)}, which is less precise"
    if not _meet((a.first, a.last), (b.first, b.last)):
        return f"{describe(a)} and {describe(b)} overlap within {_margin_words(a, b)}"
    if a.approximate or b.approximate:
        return f"{describe(a)} and {describe(b)} overlap within the margin of approximation"
    if a.precision == b.precision:
        return f"{describe(a)} and {describe(b)} overlap but are not the same {a.precision}"
    return f"{describe(a)} and {describe(b)} overlap"


def _against_set(d: Day, choice: OneOf) -> Comparison:
    """A simple date against a one-of set: consistent if it can be one of the options."""
    relations = [(compare_simple(d, option).relation, option) for option in choice.options]
    if any(relation == Relation.AGREE for relation, _ in relations):
        return Comparison(Relation.CONSISTENT, f"{describe(d)} is one of {describe(choice)}")
    fitting = [option for relation, option in relations if relation == Relation.CONSISTENT]
    if fitting:
        return Comparison(Relation.CONSISTENT, f"{describe(d)} can be {describe(fitting[0])}, "
                                               f"one of {describe(choice)}")
    return Comparison(Relation.CONTRADICT, f"{describe(d)} is none of {describe(choice)} "
                                           f"({_nearest(d, choice)})")


def _nearest(d: Day, choice: OneOf) -> str:
    days = (d.earliest, d.latest)
    option = min(choice.options, key=lambda o: _gap(days, (o.earliest, o.latest)))
    side = "before" if d.latest < option.earliest else "after"
    return f"{_days(_gap(days, (option.earliest, option.latest)))} {side} the nearest"


def _compare_sets(a: OneOf, b: OneOf) -> Comparison:
    """Two one-of sets: the same options agree, a shared option is consistent."""
    if sorted(map(_key, a.options)) == sorted(map(_key, b.options)):
        return Comparison(Relation.AGREE, _same_words(a, b, "offer the same choice"))
    shared = [x for x in a.options if any(_meet(_interval(x), _interval(y)) for y in b.options)]
    if shared:
        return Comparison(Relation.CONSISTENT, f"{describe(a)} and {describe(b)} can both hold "
                                               f"({describe(shared[0])} fits both)")
    return Comparison(Relation.CONTRADICT, f"{describe(a)} and {describe(b)} have no day in common")


def _key(d: Day) -> tuple[int, int, str]:
    return d.earliest, d.latest, d.precision


def _interval(d: Day) -> tuple[int, int]:
    return d.earliest, d.latest


def _compare_spans(a: Span, b: Span) -> Comparison:
    """Two lasting events: start against start and end against end."""
    starts, ends = compare_simple(a.start, b.start), compare_simple(a.end, b.end)
    sides = (("start", starts, a.start, b.start), ("end", ends, a.end, b.end))
    clashes = [f"the {side} ({describe(x)} against {describe(y)})"
               for side, result, x, y in sides if result.relation == Relation.CONTRADICT]
    if clashes:
        return Comparison(Relation.CONTRADICT, f"{describe(a)} and {describe(b)} disagree on "
                                               f"{' and '.join(clashes)}")
    if starts.relation == ends.relation == Relation.AGREE:
        return Comparison(Relation.AGREE, _same_words(a, b, "are the same period"))
    first_start, last_end = max(a.start.earliest, b.start.earliest), min(a.end.latest, b.end.latest)
    if first_start > last_end:
        return Comparison(Relation.CONTRADICT, _no_common_period(a, b, first_start, last_end))
    return Comparison(Relation.CONSISTENT, f"{describe(a)} and {describe(b)} can be the same period "
                                           f"(start: {_word(starts)}; end: {_word(ends)})")


def _no_common_period(a: Span, b: Span, first_start: int, last_end: int) -> str:
    """Why two spans whose starts and ends each overlap still cannot be one period."""
    start, end = gregorian_days(first_start, first_start), gregorian_days(last_end, last_end)
    return (f"{describe(a)} and {describe(b)} cannot be the same period: a shared start would "
            f"fall on or after {start}, but a shared end on or before {end}")


def _word(result: Comparison) -> str:
    return "the same" if result.relation == Relation.AGREE else "compatible"


def _against_span(other: "Day | OneOf", span: Span) -> Comparison:
    """A date or one-of set against a lasting event: consistent if it can fall within it."""
    days = options_of(span)[0]
    if any(_meet(days, option) for option in options_of(other)):
        return Comparison(Relation.CONSISTENT, f"{describe(other)} can fall within {describe(span)}")
    gap = min(_gap(days, option) for option in options_of(other))
    side = "before its start" if span_of(other)[1] < days[0] else "after its end"
    return Comparison(Relation.CONTRADICT, f"{describe(other)} falls outside {describe(span)} "
                                           f"({_days(gap)} {side})")


def _compare_bounded(a: DateValue, b: DateValue) -> Comparison:
    if isinstance(a, Bound) and isinstance(b, Bound):
        return _compare_bounds(a, b)
    return _against_bound(*((b, a) if isinstance(a, Bound) else (a, b)))


def _compare_bounds(a: Bound, b: Bound) -> Comparison:
    """Two open bounds: the same bound agrees, bounds leaving a common day are consistent."""
    if a.kind == b.kind and _same(a.date, b.date):
        return Comparison(Relation.AGREE, _same_words(a, b, "set the same limit"))
    if _meet(_bound_days(a), _bound_days(b)):
        return Comparison(Relation.CONSISTENT, f"{describe(a)} and {describe(b)} can both hold")
    return Comparison(Relation.CONTRADICT, f"{describe(a)} and {describe(b)} cannot both hold")


_BREACHES = {BEFORE: "{0} is not before {1}", AFTER: "{0} is not after {1}",
             NOT_BEFORE: "{0} is before {1}, which 'not before {1}' rules out",
             NOT_AFTER: "{0} is after {1}, which 'not after {1}' rules out"}


def _against_bound(other: DateValue, bound: Bound) -> Comparison:
    """A date against a bound: consistent if some day it allows lies within the bound."""
    allowed, options = _bound_days(bound), options_of(other)
    target = describe(bound.date)
    if all(allowed[0] <= a and b <= allowed[1] for a, b in options):
        return Comparison(Relation.CONSISTENT, f"{describe(other)} is {bound.kind} {target}")
    if any(_meet(allowed, option) for option in options):
        return Comparison(Relation.CONSISTENT, f"{describe(other)} may be {bound.kind} {target}")
    return Comparison(Relation.CONTRADICT, _BREACHES[bound.kind].format(describe(other), target))


# ---------------------------------------------------------------- value type


class DateType:
    """The ``date`` value type."""

    name = "date"
    equal_values_compare_alike = True  # the comparison reads only the compared fields (see compare.relations)

    def parse(self, written: Any, context: ParseContext) -> DateValue:
        if isinstance(written, date):
            written = written.isoformat()
        if isinstance(written, int) and not isinstance(written, bool):
            written = str(written)
        if not isinstance(written, str):
            raise ValueProblem(f"a date must be written as text, e.g. {EXAMPLES}")
        return parse_date(written, getattr(context, "date_order", None))

    def written(self, value: DateValue) -> str:
        return written(value)

    def normalized(self, value: DateValue) -> dict:
        return normalized(value)

    def describe(self, value: DateValue) -> str:
        return describe(value)

    def compare(self, a: DateValue, b: DateValue, context: CompareContext) -> Comparison:
        return compare(a, b)

    def within(self, a: DateValue, b: DateValue) -> bool:
        allowed = options_of(b)
        return all(any(low <= first and last <= high for low, high in allowed) for first, last in options_of(a))


VALUE_TYPE = DateType()
