"""What in a source's text could be a claim: dates, sums with a unit and gazetteer names, by sentence.

``suggest_claims(ledger, source_id)`` scans the text a source holds (or some of its lines) and
gives one ``Candidate`` per value found: the sentence as the quote (at most 40 words around
the value), its locator, the value as written and as read, the subjects and properties whose
words the sentence shares (ranked), whether a claim of the source already quotes the
sentence, and a hint of whom the sentence rests on ("according to X", a footnote citing a
source of the ledger).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sourcecrit.anchoring import TextIndex, footnotes
from sourcecrit.ledger.readings import reading_contexts, source_convention
from sourcecrit.values import ValueProblem, value_type
from sourcecrit.verify import held_text  # the same rule of which text a source holds

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

__all__ = ["Candidate", "SuggestError", "candidate_records", "suggest_claims"]

MAX_WORDS = 40
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?|"
           "Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık|"
           "Kânunusani|Kanunusani|Teşrinievvel|Teşrinisani|Kânunuevvel|Kanunuevvel")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:[-–]|or)\s*\d{1,2}(?:st|nd|rd|th)?)?"
_YEAR = r"1[5-9]\d\d"
_CALENDAR = r"(?:\s*(?:\(?(?:OS|O\.S\.|NS|N\.S\.|Old Style|New Style|Rumi|AH)\)?))?"
_DATE = re.compile(
    rf"(?:(?:about|around|circa|c\.|early|mid|late|before|after|by)\s+)?(?:"
    rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{_MONTHS}),?\s+{_YEAR}{_CALENDAR}"
    rf"|(?:{_MONTHS})\s+{_DAY},?\s+{_YEAR}{_CALENDAR}"
    rf"|(?:{_MONTHS}),?\s+{_YEAR}{_CALENDAR}"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|(?:{_MONTHS})\s+{_DAY}\b"
    rf"|(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}"
    rf"|(?<![-–])(?<![-–]\s){_YEAR}(?!\s*[-–]\s*\d)(?=\b))", re.IGNORECASE)
_NUMBER = r"(?:\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|half a)"
_SCALE = r"(?:\s+(?:million|thousand|billion|hundred)s?)?"
_SENTENCE_END = re.compile(r"(?<![ (][A-Z]\.)(?<=[.!?])[\"”’)\d]*\s+(?=[\"“‘(]?[A-Z0-9ÇĞİÖŞÜ])")
_CALL = re.compile(r"(?<=[^\W\d])[.,;:\"”’)]{0,2}(\d{1,3})(?=\s|$)")
_ATTRIBUTION = (
    re.compile(r"\b(?:according to|as reported by|in the words of|as told by)"
               r"(?:\s+the\s+(?:memoirs?|letters?|reports?|diary|account|book|telegrams?|recollections)\s+of)?"
               r"\s+((?:[A-Z][\w’'.-]*\s?){1,4})", re.IGNORECASE),
    re.compile(r"\b((?:[A-Z][\w’'.-]*\s){0,2}[A-Z][\w’'-]+)\s+(?:writes|wrote|says|said|states|stated|claims|claimed|"
               r"recalls|recalled|reports|reported|notes|noted|argues|argued|remembers|remembered)\b"),
)
# words by which a sentence says it is not sure: offered as the claim's hedges, as written
_HEDGES = re.compile(r"\b(?:it is said|it was said|reportedly|allegedly|supposedly|probably|possibly|perhaps|apparently|"
                     r"it seems|seems to|might have|may have|must have|is believed|was believed|general consensus|"
                     r"according to some|rumou?red|presumably|assumes?|about|approximately)\b|\([^()]{0,20}\?\)",
                     re.IGNORECASE)
_STOP = frozenset("""the and that this with from which were was have had been their they there them into than then
 also for not but are his her its our who whom what when where while would could should about after before over under
 between during until upon only other such some more most many much very even both each were will shall""".split())
_WORDS = re.compile(r"[^\W\d_]{4,}")
# a sentence that cites a book or an article: only its full dates (an issue of a paper) may be claims
_REFERENCE = re.compile(r"\([^()]*:[^()]*\b1[5-9]\d\d\)|\bpp?\.\s*\d|\bibid\b|\bop\. cit\b", re.IGNORECASE)
# a sentence naming one person or place is a claim when something happens there: a meeting, a journey, a signature
_EVENT = re.compile(r"\b(?:met|meet|meeting|meetings|signed|arrived|arrival|came|went|sent|visited|held|received|left|"
                    r"returned|reached|negotiat\w*|talks|congress|conference|treaty|agreement|captured|occupied|entered|born|died|killed)\b",
                    re.IGNORECASE)


class SuggestError(Exception):
    """A source that cannot be scanned: unknown, or holding no readable text."""


@dataclass
class Candidate:
    """A value found in a sentence of a source's text, and what might be claimed with it."""

    source: str
    kind: str  # the value type: date, quantity or entities
    written: Any
    read: str  # the value as read, described; or why it does not read
    quote: str
    line: int
    note: int | None
    start: int  # the sentence's offsets in the text
    end: int
    guesses: list[tuple[str, str, float]] = field(default_factory=list)  # (subject, property, score), best first
    recorded: list[str] = field(default_factory=list)  # claims of the source whose quote overlaps the sentence
    attribution: str | None = None
    attributed_to: str | None = None  # a source of the ledger the sentence rests on, when a footnote names its author
    hedges: list[str] = field(default_factory=list)

    @property
    def locator(self) -> str:
        return f"footnote {self.note}, line {self.line}" if self.note is not None else f"line {self.line}"


