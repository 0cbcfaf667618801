"""Pairs of claims and the one relation between them, across every value type, stance and hedge.

Each row is two claims as a historian would write them (a stance may lead: "denies: ...")
and the relation a careful reader would give, with words its reason must contain.
"""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecrit.compare.findings import compare_context
from sourcecrit.compare.relations import relate_claims
from sourcecrit import load_ledger
from sourcecrit.ledger.readings import read_value
from sourcecrit.models import Claim
from sourcecrit.values import Relation, value_type
from tests.conftest import write_files

AGREE, CONSISTENT, CONTRADICT, INCOMPARABLE = (Relation.AGREE, Relation.CONSISTENT, Relation.CONTRADICT,
                                               Relation.INCOMPARABLE)

LEDGER = {
    "sources/sources.yaml": """
        sources:
          - id: s
            title: a source
        """,
    "claims/s.yaml": "claims: []\n",
    "declarations/declarations.yaml": """
        subjects:
          - id: fact
            label: a fact
        properties:
          - {id: date, label: date, type: date}
          - {id: amount, label: amount, type: quantity}
          - {id: place, label: place, type: entities}
          - {id: participants, label: participants, type: entities, multi: true}
          - {id: text, label: text, type: text}
          - {id: rate, label: rate, type: rate}
        units:
          - {id: gold-ruble, label: gold ruble, variants: [gold rubles, rubles in gold]}
          - {id: ruble, label: ruble, variants: [rubles]}
          - {id: turkish-lira, label: Turkish lira, variants: [Turkish liras, lira]}
          - {id: rifle, label: rifle, variants: [rifles]}
        """,
    "gazetteer/gazetteer.yaml": """
        entities:
          - {id: budyonny, label: Semyon Budyonny, kind: person, variants: [Budyenny, Budennii, Budenny]}
          - {id: kemal, label: Mustafa Kemal, kind: person, variants: [Mustafa Kemal Pasha, Mustafa Kemal Paşa]}
          - {id: suphi, label: Mustafa Suphi, kind: person, variants: [Mustafa Subhi]}
          - {id: ordzhonikidze, label: Sergo Ordzhonikidze, kind: person, variants: [Orjonikidze, Orconikidze]}
          - {id: frunze, label: Mikhail Frunze, kind: person, variants: [Frunze]}
          - {id: gumri, label: Gumri, kind: place, variants: [Gümrü, Alexandropol, Aleksandropol, Leninakan]}
          - {id: kars, label: Kars, kind: place}
          - {id: havza, label: Havza, kind: place}
          - {id: nakhchivan, label: Nakhchivan, kind: place, variants: [Nahçivan, Nahchivan, Nakhichevan]}
        """,
}

