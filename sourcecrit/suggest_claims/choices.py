"""The options of the ledger's ``choice`` properties as a sentence words them ("the Turks
rejected Russian mediation": ``answer: rejected``; "having refused": the variant of
``rejected``). An option word is read with its English forms ("reject", "rejection",
"refusal"); a word denied ("did not accept", "never accepted") is not offered, since the
option it denies is not the one the sentence says, nor one asked for ("to accept").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sourcecrit.names import fold
from sourcecrit.values.choice import option_names

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

_DENIED = re.compile(r"\b(?:not|never|no|nor|neither|without|n[’']t|cannot|refus\w*\s+to|fail\w*\s+to|declin\w*\s+to)"
                     r"\s+(?:\w+\s+)?$", re.IGNORECASE)

_ASKED = re.compile(r"\bto\s+$", re.IGNORECASE)  # "asked them to accept": not yet an answer


@dataclass(frozen=True)
class ChoiceWords:
    """One choice property: its id, a pattern of its option words, and each folded word's option."""

    property: str
    pattern: re.Pattern
    options: dict[str, str]

    def found(self, sentence: str) -> list[tuple[str, str, int]]:
        """(option, word as written, where) for each option the sentence words and does not deny; each option once."""
        said: dict[str, tuple[str, str, int]] = {}
        for match in self.pattern.finditer(sentence):
            if _DENIED.search(sentence[:match.start()]) or _ASKED.search(sentence[:match.start()]):
                continue
            option = self.options.get(fold(match.group())) or self._by_stem(match.group())
            if option is not None:
                said.setdefault(option, (option, match.group(), match.start()))
        return list(said.values())

    def _by_stem(self, word: str) -> str | None:
        folded = fold(word)
        return next((option for name, option in self.options.items() if _stem(name) and folded.startswith(_stem(name))), None)


def choice_words(ledger: "Ledger") -> list[ChoiceWords]:
    """The ledger's choice properties that declare options, with the words that name them."""
    found = []
    for prop in ledger.properties.values():
        if prop.type != "choice" or not prop.options:
            continue
        names = option_names(prop.options)
        words = sorted({_forms(written) for written in _written_names(prop.options)}, key=len, reverse=True)
        pattern = re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE)
        found.append(ChoiceWords(prop.id, pattern, names))
    return found


def _written_names(options: list) -> list[str]:
    """Every option and variant as declared."""
    names = []
    for item in options:
        if isinstance(item, str):
            names.append(item)
            continue
        for option, variants in item.items():
            names += [option, *([variants] if isinstance(variants, str) else variants or [])]
    return names


def _stem(name: str) -> str:
    """The stem of a one-word option in -ed ("accepted": "accept", "refused": "refus"); '' for others."""
    return name[:-2] if name.endswith("ed") and " " not in name and len(name) > 5 else ""


def _forms(name: str) -> str:
    """A pattern of an option's written forms: "refused" also as refuse, refuses, refusal."""
    stem = _stem(name)
    if not stem:
        return r"\s+".join(map(re.escape, name.split()))
    return rf"{re.escape(stem)}(?:ed|e|es|s|ion|ance|al)?"  # not "-ing": "accepting the regime" is a debate, no answer
