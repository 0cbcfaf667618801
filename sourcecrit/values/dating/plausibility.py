"""A date read far from the period a ledger covers, and the reading the source likely means.

"10 June 1335" in a ledger of 1919–1921 reads as AD 1335; the warning names the Rumi reading
(10 June 1919) so that the editor can write what the source means.
"""

from __future__ import annotations

from sourcecrit.values.base import ValueProblem
from sourcecrit.values.calendars import CALENDAR_LABELS, HIJRI, RUMI, era_year, gregorian_date
from sourcecrit.values.dating.model import Bound, DateValue, SimpleDate, describe, gregorian_days, span_of, written


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


def implausible(value: DateValue, period: tuple[int, int], whose: str = "the ledger's other dates") -> str | None:
    """Why a date read far outside ``period`` (first and last day; ``whose`` says where it comes
    from) may be misread, naming the reading and the likely intended one ("read as 10 June 1335;
    1335 in a Rumi year is 10 June 1919"); None when it lies near the period."""
    middle = middle_day(value)
    if middle is None or period[0] - FAR_FROM_PERIOD <= middle <= period[1] + FAR_FROM_PERIOD:
        return None
    years = f"{era_year(gregorian_date(period[0])[0])}–{era_year(gregorian_date(period[1])[0])}"
    found = f"read as {describe(value)}, far from {whose} ({years})"
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
