"""BibTeX and BibLaTeX (JabRef, Better BibTeX) to source records, with bibtexparser 2.

LaTeX is decoded to text (``Tengir{\\c{s}}enk`` is Tengirşenk); the braces that protect case are
dropped and the case they protect kept as written (nothing here changes case); a name in braces
is a literal name (an institution); ``crossref`` fills the fields an entry leaves out from the
entry it names, as BibTeX does. Fields are named as CSL-JSON names them.
"""

from __future__ import annotations

import re
from typing import Any

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from pylatexenc.latex2text import LatexNodes2Text

from sourcecrit.importing import ImportFailed, Record
from sourcecrit.models import ID_PATTERN, id_of_citekey

# entry types, BibTeX's and BibLaTeX's, as CSL types
TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "collection": "book", "manual": "report", "mastersthesis": "thesis", "phdthesis": "thesis",
    "thesis": "thesis", "techreport": "report", "report": "report", "unpublished": "manuscript", "misc": "document",
    "online": "webpage", "www": "webpage", "letter": "personal_communication", "periodical": "periodical",
    "newspaper": "article-newspaper", "dataset": "dataset", "patent": "patent", "reference": "book",
}
GENRES = {"mastersthesis": "Master's thesis", "phdthesis": "PhD thesis"}
# fields as CSL variables; some depend on the entry type (see _field_variable)
FIELDS = {
    "title": "title", "shorttitle": "title-short", "journal": "container-title", "journaltitle": "container-title",
    "booktitle": "container-title", "maintitle": "container-title", "shortjournal": "container-title-short",
    "series": "collection-title", "publisher": "publisher", "school": "publisher", "institution": "publisher",
    "organization": "publisher", "address": "publisher-place", "location": "publisher-place", "volume": "volume",
    "volumes": "number-of-volumes", "pagetotal": "number-of-pages", "pages": "page", "edition": "edition",
    "chapter": "chapter-number", "doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "url": "URL", "note": "note",
    "annote": "annote", "annotation": "annote", "abstract": "abstract", "language": "language", "langid": "language",
    "keywords": "keyword", "type": "genre", "howpublished": "medium", "eventtitle": "event-title",
    "venue": "event-place", "origtitle": "original-title", "version": "version", "archiveprefix": "archive",
    "library": "call-number", "pmid": "PMID", "issue": "issue",
}
NAMES = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), 1)}
# babel's language names (BibLaTeX's langid) as the codes CSL and Zotero write
LANGUAGES = {"english": "en", "american": "en-US", "british": "en-GB", "turkish": "tr", "russian": "ru",
             "french": "fr", "german": "de", "ngerman": "de", "italian": "it", "spanish": "es", "armenian": "hy",
             "azerbaijani": "az", "georgian": "ka", "persian": "fa", "arabic": "ar", "greek": "el", "polish": "pl"}
_DECODE = LatexNodes2Text()


def read_bibtex(text: str) -> list[Record]:
    """The source records of a BibTeX or BibLaTeX file, crossrefs resolved."""
    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ImportFailed(f"line {(block.start_line or 0) + 1}: an entry bibtexparser cannot read "
                           f"({type(block).__name__}); fix it in your reference manager and export again")
    entries = {entry.key: entry for entry in library.entries}
    records = []
    for entry in library.entries:
        fields = {field.key.lower(): str(field.value) for field in entry.fields}
        parent = entries.get(fields.get("crossref", ""))
        if parent is not None:
            inherited = {field.key.lower(): str(field.value) for field in parent.fields}
            if "title" in inherited and "booktitle" not in inherited:
                inherited["booktitle"] = inherited["title"]  # the parent's title is the child's container
            fields = {**{k: v for k, v in inherited.items() if k not in ("title", "crossref", "ids")}, **fields}
        records.append(_record(entry.entry_type.lower(), entry.key, fields))
    return records


def _record(entry_type: str, key: str, fields: dict[str, str]) -> Record:
    source_id = key if re.match(ID_PATTERN, key) and key == key.lower() else id_of_citekey(key)
    record: Record = {"id": source_id}
    if key != source_id:
        record["citekey"] = key
    record["type"] = TYPES.get(entry_type, "document")
    if entry_type in GENRES and "type" not in fields:
        record["genre"] = GENRES[entry_type]
    for field, variable in NAMES.items():
        if fields.get(field):
            record[variable] = [_name(name) for name in split_multiple_persons_names(fields[field])]
    issued = _issued(fields)
    if issued:
        record["issued"] = issued
    if fields.get("urldate"):
        record["accessed"] = decoded(fields["urldate"])
    for field, value in fields.items():
        csl = _field_variable(entry_type, field)
        if csl and csl not in record and value.strip():
            text = decoded(value)
            if csl == "page":
                text = text.replace("--", "–").replace("–", "-")
            record[csl] = LANGUAGES.get(text.lower(), text) if field == "langid" else text
    return record


def _field_variable(entry_type: str, field: str) -> str | None:
    if field == "number":  # an article's number is its issue; a report's or a series' own number otherwise
        return "issue" if entry_type == "article" else "number"
    return FIELDS.get(field)


def decoded(value: str) -> str:
    """A field's LaTeX as text: accents and symbols decoded, case-protecting braces dropped."""
    text = _DECODE.latex_to_text(value) if any(c in value for c in "\\{}$~") else value
    return " ".join(text.split())


def _name(name: str) -> dict[str, str]:
    """A BibTeX name as a CSL name: a braced name is literal; von is the non-dropping particle."""
    if _wholly_braced(name):
        return {"literal": decoded(name)}
    parts = parse_single_name_into_parts(name)
    found = {"family": parts.last, "given": parts.first, "non-dropping-particle": parts.von, "suffix": parts.jr}
    return {key: decoded(" ".join(words)) for key, words in found.items() if words}


def _wholly_braced(text: str) -> bool:
    """Whether the first brace of ``text`` closes at its end: ``{Institut d'{\\'e}tudes slaves}``."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if depth == 0:
            return index == len(text) - 1
    return False


def _issued(fields: dict[str, str]) -> str | None:
    """BibLaTeX's date (ISO, as written) or BibTeX's year, month and day, as a written date."""
    if fields.get("date"):
        return decoded(fields["date"])
    year = decoded(fields.get("year", ""))
    if not year:
        return None
    month = _month(fields.get("month", ""))
    day = decoded(fields.get("day", ""))
    if month and year.isdigit():
        return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day.isdigit() else "")
    return year


def _month(value: Any) -> int | None:
    text = decoded(str(value)).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return MONTHS.get(text[:3])