def suggest_claims(ledger: "Ledger", source_id: str, lines: tuple[int, int] | None = None) -> list[Candidate]:
    """Every candidate claim in ``source_id``'s text (only in ``lines``, first to last, when given), in text order."""
    held = held_text(ledger, source_id)
    if held is None:
        raise SuggestError(f"source '{source_id}' holds no text the ledger can read" if source_id in ledger.sources
                           else f"there is no source '{source_id}' in the ledger")
    index = TextIndex(held[2].read_text(encoding="utf-8", errors="replace"))
    scanner = _Scanner(ledger, source_id, index)
    found = []
    for start, end, note in _sentences(index, lines):
        found += scanner.candidates(start, end, note)
    return found


def _sentences(index: TextIndex, lines: tuple[int, int] | None) -> list[tuple[int, int, int | None]]:
    """The sentences of the text, as offsets and the footnote they stand in; a footnote's lines
    are sentences of their own, not part of the body sentence they interrupt."""
    text, starts = index.text, index.line_starts
    first, last = lines or (1, len(starts))
    segments: list[tuple[int, int, int | None]] = []
    for number in range(max(1, first), min(last, len(starts)) + 1):
        begin = starts[number - 1]
        end = starts[number] if number < len(starts) else len(text)
        note = index.note_at(number)
        if segments and segments[-1][2] == note and segments[-1][1] == begin:
            segments[-1] = (segments[-1][0], end, note)
        else:
            segments.append((begin, end, note))
    found = []
    for begin, end, note in segments:
        cut = begin
        for match in _SENTENCE_END.finditer(text, begin, end):
            found.append((cut, match.start(), note))
            cut = match.end()
        found.append((cut, end, note))
    return [(s, e, n) for s, e, n in found if text[s:e].strip()]


