"""What in a source's text could be a claim: dates, sums with a unit, gazetteer names and the
options of choice properties, by sentence.

``suggest_claims(ledger, source_id)`` scans the text a source holds (or some of its lines) and
gives one ``Candidate`` per value found: the sentence as the quote (at most 40 words around
the value), its locator, the value as written and as read, the subjects and properties whose
words the sentence shares (ranked), whether a claim of the source already quotes the
sentence, and a hint of whom the sentence rests on ("according to X", a footnote citing a
source of the ledger). A text several sources read is scanned once: each line under the
source that holds it (``sharing``), the others named.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from sourcecrit.anchoring import TextIndex, footnotes
from sourcecrit.ledger.readings import reading_contexts, source_convention
from sourcecrit.names import fold as _fold
from sourcecrit.suggest_claims.choices import ChoiceWords, choice_words
from sourcecrit.suggest_claims.dates import REFERENCE, YEAR, FoundDate, LentYear, dates_in, narrative_years
from sourcecrit.suggest_claims.sentences import Sentence, sentences
from sourcecrit.suggest_claims.sharing import SharedText
from sourcecrit.values import ValueProblem, value_type
from sourcecrit.verify import held_text  # the same rule of which text a source holds

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

__all__ = ["Candidate", "Sentence", "SuggestError", "candidate_records", "sentences", "suggest_claims"]

MAX_WORDS = 40
_NUMBER = r"(?:\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|half a)"
_SCALE = r"(?:\s+(?:million|thousand|billion|hundred)s?)?"
_CALL = re.compile(r"(?<=[^\W\d])[.,;:\"”’)]{0,2}(\d{1,3})(?=\s|$)")
_ATTRIBUTION = (
    re.compile(r"\b(?:according to|as reported by|in the words of|as told by)"
               r"(?:\s+the\s+(?:memoirs?|letters?|reports?|diary|account|book|telegrams?|recollections)\s+of)?"
               r"\s+((?:[A-Z][\w’'.-]*\s?){1,4})", re.IGNORECASE),
    re.compile(r"\b((?:[A-Z][\w’'.-]*\s){0,2}[A-Z][\w’'-]+)\s+(?:writes|wrote|says|said|states|stated|claims|claimed|"
               r"recalls|recalled|reports|reported|notes|noted|argues|argued|remembers|remembered)\b"),
)
# words by which a sentence says it is not sure: offered as the claim's hedges, as written
# "about" hedges a figure or a date ("about 300", "about a million", "about May 1920"), not a topic
# ("concerned about the Entente", "talks about Batum")
_ABOUT_WHAT = (r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
               r"sixty|seventy|eighty|ninety|hundred|thousand|million|half|a\s+(?:dozen|score|hundred|thousand|million|half)|"
               r"January|February|March|April|May|June|July|August|September|October|November|December|"
               r"the\s+(?:middle|end|beginning|turn)|mid|early|late)")
_HEDGES = re.compile(r"\b(?:it is said|it was said|reportedly|allegedly|supposedly|probably|possibly|perhaps|apparently|"
                     r"it seems|seems to|might have|may have|must have|is believed|was believed|general consensus|"
                     r"according to some|rumou?red|presumably|assumes?|approximately|about(?=\s+" + _ABOUT_WHAT + r"))\b"
                     r"|\([^()]{0,20}\?\)", re.IGNORECASE)
_STOP = frozenset("""the and that this with from which were was have had been their they there them into than then
 also for not but are his her its our who whom what when where while would could should about after before over under
 between during until upon only other such some more most many much very even both each were will shall""".split())
_WORDS = re.compile(r"[^\W\d_]{4,}")
# a sentence naming one person or place is a claim when something happens there: a meeting, a journey, a signature
_EVENT = re.compile(r"\b(?:met|meet|meeting|meetings|signed|arrived|arrival|came|went|sent|visited|held|received|left|"
                    r"returned|reached|negotiat\w*|talks|congress|conference|treaty|agreement|captured|occupied|entered|born|died|killed)\b",
                    re.IGNORECASE)


class SuggestError(Exception):
    """A source that cannot be scanned: unknown, holding no readable text, or none of whose lines
    are its own (another source reading the same file is suggested them)."""


@dataclass
class Candidate:
    """A value found in a sentence of a source's text, and what might be claimed with it."""

    source: str
    kind: str  # the value type: date, quantity, entities or choice
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
    year_from: str | None = None  # a date's year the sentence does not write: "1920 from line 2799"
    also_in: list[str] = field(default_factory=list)  # the other sources that read the same lines of the same file

    @property
    def locator(self) -> str:
        return f"footnote {self.note}, line {self.line}" if self.note is not None else f"line {self.line}"


