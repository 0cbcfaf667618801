"""Which recorded exchange rates apply where.

A rate claim holds for a period: its ``applies_to.period`` when given, else the dates the
ledger records for the rate claim's own subject (a rate stated for a 1920 shipment holds
when that shipment took place), else for any date. ``applies_to.subjects`` limits it to
some subjects' facts, ``applies_to.sources`` to the figures of some sources. A fact falls
in a rate's period when every date recorded for the fact's subject lies within it; a fact
whose subject has no recorded date is outside every period. A rate out of scope is not
used, and the comparison says why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from sourcecrit.models import Claim, Stance
from sourcecrit.values import CompareContext, ParseContext, Rate, ValueProblem, value_type
from sourcecrit.values.date import OPEN_END, OPEN_START, iso_day, span_of

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

Span = tuple[int, int]  # Gregorian day ordinals, OPEN_START / OPEN_END for an open end


def scoped(ledger: "Ledger", rate: Rate, claim: Claim, dates: dict[str, Span]) -> Rate:
    """``rate`` with the scope its claim gives it."""
    scope = claim.applies_to
    period, text = None, ""
    if scope is not None and scope.period:
        try:
            period, text = span_of(value_type("date").parse(scope.period, ParseContext())), scope.period
        except ValueProblem:  # reported by the ledger's check; the rate then holds for no date
            period, text = (OPEN_END, OPEN_START), scope.period
    elif claim.subject in dates:
        period = dates[claim.subject]
        text = f"the dates of {claim.subject}, {_days(period)}"
    subjects = frozenset(scope.subjects) if scope else frozenset()
    sources = frozenset(scope.sources) if scope else frozenset()
    return replace(rate, period=period, period_text=text, subjects=subjects, sources=sources)


def subject_dates(ledger: "Ledger", subjects: set[str] | None = None) -> dict[str, Span]:
    """For each subject (of ``subjects``, or any) with asserted dates, the span from its
    earliest day to its latest."""
    date_properties = {p.id for p in ledger.properties.values() if p.type == "date"}
    values = ledger.values
    found: dict[str, Span] = {}
    claims = ledger.claims.values()
    if subjects is not None:  # a few subjects (those of the rates): the cheapest test first
        claims = [claim for claim in claims if claim.subject in subjects]  # type: ignore[assignment]
    for claim in claims:
        if claim.property not in date_properties or claim.stance is not Stance.ASSERTS:
            continue
        value = values.get(claim.id)
        if value is None:
            continue
        start, end = span_of(value)
        known = found.get(claim.subject)
        found[claim.subject] = (start, end) if known is None else (min(known[0], start), max(known[1], end))
    return found


def needs_dates(rates: Sequence[Rate]) -> bool:
    """Whether any rate holds for a period, so that facts' dates matter."""
    return any(rate.period is not None for rate in rates)


def for_fact(context: CompareContext, subject: str, dates: dict[str, Span]) -> CompareContext:
    """The context of one fact's comparisons: the rates in scope, the others set aside with why."""
    if not any(r.period is not None or r.subjects for r in context.rates):
        return context
    kept, aside = [], list(context.set_aside)
    for rate in context.rates:
        why = _out_of_scope(rate, subject, dates.get(subject))
        if why:
            aside.append((rate, why))
        else:
            kept.append(rate)
    return replace(context, rates=kept, set_aside=aside)


def for_pair(context: CompareContext, a: Claim, b: Claim) -> CompareContext:
    """The context of one pair: rates limited to some sources' figures only when both claims are theirs."""
    kept, aside = [], list(context.set_aside)
    for rate in context.rates:
        if rate.sources and not all(c.source in rate.sources or c.attributed_to in rate.sources for c in (a, b)):
            aside.append((rate, f"the rate of claim {rate.claim_id} is for the figures of {', '.join(sorted(rate.sources))} only"))
        else:
            kept.append(rate)
    return replace(context, rates=kept, set_aside=aside)


def _out_of_scope(rate: Rate, subject: str, dated: Span | None) -> str | None:
    if rate.subjects and subject not in rate.subjects:
        return f"the rate of claim {rate.claim_id} is for {', '.join(sorted(rate.subjects))} only"
    if rate.period is None:
        return None
    if dated is None:
        return f"the rate of claim {rate.claim_id} holds for {rate.period_text}, and no date of {subject} is recorded"
    if not _within(dated, rate.period):
        return f"the rate of claim {rate.claim_id} holds for {rate.period_text}, not for {subject}, dated {_days(dated)}"
    return None


def _within(inner: Span, outer: Span) -> bool:
    (start, end), (first, last) = inner, outer
    return first <= start and end <= last  # an open end of the fact's dates is within an open end only


def _days(span: Span) -> str:
    start, end = (_iso(day) for day in span)
    return start if start == end else f"{start} to {end}"


def _iso(day: int) -> str:
    return iso_day(day) or "…"  # an open end has no day
