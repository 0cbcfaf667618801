"""A resolution keeps the decisions it replaced, and can be reopened with a reason, on real files."""

from __future__ import annotations

import pytest

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.compare import Status
from sourcecrit.ledger.edit import EditError, record_resolution, reopen_resolution

MOSCOW = dict(subject="treaty-of-moscow", property="signed-on", qualifier="actual")
COMMENT = "# The two independent witnesses agree; book-b misprints the month."


def moscow_status(root) -> Status:
    ledger = load_ledger(root, use_cache=False)
    finding = next(f for f in compare_ledger(ledger).findings if f.key == ("treaty-of-moscow", "signed-on", "actual"))
    return finding.status


def resolution(root):
    ledger = load_ledger(root, use_cache=False)
    assert not ledger.problems, ledger.problems
    [found] = [r for r in ledger.resolutions if r.subject == "treaty-of-moscow"]
    return found


def test_a_changed_decision_is_kept_with_who_replaced_it_when_and_why(small_ledger):
    record_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, accepted="16 May 1921",
                      rationale="The ratified copy reads May.", decided_by="B. Second", decided_on="2026-11-24",
                      rests_on=["b-moscow"], why_changed="the ratified copy was found")
    now = resolution(small_ledger)
    assert (now.accepted, now.decided_by) == ("16 May 1921", "B. Second")
    [past] = now.history
    assert (past.accepted, past.decided_by, past.decided_on) == ("16 March 1921", "test editor", "2026-11-23")
    assert past.rationale == "Two independent witnesses give 16 March; 16 May is a misprint."
    assert (past.replaced_by, past.replaced_on, past.why, past.reopened) == (
        "B. Second", "2026-11-24", "the ratified copy was found", False)
    assert COMMENT in (small_ledger / "resolutions" / "resolutions.yaml").read_text(encoding="utf-8")


def test_a_change_without_a_reason_is_refused_and_nothing_written(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    before = path.read_text(encoding="utf-8")
    with pytest.raises(EditError, match="say why the decision is changed"):
        record_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, accepted="16 May 1921",
                          rationale="The ratified copy reads May.", rests_on=["b-moscow"])
    assert path.read_text(encoding="utf-8") == before


def test_saving_the_same_decision_again_adds_no_history(small_ledger):
    record_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, accepted="16 March 1921",
                      rationale="Two independent witnesses give 16 March;\n16 May is a misprint.",
                      decided_by="test editor", decided_on="2026-11-23", rests_on=["a-moscow", "c-moscow"])
    assert resolution(small_ledger).history == []


def test_a_reopened_resolution_keeps_its_record_and_no_longer_settles_the_fact(small_ledger):
    assert moscow_status(small_ledger) is Status.RESOLVED
    reopen_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, why="a letter of 18 March surfaced",
                      by="C. Third", on="2026-11-25")
    now = resolution(small_ledger)
    assert now.accepted == "16 March 1921" and now.reopened is not None
    assert (now.reopened.why, now.reopened.by, now.reopened.on) == ("a letter of 18 March surfaced", "C. Third",
                                                                     "2026-11-25")
    [past] = now.history
    assert past.reopened and past.why == "a letter of 18 March surfaced" and past.accepted == "16 March 1921"
    assert moscow_status(small_ledger) is Status.DISPUTED  # 16 March against 16 May, open again
    text = (small_ledger / "resolutions" / "resolutions.yaml").read_text(encoding="utf-8")
    assert COMMENT in text and "    reopened:\n      why: a letter of 18 March surfaced\n" in text


def test_resolving_a_reopened_fact_closes_it_and_keeps_one_entry_for_the_old_decision(small_ledger):
    reopen_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, why="a letter surfaced", by="C. Third")
    record_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, accepted="16 March 1921",
                      rationale="The letter is a copyist's error.", decided_by="C. Third", decided_on="2026-11-26",
                      rests_on=["a-moscow", "c-moscow"], rejected=[{"claim": "b-moscow", "reason": "misprint"}])
    # no reason asked: the reopening gave it
    now = resolution(small_ledger)
    assert now.reopened is None and len(now.history) == 1 and now.history[0].reopened
    assert moscow_status(small_ledger) is Status.RESOLVED


def test_reopening_needs_a_reason_and_a_standing_resolution(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    with pytest.raises(EditError, match="say why it is reopened"):
        reopen_resolution(ledger, **MOSCOW, why="  ")
    with pytest.raises(EditError, match="there is none to reopen"):
        reopen_resolution(ledger, subject="gold-1920", property="amount", qualifier="sent", why="doubt")
    reopen_resolution(ledger, **MOSCOW, why="doubt")
    with pytest.raises(EditError, match="reopened already"):
        reopen_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, why="doubt again")


def test_a_history_entry_without_its_reason_is_reported_at_its_line(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    history:\n      - accepted: 16 May 1921\n"
                    "        rationale: first guess\n", encoding="utf-8")
    problems = load_ledger(small_ledger, use_cache=False).problems
    assert [(p.line, p.message) for p in problems] == [
        (14, "resolution 'treaty-of-moscow': the field 'history.0.why' is required")]


def test_days_in_the_history_are_checked_as_decided_on_is(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    history:\n      - accepted: 16 May 1921\n"
                    "        rationale: first guess\n        replaced_on: last week\n        why: the misprint seen\n"
                    "    reopened:\n      why: doubt\n      on: 2999-01-01\n", encoding="utf-8")
    problems = [(p.line, p.message) for p in load_ledger(small_ledger, use_cache=False).problems]
    assert problems == [
        (14, "resolution of treaty-of-moscow / signed-on: history entry 1: replaced_on 'last week' is not a date; "
             "write the day as YYYY-MM-DD (2026-11-23), or YYYY-MM or YYYY"),
        (19, "resolution of treaty-of-moscow / signed-on: reopened on 2999-01-01 is after today; write the day it "
             "was reopened"),
    ]


def test_history_goes_inside_its_record_and_the_next_records_comment_stays_with_it(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  # Only one figure for the gold.\n"
                    "  - subject: gold-1920\n    property: amount\n    qualifier: sent\n"
                    "    accepted: 10 million gold rubles\n    rationale: only figure\n", encoding="utf-8")
    reopen_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, why="doubt", by="C. Third")
    record_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, accepted="16 May 1921",
                      rationale="The May copy is the signed one.", decided_by="C. Third", rests_on=["b-moscow"])
    record_resolution(load_ledger(small_ledger, use_cache=False), **MOSCOW, accepted="16 March 1921",
                      rationale="Back to March.", decided_by="D. Fourth", rests_on=["a-moscow", "c-moscow"],
                      rejected=[{"claim": "b-moscow", "reason": "misprint"}], why_changed="the May copy is later")
    text = path.read_text(encoding="utf-8")
    assert "        why: the May copy is later\n\n  # Only one figure for the gold.\n  - subject: gold-1920\n" in text
    assert COMMENT in text
    now = resolution(small_ledger)
    assert [(p.accepted, p.why, p.reopened) for p in now.history] == [
        ("16 March 1921", "doubt", True), ("16 May 1921", "the May copy is later", False)]
