"""Importing sources from Zotero (CSL-JSON), Better BibTeX (.bib) and EndNote (RIS) into the demo's
sources: read as those tools write them, matched with the sources the ledger has, written so that
a second import changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcecrit.cli import main
from sourcecrit.importing import ImportFailed
from sourcecrit.importing.bibtex import read_bibtex
from sourcecrit.importing.read import read_source_file
from sourcecrit.importing.ris import read_ris
from sourcecrit.importing.sources import match, plan_import
from sourcecrit import load_ledger

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "data" / "importing"


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the bundled demo ledger that a test may change."""
    for folder in ("sources", "claims", "declarations", "gazetteer", "resolutions"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def by_id(records):
    return {record["id"]: record for record in records}


def test_better_bibtex_decodes_latex_keeps_case_and_follows_crossref():
    records = by_id(read_source_file(FILES / "better-bibtex.bib"))
    chapter = records["tengirsenk-1962"]
    assert chapter["citekey"] == "Tengirsenk:1962"
    assert chapter["title"] == "Milli Mücadelede Ruslarla İlk Temasımız"
    assert chapter["container-title"] == "Hatıralar, Vesikalar, Resimlerle Yakın Tarihimiz"  # from the crossref
    assert chapter["editor"] == [{"literal": "Hayat Yayınları"}]  # a braced name is an institution
    assert (chapter["type"], chapter["issued"], chapter["page"]) == ("chapter", "1962-12-20", "98-100")
    book = records["vanderlindenottomanempire2001"]
    assert book["title"] == "The Ottoman Empire and the Bolsheviks"  # braces dropped, their case kept
    assert book["author"] == [
        {"family": "Linden", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de", "suffix": "Jr."},
        {"literal": "Institut d'études slaves"},
    ]
    thesis = records["ersoy-mcmeekinbolsheviknationalistrelations2007"]
    assert (thesis["genre"], thesis["language"], thesis["accessed"]) == ("M.A. thesis", "en", "2026-11-02")
    assert records["tengirsekvatanhizmetinde1981"]["author"] == [{"family": "Tengirşek", "given": "Yusuf Kemal"}]


def test_a_bibtex_month_macro_and_a_bad_entry():
    [record] = read_bibtex("@article{k, title={T}, author={A, B}, year={1921}, month=mar}")
    assert record["issued"] == "1921-03"
    with pytest.raises(ImportFailed, match="line"):
        read_bibtex("@article{k, title={T}\n\n@book{j, title = {unclosed}")


def test_endnote_ris_names_dates_pages_and_made_ids():
    records = read_ris((FILES / "endnote.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["karabekir-1969", "cebesoy-1955", "tengirsenk-1962", "gokay-1997"]
    assert all("citekey" not in r for r in records)  # EndNote's record numbers are no citekeys
    magazine = records[2]
    assert (magazine["type"], magazine["issued"], magazine["page"], magazine["volume"]) == (
        "article-magazine", "1962-12-20", "98-100", "4")
    assert records[3]["ISBN"] == "1-86064-117-1"
    twice = read_ris("TY  - BOOK\nAU  - Akal, Emel\nPY  - 2002\nER  - \n\nTY  - BOOK\nAU  - Akal, Emel\nPY  - 2002\nER  - \n")
    assert [r["id"] for r in twice] == ["akal-2002", "akal-2002a"]


@pytest.mark.parametrize("name", ["zotero.json", "better-bibtex.bib", "endnote.ris"])
def test_an_import_into_the_demo_loads_cleanly_and_a_second_changes_nothing(demo, name, capsys):
    assert main(["--no-cache", "import", "sources", str(FILES / name), "--ledger", str(demo)]) == 0
    read = capsys.readouterr().out.splitlines()[-1].split()[0]
    ledger = load_ledger(demo, use_cache=False)
    assert ledger.errors == []
    assert main(["--no-cache", "import", "sources", str(FILES / name), "--ledger", str(demo)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{read} sources read: 0 added, 0 updated, {read} unchanged"


def test_zotero_updates_the_demo_sources_it_matches(demo, capsys):
    main(["--no-cache", "import", "sources", str(FILES / "zotero.json"), "--ledger", str(demo)])
    out = capsys.readouterr().out
    assert "updated akalin-2017 (same title, author and year): citekey, container-title, language" in out
    assert "added carreredencaussegranderevolution1987 to sources/imported.yaml" in out
    ledger = load_ledger(demo, use_cache=False)
    akalin = ledger.sources["akalin-2017"]
    assert (akalin.citekey, akalin.kind.value, akalin.cites[0]) == (
        "akalınHistoricalSolidaritySoviet2017", "authored-narrative", "carrie-diplomatic-history")
    thesis = (demo / "sources" / "ersoy-mcmeekin-2007.yaml").read_text(encoding="utf-8")
    assert thesis.startswith("sources:\n  - id: ersoy-mcmeekin-2007\n    citekey: ersoy-mcmeekinBolshevikNationalistRelations2007\n")
    assert "    note: >-\n      Department of International Relations" in thesis  # the historian's note stays


def test_a_dry_run_prints_a_diff_and_writes_nothing(demo, capsys):
    before = {p: p.read_bytes() for p in (demo / "sources").iterdir()}
    assert main(["--no-cache", "import", "sources", str(FILES / "endnote.ris"), "--ledger", str(demo), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert {p: p.read_bytes() for p in (demo / "sources").iterdir()} == before
    assert captured.out.startswith("--- a/sources/thesis-witnesses.yaml\n+++ b/sources/thesis-witnesses.yaml\n@@ ")
    assert "+    ISBN: '9789751234567'\n" in captured.out
    assert " 0 added, 3 updated, 1 unchanged" in captured.err


def test_matching_by_doi_and_by_either_form_of_an_isbn(demo):
    ledger = load_ledger(demo, use_cache=False)
    gokay = {"id": "x", "title": "Other", "ISBN": "978-1-86064-117-6"}
    assert match(ledger, gokay) is None
    ledger.sources["gokay-1997"].ISBN = "1-86064-117-1"
    assert match(ledger, gokay)[1] == "ISBN"
    ledger.sources["hasanly-2012"].DOI = "10.1234/AZ.2012.0815"
    assert match(ledger, {"id": "y", "DOI": "https://doi.org/10.1234/az.2012.0815"})[0].id == "hasanly-2012"


def test_into_a_file_of_ones_choosing_and_nothing_written_for_a_record_that_does_not_read(demo, capsys):
    assert main(["import", "sources", str(FILES / "better-bibtex.bib"), "--ledger", str(demo),
                 "--into", "sources/from-jabref.yaml"]) == 0
    assert "added yakintarihimiz1962 to sources/from-jabref.yaml" in capsys.readouterr().out
    ledger = load_ledger(demo, use_cache=False)
    with pytest.raises(ImportFailed, match="do not read as sources"):
        plan_import(ledger, [{"id": "z", "title": "T", "reliability": "Z"}])
