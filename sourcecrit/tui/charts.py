"""From a fact's claims to charts: date spans in days; quantity ranges, one chart per unit.

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


def charts_for(state, finding: Finding) -> list[Chart]:
    """The charts of ``finding``'s claims: one for dates; for quantities one per unit, since
    8 kilograms of gold on an axis of millions of rubles would read as nothing. No rate is
    applied to bring the units together, and the notes say so. Empty when the type has no axis."""
    ledger = state.ledger
    prop = ledger.properties.get(finding.property)
    if prop is None or prop.type not in ("date", "quantity"):
        return []
    version_of = {cid: n for n, v in enumerate(finding.versions) for cid in v.claims}
    spans_of = _date_spans if prop.type == "date" else _quantity_spans
    by_unit: dict[str, list[Bar]] = {}
    notes = []
    for claim_id in finding.claims:
        claim = ledger.claims.get(claim_id)
        value = ledger.values.get(claim_id)
        if claim is None or value is None:
            notes.append(f"{claim_id}: its value could not be read, so it is not drawn")
            continue
        spans, unit, approximate = spans_of(value)
        witness = state.findings.witness.get(claim_id, claim.source)
        by_unit.setdefault(unit or "", []).append(
            Bar(ledger.source_label(witness), spans, str(claim.value), version_of.get(claim_id, 0),
                against=claim.stance is not Stance.ASSERTS, approximate=approximate, claim=claim_id))
    locators = {c: ledger.claims[c].locator for c in finding.claims if c in ledger.claims}
    for bars in by_unit.values():
        _tell_apart(bars, locators)
    if prop.type == "date":
        return [Chart(by_unit.get("", []), DATE_AXIS, notes)]
    units = {unit: ledger.unit_label(unit) if unit else "" for unit in by_unit}
    charts = [Chart(bars, quantity_axis(units[unit]), [], f"in {units[unit] or 'no unit'}" if len(by_unit) > 1 else "")
              for unit, bars in by_unit.items()]
    if len(charts) > 1:
        notes.append(f"the claims give amounts in {len(charts)} units ({', '.join(units[u] or 'no unit' for u in by_unit)}): "
                     "each is drawn on its own axis; no rate is applied to compare them here")
    if charts:
        charts[-1].notes = notes
    return charts or [Chart([], quantity_axis(""), notes)]


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