def suggest_claims(ledger: "Ledger", source_id: str, lines: tuple[int, int] | None = None) -> list[Candidate]:
    """Every candidate claim in ``source_id``'s text (only in ``lines``, first to last, when given;
    else in the lines its ``locator`` declares), in text order. In a text several sources read,
    only the lines suggested under this source (see ``sharing``)."""
    held = held_text(ledger, source_id)
    if held is None:
        raise SuggestError(f"source '{source_id}' holds no text the ledger can read" if source_id in ledger.sources
                           else f"there is no source '{source_id}' in the ledger")
    index = TextIndex(held[2].read_text(encoding="utf-8", errors="replace"))
    shared = SharedText.of(ledger, held[2].resolve())
    first, last = lines or shared.lines.get(source_id) or (1, len(index.line_starts))
    wanted = range(max(1, first), min(last, len(index.line_starts)) + 1)
    numbers = [n for n in wanted if shared.owner(n) in (None, source_id)]
    if wanted and not numbers:
        owners = ", ".join(sorted({shared.owner(n) or "" for n in wanted}))
        raise SuggestError(f"lines {wanted[0]}-{wanted[-1]} of {held[1]} are suggested under {owners}, which reads the same "
                           f"file; to suggest lines under '{source_id}', declare them as its locator (locator: lines FIRST-LAST)")
    scanner = _Scanner(ledger, source_id, index, shared)
    found = []
    for sentence in sentences(index, numbers):
        found += scanner.candidates(sentence)
    return found


class _Value(NamedTuple):
    """A value found in a sentence: its type, as written, where, and what the scan knows of it."""

    kind: str
    written: Any
    at: int
    property: str | None = None  # the property it can only be of (a choice's)
    year_from: str | None = None
    read: str | None = None  # as read, when the scan reads it itself


