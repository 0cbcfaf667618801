"""One date as written, before its calendar and flags are settled: a :class:`Piece`.

A piece is a day, month (a word in any of the languages of :mod:`sourcecrit.values.calendars`,
a Roman numeral, or a number), season and year, with its calendar marker ("OS", "Rumi", "AH")
and its flags (an approximation word before it, ``? ~ %`` after it). A part of an "or", "to"
or slash form that lacks its month or year borrows them from the last part ("22" in "22 or
23 March 1921"). The calendar a piece is read in is settled here too: a Rumi-only or Hijri
month name implies its calendar; a month name modern Turkish shares with the Rumi calendar,
with a year in the Rumi range and no marker, is refused with the Rumi reading.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sourcecrit.values.base import ValueProblem
from sourcecrit.values.calendars import (
    CALENDAR_LABELS, GREGORIAN, HIJRI, JULIAN, RUMI, RUMI_YEARS, TURKISH, month_name, read_month,
)
from sourcecrit.values.dating.model import Between, SimpleDate, describe


_SEASON_WORDS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
                 "winter": "winter"}
_EDTF_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_MARKER_CALENDARS = {"os": JULIAN, "oldstyle": JULIAN, "julian": JULIAN, "stst": JULIAN, "ast": JULIAN,
                     "ns": GREGORIAN, "newstyle": GREGORIAN, "gregorian": GREGORIAN, "nst": GREGORIAN,
                     "miladi": GREGORIAN, "rumi": RUMI, "r": RUMI, "mali": RUMI,
                     "hijri": HIJRI, "hicri": HIJRI, "ah": HIJRI, "h": HIJRI}
MARKER = (r"old\s*style|new\s*style|o\.\s*s\.|n\.\s*s\.|os|ns|julian|gregorian|rumi|r\.|hijri"
           r"|hicri|miladi|mali|st\.\s*st\.|a\.\s*st\.|n\.\s*st\.|a\.\s*h\.|ah|h\.")
_TAIL = re.compile(rf"(?:\s*(?:[?~%]|\(\?\)|[\[(]?(?<![a-z])(?:{MARKER})[\])]?))+$")
_TAIL_TOKEN = re.compile(rf"[?~%]|\(\?\)|(?<![a-z])(?:{MARKER})")
ABOUT = r"(?:(?:about|around|approximately|approx|circa|ca)\.?\s+|(?:ca?\.|~)\s*)"
"""The words and signs of an approximate date before it: "about", "c.", "~"."""
_PREFIX = re.compile(ABOUT)
NUMERIC = re.compile(r"(\d{1,2})\s*([/-])\s*(\d{1,2})\s*\2\s*(\d{2,4})")
_TWO_DIGIT_YEAR = re.compile(r".*[^\d\s.]\.?,?\s+\d{1,2}")
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


class Unreadable(ValueProblem):
    """Raised deep in the reader; :func:`parse_date` rewrites it with the whole text."""


class ShortYear(Unreadable):
    """A date that ends in one or two digits where its year should be: said as such, unless
    another part lends it a year ("Nov. 20/Dec. 3, 1917")."""


class UnknownMonth(Unreadable):
    """A word where a month should be; :func:`parse_date` suggests the nearest month name."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


class Piece(NamedTuple):
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
    bc: bool = False  # the year is written BC or BCE ("44 BC"): ``year`` is 44, as written
    era: bool = False  # an era is named (AD, BC, ...), or taken from the last part ("14–37 AD")

    @property
    def own_approximate(self) -> bool:
        return self.about or self.approximate

    @property
    def counted_year(self) -> int:
        """The year as dates count it: astronomically before AD 1 (44 BC is -43, 1 BC is 0)."""
        return 1 - self.year if self.bc else self.year


def settle(piece: Piece, tail: Piece, about: bool, default: str = GREGORIAN) -> SimpleDate:
    """A simple date from a part of an "or"/"to" form, taking what it lacks from the last part;
    ``default`` is the calendar of a form with no marker (Julian when a part is BC)."""
    if piece.implied == TURKISH and not piece.marked and tail.marked in (RUMI, GREGORIAN, JULIAN):
        piece = piece._replace(marked=tail.marked)  # "1 Şubat or 1 Mart 1335 Rumi": the marker is for both
    calendar = calendar_of(piece, calendar_of(tail, default))
    approximate = about or piece.own_approximate or tail.approximate
    return simple_date(piece, calendar, approximate, piece.uncertain or tail.uncertain)


def read_numeric(found: re.Match, text: str, order: str | None) -> SimpleDate:
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
                           "(month first); write the month's name, or declare the date order "
                           "('date_order: dmy' or 'mdy' on the source, or under 'ledger:' for all)")
    return SimpleDate(year, month, day, text=text)