class _Scanner:
    """What a source's sentences are matched against: the ledger's units, names, facts and claims."""

    def __init__(self, ledger: "Ledger", source_id: str, index: TextIndex) -> None:
        self.ledger, self.source, self.index = ledger, source_id, index
        self.context = reading_contexts(ledger)[source_convention(ledger, source_id)]
        units = sorted({n for u in ledger.units.values() for n in (u.label, *u.variants) if len(n) > 1}, key=len, reverse=True)
        self.quantity = re.compile(
            rf"(?:(?:about|some|nearly|around|over|more than|at least|up to|almost)\s+)?{_NUMBER}{_SCALE}"
            rf"(?:\s*(?:-|–|to|or)\s*{_NUMBER}{_SCALE})?\s+(?:of\s+)?(?:{'|'.join(map(re.escape, units))})\b"
            if units else r"(?!)", re.IGNORECASE)
        names = sorted({n for e in ledger.entities.values() for n in (e.label, *e.variants) if len(n) > 2 and n[0].isupper()},
                       key=len, reverse=True)
        self.names = re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b" if names else r"(?!)")
        self.facts = _fact_words(ledger)
        self.recorded = self._recorded_spans()
        self.notes = footnotes(index.text)
        self.authors = {fam: s.id for s in ledger.sources.values() for fam in (a.family for a in (s.author or []) if a.family)
                        if s.id != source_id and len(fam) > 3}
        self.year = ""

    def _recorded_spans(self) -> list[tuple[int, int, str]]:
        spans = []
        for claim in self.ledger.claims.values():
            if claim.quote and self._of_source(claim.source):
                spans += [(a.start, a.end, claim.id) for a in self.index.anchors(claim.quote)]
        return spans

    def _of_source(self, source_id: str | None) -> bool:
        seen = set()
        while source_id and source_id not in seen:
            if source_id == self.source:
                return True
            seen.add(source_id)
            source = self.ledger.sources.get(source_id)
            source_id = source.contained_in if source else None
        return False

    def candidates(self, start: int, end: int, note: int | None) -> list[Candidate]:
        sentence = " ".join(self.index.text[start:end].split())
        if _REFERENCE.search(sentence):
            values = [v for v in self._dates(sentence) if re.search(r"\d{1,2}\D+\d{4}|\d{4}\D+\d{1,2}\b", v[1])]
        else:
            values = self._dates(sentence) + self._quantities(sentence) + self._entities(sentence)
        if not values:
            self.year = (re.findall(_YEAR, sentence) or [self.year])[-1]
            return []
        recorded = sorted({claim for s, e, claim in self.recorded if s < end and e > start})
        attribution, attributed_to = self._attribution(sentence)
        hedges = list(dict.fromkeys(m.group() for m in _HEDGES.finditer(sentence)))
        line = self.index.line_of(start + len(self.index.text[start:end]) - len(self.index.text[start:end].lstrip()))
        found = []
        for kind, written, at in values:
            read = self._read(kind, written)
            candidate = Candidate(self.source, kind, written, read, _trimmed(sentence, at), line, note, start, end,
                                  recorded=recorded, attribution=attribution, attributed_to=attributed_to,
                                  hedges=[h for h in hedges if h not in str(written)])
            candidate.guesses = _guesses(self.facts, sentence, kind)
            found.append(candidate)
        self.year = (re.findall(_YEAR, sentence) or [self.year])[-1]
        return found

    def _dates(self, sentence: str) -> list[tuple[str, Any, int]]:
        found = []
        for match in _DATE.finditer(sentence):
            written = re.sub(r"^the\s+", "", match.group().rstrip(","), flags=re.IGNORECASE)
            written = re.sub(r"(?<=\d)(st|nd|rd|th)?\s+of\s+", r"\1 ", written)
            written = " ".join(written.split())  # "the 17th of June 1919" read as "17th June 1919"
            if not re.search(r"\d", written) or _cited_edition(sentence, match):
                continue
            if not re.search(_YEAR, written):  # "22 March": the sentence's year, else that of the sentences before
                year = _year_near(sentence, match) or self.year
                written = f"{written} {year}" if year else written
            found.append(("date", written, match.start()))
        return found

    def _quantities(self, sentence: str) -> list[tuple[str, Any, int]]:
        return [("quantity", m.group(), m.start()) for m in self.quantity.finditer(sentence)]

    def _entities(self, sentence: str) -> list[tuple[str, Any, int]]:
        by_entity: dict[str, str] = {}  # one name an entity, the first written ("Budyenny (also spelled Budennii)")
        for match in self.names.finditer(sentence):
            by_entity.setdefault(self._entity_of(match.group()), match.group())
        names = list(by_entity.values())
        if not names or (len(names) == 1 and not _EVENT.search(sentence)):
            return []
        return [("entities", names if len(names) > 1 else names[0], sentence.find(names[0]))]

    def _entity_of(self, name: str) -> str:
        try:
            return self.ledger.gazetteer.resolve(name) or name
        except ValueProblem:  # a name of several entities: itself
            return name

    def _read(self, kind: str, written: Any) -> str:
        try:
            type_ = value_type(kind)
            return type_.describe(type_.parse(written, self.context))
        except ValueProblem as problem:
            return f"? {problem}"

    def _attribution(self, sentence: str) -> tuple[str | None, str | None]:
        """A hint of whom the sentence rests on, and the source of the ledger it names when only one."""
        for pattern in _ATTRIBUTION:
            match = pattern.search(sentence)
            if match and match.group(1).split()[0].lower() not in _STOP | {"it", "he", "she", "we", "this"}:
                return f"'{match.group().strip()}'", None
        for call in _CALL.finditer(sentence):
            span = self.notes.get(int(call.group(1)))
            if span is None:
                continue
            text = "\n".join(self.index.text.split("\n")[span[0] - 1:span[1]])
            cited = sorted({source for family, source in self.authors.items() if family in text})
            if cited:
                return f"footnote {call.group(1)} cites {', '.join(cited)}", cited[0] if len(cited) == 1 else None
        return None, None


