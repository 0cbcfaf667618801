"""`sourcecrit suggest`: candidate claims by sentence, in a small ledger and in the demo's thesis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sourcecrit.cli import main
from sourcecrit.ledger import load_ledger
from sourcecrit.suggest_claims import candidate_records, suggest_claims

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the demo's source texts are not here ({SEEDS})")

TEXT = """The envoys met at Havza on 22 May 1919.  According to Ali Fuat, Moscow later promised
ten million gold rubles.  The weather was fine.
"""


@pytest.fixture
def small(tmp_path) -> Path:
    for folder in ("sources", "claims", "declarations", "gazetteer"):
        (tmp_path / folder).mkdir()
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sources" / "s.yaml").write_text(
        "sources:\n  - {id: memo, type: book, title: Memo, text: text.txt}\n", encoding="utf-8")
    (tmp_path / "declarations" / "d.yaml").write_text(
        "subjects:\n  - {id: havza-meeting, label: the meeting at Havza}\n  - {id: soviet-gold, label: Soviet gold promised}\n"
        "properties:\n  - {id: occurred-on, label: took place on, type: date}\n  - {id: amount, label: amount, type: quantity}\n"
        "units:\n  - {id: gold-ruble, label: gold ruble, variants: [gold rubles]}\n", encoding="utf-8")
    (tmp_path / "gazetteer" / "g.yaml").write_text(
        "entities:\n  - {id: havza, kind: place, label: Havza}\n  - {id: moscow, kind: place, label: Moscow}\n", encoding="utf-8")
    (tmp_path / "claims" / "memo.yaml").write_text(
        "source: memo\nclaims:\n  - {id: memo-gold, subject: soviet-gold, property: amount, value: ten million gold rubles,"
        " locator: line 2, quote: \"promised ten million gold rubles\"}\n"
        "  - {id: memo-havza, subject: havza-meeting, property: occurred-on, value: 1919, locator: line 9, quote: \"The envoys met\"}\n",
        encoding="utf-8")
    return tmp_path


def test_dates_sums_and_names_by_sentence_with_locator_reading_and_recorded_flag(small):
    found = suggest_claims(load_ledger(small), "memo")
    by_kind = {c.kind: c for c in found}
    date, gold = by_kind["date"], by_kind["quantity"]
    assert (date.written, date.read, date.locator) == ("22 May 1919", "22 May 1919", "line 1")
    assert date.guesses[0][:2] == ("havza-meeting", "occurred-on") and date.recorded == ["memo-havza"]
    assert gold.written == "ten million gold rubles" and gold.locator == "line 1" and gold.recorded == ["memo-gold"]
    assert gold.attribution == "'According to Ali Fuat'"
    assert gold.quote == "According to Ali Fuat, Moscow later promised ten million gold rubles."
    assert not any("weather" in c.quote for c in found)


def test_a_second_pass_lists_only_what_is_new_and_yaml_gives_records_to_paste(small, capsys):
    assert main(["--no-cache", "suggest", "memo", str(small)]) == 0
    assert capsys.readouterr().out.endswith("0 candidates\n")
    assert main(["--no-cache", "suggest", "memo", str(small), "--all", "--format", "yaml"]) == 0
    records = yaml.safe_load(capsys.readouterr().out)["claims"]
    assert records[0] == {"id": "memo-havza-meeting-1", "subject": "havza-meeting", "property": "occurred-on",
                          "value": "22 May 1919", "locator": "line 1", "quote": "The envoys met at Havza on 22 May 1919."}
    assert all("recorded_by" not in record for record in records)
    assert main(["--no-cache", "suggest", "memo", str(small), "--all", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["shape"] == "sourcecrit-suggestions/1" and document["candidates"][0]["record"] == records[0]


def test_an_unknown_source_or_one_without_text_is_a_user_error(small, capsys):
    assert main(["--no-cache", "suggest", "nothing", str(small)]) == 2
    assert "no source 'nothing'" in capsys.readouterr().err


@needs_seeds
def test_two_pages_of_the_thesis():
    found = suggest_claims(load_ledger(REPO), "ersoy-mcmeekin-2007", (1564, 1686))
    said = {(c.line, c.kind, str(c.written)) for c in found}
    assert (1594, "date", "July 1919") in said and (1609, "date", "April 7, 1919") in said
    havza = next(c for c in found if c.line == 1627)
    assert havza.recorded and havza.attribution == "'According to the memoirs of Hüsamettin Ertürk'"
    assert havza.guesses[0][:2] == ("havza-meeting-1919", "participants")
    assert next(c for c in found if c.line == 1609).locator == "footnote 63, line 1609"
    assert not any(c.written in ("1958", "1921") for c in found)  # years of cited books


def test_hedges_and_the_source_a_footnote_names_are_offered(small):
    (small / "text.txt").write_text(TEXT + "It is said that the envoys met again on 24 May 1919 (?).\n", encoding="utf-8")
    found = [c for c in suggest_claims(load_ledger(small), "memo") if c.line == 3]
    assert found and found[0].hedges == ["It is said", "(?)"]
    record = candidate_records(found)[0]
    assert record["hedges"] == ["It is said", "(?)"]
