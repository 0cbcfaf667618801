"""A Source takes CSL-JSON as Zotero and Better BibTeX write it: every variable, date objects,
particles, and citekeys that break the id rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from sourcecrit.ledger import load_ledger
from sourcecrit.models import Name, Source, id_of_citekey, written_date

ZOTERO = Path(__file__).parent / "data" / "importing" / "zotero.json"


def test_a_zotero_export_pasted_into_sources_loads_without_a_problem(small_ledger):
    items = json.loads(ZOTERO.read_text(encoding="utf-8"))
    # JSON is YAML; spaces, not Zotero's tabs, which YAML forbids in indentation
    (small_ledger / "sources" / "zotero.yaml").write_text("sources: " + json.dumps(items, ensure_ascii=False, indent=2),
                                                         encoding="utf-8")
    ledger = load_ledger(small_ledger)
    assert [p for p in ledger.problems if "zotero" in p.file] == []
    thesis = ledger.sources["ersoy-mcmeekinBolshevikNationalistRelations2007"]
    assert (thesis.issued, thesis.accessed, thesis.genre, thesis.number_of_pages) == ("2007-05", "2026-11-02", "M.A. thesis", "173")
    article = ledger.sources["tengirsenk-1962"]
    assert (article.citekey, article.issued, article.journal_abbreviation) == ("Tengirşenk:1962", "1962-12-20", "Yakın Tarihimiz")
    book = ledger.sources["carrereDencausseGrandeRevolution1987"]
    assert [a.display() for a in book.author] == ["Hélène Carrère d'Encausse", "Charles de Gaulle Jr."]
    assert [a.sort_form() for a in book.author] == ["Carrère d'Encausse, Hélène", "Gaulle, Charles de, Jr."]
    assert book.original_date == "1987-03"


@pytest.mark.parametrize(("csl", "written"), [
    ({"date-parts": [["1962", 12, 20]]}, "1962-12-20"),
    ({"date-parts": [[2007, 5]]}, "2007-05"),
    ({"date-parts": [[1920], [1922]]}, "1920/1922"),
    ({"date-parts": [[1920]], "season": 1}, "spring 1920"),
    ({"date-parts": [[1921, 3, 16]], "circa": True}, "1921-03-16~"),
    ({"literal": "Spring of the year 1337 (Rumi)"}, "Spring of the year 1337 (Rumi)"),
    ({"raw": "1921-03"}, "1921-03"),
    ("20 December 1962", "20 December 1962"),
    (1981, "1981"),
])
def test_csl_dates_read_as_sourcecrit_writes_dates(csl, written):
    assert written_date(csl) == written


def test_a_date_object_without_a_date_is_an_error_at_its_field():
    with pytest.raises(ValidationError, match="issued"):
        Source.model_validate({"id": "x", "issued": {"date-parts": [["nineteen-twenty"]]}})


@pytest.mark.parametrize(("citekey", "source_id"), [
    ("Tengirşenk:1962", "tengirsenk-1962"),
    ("akalınHistoricalSolidaritySoviet2017", "akalinhistoricalsolidaritysoviet2017"),
    ("http://zotero.org/users/local/Rz2uDdW5/items/ABCD1234", "abcd1234"),
    ("Ersoy-McMeekin_2007", "ersoy-mcmeekin_2007"),
])
def test_a_citekey_becomes_an_id_by_the_id_rules(citekey, source_id):
    assert id_of_citekey(citekey) == source_id


def test_a_valid_id_is_kept_as_written_and_a_typo_is_still_an_error():
    assert Source.model_validate({"id": "Akalin2017"}).citekey is None
    with pytest.raises(ValidationError, match="containr-title"):
        Source.model_validate({"id": "x", "containr-title": "Yakın Tarihimiz"})


def test_names_take_every_csl_form():
    name = Name.model_validate({"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van",
                                "static-ordering": False, "parse-names": "true", "comma-suffix": "false"})
    assert (name.display(), name.sort_form()) == ("Vincent van Gogh", "van Gogh, Vincent")
