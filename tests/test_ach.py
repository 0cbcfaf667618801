"""The ACH matrix (Heuer's Analysis of Competing Hypotheses) of a disputed fact: versions as
hypotheses, claims as evidence, marks from the comparison's relations, the most diagnostic
evidence first, and the version with the least evidence against it, counted in independent
witnesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.compare import Status
from sourcecrit.compare.ach import Mark, ach_matrix, ledger_voices
from tests.conftest import write_files

ROOT = Path(__file__).resolve().parent.parent
C, X, NA = Mark.CONSISTENT, Mark.INCONSISTENT, Mark.NOT_APPLICABLE

DECLARATIONS = """
    subjects:
      - id: treaty
        label: Treaty of Moscow
    properties:
      - id: signed-on
        label: signed on
        type: date
    """


def matrix_of(root: Path, subject: str = "treaty", prop: str = "signed-on"):
    ledger = load_ledger(root, use_cache=False)
    findings = compare_ledger(ledger)
    finding = next(f for f in findings.findings if f.subject == subject and f.property == prop)
    return finding, ach_matrix(finding, findings.witness, ledger_voices(ledger, findings))


def ledger(tmp_path: Path, sources: str, claims: str) -> Path:
    return write_files(tmp_path, {"declarations/d.yaml": DECLARATIONS, "sources/s.yaml": sources,
                                  "claims/c.yaml": claims})


def claim(cid: str, source: str, value: str, **more: str) -> str:
    extra = "".join(f"\n    {k}: {v}" for k, v in more.items())
    return f"""  - id: {cid}
    source: {source}
    subject: treaty
    property: signed-on
    value: {value}
    locator: p. 1
    quote: "{value}"{extra}
