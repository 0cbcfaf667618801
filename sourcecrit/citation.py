"""Citations formatted from a source's CSL fields, in a plain notes-and-bibliography style."""

from __future__ import annotations

import re

from sourcecrit.models import Name, Source, SourceKind

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


def work_name(source: Source) -> str:
    """What an editor calls a source in a sentence: author and year ('Tansu 1969'); without a
    year, a descriptive title as the name of the work ('Memoirs of Hüsamettin Ertürk'), or
    the author with the title ('Karaman, Enver Paşa ile Nasıl Mücadele Ettim')."""
    short = short_citation(source)
    if _year(source) or not source.author:
        return short
    title = source.title_short or source.title or ""
    if title.startswith("[") and title.endswith("]"):
        return title[1:-1]
    return f"{short}, {title}" if title else short


class WitnessNames:
    """Each source named as a witness, with the work it is known through: 'Memoirs of
    Hüsamettin Ertürk (in Tansu 1969)'. Made once for a ledger's sources."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self._names: dict[str, str] = {}
        self._citers: dict[str, list[str]] | None = None

    def name(self, source_id: str) -> str:
        found = self._names.get(source_id)
        if found is None:
            source = self.sources.get(source_id)
            found = source_id if source is None else work_name(source)
            through = self.known_through(source_id)
            if through is not None:
                found += f" (in {short_citation(self.sources[through])})"
            self._names[source_id] = found
        return found

    def known_through(self, source_id: str) -> str | None:
        """The source that prints or gives a work not held: the one containing it, else the
        derivative work that alone is nearest to it among those citing it (nearest: citing none of
        its other citers; the thesis that cites Tansu and Ertürk read Ertürk in Tansu)."""
        source = self.sources.get(source_id)
        if source is None or source.held:
            return None
        if source.contained_in in self.sources:
            return source.contained_in
        citers = self._citers_of().get(source_id, [])
        citing = set(citers)
        nearest = [c for c in citers if citing.isdisjoint(self.sources[c].cites)]
        return nearest[0] if len(nearest) == 1 and self.sources[nearest[0]].kind is SourceKind.DERIVATIVE else None

    def cited_as(self, witness_id: str, source_id: str, locator: str) -> str:
        """The reference of a work known only through another: 'Hüsamettin Ertürk, Memoirs…,
        cited in Ersoy-McMeekin 2007, line 1627.'"""
        witness, source = self.sources.get(witness_id), self.sources.get(source_id)
        if witness is None or source is None or witness_id == source_id:
            return ""
        where = ", ".join(filter(None, [short_citation(source), locator]))
        return f"{full_citation(witness).rstrip('.')}, cited in {where}."

    def _citers_of(self) -> dict[str, list[str]]:
        if self._citers is None:
            citers: dict[str, list[str]] = {}
            for sid, source in self.sources.items():
                for cited in source.cites:
                    citers.setdefault(cited, []).append(sid)
            self._citers = citers
        return self._citers
