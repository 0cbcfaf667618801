"""The comparison's memo on disk stays honest: findings never depend on whether it was used.

A warm start with nothing changed takes the memo's entries whole (no fact's token worked
out); anything else (an edit, a memo of another state, a damaged memo) falls back to the
per-fact memo or to a full comparison, with the findings a comparison without a cache gives.
Each "new process" below forgets the memo kept in this one, so that only the disk is used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.speed import findings_memo as memo_module
from sourcecrit.speed.background import wait_for_all_writes as settle_all
from tests.test_cache import findings_json
from tests.test_edit import resolve_havza
from tests.conftest import date_book_b_in_march


def memo_file() -> Path:
    settle_all()  # the memo is written by a child process
    found = sorted(Path(os.environ["SOURCECRIT_CACHE_DIR"]).glob("*.findings.pickle"))
    assert len(found) == 1
    return found[0]


@pytest.fixture
def new_process(monkeypatch):
    """Forget what this process remembers of earlier comparisons, as a new process would."""
    def forget() -> None:
        monkeypatch.setattr(memo_module, "_LIVE", {})
    return forget



def test_an_unchanged_ledger_takes_the_memo_whole(small_ledger, new_process, computed, monkeypatch):
    expected = findings_json(load_ledger(small_ledger, use_cache=False))
    assert findings_json(load_ledger(small_ledger)) == expected
    new_process()
    computed.clear()

    def no_tokens(*args):
        raise AssertionError("a fact's token was worked out")

    monkeypatch.setattr(memo_module.FactMemo, "token", no_tokens)
    assert findings_json(load_ledger(small_ledger)) == expected
    assert computed == []


def test_after_an_edit_only_the_touched_fact_is_computed_in_a_new_process(small_ledger, new_process, computed):
    compare_ledger(load_ledger(small_ledger))
    date_book_b_in_march(small_ledger)
    new_process()
    computed.clear()
    remembered = findings_json(load_ledger(small_ledger))
    assert computed == [("treaty-of-moscow", "signed-on", "actual")]
    assert remembered == findings_json(load_ledger(small_ledger, use_cache=False))


def test_a_resolution_written_before_a_reload_is_not_taken_for_the_new_ledger(small_ledger, new_process):
    # The edit notes the file's new fingerprint while the ledger's models are still the old
    # ones: a memo written now must not pass for the ledger as it is on disk.
    ledger = load_ledger(small_ledger)
    resolve_havza(ledger)
    compare_ledger(ledger)
    new_process()
    assert findings_json(load_ledger(small_ledger)) == findings_json(load_ledger(small_ledger, use_cache=False))


@pytest.mark.parametrize("damage", [b"", b"not a memo at all", b"\x00" * 64, None])
def test_a_damaged_memo_is_ignored_and_written_again(small_ledger, new_process, computed, damage):
    expected = findings_json(load_ledger(small_ledger, use_cache=False))
    compare_ledger(load_ledger(small_ledger))
    path = memo_file()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2] if damage is None else damage)
    new_process()
    assert findings_json(load_ledger(small_ledger)) == expected
    new_process()
    computed.clear()
    assert findings_json(load_ledger(small_ledger)) == expected
    assert computed == []  # the memo written again is whole and used


def test_a_memo_of_another_ledger_state_is_not_taken_whole(small_ledger, new_process, computed):
    compare_ledger(load_ledger(small_ledger))
    saved = memo_file().read_bytes()
    date_book_b_in_march(small_ledger)
    new_process()
    compare_ledger(load_ledger(small_ledger))
    memo_file().write_bytes(saved)  # the old state's memo, put back
    new_process()
    computed.clear()
    remembered = findings_json(load_ledger(small_ledger))
    assert computed == [("treaty-of-moscow", "signed-on", "actual")]
    assert remembered == findings_json(load_ledger(small_ledger, use_cache=False))


def test_findings_taken_from_the_memo_unpack_their_pairs_and_versions_when_asked(small_ledger, new_process):
    expected = compare_ledger(load_ledger(small_ledger, use_cache=False))
    compare_ledger(load_ledger(small_ledger))
    new_process()
    findings = compare_ledger(load_ledger(small_ledger)).findings
    assert all("pairs" not in vars(f) and "versions" not in vars(f) for f in findings)  # still packed
    assert [(f.key, f.pairs, f.versions) for f in findings] == [(f.key, f.pairs, f.versions) for f in expected.findings]
    assert findings == expected.findings


def test_threads_unpacking_the_same_findings_all_get_them(small_ledger, new_process):
    import pickle
    import sys
    import threading

    expected = compare_ledger(load_ledger(small_ledger, use_cache=False)).findings
    packed = memo_module.pickled(expected)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        for _ in range(200):
            findings = pickle.loads(packed)
            failures: list[BaseException] = []

            def read() -> None:
                try:
                    for finding in findings:
                        assert (finding.pairs, finding.versions) == (expected[findings.index(finding)].pairs,
                                                                     expected[findings.index(finding)].versions)
                except BaseException as error:  # noqa: BLE001
                    failures.append(error)

            threads = [threading.Thread(target=read) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert failures == []
    finally:
        sys.setswitchinterval(switch)


@pytest.mark.parametrize("use_cache", [False, True])
def test_facts_compared_in_two_processes_give_the_findings_of_one(small_ledger, new_process, monkeypatch, computed,
                                                                   use_cache):
    import threading

    from sourcecrit import speed
    from sourcecrit.compare import findings as findings_module

    monkeypatch.setenv("SOURCECRIT_NO_FORK", "1")
    expected = findings_json(load_ledger(small_ledger, use_cache=False))
    monkeypatch.delenv("SOURCECRIT_NO_FORK")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    parent = os.getpid()
    in_this_process: list = []
    compare_fact = findings_module.compare_fact

    def noting(ledger, graph, witness, context, fact):
        if os.getpid() == parent:
            in_this_process.append(fact.key)
        return compare_fact(ledger, graph, witness, context, fact)

    monkeypatch.setattr(findings_module, "compare_fact", noting)
    shared_out = speed.Thresholds(many_facts=1)  # the small ledger's facts, shared with a child

    def compare(ledger):
        return speed.compare_ledger(ledger, thresholds=shared_out)

    assert findings_json(load_ledger(small_ledger, use_cache=use_cache), compare) == expected
    assert 0 < len(in_this_process) < len(json.loads(expected)[0]["findings"])  # the rest in the child
    if use_cache:  # the memo written from both halves is whole and used
        new_process()
        computed.clear()
        assert findings_json(load_ledger(small_ledger)) == expected
        assert computed == []


@pytest.mark.parametrize("edit", ["authors", "gazetteer"])
def test_naming_an_author_compares_again_what_depends_on_it(small_ledger, new_process, edit):
    """Whose work a source is lies outside every fact's claims: the memo's environment holds it."""
    from tests.test_judgement import MEMOIRS
    from tests.conftest import write_files

    files = dict(MEMOIRS)
    files["sources/memoirs.yaml"] = MEMOIRS["sources/memoirs.yaml"].replace("authors: [ali]", "authors: [war-ministry]")
    if edit == "gazetteer":  # the memoir's CSL name matches no one until the gazetteer knows the spelling
        files["gazetteer/more.yaml"] = MEMOIRS["gazetteer/more.yaml"].replace("variants: [Ali Bey Kaya]", "variants: []")
    write_files(small_ledger, files)
    assert findings_json(load_ledger(small_ledger)) == findings_json(load_ledger(small_ledger, use_cache=False))
    write_files(small_ledger, MEMOIRS)
    new_process()
    remembered = findings_json(load_ledger(small_ledger))
    assert remembered == findings_json(load_ledger(small_ledger, use_cache=False))
    assert "self-contradiction of Ali Bey" in remembered


def test_the_child_takes_its_share_of_the_work_not_of_the_facts():
    """Facts of many claims gathered at the start: the child, taking facts from the end, takes
    more of them, so that both halves hold about the work their shares say."""
    from sourcecrit.compare import Fact
    from sourcecrit.speed.compare import _share_of_facts

    def fact(claims: int) -> Fact:
        return Fact(("s", "p", None), [None] * claims, None)  # type: ignore[list-item]

    facts = [fact(8)] * 100 + [fact(2)] * 100
    share = _share_of_facts(facts, 0.5)
    theirs = facts[len(facts) - round(len(facts) * share):]
    work = lambda fs: sum(len(f.claims) * (len(f.claims) + 1) // 2 + 1 for f in fs)  # noqa: E731
    assert share > 0.5 and abs(work(theirs) / work(facts) - 0.5) < 0.05
    even = [fact(3)] * 200
    assert abs(_share_of_facts(even, 0.45) - 0.45) < 0.01
