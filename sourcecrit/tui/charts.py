"""From a fact's claims to a chart: date spans in days, quantity ranges in one unit.

The spans come from the value modules' own helpers (values.date's ``options_of`` and
``span_of``; values.quantity's range), never from a reading of our own.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from sourcecrit.compare import Finding
from sourcecrit.models import Stance
from sourcecrit.tui.timeline import DATE_AXIS, Bar, Chart, quantity_axis



def chart_for(state, finding: Finding) -> Chart | None:
    """The chart of ``finding``'s claims, or None when its type has no axis."""
    ledger = state.ledger
    prop = ledger.properties.get(finding.property)
    if prop is None or prop.type not in ("date", "quantity"):
        return None
    version_of = {cid: n for n, v in enumerate(finding.versions) for cid in v.claims}
    spans_of = _date_spans if prop.type == "date" else _quantity_spans
    bars, notes, units = [], [], set()
    for claim_id in finding.claims:
        claim = ledger.claims.get(claim_id)
        value = ledger.values.get(claim_id)
        if claim is None or value is None:
            notes.append(f"{claim_id}: its value could not be read, so it is not drawn")
            continue
        spans, unit, approximate = spans_of(value)
        if unit is not None:
            units.add(unit)
        witness = state.findings.witness.get(claim_id, claim.source)
        bars.append(Bar(ledger.source_label(witness), spans, str(claim.value), version_of.get(claim_id, 0),
                        against=claim.stance is not Stance.ASSERTS, approximate=approximate, claim=claim_id))
    _tell_apart(bars, {c: ledger.claims[c].locator for c in finding.claims if c in ledger.claims})
    if prop.type == "date":
        return Chart(bars, DATE_AXIS, notes)
    if len(units) > 1:
        notes.append("the claims use different units (" + ", ".join(sorted(ledger.unit_label(u) for u in units))
                     + "): each is drawn in its own amounts")
    unit = next(iter(units)) if len(units) == 1 else ""
    return Chart(bars, quantity_axis(ledger.unit_label(unit) if unit else ""), notes)


def _date_spans(value: Any) -> tuple[list[tuple[float | None, float | None]], None, bool]:
    from sourcecrit.values.date import OPEN_END, OPEN_START, options_of

    spans = [(None if start <= OPEN_START else float(start), None if end >= OPEN_END else float(end))
             for start, end in options_of(value)]
    return spans, None, _approximate(value)


def _approximate(value: Any) -> bool:
    parts = [value, getattr(value, "date", None), getattr(value, "start", None), *getattr(value, "options", ())]
    return any(getattr(part, "approximate", False) for part in parts if part is not None)


def _quantity_spans(value: Any) -> tuple[list[tuple[float | None, float | None]], str | None, bool]:
    """The amount as compared (widened when approximate); an unbounded end ("at least 10
    million": no upper end; "less than 5,000": down to nothing) is drawn open."""
    low, high = value.span
    start = None if low == 0 < high else low
    return [(start, None if math.isinf(high) else high)], value.unit, bool(value.approximate)


def _tell_apart(bars: list[Bar], locators: dict[str, str]) -> None:
    """Add where each claim stands in its source (else its id) to the labels of witnesses
    with more than one bar."""
    seen = Counter(bar.label for bar in bars)
    for bar in bars:
        if seen[bar.label] > 1:
            bar.label = f"{bar.label}, {locators.get(bar.claim) or bar.claim}"