def _year_near(sentence: str, match: re.Match) -> str | None:
    """The year a date without one most likely means: the next year written in its sentence ("23 August
    to 12 September 1921"), else the last one before it."""
    after = re.search(rf"\b{_YEAR}\b", sentence[match.end():])
    before = re.findall(rf"\b{_YEAR}\b", sentence[:match.start()])
    return after.group() if after else (before[-1] if before else None)


def _cited_edition(sentence: str, match: re.Match) -> bool:
    """Whether a bare year is the year of a cited book or article ("(London: Macmillan, 1951)", "1992, p. 14")."""
    if not re.fullmatch(_YEAR, match.group()):
        return False
    before, after = sentence[:match.start()], sentence[match.end():]
    opened = before.rfind("(") > before.rfind(")")
    return (opened and ":" in before[before.rfind("("):]) or bool(re.match(r"\)?[,.]?\s*(?:pp?\.|vol\.|no\.)", after))


def _trimmed(sentence: str, at: int) -> str:
    """The sentence, or the MAX_WORDS of it around the character ``at``."""
    words = sentence.split(" ")
    if len(words) <= MAX_WORDS:
        return sentence
    where = sentence[:at].count(" ")
    first = min(max(0, where - MAX_WORDS // 2), len(words) - MAX_WORDS)
    return " ".join(words[first:first + MAX_WORDS])


def _fact_words(ledger: "Ledger") -> dict[tuple[str, str], tuple[str, Counter]]:
    """Each fact (subject, property) with its property's type and the words of its labels and claims' quotes."""
    facts: dict[tuple[str, str], tuple[str, Counter]] = {}
    for claim in ledger.claims.values():
        prop = ledger.properties.get(claim.property)
        subject = ledger.subjects.get(claim.subject)
        if prop is None or subject is None:
            continue
        key = (claim.subject, claim.property)
        if key not in facts:
            facts[key] = (prop.type, Counter(_words(f"{subject.label} {prop.label or ''}")))
        facts[key][1].update(_words(claim.quote or ""))
    return facts


def _words(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORDS.finditer(text)) if w not in _STOP}


def _guesses(facts: dict[tuple[str, str], tuple[str, Counter]], sentence: str, kind: str) -> list[tuple[str, str, float]]:
    """The facts of this kind of value whose words the sentence shares, rarer words weighing more; best three."""
    words = _words(sentence)
    spread = Counter(w for _, bag in facts.values() for w in bag)
    scored = []
    for (subject, prop), (type_, bag) in facts.items():
        if type_ != kind:
            continue
        shared = [w for w in words if w in bag]
        score = sum(math.log(1 + len(facts) / spread[w]) for w in shared)
        if score >= 4.0 or len(shared) >= 2:  # one rare word, or two of any kind (a small ledger has no rare words)
            scored.append((subject, prop, round(score, 1)))
    scored.sort(key=lambda guess: -guess[2])
    return scored[:3]


def candidate_records(candidates: list[Candidate]) -> list[dict[str, Any]]:
    """Claim records ready to paste (``recorded_by`` left for the user), ids proposed and unique."""
    records, used = [], set()
    for c in candidates:
        subject, prop = (c.guesses[0][0], c.guesses[0][1]) if c.guesses else ("?", "?")
        base = f"{c.source}-{subject if subject != '?' else c.kind}-{c.line}"
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        records.append({"id": ident, "subject": subject, "property": prop, "value": c.written, "locator": c.locator,
                        "quote": c.quote, **({"attributed_to": c.attributed_to} if c.attributed_to else {}),
                        **({"hedges": c.hedges} if c.hedges else {}),
                        **({"note": f"attribution: {c.attribution}"} if c.attribution else {})})
    return records
