"""Citations formatted from a source's CSL fields, in a plain notes-and-bibliography style."""

from __future__ import annotations

import re

from sourcecrit.models import Name, Source

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def reader_date(written: str) -> str:
    """An ISO date as a reader expects it in a reference: '2007-05' is 'May 2007', '1962-12-20'
    '20 December 1962'; any other written date (a year, '20 November 1917 OS') as written."""
    match = _ISO.match(written.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return written
    year, month, day = match[1], MONTHS[int(match[2]) - 1], match[3]
    return f"{int(day)} {month} {year}" if day else f"{month} {year}"


def _names(names: list[Name]) -> str:
    shown = [n.display() for n in names]
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def _year(source: Source) -> str:
    issued = source.issued or ""
    return issued[:4] if issued[:4].isdigit() else issued


def short_citation(source: Source) -> str:
    """Author and year, or title: 'Akalın 2017', 'Halil Pasha's letter'."""
    if source.author:
        first = source.author[0]
        family = first.family or first.literal or first.display()
        etal = " et al." if len(source.author) > 2 else (f" and {source.author[1].family or source.author[1].display()}" if len(source.author) == 2 else "")
        year = _year(source)
        return f"{family}{etal} {year}".strip()
    return source.title_short or source.title or source.id


def full_citation(source: Source) -> str:
    """A full reference: author, title, container, publisher, date, locators and address."""
    parts: list[str] = []
    if source.author:
        parts.append(_names(source.author))
    if source.title:
        quoted = source.type not in ("book", "thesis", "manuscript", None)
        parts.append(f"“{source.title}”" if quoted else source.title)
    if source.genre:
        parts.append(source.genre)
    for value in (source.container_title, source.collection_title, source.volume and f"vol. {source.volume}",
                  source.issue and f"no. {source.issue}", source.publisher_place, source.publisher,
                  source.issued and reader_date(source.issued), source.page and f"pp. {source.page}", source.archive,
                  source.archive_location, source.URL, source.DOI and f"doi:{source.DOI}"):
        if value:
            parts.append(value)
    if not parts:
        return source.id
    return ", ".join(parts) + "."
