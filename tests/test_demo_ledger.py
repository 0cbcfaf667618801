"""The bundled demo ledger stays honest: every claim's quote, locator and value match the
documents in ``../shared/seeds/``.

The rules, in the order a claim is checked:

(a) The quote is in the text the source's record holds (``text``; a source printed inside
    another, ``contained_in``, is searched in its container's text). Line breaks, blank
    lines and runs of whitespace count as one space; a hyphen at the end of a line may be
    read as hyphenation (joined) or as a hyphen (kept); typographic quotes and apostrophes
    are read as plain ones. Nothing else is forgiven: case, spelling and punctuation must
    be the document's. Footnotes of the thesis are printed between the lines of its body
    (extracted from a PDF), so a quote may also be found in the body with the footnote
    lines lifted out, or inside one footnote. A quote has at most 40 words.

(b) The locator finds the place. ``line N`` / ``lines N-M``: the quote starts within
    ``LINE_WINDOW`` (3) lines of N (of N..M for a range); the thesis has a blank line
    between lines of text, so that is one line of text either way. ``footnote N`` /
    ``note N``: the quote lies inside that note's text (a thesis footnote begins on a line
    that starts with its number, the next number in sequence; an endnote of Akalın or
    Hasanly begins with ``[N]``); a line given as well must also be within the window. A
    locator of a held source that names neither a line nor a note fails.

    Each hedge the claim records is written in the quote, or in the 2 x LINE_WINDOW lines
    before it, where the sentence that governs the quote begins ("the general consensus is
    that ...").

(c) The value is what the quote says.
    - date: every day, month, season and year of the value (each option of "22 or 23",
      both ends of a span, the date of a bound) is written in the quote: the day as a
      number (``16``, ``16th``), the month by its English or Turkish name, the season by
      its name (autumn or fall), the year in digits (a footnote mark run on, "192013",
      does not hide it). An Old Style value is checked against its Old Style figures as
      written. What the quote does not give must be explained in the claim's ``note``:
      a missing year by "Year YYYY from the context"; anything else by a note that begins
      "Derived:" and says from what.
    - quantity: the low and high numbers of the value are written in the quote, in digits
      ("60,000", "3.5", "3,5") or in words ("one million and a hundred", "half a
      million", "two or three thousand"), unless the note begins "Derived:".
    - entities: every name is written as the document spells it: the name as the claim
      writes it is in the quote, case and all (a gazetteer id is not a spelling; the
      gazetteer maps the spelling to its entity). A list cut short by the 40-word limit
      is not allowed: record the rest as another claim. A name the quote only refers to
      ("the Bolshevik delegation") is allowed when the note begins "Derived:" and names it.
    - text: the value is in the quote.
    - choice: each option as the claim writes it (the option or one of its variants) is a
      word of the quote, unless the note begins "Derived:".

Exemptions: none. When ``../shared/seeds`` is missing beside the repository, every test
here is skipped and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from sourcecrit.cli import main
from sourcecrit import load_ledger
from sourcecrit.values.date import Bound, OneOf, SimpleDate, Span
from sourcecrit.values.quantity import Quantity

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
LINE_WINDOW = 3
MAX_WORDS = 40

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the demo's source texts are not here: ../shared/seeds not found beside the repository ({SEEDS})",
)

# ---------------------------------------------------------------- the texts


@dataclass
class Stream:
    """Normalised text with, for every character, the line of the file it came from."""

    text: str = ""
    lines: list[int] = field(default_factory=list)

    def add(self, chunk: str, line: int) -> None:
        self.text += chunk
        self.lines.extend([line] * len(chunk))


_TYPOGRAPHIC = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


def normalise(text: str) -> str:
    """A quote as compared: typographic quotes plain, whitespace runs one space."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def stream_of(numbered: list[tuple[int, str]], dehyphenate: bool) -> Stream:
    """Join numbered lines into one stream; a line-end hyphen is joined away when asked."""
    out = Stream()
    pending_space = False
    for number, raw in numbered:
        line = " ".join(raw.translate(_TYPOGRAPHIC).split())
        if not line:
            continue
        if pending_space and out.text:
            out.add(" ", number)
        if dehyphenate and re.search(r"\w-$", line):
            out.add(line[:-1], number)
            pending_space = False
        else:
            out.add(line, number)
            pending_space = True
    return out


@dataclass
class HeldText:
    """A seed document: its lines, its notes, and the streams a quote is searched in."""

    lines: list[str]
    notes: dict[int, list[tuple[int, str]]]
    streams: list[tuple[str, Stream]]  # (what it is, stream)

    def note_streams(self, number: int) -> list[Stream]:
        numbered = self.notes.get(number, [])
        return [stream_of(numbered, d) for d in (False, True)]


