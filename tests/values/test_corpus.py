"""The corpus of written forms (corpus.tsv): every form is read as its line says, or refused
with a message that contains the words given; none is accepted with another reading."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from sourcecrit.values import ValueProblem, value_type
from sourcecrit.values.date import iso_day, normalized, span_of
from tests.values.corpus_context import corpus_context

CORPUS = Path(__file__).with_name("corpus.tsv")


def corpus() -> list[tuple[str, str, str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def test_the_corpus_is_large_and_has_every_kind():
    forms = corpus()
    assert len(forms) >= 250
    assert {kind for kind, _, _ in forms} == {"date", "quantity", "entities"}
    assert len({written for _, written, _ in forms}) == len(forms)


def reading(kind: str, value) -> str:
    if kind == "date":
        earliest, latest = span_of(value)
        return f"{normalized(value)['kind']} {iso_day(earliest)}..{iso_day(latest)}"
    if kind == "quantity":
        def number(x: float) -> str:
            return "inf" if math.isinf(x) else f"{x:g}" if x != int(x) else str(int(x))
        flags = (" ~" if value.approximate else "") + (" ?" if value.unit_doubted else "")
        return f"{number(value.low)}..{number(value.high)} {value.unit}{flags}"
    return ",".join(sorted(value.ids()))


@pytest.mark.parametrize("kind, written, expected", corpus(), ids=lambda x: x if isinstance(x, str) else "")
def test_each_form_is_read_right_or_refused_with_a_reason(kind, written, expected):
    context = corpus_context()
    kind_type = value_type(kind)
    if expected.startswith("refused: "):
        with pytest.raises(ValueProblem) as problem:
            found = kind_type.parse(written, context)
            pytest.fail(f"'{written}' was read as {reading(kind, found)}")
        assert expected.removeprefix("refused: ") in str(problem.value)
        return
    value = kind_type.parse(written, context)
    assert reading(kind, value) == expected
    assert kind_type.parse(kind_type.written(value), context) == value
