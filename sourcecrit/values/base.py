"""What every value type provides: parse the written form, normalize, compare.

A value module (``date``, ``quantity``, ``entities``, ``text``, ``rate``) exposes one
object, ``VALUE_TYPE``, that satisfies :class:`ValueType`. The comparison engine and the
ledger reader know value types only through this protocol, so adding a type means adding
a module and registering it in :mod:`sourcecrit.values`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Callable, Protocol, Sequence


class Relation(str, enum.Enum):
    """How two claims about the same fact stand to each other."""

    AGREE = "agree"
    CONSISTENT = "consistent"
    CONTRADICT = "contradict"
    INCOMPARABLE = "incomparable"


@dataclass(frozen=True)
class Comparison:
    """A relation with the reason a historian would read."""

    relation: Relation
    reason: str


class ValueProblem(Exception):
    """A written value that cannot be read; the message says what is wrong in plain words."""


@dataclass(frozen=True)
class Rate:
    """A conversion rate recorded as a claim: 1 ``from_unit`` = ``factor`` ``to_unit``."""

    from_unit: str
    to_unit: str
    factor: float
    claim_id: str
    written: str
    # its scope: the Gregorian days it holds for (day ordinals, open ends as values.date's), as written, and the
    # subjects or sources it is limited to (empty: any); see compare.rate_scope
    period: tuple[int, int] | None = None
    period_text: str = ""
    subjects: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()

    @property
    def named(self) -> str:
        """The rate and its claim, with the period it holds for: for reasons."""
        during = f", for {self.period_text}" if self.period_text else ""
        return f"{self.written} (claim {self.claim_id}{during})"


@dataclass
class ParseContext:
    """What a parser may need from the ledger.

    ``resolve_unit(text)`` returns a unit id or None; ``resolve_entity(name)`` returns an
    entity id or None; ``suggest_entity(name)`` returns the closest known names for an
    error message. ``european_numbers`` reads 1.750 as one thousand seven hundred and fifty;
    ``date_order`` reads 5/3/1921 day first ("dmy") or month first ("mdy"), else ("ymd", or none)
    it is refused; the ledger gives it from the source's or the ledger's declared ``date_order``.
    """

    resolve_unit: Callable[[str], str | None] = lambda text: None
    resolve_entity: Callable[[str], str | None] = lambda name: None
    suggest_entity: Callable[[str], Sequence[str]] = lambda name: ()
    unit_label: Callable[[str], str] = lambda unit_id: unit_id
    entity_label: Callable[[str], str] = lambda entity_id: entity_id
    european_numbers: bool = False
    date_order: str | None = None  # "dmy", "mdy" or "ymd": how all-number dates such as 5/3/1921 are written


@dataclass
class CompareContext:
    """What a comparison may need: rates recorded in the ledger, labels for reasons."""

    rates: Sequence[Rate] = ()
    unit_label: Callable[[str], str] = lambda unit_id: unit_id
    entity_label: Callable[[str], str] = lambda entity_id: entity_id
    multi: bool = False  # the property takes several values at once (participants): a shorter list denies nothing
    set_aside: Sequence[tuple[Rate, str]] = ()  # rates out of scope here, and why
    by_source: bool = False  # some rate is limited to some sources' figures: each pair is looked at


class ValueType(Protocol):
    """The protocol of one value type."""

    name: str

    def parse(self, written: Any, context: ParseContext) -> Any:
        """Read a written value (str, or list/dict of str for entities); raise ValueProblem."""

    def written(self, value: Any) -> str:
        """A canonical written form that parses back to an equal value."""

    def normalized(self, value: Any) -> dict:
        """A JSON-ready normalized form."""

    def describe(self, value: Any) -> str:
        """A short human phrase for reasons and tables ("16 March 1921", "10 million gold rubles")."""

    def compare(self, a: Any, b: Any, context: CompareContext) -> Comparison:
        """The relation of two values; symmetric in its relation."""

    def within(self, a: Any, b: Any) -> bool:
        """Whether every possibility ``a`` allows is one that ``b`` allows: asserting ``a`` asserts ``b``.

        A denial of ``b`` contradicts an assertion of ``a`` exactly when this holds.
        """
