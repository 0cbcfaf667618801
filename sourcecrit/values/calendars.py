"""Calendars a historian meets in Ottoman and Russian sources, reduced to Gregorian days.

Every date becomes a Gregorian day ordinal (Python's ``date.toordinal()`` numbers).
Calendars: Gregorian, Julian (Old Style), Ottoman Rumi and Hijri (the arithmetic
calendar, which can be a day or two off the observed one). Month names in English,
Turkish, Rumi and Hijri spellings are matched ignoring case and diacritics.
"""

from __future__ import annotations

import difflib
import unicodedata
from datetime import date
from functools import lru_cache

from convertdate import gregorian, islamic, julian

from sourcecrit.values.base import ValueProblem

GREGORIAN = "gregorian"
JULIAN = "julian"
RUMI = "rumi"
HIJRI = "hijri"
CALENDARS = (GREGORIAN, JULIAN, RUMI, HIJRI)
CALENDAR_LABELS = {GREGORIAN: "Gregorian", JULIAN: "Julian", RUMI: "Rumi", HIJRI: "Hijri"}

HIJRI_MARGIN = 2
"""Days the arithmetic Hijri calendar may be off the observed one, on each side."""

YEAR_RANGES = {GREGORIAN: (-9998, 9997), JULIAN: (-9998, 9997), RUMI: (1, 9400), HIJRI: (1, 9000)}
"""Years read in each calendar; Gregorian and Julian years before AD 1 are counted astronomically
(1 BC is the year 0, 44 BC the year -43), as ISO 8601 and EDTF count them."""

_JD_OF_ORDINAL_ZERO = 1721424.5
_RUMI_JULIAN_LAST = 1332  # the last Julian-based Rumi year, cut short on 15 Şubat 1332
_RUMI_GREGORIAN_SHORT = 1333  # began 1 Mart 1333 = 1 March 1917, ended 31 December 1917
_RUMI_OFFSET = 584

ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")
TURKISH_MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
                  "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık")
RUMI_MONTHS = ("Kânunusani", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
               "Ağustos", "Eylül", "Teşrinievvel", "Teşrinisani", "Kânunuevvel")
HIJRI_MONTHS = ("Muharram", "Safar", "Rabi al-awwal", "Rabi al-thani", "Jumada al-awwal",
                "Jumada al-thani", "Rajab", "Shaban", "Ramadan", "Shawwal",
                "Dhu al-Qadah", "Dhu al-Hijjah")
MONTH_NAMES = {GREGORIAN: ENGLISH_MONTHS, JULIAN: ENGLISH_MONTHS, RUMI: RUMI_MONTHS,
               HIJRI: HIJRI_MONTHS}

_RUMI_ONLY = {"kanunusani": 1, "kanunisani": 1, "tesrinievvel": 10, "tesrinisani": 11,
              "kanunuevvel": 12, "kanunievvel": 12}
_HIJRI_SPELLINGS = (
    ("muharram", "muharrem"),
    ("safar", "safer"),
    ("rabialawwal", "rabiulawwal", "rabiulevvel", "rebiulevvel", "rabialula", "rabii", "rabiallawwal",
     "rebiyulevvel", "rabiahawwal", "rabialawal", "rabiulawal"),
    ("rabialthani", "rabiaththani", "rabiuthani", "rabialakhir", "rabiulakhir", "rabiallakhir",
     "rebiulahir", "rebiulahar", "rabiii", "rebiyulahir", "rabialakhar", "rabiulakhar", "rabiathani"),
    ("jumadaalawwal", "jumadaalula", "jumadaula", "cemaziyelevvel", "cemaziulevvel", "jumadai",
     "jumadalula", "jumadaallula", "gumadaalula", "gumadalula", "cemaziyulevvel", "jumadalawwal"),
    ("jumadaalthani", "jumadaalakhirah", "jumadaalakhira", "jumadathani", "cemaziyelahir",
     "cemaziulahir", "jumadaii", "jumadalakhira", "jumadalakhirah", "jumadallakhira",
     "gumadaalahira", "gumadalahira", "gumadalakhira", "cemaziyulahir", "jumadalthani"),
    ("rajab", "recep", "receb", "ragab", "radjab", "redjeb", "rejeb"),
    ("shaban", "saban", "shaaban", "chaabane"),
    ("ramadan", "ramazan", "ramadhan", "ramadaan"),
    ("shawwal", "sevval", "sawwal", "chawwal", "shawal"),
    ("dhualqadah", "dhulqadah", "dhualqidah", "dhulqidah", "zilkade", "zilkaade", "dhulqada",
     "dhulqida", "dhualqada", "dhualqida", "dulqada", "dulqida", "zulkade", "zulqada", "zulqida"),
    ("dhualhijjah", "dhulhijjah", "zilhicce", "zilhicca", "dhulhijja", "dhualhijja", "dulhigga",
     "dulhiggah", "zulhicce", "zulhijja", "zulhijjah"),
)