def joined_marker(inner: str | None, outer: str | None) -> str | None:
    if inner and outer and inner != outer:
        raise ValueProblem(f"the date is marked both {CALENDAR_LABELS[inner]} and {CALENDAR_LABELS[outer]}")
    return inner or outer


def read_simple(s: str) -> SimpleDate:
    piece = read_piece(s, None)
    return simple_date(piece, calendar_of(piece, form_calendar(piece)), piece.own_approximate, piece.uncertain)


def with_text(d: SimpleDate | Between, text: str) -> SimpleDate | Between:
    if isinstance(d, Between):
        return Between(d.low, d.high, d.part, d.of, text)
    return SimpleDate(d.year, d.month, d.day, d.season, d.calendar, d.approximate, d.uncertain, text)


def simple_date(piece: Piece, calendar: str, approximate: bool, uncertain: bool) -> SimpleDate:
    year = 1 - piece.year if piece.bc else piece.year  # see Piece.counted_year; inline, as read for every date
    return SimpleDate(year, piece.month, piece.day, piece.season, calendar, approximate, uncertain)


def form_calendar(*pieces: Piece) -> str:
    """The calendar of the unmarked parts of a form: Julian when one part is BC ("30 BC – AD 14"),
    as historians give dates BC, else Gregorian."""
    for piece in pieces:  # a loop, not any(): read for every date, and a generator costs more
        if piece.bc:
            return JULIAN
    return GREGORIAN


def calendar_of(piece: Piece, default: str) -> str:
    """The piece's calendar: its marker or the one its month name implies, else ``default``.

    A month name that modern Turkish shares with the Rumi calendar (Mart, Haziran, ...) with
    a year in the Rumi range and no marker is refused, naming the Rumi reading. The Rumi and
    Hijri calendars have no years BC (the default of a date BC is Julian: see form_calendar).
    """
    if piece.bc and (piece.marked or piece.implied) in (RUMI, HIJRI):
        raise ValueProblem(f"the {CALENDAR_LABELS[piece.marked or piece.implied or RUMI]} calendar has no years BC")
    if piece.implied == TURKISH:
        if piece.marked:
            return piece.marked
        if RUMI_YEARS[0] <= piece.year <= RUMI_YEARS[1]:
            raise ValueProblem(_likely_rumi(piece))
        return default
    if piece.implied and piece.marked and piece.implied != piece.marked:
        name = month_name(piece.implied, piece.month or 1)  # implied by a month word
        raise ValueProblem(f"{name} is a {CALENDAR_LABELS[piece.implied]} month, but the date "
                           f"is marked {CALENDAR_LABELS[piece.marked]}")
    return piece.implied or piece.marked or default


def _likely_rumi(piece: Piece) -> str:
    name = month_name(RUMI, piece.month or 1)
    written = " ".join(str(x) for x in (piece.day, name, piece.year) if x is not None)
    try:
        rumi = describe(SimpleDate(piece.year, piece.month, piece.day, calendar=RUMI))
        reading = f"as Rumi, {rumi.replace(' (Rumi)', '')}"
    except ValueProblem as problem:
        reading = f"but not a Rumi date either ({problem})"
    return (f"'{written}': a Turkish month name with a year in the Rumi range "
            f"({RUMI_YEARS[0]}–{RUMI_YEARS[1]}) is likely Rumi, {reading}; write '{written} Rumi', "
            f"or '{written} Gregorian' if the source means the year {piece.year} AD")


def strip_prefix(s: str) -> tuple[str, bool]:
    found = _PREFIX.match(s)
    return (s[found.end():], True) if found else (s, False)


def read_piece(s: str, tail: Piece | None) -> Piece:
    """Read one part: its approximation word, its date, its calendar marker and flags."""
    s, about = strip_prefix(s.strip())
    marked, approximate, uncertain = None, False, False
    if s and not s[-1].isdigit():
        s, marked, approximate, uncertain = strip_tail(s)
    bc = era = may_have_era(s)
    if era:
        s, bc, era = _without_era(s)
    if tail is not None and tail.era and not era:  # "264 to 241 BC", "1 to 10 March 44 BC": the era is for both
        bc, era = tail.bc, True
        if tail.month is None and s.isdigit() and len(s) <= 4:  # "44 or 43 BC": a short number is a year
            s = s.zfill(4)
    day, month, year, season, implied = _read_core(s.rstrip(".,"), tail)
    if year == 0 and not bc:
        raise ValueProblem("the year 0000 is 1 BC as ISO 8601 and EDTF count years; write '1 BC' if the "
                           "source means it, or the year in full")
    return Piece(day, month, year, season, implied, marked, about, approximate, uncertain, bc, era)


