"""A whole written date read into a value: :func:`parse_date`.

The commonest forms ("16 March 1921", "1921-03-16") take a short path; the others are tried
by their signs: an era (AD, CE), EDTF brackets, a bound ("not later than"), "between", dual
dating in parentheses, a slash, a part of a period, and last the "or" and "to" forms, whose
leading "about" and trailing calendar marker or flags apply to every part.
"""

from __future__ import annotations

import re

from sourcecrit.values.base import ValueProblem
from sourcecrit.values.calendars import GREGORIAN, fold, month_name, nearest_month
from sourcecrit.values.dating.model import (
    AFTER, BEFORE, NOT_AFTER, NOT_BEFORE, Bound, DateValue, Day, OneOf, SimpleDate, Span,
)
from sourcecrit.values.dating.pieces import (
    ERA, NUMERIC, Piece, ShortYear, UnknownMonth, Unreadable, calendar_of, read_named, read_numeric, read_piece,
    form_calendar, may_have_era, read_simple, settle, simple_date, strip_prefix, with_text,
)
from sourcecrit.values.dating.periods import BETWEEN, UNSPECIFIED, is_special, read_between, read_parts, read_single
from sourcecrit.values.dating.dual import PAREN, read_parenthesised, read_slashed


EXAMPLES = "16 March 1921, March 1921, 1921, 22 or 23 March 1921"
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


_SHORT_YEARS = re.compile(r"(\d{2})(\d{2})\s*-\s*(\d{2})(?!\d)")
_MONTH_DAYS = re.compile(r"([a-zа-я]{3,}\.?)\s+(\d{1,2})\s*-\s*(\d{1,2}),?(\s+\d{3,4}.*)", re.S)
_SPANS = (
    re.compile(r"(?:from\s+)?(.+?)\s+(?:to|until|till|-)\s+(.+)", re.S),
    re.compile(r"(\d{1,2}(?:\s+[a-z]{3,}\.?)?)\s*-\s*(\d{1,2}\s+[a-z].*)", re.S),
    re.compile(r"([a-z]{3,}\.?)\s*-\s*([a-z]{3,}\.?\s+\d.*)", re.S),
    re.compile(r"(\d{4})\s*-\s*(\d{4}(?:\D.*)?)", re.S),
)
_ERA_SPAN = re.compile(rf"(\d{{1,4}}(?:\s*(?:{ERA}))?)\s*-\s*((?:\d{{1,4}}\s*(?:{ERA})|a\.?\s?d\.?\s*\d{{1,4}})(?:\W.*)?)", re.S)
"""Years with an era about a dash: "264–241 BC", "30 BC–AD 14"."""


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
    folded = fold(written)
    try:
        try:
            return _read(folded, written, order)
        except ValueProblem:
            if "u" not in folded or UNSPECIFIED.search(folded) is None:
                raise
        return _read(_as_x(folded), written, order)  # older EDTF drafts wrote "19uu" for "19XX"
    except UnknownMonth as problem:
        near = nearest_month(problem.word)
        if near is None:
            raise _unreadable(written) from None
        raise ValueProblem(f"'{_as_written(problem.word, written)}' is not a month name; "
                           f"did you mean {near}?") from None
    except ShortYear as problem:
        raise ValueProblem(str(problem)) from None
    except Unreadable:
        raise _unreadable(written) from None


def _as_x(s: str) -> str:
    """The text with the u of older EDTF drafts as X ("19uu" is "19xx"); tried only when the text
    does not read as it stands, so that no other form pays for it."""
    return UNSPECIFIED.sub(lambda found: found[0].replace("u", "x"), s)


_ROMAN = re.compile(r"\b(?:kal(?:ends|endae|endis)?|non(?:es|ae|is)?|id(?:es|us|ibus)?)\b")
"""The Roman reckoning of days: the Kalends, Nones and Ides of a month ("Id. Mart. 44 BC")."""


def _unreadable(written: str) -> ValueProblem:
    folded = fold(written)
    if _ROMAN.search(folded) and re.search(r"\d", folded):
        return ValueProblem(f"'{written}' counts days the Roman way (Kalends, Nones, Ides), which is not read; "
                            "write the day it names, e.g. 15 March 44 BC for the Ides of March")
    unspecified = UNSPECIFIED.search(folded) if "x" in folded or "u" in folded else None
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
        raise Unreadable()
    if "/" in s and not NUMERIC.fullmatch(s):
        s = _ISO_DASHED.sub(r"\1 - \2", _SLASHED_DAY.sub(lambda found: _as_iso(found, order), s))
    if s[0] in "mtwfs" and s.endswith(_WEEKDAY_ENDS):
        s = _WEEKDAY.sub("", s, count=1)
    fast = _FAST_DAY.fullmatch(s) or _FAST_ISO.fullmatch(s)
    if fast:  # the commonest forms, read as the full path reads them
        return _fast(fast, text)
    if s[0] == "[" and s[-1] == "]":
        return _read_brackets(s[1:-1].strip(), text)
    bound = _BOUND.fullmatch(s) or (_LATEST.fullmatch(s) if s.endswith(("latest", "earliest")) else None)
    if bound:
        kind, rest = (bound[1], bound[2]) if bound.re is _BOUND else (bound[2], bound[1])
        return Bound(_BOUND_KINDS[re.sub(r"\s", "", kind)], read_single(rest), text)
    if s.startswith("between"):
        between = BETWEEN.fullmatch(s)
        if between:
            return read_between(between[1], between[2], text)
    if "(" in s:
        paren = PAREN.fullmatch(s)
        if paren and paren[2].strip() != "?":
            return read_parenthesised(paren, text)
    if "/" in s:
        return read_slashed(s, text, order)
    return _read_natural(s, text, order)