TURKISH = "turkish"
"""Not a calendar: what a month name shared by modern Turkish and the Rumi calendar implies
(Mart, Nisan, Haziran, ...): Rumi with a year in the Rumi range, else Gregorian."""
RUMI_YEARS = (1205, 1341)
"""Rumi years in use (1789 to 1925): a Turkish month name with such a year is likely Rumi."""

_FRENCH = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
           "octobre", "novembre", "decembre")
_GERMAN = ("januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember")
_ABBREVIATIONS = {"janv": 1, "jan": 1, "jaen": 1, "janner": 1, "jaenner": 1, "fevr": 2, "fev": 2,
                  "febr": 2, "maerz": 3, "mrz": 3, "avr": 4, "juil": 7, "aug": 8, "sept": 9,
                  "okt": 10, "dez": 12, "dec": 12}
_RUSSIAN = (("yanvar", "yanvarya", "ianvar", "ianvaria", "январь", "января"),
            ("fevral", "fevralya", "fevralia", "февраль", "февраля"),
            ("mart", "marta", "март", "марта"),
            ("aprel", "aprelya", "aprelia", "апрель", "апреля"),
            ("maya", "maia", "май", "мая"),
            ("iyun", "iyunya", "iiun", "iiunia", "июнь", "июня"),
            ("iyul", "iyulya", "iiul", "iiulia", "июль", "июля"),
            ("avgust", "avgusta", "август", "августа"),
            ("sentyabr", "sentyabrya", "sentiabr", "sentiabria", "сентябрь", "сентября"),
            ("oktyabr", "oktyabrya", "oktiabr", "oktiabria", "октябрь", "октября"),
            ("noyabr", "noyabrya", "noiabr", "noiabria", "ноябрь", "ноября"),
            ("dekabr", "dekabrya", "dekabria", "декабрь", "декабря"))

