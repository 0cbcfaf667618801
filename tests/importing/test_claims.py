"""Claims from a spreadsheet: every bad cell named as FILE:ROW:COLUMN, nothing written unless every
row is good (or --skip-bad), subjects and properties declared only on request."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from sourcecrit import load_ledger
from sourcecrit.cli import main
from sourcecrit.importing.claims_csv import read_rows

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "tests" / "data" / "importing" / "claims-sheet.csv"


@pytest.fixture
def demo(tmp_path) -> Path:
    for folder in ("sources", "claims", "declarations", "gazetteer", "resolutions"):
        shutil.copytree(ROOT / folder, tmp_path / "demo" / folder)
    return tmp_path / "demo"


def files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*.yaml")}


def test_every_bad_cell_is_named_and_nothing_is_written(demo, capsys):
    before = files(demo)
    assert main(["--no-cache", "import", "claims", str(SHEET), "--ledger", str(demo)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{SHEET}:4:qualifier: property 'signed-on' has no qualifier 'nomnal' (declared: nominal, actual); did you mean 'nominal'?",
        f"{SHEET}:5:subject: unknown subject 'treaty-of-mosow'; did you mean 'treaty-of-moscow'?",
        f"{SHEET}:5:value: 'Febtember' is not a month name; did you mean September?",
        f"{SHEET}:6:quote: empty; a claim needs its quote",
        f"{SHEET}:6:source: unknown source 'akalin-2071'; did you mean 'akalin-2017'?",
        f"{SHEET}:6:property: unknown property 'signed-in'; did you mean 'signed-on'?",
        f"{SHEET}:6:stance: 'perhaps' is no stance; use asserts, denies, doubts",
        f"{SHEET}:7:property: unknown property 'closed-on'; declare it, or import with --create-missing and a property_type column",
        "sourcecrit: 8 problems in 4 rows; nothing was written (fix them, or --skip-bad to write the good rows)",
    ]
    assert files(demo) == before


def test_skip_bad_writes_the_good_rows_beside_their_sources_claims(demo, capsys):
    assert main(["--no-cache", "import", "claims", str(SHEET), "--ledger", str(demo), "--skip-bad", "--create-missing"]) == 0
    out = capsys.readouterr().out
    assert "declared 1 property in" in out and "3 claims imported, 3 bad rows skipped (4, 5, 6)" in out
    ledger = load_ledger(demo, use_cache=False)
    assert ledger.errors == []
    claim = ledger.claims["hasanly-2012-havza-meeting-1919-participants"]
    assert (claim.stance.value, claim.hedges, claim.value) == ("doubts", ["it is said", "reportedly"], "Mustafa Kemal; Budyenny")
    assert claim.origin.file.endswith("claims/hasanly-2012.yaml")
    assert ledger.properties["closed-on"].type == "text"
    assert ledger.claims["akalin-2017-treaty-of-moscow-signed-on"].note == "Entered from the reading sheet"


def test_a_tsv_with_an_unknown_column_is_refused_at_its_header(demo, tmp_path, capsys):
    sheet = tmp_path / "claims.tsv"
    sheet.write_text("source\tsubject\tproperty\tvalue\tquote\tpage\n"
                     "akalin-2017\ttreaty-of-moscow\tsigned-on\t16 March 1921\tsigned on 16 March 1921\t3\n", encoding="utf-8")
    assert main(["import", "claims", str(sheet), "--ledger", str(demo), "--skip-bad"]) == 1
    assert capsys.readouterr().err.startswith(f"{sheet}:1:page: unknown column 'page'")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("\tpage", "\tlocator"), encoding="utf-8")
    assert main(["import", "claims", str(sheet), "--ledger", str(demo)]) == 0
    assert "1 claim imported" in capsys.readouterr().out


def test_new_claims_go_to_the_file_named_after_their_source_not_a_topic_file(demo, tmp_path):
    """A source's claims kept in claims/hasanly-2012.yaml and, for one period, in
    claims/hasanly-2012--1914-1918.yaml: the sheet's new rows go to the file named after it; a source
    kept only in topic files gets the one that holds most of its claims."""
    from sourcecrit.ledger.append import claims_file
    ledger = load_ledger(demo, use_cache=False)
    assert claims_file(ledger, "hasanly-2012") == demo / "claims" / "hasanly-2012.yaml"
    (demo / "claims" / "gafarov.yaml").rename(demo / "claims" / "gafarov--1919.yaml")
    ledger = load_ledger(demo, use_cache=False)
    held = Counter(Path(c.origin.file).name for c in ledger.claims.values() if c.source == "gafarov")
    assert len(held) > 1 and "gafarov.yaml" not in held
    assert claims_file(ledger, "gafarov").name == max(sorted(held), key=held.__getitem__)
    assert claims_file(ledger, "a-new-source") == demo / "claims" / "a-new-source.yaml"


def test_non_breaking_spaces_read_as_plain_ones_and_the_header_may_follow_blank_rows(tmp_path):
    """A sheet saved with a blank row or two above its header, and with the non-breaking spaces of
    a text pasted from a web page: the rows keep the sheet's numbers."""
    sheet = tmp_path / "claims.csv"
    sheet.write_text("\n,,\nSource,Value\u00a0,\nbook-a,16\u00a0March 1921\u00a0\n", encoding="utf-8")
    table = read_rows(sheet)
    assert (table.header_row, table.header, table.rows) == (3, ["source", "value"], [(4, {"source": "book-a",
                                                                                            "value": "16 March 1921"})])
