"""Witness counting: copies, containment, self-repetition and circular citation."""

from __future__ import annotations

from sourcecrit.compare import WitnessGraph
from sourcecrit.models import Claim, Source


def source(sid: str, kind: str = "authored-narrative", cites=(), contained_in=None) -> Source:
    return Source(id=sid, kind=kind, cites=list(cites), contained_in=contained_in)


def claim(cid: str, source_id: str, attributed_to: str | None = None) -> Claim:
    return Claim(id=cid, source=source_id, subject="s", property="p", value="x", quote="q", attributed_to=attributed_to)


def graph(*sources: Source) -> WitnessGraph:
    return WitnessGraph({s.id: s for s in sources})


def test_five_derivative_books_repeating_one_memoir_are_one_witness():
    books = [source(f"book-{i}", "derivative", cites=["memoir"]) for i in range(5)]
    g = graph(source("memoir", "original"), *books)
    witnesses = {g.witness_of(claim(f"c{i}", f"book-{i}")) for i in range(5)}
    assert witnesses == {"memoir"}
    assert g.independent(witnesses)[0] == ["memoir"]


def test_attribution_names_the_witness():
    g = graph(source("thesis"), source("karabekir", "original"))
    assert g.witness_of(claim("c", "thesis", attributed_to="karabekir")) == "karabekir"


def test_a_narrative_that_cites_a_witness_is_not_independent_of_it():
    g = graph(source("memoir", "original"), source("history", cites=["memoir"]), source("other"))
    independent, drawn = g.independent({"memoir", "history", "other"})
    assert independent == ["memoir", "other"]
    assert drawn == {"history": "memoir"}


def test_two_narratives_citing_different_witnesses_stay_independent():
    g = graph(source("m1", "original"), source("m2", "original"), source("a", cites=["m1"]), source("b", cites=["m2"]))
    assert g.independent({"a", "b"})[0] == ["a", "b"]


def test_a_page_and_the_letter_it_prints_are_one_witness():
    g = graph(source("page"), source("letter", "original", contained_in="page"))
    assert g.independent({"page", "letter"})[0] == ["letter"]


def test_a_source_repeating_itself_is_one_witness():
    g = graph(source("thesis"))
    witnesses = {g.witness_of(claim("text", "thesis")), g.witness_of(claim("footnote", "thesis"))}
    assert g.independent(witnesses)[0] == ["thesis"]


def test_circular_citation_is_cut_not_looped():
    g = graph(source("a", "derivative", cites=["b"]), source("b", "derivative", cites=["a"]))
    assert g.witness_of(claim("c", "a")) in {"a", "b"}
    independent, _ = g.independent({"a", "b"})
    assert len(independent) == 1