def find_notes(lines: list[str]) -> dict[int, list[tuple[int, str]]]:
    """Notes by number: bracketed endnotes ``[N]`` if any, else numbered footnote lines."""
    bracketed = [i for i, line in enumerate(lines) if re.match(r"^\[\d+\]", line)]
    if bracketed:
        return _endnotes(lines, bracketed)
    return _footnotes(lines)


def _endnotes(lines: list[str], starts: list[int]) -> dict[int, list[tuple[int, str]]]:
    notes = {}
    for i in starts:
        number = int(re.match(r"^\[(\d+)\]", lines[i]).group(1))
        body = [(i + 1, lines[i])]
        for j in range(i + 1, len(lines)):
            if lines[j] and not lines[j][0].isspace():
                break
            body.append((j + 1, lines[j]))
        notes[number] = body
    return notes


def _footnotes(lines: list[str]) -> dict[int, list[tuple[int, str]]]:
    """Footnotes of a PDF extraction: N starts a line (the next number in sequence) and runs
    until a blank line, a line that starts with a space (the body resumes) or footnote N+1."""
    notes: dict[int, list[tuple[int, str]]] = {}
    expected, current = 1, None
    for i, line in enumerate(lines):
        start = re.match(r"^(\d{1,3})(?!\d)", line)
        number = int(start.group(1)) if start else 0
        # the extraction lost a few footnotes (80-83): a later number starts a note too,
        # where a footnote can stand (not on a body line, which follows a blank line)
        if number == expected or (expected < number <= expected + 9 and i and lines[i - 1] != ""):
            current, expected = number, number + 1
            notes[current] = [(i + 1, line[len(start.group(1)):])]
        elif current is not None and line.strip() and not line[0].isspace():
            notes[current].append((i + 1, line))
        else:
            current = None
    return notes


@lru_cache(maxsize=None)
def held_text(path: Path) -> HeldText:
    lines = path.read_text(encoding="utf-8").split("\n")
    notes = find_notes(lines)
    numbered = list(enumerate(lines, 1))
    in_notes = {n for body in notes.values() for n, _ in body}
    body = [(n, line) for n, line in numbered if n not in in_notes]
    streams = []
    for what, part in (("text", numbered), ("body without footnotes", body)):
        for dehyphenate in (False, True):
            streams.append((what, stream_of(part, dehyphenate)))
    return HeldText(lines, notes, streams)


# ---------------------------------------------------------------- locators


@dataclass
class Locator:
    line_from: int | None = None
    line_to: int | None = None
    note: int | None = None


def read_locator(locator: str | None) -> Locator:
    found = Locator()
    if not locator:
        return found
    note = re.search(r"\b(?:foot)?note (\d+)", locator)
    if note:
        found.note = int(note.group(1))
    lines = re.search(r"\blines? (\d+)(?:\s*[-–]\s*(\d+))?", locator)
    if lines:
        found.line_from = int(lines.group(1))
        found.line_to = int(lines.group(2) or lines.group(1))
    return found


def starts(stream: Stream, quote: str) -> list[int]:
    """The lines on which ``quote`` starts in ``stream``, every occurrence."""
    found, at = [], stream.text.find(quote)
    while at >= 0:
        found.append(stream.lines[at])
        at = stream.text.find(quote, at + 1)
    return found


def near(line: int, where: Locator) -> bool:
    return where.line_from - LINE_WINDOW <= line <= where.line_to + LINE_WINDOW


# ---------------------------------------------------------------- numbers and dates in words

MONTHS = {
    1: ["January", "Ocak", "Kânunusani", "Kanunusani"],
    2: ["February", "Şubat"],
    3: ["March", "Mart"],
    4: ["April", "Nisan"],
    5: ["May", "Mayıs"],
    6: ["June", "Haziran"],
    7: ["July", "Temmuz"],
    8: ["August", "Ağustos"],
    9: ["September", "Eylül"],
    10: ["October", "Ekim", "Teşrinievvel"],
    11: ["November", "Kasım", "Teşrinisani"],
    12: ["December", "Aralık", "Kânunuevvel", "Kanunuevvel"],
}
SEASONS = {"spring": ["spring"], "summer": ["summer"], "autumn": ["autumn", "fall"],
           "winter": ["winter"]}
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
SCALES = {"thousand": 1_000, "thousands": 1_000, "million": 1_000_000, "millions": 1_000_000}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+|[-–]")


