"""Claims from a spreadsheet (CSV or TSV, as Excel, LibreOffice or Google Sheets save it, or an
.xlsx workbook, read by sourcecrit.importing.claims_xlsx): one row a claim, columns named like the
claim's fields.

Every row is checked as `sourcecrit check` would check the claim (its source, subject, property
and qualifier known, its value read as the property's type, a quote and a stance it can have),
and every problem is named as ``FILE:ROW:COLUMN: message``, the row counted as the spreadsheet
counts it (the header is the first row that holds anything, row 1 as a rule). Subjects and
properties the ledger lacks are refused with a did-you-mean, or declared on request.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pydantic import ValidationError

from sourcecrit.importing import ImportFailed, Record
from sourcecrit.importing.claims_xlsx import OTHER_SPREADSHEETS, WORKBOOK_SUFFIXES, read_workbook
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.readings import parse_bounded, reading_contexts, source_convention
from sourcecrit.models import Claim, Stance, id_of_citekey
from sourcecrit.suggest import did_you_mean, unknown
from sourcecrit.values import TYPE_MODULES, ValueProblem

COLUMNS = ("id", "source", "subject", "property", "qualifier", "value", "locator", "quote", "attributed_to",
           "stance", "hedges", "recorded_by", "note", "property_type", "subject_label")
REQUIRED = ("source", "subject", "property", "value", "quote")
LIST_SEPARATOR = ";"  # hedges: "it is said; (rubles?)"


@dataclass(frozen=True)
class RowProblem:
    """A problem of one cell: FILE:ROW:COLUMN: message."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


@dataclass
class ClaimsImport:
    """What a spreadsheet adds: good claims (row, record), declarations to make, and the problems of the other rows."""

    claims: list[tuple[int, Record]] = field(default_factory=list)
    subjects: list[Record] = field(default_factory=list)
    properties: list[Record] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


@dataclass
class Table:
    """A spreadsheet's header (its row number and column names) and its other rows that hold
    anything, as (row number, {column: text}); the cells that could not be read, as problems."""

    header_row: int
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[RowProblem]


def read_rows(path: Path, sheet: str | None = None) -> Table:
    """The spreadsheet's rows (of the workbook's sheet ``sheet``, by default the first); ImportFailed
    for a file that is no table."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        workbook = read_workbook(path, sheet)
        return _table(path, workbook.rows, workbook.refused)
    if path.suffix.lower() in OTHER_SPREADSHEETS:
        raise ImportFailed(f"{path}: {OTHER_SPREADSHEETS[path.suffix.lower()]}, which sourcecrit does not read; "
                           "save the sheet as an Excel Workbook (.xlsx) or as CSV UTF-8")
    if sheet is not None:
        raise ImportFailed(f"{path}: --sheet chooses a sheet of a workbook (.xlsx); a CSV or TSV file is one sheet")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text; save the sheet as 'CSV UTF-8' (or TSV in UTF-8)") from None
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table(path, enumerate(reader, 1), {})


def _table(path: Path, rows: Iterable[tuple[int, list[str]]], refused: dict[int, dict[int, str]]) -> Table:
    """The header is the first row that holds anything; the rows keep the spreadsheet's numbers."""
    table: Table | None = None
    for number, cells in rows:
        texts = [_cell(cell) for cell in cells]
        if not any(texts) and number not in refused:
            continue
        if table is None:
            while texts and not texts[-1] and len(texts) - 1 not in refused.get(number, {}):
                texts.pop()  # a sheet's empty cells to the right of the last column's name
            header = [name.lower().replace(" ", "_").replace("-", "_") for name in texts]
            table = Table(number, list(dict.fromkeys(header)), [], [])
            columns = {index: name or f"column {index + 1}" for index, name in enumerate(header)}
        else:
            table.rows.append((number, {name: text for name, text in zip(header, texts) if name}))
            columns = {index: name for index, name in enumerate(header) if name}
        table.problems += [RowProblem(str(path), number, columns[index], message)
                           for index, message in refused.get(number, {}).items() if index in columns]
    if table is None:
        raise ImportFailed(f"{path}: empty; the first row names the columns ({', '.join(REQUIRED)}, ...)")
    return table


def _cell(text: str) -> str:
    """A cell's text without the spaces around it; non-breaking spaces (pasted from a web page or
    a PDF) read as plain ones."""
    return text.translate(_PLAIN_SPACES).strip()


_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


