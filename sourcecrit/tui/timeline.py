"""Drawing claims' spans on one axis with block characters: dates as days, quantities as
amounts of one unit. Pure drawing, no Textual: the timeline screen shows the lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from rich.text import Text

from sourcecrit.values.calendars import era_ticks

LABEL_MAX = 40
# Mid-tones that read on a dark and on a light background alike; the bars and the legend
# use the same ones, and each bar also carries its value's number.
PALETTE = ("#d9534f", "#1f8fd6", "#2e9e4f", "#a05cc8", "#d98a1f", "#13a3a3")


@dataclass
class Bar:
    """One claim on the axis: its spans (several when it gives one of some values)."""

    label: str
    spans: list[tuple[float | None, float | None]]  # None: open (before…/after…)
    written: str
    version: int = 0
    against: bool = False  # the claim denies or doubts the value
    approximate: bool = False
    claim: str = ""


@dataclass
class Axis:
    """What the numbers mean: how to label a tick, and the nice steps to place ticks at."""

    ticks: Callable[[float, float, int], list[tuple[float, str]]]
    unit: str = ""


@dataclass
class Chart:
    bars: list[Bar]
    axis: Axis
    notes: list[str] = field(default_factory=list)
    title: str = ""  # said above the chart when a fact needs several (one per unit)


def draw(chart: Chart, width: int) -> list[Text]:
    """The chart's lines for a terminal ``width`` cells wide."""
    bars = chart.bars
    ends = [x for bar in bars for span in bar.spans for x in span if x is not None]
    if not ends:
        return [Text("No claim of this fact has a value that can be drawn.", style="italic")]
    label_width = min(LABEL_MAX, max(len(b.label) for b in bars) + 2, max(width // 3, 8))
    plot = max(width - label_width - 3, 10)
    lo, hi = _padded(min(ends), max(ends))
    if min(ends) >= 0 > lo:  # amounts: the axis starts at nothing, not below
        lo = 0.0
    lines = [_bar_line(bar, lo, hi, plot, label_width) for bar in bars]
    lines += _axis_lines(chart.axis, lo, hi, plot, label_width)
    return lines


def _padded(lo: float, hi: float) -> tuple[float, float]:
    spread = hi - lo
    margin = max(spread * 0.06, 1.0 if spread < 50 else spread * 0.06, abs(hi) * 0.02 if spread == 0 else 0)
    return lo - margin, hi + margin


def _column(x: float, lo: float, hi: float, plot: int) -> int:
    return max(0, min(plot - 1, int((x - lo) / (hi - lo) * plot)))


def _bar_line(bar: Bar, lo: float, hi: float, plot: int, label_width: int) -> Text:
    cells = [" "] * plot
    fill = "▒" if bar.against else ("▓" if bar.approximate else "█")
    for start, end in bar.spans:
        left = 0 if start is None else _column(start, lo, hi, plot)
        right = plot - 1 if end is None else _column(end, lo, hi, plot)
        for x in range(left, right + 1):
            cells[x] = fill
        if start is None:
            cells[0] = "◀"
        if end is None:
            cells[plot - 1] = "▶"
    # the value's number (as in the legend) beside its colour: colour never says it alone
    label = Text(f"{bar.version + 1} {bar.label}", no_wrap=True, overflow="ellipsis", end="")
    label.truncate(label_width, overflow="ellipsis", pad=True)
    line = Text(label.plain + " │", no_wrap=True)
    line.append("".join(cells), style=PALETTE[bar.version % len(PALETTE)])
    return line


def _axis_lines(axis: Axis, lo: float, hi: float, plot: int, label_width: int) -> list[Text]:
    ticks = axis.ticks(lo, hi, max(plot // 16, 2))
    rule = ["─"] * plot
    labels = [" "] * (plot + 20)
    last_end = -2
    for value, label in ticks:
        x = _column(value, lo, hi, plot)
        rule[x] = "┼"
        start = max(0, min(x - len(label) // 2, plot - len(label)))
        if start <= last_end + 1:
            continue
        labels[start:start + len(label)] = list(label)
        last_end = start + len(label)
    pad = " " * label_width
    unit = Text(axis.unit, no_wrap=True, overflow="ellipsis", end="")  # under the labels: the right edge is the plot's
    unit.truncate(label_width, overflow="ellipsis")
    return [Text(pad + " └" + "".join(rule), style="dim", no_wrap=True),
            Text(unit.plain.rjust(label_width) + "  " + "".join(labels[:plot]).rstrip(), no_wrap=True)]


# dates: days since 1 January of year 1 (date.toordinal) ----------------------------
def date_ticks(lo: float, hi: float, most: int) -> list[tuple[float, str]]:
    """Ticks at round days, month starts or year starts, at most ``most`` of them."""
    if lo < 1:  # before AD 1: Python's dates cannot hold it
        return [(float(day), words) for day, words in era_ticks(int(lo), int(math.ceil(hi)), most)]
    first, last = date.fromordinal(max(1, int(lo))), date.fromordinal(max(1, int(math.ceil(hi))))
    days = (last - first).days
    for step_days, kind, step in ((1, "day", 1), (2, "day", 2), (7, "day", 7), (14, "day", 14), (31, "month", 1),
                                  (62, "month", 2), (92, "month", 3), (183, "month", 6), (366, "year", 1),
                                  (366 * 2, "year", 2), (366 * 5, "year", 5), (366 * 10, "year", 10),
                                  (366 * 25, "year", 25), (366 * 50, "year", 50), (366 * 100, "year", 100)):
        if days / step_days <= most:
            ticks = _date_ticks(first, last, kind, step)
            if len(ticks) >= 2 or kind == "day" and step == 1:
                return ticks
            finer = [t for t in _date_ticks(first, last, "day", 7)]
            return finer if 2 <= len(finer) <= most else ticks
    return _date_ticks(first, last, "year", 500)


def _date_ticks(first: date, last: date, kind: str, step: int) -> list[tuple[float, str]]:
    ticks: list[tuple[float, str]] = []
    if kind == "day":
        current = first
        while current <= last:
            ticks.append((current.toordinal(), f"{current.day} {current:%b %Y}"))
            current += timedelta(days=step)
    elif kind == "month":
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            tick = date(year, month, 1)
            if first <= tick <= last and (month - 1) % step == 0:
                ticks.append((tick.toordinal(), f"{tick:%b %Y}"))
            month += 1
            if month > 12:
                year, month = year + 1, 1
    else:
        for year in range(first.year - first.year % step, last.year + 1, step):
            if year >= 1 and first <= date(year, 1, 1) <= last:
                ticks.append((date(year, 1, 1).toordinal(), str(year)))
    return ticks


DATE_AXIS = Axis(date_ticks)


# quantities ------------------------------------------------------------------------
def number_ticks(lo: float, hi: float, most: int) -> list[tuple[float, str]]:
    """Ticks at round numbers (1, 2 or 5 times a power of ten)."""
    spread = hi - lo
    if spread <= 0:
        return [(lo, _number(lo))]
    raw = spread / max(most, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    ticks, value = [], first
    while value <= hi:
        ticks.append((value, _number(value)))
        value += step
    return ticks


def _number(value: float) -> str:
    magnitude = abs(value)
    for size, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if magnitude >= size:
            shown = value / size
            return f"{shown:.{0 if shown == int(shown) else 1}f}{word}"
    return f"{value:.{0 if value == int(value) else 2}f}"


def quantity_axis(unit: str) -> Axis:
    return Axis(number_ticks, unit)
