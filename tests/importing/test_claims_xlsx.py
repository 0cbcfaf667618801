"""Claims from an .xlsx workbook as a historian keeps one: typed dates and numbers, formulas, a
merged cell, blank rows, a second sheet. Every cell is read as Excel shows it or refused by
FILE:ROW:COLUMN with the row as Excel numbers it; nothing written unless every row is good."""

from __future__ import annotations

import re
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest

from sourcecrit import load_ledger
from sourcecrit.cli import main
from sourcecrit.importing import ImportFailed
from sourcecrit.importing.claims_csv import read_rows

HEADER = ["Source", "Subject", "Property", "Qualifier", "Value", "Locator ", "Quote", "Stance", "Hedges", "Note"]
NBSP = "\u00a0"


def save(book, path: Path, saved: dict[str, tuple[str, str]] | None = None) -> Path:
    """Save ``book`` as Excel would: openpyxl writes formulas without their values, so the values
    Excel saves with them ({"E7": ("n", "7746")}, "n" a number, "str" a text, "e" an error) are
    put in the first sheet's XML."""
    book.save(path)
    if not saved:
        return path
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for coordinate, (kind, value) in saved.items():
        xml, found = re.subn(rf'<c r="{coordinate}"([^>]*?)( t="\w+")?><f>(.*?)</f><v ?/>',
                             rf'<c r="{coordinate}"\1 t="{kind}"><f>\3</f><v>{value}</v>', xml)
        assert found == 1, coordinate
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def reading_sheet(path: Path) -> Path:
    """A reading sheet of the small ledger's sources, kept in Excel: a blank first row, typed
    dates and numbers, formulas with their saved values, a source merged over two rows, blank
    rows, three bad rows and a second sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Claims"
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(["book-a", "treaty-of-moscow", "signed-on", "actual", datetime(1921, 3, 16), 12,
                  f"signed on{NBSP}16 March 1921  ", None, None, f"read again in 2024{NBSP}"])  # row 3
    sheet["E3"].number_format = "DD.MM.YYYY"  # typed as 16.03.1921
    sheet.append(["book-b", "gold-1920", "amount", "sent", 10000000, "page 40", "10 million", None, None, None])  # row 4
    sheet.append(["article-c", "havza-meeting", "participants", None, "Budennii", "paragraph 9",
                  "Budennii could not have been at Havza", "denies", None, None])  # row 5
    sheet.append([None, "declaration-1917", "occurred-on", None, datetime(1917, 12, 1), "paragraph 1",
                  "in December 1917", None, "it seems; (rubles?)", None])  # row 6: article-c, merged from row 5
    sheet.merge_cells("A5:A6")
    sheet["E6"].number_format = "mmmm yyyy"  # typed as "December 1917": Excel keeps its first day
    sheet.append([])  # row 7
    sheet.append(["memoir", "treaty-of-moscow", "signed-on", "nominal", "=DATE(1921,3,16)", '="page "&(10+2)',
                  "on the 16th of March", None, '=IF(TRUE,"","about")', 1921])  # row 8: formulas, saved with values
    sheet["E8"].number_format = "d mmmm yyyy"
    sheet.append(["book-a", "gold-1920", "amount", "promised", "=B4*2", "page 41", "twice that", None, None, None])  # row 9
    sheet.append(["book-b", "treaty-of-moscow", "signed-on", "actual", datetime(2026, 5, 16), "page 7",
                  "signed on 16 May", None, None, "=#REF!+1"])  # row 10
    sheet["E10"].number_format = "d mmm"  # typed as "16 May": Excel gives it this year
    sheet.append(["book-b", "treaty-of-mosow", "signed-on", "actual", "16 May 1921", "page 7", "signed on 16 May 1921",
                  "asserts", None, None])  # row 11
    notes = book.create_sheet("Later finds")
    notes.append(["source", "subject", "property", "value", "quote", "locator"])
    notes.append(["book-b", "havza-meeting", "participants", "Mustafa Kemal", "Mustafa Kemal at Havza", "page 9"])
    return save(book, path, {"E8": ("n", "7746"), "F8": ("str", "page 12"), "I8": ("str", ""), "J10": ("e", "#REF!")})


@pytest.fixture
def sheet(tmp_path) -> Path:
    return reading_sheet(tmp_path / "reading sheet.xlsx")


def files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*.yaml")}


def test_every_bad_cell_is_named_by_excels_row_and_the_header_and_nothing_is_written(small_ledger, sheet, capsys):
    before = files(small_ledger)
    assert main(["--no-cache", "import", "claims", str(sheet), "--ledger", str(small_ledger)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{sheet}:9:value: the formula =B4*2 was saved without its value; open the workbook in Excel or LibreOffice "
        "and save it, so that the value is stored with it",
        f"{sheet}:10:value: a date shown without its year (format d mmm), to which Excel gave the year 2026; "
        "give the cell a format that shows the year, or type the date as text",
        f"{sheet}:10:note: the cell holds Excel's error #REF!; correct the formula or type the value",
        f"{sheet}:11:subject: unknown subject 'treaty-of-mosow'; did you mean 'treaty-of-moscow'?",
        "sourcecrit: 4 problems in 3 rows; nothing was written (fix them, or --skip-bad to write the good rows)",
    ]
    assert files(small_ledger) == before


def test_the_good_rows_are_written_as_excel_shows_them_and_the_ledger_checks(small_ledger, sheet, capsys):
    assert main(["--no-cache", "import", "claims", str(sheet), "--ledger", str(small_ledger), "--skip-bad"]) == 0
    assert "5 claims imported, 3 bad rows skipped (9, 10, 11)" in capsys.readouterr().out
    ledger = load_ledger(small_ledger, use_cache=False)
    assert ledger.errors == []
    new = ledger.claims
    moscow = new["book-a-treaty-of-moscow-signed-on"]
    assert (moscow.value, moscow.locator, moscow.quote, moscow.note) == (
        "1921-03-16", "12", "signed on 16 March 1921", "read again in 2024")  # trailing and non-breaking spaces
    assert new["book-b-gold-1920-amount"].value == "10000000"  # not 10000000.0, nor 1e+07
    merged = new["article-c-declaration-1917-occurred-on"]  # its source from the merged cell above
    assert (merged.value, merged.hedges) == ("December 1917", ["it seems", "(rubles?)"])  # a month, not 1 December
    assert new["article-c-havza-meeting-participants"].stance.value == "denies"
    formulas = new["memoir-treaty-of-moscow-signed-on"]
    assert (formulas.value, formulas.locator, formulas.hedges, formulas.note) == ("1921-03-16", "page 12", [], "1921")
    assert Path(formulas.origin.file).name == "memoir.yaml"
    capsys.readouterr()
    assert main(["--no-cache", "check", str(small_ledger)]) == 0


def test_a_date_is_read_to_the_precision_its_format_shows(tmp_path):
    """Excel keeps every date as a day: "March 1921" typed in a cell is stored as 1 March 1921 and
    shown as Mar-21. Only a format that shows the day gives a day; one that shows the month gives
    the month; one that shows only the year, the year; one that hides the year is refused, since
    Excel filled in a year of its own."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["value", "note"])
    formats = ["DD.MM.YYYY", "m/d/yy", "yyyy-mm-dd", "[$-409]d mmmm yyyy;@", "dddd, d mmmm yyyy", "mmm-yy",
               "mmmm yyyy", '"in" mmmm yyyy', "yyyy", "d mmm", "dd/mm", "h:mm", "yyyy h:mm"]
    for number_format in formats:
        sheet.append([datetime(1921, 3, 16, 14, 30) if "h" in number_format else datetime(1921, 3, 16), number_format])
        sheet.cell(sheet.max_row, 1).number_format = number_format
    sheet.append([time(14, 30), "h:mm"])
    sheet.cell(sheet.max_row, 1).number_format = "h:mm"
    table = read_rows(save(book, tmp_path / "dates.xlsx"))
    shown = {cells["note"]: cells["value"] for _, cells in table.rows}
    assert shown == {"DD.MM.YYYY": "1921-03-16", "m/d/yy": "1921-03-16", "yyyy-mm-dd": "1921-03-16",
                     "[$-409]d mmmm yyyy;@": "1921-03-16", "dddd, d mmmm yyyy": "1921-03-16", "mmm-yy": "March 1921",
                     "mmmm yyyy": "March 1921", '"in" mmmm yyyy': "March 1921", "yyyy": "1921", "d mmm": "",
                     "dd/mm": "", "h:mm": "", "yyyy h:mm": "1921"}
    refused = {p.row: p.message for p in table.problems}
    assert [p.column for p in table.problems] == ["value"] * 4
    assert refused[11].startswith("a date shown without its year (format d mmm), to which Excel gave the year 1921")
    assert refused[12].startswith("a date shown without its year (format dd/mm)")
    assert refused[13].startswith("a date shown without its year (format h:mm)")  # a day and a time: no year shown
    assert refused[15] == "a time or a duration (format h:mm), not a date; type the date as text"


