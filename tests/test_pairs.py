"""Pairs of claims derived from groups of alike claims: the same pairs, relations and
reasons as comparing every pair of claims one by one, at the cost of the distinct values."""

from __future__ import annotations

import pickle
import random
from itertools import combinations
from pathlib import Path

import pytest

import sourcecrit.compare.pairs as pairs_module

from sourcecrit.compare import Status, compare_ledger
from sourcecrit.compare.findings import compare_context
from sourcecrit.compare.pairs import Pair, PairList, class_key
from sourcecrit.compare.relations import relate_claims
from sourcecrit.ledger import load_ledger
from sourcecrit.models import Stance
from sourcecrit.values import Relation, value_type
from tests.conftest import write_files

VALUES = ["16 March 1921", "16 May 1921", "March 1921", "1921", "garbled date"]


def many_claims(root, count: int, seed: int = 7):
    """The small ledger with ``count`` claims on one fact, drawn from a few values, stances and hedges."""
    rng = random.Random(seed)
    lines = ["claims:"]
    for n in range(count):
        stance = rng.choice(["asserts", "asserts", "asserts", "denies", "doubts"])
        hedges = rng.choice(["[]", "[]", "[it is said]"])
        lines.append(f"  - {{id: m{n}, source: {rng.choice(['book-a', 'book-b', 'article-c', 'memoir'])}, "
                     f"subject: declaration-1917, property: signed-on, value: {rng.choice(VALUES)}, stance: {stance}, "
                     f"hedges: {hedges}, locator: p. {n}, quote: q}}")
    write_files(root, {"claims/many.yaml": "\n".join(lines) + "\n"})
    return load_ledger(root)


def one_by_one(ledger, claims) -> list[Pair]:
    kind, context = value_type("date"), compare_context(ledger)
    values = ledger.values
    return [Pair(a.id, b.id, *(lambda c: (c.relation, c.reason))(relate_claims(a, b, values.get(a.id), values.get(b.id), kind, context)))
            for a, b in combinations(claims, 2)]


def test_pairs_from_groups_are_the_pairs_one_by_one(small_ledger):
    ledger = many_claims(small_ledger, 60)
    claims = [c for c in ledger.claims.values() if c.id.startswith("m")]
    pairs = PairList.of(claims, ledger.values, value_type("date"), compare_context(ledger), class_key(ledger, compare_context(ledger)))
    expected = one_by_one(ledger, claims)
    assert len(pairs.members) < 40  # far fewer groups than claims
    assert list(pairs) == expected
    assert len(pairs) == len(expected)
    for relation in Relation:
        assert pairs.count(relation) == sum(p.relation is relation for p in expected)
        assert pairs.first(relation) == next((p for p in expected if p.relation is relation), None)
    assert pickle.loads(pickle.dumps(pairs)) == pairs and list(pickle.loads(pickle.dumps(pairs))) == expected


def test_a_fact_of_many_claims_gets_its_status_grades_and_versions(small_ledger):
    ledger = many_claims(small_ledger, 200, seed=3)
    findings = compare_ledger(ledger)
    finding = next(f for f in findings.findings if f.key == ("declaration-1917", "signed-on", None))
    assert finding.status is Status.DISPUTED
    assert sum(len(v.claims) for v in finding.versions) == len(finding.claims)
    assert all(findings.credibility[c] in range(1, 7) for c in finding.claims)
    asserted = [v for v in finding.versions if v.stance is Stance.ASSERTS and not v.label.startswith("(unreadable")]
    assert len({v.label for v in asserted}) == len(asserted) == 4  # one version per readable value
    unreadable = [v for v in finding.versions if v.label.startswith("(unreadable")]
    assert all(len(v.claims) == 1 for v in unreadable)  # an unreadable value agrees with nothing, itself included


def _everything(findings) -> list:
    """What the findings say, fact by fact: status, reason, versions, pairs, self-contradictions, grades."""
    said = [(f.key, f.status, f.status_reason, [(v.label, v.claims, v.witnesses, v.independent) for v in f.versions],
             list(f.pairs), f.self_contradictions) for f in findings.findings]
    return [said, findings.credibility, {sid: vars(record) for sid, record in findings.sources.items()}]


@pytest.mark.parametrize("ledger_of", ["demo", "many"])
def test_findings_are_the_same_grouped_or_pair_by_pair(ledger_of, small_ledger, monkeypatch):
    """A few claims are compared pair by pair and many in groups of alike claims; either way
    gives every fact the same findings (the demo's 335 facts, and a fact of alike claims)."""
    ledger = load_ledger(Path(__file__).parent.parent) if ledger_of == "demo" else many_claims(small_ledger, 30, seed=5)
    usual = _everything(compare_ledger(ledger))
    monkeypatch.setattr(pairs_module, "ALIKE_FROM", 2)  # every fact grouped
    grouped = _everything(compare_ledger(ledger))
    monkeypatch.setattr(pairs_module, "ALIKE_FROM", 10 ** 9)  # none grouped
    one_by_one = _everything(compare_ledger(ledger))
    assert usual == grouped == one_by_one
