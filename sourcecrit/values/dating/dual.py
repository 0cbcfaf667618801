"""Forms with a slash, and dual dating: one day written in two calendars, or two days.

"2/15 March 1917" and "3 (16) March 1921" are one day in Old Style and New Style (or Rumi or
Hijri and Gregorian), accepted when the two agree under that year's offset and refused with
both readings when they do not; "22/23 June 1941" and "1917/18" are a night or a turn (the
second the next day, month or year); "17/3/1921" an all-number date; "1920-09-01/1920-09-10"
and "1920-09-01/.." EDTF intervals, with their open ends.
"""

from __future__ import annotations

import re

from sourcecrit.values.base import ValueProblem
from sourcecrit.values.calendars import GREGORIAN, HIJRI, HIJRI_MARGIN, JULIAN, RUMI, RUMI_YEARS, TURKISH
from sourcecrit.values.dating.model import (
    NOT_AFTER, NOT_BEFORE, SEASON, Bound, DateValue, Day, OneOf, SimpleDate, Span, describe,
)
from sourcecrit.values.dating.pieces import (
    ABOUT, ERA_WORD, MARKER, NUMERIC, Piece, Unreadable, calendar_of, form_calendar, may_have_era, read_numeric, read_piece, simple_date, strip_prefix,
    with_text,
)
from sourcecrit.values.dating.periods import read_single


_DAY_PAIR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*/\s*(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\d\s/][^/]*)")
_MONTH_DAY_PAIR = re.compile(r"([^\W\d_][^\d/]*?)\s+(\d{1,2})\s*/\s*(\d{1,2})(,?\s+\d[^/]*)")
_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_YEAR_PAIR = re.compile(r"(\d{3,4})\s*/\s*(\d{1,4})")
_NIGHT = re.compile(r"(?:the\s+)?night\s+of\s+(?:the\s+)?")
PAREN = re.compile(r"(.*?)\s*\(([^()]*\d[^()]*)\)\s*(.*)", re.S)
_LEAD_MARK = re.compile(rf"\s*((?:{MARKER}))\s*[:,]?\s*")
_BARE_DAY = re.compile(r"\d{1,2}")
_YEAR_LED = re.compile(rf"{ABOUT}?\d{{3,4}}(?!\d)")


def read_slashed(s: str, text: str, order: str | None) -> DateValue:
    """A form with a slash: an all-number date, a pair of days (Old Style/New Style, or a
    night), a pair of years, or an EDTF interval ``start/end``."""
    numeric = NUMERIC.fullmatch(s)
    if numeric:
        return read_numeric(numeric, text, order)
    ymd = _YMD.fullmatch(s)
    if ymd:
        return SimpleDate(int(ymd[1]), int(ymd[2]), int(ymd[3]), text=text)
    rest, about = strip_prefix(s)
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
        raise Unreadable()
    left, right = (part.strip() for part in parts)
    if right in ("..", "") or left == "..":
        return _open_interval(left, right, text)
    years = _YEAR_PAIR.fullmatch(s)
    if years:
        return _year_pair(years, text)
    if _BARE_DAY.fullmatch(left) or _BARE_DAY.fullmatch(right):
        raise ValueProblem(f"'{text}' pairs a day with a date; write both days before the month "
                           "('8/9 May 1945') or the whole dates")
    if _YEAR_LED.match(left) or _YEAR_LED.match(right) or (may_have_era(s) and ERA_WORD.search(left) and ERA_WORD.search(right)):
        return _read_interval([left, right], text)  # EDTF: 1920-09-01/1920-09-10
    return _pair(left, right, text, False, compact=False)


def _open_interval(left: str, right: str, text: str) -> Bound:
    """EDTF open ends: ``x/..`` on or after x, ``../x`` on or before x."""
    if right == "..":
        return Bound(NOT_BEFORE, read_single(left), text)
    if left == ".." and right:
        return Bound(NOT_AFTER, read_single(right), text)
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


def read_parenthesised(found: re.Match, text: str) -> Day:
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


def _pieces(first: str, second: str) -> tuple[Piece, Piece, str | None]:
    """The two parts of a pair; the one without a year borrows it (and the month) from the
    other, and is named ("a" or "b") so that the turn of a year can be tried."""
    try:
        a = read_piece(first, None)
    except Unreadable:
        b = read_piece(second, None)
        return read_piece(first, b), b, "a"
    try:
        return a, read_piece(second, None), None
    except Unreadable:
        return a, read_piece(second, a), "b"


def _year_turns(a: Piece, b: Piece, borrowed: str | None):
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
            return with_text(found, text)
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
                return with_text(found, text)
    if borrowed == "a" and a.month is not None and b.month is not None and a.month > b.month:
        a = a._replace(year=a.year + 1 if a.bc else a.year - 1)  # 31 December/1 January 1918
    if a.implied == TURKISH and not a.marked and b.marked in (RUMI, GREGORIAN, JULIAN):
        a = a._replace(marked=b.marked)  # "31 Mayıs/1 Haziran 1335 Rumi": the marker is for both
    ca = calendar_of(a, calendar_of(b, form_calendar(a, b)))
    first_date = simple_date(a, ca, *flags)
    second_date = simple_date(b, calendar_of(b, ca), *flags)
    if _next(first_date, second_date):
        return OneOf((first_date, second_date), text)
    if a.day is not None or b.day is not None or compact or a.year != _piece_year(first):
        raise ValueProblem(_not_a_pair(a, b, text, night=True))
    return _read_interval([first, second], text)  # May 1920/autumn 1921: no day, no pair


def _piece_year(part: str) -> int | None:
    try:
        return read_piece(part, None).year
    except Unreadable:
        return None


def _pair_flags(a: Piece, b: Piece, about: bool) -> tuple[bool, bool]:
    return about or a.own_approximate or b.own_approximate, a.uncertain or b.uncertain


def _next(a: SimpleDate, b: SimpleDate) -> bool:
    """Whether ``b`` is the day, month or year right after ``a`` (a night, a turn of the month)."""
    return a.precision == b.precision != SEASON and b.first == a.last + 1


def _dual_day(a: Piece, b: Piece, flags: tuple[bool, bool], compact: bool = False) -> SimpleDate | None:
    """The Gregorian day both parts name, one Old Style and one New Style; None if they do not."""
    old, new = _dual_calendars(a, b, compact)
    if old is None or a.bc or b.bc:  # no Old Style and New Style before the Gregorian reform
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


def _dual_calendars(a: Piece, b: Piece, compact: bool) -> tuple[str | None, str | None]:
    """The calendars of the two parts of a dual date: their own, else Old Style then New Style."""
    own_a = None if a.implied == TURKISH and not a.marked else calendar_of(a, "") or None
    own_b = None if b.implied == TURKISH and not b.marked else calendar_of(b, "") or None
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


def _not_a_pair(a: Piece, b: Piece, text: str, night: bool) -> str:
    """Why two days are not one day in two calendars (nor a night), with both readings."""
    readings = []
    old, new = _dual_calendars(a, b, False)
    for piece, calendar in ((a, old or JULIAN), (b, new or GREGORIAN)):
        try:
            d = SimpleDate(piece.counted_year, piece.month, piece.day, calendar=calendar)
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
        raise Unreadable()
    start, end = (read_piece(part, None) for part in parts)
    end_calendar = calendar_of(end, form_calendar(start, end))
    start_date = simple_date(start, calendar_of(start, end_calendar), start.own_approximate, start.uncertain)
    return Span(start_date, simple_date(end, end_calendar, end.own_approximate, end.uncertain), text)
