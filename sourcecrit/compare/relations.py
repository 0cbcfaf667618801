"""The relation of two claims: their values compared, then stances and hedges applied."""

from __future__ import annotations

from typing import Any

from sourcecrit.compare.rate_scope import for_pair
from sourcecrit.models import Claim, Stance
from sourcecrit.values import CompareContext, Comparison, Relation, ValueType

STANCE_VERB = {Stance.DENIES: "denies", Stance.DOUBTS: "doubts"}


def relate_claims(a: Claim, b: Claim, value_a: Any, value_b: Any, kind: ValueType, context: CompareContext) -> Comparison:
    """The one relation between claims ``a`` and ``b`` of the same fact, with its reason."""
    if value_a is None or value_b is None:
        unread = a.id if value_a is None else b.id
        return Comparison(Relation.INCOMPARABLE, f"the value of {unread} could not be read")
    if context.by_source:
        context = for_pair(context, a, b)
    base = kind.compare(value_a, value_b, context)
    return _with_hedges(_with_stances(a, b, base, kind, value_a, value_b), a, b)


class SameValuesSameAnswer:
    """A value type whose comparisons are remembered by the values compared, for one fact.

    Agreeing claims give equal values, so a fact of eight claims asks the same comparison
    many times. Only for types whose comparison (reason included) depends on nothing but
    the values' compared fields and the context (``equal_values_compare_alike``).
    """

    def __init__(self, kind: ValueType):
        self.kind = kind
        self._answers: dict[tuple, Comparison] = {}

    def compare(self, a: Any, b: Any, context: CompareContext) -> Comparison:
        answer = self._answers.get((a, b))
        if answer is None:
            answer = self._answers[(a, b)] = self.kind.compare(a, b, context)
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.kind, name)


def for_one_fact(kind: ValueType) -> ValueType:
    """The value type to compare one fact's claims with: remembering answers where that is safe."""
    return SameValuesSameAnswer(kind) if getattr(kind, "equal_values_compare_alike", False) else kind  # type: ignore[return-value]


def _with_stances(a: Claim, b: Claim, base: Comparison, kind: ValueType, value_a: Any, value_b: Any) -> Comparison:
    if a.stance == b.stance == Stance.ASSERTS or base.relation is Relation.INCOMPARABLE:
        return base
    if a.stance != Stance.ASSERTS and b.stance != Stance.ASSERTS:
        return _both_against(a, b, base, kind, value_a)
    asserting, against = (a, b) if a.stance == Stance.ASSERTS else (b, a)
    asserted_value, denied_value = (value_a, value_b) if asserting is a else (value_b, value_a)
    asserted = kind.describe(asserted_value)
    verb = STANCE_VERB[against.stance]
    if denial_meets(kind, base.relation, asserted_value, denied_value):
        return Comparison(Relation.CONTRADICT, f"{against.id} {verb} what {asserting.id} asserts ({asserted})")
    return Comparison(Relation.CONSISTENT, f"{against.id} {verb} a value that {asserting.id} does not assert ({base.reason})")


def denial_meets(kind: ValueType, relation: Relation, asserted: Any, denied: Any) -> bool:
    """Whether asserting ``asserted`` asserts what a denial (or doubt) of ``denied`` speaks against.

    "Budyenny was not at Havza" meets "Mustafa Kemal and Budyenny met at Havza", not
    "Mustafa Kemal met Suphi's envoy"; a doubt of "May 1919" meets "25 May 1919".
    """
    if relation is Relation.AGREE:
        return True
    if relation is not Relation.CONSISTENT:
        return False
    within = getattr(kind, "within", None)
    return within(asserted, denied) if within else True


def _both_against(a: Claim, b: Claim, base: Comparison, kind: ValueType, value_a: Any) -> Comparison:
    if base.relation is Relation.AGREE and a.stance == b.stance:
        return Comparison(Relation.AGREE, f"both {STANCE_VERB[a.stance]} {kind.describe(value_a)}")
    return Comparison(Relation.CONSISTENT, f"both speak against a value ({STANCE_VERB[a.stance]} / {STANCE_VERB[b.stance]}); {base.reason}")


def _with_hedges(result: Comparison, a: Claim, b: Claim) -> Comparison:
    if not (a.hedges or b.hedges):
        return result  # most pairs: nothing to add
    hedged = [(c.id, c.hedges) for c in (a, b) if c.hedges]
    if not hedged:
        return result
    said = "; ".join(f"{cid} hedges: " + ", ".join(f"‘{h}’" for h in hedges) for cid, hedges in hedged)
    both = "both claims are hedged" if len(hedged) == 2 else "one claim is hedged"
    return Comparison(result.relation, f"{result.reason} ({both}: {said})")
