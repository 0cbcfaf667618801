"""Claims from an Excel or LibreOffice workbook (.xlsx): the rows of one sheet, each cell as the
historian sees it, for the claims spreadsheet reader (sourcecrit.importing.claims_csv).

openpyxl is an optional dependency (``pip install 'sourcecrit[xlsx]'``), imported here only, when a
workbook is read. A cell is read as Excel shows it, or refused with the reason:

- a number as written: 1921, not 1921.0; 10000000, not 1e+07; a percentage with its ``%``. A
  number whose format adds a unit or words (``£#,##0``, ``0 "rubles"``) is refused: the sheet
  keeps only the number, and the value would lose its unit.
- a date that Excel typed as a date, to the precision its format shows: ``16.03.1921`` as
  ``1921-03-16``, ``Mar-21`` as ``March 1921`` (Excel stores "March 1921" as its first day, which
  no source said), ``1921`` as ``1921``. A date shown without its year, a time of day, a
  duration, and a date before the Gregorian reform (which LibreOffice counts Julian) are refused.
- TRUE and FALSE as Excel writes them.
- a formula by the value Excel or LibreOffice saved with it; one saved without a value (a sheet
  written by a program that does not calculate) is refused, never read as its formula's text. So
  is an error value such as ``#REF!``.
- a merged cell's value counts for every row the merge spans, in its first column, as the sheet
  shows it ("this source for these three rows"); the columns it spans to the right are empty, as
  in the file.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sourcecrit.importing import ImportFailed
from sourcecrit.suggest import did_you_mean
from sourcecrit.values.calendars import ENGLISH_MONTHS

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = {".xls": "an Excel 97-2003 workbook", ".ods": "an OpenDocument spreadsheet",
                      ".numbers": "an Apple Numbers document"}
INSTALL = "pip install 'sourcecrit[xlsx]'"
GREGORIAN_REFORM = date(1582, 10, 15)
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE2 compound file: an encrypted workbook, or an Excel 97-2003 .xls


class Refused(Exception):
    """A cell that cannot be read as the historian sees it; the message says why and what to do."""


@dataclass
class SheetRows:
    """A sheet's rows as (row number as Excel shows it, cell texts from column A), and the cells refused,
    by row number and column index (0 for A)."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    refused: dict[int, dict[int, str]] = field(default_factory=dict)


def read_workbook(path: Path, sheet: str | None = None) -> SheetRows:
    """The rows of the sheet named ``sheet`` (default: the first) of the workbook at ``path``;
    ImportFailed, naming the file, for a workbook that cannot be read."""
    openpyxl = _openpyxl(path)
    head = _head(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of parts it skips (data validation, ...); the cells are read
        try:
            formulas = _formulas(openpyxl, path, sheet)
            return _rows(openpyxl, path, sheet, formulas)
        except _DAMAGED as error:
            raise ImportFailed(_unreadable(path, head, error)) from None


# What openpyxl and zipfile raise on a file that is no workbook or a damaged one (found by
# damaging a workbook at random: flipped bytes, cut short, overwritten stretches).
_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, KeyError, ValueError, TypeError, IndexError,
            AttributeError, EOFError, SyntaxError)


def _openpyxl(path: Path) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ImportFailed(f"{path}: reading .xlsx workbooks needs openpyxl: {INSTALL} "
                           "(or save the sheet as CSV UTF-8)") from None
    return openpyxl


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(8)
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read it ({error.strerror})") from None


def _unreadable(path: Path, head: bytes, error: Exception) -> str:
    if head.startswith(OLE_MAGIC):
        return (f"{path}: password-protected, or an Excel 97-2003 workbook (.xls) under another name; "
                "save a copy without a password as an Excel Workbook (.xlsx)")
    if isinstance(error, zipfile.BadZipFile):
        return (f"{path}: not an Excel workbook (an .xlsx file is a zip archive, and this is none); "
                "if it is CSV or TSV text, name it .csv or .tsv")
    return f"{path}: a damaged Excel workbook (its parts cannot be read); open it in Excel or LibreOffice and save it again"


def _sheet(book: Any, path: Path, name: str | None) -> Any:
    sheets = {sheet.title: sheet for sheet in book.worksheets}
    if not sheets:
        raise ImportFailed(f"{path}: the workbook has no sheet of cells")
    if name is None:
        return book.worksheets[0]
    if name not in sheets:
        raise ImportFailed(f"{path}: no sheet '{name}'{did_you_mean(name, sheets)} "
                           f"(the workbook has: {', '.join(repr(title) for title in sheets)})")
    return sheets[name]


def _formulas(openpyxl: Any, path: Path, sheet: str | None) -> dict[tuple[int, int], str]:
    """The sheet's formulas by (row, column), read apart: a workbook opened for its saved values
    shows a formula saved without one as an empty cell."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        return {(cell.row, cell.column): str(getattr(cell.value, "text", cell.value))
                for row in _sheet(book, path, sheet).iter_rows() for cell in row if cell.data_type == "f"}
    finally:
        book.close()


def _rows(openpyxl: Any, path: Path, sheet: str | None, formulas: dict[tuple[int, int], str]) -> SheetRows:
    book = openpyxl.load_workbook(path, data_only=True)  # not read_only: that mode does not read the merged cells
    try:
        cells = _sheet(book, path, sheet)
        merged = _merged_below(cells)
        firsts: dict[tuple[int, int], str | Refused] = {at: "" for at in merged.values()}
        read = SheetRows()
        for row in cells.iter_rows(min_row=1, min_col=1):
            number, line = row[0].row, []
            for cell in row:
                at = (cell.row, cell.column)
                text = firsts[merged[at]] if at in merged else _text(cell, formulas.get(at))
                if at in firsts:
                    firsts[at] = text
                if isinstance(text, Refused):
                    read.refused.setdefault(number, {})[cell.column - 1] = str(text)
                    text = ""
                line.append(text)
            read.rows.append((number, line))
        return read
    finally:
        book.close()


def _merged_below(cells: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """The cells below a merged cell's first one, in its first column, each with that first cell."""
    return {(row, merge.min_col): (merge.min_row, merge.min_col)
            for merge in cells.merged_cells.ranges for row in range(merge.min_row + 1, merge.max_row + 1)}


