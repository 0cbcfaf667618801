"""Generate a synthetic but realistic ledger for benchmarks.

    python benchmarks/generate.py OUT --claims 100000 [--seed 1] [--problems 0.001]

The ledger looks like a newsroom's or an encyclopedia's: about claims/50 sources, half of
them secondary works whose claims live in one file each (claims/<source>.yaml, ~100
claims a file) and half primary witnesses (memoirs, letters, reports) that the others
cite or attribute claims to; about claims/5 subjects, each with one or two facts of 2-8
claims; every value type (dates in four calendars with every precision and form,
quantities with ranges, approximations, doubted units and stated exchange rates,
entities spelt as the gazetteer's variants, free text); hedges, stances, attributed_to
chains, cites and contained_in, about 20% of facts contradicted, some resolved, and
comments throughout. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sourcecrit.values.calendars import (  # noqa: E402  (after the path fix)
    ENGLISH_MONTHS,
    HIJRI_MONTHS,
    RUMI_MONTHS,
    TURKISH_MONTHS,
    day_ordinal,
    month_length,
)

CONTRADICTION_SHARE = 0.20
RESOLUTION_SHARE = 0.15  # of disputed facts
ATTRIBUTED_SHARE = 0.15
CLAIMS_PER_FACT = (2, 3, 3, 4, 4, 5, 6, 7, 8)

# ------------------------------------------------------------------ names

GIVEN = ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İsmail", "İbrahim", "Osman",
         "Yusuf", "Şükrü", "Kâzım", "Rıza", "Refet", "Fevzi", "Celâl", "Cemal", "Enver", "Talât",
         "Halil", "Nurettin", "Fethi", "Rauf", "Bekir", "Ömer", "Süleyman", "Çerkez", "Ethem",
         "Semyon", "Mikhail", "Grigory", "Sergei", "Nikolai", "Yakov", "Lev", "Georgy", "Boris",
         "Pyotr", "Vladimir", "Anastas", "Kliment", "Aleksandr", "Dmitry", "Nariman", "Shalva"]
FAMILY = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir",
          "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek",
          "Ağaoğlu", "Karabekir", "Cebesoy", "Orbay", "Bele", "Saraçoğlu", "Tanrıöver",
          "Budyonny", "Frunze", "Aralov", "Chicherin", "Karakhan", "Ordzhonikidze", "Kirov",
          "Zhukov", "Voroshilov", "Kamenev", "Zinoviev", "Radek", "Narimanov", "Eliava",
          "Mdivani", "Kuznetsov", "Sokolov", "Popov", "Lebedev", "Kozlov", "Novikov", "Morozov"]
TITLES = ["Bey", "Pasha", "Efendi", "", "", "", ""]
PLACE_STEMS = ["Havza", "Gümrü", "Kars", "Erzurum", "Trabzon", "Samsun", "Ankara", "Sivas",
               "Batum", "Tiflis", "Bakü", "Ardahan", "Artvin", "Sarıkamış", "Eskişehir",
               "Kütahya", "İnebolu", "Amasya", "Tokat", "Çorum", "Kastamonu", "Rize", "Giresun",
               "Ordu", "Muş", "Bitlis", "Van", "Iğdır", "Nahçıvan", "Erivan", "Novorossiysk",
               "Tuapse", "Sukhum", "Poti", "Kutaisi", "Yevpatoriya", "Odessa", "Sevastopol"]
PLACE_SUFFIX = ["", "", "", " Köyü", " Kalesi", " İskelesi", " Ovası", " Geçidi", " Çiftliği"]
ORG_STEMS = ["Committee", "Commissariat", "Society", "Bank", "Mission", "Delegation", "Council",
             "Division", "Corps", "Brigade", "Company", "Cemiyeti", "Heyeti", "Fırkası"]
ORG_OF = ["Foreign Affairs", "Defence of Rights", "Eastern Peoples", "Trade", "Railways",
          "the Caucasus", "Anatolia", "the Black Sea", "Propaganda", "Supply", "Red Crescent"]
SURNAMES = ["Akalın", "Perinçek", "Gafarov", "Hasanlı", "Gökay", "Kurat", "Yerasimos", "Tellal",
            "Sonyel", "Kheifets", "Sakharov", "Harris", "Zürcher", "Shaw", "Lewis", "Atay",
            "Bayur", "Jäschke", "Mango", "Karpat", "Ortaylı", "Aksin", "Bıyıklıoğlu", "Tunçay"]

_TRANSLIT = [("ş", "sh"), ("Ş", "Sh"), ("ç", "ch"), ("Ç", "Ch"), ("ğ", "gh"), ("ı", "i"), ("İ", "I"),
             ("ö", "o"), ("ü", "u"), ("Ö", "O"), ("Ü", "U"), ("â", "a"), ("Â", "A")]
_RUSSIAN = [("yonny", "yenny"), ("dzh", "j"), ("kh", "h"), ("zh", "j"), ("ov", "off"), ("y", "i")]


def _ascii(text: str) -> str:
    for a, b in (("ı", "i"), ("İ", "I")):
        text = text.replace(a, b)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _translit(text: str) -> str:
    for a, b in _TRANSLIT:
        text = text.replace(a, b)
    return text


def _russianize(text: str) -> str:
    for a, b in _RUSSIAN:
        if a in text:
            return text.replace(a, b, 1)
    return text


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _ascii(text).lower()).strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


# ------------------------------------------------------------------ YAML text

_PLAIN = re.compile(r"^[A-Za-z0-9ÇĞİÖŞÜçğıöşüâÂ(][^:#\[\]{}\"'&*!|>%@`,]*$")


def q(text: str) -> str:
    """``text`` as a YAML scalar: plain when safe, else double-quoted."""
    if _PLAIN.match(text) and not text.endswith((" ", ":")) and text.lower() not in ("null", "~"):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


# ------------------------------------------------------------------ calendars


class Calendars:
    """Gregorian ordinal -> (year, month, day) in the Julian, Rumi and Hijri calendars."""

    def __init__(self, first_year: int = 1890, last_year: int = 1930):
        self.tables: dict[str, dict[int, tuple[int, int, int]]] = {}
        spans = {"julian": (first_year, last_year + 1), "rumi": (first_year - 585, last_year - 583),
                 "hijri": (first_year - 583 + 5, last_year - 578 + 5)}
        for calendar, (start, end) in spans.items():
            table: dict[int, tuple[int, int, int]] = {}
            for year in range(start, end):
                for month in range(1, 13):
                    try:
                        length = month_length(calendar, year, month)
                    except Exception:  # noqa: BLE001 - months a short Rumi year lacks
                        continue
                    for day in range(1, length + 1):
                        try:
                            table.setdefault(day_ordinal(calendar, year, month, day), (year, month, day))
                        except Exception:  # noqa: BLE001
                            continue
            self.tables[calendar] = table

    def of(self, calendar: str, ordinal: int) -> tuple[int, int, int] | None:
        return self.tables[calendar].get(ordinal)


# ------------------------------------------------------------------ the generator

PROPERTIES = [
    # id, label, type, multi, qualifiers
    ("signed-on", "signed on", "date", False, ["nominal", "actual"]),
    ("occurred-on", "took place on", "date", False, []),
    ("issued-on", "issued on", "date", False, []),
    ("departed-on", "departed on", "date", False, []),
    ("arrived-on", "arrived on", "date", False, []),
    ("born-on", "born on", "date", False, []),
    ("died-on", "died on", "date", False, []),
    ("amount", "amount", "quantity", False, ["promised", "sent"]),
    ("strength", "strength", "quantity", False, []),
    ("casualties", "casualties", "quantity", False, []),
    ("rifles", "rifles delivered", "quantity", False, []),
    ("participants", "participants", "entities", True, []),
    ("signatories", "signatories", "entities", True, []),
    ("place", "place", "entities", False, []),
    ("commander", "commander", "entities", False, []),
    ("outcome", "outcome", "text", False, []),
    ("exchange-rate", "exchange rate", "rate", False, []),
]
KINDS = {
    "treaty": ["signed-on", "signatories", "place"],
    "meeting": ["occurred-on", "participants", "place"],
    "shipment": ["amount", "departed-on", "arrived-on", "rifles"],
    "battle": ["occurred-on", "strength", "casualties", "commander", "outcome"],
    "person": ["born-on", "died-on", "place"],
    "letter": ["issued-on", "place", "outcome"],
}
UNITS = [
    ("gold-ruble", "gold ruble", ["gold rubles", "rubles in gold", "golden rubles", "rubles", "ruble"]),
    ("turkish-lira", "Turkish lira", ["Turkish liras", "lira", "liras", "Türk lirası"]),
    ("pound-sterling", "pound sterling", ["pounds sterling", "pounds", "sterling"]),
    ("rifle", "rifle", ["rifles", "tüfek"]),
    ("gun", "gun", ["guns", "field guns", "cannon", "top"]),
    ("cartridge", "cartridge", ["cartridges", "rounds", "fişek"]),
    ("soldier", "soldier", ["soldiers", "men", "troops", "asker"]),
    ("casualty", "casualty", ["casualties", "dead and wounded", "killed and wounded"]),
]
QUANTITY_UNITS = {"amount": ["gold-ruble", "turkish-lira", "pound-sterling"], "rifles": ["rifle"],
                  "strength": ["soldier"], "casualties": ["casualty"]}
UNIT_WORDS = {u: (label, variants) for u, label, variants in UNITS}
RATES = {("gold-ruble", "turkish-lira"): 1.1, ("pound-sterling", "turkish-lira"): 4.4,
         ("gold-ruble", "pound-sterling"): 0.1}
HEDGES = ["reportedly", "it is said", "probably", "according to rumours", "allegedly", "perhaps"]
LOCATOR = ["page {n}", "pages {n}-{m}", "footnote {n}", "paragraph {n}", "line {n}", "note {n}"]
OUTCOMES = ["Turkish victory", "Soviet withdrawal", "stalemate", "treaty ratified", "talks broke off",
            "the town was evacuated", "the envoy returned to Moscow", "the gold reached Ankara"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten", 20: "twenty", 100: "a hundred"}


class Generator:
    def __init__(self, claims: int, seed: int, problem_share: float):
        self.n = claims
        self.rng = random.Random(seed)
        self.problem_share = problem_share
        self.cal = Calendars()
        self.files: dict[str, list[str]] = {}

    # ---------------------------------------------------------- gazetteer

    def make_entities(self) -> None:
        rng = self.rng
        count = max(200, self.n // 25)
        self.people: list[tuple[str, str, list[str]]] = []
        self.places: list[tuple[str, str, list[str]]] = []
        self.orgs: list[tuple[str, str, list[str]]] = []
        taken: set[str] = set()
        ids: set[str] = set()
        attempts = 0
        while len(self.people) + len(self.places) + len(self.orgs) < count and attempts < count * 50:
            attempts += 1
            kind = rng.choices(["person", "place", "organisation"], [6, 3, 1])[0]
            if kind == "person":
                base = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
                if rng.random() < 0.5:
                    base = f"{rng.choice(GIVEN)} {base}"
                label = f"{base} {rng.choice(TITLES)}".strip()
                variants = [_translit(label), _russianize(_ascii(label))]
                if " " in base:
                    variants.append(base.split()[-1] + ", " + " ".join(base.split()[:-1]))
            elif kind == "place":
                label = f"{rng.choice(PLACE_STEMS)}{rng.choice(PLACE_SUFFIX)}"
                if rng.random() < 0.7:
                    label = f"{label} {rng.choice(['Nahiyesi', 'Kazası', 'Mahallesi', 'district', 'station', 'pass', 'bay'])} {rng.randint(1, 999)}"
                variants = [_translit(label), _ascii(label)]
            else:
                label = f"{rng.choice(ORG_STEMS)} of {rng.choice(ORG_OF)} {rng.randint(1, 400)}"
                variants = [label.replace(" of ", " for "), label.upper()]
            names = [label, *variants]
            folded = {_fold(x) for x in names}
            if folded & taken:
                continue
            entity_id = _slug(label)[:40].strip("-")
            if entity_id in ids or _fold(entity_id) in taken:
                continue
            ids.add(entity_id)
            taken |= folded | {_fold(entity_id)}
            variants = sorted({v for v in variants if _fold(v) != _fold(label)})
            {"person": self.people, "place": self.places, "organisation": self.orgs}[kind].append((entity_id, label, variants))
        per_file = 500
        for kind, table in (("people", self.people), ("places", self.places), ("organisations", self.orgs)):
            for start in range(0, len(table), per_file):
                lines = [f"# Gazetteer: {kind} {start + 1}-{start + len(table[start:start + per_file])}.",
                         "# Variants are the spellings met in the sources, diacritics and transliterations.",
                         "entities:"]
                singular = {"people": "person", "places": "place", "organisations": "organisation"}[kind]
                for entity_id, label, variants in table[start:start + per_file]:
                    lines.append(f"  - id: {entity_id}")
                    lines.append(f"    label: {q(label)}")
                    lines.append(f"    kind: {singular}")
                    if variants:
                        lines.append(f"    variants: {flow(variants)}")
                    if rng.random() < 0.1:
                        lines.append(f"    wikidata: Q{rng.randint(1000, 9999999)}")
                self.files[f"gazetteer/{kind}-{start // per_file + 1:03d}.yaml"] = lines

    def spell(self, entity: tuple[str, str, list[str]]) -> str:
        entity_id, label, variants = entity
        roll = self.rng.random()
        if roll < 0.1:
            return entity_id
        if roll < 0.55 or not variants:
            return label
        return self.rng.choice(variants)

    # ---------------------------------------------------------- sources

    def make_sources(self) -> None:
        rng = self.rng
        total = max(8, self.n // 50)
        self.secondary: list[str] = []
        self.primary: list[str] = []
        self.european: set[str] = set()
        records: list[list[str]] = []
        seen: set[str] = set()
        for index in range(total):
            primary = index % 2 == 1
            year = rng.randint(1918, 1925) if primary else rng.randint(1925, 2024)
            author = rng.choice(FAMILY if primary else SURNAMES)
            source_id = f"{_slug(author)}-{year}"
            while source_id in seen:
                source_id = f"{_slug(author)}-{year}{chr(97 + rng.randint(0, 25))}{rng.randint(1, 99)}"
            seen.add(source_id)
            lines = [f"  - id: {source_id}"]
            if primary:
                kind = rng.choice(["letter", "report", "memoir", "telegram", "diary"])
                lines += [f"    type: {'book' if kind == 'memoir' else 'manuscript'}",
                          f"    title: {q(f'{kind.capitalize()} of {author} no. {index}')}",
                          "    author:", f"      - {{family: {q(author)}, given: {q(rng.choice(GIVEN))}}}",
                          f"    issued: {year}", "    kind: original", f"    written: {year}"]
                if kind in ("letter", "telegram") and self.secondary and rng.random() < 0.1:
                    lines.append(f"    contained_in: {rng.choice(self.secondary)}")
                if rng.random() < 0.3:
                    lines.append(f"    archive: {q(rng.choice(['BOA', 'ATASE', 'RGASPI', 'AVPRF', 'TBMM']))}")
                    lines.append(f"    archive_location: {q(f'fond {rng.randint(1, 999)}, file {rng.randint(1, 9999)}')}")
                self.primary.append(source_id)
            else:
                kind = rng.choice(["book", "article-journal", "chapter", "thesis", "webpage"])
                derivative = rng.random() < 0.25
                lines += [f"    type: {kind}",
                          f"    title: {q(f'{rng.choice(OUTCOMES).capitalize()}: studies in Soviet-Turkish relations, {index}')}",
                          "    author:", f"      - {{family: {q(author)}, given: {q(rng.choice(GIVEN))}}}",
                          f"    issued: {year}",
                          f"    kind: {'derivative' if derivative else 'authored-narrative'}",
                          f"    perspective: {q(rng.choice(['Turkish nationalist', 'Soviet official', 'Western diplomatic', 'Kemalist', 'Eurasianist']))}",
                          f"    written: {year}"]
                if kind == "article-journal":
                    lines.append(f"    container-title: {q(rng.choice(['Belleten', 'Middle Eastern Studies', 'Voprosy istorii', 'Tarih ve Toplum']))}")
                    lines.append(f"    volume: {q(str(rng.randint(1, 80)))}")
                elif kind == "webpage":
                    lines.append(f"    URL: https://example.org/{source_id}")
                earlier = self.primary + self.secondary
                if earlier:
                    cites = rng.sample(earlier, 1 if derivative else min(len(earlier), rng.randint(0, 3)))
                    if cites:
                        lines.append(f"    cites: {flow(cites)}")
                if rng.random() < 0.05:
                    lines.append("    numbers: european")
                    self.european.add(source_id)
                if rng.random() < 0.2:
                    lines.append(f"    reliability: {rng.choice('ABCDEF')}")
                if rng.random() < 0.05:
                    lines.append("    # the second edition adds an appendix of documents")
                self.secondary.append(source_id)
            records.append(lines)
        per_file = 50
        for start in range(0, len(records), per_file):
            lines = [f"# Sources {start + 1}-{start + len(records[start:start + per_file])}: bibliographic records (CSL-JSON names).", "sources:"]
            for record in records[start:start + per_file]:
                lines.extend(record)
            self.files[f"sources/sources-{start // per_file + 1:04d}.yaml"] = lines

    # ---------------------------------------------------------- values

    def date_forms(self, ordinal: int, contradict: bool) -> str:
        """One written form of the day ``ordinal`` (or, when ``contradict``, of another day)."""
        rng = self.rng
        if contradict:
            shift = rng.choice([31 * 2, 365, -365, 30 * 3, -40])
            ordinal += shift
        day = date.fromordinal(ordinal)
        g_month = ENGLISH_MONTHS[day.month - 1]
        roll = rng.random()
        if roll < 0.22:
            return f"{day.day} {g_month} {day.year}"
        if roll < 0.30:
            return day.isoformat()
        if roll < 0.34:
            return f"{g_month} {day.day}, {day.year}"
        if roll < 0.37:
            return f"{day.day}.{day.month}.{day.year}"
        if roll < 0.42:
            return f"{g_month} {day.year}" if rng.random() < 0.7 else f"{day.year}-{day.month:02d}"
        if roll < 0.45:
            return str(day.year)
        if roll < 0.50:
            return f"about {day.day} {g_month} {day.year}" if rng.random() < 0.7 else f"c. {day.year}"
        if roll < 0.52:
            return f"{day.day} {g_month} {day.year}?"
        if roll < 0.57:
            other = date.fromordinal(ordinal + 1)
            if other.month == day.month:
                return f"{day.day} or {other.day} {g_month} {day.year}"
            return f"{day.day} {g_month} {day.year}"
        if roll < 0.61:
            start = date.fromordinal(ordinal - rng.randint(0, 4))
            end = date.fromordinal(ordinal + rng.randint(1, 6))
            if start.month == end.month:
                return f"{start.day} to {end.day} {ENGLISH_MONTHS[start.month - 1]} {start.year}"
            return f"{start.day} {ENGLISH_MONTHS[start.month - 1]} {start.year} to {end.day} {ENGLISH_MONTHS[end.month - 1]} {end.year}"
        if roll < 0.64:
            later = date.fromordinal(ordinal + rng.randint(1, 20))
            return f"before {later.day} {ENGLISH_MONTHS[later.month - 1]} {later.year}"
        if roll < 0.66:
            earlier = date.fromordinal(ordinal - rng.randint(15, 60))
            return f"after {ENGLISH_MONTHS[earlier.month - 1]} {earlier.year}"
        if roll < 0.76:
            found = self.cal.of("julian", ordinal)
            if found:
                y, m, d = found
                return f"{d} {ENGLISH_MONTHS[m - 1]} {y} " + rng.choice(["OS", "(Old Style)", "Julian"])
        if roll < 0.86:
            found = self.cal.of("rumi", ordinal)
            if found:
                y, m, d = found
                if m in (1, 10, 11, 12) and rng.random() < 0.6:
                    return f"{d} {RUMI_MONTHS[m - 1]} {y}"
                return f"{d} {RUMI_MONTHS[m - 1]} {y} Rumi"
        if roll < 0.96:
            found = self.cal.of("hijri", ordinal)
            if found:
                y, m, d = found
                return f"{d} {HIJRI_MONTHS[m - 1]} {y} " + rng.choice(["AH", "Hijri"])
        return f"{day.day} {TURKISH_MONTHS[day.month - 1]} {day.year}"

    def number(self, amount: float, european: bool) -> str:
        rng = self.rng
        if amount >= 1_000_000 and rng.random() < 0.6:
            millions = amount / 1_000_000
            if millions == int(millions):
                whole = int(millions)
                if whole in NUMBER_WORDS and rng.random() < 0.3:
                    return f"{NUMBER_WORDS[whole]} million"
                return f"{whole} million"
            text = f"{millions:.1f}"
            return (text.replace(".", ",") if european else text) + " million"
        whole = int(round(amount))
        text = f"{whole:,}"
        return text.replace(",", ".") if european else text

    def unit_word(self, unit: str, amount: float) -> str:
        label, variants = UNIT_WORDS[unit]
        plural = [v for v in variants if v not in ("ruble", "lira")] or [label]
        return label if amount == 1 else self.rng.choice(plural[:3])

    def quantity_form(self, amount: float, unit: str, contradict: bool, european: bool) -> tuple[str, list[str]]:
        rng = self.rng
        if contradict:
            amount = amount * rng.choice([10, 0.1, 3, 0.5])
        if unit == "gold-ruble" and rng.random() < 0.08:
            unit, amount = "turkish-lira", amount * RATES[("gold-ruble", "turkish-lira")]
        amount = float(round(amount, -3)) if amount > 10_000 else float(round(amount))
        roll = rng.random()
        word = self.unit_word(unit, amount)
        if roll < 0.5:
            return f"{self.number(amount, european)} {word}", []
        if roll < 0.62:
            hedge = rng.choice(["about", "some", "around"])
            return f"{hedge} {self.number(amount, european)} {word}", [hedge]
        if roll < 0.72:
            low, high = amount * 0.8, amount * 1.2
            if amount >= 1_000_000 and rng.random() < 0.5:  # "between 8 and 12 million"
                low_m, high_m = (f"{x / 1_000_000:g}" for x in (low, high))
                if european:
                    low_m, high_m = low_m.replace(".", ","), high_m.replace(".", ",")
                return f"between {low_m} and {high_m} million {word}", []
            whole = lambda x: f"{int(round(x)):,}".replace(",", "." if european else ",")  # noqa: E731
            if rng.random() < 0.5:
                return f"between {whole(low)} and {whole(high)} {word}", []
            return f"{whole(low)} to {whole(high)} {word}", []
        if roll < 0.78:
            return f"at least {self.number(amount * 0.9, european)} {word}", ["at least"]
        if roll < 0.82:
            return f"up to {self.number(amount * 1.1, european)} {word}", ["up to"]
        if roll < 0.88 and unit == "gold-ruble":
            return f"{self.number(amount, european)} (rubles?)", []
        if roll < 0.92:
            return f"{self.number(amount, european)} {word}?", []
        return f"{self.number(amount, european)} {word}", []

    # ---------------------------------------------------------- subjects, facts, claims

    def make_claims(self) -> None:
        rng = self.rng
        self.claims_of: dict[str, list[list[str]]] = {s: [] for s in self.secondary}
        subjects: list[list[str]] = []
        resolutions: list[list[str]] = []
        made = 0
        subject_index = 0
        entities_of = {"participants": self.people, "signatories": self.people, "commander": self.people,
                       "place": self.places}
        # The stated exchange rates: a few rate claims on a few subjects.
        rate_facts = max(1, self.n // 20_000)
        for r in range(rate_facts):
            subject_id = f"exchange-rates-{r + 1}"
            subjects.append([f"  - id: {subject_id}", f"    label: {q(f'Exchange rates, table {r + 1}')}", "    kind: rate"])
            (a, b), factor = list(RATES.items())[r % len(RATES)]
            for source in rng.sample(self.secondary, min(3, len(self.secondary))):
                value = f"1 {UNIT_WORDS[a][0]} = {factor} {UNIT_WORDS[b][0]}"
                self.add_claim(source, subject_id, "exchange-rate", None, value, [], None, f"at the rate of {value}")
                made += 1
        while made < self.n:
            subject_index += 1
            kind = rng.choice(list(KINDS))
            subject_id = f"{kind}-{subject_index:06d}"
            label = f"{kind.capitalize()} no. {subject_index}"
            if kind in ("meeting", "battle", "treaty"):
                label += f" at {rng.choice(self.places)[1]}"
            lines = [f"  - id: {subject_id}", f"    label: {q(label)}", f"    kind: {kind}"]
            if rng.random() < 0.05:
                lines.append(f"    note: {q('identified with the event of the same year in some accounts')}")
            subjects.append(lines)
            props = rng.sample(KINDS[kind], 2 if rng.random() < 0.15 else 1)
            true_day = date(rng.randint(1915, 1923), rng.randint(1, 12), rng.randint(1, 28)).toordinal()
            for prop in props:
                count = min(rng.choice(CLAIMS_PER_FACT), len(self.secondary))
                made += self.make_fact(subject_id, prop, count, true_day, entities_of, resolutions)
        per_file = 1000
        for start in range(0, len(subjects), per_file):
            lines = [f"# Subjects {start + 1}-{start + len(subjects[start:start + per_file])}.", "subjects:"]
            for record in subjects[start:start + per_file]:
                lines.extend(record)
            self.files[f"declarations/subjects-{start // per_file + 1:04d}.yaml"] = lines
        per_file = 200
        for start in range(0, len(resolutions), per_file):
            lines = ["# Editors' resolutions of disputed facts.", "resolutions:"]
            for record in resolutions[start:start + per_file]:
                lines.extend(record)
            self.files[f"resolutions/resolutions-{start // per_file + 1:03d}.yaml"] = lines
        for source, claims in self.claims_of.items():
            if not claims:
                continue
            lines = [f"# Claims recorded from {source}.", f"source: {source}", "claims:"]
            for record in claims:
                lines.extend(record)
            self.files[f"claims/{source}.yaml"] = lines

    def make_fact(self, subject_id, prop, count, true_day, entities_of, resolutions) -> int:
        rng = self.rng
        kind = {p[0]: p[2] for p in PROPERTIES}[prop]
        qualifier = rng.choice(["nominal", "actual"] if prop == "signed-on" else ["promised", "sent"]) if prop in ("signed-on", "amount") and rng.random() < 0.7 else None
        contradicted = rng.random() < CONTRADICTION_SHARE
        odd = rng.randrange(count) if contradicted else -1
        sources = rng.sample(self.secondary, count)
        if prop == "amount":
            unit = rng.choice(QUANTITY_UNITS["amount"])
            amount = rng.choice([1, 2, 3, 5, 10, 20]) * 10 ** rng.randint(5, 7)
        elif kind == "quantity":
            unit = QUANTITY_UNITS[prop][0]
            amount = rng.randint(2, 400) * 10 ** rng.randint(1, 3)
        if kind == "entities":
            pool = entities_of[prop]
            multi = prop in ("participants", "signatories")
            truth = rng.sample(pool, rng.randint(2, 4) if multi else 1)
        if kind == "text":
            truth_text = rng.choice(OUTCOMES)
        ids = []
        for index, source in enumerate(sources):
            european = source in self.european
            wrong = index == odd
            hedges: list[str] = []
            if kind == "date":
                value = self.date_forms(true_day + (rng.randint(1, 5) if prop == "arrived-on" else 0), wrong)
                if value.startswith(("about", "c.")):
                    hedges.append(value.split()[0])
            elif kind == "quantity":
                value, hedges = self.quantity_form(amount, unit, wrong, european)
            elif kind == "entities":
                names = truth if not wrong else rng.sample(pool, len(truth))
                if multi and len(names) > 2 and rng.random() < 0.3:
                    names = names[:-1]  # names fewer: consistent
                spelt = [self.spell(e) for e in names]
                if self.problem_share and rng.random() < self.problem_share:
                    spelt[0] = spelt[0][:-1] + ("x" if spelt[0][-1] != "x" else "y")  # a misspelling: a problem
                if multi and rng.random() < 0.1 and len(spelt) >= 2:
                    value = {"host": spelt[0], "envoy": spelt[1:]}
                else:
                    value = spelt if multi or rng.random() < 0.3 else spelt[0]
            else:
                value = truth_text if not wrong else rng.choice(OUTCOMES)
            if rng.random() < 0.06:
                hedges.append(rng.choice(HEDGES))
            stance = None
            roll = rng.random()
            if roll < 0.02:
                stance = "denies"
            elif roll < 0.035:
                stance = "doubts"
            attributed = rng.choice(self.primary) if self.primary and rng.random() < ATTRIBUTED_SHARE else None
            if isinstance(value, dict):
                shown = " with ".join(n if isinstance(n, str) else " and ".join(n) for n in value.values())
            else:
                shown = value if isinstance(value, str) else " and ".join(value)
            quote = f"{rng.choice(['on', 'it was', 'we learn that', 'the figure of', 'as'])} {shown}"
            claim_id = self.add_claim(source, subject_id, prop, qualifier, value, hedges, attributed, quote, stance=stance)
            ids.append((claim_id, wrong))
        if contradicted and rng.random() < RESOLUTION_SHARE and kind in ("date", "quantity", "entities"):
            good = [c for c, w in ids if not w][:3]
            bad = [c for c, w in ids if w]
            if kind == "date":
                accepted = date.fromordinal(true_day).strftime("%-d %B %Y") if prop != "arrived-on" else date.fromordinal(true_day).strftime("%B %Y")
            elif kind == "quantity":
                accepted = f"{self.number(amount, False)} {UNIT_WORDS[unit][0] if amount == 1 else UNIT_WORDS[unit][1][0]}"
            else:
                accepted = [e[0] for e in truth]
            lines = [f"  - subject: {subject_id}", f"    property: {prop}"]
            if qualifier:
                lines.append(f"    qualifier: {qualifier}")
            lines.append(f"    accepted: {flow(accepted) if isinstance(accepted, list) else q(accepted)}")
            lines += [f"    rationale: {q(f'{len(good)} independent witnesses agree; the odd one is a slip.')}",
                      "    decided_by: benchmark editor", "    decided_on: 2026-01-15",
                      f"    rests_on: {flow(good)}"]
            if bad:
                lines += ["    rejected:", f"      - claim: {bad[0]}", f"        reason: {q('misprint, corrected in the errata')}"]
            resolutions.append(lines)
        return len(ids)

    def add_claim(self, source, subject, prop, qualifier, value, hedges, attributed, quote, stance=None):
        rng = self.rng
        claims = self.claims_of[source]
        claim_id = f"{source}-{len(claims) + 1}"
        lines = [f"  - id: {claim_id}", f"    subject: {subject}", f"    property: {prop}"]
        if qualifier:
            lines.append(f"    qualifier: {qualifier}")
        if isinstance(value, dict):
            lines.append("    value:")
            for role, names in value.items():
                lines.append(f"      {role}: {flow(names) if isinstance(names, list) else q(names)}")
        elif isinstance(value, list):
            lines.append(f"    value: {flow(value)}")
        else:
            lines.append(f"    value: {q(value)}")
        n = rng.randint(1, 600)
        lines.append(f"    locator: {rng.choice(LOCATOR).format(n=n, m=n + rng.randint(1, 3))}")
        lines.append(f"    quote: {json.dumps(quote, ensure_ascii=False)}")
        if attributed:
            lines.append(f"    attributed_to: {attributed}")
        if stance:
            lines.append(f"    stance: {stance}")
        if hedges:
            lines.append(f"    hedges: {flow(hedges)}")
        if rng.random() < 0.3:
            lines.append(f"    recorded_by: {rng.choice(['AK', 'MB', 'ST', 'EY'])}")
        if rng.random() < 0.03:
            lines.append(f"    note: {q('checked against the first edition')}  # TODO second edition")
        if rng.random() < 0.005:
            lines.append(f"    flagged: {q('the page number looks wrong')}")
        if rng.random() < 0.02:
            lines.append("    # the translation is ours")
        claims.append(lines)
        return claim_id

    # ---------------------------------------------------------- declarations, writing

    def declarations(self) -> None:
        lines = ["# Properties and units of the ledger.", "properties:"]
        for pid, label, kind, multi, qualifiers in PROPERTIES:
            lines += [f"  - id: {pid}", f"    label: {label}", f"    type: {kind}"]
            if multi:
                lines.append("    multi: true")
            if qualifiers:
                lines.append(f"    qualifiers: {flow(qualifiers)}")
        lines.append("units:")
        for uid, label, variants in UNITS:
            lines += [f"  - id: {uid}", f"    label: {q(label)}", f"    variants: {flow(variants)}"]
        self.files["declarations/declarations.yaml"] = lines

    def run(self) -> dict[str, list[str]]:
        self.make_entities()
        self.make_sources()
        self.declarations()
        self.make_claims()
        return self.files


def generate(out: Path, claims: int, seed: int = 1, problem_share: float = 0.0) -> dict[str, int]:
    """Write a ledger of about ``claims`` claims under ``out``; counts of what was written."""
    files = Generator(claims, seed, problem_share).run()
    for relative, lines in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"files": len(files), "claim_files": sum(1 for f in files if f.startswith("claims/")),
            "bytes": sum(len(("\n".join(v) + "\n").encode()) for v in files.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to write the ledger into (created)")
    parser.add_argument("--claims", type=int, default=100_000, help="about how many claims (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--problems", type=float, default=0.0, help="share of entity claims with a deliberate misspelling (a problem each)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        parser.error(f"{out} exists and is not empty")
    counts = generate(out, args.claims, args.seed, args.problems)
    print(f"wrote {counts['files']} files ({counts['claim_files']} claim files, {counts['bytes'] / 1e6:.1f} MB) to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