def _delimiter(text: str) -> str:
    """The separator of a CSV file: a comma, or the semicolon a spreadsheet in a comma-decimal locale writes."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def plan_claims(ledger: Ledger, path: Path, *, create_missing: bool = False, sheet: str | None = None) -> ClaimsImport:
    """Check every row of the spreadsheet at ``path`` (of its sheet ``sheet``, for a workbook)
    against ``ledger``; nothing is written."""
    table = read_rows(path, sheet)
    header, at = table.header, table.header_row
    plan = ClaimsImport()
    name = str(path)
    unreadable: dict[int, list[RowProblem]] = {}
    for problem in table.problems:
        unreadable.setdefault(problem.row, []).append(problem)
    plan.problems += unreadable.pop(at, [])
    for column in header:
        if column not in COLUMNS:
            plan.problems.append(RowProblem(name, at, column, f"unknown column '{column}'{did_you_mean(column, COLUMNS)}"))
    for column in REQUIRED:
        if column not in header:
            plan.problems.append(RowProblem(name, at, column, f"no column '{column}'; every claim needs one"))
    if plan.problems:
        return plan
    taken = set(ledger.claims)
    declared: dict[str, Record] = {}
    for row, cells in table.rows:
        problems, record = _claim(ledger, name, row, cells, taken, declared, plan, create_missing)
        if row in unreadable:  # an unreadable cell is named for what it is, not as the empty cell it leaves
            said = {p.column for p in unreadable[row]}
            problems = unreadable[row] + [p for p in problems if p.column not in said]
        if problems:
            plan.problems += problems
        else:
            plan.claims.append((row, record))
            taken.add(record["id"])
    return plan


def _claim(ledger: Ledger, name: str, row: int, cells: dict[str, str], taken: set[str], declared: dict[str, Record],
           plan: ClaimsImport, create_missing: bool) -> tuple[list[RowProblem], Record]:
    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(name, row, column, message))

    for column in REQUIRED:
        if not cells.get(column):
            problem(column, f"empty; a claim needs its {column.replace('_', ' ')}")
    source, subject, property_id = cells.get("source", ""), cells.get("subject", ""), cells.get("property", "")
    if not (source and subject and property_id):
        return problems, {}
    if source not in ledger.sources:
        problem("source", unknown("source", source, ledger.sources, "import it first (sourcecrit import sources)"))
    attributed = cells.get("attributed_to")
    if attributed and attributed not in ledger.sources:
        problem("attributed_to", unknown("source", attributed, ledger.sources, "record the witness as a source"))
    if subject not in ledger.subjects and subject not in declared:
        if create_missing:
            declared[subject] = {"id": subject, "label": cells.get("subject_label") or subject}
            plan.subjects.append(declared[subject])
        else:
            problem("subject", unknown("subject", subject, ledger.subjects, "declare it, or import with --create-missing"))
    prop = ledger.properties.get(property_id)
    type_name = prop.type if prop else None
    if prop is None and f"property:{property_id}" in declared:
        type_name = declared[f"property:{property_id}"]["type"]
    elif prop is None and create_missing:
        type_name = cells.get("property_type") or "text"
        if type_name not in TYPE_MODULES:
            problem("property_type", f"unknown type '{type_name}'; use one of {', '.join(TYPE_MODULES)}")
        else:
            declared[f"property:{property_id}"] = {"id": property_id, "label": property_id.replace("-", " "),
                                                   "type": type_name}
            plan.properties.append(declared[f"property:{property_id}"])
    elif prop is None:
        problem("property", unknown("property", property_id, ledger.properties,
                                    "declare it, or import with --create-missing and a property_type column"))
    qualifier = cells.get("qualifier")
    if qualifier and prop is not None and qualifier not in prop.qualifiers:
        problem("qualifier", f"property '{prop.id}' has no qualifier '{qualifier}' (declared: "
                             f"{', '.join(prop.qualifiers) or 'none'}){did_you_mean(qualifier, prop.qualifiers)}")
    if type_name in TYPE_MODULES and cells.get("value"):
        try:
            parse_bounded(type_name, cells["value"], reading_contexts(ledger)[source_convention(ledger, source)])
        except ValueProblem as error:
            problem("value", str(error))
    stance = cells.get("stance")
    if stance and stance not in {s.value for s in Stance}:
        problem("stance", f"'{stance}' is no stance; use {', '.join(s.value for s in Stance)}")
    record = _record(cells, taken)
    if record["id"] in taken:
        problem("id", f"a claim '{record['id']}' is in the ledger already (or in an earlier row); give another id")
    try:
        Claim.model_validate(record)
    except ValidationError as error:
        for detail in error.errors():
            column = str(detail["loc"][0]) if detail["loc"] else "id"
            if not any(p.column == column for p in problems):  # said already, in our words
                problem(column, detail["msg"].lower())
    return problems, record


def _record(cells: dict[str, str], taken: set[str]) -> Record:
    """The claim's fields in the ledger's order, an id made from source, subject and property when none is given."""
    claim_id = cells.get("id") or _new_id(cells, taken)
    record: Record = {"id": claim_id}
    for column in ("source", "subject", "property", "qualifier", "value", "locator", "quote", "attributed_to", "stance",
                   "hedges", "recorded_by", "note"):
        value = cells.get(column)
        if not value:
            continue
        record[column] = [h.strip() for h in value.split(LIST_SEPARATOR) if h.strip()] if column == "hedges" else value
    return record


def _new_id(cells: dict[str, str], taken: set[str]) -> str:
    stem = id_of_citekey(f"{cells['source']}-{cells['subject']}-{cells['property']}")
    stem = re.sub(r"-{2,}", "-", stem)
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate




def declarations_file(ledger: Ledger, kind: str) -> Path:
    """Where new subjects or properties are declared: beside the first of their kind, else declarations/declarations.yaml."""
    table = ledger.subjects if kind == "subjects" else ledger.properties
    first = next(iter(table.values()), None)
    return Path(first.origin.file) if first is not None else ledger.root / "declarations" / "declarations.yaml"
