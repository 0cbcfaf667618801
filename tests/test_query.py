"""The query layer over a large synthetic index: the right facts for each kind of filter.

How fast it is belongs to the benchmark (benchmarks/run.py, row tui_keys), not to a test.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from sourcecrit.cli import main
from sourcecrit.compare import STATUS_ORDER, Finding, Status, compare_ledger
from sourcecrit.ledger import load_ledger
from sourcecrit.names import fold, skeleton
from sourcecrit.query import Facts, Filters, SearchText, select_facts
from sourcecrit.tui.state import build_state
from tests.conftest import SMALL

FACTS = 20_000
WORDS = ["treaty", "moscow", "kars", "havza", "gold", "rubles", "rifles", "envoy", "mission", "ankara",
         "baku", "erzurum", "signed", "arrived", "sent", "promised", "frunze", "aralov", "cebesoy"]
BUDYONNY_EVERY = 97  # every 97th fact names Budyonny, written "Budyenny" in its claims
ALEXANDROPOL_EVERY = 211  # every 211th names Alexandropol, written only as the gazetteer's label


def _matching(query: str) -> set[str]:
    """A stand-in for the gazetteer: the variants it knows of two names."""
    known = {"budyonny": {"budenny", "budyenny", "budyonny", "budennii"}, "alexandropol": {"gumri", "gyumri", "gumru"}}
    return {entity for entity, names in known.items() if fold(query) in names | {entity}}


@pytest.fixture(scope="module")
def index() -> Facts:
    chance = random.Random(1921)
    findings, folded, skeletal, sources, entities = [], [], [], [], []
    for n in range(FACTS):
        status = STATUS_ORDER[n % len(STATUS_ORDER)]
        findings.append(Finding(f"subject-{n}", "signed-on", None, status, "", [f"c{n}-{k}" for k in range(3)], [], []))
        names = set()
        text = " ".join(chance.sample(WORDS, 3)) + f" fact {n} source {n % 500}"
        if n % BUDYONNY_EVERY == 0:
            names.add("budyonny")
            text += " Budyenny"
        if n % ALEXANDROPOL_EVERY == 0:
            names.add("alexandropol")
            text += " Alexandropol"
        folded.append(fold(text))
        skeletal.append(skeleton(text))
        sources.append(frozenset({f"source-{n % 500}"}))
        entities.append(frozenset(names))
    by_entity: dict[str, list[int]] = {}
    for i, ids in enumerate(entities):
        for entity in ids:
            by_entity.setdefault(entity, []).append(i)
    search = SearchText(folded, skeletal, sources, entities, by_entity, _matching)
    return Facts(SimpleNamespace(), SimpleNamespace(findings=findings), search)


def test_no_filter_shows_every_fact(index):
    assert index.select(Filters()) == list(range(FACTS))


def test_status_filter(index):
    shown = index.select(Filters(statuses=frozenset({Status.DISPUTED, Status.RESOLVED})))
    assert shown == [i for i in range(FACTS) if STATUS_ORDER[i % len(STATUS_ORDER)] in (Status.DISPUTED, Status.RESOLVED)]


def test_every_word_of_the_query_must_be_found(index):
    shown = index.select(Filters(query="moscow gold"))
    assert shown and all("moscow" in index.search.folded[i] and "gold" in index.search.folded[i] for i in shown)
    assert len(shown) == sum(1 for text in index.search.folded if "moscow" in text and "gold" in text)


def test_a_spelling_variant_finds_the_name(index):
    budyonny = [i for i in range(FACTS) if i % BUDYONNY_EVERY == 0]
    assert index.select(Filters(query="Budenny")) == budyonny  # the skeleton and the gazetteer both know it
    assert index.select(Filters(query="Gumri")) == [i for i in range(FACTS) if i % ALEXANDROPOL_EVERY == 0]


def test_variant_query_with_status_and_source(index):
    shown = index.select(Filters(query="budenny", statuses=frozenset({Status.DISPUTED}), sources=("source-0",)))
    assert shown == [i for i in range(FACTS) if i % BUDYONNY_EVERY == 0 and i % 500 == 0
                     and STATUS_ORDER[i % len(STATUS_ORDER)] is Status.DISPUTED]


def test_entity_filter(index):
    assert index.select(Filters(entities=("alexandropol",))) == [i for i in range(FACTS) if i % ALEXANDROPOL_EVERY == 0]


def test_a_misspelt_word_finds_the_close_one(index):
    assert index.select(Filters(query="erzerum")) == index.select(Filters(query="erzurum"))


def test_nothing_matches(index):
    assert index.select(Filters(query="xyzzy")) == []


def test_searching_waits_for_the_search_text(index):
    unbuilt = Facts(SimpleNamespace(), SimpleNamespace(findings=index.findings))
    assert unbuilt.select(Filters(query="moscow")) is None  # the overview says it is preparing
    assert len(unbuilt.select(Filters(statuses=frozenset({Status.AGREED})))) == FACTS // len(STATUS_ORDER)


# ---------------------------------------------------------------- filters are values

def test_filters_are_immutable_and_compose():
    everything = Filters()
    memoir = everything.only("source", "memoir")
    narrowed = memoir.only("status", Status.DISPUTED).containing("Budenny")
    assert everything == Filters() and not everything.narrowed
    assert memoir.sources == ("memoir",) and memoir.statuses == ()
    assert (narrowed.sources, narrowed.statuses, narrowed.query) == (("memoir",), (Status.DISPUTED,), "Budenny")
    assert narrowed.without("status") == memoir.containing("Budenny")
    assert narrowed.only("source", "book-a").sources == ("book-a",)  # in place of the one given before


def test_equal_filters_are_written_one_way():
    assert Filters(statuses={Status.RESOLVED, Status.DISPUTED}).statuses == (Status.DISPUTED, Status.RESOLVED)
    assert Filters(sources=["b", "a", "b"]).sources == ("b", "a")  # the order given, each once
    assert Filters(subjects="treaty-of-moscow").subjects == ("treaty-of-moscow",)


# ---------------------------------------------------------------- one meaning, everywhere

REPO = Path(__file__).resolve().parent.parent
ATTRIBUTED_ONLY = "tengirsenk-vatan-hizmetinde"  # no claim is from it; five are attributed to it


def report_keys(capsys, ledger: Path, *args: str) -> list[tuple]:
    assert main(["report", str(ledger), "--format", "json", "--status", "all", *args]) == 0
    return [(f["subject"], f["property"], f["qualifier"]) for f in json.loads(capsys.readouterr().out)["findings"]]


def test_a_fact_is_of_the_sources_its_claims_are_attributed_to(capsys):
    ledger = load_ledger(SMALL)
    chosen = select_facts(ledger, compare_ledger(ledger), Filters(sources=("memoir",)))
    assert [f.key for f in chosen] == [("havza-meeting", "participants", None)]  # a-havza, book-a after the memoir
    assert report_keys(capsys, SMALL, "--source", "memoir") == [f.key for f in chosen]


def test_the_tui_and_the_report_select_the_same_facts_of_a_source(capsys):
    state = build_state(load_ledger(REPO))
    state.index.build_search()
    shown = [state.index.findings[i].key for i in state.index.select(Filters(sources=(ATTRIBUTED_ONLY,)))]
    assert len(shown) == 5
    assert report_keys(capsys, REPO, "--source", ATTRIBUTED_ONLY) == shown


def test_the_report_names_and_searches_as_the_overview_does(capsys):
    ledger = load_ledger(SMALL)
    facts = Facts(ledger, compare_ledger(ledger))
    for args, filters in ((["--name", "budyonny"], Filters(entities=("budyonny",))),
                          (["--search", "Budenny"], Filters(query="Budenny")),
                          (["--search", "16 may"], Filters(query="16 may"))):
        expected = [f.key for f in facts.matching(filters)]
        assert expected and report_keys(capsys, SMALL, *args) == expected