"""


THREE_BOOKS = """
    sources:
      - id: book-a
        title: A
      - id: book-b
        title: B
      - id: book-c
        title: C
    """


def test_two_witnesses_against_one_mark_the_version_with_less_against_it(tmp_path):
    root = ledger(tmp_path, THREE_BOOKS, "claims:\n" + claim("a", "book-a", "16 March 1921")
                  + claim("b", "book-b", "16 March 1921") + claim("c", "book-c", "16 May 1921"))
    finding, matrix = matrix_of(root)
    assert finding.status is Status.DISPUTED
    assert [h.label for h in matrix.hypotheses] == ["16 March 1921", "16 May 1921"]
    assert [(h.inconsistent, h.least_inconsistent) for h in matrix.hypotheses] == [
        (["book-c"], True), (["book-a", "book-b"], False)]
    assert {e.claim: e.marks for e in matrix.evidence} == {"a": (C, X), "b": (C, X), "c": (X, C)}
    assert matrix.reason == ("16 March 1921 has the least evidence against it: 1 independent witness (book-c), "
                             "against 16 May 1921: 2 independent witnesses")


def test_claims_of_one_author_count_as_one_witness(tmp_path):
    # Two books by one man against two independent books: two voices against two, a tie,
    # though the claims stand three against two.
    sources = """
        sources:
          - id: memoir-1
            title: First memoir
            authors: [yusuf]
          - id: memoir-2
            title: Second memoir
            authors: [yusuf]
          - id: memoir-3
            title: Third memoir
            authors: [yusuf]
          - id: book-b
            title: B
          - id: book-c
            title: C
        """
    root = ledger(tmp_path, sources, "claims:\n" + claim("m1", "memoir-1", "18 March 1921")
                  + claim("m2", "memoir-2", "18 March 1921") + claim("m3", "memoir-3", "18 March 1921")
                  + claim("b", "book-b", "16 March 1921") + claim("c", "book-c", "16 March 1921"))
    write_files(root, {"gazetteer/people.yaml": """
        entities:
          - id: yusuf
            label: Yusuf Kemal
            kind: person
        """})
    _, matrix = matrix_of(root)
    eighteenth, sixteenth = matrix.hypotheses
    assert len(eighteenth.inconsistent) == 2 and len(sixteenth.inconsistent) == 1  # yusuf counts once
    assert sixteenth.least_inconsistent and not eighteenth.least_inconsistent
    assert [e.counts_with for e in matrix.evidence if e.claim in ("m2", "m3")] == ["m1", "m1"]


def test_a_book_repeating_a_memoir_is_not_a_second_witness(tmp_path):
    sources = """
        sources:
          - id: memoir
            title: Memoir
            kind: original
          - id: book-a
            title: A
            kind: derivative
            cites: [memoir]
          - id: book-b
            title: B
          - id: book-c
            title: C
        """
    root = ledger(tmp_path, sources, "claims:\n" + claim("m", "memoir", "16 May 1921")
                  + claim("a", "book-a", "16 May 1921") + claim("b", "book-b", "16 March 1921")
                  + claim("c", "book-c", "16 March 1921"))
    _, matrix = matrix_of(root)
    may, march = matrix.hypotheses
    assert march.inconsistent == ["memoir"] and may.inconsistent == ["book-b", "book-c"]
    assert march.least_inconsistent and not may.least_inconsistent


def test_evidence_that_tells_the_versions_apart_comes_first(tmp_path):
    # "March 1921" is consistent with both days of March and contradicts 16 May: it tells
    # May from March, and competes with May. The year 1921 is consistent with all: not
    # diagnostic, last, and no competitor itself.
    sources = THREE_BOOKS.replace("      - id: book-c\n        title: C\n",
                                  "      - id: book-c\n        title: C\n      - id: book-d\n        title: D\n"
                                  "      - id: book-e\n        title: E\n")
    root = ledger(tmp_path, sources, "claims:\n" + claim("year", "book-e", "1921") + claim("a", "book-a", "16 March 1921")
                  + claim("b", "book-b", "18 March 1921") + claim("c", "book-c", "16 May 1921")
                  + claim("month", "book-d", "March 1921"))
    _, matrix = matrix_of(root)
    assert [h.label for h in matrix.hypotheses] == ["16 March 1921", "18 March 1921", "16 May 1921", "March 1921"]
    # a pair of hypotheses told apart for each consistent and inconsistent mark of a row
    assert [(e.claim, e.marks, e.diagnosticity) for e in matrix.evidence] == [
        ("a", (C, X, X, C), 4), ("b", (X, C, X, C), 4), ("c", (X, X, C, X), 3), ("month", (C, C, X, C), 3),
        ("year", (C, C, C, C), 0)]
    assert [e.claim for e in matrix.diagnostic] == ["a", "b", "c", "month"]
    assert [h.label for h in matrix.least_inconsistent] == ["March 1921"]  # only 16 May stands against it


def test_a_pair_that_cannot_be_compared_is_not_applicable(tmp_path):
    declarations = DECLARATIONS + """
      - id: amount
        label: amount
        type: quantity
    units:
      - id: gold-ruble
        label: gold ruble
        variants: [gold rubles]
    """
    root = write_files(tmp_path, {"declarations/d.yaml": declarations, "sources/s.yaml": THREE_BOOKS,
                                  "claims/c.yaml": "claims:\n" + "".join(
                                      claim(cid, src, val).replace("property: signed-on", "property: amount")
                                      for cid, src, val in (("a", "book-a", "10 million gold rubles"),
                                                            ("b", "book-b", "11 million gold rubles"),
                                                            ("c", "book-c", "8 kilograms of gold")))})
    _, matrix = matrix_of(root, prop="amount")
    assert [h.label for h in matrix.hypotheses] == ["10 million gold rubles", "11 million gold rubles"]
    assert {e.claim: e.marks for e in matrix.evidence}["c"] == (NA, NA)
    assert all(h.least_inconsistent for h in matrix.hypotheses)
    assert matrix.reason.startswith("no version has less evidence against it than the others")


def test_a_fact_without_competing_versions_has_no_matrix(tmp_path):
    root = ledger(tmp_path, THREE_BOOKS, "claims:\n" + claim("a", "book-a", "16 March 1921")
                  + claim("b", "book-b", "March 1921"))
    assert matrix_of(root)[1] is None


# ---------------------------------------------------------------- the demo's disputed facts

@pytest.fixture(scope="module")
def demo():
    ledger = load_ledger(ROOT, use_cache=False)
    findings = compare_ledger(ledger)
    voices = ledger_voices(ledger, findings)
    return {f.key: ach_matrix(f, findings.witness, voices) for f in findings.by_status(Status.DISPUTED)}


def test_every_disputed_fact_of_the_demo_has_a_matrix(demo):
    assert len(demo) >= 11 and all(m is not None and len(m.hypotheses) >= 2 for m in demo.values())
    for matrix in demo.values():
        assert matrix.least_inconsistent and matrix.reason
        diagnosticity = [e.diagnosticity for e in matrix.evidence]
        assert diagnosticity == sorted(diagnosticity, reverse=True)


def test_yusuf_kemals_two_dates_are_one_voice_against_himself(demo):
    matrix = demo[("treaty-of-moscow", "signed-on", "actual")]
    assert [h.label for h in matrix.hypotheses] == ["22 or 23 March 1921", "18 March 1921"]
    article, book = matrix.evidence
    assert (article.witness, book.witness) == ("tengirsenk-ilk-temasimiz", "tengirsenk-vatan-hizmetinde")
    assert book.counts_with == article.claim  # one man's two accounts
    assert all(h.least_inconsistent for h in matrix.hypotheses)
    assert "the evidence does not tell them apart" in matrix.reason


def test_havza_budyonny_has_two_independent_witnesses_against_him(demo):
    matrix = demo[("havza-meeting-1919", "participants", None)]
    budyonny = matrix.hypotheses[0]
    assert "Semyon Budyonny" in budyonny.label and not budyonny.least_inconsistent
    assert budyonny.inconsistent == ["akal-2002", "yerasimos-1979"]
    assert all(h.inconsistent == ["erturk-memoirs"] for h in matrix.least_inconsistent)
    # the unnamed Soviet delegation contradicts no version: evidence, not a competitor
    assert not any("unnamed" in h.label for h in matrix.hypotheses)
    assert matrix.evidence[-1].claim == "gafarov-havza-participants" and matrix.evidence[-1].diagnosticity == 0


def test_mudros_year_only_claim_is_evidence_consistent_with_both_days(demo):
    matrix = demo[("mudros-armistice", "signed-on", None)]
    assert [h.label for h in matrix.hypotheses] == ["18 October 1918", "30 October 1918"]
    assert matrix.evidence[-1].marks == (C, C)
