"""The README's examples of written values are read as it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcecrit.values import ParseContext, value_type

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
UNITS = {"turkish lira": "turkish-lira", "gold rubles": "gold-ruble", "rubles": "ruble", "rifles": "rifle", "guns": "gun"}


def section(title: str) -> str:
    start = README.index(f"\n### {title}\n")
    return README[start: README.index("\n#", start + 1)]


def examples(title: str) -> list[str]:
    found = re.findall(r"`([^`]+)`", section(title))
    return [ex for ex in found if "..." not in ex and not ex.startswith("numbers") and ex not in ("[..x]", "Julian")]


@pytest.mark.parametrize("written", examples("date"))
def test_each_date_example_reads(written):
    kind = value_type("date")
    assert kind.describe(kind.parse(written, ParseContext()))


@pytest.mark.parametrize("written", examples("quantity"))
def test_each_quantity_example_reads(written):
    european = written.startswith(("3,5", "1.750"))
    context = ParseContext(resolve_unit=lambda text: UNITS.get(text.lower()), european_numbers=european)
    kind = value_type("quantity")
    assert kind.describe(kind.parse(written, context))


def test_the_margins_the_readme_gives_are_the_ones_used():
    from sourcecrit.values.date import DAY, MARGINS, MONTH, SEASON, YEAR

    assert "day ±3 days, month ±15 days, season ±30 days, year ±1\n  year" in README
    assert (MARGINS[DAY], MARGINS[MONTH], MARGINS[SEASON], MARGINS[YEAR]) == (3, 15, 30, 365)