_FOLD_EXTRA = str.maketrans({"ʿ": "", "ʾ": "", "ʻ": "", "ı": "i", "’": "'", "ʼ": "'", "‘": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics, so Kânunusani reads as kanunusani."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c))


def month_key(word: str) -> str:
    """A month word reduced to its letters: "Rabi' al-Awwal" becomes "rabialawwal"."""
    folded = fold(word)
    if folded.isascii():
        return "".join(c for c in folded if "a" <= c <= "z")
    return "".join(c for c in folded if "a" <= c <= "z" or "а" <= c <= "я")


def _month_table() -> dict[str, tuple[str | None, int, str]]:
    """Month key -> (calendar the name implies or None, month number, display name)."""
    table: dict[str, tuple[str | None, int, str]] = {}
    for number, name in enumerate(ENGLISH_MONTHS, 1):
        table[month_key(name)] = table[month_key(name)[:3]] = (None, number, name)
    languages: tuple[tuple[str, ...], ...] = (_FRENCH, _GERMAN)
    for names in languages:
        for number, name in enumerate(names, 1):
            table.setdefault(name, (None, number, ENGLISH_MONTHS[number - 1]))
    for number, names in enumerate(_RUSSIAN, 1):
        for name in names:
            table.setdefault(month_key(name), (None, number, ENGLISH_MONTHS[number - 1]))
    for key, number in _ABBREVIATIONS.items():
        table.setdefault(key, (None, number, ENGLISH_MONTHS[number - 1]))
    for number, name in enumerate(TURKISH_MONTHS, 1):
        table[month_key(name)] = (TURKISH, number, name)
    for key, number in _RUMI_ONLY.items():
        table[key] = (RUMI, number, RUMI_MONTHS[number - 1])
    for number, spellings in enumerate(_HIJRI_SPELLINGS, 1):
        for key in spellings:
            table[key] = (HIJRI, number, HIJRI_MONTHS[number - 1])
    return table


MONTHS = _month_table()


@lru_cache(maxsize=4096)
def read_month(word: str) -> tuple[str | None, int] | None:
    """The calendar a month word implies (None if any) and its number; None if not a month."""
    found = MONTHS.get(month_key(word))
    return None if found is None else found[:2]


def nearest_month(word: str) -> str | None:
    """The month name closest to a misspelt word, for an error message."""
    close = difflib.get_close_matches(month_key(word), MONTHS, n=1, cutoff=0.7)
    return MONTHS[close[0]][2] if close else None


def month_name(calendar: str, month: int) -> str:
    """The month's name as written in ``calendar`` ("March", "Mart", "Rajab")."""
    return MONTH_NAMES[calendar][month - 1]


def check_year(calendar: str, year: int) -> None:
    """Raise ValueProblem for a year outside the range the conversions support."""
    low, high = YEAR_RANGES[calendar]
    if not low <= year <= high:
        label = CALENDAR_LABELS[calendar]
        raise ValueProblem(f"{label} year {year} is outside the years this tool reads ({low} to {high})")


def _julian_ordinal(year: int, month: int, day: int) -> int:
    return int(julian.to_jd(year, month, day) - _JD_OF_ORDINAL_ZERO)


def era_year(year: int) -> str:
    """A year for a reader: "1921", "AD 14" below 100, "44 BC" before AD 1 (counted astronomically)."""
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if year < 100 else str(year)


def gregorian_date(ordinal: int) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian day ordinal; years before AD 1 astronomically (1 BC is 0)."""
    if ordinal >= 1:
        day = date.fromordinal(ordinal)
        return day.year, day.month, day.day
    return gregorian.from_jd(ordinal + _JD_OF_ORDINAL_ZERO)


def style_offset(ordinal: int) -> int:
    """Days between Old Style and New Style on a Gregorian day: 13 in 1900-2099, 12 in the 1800s."""
    return _julian_ordinal(*gregorian_date(ordinal)) - ordinal


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    return int(islamic.to_jd(year, month, day) - _JD_OF_ORDINAL_ZERO)


def _gregorian_month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _rumi_month_length(year: int, month: int) -> int:
    if year == _RUMI_JULIAN_LAST and month == 2:
        return 15
    if year <= _RUMI_JULIAN_LAST:
        return julian.month_length(_rumi_base_year(year, month), month)
    return _gregorian_month_length(year + _RUMI_OFFSET, month)


def _rumi_base_year(year: int, month: int) -> int:
    """The Julian or Gregorian year in which a Rumi month falls."""
    if year <= _RUMI_JULIAN_LAST and month <= 2:
        return year + _RUMI_OFFSET + 1
    return year + _RUMI_OFFSET


def month_length(calendar: str, year: int, month: int) -> int:
    """Days in a month of ``calendar``; ValueProblem for a Rumi month that never was."""
    if calendar == GREGORIAN:
        return _gregorian_month_length(year, month)
    if calendar == JULIAN:
        return julian.month_length(year, month)
    if calendar == HIJRI:
        return islamic.month_length(year, month)
    if year == _RUMI_GREGORIAN_SHORT and month <= 2:
        raise ValueProblem(f"there is no {RUMI_MONTHS[month - 1]} 1333 (Rumi): "
                           "Rumi 1333 ran from 1 Mart to 31 Kânunuevvel 1917")
    return _rumi_month_length(year, month)


def check_day(calendar: str, year: int, month: int, day: int) -> None:
    """Raise ValueProblem for a day the month does not have ("there is no 30 February 1921")."""
    if not 1 <= day <= month_length(calendar, year, month):
        label = "" if calendar == GREGORIAN else f" ({CALENDAR_LABELS[calendar]})"
        note = _gap_note(calendar, year, month)
        raise ValueProblem(f"there is no {day} {month_name(calendar, month)} {era_year(year)}{label}{note}")


def _gap_note(calendar: str, year: int, month: int) -> str:
    if calendar == RUMI and (year, month) == (_RUMI_JULIAN_LAST, 2):
        return ": the Rumi calendar went from 15 Şubat 1332 to 1 Mart 1333 (1 March 1917)"
    return ""


def day_ordinal(calendar: str, year: int, month: int, day: int) -> int:
    """The Gregorian day ordinal of a valid day in ``calendar``."""
    if calendar == GREGORIAN:
        return date(year, month, day).toordinal() if year >= 1 else int(gregorian.to_jd(year, month, day) - _JD_OF_ORDINAL_ZERO)
    if calendar == JULIAN:
        return _julian_ordinal(year, month, day)
    if calendar == HIJRI:
        return _hijri_ordinal(year, month, day)
    if year <= _RUMI_JULIAN_LAST:
        return _julian_ordinal(_rumi_base_year(year, month), month, day)
    return date(year + _RUMI_OFFSET, month, day).toordinal()


def month_days(calendar: str, year: int, month: int) -> tuple[int, int]:
    """First and last Gregorian day ordinals of a month."""
    last = month_length(calendar, year, month)
    return day_ordinal(calendar, year, month, 1), day_ordinal(calendar, year, month, last)


def next_month(calendar: str, year: int, month: int) -> tuple[int, int]:
    """The (year, month) after a month; the Julian-based Rumi year turns on 1 Mart."""
    if calendar == RUMI and year <= _RUMI_JULIAN_LAST:
        return (year + 1, 3) if month == 2 else (year, month % 12 + 1)
    return (year + 1, 1) if month == 12 else (year, month + 1)


def first_month(calendar: str, year: int) -> int:
    """The month a year begins with: Mart for the Rumi years up to 1333, else the first."""
    return 3 if calendar == RUMI and year <= _RUMI_GREGORIAN_SHORT else 1


def last_month(calendar: str, year: int) -> int:
    """The month a year ends with: Şubat for the Julian-based Rumi years, else the twelfth."""
    return 2 if calendar == RUMI and year <= _RUMI_JULIAN_LAST else 12


def year_days(calendar: str, year: int) -> tuple[int, int]:
    """First and last Gregorian day ordinals of a year of ``calendar``."""
    first = month_days(calendar, year, first_month(calendar, year))[0]
    return first, month_days(calendar, year, last_month(calendar, year))[1]


def months_days(calendar: str, year: int, month: int, count: int) -> tuple[int, int]:
    """First and last day ordinals of ``count`` months starting with the given one."""
    first = month_days(calendar, year, month)[0]
    for _ in range(count - 1):
        year, month = next_month(calendar, year, month)
    return first, month_days(calendar, year, month)[1]


_YEAR_STEPS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)


def era_ticks(low: int, high: int, most: int) -> list[tuple[int, str]]:
    """Marks for an axis of day ordinals ``low``..``high`` that reaches before AD 1, where
    Python's dates stop: round years as a reader counts them (10 BC, 5 BC, AD 1, AD 5), else
    the first days of months, else days; about ``most`` of them, each with its words."""
    (first_year, first_month, _), (last_year, last_month, _) = gregorian_date(low), gregorian_date(high)
    if last_year - first_year >= 2:
        choices = [_round_years(first_year + 1, last_year, step) for step in _YEAR_STEPS]
        return next((ticks for ticks in choices if 2 <= len(ticks) <= max(most, 2)), choices[-1] or choices[0][:1])
    months: list[tuple[int, str]] = []
    year, month = first_year, first_month
    while (year, month) <= (last_year, last_month):
        start = day_ordinal(GREGORIAN, year, month, 1)
        if low <= start <= high:
            months.append((start, f"{month_name(GREGORIAN, month)[:3]} {era_year(year)}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) >= 2:
        return months[::-(-len(months) // max(most, 1))]
    step = max(1, -(-(high - low + 1) // max(most, 1)))
    return [(day, _day_words(day)) for day in range(low, high + 1, step)]


def _round_years(first: int, last: int, step: int) -> list[tuple[int, str]]:
    """1 January of the years from ``first`` to ``last`` that a reader counts in ``step``s (10 BC, AD 10)."""
    return [(day_ordinal(GREGORIAN, year, 1, 1), era_year(year)) for year in range(first, last + 1)
            if (1 - year if year <= 0 else year) % step == 0]


def _day_words(ordinal: int) -> str:
    year, month, day = gregorian_date(ordinal)
    return f"{day} {month_name(GREGORIAN, month)[:3]} {era_year(year)}"
