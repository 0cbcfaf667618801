"""Judgement an editor can trust: people as witnesses, incomparable facts, grades after a resolution."""

from __future__ import annotations

from pathlib import Path


from sourcecrit.compare import Status
from sourcecrit.compare import compare_ledger
from sourcecrit.compare.witnesses import WitnessGraph, authors_of
from sourcecrit.gazetteer import Gazetteer
from sourcecrit.ledger import load_ledger
from sourcecrit.models import Entity, Source
from tests.conftest import write_files

REPO = Path(__file__).parent.parent

MEMOIRS = {
    "gazetteer/more.yaml": """
        entities:
          - id: ali
            label: Ali Bey
            kind: person
            variants: [Ali Bey Kaya]
          - id: war-ministry
            label: Ministry of War
            kind: organisation
        """,
    "sources/memoirs.yaml": """
        sources:
          - id: ali-memoir
            type: book
            author: [{family: Kaya, given: Ali Bey}]
            issued: 1950
            kind: original
          - id: ali-letter
            type: personal_communication
            authors: [ali]
            issued: 1921
            kind: original
        """,
    "claims/memoirs.yaml": """
        claims:
          - id: memoir-day
            source: ali-memoir
            subject: declaration-1917
            property: signed-on
            value: 5 December 1917
            locator: page 9
            quote: the 5th of December
          - id: letter-day
            source: ali-letter
            subject: declaration-1917
            property: signed-on
            value: 20 December 1917
            locator: line 2
            quote: the 20th of December
        """,
}


def finding_of(findings, subject, prop, qualifier=None):
    return next(f for f in findings.findings if f.key == (subject, prop, qualifier))


# ---------------------------------------------------------------- persons as witnesses

def test_works_of_one_person_count_as_one_witness():
    gazetteer = Gazetteer([Entity(id="ali", label="Ali Bey", kind="person"), Entity(id="kars", label="Kars", kind="place")])
    sources = {"memoir": Source(id="memoir", authors=["ali"]), "letter": Source(id="letter", authors=["ali"]),
               "other": Source(id="other")}
    graph = WitnessGraph(sources, authors_of(sources, gazetteer))
    independent, folded = graph.independent({"memoir", "letter", "other"})
    assert independent == ["letter", "other"] and folded == {"memoir": "letter"}
    assert graph.same_voice("memoir", "letter") and not graph.same_voice("memoir", "other")


def test_csl_author_names_are_matched_to_the_gazetteer_and_the_match_is_said():
    gazetteer = Gazetteer([Entity(id="ali", label="Ali Bey", kind="person", variants=["Ali Bey Kaya"]),
                           Entity(id="kaya", label="Kaya", kind="place")])
    sources = {"memoir": Source(id="memoir", author=[{"family": "Kaya", "given": "Ali Bey"}]),
               "town": Source(id="town", author=[{"literal": "Kaya"}])}  # a place writes nothing
    found = authors_of(sources, gazetteer)
    assert found["memoir"].entities == ("ali",)
    assert found["memoir"].how == "matched by the author name ‘Ali Bey Kaya’"
    assert "town" not in found


def test_a_person_contradicting_himself_is_said_in_words_and_not_graded_against_himself(small_ledger):
    write_files(small_ledger, MEMOIRS)
    ledger = load_ledger(small_ledger)
    findings = compare_ledger(ledger)
    finding = finding_of(findings, "declaration-1917", "signed-on")
    assert finding.status is Status.DISPUTED
    assert finding.self_contradictions == [
        "self-contradiction of Ali Bey: 5 December 1917 in the 1950 book ali-memoir (page 9); "
        "20 December 1917 in the 1921 letter ali-letter (line 2)"]
    assert finding.self_contradictions[0] in finding.status_reason
    assert findings.credibility["memoir-day"] == findings.credibility["letter-day"] == 6  # nobody else to judge by
    assert [v.same_author for v in finding.versions] == [{}, {}]


def test_one_person_agreeing_with_himself_is_one_witness(small_ledger):
    files = dict(MEMOIRS)
    files["claims/memoirs.yaml"] = MEMOIRS["claims/memoirs.yaml"].replace("20 December 1917", "5 December 1917")
    write_files(small_ledger, files)
    findings = compare_ledger(load_ledger(small_ledger))
    finding = finding_of(findings, "declaration-1917", "signed-on")
    assert finding.status is Status.SINGLE_SOURCE
    assert finding.versions[0].same_author == {"ali-memoir": "ali-letter"}
    assert finding.versions[0].witness_count == 1


def test_an_author_the_gazetteer_lacks_is_a_problem(small_ledger):
    write_files(small_ledger, {"sources/more.yaml": "sources:\n  - id: x\n    authors: [nobody]\n"})
    problems = [p.message for p in load_ledger(small_ledger).errors]
    assert any("unknown entity 'nobody'" in m for m in problems)


def test_the_demo_shows_yusuf_kemal_contradicting_himself():
    findings = compare_ledger(load_ledger(REPO))
    finding = finding_of(findings, "treaty-of-moscow", "signed-on", "actual")
    assert finding.self_contradictions == [
        "self-contradiction of Yusuf Kemal (Tengirşenk): 22 or 23 March 1921 in the 1962 article tengirsenk-ilk-temasimiz; "
        "18 March 1921 in the 1981 book tengirsenk-vatan-hizmetinde"]
    assert findings.credibility["thesis-moscow-real-22-23"] == findings.credibility["thesis-moscow-vatan-18"] == 6


# ---------------------------------------------------------------- incomparable

