"""The ``date`` value type: dates as historians write them, in four calendars, reduced to
ranges of Gregorian days.

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

The work is parted in :mod:`sourcecrit.values.dating`: ``model`` (the values, their days and
their written forms), ``pieces`` (one date as written: day, month word, year, calendar marker
and flags), ``periods`` (parts of periods, decades and centuries, EDTF's unspecified digits),
``dual`` (slash pairs and dual dating), ``reading`` (a whole written form), ``comparing`` and
``plausibility``. This module is the value type, and gives their public names.

In "or" and "to" forms a leading "about" and the trailing calendar marker, ``?``, ``~`` or
``%`` apply to every part; a part may carry its own marker or flags in between. In the EDTF
forms ``[a, b]`` and ``a/b`` every part stands alone, except that an ``a/b`` start without a
calendar of its own takes the end's calendar.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sourcecrit.values.base import CompareContext, Comparison, ParseContext, ValueProblem
from sourcecrit.values.dating.comparing import compare, compare_simple
from sourcecrit.values.dating.model import (
    AFTER, BEFORE, CENTURY, DAY, DECADE, HUNDRED, MARGINS, MONTH, NOT_AFTER, NOT_BEFORE, OPEN_END, OPEN_START,
    PARTS, RANGE, SEASON, SEASONS, YEAR, Between, Bound, DateValue, Day, OneOf, SimpleDate, Span, describe,
    gregorian_days, iso_day, normalized, options_of, span_of, written,
)
from sourcecrit.values.dating.plausibility import FAR_FROM_PERIOD, implausible, middle_day
from sourcecrit.values.dating.reading import EXAMPLES, MAX_LENGTH, parse_date


__all__ = [
    "AFTER", "BEFORE", "CENTURY", "DAY", "DECADE", "EXAMPLES", "FAR_FROM_PERIOD", "HUNDRED", "MARGINS",
    "MAX_LENGTH", "MONTH", "NOT_AFTER", "NOT_BEFORE", "OPEN_END", "OPEN_START", "PARTS", "RANGE", "SEASON", "SEASONS",
    "VALUE_TYPE", "YEAR", "Between", "Bound", "DateType", "DateValue", "Day", "OneOf", "SimpleDate", "Span", "compare",
    "compare_simple", "describe", "gregorian_days", "implausible", "iso_day", "middle_day", "normalized", "options_of",
    "parse_date", "span_of", "written",
]


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