class _Scanner:
    """What a source's sentences are matched against: the ledger's units, names, facts and claims."""

    def __init__(self, ledger: "Ledger", source_id: str, index: TextIndex, shared: SharedText) -> None:
        self.ledger, self.source, self.index, self.shared = ledger, source_id, index, shared
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
        self.choices: list[ChoiceWords] = choice_words(ledger)
        self.lent: dict[int | None, LentYear | None] = {}  # by footnote (None: the body), the year its paragraph lends

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

    def candidates(self, at: Sentence) -> list[Candidate]:
        start, end, note = at.start, at.end, at.note
        raw = self.index.text[start:end]
        sentence = " ".join(raw.split())
        line = self.index.line_of(start + len(raw) - len(raw.lstrip()))
        if at.opens_paragraph:
            self.lent[note] = None
        if REFERENCE.search(sentence):  # a citation: only its full dates (an issue of a paper)
            values = [v for v in self._dates(sentence, note, line)
                      if v.year_from is None and re.search(rf"\d{{1,2}}\D+{YEAR}|{YEAR}\D+\d{{1,2}}\b", v.written)]
        else:
            values = (self._dates(sentence, note, line) + self._quantities(sentence) + self._entities(sentence)
                      + self._choices(sentence))
        self._lend_years(sentence, note, line)
        if not values:
            return []
        recorded = sorted({claim for s, e, claim in self.recorded if s < end and e > start})
        attribution, attributed_to = self._attribution(sentence)
        hedges = list(dict.fromkeys(m.group() for m in _HEDGES.finditer(sentence)))
        also_in = [s for s in self.shared.readers(line) if s != self.source]
        found = []
        for value in values:
            candidate = Candidate(self.source, value.kind, value.written, value.read or self._read(value.kind, value.written),
                                  _trimmed(sentence, value.at), line, note, start, end,
                                  recorded=recorded, attribution=attribution, attributed_to=attributed_to,
                                  hedges=[h for h in hedges if h not in str(value.written)], year_from=value.year_from,
                                  also_in=also_in)
            candidate.guesses = _guesses(self.facts, sentence, value.kind, value.property)
            if value.kind == "choice" and candidate.guesses[0][0] == "?" and not self._first_of(value.property):
                continue  # an option's word alone ("no", "Armenia", "Russian") is no claim: the sentence must speak of a fact of it
            found.append(candidate)
        return found

    def _first_of(self, prop: str | None) -> bool:
        """Whether ``prop`` is a property no claim has used yet: with no fact of it to fit, any
        sentence wording one of its options is offered. Once the ledger records facts of it, only
        a sentence that fits one of them is."""
        return prop is not None and not any(key[1] == prop for key in self.facts)

    def _lend_years(self, sentence: str, note: int | None, line: int) -> None:
        """The year the next sentences of the paragraph may borrow: the one this sentence narrates;
        none when it narrates several (which one a later date means is not sure)."""
        years = narrative_years(sentence)
        if years:
            self.lent[note] = LentYear(years[0], line) if len(years) == 1 else None

    def _dates(self, sentence: str, note: int | None, line: int) -> list[_Value]:
        return [_Value("date", d.written, d.at, year_from=d.borrowed, read=_unsure(d)) for d in
                dates_in(sentence, self.lent.get(note), line)]

    def _choices(self, sentence: str) -> list[_Value]:
        found = []
        for words in self.choices:
            for option, word, at in words.found(sentence):
                written = word if words.options.get(_fold(word)) else option  # as the document spells it: folded when read
                read = option if _fold(word) == _fold(option) else f"{option} (as '{word}')"
                found.append(_Value("choice", written, at, property=words.property, read=read))
        return found

    def _quantities(self, sentence: str) -> list[_Value]:
        return [_Value("quantity", m.group(), m.start()) for m in self.quantity.finditer(sentence)]

    def _entities(self, sentence: str) -> list[_Value]:
        by_entity: dict[str, str] = {}  # one name an entity, the first written ("Budyenny (also spelled Budennii)")
        for match in self.names.finditer(sentence):
            by_entity.setdefault(self._entity_of(match.group()), match.group())
        names = list(by_entity.values())
        if not names or (len(names) == 1 and not _EVENT.search(sentence)):
            return []
        return [_Value("entities", names if len(names) > 1 else names[0], sentence.find(names[0]))]

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


def _unsure(found: FoundDate) -> str | None:
    """What a date reads as when its year could not be lent; None to read it as written."""
    return f"? no year: {found.unsure}" if found.unsure else None


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


def _guesses(facts: dict[tuple[str, str], tuple[str, Counter]], sentence: str, kind: str,
             only: str | None = None) -> list[tuple[str, str, float]]:
    """The facts of this kind of value (of the property ``only`` when given) whose words the sentence
    shares, rarer words weighing more; best three. For ``only``, an unknown subject of it when none fits."""
    words = _words(sentence)
    spread = Counter(w for _, bag in facts.values() for w in bag)
    scored = []
    for (subject, prop), (type_, bag) in facts.items():
        if type_ != kind or (only is not None and prop != only):
            continue
        shared = [w for w in words if w in bag]
        score = sum(math.log(1 + len(facts) / spread[w]) for w in shared)
        if score >= 4.0 or len(shared) >= 2:  # one rare word, or two of any kind (a small ledger has no rare words)
            scored.append((subject, prop, round(score, 1)))
    scored.sort(key=lambda guess: -guess[2])
    return scored[:3] or ([("?", only, 0.0)] if only else [])


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
                        **({"note": note} if (note := _record_note(c)) else {})})
    return records


def _record_note(candidate: Candidate) -> str:
    """What the record's note tells the historian to check: attribution, a borrowed year, other readers of the text."""
    said = [f"attribution: {candidate.attribution}" if candidate.attribution else "",
            f"year {candidate.year_from} (not in the quote)" if candidate.year_from else "",
            f"the same text is also read by {', '.join(candidate.also_in)}" if candidate.also_in else ""]
    return "; ".join(s for s in said if s)
