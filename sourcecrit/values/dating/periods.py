"""Parts of periods, decades, centuries and EDTF's unspecified digits, alone or in ranges.

"early May 1916" is days 1–10, "the second half of 1920" July to December, "the 1910s" 1910 to
1919, "19XX" (or the older "19uu") 1900 to 1999: each is a :class:`Between`, some day of that
stretch, by the shares the README's table gives. "from early May to late June 1920" is a span
between two such parts, "between mid-March and the end of April 1921" some day from the first
day of one to the last of the other.
"""

from __future__ import annotations

import re

from sourcecrit.values.base import ValueProblem
from sourcecrit.values.calendars import GREGORIAN, JULIAN, first_month, last_month, month_length, next_month
from sourcecrit.values.dating.model import (
    CENTURY, DECADE, HUNDRED, MONTH, PARTS, SEASON, SEASONS, YEAR, Between, Day, SimpleDate,
)
from sourcecrit.values.dating.pieces import (
    ERA, Unreadable, calendar_of, form_calendar, joined_marker, read_piece, read_simple, settle, simple_date, strip_prefix,
    strip_tail,
)


# Forms beyond the plain ones, each tried only when its cheap sign is present (substring
# tests: a regular expression of these words costs several times more on every form).
def is_special(s: str) -> bool:
    """Whether the text may be a part of a period, a decade or century, or EDTF "191X"."""
    return ("early" in s or "mid" in s or "late" in s or "begin" in s or "start" in s or "end" in s
            or "half" in s or "quarter" in s or "century" in s or "0s" in s or "0'" in s or "x" in s)


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
_MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "first half": (1, 15),
                    "second half": (16, 31)}
"""Parts of a month by the usual days (the last day is the month's own last day at most)."""
_DECADE = re.compile(rf"(?:the\s+)?(\d{{1,3}})0'?s(?:\s*({ERA}))?")
_CENTURY = re.compile(rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)\s+century(?:\s*({ERA}))?")
_EDTF_X = re.compile(r"(\d{2})(\d)?x(?(2)|x)|(\d{4})-(?:(xx)|(\d\d)-xx)(?:-xx)?")
UNSPECIFIED = re.compile(r"(?<![\w-])\d[\d-]*[xu][\dxu-]*(?![\w])")
"""A year or ISO date with unspecified digits: EDTF's X, or the u of its older drafts."""
BETWEEN = re.compile(r"between\s+(.+?)\s+and\s+(.+)", re.S)


def read_single(s: str) -> SimpleDate | Between:
    """One date that is not an "or"/"to" form: a simple date, a part of a period, a decade."""
    rest, about = strip_prefix(s.strip())
    marked, approximate, uncertain = None, False, False
    if rest and not rest[-1].isdigit():
        rest, marked, approximate, uncertain = strip_tail(rest)
    rest = rest.rstrip(".,")
    if not is_special(rest):
        return read_simple(s)
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
        if low <= 0:  # years BC: Julian unless marked
            calendar = marked or JULIAN
        flags_of = {"calendar": calendar, "approximate": approximate, "uncertain": uncertain}
        return Between(SimpleDate(low, **flags_of), SimpleDate(high, **flags_of), part)
    piece = read_piece(s, None)
    piece = piece._replace(marked=joined_marker(piece.marked, marked),
                           approximate=piece.approximate or approximate,
                           uncertain=piece.uncertain or uncertain)
    return simple_date(piece, calendar_of(piece, form_calendar(piece)), piece.own_approximate, piece.uncertain)


def _named_years(s: str) -> tuple[tuple[int, int], str] | None:
    """A decade ("1910s", EDTF "191X"), a century ("19th century") or EDTF "19XX"; None if not one."""
    decade = _DECADE.fullmatch(s)
    if decade:
        return _decade(s, int(decade[1]) * 10, decade[2])
    century = _CENTURY.fullmatch(s)
    if century:
        number = int(century[1])
        if century[2] and "b" in century[2]:  # the 5th century BC: 500 to 401 BC, counted astronomically
            return (1 - number * 100, -(number - 1) * 100), CENTURY
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


def _decade(s: str, start: int, era: str | None) -> tuple[tuple[int, int], str]:
    """"the 1910s"; "the 40s BC" (49 to 40 BC, counted astronomically), "the 190s AD"; refused when
    the century is not said ("the 20s") or it may be a century ("the 1900s")."""
    before_christ = era is not None and "b" in era
    if era is None and start < 1000:
        raise ValueProblem(f"'{s}' does not say its century; write all the digits of its years (as in 'the 1920s'), "
                           f"or its era ('the {start}s BC', 'the {start}s AD')")
    if start % 100 == 0:
        first, last = (f"{start + 9} BC", f"{start} BC") if before_christ else (str(start), str(start + 9))
        raise ValueProblem(f"'{s}' may be a decade or a century; write its first and last years ('{first} to {last}')")
    if before_christ:
        return (1 - (start + 9), 1 - start), DECADE
    return (start, start + 9), DECADE


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
    if period.season is not None:  # never Hijri: such a season is refused when it is made
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


def read_parts(first: str, second: str) -> tuple[Day, Day]:
    """Two dates of a range, either a part of a period ("early May", "the 1910s"); the first
    may borrow the year (and what follows it) from the second: "from early May to late June 1920"."""
    end = read_single(second)
    try:
        return read_single(first), end
    except Unreadable:
        year = _LAST_YEAR.search(second)
        if year is None:
            raise
        return read_single(f"{first} {second[year.start():]}"), end


_LAST_YEAR = re.compile(r"(?<!\d)\d{3,4}(?!.*\d)", re.S)


def read_between(first: str, second: str, text: str) -> Between:
    """"between 3 and 9 May 1919": some day of that stretch; the first part may borrow from the second.

    With a part of a period ("between mid-March and the end of April 1921") it is some day from
    the first day the first part allows to the last day the second allows."""
    if is_special(first) or is_special(second):
        low, high = read_parts(first, second)
        return Between(low.low if isinstance(low, Between) else low,
                       high.high if isinstance(high, Between) else high, None, None, text)
    rest, about = strip_prefix(first)
    tail = read_piece(second, None)
    first_piece = read_piece(rest, tail)
    default = form_calendar(first_piece, tail)
    return Between(settle(first_piece, tail, about, default), settle(tail, tail, about, default), None, None, text)