def test_numbers_and_booleans_are_read_as_written_and_a_number_shown_with_a_unit_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["value", "note"])
    cells = [(1921, "General"), (10000000, "#,##0"), (2.5, "0.0"), (0.16, "0%"), (1.5e-05, "General"),
             (True, "General"), (False, "General"), (-3, "0;(0)"), (5000, '£#,##0'), (5000, '#,##0 "rubles"'),
             (5000, "[$€-407] #,##0.00"), (7, "0;-0;\"nil\""), (0, "0;-0;\"nil\"")]
    for value, number_format in cells:
        sheet.append([value, number_format])
        sheet.cell(sheet.max_row, 1).number_format = number_format
    sheet.append(["=1921*1", "a float's tail"])
    sheet.append(["=10^7", "an exponent"])
    saved = {f"A{sheet.max_row - 1}": ("n", "1921.0000000000002"), f"A{sheet.max_row}": ("n", "1.0000000000000001E7")}
    table = read_rows(save(book, tmp_path / "numbers.xlsx", saved))
    read = [cells["value"] for _, cells in table.rows]
    assert read == ["1921", "10000000", "2.5", "16%", "0.000015", "TRUE", "FALSE", "-3", "", "", "", "7", "",
                    "1921", "10000000"]
    assert [(p.row, p.message) for p in table.problems] == [
        (10, "the number 5000 is shown with '£' (format £#,##0), but the sheet stores only the number; "
             "type the value as text, as the source writes it"),
        (11, "the number 5000 is shown with 'rubles' (format #,##0 \"rubles\"), but the sheet stores only the number; "
             "type the value as text, as the source writes it"),
        (12, "the number 5000 is shown with '€' (format [$€-407] #,##0.00), but the sheet stores only the number; "
             "type the value as text, as the source writes it"),
        (14, "the number 0 is shown with 'nil' (format 0;-0;\"nil\"), but the sheet stores only the number; "
             "type the value as text, as the source writes it"),
    ]


