"""RIS (EndNote, Zotero, library catalogues) to source records, with rispy.

RIS has no citekey: the record's label (LB), else its id (ID), else the first author's family
name and the year make the id. Names are "Family, Given"; dates are PY's year or DA's
``YYYY/MM/DD``.
"""

from __future__ import annotations

from typing import Any

import rispy

from sourcecrit.importing import ImportFailed, Record
from sourcecrit.models import id_of_citekey

TYPES = {
    "JOUR": "article-journal", "MGZN": "article-magazine", "NEWS": "article-newspaper", "BOOK": "book",
    "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter", "THES": "thesis", "RPRT": "report",
    "CONF": "paper-conference", "CPAPER": "paper-conference", "ELEC": "webpage", "WEB": "webpage",
    "PCOMM": "personal_communication", "MANSCPT": "manuscript", "UNPB": "manuscript", "MAP": "map",
    "ENCYC": "entry-encyclopedia", "DICT": "entry-dictionary", "LEGAL": "legislation", "CASE": "legal_case",
    "PAT": "patent", "DATA": "dataset", "GEN": "document", "HIST": "document", "ART": "graphic",
}
FIELDS = {  # rispy's names as CSL variables
    "title": "title", "primary_title": "title", "short_title": "title-short", "secondary_title": "container-title",
    "journal_name": "container-title", "alternate_title3": "container-title", "alternate_title1": "container-title-short",
    "alternate_title2": "container-title-short", "tertiary_title": "collection-title", "publisher": "publisher",
    "place_published": "publisher-place", "volume": "volume", "number": "issue", "edition": "edition",
    "doi": "DOI", "abstract": "abstract", "language": "language", "type_of_work": "genre",
    "call_number": "call-number", "name_of_database": "source", "number_of_volumes": "number-of-volumes",
    "section": "section", "translated_title": "original-title",
}
NAMES = {"authors": "author", "first_authors": "author", "secondary_authors": "editor",
         "translated_author": "translator", "tertiary_authors": "collection-editor"}


def read_ris(text: str) -> list[Record]:
    """The source records of an RIS file."""
    try:
        entries = rispy.loads(text, skip_unknown_tags=True)
    except (OSError, ValueError, KeyError) as error:
        raise ImportFailed(f"not an RIS file rispy can read ({error})") from None
    if not entries and text.strip():
        raise ImportFailed("no RIS record found (each starts 'TY  - ' and ends 'ER  - ')")
    records, keys = [], set()
    for entry in entries:
        key = _key(entry)
        while key in keys:  # two works of one author and year: karabekir-1969, karabekir-1969a, ...
            key = key[:-1] + chr(ord(key[-1]) + 1) if key[-1].isalpha() and key[-2].isdigit() else key + "a"
        keys.add(key)
        records.append(_record(entry, key, given=key == _given_key(entry)))
    return records


def _key(entry: dict[str, Any]) -> str:
    """The record's label (LB); else its id (ID) unless that is EndNote's record number; else author and year."""
    return _given_key(entry) or _made_key(entry)


def _given_key(entry: dict[str, Any]) -> str:
    given = str(entry.get("label") or entry.get("id") or "").strip()
    return "" if given.isdigit() else given


def _record(entry: dict[str, Any], key: str, given: bool) -> Record:
    source_id = id_of_citekey(key)
    record: Record = {"id": source_id}
    if given and key != source_id:  # a key made here is no citekey of the reference manager
        record["citekey"] = key
    record["type"] = TYPES.get(str(entry.get("type_of_reference", "")).upper(), "document")
    for field, variable in NAMES.items():
        names = entry.get(field) or []
        if names and variable not in record:
            record[variable] = [_name(name) for name in names]
    issued = _date(entry.get("date") or entry.get("publication_year") or entry.get("year"))
    if issued:
        record["issued"] = issued
    accessed = _date(entry.get("access_date"))
    if accessed:
        record["accessed"] = accessed
    pages = "-".join(str(entry[k]).strip() for k in ("start_page", "end_page") if entry.get(k))
    if pages:
        record["page"] = pages
    for field, variable in FIELDS.items():
        value = entry.get(field)
        if value and variable not in record:
            record[variable] = " ".join(str(value).split())
    if entry.get("issn"):
        record["ISBN" if record["type"] in ("book", "chapter") else "ISSN"] = str(entry["issn"]).strip()
    if entry.get("urls"):
        record["URL"] = str(entry["urls"][0])
    notes = [str(n).strip() for n in entry.get("notes", []) if str(n).strip()]
    if notes:
        record["note"] = "\n".join(notes)
    return record


def _made_key(entry: dict[str, Any]) -> str:
    names = entry.get("authors") or entry.get("first_authors") or []
    family = str(names[0]).split(",")[0] if names else str(entry.get("title", "untitled")).split(" ")[0]
    year = (_date(entry.get("year") or entry.get("date")) or "")[:4]
    return f"{family}-{year}" if year else family


def _name(name: str) -> dict[str, str]:
    family, comma, given = str(name).partition(",")
    if not comma:
        return {"literal": name.strip()}
    given, _, suffix = given.partition(",")
    found = {"family": family.strip(), "given": given.strip(), "suffix": suffix.strip()}
    return {k: v for k, v in found.items() if v}


def _date(value: Any) -> str | None:
    """RIS's ``YYYY/MM/DD/other`` (any part may be empty) as a written date."""
    if not value:
        return None
    parts = [p.strip() for p in str(value).split("/")]
    year = parts[0]
    if not year.isdigit():
        return str(value).strip()
    written = year
    for part in parts[1:3]:
        if not part.isdigit():
            break
        written += f"-{int(part):02d}"
    return written
