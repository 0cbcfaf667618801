"""'Did you mean ...?' for ids and field names."""

from __future__ import annotations

from typing import Iterable

from rapidfuzz import fuzz, process


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` when one is close enough to be a typo."""
    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=70)
    return best[0] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean X?' when a choice is close to ``word``, else ''."""
    best = closest(word, choices)
    return f"; did you mean '{best}'?" if best else ""


def unknown(what: str, word: str, choices: Iterable[str], otherwise: str) -> str:
    """'unknown subject 'x'; did you mean 'y'?' or, with nothing close, the ``otherwise`` advice."""
    best = closest(word, choices)
    advice = f"did you mean '{best}'?" if best else otherwise
    return f"unknown {what} '{word}'; {advice}"