def test_merged_cells_count_for_every_row_they_span_in_their_first_column_only(tmp_path):
    """A source merged down over three rows is the source of all three, as the sheet shows it; a
    quote merged across the locator's column widens the quote and gives no locator."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["source", "quote", "locator"])
    for row in (["book-a", "signed on 16 March", None], [None, "in Moscow", "page 3"], [None, None, "page 4"]):
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("B2:C2")
    table = read_rows(save(book, tmp_path / "merged.xlsx"))
    assert table.rows == [(2, {"source": "book-a", "quote": "signed on 16 March", "locator": ""}),
                          (3, {"source": "book-a", "quote": "in Moscow", "locator": "page 3"}),
                          (4, {"source": "book-a", "quote": "", "locator": "page 4"})]


def test_another_sheet_is_chosen_by_name_and_an_unknown_one_is_refused_with_the_sheets(small_ledger, sheet, capsys):
    assert main(["--no-cache", "import", "claims", str(sheet), "--ledger", str(small_ledger), "--sheet", "Later finds"]) == 0
    assert "1 claim imported" in capsys.readouterr().out
    assert load_ledger(small_ledger, use_cache=False).claims["book-b-havza-meeting-participants"].locator == "page 9"
    assert main(["import", "claims", str(sheet), "--ledger", str(small_ledger), "--sheet", "Later find"]) == 2
    assert capsys.readouterr().err == (f"sourcecrit: {sheet}: no sheet 'Later find'; did you mean 'Later finds'? "
                                       "(the workbook has: 'Claims', 'Later finds')\n")


def test_a_locked_a_damaged_or_a_false_workbook_is_refused_in_one_line(small_ledger, tmp_path, capsys):
    pytest.importorskip("openpyxl")
    encrypted = tmp_path / "locked.xlsx"  # Excel saves a workbook with a password as an OLE2 compound file
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    text = tmp_path / "really-a.xlsx"
    text.write_text("source,subject\nbook-a,gold-1920\n", encoding="utf-8")
    damaged = reading_sheet(tmp_path / "damaged.xlsx")
    with zipfile.ZipFile(damaged) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data)
    expected = {
        encrypted: "password-protected, or an Excel 97-2003 workbook (.xls) under another name; "
                   "save a copy without a password as an Excel Workbook (.xlsx)",
        text: "not an Excel workbook (an .xlsx file is a zip archive, and this is none); "
              "if it is CSV or TSV text, name it .csv or .tsv",
        damaged: "a damaged Excel workbook (its parts cannot be read); open it in Excel or LibreOffice and save it again",
        tmp_path / "missing.xlsx": "cannot read it (No such file or directory)",
    }
    for path, message in expected.items():
        assert main(["import", "claims", str(path), "--ledger", str(small_ledger)]) == 2
        assert capsys.readouterr().err == f"sourcecrit: {path}: {message}\n"


def test_without_openpyxl_a_workbook_is_refused_with_the_extra_to_install(small_ledger, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "claims.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed: importing it fails
    assert main(["import", "claims", str(sheet), "--ledger", str(small_ledger)]) == 2
    assert capsys.readouterr().err == (f"sourcecrit: {sheet}: reading .xlsx workbooks needs openpyxl: "
                                       "pip install 'sourcecrit[xlsx]' (or save the sheet as CSV UTF-8)\n")
    with pytest.raises(ImportFailed):
        read_rows(sheet)


def test_sheet_is_for_workbooks_only_and_other_spreadsheets_are_saved_as_xlsx_or_csv(small_ledger, tmp_path, capsys):
    sheet = tmp_path / "claims.csv"
    sheet.write_text("source,subject,property,value,quote\n", encoding="utf-8")
    assert main(["import", "claims", str(sheet), "--ledger", str(small_ledger), "--sheet", "Claims"]) == 2
    assert capsys.readouterr().err == (f"sourcecrit: {sheet}: --sheet chooses a sheet of a workbook (.xlsx); "
                                       "a CSV or TSV file is one sheet\n")
    old = tmp_path / "claims.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert main(["import", "claims", str(old), "--ledger", str(small_ledger)]) == 2
    assert capsys.readouterr().err == (f"sourcecrit: {old}: an Excel 97-2003 workbook, which sourcecrit does not read; "
                                       "save the sheet as an Excel Workbook (.xlsx) or as CSV UTF-8\n")


def test_a_date_before_1900_stays_as_typed_and_one_before_1582_is_refused(tmp_path):
    """Excel types no date before 1900: such a date stays the text the historian typed, read as the
    ledger reads text (an all-number date by its source's convention). LibreOffice does type them,
    and counts the days before the Gregorian reform of 1582 in the Julian calendar, which the
    ledger's ISO dates are not: a date cell before the reform is refused, not read a calendar off."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["value"])
    sheet.append(["16.03.1899"])
    for day in (date(1899, 3, 16), date(1582, 10, 15), date(1453, 5, 29)):
        sheet.append([day])
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
    table = read_rows(save(book, tmp_path / "old.xlsx"))
    assert [cells["value"] for _, cells in table.rows] == ["16.03.1899", "1899-03-16", "1582-10-15", ""]
    assert [(p.row, p.message.split(",")[0]) for p in table.problems] == [
        (5, "a date cell before the Gregorian reform of 15 October 1582")]
