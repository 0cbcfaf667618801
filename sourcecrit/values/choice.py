"""Choices: one of the options a property declares ("took place: yes | no", "status:
independent | autonomous | annexed | mandate", "answer: accepted | rejected | no answer").

A property of type ``choice`` declares its options, each with the variants documents use::

    options: [yes, no]
    options: [independent, autonomous, {annexed: [incorporated, united with]}, mandate]

A claim writes one option, or several parted by ``;`` (or as a list). For a single-valued
property several options mean "one of these" (``independent; autonomous``); for a
multi-valued one they are a set, compared as the entities type compares names: a shorter
set is consistent with a longer one. Options are compared by the option they name, so a
variant agrees with its option. A written word is read into a :class:`Choice` of folded
words; the ledger's check then names the options (:func:`chosen`), or reports a word that
is none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from sourcecrit.names import fold
from sourcecrit.values.base import CompareContext, Comparison, ParseContext, Relation, ValueProblem


@dataclass(frozen=True)
class Choice:
    """The options a claim chooses (sorted, for comparing), and the words as written."""

    options: tuple[str, ...]
    written: tuple[str, ...] = field(default=(), compare=False)
    multi: bool = False  # a set of options (a multi-valued property), not one of them


def option_names(declared: list) -> dict[str, str]:
    """Each folded option name and variant -> its option, from a property's ``options``."""
    names: dict[str, str] = {}
    for item in declared:
        if isinstance(item, str):
            names.setdefault(fold(item), item)
            continue
        for option, variants in item.items():
            for name in (option, *([variants] if isinstance(variants, str) else variants or [])):
                names.setdefault(fold(name), option)
    return names


def chosen(value: Choice, names: Mapping[str, str], multi: bool = False) -> Choice:
    """``value`` with each word named as the option it spells; ValueProblem for a word that is none."""
    options = []
    for word in value.options:
        option = names.get(word)
        if option is None:
            declared = ", ".join(dict.fromkeys(names.values()))
            raise ValueProblem(f"'{word}' is not one of the declared options ({declared}); add it as an option or a variant")
        options.append(option)
    return Choice(tuple(sorted(set(options))), value.written, multi)


def _words(written: Any) -> list[str]:
    if isinstance(written, str):
        return [w.strip() for w in written.split(";") if w.strip()]
    if isinstance(written, list) and all(isinstance(w, str) for w in written):
        return [w.strip() for w in written if w.strip()]
    raise ValueProblem("write one option, or several parted by ';' or as a list")


def _list(options) -> str:
    return ", ".join(options)


class ChoiceType:
    name = "choice"
    equal_values_compare_alike = True  # the comparison reads only the options (see compare.relations)

    def parse(self, written: Any, context: ParseContext) -> Choice:
        words = _words(written)
        if not words:
            raise ValueProblem("name at least one option")
        return Choice(tuple(sorted({fold(w) for w in words})), tuple(words))

    def written(self, value: Choice) -> str:
        return "; ".join(value.options)

    def normalized(self, value: Choice) -> dict:
        return {"options": list(value.options)}

    def describe(self, value: Choice) -> str:
        """One option, or several: a set of a multi-valued property ("and"), else one of them ("or")."""
        return (" and " if value.multi else " or ").join(value.options)

    def compare(self, a: Choice, b: Choice, context: CompareContext) -> Comparison:
        mine, theirs = set(a.options), set(b.options)
        if mine == theirs:
            return Comparison(Relation.AGREE, f"both say {_list(a.options)}")
        if context.multi or a.multi:
            only_a, only_b = sorted(mine - theirs), sorted(theirs - mine)
            if only_a and only_b:
                return Comparison(Relation.CONSISTENT, f"each names an option the other does not ({_list(only_a)}; "
                                                       f"{_list(only_b)}); a set of options need not be complete")
            return Comparison(Relation.CONSISTENT, f"one also names {_list(only_a or only_b)}, which the other does not")
        if mine.isdisjoint(theirs):
            return Comparison(Relation.CONTRADICT, f"one says {self.describe(a)} where the other says {self.describe(b)}")
        return Comparison(Relation.CONSISTENT, f"{self.describe(a)} and {self.describe(b)} share {_list(sorted(mine & theirs))}")

    def within(self, a: Choice, b: Choice) -> bool:
        """Asserting ``a`` asserts ``b``: for a set (a multi-valued property), ``a`` names every
        option ``b`` names; for one option, ``a``'s possibilities are among ``b``'s."""
        if a.multi:
            return set(b.options) <= set(a.options)
        return set(a.options) <= set(b.options)


VALUE_TYPE = ChoiceType()
