"""The choice value type: declared options with variants, one-of and sets, stances."""

from __future__ import annotations


import pytest

from sourcecrit.compare import Status, compare_ledger
from sourcecrit.ledger import load_ledger
from sourcecrit.values import CompareContext, ParseContext, Relation, ValueProblem, value_type
from sourcecrit.values.choice import chosen, option_names
from tests.conftest import write_files

CHOICE = value_type("choice")
STATUS = option_names(["independent", "autonomous", {"annexed": ["incorporated", "united with"]}, "mandate"])


def c(written, multi=False):
    return chosen(CHOICE.parse(written, ParseContext()), STATUS, multi)


@pytest.mark.parametrize("a, b, relation, reason", [
    ("independent", "Independent", Relation.AGREE, "both say independent"),
    ("annexed", "incorporated", Relation.AGREE, "both say annexed"),
    ("independent", "annexed", Relation.CONTRADICT, "one says independent where the other says annexed"),
    ("independent; autonomous", "autonomous", Relation.CONSISTENT, "share autonomous"),
    ("independent; autonomous", "mandate", Relation.CONTRADICT, "one says autonomous or independent where"),
])
def test_single_valued_choices(a, b, relation, reason):
    result = CHOICE.compare(c(a), c(b), CompareContext())
    assert result.relation is relation and reason in result.reason


def test_multi_valued_choices_compare_as_sets():
    result = CHOICE.compare(c("annexed; mandate", True), c("mandate", True), CompareContext(multi=True))
    assert result.relation is Relation.CONSISTENT and "also names annexed" in result.reason
    assert CHOICE.within(c("annexed; mandate", True), c("mandate", True))
    assert CHOICE.within(c("mandate"), c("annexed; mandate"))  # one option within a one-of set


def test_a_word_that_is_no_option_is_a_problem():
    with pytest.raises(ValueProblem, match="'sovereign' is not one of the declared options"):
        c("sovereign")


def test_written_and_normalized():
    value = c("united with; mandate")
    assert CHOICE.normalized(value) == {"options": ["annexed", "mandate"]}
    assert c(CHOICE.written(value)) == value


def test_choices_in_a_ledger_with_stances(small_ledger):
    write_files(small_ledger, {
        "declarations/choice.yaml": """
            properties:
              - id: took-place
                label: took place
                type: choice
                options: [yes, {no: [did not take place]}]
              - id: assigned-to
                label: assigned to
                type: choice
                multi: true
                options: [georgia, turkey, armenia]
            """,
        "claims/choice.yaml": """
            claims:
              - {id: a-met, source: book-a, subject: havza-meeting, property: took-place, value: yes, locator: page 3, quote: they met}
              - {id: c-met, source: article-c, subject: havza-meeting, property: took-place, value: did not take place,
                 locator: paragraph 9, quote: no meeting}
              - {id: a-kars, source: book-a, subject: gold-1920, property: assigned-to, value: [turkey, armenia], locator: page 5, quote: x}
              - {id: c-kars, source: article-c, subject: gold-1920, property: assigned-to, value: turkey, stance: denies,
                 locator: paragraph 5, quote: y}
            """,
    })
    ledger = load_ledger(small_ledger)
    assert ledger.errors == []
    findings = {f.key: f for f in compare_ledger(ledger).findings}
    met = findings[("havza-meeting", "took-place", None)]
    assert met.status is Status.DISPUTED and "one says yes where the other says no" in met.pairs[0].reason
    kars = findings[("gold-1920", "assigned-to", None)]
    assert kars.pairs[0].relation is Relation.CONTRADICT and "c-kars denies what a-kars asserts" in kars.pairs[0].reason


def test_a_choice_without_options_is_a_problem(small_ledger):
    write_files(small_ledger, {"declarations/choice.yaml": "properties:\n  - {id: x, label: x, type: choice}\n"})
    assert any("declares no options" in p.message for p in load_ledger(small_ledger).errors)


def test_a_resolution_accepts_an_option_that_claims_write_as_a_variant(small_ledger):
    """The appeal of 1917 as Degras prints it ("in the hands of Moslems") against a paraphrase
    ("Muslim-Turkish control"): the accepted "Muslims" is the option the variant "Moslems" names."""
    write_files(small_ledger, {
        "declarations/choice.yaml": """
            properties:
              - id: to-remain-under
                label: to remain under
                type: choice
                options: [{Muslims: [Moslems]}, {Muslim Turks: [Muslim-Turkish]}]
            """,
        "claims/choice.yaml": """
            claims:
              - {id: a-moslems, source: book-a, subject: declaration-1917, property: to-remain-under, value: Moslems,
                 locator: page 3, quote: in the hands of Moslems}
              - {id: c-turkish, source: article-c, subject: declaration-1917, property: to-remain-under, value: Muslim-Turkish,
                 locator: paragraph 9, quote: under Muslim-Turkish control}
            """,
        "resolutions/choice.yaml": """
            resolutions:
              - subject: declaration-1917
                property: to-remain-under
                accepted: Muslims
                rationale: the text of the appeal says Moslems
                rests_on: [a-moslems]
                rejected: [{claim: c-turkish, reason: a paraphrase}]
            """,
    })
    ledger = load_ledger(small_ledger)
    assert [p.message for p in ledger.errors] == []
    finding = {f.key: f for f in compare_ledger(ledger).findings}[("declaration-1917", "to-remain-under", None)]
    assert finding.status is Status.RESOLVED and finding.supporting == ["a-moslems"]
    assert not [p for p in compare_ledger(ledger).problems if "no claim supports" in p.message]
