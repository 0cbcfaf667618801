"""The date order and period a ledger or a source declares, read from real ledger files: an
all-number date reads by the declared order or is refused with both readings, and a date far
outside the declared period is doubted before the span of the other claims is."""

from __future__ import annotations

from pathlib import Path

from sourcecrit import load_ledger

DECLARATIONS = """\
subjects:
  - {id: armistice-of-mudros, label: Armistice of Mudros, kind: treaty}
  - {id: treaty-of-kars, label: Treaty of Kars, kind: treaty}
  - {id: treaty-of-moscow, label: Treaty of Moscow, kind: treaty}
properties:
  - {id: signed-on, label: signed on, type: date}
"""

SOURCES = """\
sources:
  - id: tengirsenk-1962
    title: Milli Mücadelede Ruslarla İlk Temasımız
    kind: original
  - id: us-consul-constantinople
    title: Dispatch of the American consul in Constantinople
    kind: original
    date_order: mdy            # the consul writes the month first: 3/16/1921 is 16 March
  - id: takvim-i-vekayi
    title: Takvim-i Vekayi
    kind: original
    period: 1918 to 1922       # the years the gazette's issues cover
"""

CLAIMS = """\
claims:
  - {id: tengirsenk-moscow, source: tengirsenk-1962, subject: treaty-of-moscow, property: signed-on,
     value: 16/3/1921, locator: p. 3, quote: "16/3/1921 tarihinde imzalandı"}
  - {id: tengirsenk-kars, source: tengirsenk-1962, subject: treaty-of-kars, property: signed-on,
     value: 13/10/1921, locator: p. 5, quote: "13/10/1921"}
  - {id: tengirsenk-mudros, source: tengirsenk-1962, subject: armistice-of-mudros, property: signed-on,
     value: 10/3/1918, locator: p. 1, quote: "10/3/1918"}
  - {id: consul-moscow, source: us-consul-constantinople, subject: treaty-of-moscow, property: signed-on,
     value: 3/16/1921, locator: f. 2, quote: "signed at Moscow 3/16/1921"}
  - {id: consul-kars, source: us-consul-constantinople, subject: treaty-of-kars, property: signed-on,
     value: 10/3/1921, locator: f. 9, quote: "signed at Kars 10/3/1921"}
  - {id: gazette-mudros, source: takvim-i-vekayi, subject: armistice-of-mudros, property: signed-on,
     value: 30 Teşrinievvel 1334, locator: no. 3377, quote: "30 Teşrinievvel 1334"}
"""


def ledger_with(tmp_path: Path, settings: str = "", sources: str = SOURCES) -> Path:
    files = {"declarations/declarations.yaml": DECLARATIONS + settings, "sources/sources.yaml": sources,
             "claims/claims.yaml": CLAIMS}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def messages(ledger, severity=None):
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in ledger.problems
            if severity is None or p.severity == severity]


def test_without_a_declared_order_an_all_number_date_that_could_be_either_is_refused_with_both_readings(tmp_path):
    ledger = load_ledger(ledger_with(tmp_path), use_cache=False)
    errors = messages(ledger, "error")
    assert any("claims.yaml:7:" in e and "'10/3/1918' may be 10 March 1918 (day first) or 3 October 1918 "
               "(month first)" in e and "'date_order: dmy' or 'mdy' on the source" in e for e in errors), errors
    assert ledger.values["tengirsenk-moscow"].day == 16  # 16 cannot be a month: no order needed
    assert ledger.values["consul-kars"].month == 10  # the consul's declared order: 3 October


def test_the_ledger_s_date_order_reads_every_source_that_declares_none(tmp_path):
    ledger = load_ledger(ledger_with(tmp_path, "ledger:\n  date_order: dmy\n"), use_cache=False)
    assert messages(ledger, "error") == []
    mudros, kars = ledger.values["tengirsenk-mudros"], ledger.values["consul-kars"]
    assert (mudros.year, mudros.month, mudros.day) == (1918, 3, 10)  # the ledger's order: day first
    assert (kars.month, kars.day) == (10, 3)  # the source's own order wins: month first


def test_a_bad_date_order_or_period_is_named_at_its_line(tmp_path):
    settings = "ledger:\n  date_order: dym\n"
    sources = SOURCES.replace("period: 1918 to 1922", "period: after 1918")
    ledger = load_ledger(ledger_with(tmp_path, settings, sources), use_cache=False)
    errors = messages(ledger, "error")
    assert "declarations.yaml:8: the ledger's settings: date_order is dmy (3/4/1920 is 3 April), mdy (4 March) " \
           "or ymd (1920/4/3)" in errors
    assert any(e.startswith("sources.yaml:12: source 'takvim-i-vekayi': the period 'after 1918' is open") for e in errors)


def test_the_ledger_s_settings_are_declared_once(tmp_path):
    ledger_with(tmp_path, "ledger:\n  date_order: dmy\n")
    (tmp_path / "declarations" / "more.yaml").write_text("ledger:\n  date_order: mdy\n", encoding="utf-8")
    errors = messages(load_ledger(tmp_path, use_cache=False), "error")
    assert any("more.yaml:1: the ledger's settings are declared twice (first at" in e for e in errors), errors


def test_a_date_far_outside_the_declared_period_is_doubted_though_the_ledger_has_few_dates(tmp_path):
    ledger_with(tmp_path, "ledger:\n  date_order: dmy\n  period: 1917 to 1923\n")
    claims = (tmp_path / "claims" / "claims.yaml")
    claims.write_text(claims.read_text(encoding="utf-8").replace("13/10/1921", "13/10/1337"), encoding="utf-8")
    warnings = messages(load_ledger(tmp_path, use_cache=False), "warning")
    assert any("claim 'tengirsenk-kars': read as 13 October 1337, far from the period the ledger declares "
               "(1917–1923); 1337 in a Rumi year is 13 October 1921" in w for w in warnings), warnings


def test_a_source_s_declared_period_comes_before_the_ledger_s(tmp_path):
    ledger_with(tmp_path, "ledger:\n  date_order: dmy\n  period: 1300 to 1400\n")
    warnings = messages(load_ledger(tmp_path, use_cache=False), "warning")
    assert not any("gazette-mudros" in w for w in warnings)  # 1918 lies in the gazette's own period
    assert any("claim 'consul-moscow': read as 16 March 1921, far from the period the ledger declares (1300–1400)"
               in w for w in warnings), warnings
