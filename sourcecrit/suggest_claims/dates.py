"""The dates of a sentence, written as the date parsers read them, and the years a sentence may lend.

A date is offered as the sentence words it, with the part of a period it names ("Early in
1920" is ``early 1920``, "in the early days of May" ``early May``, "by mid-1920" ``by mid
1920``). A day and month without a year borrow one only from the narrative: the year closing
a span ("23 August to 12 September 1921"), else the one year the sentence names, else the
year of the paragraph's sentences before (the caller keeps it). A year of a bibliographic
citation ("(Ankara: Ayyıldız, 1967)", "(1967)", "1992, p. 14") is never lent, and when the
sentence names several years the date is left without one rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?|"
          "Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık|"
          "Kânunusani|Kanunusani|Teşrinievvel|Teşrinisani|Kânunuevvel|Kanunuevvel")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:[-–]|or)\s*\d{1,2}(?:st|nd|rd|th)?)?"
YEAR = r"1[5-9]\d\d"
_CALENDAR = r"(?:\s*(?:\(?(?:OS|O\.S\.|NS|N\.S\.|Old Style|New Style|Rumi|AH)\)?))?"
_SEASONS = r"spring|summer|autumn|fall|winter"
# a part of a period, as documents word it ("early in", "in the early days of", "at the end of", "mid-")
_PART = (r"(?:(?:in|at|during|towards?)\s+)?(?:the\s+)?"
         r"(?P<part>(?:early|first|last|late|closing|final|opening)\s+(?:days|weeks|months)|first\s+half|second\s+half|"
         r"(?:early|earlier|first|latter|later|last)\s+part|"
         r"last\s+half|early|middle|mid|late|beginning|start|end|close)(?:\s+(?:of|in)\s+(?:the\s+)?|\s*-\s*|\s+)")
_PART_NAMES = {"early": "early", "beginning": "early", "start": "early", "opening": "early", "first": "early",
               "mid": "mid", "middle": "mid", "late": "late", "end": "late", "close": "late", "closing": "late",
               "final": "late", "last": "late", "earlier": "early", "latter": "late", "later": "late", "first half": "first half of", "second half": "second half of",
               "last half": "second half of"}
_FORMS = (rf"(?P<dmy>(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{MONTHS}),?\s+{YEAR}{_CALENDAR})"
          rf"|(?P<mdy>(?:{MONTHS})\s+{_DAY},?\s+{YEAR}{_CALENDAR})"
          rf"|(?P<my>(?:{MONTHS}),?\s+{YEAR}{_CALENDAR})"
          rf"|(?P<dm>(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{MONTHS})\b)"
          rf"|(?P<md>(?:{MONTHS})\s+{_DAY}\b)"
          rf"|(?P<season>\b(?:the\s+)?(?:mid-?)?(?:{_SEASONS})\s+(?:of\s+)?{YEAR})"
          rf"|(?P<that>(?:that|the\s+same)\s+year)"
          rf"|(?P<month>(?-i:{MONTHS})\b(?!\s*\d))"
          rf"|(?P<year>(?<!\d[-–])(?<!\d[-–]\s)(?<!\d\s[-–]\s){YEAR}(?!\s*[-–]\s*\d)(?=\b))")
DATE = re.compile(rf"(?P<bound>(?:about|around|circa|c\.|before|after|by)\s+)?(?:{_PART})?(?:{_FORMS})", re.IGNORECASE)
_YEARS = re.compile(rf"\b{YEAR}\b")
_NEEDS_PART = ("that", "month")  # "that year", "May" alone: a date only with a part ("late that year", "early May")
_NEEDS_YEAR = ("dm", "md", "that", "month")
# what closes a span whose end gives the year: "23 August to 12 September 1921", "14 or 15 May, 1920"
_SPAN_END = re.compile(rf"\s*(?:[-–]|to|and|until|till|or)\s+(?:the\s+)?(?:{_DAY}\s+(?:of\s+)?)?(?:(?:{MONTHS})\s*)?"
                       rf"(?:{_DAY})?,?\s*(?P<year>{YEAR})\b", re.IGNORECASE)
# a sentence that cites a book or an article: only its full dates (an issue of a paper) may be claims
REFERENCE = re.compile(r"\([^()]*:[^()]*\b1[5-9]\d\d\)|\bpp?\.\s*\d|\bibid\b|\bop\. cit\b", re.IGNORECASE)
_PUBLISHER = re.compile(r"[A-ZÇĞİÖŞÜ][\w’'.-]+:\s+[^.;:()]{1,60},\s*$")


@dataclass(frozen=True)
class FoundDate:
    """A date of a sentence as the parsers read it, where it stands, and the year it borrowed (or why none)."""

    written: str
    at: int
    borrowed: str | None = None  # "1920 from this sentence", "1920 from line 2799"
    unsure: str | None = None  # why no year was lent to a date that lacks one


@dataclass(frozen=True)
class LentYear:
    """The year the sentences before lend a date of the same paragraph, and the line that wrote it."""

    year: str
    line: int


def dates_in(sentence: str, before: LentYear | None, line: int) -> list[FoundDate]:
    """Every date of ``sentence`` (its line ``line``); ``before`` is the year the paragraph lends."""
    found = []
    for match in DATE.finditer(sentence):
        form = match.lastgroup
        if form is None or (form in _NEEDS_PART and not match.group("part")):
            continue
        if form == "year" and cited_year(sentence, match, strict=False):
            continue
        written = _as_read(match, form)
        if form not in _NEEDS_YEAR:
            found.append(FoundDate(written, match.start()))
            continue
        year, borrowed, unsure = _lent_year(sentence, match, before, line)
        if form == "that":
            written = written.replace(match.group("that"), year or "").strip()
            if not year:
                continue  # "late that year" of no year: nothing to offer
        elif year:
            written = f"{written} {year}"
        found.append(FoundDate(written, match.start(), borrowed, unsure))
    return found


def _as_read(match: re.Match, form: str) -> str:
    """The date as the parsers read it: "the 17th of June" as "17th June", "Early in 1920" as "early 1920"."""
    date = match.group(form)
    date = re.sub(r"^the\s+", "", date, flags=re.IGNORECASE)
    date = re.sub(r"(?<=\d)(st|nd|rd|th)?\s+of\s+", r"\1 ", date)
    date = re.sub(rf"(?i)^(?:mid-?)?({_SEASONS})\s+of\s+", lambda m: m.group().replace(" of", ""), date)
    date = re.sub(rf"(?i)^mid-?(?={_SEASONS})", "mid ", date)
    part = match.group("part")
    if part and form in ("dmy", "dm"):  # a part of a day is no date's part: left out
        part = None
    words = [(match.group("bound") or "").strip().lower(), _PART_NAMES[_part_key(part)] if part else "", date.rstrip(",")]
    return " ".join(" ".join(w for w in words if w).split())


def _part_key(part: str) -> str:
    words = part.lower().split()
    return " ".join(words) if words[-1] == "half" else words[0]


def _lent_year(sentence: str, match: re.Match, before: LentYear | None, line: int) -> tuple[str | None, str | None, str | None]:
    """The year a date without one borrows, where from, and why none when unsure."""
    closing = _SPAN_END.match(sentence, match.end())
    if closing:
        return closing.group("year"), f"{closing.group('year')} from the end of its span", None
    own = narrative_years(sentence)
    if len(own) == 1:
        return own[0], f"{own[0]} from its sentence", None
    if own:
        return None, None, f"its sentence names {' and '.join(own)}: which year is not sure"
    if before is not None:
        return before.year, f"{before.year} from line {before.line}", None
    return None, None, "no year in its sentence or the sentences before in its paragraph"


def narrative_years(sentence: str) -> list[str]:
    """The distinct years the sentence narrates (not those of works it cites), in order; none for a citation."""
    if REFERENCE.search(sentence):
        return []
    years = [m.group() for m in _YEARS.finditer(sentence) if not cited_year(sentence, m)]
    return list(dict.fromkeys(years))


def cited_year(sentence: str, match: re.Match, strict: bool = True) -> bool:
    """Whether a year is that of a cited book or article: "(London: Macmillan, 1951)", "1992, p. 14",
    "Ankara: Ayyıldız, 1967"; ``strict``, also a year or span of years alone in parentheses, as
    after a title ("(1967)", "(1910-1960)"), which may as well be an event's ("Sivas (1919)"):
    such a year is offered, never lent."""
    before, after = sentence[:match.start()], sentence[match.end():]
    opened = before.rfind("(")
    if opened > before.rfind(")"):
        closed = after.find(")")
        inside = before[opened + 1:] + match.group() + (after[:closed] if closed >= 0 else "")
        if ":" in before[opened:] or (strict and re.fullmatch(r"[\d\s\-–,/]+", inside)):
            return True
    return bool(re.match(r"\)?[,.]?\s*(?:pp?\.|vol\.|no\.)", after, re.IGNORECASE) or _PUBLISHER.search(before))
