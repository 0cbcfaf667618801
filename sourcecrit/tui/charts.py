"""From a fact's claims to a chart: date spans in days, quantity ranges in one unit.

The spans come from the value modules' own helpers (values.date's ``options_of`` and
``span_of``; values.quantity's range), never from a reading of our own.
"""

from __future__ import annotations

from typing import Any

from sourcecrit.compare import Finding
from sourcecrit.models import Stance
from sourcecrit.tui.timeline import DATE_AXIS, Bar, Chart, quantity_axis

LABEL_MAX = 26


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
        label = f"{ledger.source_label(claim.source)} {claim_id}"
        bars.append(Bar(label[:LABEL_MAX], spans, str(claim.value), version_of.get(claim_id, 0),
                        against=claim.stance is not Stance.ASSERTS, approximate=approximate))
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
    low = getattr(value, "low", None)
    high = getattr(value, "high", None)
    unit = getattr(value, "unit", None)
    return [(low, high)], unit, bool(getattr(value, "approximate", False))
