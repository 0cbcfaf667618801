"""The README's examples of written values are read as it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcecrit.values import ParseContext, value_type

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
UNITS = {"turkish lira": "turkish-lira", "gold rubles": "gold-ruble", "rubles": "ruble", "rifles": "rifle", "guns": "gun",
         "dollar": "dollar", "pound sterling": "pound"}


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


def test_the_complete_small_example_is_a_ledger_with_the_dispute_it_promises(tmp_path):
    from sourcecrit import compare_ledger
    from sourcecrit.compare import Status
    from sourcecrit import load_ledger

    start = README.index("\n## A complete small example\n")
    part = README[start: README.index("\n## Sources\n", start)]
    files = re.findall(r"`([a-z/.0-9-]+\.yaml)`:\n\n```yaml\n(.*?)```", part, re.S)
    assert len(files) == 4
    for name, text in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    ledger = load_ledger(tmp_path, use_cache=False)
    assert ledger.problems == []
    findings = {f.key: f for f in compare_ledger(ledger).findings}
    nominal = findings[("treaty-of-moscow", "signed-on", "nominal")]
    assert nominal.status is Status.DISPUTED
    assert "16 March 1921 and 16 May 1921 are 61 days apart" in {p.reason for p in nominal.pairs}
    actual = findings[("treaty-of-moscow", "signed-on", "actual")]
    assert actual.status is Status.DISPUTED
    assert actual.self_contradictions == [
        "self-contradiction of Yusuf Kemal (Tengirşenk): 18 March 1921 in the 1981 book tengirsenk-vatan-hizmetinde; "
        "22 or 23 March 1921 in the 1962 article tengirsenk-ilk-temasimiz"]
    money = findings[("moscow-promise-1920-money", "amount", "promised")]
    assert money.status is Status.INCOMPARABLE and "doubts its unit" in money.status_reason