CASES = [
    # dates: calendars
    ("date", "20 November 1917 OS", "3 December 1917", AGREE, "same day"),
    ("date", "20 November 1917 (Old Style)", "20 November 1917", CONTRADICT, "13 days apart"),
    ("date", "7 November 1917", "25 October 1917 Julian", AGREE, "same day"),
    ("date", "16 Mart 1337 Rumi", "16 March 1921", AGREE, "same day"),
    ("date", "1 Teşrinievvel 1336", "1 October 1920", AGREE, "same day"),
    ("date", "1 Teşrinievvel 1336", "14 October 1920", CONTRADICT, "apart"),
    ("date", "3 Mart 1333 Rumi", "3 March 1917", AGREE, "same day"),
    ("date", "1 Rajab 1339 AH", "11 March 1921", CONSISTENT, "±2 days"),
    ("date", "1 Rajab 1339 AH", "12 March 1921", CONSISTENT, "Hijri"),
    ("date", "1 Rajab 1339 AH", "20 March 1921", CONTRADICT, "apart"),
    # dates: precision
    ("date", "April 1920", "26 April 1920", CONSISTENT, "less precise"),
    ("date", "1920", "26 April 1920", CONSISTENT, "less precise"),
    ("date", "April 1920", "May 1920", CONTRADICT, "do not overlap"),
    ("date", "1921", "1920", CONTRADICT, "do not overlap"),
    ("date", "March 1921", "1921-03", AGREE, ""),
    ("date", "16 March 1921", "1921-03-16", AGREE, ""),
    ("date", "16 March 1921", "16 May 1921", CONTRADICT, "61 days apart"),
    ("date", "spring 1920", "26 April 1920", CONSISTENT, ""),
    ("date", "spring 1920", "August 1920", CONTRADICT, ""),
    # dates: approximate and uncertain
    ("date", "about 16 March 1921", "18 March 1921", CONSISTENT, "margin"),
    ("date", "about 16 March 1921", "25 March 1921", CONTRADICT, ""),
    ("date", "c. 1921", "1922", CONSISTENT, "margin"),
    ("date", "about March 1921", "10 April 1921", CONSISTENT, "margin"),
    ("date", "16 March 1921?", "16 March 1921", AGREE, ""),
    # dates: one-of sets
    ("date", "22 or 23 March 1921", "22 March 1921", CONSISTENT, "one of"),
    ("date", "22 or 23 March 1921", "16 March 1921", CONTRADICT, ""),
    ("date", "22 or 23 March 1921", "18 March 1921", CONTRADICT, ""),
    ("date", "22 or 23 March 1921", "23 or 24 March 1921", CONSISTENT, ""),
    ("date", "22 or 23 March 1921", "March 1921", CONSISTENT, ""),
    # dates: spans and bounds
    ("date", "1-10 September 1920", "1-8 September 1920", CONTRADICT, "end"),
    ("date", "1-10 September 1920", "1 to 10 September 1920", AGREE, ""),
    ("date", "1-10 September 1920", "2-10 September 1920", CONTRADICT, "start"),
    ("date", "1-10 September 1920", "September 1920", CONSISTENT, ""),
    ("date", "before 16 March 1921", "10 March 1921", CONSISTENT, ""),
    ("date", "before 16 March 1921", "20 March 1921", CONTRADICT, ""),
    ("date", "after May 1919", "25 May 1919", CONTRADICT, ""),
    ("date", "after May 1919", "June 1919", CONSISTENT, ""),
    # quantities
    ("amount", "10 million gold rubles", "10,000,000 gold rubles", AGREE, ""),
    ("amount", "ten million gold rubles", "10 million rubles in gold", AGREE, ""),
    ("amount", "10 million gold rubles", "6 million gold rubles", CONTRADICT, ""),
    ("amount", "one to three million gold rubles", "2 million gold rubles", CONSISTENT, "within"),
    ("amount", "one to three million gold rubles", "5 million gold rubles", CONTRADICT, ""),
    ("amount", "about 100,000 rifles", "105,000 rifles", CONSISTENT, "within"),
    ("amount", "about 100,000 rifles", "150,000 rifles", CONTRADICT, ""),
    ("amount", "at least 5,000 rifles", "6,000 rifles", CONSISTENT, ""),
    ("amount", "at least 5,000 rifles", "4,000 rifles", CONTRADICT, ""),
    ("amount", "3 million (rubles?)", "2 million (rubles?)", CONTRADICT, "doubted"),
    ("amount", "3 million (rubles?)", "3 million gold rubles", INCOMPARABLE, "doubts its unit"),
    ("amount", "5 million Turkish lira", "10 million gold rubles", INCOMPARABLE, "no rate"),
    ("amount", "5,000 rifles", "5 million gold rubles", INCOMPARABLE, "no rate"),
    # entities
    ("place", "Havza", "havza", AGREE, ""),
    ("place", "Gümrü", "Alexandropol", AGREE, ""),
    ("place", "Leninakan", "Gumri", AGREE, ""),
    ("place", "Nahçivan", "Nakhichevan", AGREE, ""),
    ("place", "Gümrü", "Kars", CONTRADICT, "names"),
    ("participants", "[Mustafa Kemal Paşa, Budyenny]", "[Mustafa Kemal, Budennii]", AGREE, "both name"),
    ("participants", "[Mustafa Kemal, Budyenny]", "[Mustafa Kemal]", CONSISTENT, "does not mention"),
    ("participants", "[Mustafa Kemal, Budyenny]", "[Mustafa Kemal, Mustafa Subhi]", CONSISTENT, "need not be complete"),
    ("participants", "{host: Mustafa Kemal, envoy: Budyenny}", "{host: Mustafa Kemal, envoy: Mustafa Suphi}", CONTRADICT,
     "as envoy"),
    ("participants", "{host: Mustafa Kemal, envoy: Budyenny}", "{host: Mustafa Kemal Pasha, envoy: Budenny}", AGREE, ""),
    ("participants", "{host: Mustafa Kemal, envoy: Budyenny}", "{host: Mustafa Kemal}", CONSISTENT, ""),
    ("participants", "[Orjonikidze, Frunze]", "[Sergo Ordzhonikidze, Frunze]", AGREE, ""),
    # text
    ("text", "a treaty of friendship", "A  treaty of friendship", AGREE, ""),
    ("text", "a treaty of friendship", "a treaty of brotherhood", INCOMPARABLE, ""),
    # stances
    ("participants", "denies: [Budyenny]", "[Mustafa Kemal, Budyenny]", CONTRADICT, "denies what"),
    ("participants", "doubts: [Mustafa Kemal, Budyenny]", "[Mustafa Kemal, Budyenny]", CONTRADICT, "doubts what"),
    ("participants", "denies: [Budyenny]", "[Mustafa Kemal, Mustafa Suphi]", CONSISTENT, "does not assert"),
    ("date", "denies: 16 May 1921", "16 May 1921", CONTRADICT, "denies what"),
    ("date", "denies: 16 May 1921", "16 March 1921", CONSISTENT, "does not assert"),
    ("date", "denies: 16 May 1921", "denies: 16 May 1921", AGREE, "both denies"),
    ("amount", "doubts: 10 million gold rubles", "10 million gold rubles", CONTRADICT, "doubts what"),
]

