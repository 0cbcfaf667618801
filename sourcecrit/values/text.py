"""Free text: kept as written; two texts agree only when they are the same words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sourcecrit.values.base import CompareContext, Comparison, ParseContext, Relation, ValueProblem


@dataclass(frozen=True)
class Text:
    written: str

    @property
    def folded(self) -> str:
        return " ".join(self.written.casefold().split())


class TextType:
    name = "text"
    equal_values_compare_alike = True  # the comparison reads only the compared fields (see compare.relations)

    def parse(self, written: Any, context: ParseContext) -> Text:
        if not isinstance(written, str) or not written.strip():
            raise ValueProblem("a text value must be some words")
        return Text(" ".join(written.split()))

    def written(self, value: Text) -> str:
        return value.written

    def normalized(self, value: Text) -> dict:
        return {"text": value.written}

    def describe(self, value: Text) -> str:
        return f"“{value.written}”"

    def within(self, a: Text, b: Text) -> bool:
        return a.folded == b.folded

    def compare(self, a: Text, b: Text, context: CompareContext) -> Comparison:
        if a.folded == b.folded:
            return Comparison(Relation.AGREE, f"both say {self.describe(a)}")
        return Comparison(Relation.INCOMPARABLE, "free text is not compared beyond identical words")


VALUE_TYPE = TextType()
