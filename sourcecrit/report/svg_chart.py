"""Per fact, an inline SVG chart for the HTML report: a timeline of the claims' dates, or a
range chart of their quantities with one axis per unit. No script: it prints as drawn.

The spans come from the value modules' own helpers (values.date's ``options_of``,
values.quantity's ``span``), as the TUI's timeline takes them; a claim whose value could
not be read is left out and said so under the chart.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from sourcecrit.values.calendars import era_ticks
from sourcecrit.values.date import OPEN_END, OPEN_START, options_of

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.report.views import FactView

PALETTE = ("#b3261e", "#1f5fa8", "#2e7d32", "#7b3fa0", "#b26a00", "#00796b")  # dark enough for print
WIDTH, LABEL, RIGHT, ROW, TOP, BOTTOM = 720, 250, 16, 22, 8, 34
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Bar:
    """One claim on the axis: its label, its spans (None for an open end), its version."""

    label: str
    spans: list[tuple[float | None, float | None]]
    version: int
    against: bool  # a denial or a doubt: drawn hollow
    claim: str


@dataclass(frozen=True)
class Panel:
    """Bars on one axis: the dates, or the amounts in one unit."""

    unit: str  # "" for dates
    bars: list[Bar]


def fact_chart(ledger: "Ledger", fact: "FactView") -> str:
    """The SVG figure of a date or quantity fact, or '' for any other type."""
    if fact.type not in ("date", "quantity"):
        return ""
    panels, unread = _panels(ledger, fact)
    figures = [_svg(panel, fact.type == "date") for panel in panels if panel.bars]
    if not figures:
        return ""
    notes = [f"{escape(c)}: its value could not be read, so it is not drawn" for c in unread]
    caption = ("Each claim’s value on one axis, coloured by competing value (numbered as in the table); "
               "a hollow bar is a denial or a doubt" + (f"; {'; '.join(notes)}" if notes else "") + ".")
    return f'<figure class="chart">{"".join(figures)}<figcaption>{caption}</figcaption></figure>\n'


def _panels(ledger: "Ledger", fact: "FactView") -> tuple[list[Panel], list[str]]:
    panels: dict[str, list[Bar]] = {}
    unread: list[str] = []
    witnesses = Counter(claim.witness_name or claim.short for claim in fact.claims)
    for number, version in enumerate(fact.versions):
        for claim in version.claims:
            value = ledger.values.get(claim.id)
            if value is None:
                unread.append(claim.id)
                continue
            spans, unit = _date_spans(value) if fact.type == "date" else _amount_spans(value)
            label = claim.witness_name or claim.short
            if witnesses[label] > 1:  # one witness, several claims: told apart by where each stands
                label = f"{label}, {claim.locator or claim.id}"
            panels.setdefault(unit, []).append(Bar(label, spans, number, claim.stance != "asserts", claim.id))
    return [Panel(unit and ledger.unit_label(unit), bars) for unit, bars in panels.items()], unread


def _date_spans(value: Any) -> tuple[list[tuple[float | None, float | None]], str]:
    return [(None if a <= OPEN_START else float(a), None if b >= OPEN_END else float(b + 1))
            for a, b in options_of(value)], ""


def _amount_spans(value: Any) -> tuple[list[tuple[float | None, float | None]], str]:
    low, high = value.span
    return [(None if low == 0 < high else low, None if math.isinf(high) else high)], value.unit or ""


def _svg(panel: Panel, dates: bool) -> str:
    ends = [e for bar in panel.bars for span in bar.spans for e in span if e is not None]
    if not ends:
        return ""
    low, high = min(ends), max(ends)
    if high - low < 1:  # one bound only ("before 1920"): a day, or a unit, either side of it
        low, high = low - 1, high + 1
    ticks = _date_ticks(low, high) if dates else _amount_ticks(low, high)
    low, high = min(low, ticks[0][0]), max(high, ticks[-1][0])
    scale = (WIDTH - LABEL - RIGHT) / (high - low)

    def x(value: float | None, open_end: float) -> float:
        return LABEL + ((open_end if value is None else value) - low) * scale

    height = TOP + ROW * len(panel.bars) + BOTTOM
    title = "Dates" if dates else f"Amounts in {panel.unit or 'no unit'}"
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title>"]
    axis_y = TOP + ROW * len(panel.bars) + 2
    for at, text in ticks:
        tx = x(at, at)
        edge = ' text-anchor="end"' if tx > WIDTH - RIGHT - 3 * len(text) else ""  # kept inside the figure
        parts.append(f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{axis_y + 4}" class="grid"/>'
                     f'<text x="{tx:.1f}" y="{axis_y + 16}" class="tick"{edge}>{escape(text)}</text>')
    parts.append(f'<line x1="{LABEL}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" class="axis"/>')
    if not dates:
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{axis_y + 30}" class="unit">{escape(panel.unit or "no unit")}</text>')
    for row, bar in enumerate(panel.bars):
        y = TOP + row * ROW
        colour = PALETTE[bar.version % len(PALETTE)]
        label = bar.label if len(bar.label) <= 40 else bar.label[:39] + "…"
        parts.append(f'<text x="{LABEL - 6}" y="{y + 15}" class="label"><title>{escape(bar.claim)}</title>'
                     f"{escape(label)}</text>")
        for start, end in bar.spans:
            left, right = x(start, low), x(end, high)
            fill = "none" if bar.against else colour
            parts.append(f'<rect x="{left:.1f}" y="{y + 4}" width="{max(right - left, 3):.1f}" height="{ROW - 8}" '
                         f'fill="{fill}" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{x(bar.spans[-1][1], high) + 4:.1f}" y="{y + 15}" class="num">{bar.version + 1}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _date_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Ticks at whole years, months or days, as many as fit."""
    if low < 1:  # before AD 1: Python's dates cannot hold it
        return [(float(day), words) for day, words in era_ticks(int(low), max(int(high) - 1, int(low)), 6)]
    first, last = date.fromordinal(int(low)), date.fromordinal(max(int(high) - 1, int(low)))
    days = high - low
    if days > 3 * 365:
        step = _step((last.year - first.year + 1) / 6)
        years = range(first.year - first.year % step, last.year + step + 1, step)
        return [(float(date(y, 1, 1).toordinal()), str(y)) for y in years]
    if days > 62:
        months = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month + 1 if last.month < 12 else last.month):
            months.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        keep = max(1, math.ceil(len(months) / 7))
        shown = months[::keep]
        return [(float(date(y, m, 1).toordinal()), MONTHS[m - 1] + (f" {y}" if n == 0 or m <= keep else ""))
                for n, (y, m) in enumerate(shown)]  # the year at the first tick and at each new year
    step = _step(days / 6)
    days_shown = range(int(low), int(high), step)
    return [(d + 0.5, _day(d, n == 0)) for n, d in enumerate(days_shown)]  # a day's tick at its middle


def _day(ordinal: int, with_year: bool) -> str:
    day = date.fromordinal(ordinal)
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if with_year or day.timetuple().tm_yday <= 1 else "")


def _amount_ticks(low: float, high: float) -> list[tuple[float, str]]:
    start = 0.0 if low >= 0 else low
    step = _step((high - start) / 5) if high > start else 1
    first = math.floor(start / step) * step
    return [(first + n * step, _amount(first + n * step)) for n in range(int(math.ceil((high - first) / step)) + 1)]


def _step(rough: float) -> int:
    """A round step (1, 2 or 5 times a power of ten) at least ``rough``."""
    if rough <= 1:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= rough))


def _amount(value: float) -> str:
    for size, word in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:g}{word}"
    return f"{value:g}"