def may_have_era(s: str) -> bool:
    """Whether the text may name an era (AD, CE, BC, BCE): a cheap test before the pattern, which
    passes over the "ce" of December and the "ad" of Ramadan and Jumada."""
    return ("bc" in s or "ad" in s and (" ad" in s or "ad " in s or s[:2] == "ad" or s[-2:] == "ad") or " ce" in s
            or "." in s and ("a.d" in s or "b.c" in s or "c.e" in s))


ERA = r"b\.?\s?c\.?(?:\s?e\.?)?|bce|a\.?\s?d\.?|c\.\s?e\.|ce"
"""AD, CE, BC or BCE, with or without dots."""
ERA_WORD = re.compile(rf"(?<![a-z.])(?:{ERA})(?![a-z])")
_ERA_AFTER = re.compile(rf"(.*?)(?<!\d)(\d{{1,4}})\s*({ERA})", re.S)
_ERA_BEFORE = re.compile(r"(.*?)(?<![a-z])(a\.?\s?d\.?)\s*(\d{1,4})", re.S)


def _without_era(s: str) -> tuple[str, bool, bool]:
    """A part without its era, its year written in four digits, whether the era is BC, and
    whether it names one: "15 March 44 BC" is "15 march 0044", BC; "AD 14" is "0014"."""
    after = _ERA_AFTER.fullmatch(s)
    found = after or _ERA_BEFORE.fullmatch(s)
    if found is None:
        return s, False, False
    year, era = (after[2], after[3]) if after else (found[3], found[2])
    if int(year) == 0:
        raise ValueProblem("there is no year 0 in years BC and AD: 1 BC is followed by AD 1")
    return f"{found[1]}{int(year):04d}", "b" in era, True


def strip_tail(s: str) -> tuple[str, str | None, bool, bool]:
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


def _read_core(core: str, tail: Piece | None) -> tuple:
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
        raise ShortYear(f"'{core}' has no year, or a year of two digits; write the year in full "
                         "(1921), or 'AD 21' for the year 21")
    raise Unreadable()


def _read_incomplete(core: str, tail: Piece) -> tuple | None:
    """A part that borrows its month and year from the last part: "22" in "22 or 23 March 1921"."""
    for pattern, build, needs_day in _INCOMPLETE:
        match = pattern.fullmatch(core)
        if match and (tail.day is not None or not needs_day):
            return build(match, tail)
    return None


_THE_SEASON_OF = re.compile(r"^the\s+|\s+of$")


def read_named(day: str | None, word: str, year: str) -> tuple:
    """A date written with a month or season word."""
    season = _SEASON_WORDS.get(word)
    if season is None and " " in word:  # "the spring of 1921"
        season = _SEASON_WORDS.get(_THE_SEASON_OF.sub("", word))
    if season is not None and day is None:
        return None, None, int(year), season, None
    if day is None and word in _ROMAN_MONTHS:  # "v 1921" is Russian for "in 1921", not May
        raise Unreadable()
    implied, month = _month(word)
    return (None if day is None else int(day)), month, int(year), None, implied


def _month(word: str) -> tuple[str | None, int]:
    found = read_month(word)
    if found is not None:
        return found
    if word in _ROMAN_MONTHS:  # 16 III 1921, as Russian and German writers number months
        return None, _ROMAN_MONTHS[word]
    raise UnknownMonth(word)


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
    (_DAY_MONTH_YEAR, lambda m: read_named(m[1], m[2], m[3])),
    (_ISO, _iso),
    (_YEAR, lambda m: (None, None, int(m[0]), None, None)),
    (_MONTH_YEAR, lambda m: read_named(None, m[1], m[2])),
    (_MONTH_DAY_YEAR, lambda m: read_named(m[2], m[1], m[3])),
    (_DOTTED, lambda m: (int(m[1]), int(m[2]), int(m[3]), None, None)),
    (_ROMAN, lambda m: (int(m[1]), _ROMAN_MONTHS[m[2]], int(m[3]), None, None)),
)
_INCOMPLETE = (
    (_DAY_ONLY, lambda m, t: (int(m[1]), t.month, t.year, None, None), True),
    (_DAY_MONTH, lambda m, t: read_named(m[1], m[2], str(t.year)), False),
    (_MONTH_DAY, lambda m, t: read_named(m[2], m[1], str(t.year)), True),
    (_MONTH_ONLY, lambda m, t: read_named(None, m[1], str(t.year)), False),
)
