"""One rule set for resolutions: `sourcecrit check` and the TUI's edit refuse the same ones, in the same words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sourcecrit import load_ledger
from sourcecrit.ledger.edit import EditError, record_resolution
from sourcecrit.ledger.resolution_rules import FIELDS, check_resolution
from sourcecrit.ledger.readings import read_value
from sourcecrit.models import Resolution
from tests.conftest import write_files

TESTED = Path("resolutions") / "tested.yaml"
PLACE = """
properties:
  - id: place
    label: place
    type: entities
"""
HAVZA = dict(subject="havza-meeting", property="participants", accepted="Mustafa Kemal; Budyenny",
             rationale="The memoir places Budyonny at Havza.", rests_on=["a-havza"],
             rejected=[{"claim": "c-havza", "reason": "a later author"}])

# (what the rule is, the resolution's fields changed from HAVZA, the field at fault, words of its message)
RULES = [
    ("subject declared", dict(subject="havza-meting"), "subject", "unknown subject 'havza-meting'; did you mean 'havza-meeting'?"),
    ("property declared", dict(property="participant"), "property", "unknown property 'participant'"),
    ("qualifier declared", dict(qualifier="nominal"), "qualifier", "property 'participants' has no qualifier 'nominal' (declared: none)"),
    ("accepted value reads", dict(accepted="Mustafa Kemal; Enver"), "accepted", "the accepted value cannot be read: 'Enver' is not in the gazetteer"),
    ("one entity where the property takes one", dict(property="place", rests_on=[], rejected=[]), "accepted",
     "property 'place' takes one place, not several"),
    ("rationale given", dict(rationale="  "), "rationale", "write the rationale: why this value and not the others"),
    ("decided by someone", dict(decided_by=" - "), "decided_by", "decided_by names who decided"),
    ("decided on a date", dict(decided_on="yesterday"), "decided_on", "decided_on 'yesterday' is not a date"),
    ("decided on a real day", dict(decided_on="2026-02-30"), "decided_on", "decided_on '2026-02-30' is not a date"),
    ("decided on no later than today", dict(decided_on="2999-01-01"), "decided_on", "decided_on 2999-01-01 is after today"),
    ("a set-aside claim says why", dict(rejected=[{"claim": "c-havza", "reason": " "}]), "rejected",
     "say why claim 'c-havza' is set aside"),
    ("rests on a claim in the ledger", dict(rests_on=["a-havzaa"]), "rests_on", "unknown claim 'a-havzaa'; did you mean 'a-havza'?"),
    ("rests on a claim of this fact", dict(rests_on=["a-moscow"]), "rests_on",
     "claim 'a-moscow' is about treaty-of-moscow / signed-on, not this fact"),
    ("rejects a claim in the ledger", dict(rejected=[{"claim": "nobody", "reason": "x"}]), "rejected", "unknown claim 'nobody'"),
    ("rejects a claim of this fact", dict(rejected=[{"claim": "b-moscow", "reason": "x"}]), "rejected",
     "claim 'b-moscow' is about treaty-of-moscow / signed-on, not this fact"),
    ("one resolution per fact", dict(subject="treaty-of-moscow", property="signed-on", qualifier="actual",
                                     accepted="16 March 1921", rests_on=["a-moscow"], rejected=[]),
     "subject", "the fact already has a resolution; keep one"),
]


def field_line(text: str, field: str) -> int:
    """The line (from 1) where ``field`` is written in ``text``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if re.match(rf"^[- ] *{field}:", line))


@pytest.mark.parametrize("rule, changes, field, words", RULES, ids=[rule[0] for rule in RULES])
def test_check_and_edit_refuse_a_resolution_by_the_same_rule_in_the_same_words(small_ledger, rule, changes, field,
                                                                                words):
    fields = {**HAVZA, **changes}
    written = yaml.safe_dump({"resolutions": [fields]}, sort_keys=False, allow_unicode=True)
    write_files(small_ledger, {"declarations/place.yaml": PLACE, str(TESTED): written})
    ledger = load_ledger(small_ledger, use_cache=False)
    checked = [p for p in ledger.problems if p.file.endswith(str(TESTED))]
    assert [p for p in ledger.problems if p not in checked] == []
    before = {path: path.read_bytes() for path in (small_ledger / "resolutions").iterdir()}

    with pytest.raises(EditError) as refused:
        record_resolution(ledger, **fields)

    assert sorted(str(refused.value).splitlines()) == sorted(p.message for p in checked)
    at_fault = [p for p in checked if words in p.message]
    assert len(at_fault) == 1, f"{rule}: {[p.message for p in checked]}"
    assert at_fault[0].line == field_line(written, field) and at_fault[0].is_error
    assert {path: path.read_bytes() for path in (small_ledger / "resolutions").iterdir()} == before


def test_every_rule_is_tried_on_both_paths():
    assert {field for *_, field, _ in RULES} == set(FIELDS)


def test_a_resolution_resting_on_another_facts_claim_is_refused_by_the_edit(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    original = path.read_bytes()
    ledger = load_ledger(small_ledger, use_cache=False)
    with pytest.raises(EditError) as refused:
        record_resolution(ledger, **{**HAVZA, "rests_on": ["a-havza", "a-moscow"]})
    assert str(refused.value) == ("resolution of havza-meeting / participants: claim 'a-moscow' is about "
                                  "treaty-of-moscow / signed-on, not this fact")
    assert path.read_bytes() == original


def test_revising_a_facts_own_resolution_is_not_a_second_one(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    recorded = ledger.resolutions[0]
    revised = recorded.model_copy(update={"rationale": "Two witnesses against a misprint."})
    read = lambda property_id, written: read_value(ledger, property_id, written)  # noqa: E731
    assert check_resolution(ledger, revised, resolved=set(), read=read).problems == []
    assert [p.field for p in check_resolution(ledger, revised, resolved={recorded.fact_key}, read=read).problems] \
        == ["subject"]


def test_the_problems_come_in_the_order_of_the_fields(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    resolution = Resolution(subject="nowhere", property="participants", accepted="Enver", rationale="",
                            rests_on=["a-moscow"])
    found = check_resolution(ledger, resolution, resolved=set(), read=lambda p, w: read_value(ledger, p, w))
    assert [p.field for p in found.problems] == ["subject", "accepted", "rationale", "rests_on"]
    assert found.accepted is None