RATE_CASES = [
    ("amount", "1.1 million Turkish lira", "1 million gold rubles", AGREE, "converted at"),
    ("amount", "5 million Turkish lira", "1 million gold rubles", CONTRADICT, "converted at"),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    root = write_files(tmp_path_factory.mktemp("relations"), LEDGER)
    loaded = load_ledger(root, use_cache=False)
    assert not loaded.problems
    return loaded


def claim_of(ledger, cid: str, prop: str, written: str) -> tuple[Claim, object]:
    stance = "asserts"
    if written.startswith(("denies: ", "doubts: ")):
        stance, written = written.split(": ", 1)
    value = _written_value(written)
    claim = Claim(id=cid, source="s", subject="fact", property=prop, value=value, stance=stance,
                  locator="line 1", quote="q")
    return claim, read_value(ledger, prop, value)


def _written_value(written: str):
    """The value as YAML would hand it over: a list or a mapping of roles for entity values."""
    if written.startswith("[") and written.endswith("]"):
        return [name.strip() for name in written[1:-1].split(",")]
    if written.startswith("{") and written.endswith("}"):
        pairs = (item.split(":", 1) for item in written[1:-1].split(","))
        return {role.strip(): name.strip() for role, name in pairs}
    return written


def relate(ledger, prop: str, a: str, b: str, context=None):
    claim_a, value_a = claim_of(ledger, "a", prop, a)
    claim_b, value_b = claim_of(ledger, "b", prop, b)
    kind = value_type(ledger.properties[prop].type)
    context = context or compare_context(ledger)
    if ledger.properties[prop].multi:
        from dataclasses import replace

        context = replace(context, multi=True)
    return relate_claims(claim_a, claim_b, value_a, value_b, kind, context), relate_claims(
        claim_b, claim_a, value_b, value_a, kind, context)


def test_the_table_covers_every_type_and_relation():
    assert len(CASES) + len(RATE_CASES) >= 60
    types = {"date", "amount", "place", "participants", "text"}
    assert {case[0] for case in CASES} == types
    for relation in Relation:
        assert any(case[3] is relation for case in CASES), relation


@pytest.mark.parametrize("prop, a, b, expected, words", CASES, ids=[f"{c[1]} ~ {c[2]}" for c in CASES])
def test_relation(ledger, prop, a, b, expected, words):
    forward, backward = relate(ledger, prop, a, b)
    assert forward.relation is expected, forward.reason
    assert backward.relation is expected, backward.reason  # the relation does not depend on the order
    assert words in forward.reason


def test_a_recorded_rate_converts_and_the_reason_names_it(ledger):
    from sourcecrit.values.rate import as_rate

    rate = as_rate(read_value(ledger, "rate", "1 gold ruble = 1.1 Turkish lira"), "rate-claim")
    context = compare_context(ledger)
    context.rates = [rate]
    for prop, a, b, expected, words in RATE_CASES:
        forward, backward = relate(ledger, prop, a, b, context)
        assert forward.relation is expected and backward.relation is expected, forward.reason
        assert words in forward.reason and "rate-claim" in forward.reason


def test_hedges_stay_in_the_reason(ledger):
    a, value_a = claim_of(ledger, "a", "amount", "3 million (rubles?)")
    b, value_b = claim_of(ledger, "b", "amount", "2 million (rubles?)")
    a.hedges, b.hedges = ["it is said"], ["(rubles?)"]
    result = relate_claims(a, b, value_a, value_b, value_type("quantity"), compare_context(ledger))
    assert result.relation is CONTRADICT
    assert "both claims are hedged" in result.reason and "‘it is said’" in result.reason


NAMES = st.lists(st.sampled_from(["Mustafa Kemal", "Budyenny", "Budennii", "Mustafa Suphi", "Orjonikidze", "Frunze"]),
                 min_size=1, max_size=4)
ROLES = st.dictionaries(st.sampled_from(["host", "envoy", "witness"]), NAMES, min_size=1, max_size=2)
STANCES = st.sampled_from(["", "denies: ", "doubts: "])


@settings(max_examples=150, deadline=None)
@given(a=NAMES | ROLES, b=NAMES | ROLES, stance_a=STANCES, stance_b=STANCES, prop=st.sampled_from(["participants", "place"]))
def test_entity_relations_are_symmetric_and_agreement_is_consistency(ledger, a, b, stance_a, stance_b, prop):
    if prop == "place":
        a, b = (a if isinstance(a, list) else next(iter(a.values())))[:1], (b if isinstance(b, list) else next(iter(b.values())))[:1]
    written = [stance_a + _as_written(a), stance_b + _as_written(b)]
    forward, backward = relate(ledger, prop, *written)
    assert forward.relation is backward.relation
    if forward.relation is AGREE and not stance_a and not stance_b:
        # what agrees is also consistent: it never contradicts a third list the other does not contradict
        for third in (["Mustafa Kemal"], ["Frunze", "Budyenny"]):
            one, _ = relate(ledger, prop, written[0], _as_written(third))
            two, _ = relate(ledger, prop, written[1], _as_written(third))
            assert (one.relation is CONTRADICT) == (two.relation is CONTRADICT)


def _as_written(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return "{" + ", ".join(f"{role}: {names[0]}" for role, names in value.items()) + "}"


@pytest.mark.parametrize("written", [
    {"host": "Mustafa Kemal", "envoy": "Budyenny"},
    {"host": "Mustafa Kemal", "envoy": ["Budyenny", "Frunze"]},
    ["Kars", "Gumri"],
    "Havza",
])
def test_an_entities_value_written_as_one_line_reads_back_the_same(ledger, written):
    """The TUI's resolution form offers the written form of a version's value; saved, it must
    read as that value again, roles and all."""
    kind = value_type("entities")
    value = read_value(ledger, "participants", written)
    line = kind.written(value)
    assert isinstance(line, str)
    assert read_value(ledger, "participants", line) == value


def test_roles_in_one_line_of_text(ledger):
    value = read_value(ledger, "participants", "host: Mustafa Kemal Pasha; envoy: Budennii; envoy: Frunze")
    assert value.roles == (("host", ("kemal",)), ("envoy", ("budyonny", "frunze")))
    assert value_type("entities").written(value) == "host: kemal; envoy: budyonny; envoy: frunze"


def test_a_colon_in_one_name_of_several_is_part_of_the_name(ledger):
    from sourcecrit.values import ValueProblem

    with pytest.raises(ValueProblem, match="'Kars: the fortress' is not in the gazetteer"):
        read_value(ledger, "participants", "Kars: the fortress; Gumri")