def _digits(token: str) -> float:
    if re.fullmatch(r"\d{1,3}(,\d{3})+", token):
        return float(token.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", token):  # 1.750.000, European thousands
        return float(token.replace(".", ""))
    return float(token.replace(",", "."))  # 3,5 and 3.5


def numbers_in(quote: str) -> set[float]:
    """Every number the quote writes, in digits or words, with thousands and millions applied
    (a range "two or three thousand", "10-15 thousand" scales both ends)."""
    tokens = _TOKEN.findall(quote.replace("half a million", "0.5 million"))
    found: set[float] = set()
    values: list[tuple[int, float]] = []  # (token index, value) of each number read
    i = 0
    while i < len(tokens):
        word = tokens[i].lower()
        if tokens[i][0].isdigit():
            value, i = _digits(tokens[i]), i + 1
        elif word in UNITS or word in TENS or (word == "a" and i + 1 < len(tokens)
                                                  and tokens[i + 1].lower() in ("hundred", *SCALES)):
            value, i = _words(tokens, i)
        else:
            i += 1
            continue
        while i < len(tokens) and tokens[i].lower() in SCALES:
            value, i = value * SCALES[tokens[i].lower()], i + 1
        values.append((i, value))
        found.add(value)
    # a range whose scale is written once: "two or three thousand", "10-15 thousand"
    for (end_a, a), (end_b, b) in zip(values, values[1:]):
        between = [t.lower() for t in tokens[end_a:end_b - 1]]
        if a < b and b >= 1000 and between and between[0] in ("or", "to", "-", "–"):
            for scale in (1_000, 1_000_000):
                if b % scale == 0 and b / scale < 1000:
                    found.add(a * scale)
    return found


def _words(tokens: list[str], i: int) -> tuple[float, int]:
    """Read an English number in words from ``tokens[i]`` on ("a hundred and fifty million")."""
    total, current, read_any = 0.0, 0.0, False
    while i < len(tokens):
        word = tokens[i].lower()
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "a" and i + 1 < len(tokens) and tokens[i + 1].lower() in ("hundred", *SCALES):
            current += 1
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES and read_any:
            total, current = total + (current or 1) * SCALES[word], 0.0
        elif word == "and" and read_any and i + 1 < len(tokens) and (
                tokens[i + 1].lower() in UNITS or tokens[i + 1].lower() in TENS or tokens[i + 1].lower() == "a"):
            pass
        else:
            break
        read_any = True
        i += 1
    return total + current, i


def has_day(quote: str, day: int) -> bool:
    return re.search(rf"(?<!\d)0?{day}(?:st|nd|rd|th)?(?!\d)", quote) is not None


def has_word(quote: str, words: list[str]) -> bool:
    """A word as a whole word; a footnote mark run on ("March222") does not hide it."""
    return any(re.search(rf"(?<![^\W\d]){re.escape(w)}(?![^\W\d])", quote, re.IGNORECASE) for w in words)


def has_year(quote: str, year: int) -> bool:
    return re.search(rf"(?<!\d){year}", quote) is not None


def simple_dates(value) -> list[SimpleDate]:
    if isinstance(value, SimpleDate):
        return [value]
    if isinstance(value, OneOf):
        return list(value.options)
    if isinstance(value, Span):
        return [value.start, value.end]
    if isinstance(value, Bound):
        return [value.date]
    return []


def date_problems(quote: str, value, note: str) -> list[str]:
    if note.startswith("Derived:"):
        return []
    missing = []
    for date in simple_dates(value):
        if date.day is not None and not has_day(quote, date.day):
            missing.append(f"day {date.day}")
        if date.month is not None and not has_word(quote, MONTHS[date.month]):
            missing.append(f"month {MONTHS[date.month][0]}")
        if date.season is not None and not has_word(quote, SEASONS[date.season]):
            missing.append(f"season {date.season}")
        if not has_year(quote, date.year) and f"year {date.year} from the context" not in note.lower():
            missing.append(f"year {date.year}")
    return sorted(set(missing))


def quantity_problems(quote: str, value: Quantity, note: str) -> list[str]:
    if note.startswith("Derived:"):
        return []
    written = numbers_in(quote)
    wanted = {value.low, value.high} - {float("inf"), float("-inf"), None}
    return [f"the number {n:,g}" for n in sorted(wanted) if not any(abs(n - w) < 1e-6 for w in written)]


def entity_problems(quote: str, written, note: str) -> list[str]:
    """Every name as the document spells it: written in the quote, or explained by the note."""
    missing = []
    for name in _written_names(written):
        if note.startswith("Derived:") and name in note:  # the note says whom the quote means
            continue
        if normalise(name) not in quote:
            missing.append(f"the name {name!r}")
    return missing


def choice_problems(quote: str, written, note: str) -> list[str]:
    """Each option as the claim writes it (the option or a variant) is a word of the quote,
    unless the note begins "Derived:" and says from what."""
    if note.startswith("Derived:"):
        return []
    words = [written] if isinstance(written, str) else list(written)
    return [w for w in words if not re.search(rf"\b{re.escape(w)}\b", quote, re.I)]


def _written_names(written) -> list[str]:
    if isinstance(written, str):
        return [written]
    if isinstance(written, list):
        return list(written)
    names = []
    for value in written.values():
        names.extend(_written_names(value))
    return names


# ---------------------------------------------------------------- the checks


@pytest.fixture(scope="module")
def demo():
    return load_ledger(REPO, use_cache=False)


def text_path(ledger, source_id: str) -> Path | None:
    source = ledger.sources.get(source_id)
    while source is not None and not source.text and source.contained_in:
        source = ledger.sources.get(source.contained_in)
    return (REPO / source.text).resolve() if source is not None and source.text else None


def quote_problems(claim, text: HeldText) -> list[str]:
    quote = normalise(claim.quote or "")
    if not quote:
        return ["no quote"]
    found = []
    if len(quote.split()) > MAX_WORDS:
        found.append(f"the quote has {len(quote.split())} words (at most {MAX_WORDS})")
    hits = [(what, line) for what, stream in text.streams for line in starts(stream, quote)]
    if not hits:
        return found + ["the quote is not in the text"]
    where = read_locator(claim.locator)
    if where.note is None and where.line_from is None:
        return found + [f"the locator {claim.locator!r} names neither a line nor a note"]
    if where.note is not None:
        in_note = [line for stream in text.note_streams(where.note) for line in starts(stream, quote)]
        if not in_note:
            found.append(f"the quote is not in note {where.note}")
        elif where.line_from is not None and not any(near(line, where) for line in in_note):
            found.append(f"in note {where.note} the quote starts on line(s) {sorted(set(in_note))}")
    elif not any(near(line, where) for _, line in hits):
        found.append(f"the quote starts on line(s) {sorted({line for _, line in hits})}, "
                     f"not within {LINE_WINDOW} lines of the locator")
    return found + hedge_problems(claim, quote, text, {line for _, line in hits})


def hedge_problems(claim, quote: str, text: HeldText, quote_starts: set[int]) -> list[str]:
    """Each hedge as the document writes it: in the quote, or in the lines just before it
    (2 x LINE_WINDOW), where the sentence that governs the quote begins."""
    missing = []
    for hedge in claim.hedges:
        wanted = normalise(hedge).casefold()
        before = (normalise(" ".join(text.lines[max(0, start - 1 - 2 * LINE_WINDOW):start])).casefold()
                  for start in quote_starts)
        if wanted not in quote.casefold() and not any(wanted in passage for passage in before):
            missing.append(f"the hedge {hedge!r} is not written in or just before the quote")
    return missing


def value_problems(claim, ledger) -> list[str]:
    value = ledger.values.get(claim.id)
    if value is None:
        return ["the value was not read"]
    quote, note = normalise(claim.quote or ""), claim.note or ""
    kind = ledger.value_type_name(claim)
    if kind == "date":
        missing = date_problems(quote, value, note)
    elif kind == "quantity":
        missing = quantity_problems(quote, value, note)
    elif kind == "entities":
        missing = entity_problems(quote, claim.value, note)
    elif kind == "text":
        missing = [] if normalise(str(claim.value)).casefold() in quote.casefold() else ["the text"]
    elif kind == "choice":
        missing = choice_problems(quote, claim.value, note)
    else:
        missing = []
    return [f"value {claim.value!r}: the quote does not give {', '.join(missing)}"] if missing else []


def _relative(file: str) -> str:
    path = Path(file)
    return str(path.relative_to(REPO)) if path.is_absolute() and path.is_relative_to(REPO) else file


def _report(offences: list[str]) -> str:
    return f"{len(offences)} claim(s) of the demo do not match their documents:\n" + "\n".join(offences)


def test_every_claim_quotes_its_document_at_its_locator_and_says_its_value(demo):
    offences = []
    for claim in sorted(demo.claims.values(), key=lambda c: (c.origin.file, c.origin.line)):
        path = text_path(demo, claim.source)
        if path is None:
            continue
        problems = quote_problems(claim, held_text(path)) + value_problems(claim, demo)
        if problems:
            offences.append(f"{_relative(claim.origin.file)}:{claim.origin.line}: {claim.id}: " + "; ".join(problems))
    assert not offences, _report(offences)


def test_every_held_text_is_a_seed(demo):
    wrong = []
    for source in demo.sources.values():
        if source.text:
            path = (REPO / source.text).resolve()
            if not path.is_file() or path.parent != SEEDS.resolve():
                wrong.append(f"{source.origin.file}:{source.origin.line}: {source.id}: no seed at {source.text}")
    assert not wrong, "\n".join(wrong)
    assert any(s.text for s in demo.sources.values())


def test_the_demo_is_big_enough(demo):
    assert len(demo.subjects) >= 40
    assert len(demo.claims) >= 180


def test_the_demo_checks_clean(capsys):
    status = main(["--no-cache", "check", str(REPO)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.strip().splitlines()[-1].endswith(": 0 errors, 0 warnings")