_SLASHED_DAY = re.compile(r"(?<![\d/.])(\d{1,2})(/)(\d{1,2})/(\d{2,4})(?![\d/])")
"""An all-number day within a longer form: "after 3/4/1920", "3/4/1920 to 5/6/1920"."""


_ISO_DASHED = re.compile(r"(\d{4}-\d\d-\d\d)-(\d{4}-\d\d-\d\d)")
"""Two days joined by a dash once read as ISO ("3/4/1920-5/6/1920"): a range, as with spaces."""


def _as_iso(found: re.Match, order: str | None) -> str:
    """An all-number day of a longer form as ISO, read as it would be alone (by the declared
    order, or refused with both readings when it could be either)."""
    day = read_numeric(found, found[0], order)
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+")
_WEEKDAY_ENDS = tuple("0123456789")  # a weekday leads only a date that ends in its year
_FAST_DAY = re.compile(r"(\d{1,2}) ([a-z]{3,}) (\d{4})")
_FAST_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def _fast(found: re.Match, text: str) -> Day:
    """"16 march 1921" or "1921-03-16": the same reading as the full path, with fewer tries."""
    if found.re is _FAST_ISO:
        return SimpleDate(int(found[1]), int(found[2]), int(found[3]), text=text)
    day, month, year, season, implied = read_named(found[1], found[2], found[3])
    piece = Piece(day, month, year, season, implied, None, False, False, False)
    return with_text(simple_date(piece, calendar_of(piece, GREGORIAN), False, False), text)


def _read_natural(s: str, text: str, order: str | None = None) -> DateValue:
    """A simple date, or an "or" or "to" form whose outer flags apply to every part; ``order``
    reads an all-number date with dashes (3-4-1920) as parse_date reads one with slashes."""
    if is_special(s):
        ranged = _SPANS[0].fullmatch(s) if " to" in s or "til" in s or " -" in s else None  # "mid-May" is one part
        if ranged:  # from early May to late June 1920
            start, end = read_parts(ranged[1], ranged[2])
            return Span(start, end, text)
        return with_text(read_single(s), text)
    rest, about = strip_prefix(s)
    if "-" in rest and rest[0].isdigit():
        numeric = NUMERIC.fullmatch(rest)
        if numeric:
            return read_numeric(numeric, text, order)
    short = _SHORT_YEARS.match(rest) if "-" in rest else None
    if short:
        rest = _short_years(short, rest)
    month_days = _MONTH_DAYS.fullmatch(rest) if "-" in rest and not rest[0].isdigit() else None
    if month_days:  # March 5-10, 1920
        rest = f"{month_days[2]} to {month_days[3]} {month_days[1]}{month_days[4]}"
    parts = _OR.split(rest)
    spanned = None if len(parts) > 1 else _split_span(rest)
    parts = spanned or parts
    tail = read_piece(parts[-1], None)
    if len(parts) == 1:  # most dates: one part
        return with_text(settle(tail, tail, about, form_calendar(tail)), text)
    pieces = [read_piece(p, tail) for p in parts[:-1]] + [tail]
    default = form_calendar(*pieces)
    dates = [settle(piece, tail, about, default) for piece in pieces]
    if spanned:
        return Span(dates[0], dates[1], text)
    return OneOf(tuple(dates), text)


_AD_YEARS = re.compile(r"(a\.?\s?d\.?)\s*(\d{1,4})\s*(?:-|to|until|till)\s*(\d{1,4})")
"""AD before a range of years: "AD 14–37" is AD 14 to AD 37, "AD 117–38" AD 117 to AD 138."""


def _split_span(s: str) -> list[str] | None:
    if s.startswith("a"):
        years = _AD_YEARS.fullmatch(s)
        if years:
            start, end = years[2], years[3]
            if len(end) < len(start):  # the end's first digits are the start's
                end = start[:len(start) - len(end)] + end
                if int(end) <= int(start):  # "AD 69-9": neither a range nor a year
                    return None
            return [f"ad {start}", f"ad {end}"]
    for pattern in _SPANS:
        found = pattern.fullmatch(s)
        if found:
            return [found[1], found[2]]
    found = _ERA_SPAN.fullmatch(s) if may_have_era(s) else None
    return [found[1], found[2]] if found else None


def _read_brackets(inner: str, text: str) -> DateValue:
    """EDTF: ``[..x]`` on or before, ``[x..]`` on or after, ``[a, b]`` one of."""
    if inner.startswith(".."):
        return Bound(NOT_AFTER, read_simple(inner[2:]), text)
    if inner.endswith(".."):
        return Bound(NOT_BEFORE, read_simple(inner[:-2]), text)
    dates = tuple(read_simple(part) for part in inner.split(","))
    return OneOf(dates, text) if len(dates) > 1 else with_text(dates[0], text)


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
