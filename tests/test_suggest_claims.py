"""`sourcecrit suggest`: candidate claims by sentence, in a small ledger and in the demo's thesis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sourcecrit.cli import main
from sourcecrit.ledger import load_ledger
from sourcecrit.suggest_claims import SuggestError, candidate_records, suggest_claims

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


def _suggested(small: Path, text: str, source: str = "memo") -> list:
    (small / "text.txt").write_text(text, encoding="utf-8")
    return suggest_claims(load_ledger(small), source)


def _dates(found: list) -> dict[str, object]:
    return {c.written: c for c in found if c.kind == "date"}


# 1. a day and month take a year only from the narrative of their sentence or paragraph

def test_a_day_and_month_never_take_the_year_of_a_cited_book(small):
    footnote = ("The party was founded in Ankara.\n\n12 Fethi Tevetoğlu, Türkiye’de Sosyalist ve Komünist Faaliyetler (1910-1960) (Ankara: Ayyıldız,\n"
                "1967) p.186.  The party was established secretly on 14th of July and continued until December 7th.\n")
    dates = _dates(_suggested(small, footnote))
    assert set(dates) == {"14th July", "December 7th"}
    assert all(d.read.startswith("? no year") and d.year_from is None for d in dates.values())
    cited = _dates(_suggested(small, "His memoirs (Istanbul: Vatan, 1955) say the envoys met on 22 May.\n"))
    assert not cited  # a citing sentence offers only the dates it writes in full


def test_a_year_is_borrowed_from_the_narrative_and_the_candidate_says_from_where(small):
    found = _suggested(small, "In 1920 the envoys went to Moscow.  They met Chicherin on 19 July and left\n"
                              "on 2 August.\n\nThe gold left Baku on 3 May.\n")
    dates = _dates(found)
    assert dates["19 July 1920"].year_from == "1920 from line 1" and dates["2 August 1920"].year_from == "1920 from line 1"
    assert dates["19 July 1920"].read == "19 July 1920"
    assert candidate_records([dates["19 July 1920"]])[0]["note"] == "year 1920 from line 1 (not in the quote)"
    assert dates["3 May"].read.startswith("? no year")  # another paragraph (of a text a paragraph a line): none lent
    unsure = _dates(_suggested(small, "The talks of 1919 and 1920 ended when the envoys met on 14 July.\n"))
    assert unsure["14 July"].read == "? no year: its sentence names 1919 and 1920: which year is not sure"
    span = _dates(_suggested(small, "The battle lasted from 23 August to 12 September 1921.\n"))
    assert span["23 August 1921"].year_from == "1921 from the end of its span"


@needs_seeds
def test_footnote_129_of_the_thesis_lends_no_year_of_its_citation():
    found = suggest_claims(load_ledger(REPO), "ersoy-mcmeekin-2007", (2830, 2845))
    in_note = [c for c in found if c.note == 129 and c.kind == "date"]
    assert {c.written for c in in_note} == {"14th July", "December 7th"}
    assert not any("1967" in c.written or "1960" in c.written for c in found)


# 2. parts of a period are offered with the part, as the date parsers read them

def test_parts_of_a_period_keep_their_part(small):
    text = ("Early in 1920 the envoys met at Havza.  In the early days of May 1920 they left.  By mid-1920 the gold\n"
            "had arrived.  At the end of 1919 the army withdrew.  Towards the end of March 1921 the treaty was\n"
            "signed.  In the first half of 1920 nothing was sent.  Late that year Halil went to Moscow.\n"
            "In the latter part of 1921 and by the spring of 1922 all was over, as in midsummer 1923.\n")
    dates = _dates(_suggested(small, text))
    assert {w: d.read.split(" (")[0] for w, d in dates.items()} == {
        "early 1920": "early 1920", "early May 1920": "early May 1920", "by mid 1920": "not after mid 1920",
        "late 1919": "late 1919", "late March 1921": "late March 1921", "first half of 1920": "first half of 1920",
        "late 1920": "late 1920", "late 1921": "late 1921", "by spring 1922": "not after spring 1922",
        "mid summer 1923": "mid summer 1923"}
    assert dates["late 1920"].year_from == "1920 from line 3"
    assert not _dates(_suggested(small, "At the end may come the reckoning.  Late that year it was over.\n"))


@needs_seeds
def test_early_in_1920_in_gafarov_is_early_1920():
    found = suggest_claims(load_ledger(REPO), "gafarov", (46, 48))
    assert {str(c.written) for c in found if c.kind == "date"} == {"late 1919", "early 1920"}
    assert [c.read for c in found if c.line == 48 and c.kind == "date"] == ["early 1920 (1 January–30 April 1920)"]


# 3. a sentence stops at a heading, a signature, a paragraph's end

def test_sentences_stop_at_signatures_and_headings_of_a_wrapped_text(small):
    wrapped = ("The envoys reached the town after a long journey through the mountains in the\n\n"
               "rain, and they were received by the governor on the following morning at the\n\n"
               "palace, where the talks began.\n\n"
               "Mustafa Kemal\n\n"
               "Document 411\n\n"
               "April 29, 1920\n\n"
               "The president informed the governor that the Red troops had already occupied the\n\n"
               "town and were on their way through the pass to join the army, which had waited\n\n"
               "for them at the river since the end of the winter, on 2 May 1920 at the latest.\n")
    found = _suggested(small, wrapped)
    dates = _dates(found)
    assert dates["April 29, 1920"].quote == "April 29, 1920"
    assert dates["2 May 1920"].line == 13 and "Document" not in dates["2 May 1920"].quote


@needs_seeds
def test_the_web_page_signature_is_not_joined_to_the_next_document():
    ledger = load_ledger(REPO)
    found = suggest_claims(ledger, "tumanyan-dispatch-1920-04-29") + suggest_claims(ledger, "kemal-proposal-1920-04-26")
    assert next(c for c in found if c.written == "April 29, 1920").quote == "April 29, 1920"
    assert not any("Speaker of the Grand National Assembly" in c.quote and "Dispatch" in c.quote for c in found)


# 4. a text several sources read: each sentence once

SHARED = ("sources:\n  - {id: page, type: webpage, title: Page, text: text.txt}\n"
          "  - {id: letter, type: letter, title: Letter, text: text.txt, contained_in: page%s}\n")


def test_a_shared_text_is_suggested_once_under_the_source_whose_lines_hold_it(small):
    (small / "sources" / "s.yaml").write_text(SHARED % ", locator: lines 3-3", encoding="utf-8")
    (small / "claims" / "memo.yaml").unlink()
    text = "A preface written on 2 March 1925.\n\nThe envoys met at Havza on 22 May 1919.\n\nA comment of 5 May 1926.\n"
    page, letter = _suggested(small, text, "page"), suggest_claims(load_ledger(small), "letter")
    assert [c.written for c in page if c.kind == "date"] == ["2 March 1925", "5 May 1926"]
    assert [c.written for c in letter if c.kind == "date"] == ["22 May 1919"] and letter[0].also_in == ["page"]
    assert page[0].also_in == []


def test_without_declared_lines_the_containing_source_has_them_and_names_the_others(small):
    (small / "sources" / "s.yaml").write_text(SHARED % "", encoding="utf-8")
    (small / "claims" / "memo.yaml").unlink()
    found = _suggested(small, TEXT, "page")
    assert found and all(c.source == "page" and c.also_in == ["letter"] for c in found)
    with pytest.raises(SuggestError, match="suggested under page, which reads the same file.*locator: lines"):
        suggest_claims(load_ledger(small), "letter")


@needs_seeds
def test_the_web_page_and_its_two_documents_propose_each_sentence_once():
    ledger = load_ledger(REPO)
    sources = ("armenian-web-page-kemal-proposal", "kemal-proposal-1920-04-26", "tumanyan-dispatch-1920-04-29")
    found = [c for s in sources for c in suggest_claims(ledger, s)]
    places = [(c.start, c.kind, str(c.written)) for c in found]
    assert len(places) == len(set(places))
    assert {c.line for c in found if c.source == "kemal-proposal-1920-04-26"} <= set(range(11, 25))
    assert {c.line for c in found if c.source == "tumanyan-dispatch-1920-04-29"} <= set(range(26, 33))


# 5. the options of choice properties

def test_a_choice_option_or_its_variant_is_proposed_for_its_property(small):
    (small / "declarations" / "c.yaml").write_text(
        "subjects:\n  - {id: mediation, label: Russian mediation at Gumri}\n"
        "properties:\n  - {id: answer, label: answer to the offer, type: choice,"
        " options: [accepted, {rejected: [refused]}, no answer]}\n", encoding="utf-8")
    found = _suggested(small, "The Turks, having refused Russian mediation, marched on.  The Armenians did not accept\n"
                              "the offer.  Their rejection of the mediation was final.  The envoys met at Havza.\n")
    choices = [(c.line, c.written, c.read, c.guesses[0][1]) for c in found if c.kind == "choice"]
    assert choices == [(1, "refused", "rejected (as 'refused')", "answer"), (2, "rejected", "rejected (as 'rejection')", "answer")]
    assert candidate_records([c for c in found if c.kind == "choice"])[0]["property"] == "answer"



def test_a_choice_word_is_proposed_as_the_document_spells_it(small):
    """Not lowercased: Python lowercases the Turkish dotted capital İ to i and a combining dot."""
    (small / "declarations" / "c.yaml").write_text(
        "subjects:\n  - {id: mediation, label: Russian mediation at Gumri}\n"
        "properties:\n  - {id: seat, label: seat of the government, type: choice,"
        " options: [{capital: [İstanbul, Istanbul]}, ankara]}\n", encoding="utf-8")
    found = _suggested(small, "The Sultan's government stayed in İstanbul when the Assembly met.\n")
    assert [(c.written, c.read) for c in found if c.kind == "choice"] == [("İstanbul", "capital (as 'İstanbul')")]

@needs_seeds
def test_hasanly_rejected_and_refused_mediation_are_proposed_as_answers():
    found = [c for c in suggest_claims(load_ledger(REPO), "hasanly-2012", (37, 37)) if c.kind == "choice"]
    assert {("rejected", ("soviet-mediation-at-gumri-1920", "answer")),
            ("refused", ("soviet-mediation-at-gumri-1920", "answer"))} <= {(c.written, c.guesses[0][:2]) for c in found}
    assert all(c.guesses[0][0] != "?" for c in found)  # no option word offered on its own


def test_a_paragraph_a_line_text_ends_paragraphs_at_line_ends_but_not_at_hand_wrapped_endnotes(small):
    text = ("The envoys met at Havza on 22 May 1919.\n\nSpeaker of the Assembly Mustafa Kemal\n\n"
            " Dispatch of the representative of Armenia\n\nApril 29, 1920\n\n"
            "[1]   Yön Dergisi, 30\n\n     Ekim 1964, sayı 83.\n")
    found = _dates(_suggested(small, text))
    assert found["April 29, 1920"].quote == "April 29, 1920"
    assert found["30 Ekim 1964"].read == "30 October 1964" and found["30 Ekim 1964"].note == 1


@needs_seeds
def test_akalin_endnote_wrapped_by_hand_keeps_its_date_whole():
    found = suggest_claims(load_ledger(REPO), "akalin-2017", (230, 236))
    assert "30 Ekim 1964" in {str(c.written) for c in found}


def test_an_option_asked_for_is_not_an_answer(small):
    (small / "declarations" / "c.yaml").write_text(
        "properties:\n  - {id: answer, label: answer to the offer, type: choice, options: [accepted, {rejected: [refused]}]}\n",
        encoding="utf-8")
    found = _suggested(small, "Moscow asked Ankara to accept the mediation.  Accepting it was debated.  Ankara accepted it\n"
                              "on 3 May 1920.\n")
    assert [(c.written, c.quote.split()[0]) for c in found if c.kind == "choice"] == [("accepted", "Ankara")]


def test_the_table_says_where_a_borrowed_year_came_from(small, capsys):
    (small / "text.txt").write_text("In 1920 the envoys went to Moscow.  They met Chicherin on 19 July.\n", encoding="utf-8")
    assert main(["--no-cache", "suggest", "memo", str(small), "--all"]) == 0
    assert "19 July 1920 [year 1920 from line 1]" in capsys.readouterr().out
    assert main(["--no-cache", "suggest", "memo", str(small), "--all", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    dated = next(c for c in document["candidates"] if c["written"] == "19 July 1920")
    assert dated["year_from"] == "1920 from line 1" and dated["record"]["note"] == "year 1920 from line 1 (not in the quote)"


def test_about_hedges_a_figure_or_a_date_not_a_topic(small):
    # Hasanly line 39 and the thesis (lines 3369, 3375) have Moscow "concerned about" the Turks:
    # no hedge of any value in the sentence.
    found = _suggested(small, "Moscow was concerned about the Turks on 22 May 1919.  About 300 men and about a\n"
                              "thousand rifles left on 3 June 1919.  The talks about Batum began on 4 May 1920.\n")
    hedges = {c.written: c.hedges for c in found if c.kind == "date"}
    assert hedges["22 May 1919"] == [] and hedges["4 May 1920"] == []
    assert hedges["3 June 1919"] == ["About", "about"]