def test_a_fact_whose_only_pair_cannot_be_compared_is_incomparable(small_ledger):
    write_files(small_ledger, {"claims/promise.yaml": """
        claims:
          - id: a-promise
            source: book-a
            subject: gold-1920
            property: amount
            qualifier: promised
            value: 1 million gold rubles?
            locator: page 41
            quote: one million in gold
          - id: c-promise
            source: article-c
            subject: gold-1920
            property: amount
            qualifier: promised
            value: 2 million Turkish liras
            locator: paragraph 13
            quote: two million liras
        """})
    finding = finding_of(compare_ledger(load_ledger(small_ledger)), "gold-1920", "amount", "promised")
    assert finding.status is Status.INCOMPARABLE
    assert finding.status_reason.startswith("no pair of claims from different witnesses can be compared: ")
    assert "doubts its unit" in finding.status_reason


# ---------------------------------------------------------------- grades after a resolution

def test_a_rejected_claim_no_longer_weighs_against_the_accepted_value(small_ledger):
    """The README's worked example: b-moscow's 16 May is rejected; a-moscow and c-moscow each
    have one other independent witness with them and, with 16 May set aside, none against."""
    findings = compare_ledger(load_ledger(small_ledger))
    assert finding_of(findings, "treaty-of-moscow", "signed-on", "actual").status is Status.RESOLVED
    assert [findings.credibility[c] for c in ("a-moscow", "c-moscow", "b-moscow")] == [2, 2, 5]


def test_without_the_resolution_the_contradiction_still_weighs(small_ledger):
    (small_ledger / "resolutions" / "resolutions.yaml").unlink()
    findings = compare_ledger(load_ledger(small_ledger))
    assert [findings.credibility[c] for c in ("a-moscow", "c-moscow", "b-moscow")] == [4, 4, 5]


# ---------------------------------------------------------------- scoped rates

def rated_ledger(root: Path, scope: str, dated: str | None = "June 1920") -> Path:
    """The small ledger with 11 million lira against book-a's 10 million gold rubles
    (the promise of 1920), a rate claim with ``scope``, and gold-1920 ``dated``."""
    date_claim = f"""
          - id: c-gold-date
            source: article-c
            subject: gold-1920
            property: occurred-on
            value: {dated}
            locator: paragraph 11
            quote: in {dated}""" if dated else ""
    return write_files(root, {"claims/rates.yaml": f"""
        claims:
          - id: a-promise
            source: book-a
            subject: gold-1920
            property: amount
            qualifier: promised
            value: 10 million gold rubles
            locator: page 41
            quote: ten million
          - id: c-promise
            source: article-c
            subject: gold-1920
            property: amount
            qualifier: promised
            value: 11 million Turkish liras
            locator: paragraph 13
            quote: eleven million liras
          - id: rate-1920
            source: book-b
            subject: gold-1920
            property: exchange-rate
            value: 1 gold ruble = 1.1 Turkish lira
            locator: page 8
            quote: one ruble was 1.1 lira{f"{chr(10)}            applies_to: {scope}" if scope else ""}{date_claim}
        """})


def promised(root: Path):
    ledger = load_ledger(root)
    assert ledger.errors == [], ledger.errors
    return finding_of(compare_ledger(ledger), "gold-1920", "amount", "promised").pairs[0]


def test_a_rate_converts_within_its_period_and_says_which_rate(small_ledger):
    pair = promised(rated_ledger(small_ledger, "{period: 1920}"))
    assert pair.relation.value == "agree"
    assert pair.reason.endswith("converted at 1 gold ruble = 1.1 Turkish lira (claim rate-1920, for 1920)")


def test_a_rate_out_of_its_period_is_not_used_and_the_reason_says_why(small_ledger):
    pair = promised(rated_ledger(small_ledger, "{period: 1921}"))
    assert pair.relation.value == "incomparable"
    assert pair.reason.endswith("no rate applies between them (the rate of claim rate-1920 holds for 1921, "
                                "not for gold-1920, dated 1920-06-01 to 1920-06-30)")


def test_a_rate_without_a_period_holds_for_the_dates_of_its_own_subject(small_ledger):
    pair = promised(rated_ledger(small_ledger, ""))
    assert pair.relation.value == "agree"
    assert pair.reason.endswith("(claim rate-1920, for the dates of gold-1920, 1920-06-01 to 1920-06-30)")


def test_a_rate_with_a_period_does_not_apply_to_an_undated_fact(small_ledger):
    pair = promised(rated_ledger(small_ledger, "{period: 1920}", dated=None))
    assert "no date of gold-1920 is recorded" in pair.reason


def test_a_rate_for_other_subjects_or_sources_is_not_used(small_ledger):
    scope = "{subjects: [treaty-of-moscow]}"
    assert "is for treaty-of-moscow only" in promised(rated_ledger(small_ledger, scope)).reason
    scope = "{sources: [book-a]}"
    assert "is for the figures of book-a only" in promised(rated_ledger(small_ledger, scope)).reason
    scope = "{sources: [book-a, article-c]}"
    assert promised(rated_ledger(small_ledger, scope)).relation.value == "agree"


def test_a_scope_naming_unknown_ids_is_a_problem(small_ledger):
    rated_ledger(small_ledger, "{period: someday, subjects: [nowhere]}")
    messages = [p.message for p in load_ledger(small_ledger).errors]
    assert any("claim 'rate-1920': the period it applies to" in m for m in messages)
    assert any("unknown subject 'nowhere'" in m for m in messages)