def _text(cell: Any, formula: str | None) -> str | Refused:
    """The cell's text as Excel shows it, or why it cannot be read."""
    value = cell.value
    try:
        if value is None or value == "":
            if formula is not None and cell.data_type != "str":  # "str": the formula's value, saved, is ""
                raise Refused(f"the formula {formula} was saved without its value; open the workbook in Excel "
                              "or LibreOffice and save it, so that the value is stored with it")
            return ""
        if cell.data_type == "e":
            raise Refused(f"the cell holds Excel's error {value}; correct the formula or type the value")
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float)):
            return _number(value, cell.number_format)
        if isinstance(value, (datetime, date, time, timedelta)):
            return _date(value, cell.number_format)
        return str(value)
    except Refused as refused:
        return refused


def _number(value: float, number_format: str) -> str:
    """A number as written, to Excel's 15 significant digits, without an exponent or a float's ".0";
    a percentage with its %."""
    section = _section(number_format, value)
    words = _words(section)
    if words:
        raise Refused(f"the number {_plain(value)} is shown with '{words}' (format {number_format}), but the sheet "
                      "stores only the number; type the value as text, as the source writes it")
    if "%" in section:
        return f"{_plain(Decimal(_plain(value)) * 100)}%"
    return _plain(value)


def _plain(value: float | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    return format(Decimal(f"{value:.15g}").normalize(), "f")


def _section(number_format: str, value: float) -> str:
    """The part of a number format that applies to the value: positive; negative; zero; text."""
    sections = _QUOTED_OR_ANY.findall(number_format)
    parts, current = [], ""
    for piece in sections:
        if piece == ";":
            parts.append(current)
            current = ""
        else:
            current += piece
    parts.append(current)
    if value < 0 and len(parts) > 1:
        return parts[1]
    if value == 0 and len(parts) > 2:
        return parts[2]
    return parts[0]


_QUOTED_OR_ANY = re.compile(r'"[^"]*"|[\\_*].|\[[^\]]*\]|general|.', re.DOTALL | re.IGNORECASE)
_NUMBER_SIGNS = set("0#?,.%Ee+-()/ :@")


def _words(section: str) -> str:
    """What a number format section shows beside the number: quoted text, escaped letters, a
    currency symbol ("[$€-x]", "$"); colours and conditions ("[Red]", "[<100]") show nothing."""
    shown = []
    for piece in _QUOTED_OR_ANY.findall(section):
        if piece.startswith('"'):
            shown.append(piece[1:-1])
        elif piece.startswith("\\"):
            shown.append(piece[1])
        elif piece.startswith("[$"):
            shown.append(piece[2:-1].split("-", 1)[0])
        elif piece.startswith(("[", "_", "*")) or piece.lower() == "general" or piece in _NUMBER_SIGNS:
            continue
        elif not piece.isspace():
            shown.append(piece)
    return "".join(shown).strip()


def _date(value: datetime | date | time | timedelta, number_format: str) -> str:
    """A date cell at the precision its format shows: ISO for a day, "March 1921", or the year."""
    if isinstance(value, (time, timedelta)):
        raise Refused(f"a time or a duration (format {number_format}), not a date; type the date as text")
    day = value.date() if isinstance(value, datetime) else value
    if day < GREGORIAN_REFORM:
        raise Refused("a date cell before the Gregorian reform of 15 October 1582, whose calendar spreadsheets do not "
                      "agree on (LibreOffice counts it Julian; Excel holds no date before 1900); type it as text, "
                      "with its calendar")
    shown = _date_parts(number_format)
    if "year" not in shown:
        raise Refused(f"a date shown without its year (format {number_format}), to which Excel gave the year {day.year}; "
                      "give the cell a format that shows the year, or type the date as text")
    if "day" in shown and "month" in shown:
        return day.isoformat()
    if "month" in shown:
        return f"{ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


_DATE_CODES = re.compile(r"y+|m+|d+|h+|s+|e+|b+")


def _date_parts(number_format: str) -> set[str]:
    """Which of year, month and day a date format shows ("m" next to hours or seconds is minutes;
    "ddd" is the weekday, which is no day of the month)."""
    section = "".join(piece for piece in _QUOTED_OR_ANY.findall(_section(number_format, 1))
                      if len(piece) == 1 and piece != ";").lower()
    section = section.replace("am/pm", "").replace("a/p", "")
    codes = _DATE_CODES.findall(section)
    shown = set()
    for index, code in enumerate(codes):
        before = codes[index - 1][0] if index else ""
        after = codes[index + 1][0] if index + 1 < len(codes) else ""
        if code[0] in "yeb":
            shown.add("year")
        elif code[0] == "d" and len(code) <= 2:
            shown.add("day")
        elif code[0] == "m" and not (len(code) <= 2 and (before == "h" or after == "s")):
            shown.add("month")
    return shown
