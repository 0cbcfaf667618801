"""How two date values stand to each other: agree, consistent or contradict, with the reason.

The same days at the same precision agree; days that overlap are consistent; days that do not
contradict, and the reason says by how much (and when it is exactly the Old Style/New Style
difference of that year). One-of sets, spans and bounds are compared by the days they allow.
"""

from __future__ import annotations

from datetime import date

from sourcecrit.values.base import Comparison, Relation
from sourcecrit.values.calendars import HIJRI, HIJRI_MARGIN, style_offset
from sourcecrit.values.dating.model import (
    AFTER, BEFORE, DAY, NOT_AFTER, NOT_BEFORE, PRECISION_RANK, Bound, DateValue, Day, OneOf, Span, bound_days,
    describe, gregorian_days, interval, options_of, span_of,
)


def _meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days from the end of the earlier interval to the start of the later one."""
    return max(a[0] - b[1], b[0] - a[1])


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


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
    if not _meet(interval(a), interval(b)):
        return Comparison(Relation.CONTRADICT, _apart_reason(a, b))
    return Comparison(Relation.CONSISTENT, _overlap_reason(a, b))


def _agree_reason(a: Day, b: Day) -> str:
    kind = f"approximate {a.precision}" if a.approximate else a.precision
    return _same_words(a, b, f"are the same {kind}")


def _same_words(a: DateValue, b: DateValue, verb: str) -> str:
    """Say that two values agree: "both give ..." when they are equal, else name both."""
    return f"both give {describe(a)}" if a == b else f"{describe(a)} and {describe(b)} {verb}"


def _apart_reason(a: Day, b: Day) -> str:
    gap = _gap(interval(a), interval(b))
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
    narrow, wide = sorted((a, b), key=lambda d: PRECISION_RANK[d.precision])
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
    shared = [x for x in a.options if any(_meet(interval(x), interval(y)) for y in b.options)]
    if shared:
        return Comparison(Relation.CONSISTENT, f"{describe(a)} and {describe(b)} can both hold "
                                               f"({describe(shared[0])} fits both)")
    return Comparison(Relation.CONTRADICT, f"{describe(a)} and {describe(b)} have no day in common")


def _key(d: Day) -> tuple[int, int, str]:
    return d.earliest, d.latest, d.precision


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
    if _meet(bound_days(a), bound_days(b)):
        return Comparison(Relation.CONSISTENT, f"{describe(a)} and {describe(b)} can both hold")
    return Comparison(Relation.CONTRADICT, f"{describe(a)} and {describe(b)} cannot both hold")


_BREACHES = {BEFORE: "{0} is not before {1}", AFTER: "{0} is not after {1}",
             NOT_BEFORE: "{0} is before {1}, which 'not before {1}' rules out",
             NOT_AFTER: "{0} is after {1}, which 'not after {1}' rules out"}


def _against_bound(other: DateValue, bound: Bound) -> Comparison:
    """A date against a bound: consistent if some day it allows lies within the bound."""
    allowed, options = bound_days(bound), options_of(other)
    target = describe(bound.date)
    if all(allowed[0] <= a and b <= allowed[1] for a, b in options):
        return Comparison(Relation.CONSISTENT, f"{describe(other)} is {bound.kind} {target}")
    if any(_meet(allowed, option) for option in options):
        return Comparison(Relation.CONSISTENT, f"{describe(other)} may be {bound.kind} {target}")
    return Comparison(Relation.CONTRADICT, _BREACHES[bound.kind].format(describe(other), target))
