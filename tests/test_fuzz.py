"""A fuzz test in the normal suite, bounded to seconds: damaged copies of the demo ledger and
hostile value strings give no traceback, no hang, and the same answers with or without the
cache. `python tests/fuzz/run.py --minutes 10` runs the same for longer (see its text)."""

from __future__ import annotations

import json
import random
import time

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.ledger.readings import parse_bounded, reading_contexts
from sourcecrit.report.findings_json import findings_document
from sourcecrit.values import TYPE_MODULES, ValueProblem
from tests.fuzz.damage import copy_demo, damage, hostile_string

BUDGET = 2.0  # seconds one value or one damaged ledger may take, far above the usual


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    return reading_contexts(load_ledger(copy_demo(tmp_path_factory.mktemp("demo") / "L"), use_cache=False))


@pytest.mark.parametrize("seed", range(4))
def test_hostile_value_strings_read_or_are_refused_quickly(contexts, seed):
    rng = random.Random(seed)
    for _ in range(150):
        written = hostile_string(rng)
        for type_name in TYPE_MODULES:
            started = time.perf_counter()
            try:
                parse_bounded(type_name, written, contexts[None])
            except ValueProblem:
                pass
            assert time.perf_counter() - started < BUDGET, (type_name, written[:80], len(written))


def answers(root, use_cache: bool) -> str:
    ledger = load_ledger(root, use_cache=use_cache)
    findings = compare_ledger(ledger)
    return json.dumps([findings_document(ledger, findings), [str(p) for p in ledger.problems],
                       [str(p) for p in findings.problems]], sort_keys=True, default=str)


@pytest.mark.parametrize("seed", range(6))
def test_damaged_ledgers_load_and_agree_with_and_without_the_cache(tmp_path, seed):
    rng = random.Random(seed)
    root = copy_demo(tmp_path / "L")
    answers(root, use_cache=True)  # the caches of the ledger as it was
    for _ in range(3):
        how = damage(root, rng)
        started = time.perf_counter()
        plain = answers(root, use_cache=False)
        assert answers(root, use_cache=True) == plain, how
        assert time.perf_counter() - started < 10 * BUDGET, how
