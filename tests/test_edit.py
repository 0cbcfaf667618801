"""Edits written back to the ledger: only the lines they must change, atomically, never over a colleague's edit."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.compare import Status
from sourcecrit.ledger.edit import EditError, LedgerChanged, flag_claim, record_resolution, unflag_claim
from sourcecrit.ledger.roundtrip import indentation_of
from sourcecrit.ledger.write import write_atomically
from tests.conftest import write_files


def changed_lines(before: str, after: str) -> list[str]:
    """The diff as '-line' / '+line' entries, context left out."""
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def resolve_havza(ledger, **changes):
    fields = dict(subject="havza-meeting", property="participants", accepted="Mustafa Kemal; Budyenny",
                  rationale="The memoir places Budyonny at Havza.", decided_by="tester", decided_on="2026-11-23",
                  rests_on=["a-havza"], rejected=[{"claim": "c-havza", "reason": "a later author"}])
    fields.update(changes)
    return record_resolution(ledger, **fields)


# flags ----------------------------------------------------------------------------------------
def test_flag_adds_one_line_beside_the_id_and_unflag_restores_the_file(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    original = path.read_text(encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    flag_claim(ledger, "a-havza", "check page 3: is it Budyenny or his staff?")
    flagged = path.read_text(encoding="utf-8")
    assert changed_lines(original, flagged) == ['+     flagged: "check page 3: is it Budyenny or his staff?"'] or \
        changed_lines(original, flagged) == ["+     flagged: 'check page 3: is it Budyenny or his staff?'"]
    lines = flagged.splitlines()
    assert lines[lines.index("  - id: a-havza") + 1].startswith("    flagged:")
    reloaded = load_ledger(small_ledger, use_cache=False)
    assert reloaded.claims["a-havza"].flagged == "check page 3: is it Budyenny or his staff?"
    assert not reloaded.problems
    unflag_claim(reloaded, "a-havza")
    assert path.read_text(encoding="utf-8") == original
    assert leftovers(path.parent) == []


def test_a_second_edit_works_without_a_reload(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    flag_claim(ledger, "a-moscow", "first")
    flag_claim(ledger, "a-moscow", "second thoughts")
    assert load_ledger(small_ledger, use_cache=False).claims["a-moscow"].flagged == "second thoughts"


def test_a_flag_needs_a_reason(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    with pytest.raises(EditError, match="say why"):
        flag_claim(ledger, "a-moscow", "   ")


REASONS = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85\u2028\u2029"),
                  min_size=1, max_size=60).filter(lambda s: s.strip() == s and s)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=REASONS)
def test_any_reason_reads_back_as_typed(small_ledger, reason):
    path = small_ledger / "claims" / "book-a.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        ledger = load_ledger(small_ledger, use_cache=False)
        flag_claim(ledger, "a-gold", reason)
        after = path.read_text(encoding="utf-8")
        assert [line[:2] for line in changed_lines(original, after)] == ["+ "]
        reloaded = load_ledger(small_ledger, use_cache=False)
        assert reloaded.claims["a-gold"].flagged == reason
        assert not reloaded.problems
    finally:
        path.write_text(original, encoding="utf-8")


HAND_WRITTEN = """\
# Claims of book A, typed by hand.
source: book-a
claims:
- id: a-moscow       # the key claim
  subject: treaty-of-moscow
  property: signed-on
  qualifier: actual
  value: 16 March 1921
  locator: page 12
  quote: 'signed on 16 March 1921'
  flagged: recheck

# --- Havza
- id: a-havza
  subject: havza-meeting
  property: participants
  value: [Mustafa Kemal, Budyenny]
  locator: page 3
  quote: "Mustafa Kemal met Budyenny"
  attributed_to: memoir
  hedges:
  - it is said
  note: >-
    A folded note that runs over
    two lines.

# end of the file
"""


def test_unflag_of_a_last_field_keeps_the_comments_and_blank_lines_after_it(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    unflag_claim(ledger, "a-moscow")
    assert changed_lines(HAND_WRITTEN, path.read_text(encoding="utf-8")) == ["-   flagged: recheck"]


def test_a_file_with_its_own_indentation_keeps_it(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    assert indentation_of(HAND_WRITTEN) == (2, 2, 0)
    ledger = load_ledger(small_ledger, use_cache=False)
    flag_claim(ledger, "a-havza", "which delegation?")
    assert changed_lines(HAND_WRITTEN, path.read_text(encoding="utf-8")) == ["+   flagged: which delegation?"]


def test_indentation_of_the_usual_layout():
    assert indentation_of("claims:\n  - id: a\n    hedges:\n      - x\n    value:\n      host: y\n") == (2, 4, 2)
    assert indentation_of("claims:\n    -   id: a\n        note: b\n") == (2, 8, 4)
    assert indentation_of("") == (2, 4, 2)


# resolutions --------------------------------------------------------------------------------
def test_a_new_resolution_is_appended_and_the_fact_is_resolved(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    original = path.read_text(encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    assert resolve_havza(ledger) == path
    after = path.read_text(encoding="utf-8")
    assert after.startswith(original)  # nothing above the new record moved
    assert all(line.startswith("+ ") for line in changed_lines(original, after))
    reloaded = load_ledger(small_ledger, use_cache=False)
    assert not reloaded.problems
    finding = next(f for f in compare_ledger(reloaded).findings if f.subject == "havza-meeting")
    assert finding.status is Status.RESOLVED
    resolution = finding.resolution
    assert (resolution.rationale, resolution.decided_by, resolution.decided_on) == (
        "The memoir places Budyonny at Havza.", "tester", "2026-11-23")
    assert [(r.claim, r.reason) for r in resolution.rejected] == [("c-havza", "a later author")]


def test_revising_a_resolution_changes_only_the_lines_that_differ(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    original = path.read_text(encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    record_resolution(ledger, subject="treaty-of-moscow", property="signed-on", qualifier="actual",
                      accepted="16 March 1921", rationale="Two witnesses against a misprint.",
                      decided_by="test editor", decided_on="2026-11-23", rests_on=["a-moscow", "c-moscow"],
                      rejected=[{"claim": "b-moscow", "reason": "month misprinted"}], why_changed="said shorter")
    assert changed_lines(original, path.read_text(encoding="utf-8")) == [
        "-     rationale: Two independent witnesses give 16 March; 16 May is a misprint.",
        "+     rationale: Two witnesses against a misprint.",
        "+     history:",  # the decision it replaced, kept (see tests/test_resolution_history.py)
        "+       - accepted: 16 March 1921",
        "+         rationale: Two independent witnesses give 16 March; 16 May is a misprint.",
        "+         decided_by: test editor",
        "+         decided_on: '2026-11-23'",
        "+         replaced_by: test editor",
        "+         replaced_on: '2026-11-23'",
        "+         why: said shorter",
    ]
    assert "# The two independent witnesses agree; book-b misprints the month." in path.read_text(encoding="utf-8")


def test_records_parted_by_blank_lines_stay_parted_and_a_closing_comment_stays_last(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    text = path.read_text(encoding="utf-8")
    extra = ("\n  - subject: gold-1920\n    property: amount\n    qualifier: sent\n    accepted: 10 million gold rubles\n"
             "    rationale: only figure\n")
    path.write_text(text + extra + "\n# closing remark\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    assert not ledger.problems
    resolve_havza(ledger, rejected=[])
    after = path.read_text(encoding="utf-8")
    assert after.endswith("    rests_on: [a-havza]\n\n# closing remark\n")
    assert "    rationale: only figure\n\n  - subject: havza-meeting\n" in after
    assert [line for line in changed_lines(before, after) if line.startswith("- ")] == []


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_comment_after_a_folded_rationale_stays_last(small_ledger, gap):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    extra = ("\n  - subject: gold-1920\n    property: amount\n    qualifier: sent\n    accepted: 10 million gold rubles\n"
             "    rationale: >-\n      the only figure\n      in the sources\n")
    path.write_text(path.read_text(encoding="utf-8") + extra + gap + "# added by a colleague\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    assert not ledger.problems
    resolve_havza(ledger, rejected=[])
    after = path.read_text(encoding="utf-8")
    assert after.endswith("    rests_on: [a-havza]\n" + gap + "# added by a colleague\n")
    assert "      in the sources\n\n  - subject: havza-meeting\n" in after
    assert [line for line in changed_lines(before, after) if line.startswith("- ")] == []


def test_a_ledger_without_resolutions_gets_a_resolutions_file(small_ledger):
    (small_ledger / "resolutions" / "resolutions.yaml").unlink()
    ledger = load_ledger(small_ledger, use_cache=False)
    path = resolve_havza(ledger)
    assert path == small_ledger / "resolutions" / "resolutions.yaml"
    assert path.read_text(encoding="utf-8").startswith("resolutions:\n  - subject: havza-meeting\n")
    assert not load_ledger(small_ledger, use_cache=False).problems


def test_a_resolution_the_ledger_cannot_read_is_refused_before_writing(small_ledger):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    original = path.read_bytes()
    ledger = load_ledger(small_ledger, use_cache=False)
    with pytest.raises(EditError, match="cannot be read"):
        record_resolution(ledger, subject="treaty-of-moscow", property="signed-on", qualifier="actual",
                          accepted="16 Marhc 1921", rationale="typo")
    with pytest.raises(EditError, match="rationale"):
        resolve_havza(ledger, rationale="  ")
    with pytest.raises(EditError, match="unknown claim 'c-havzaa'"):
        resolve_havza(ledger, rejected=[{"claim": "c-havzaa", "reason": "x"}])
    assert path.read_bytes() == original


# never over a colleague's edit ---------------------------------------------------------------
def test_a_file_changed_on_disk_is_not_overwritten(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    ledger = load_ledger(small_ledger, use_cache=False)
    colleague = path.read_text(encoding="utf-8") + "# a colleague's line\n"
    path.write_text(colleague, encoding="utf-8")
    with pytest.raises(LedgerChanged) as refused:
        flag_claim(ledger, "a-moscow", "check")
    assert "changed on disk" in str(refused.value) and "Nothing was written" in str(refused.value)
    assert path.read_text(encoding="utf-8") == colleague
    assert leftovers(path.parent) == []
    flag_claim(load_ledger(small_ledger, use_cache=False), "a-moscow", "check")  # after a reload it works
    assert "# a colleague's line" in path.read_text(encoding="utf-8")


def test_a_deleted_file_or_one_that_appeared_is_not_written(small_ledger):
    claims = small_ledger / "claims" / "book-a.yaml"
    kept = claims.read_bytes()
    ledger = load_ledger(small_ledger, use_cache=False)
    claims.unlink()
    with pytest.raises(LedgerChanged, match="deleted"):
        flag_claim(ledger, "a-moscow", "check")
    assert not claims.exists()
    claims.write_bytes(kept)

    (small_ledger / "resolutions" / "resolutions.yaml").unlink()
    ledger = load_ledger(small_ledger, use_cache=False)
    write_files(small_ledger, {"resolutions/resolutions.yaml": "resolutions: []\n"})
    with pytest.raises(LedgerChanged, match="appeared"):
        resolve_havza(ledger)
    assert (small_ledger / "resolutions" / "resolutions.yaml").read_text() == "resolutions: []\n"


# the atomic write -----------------------------------------------------------------------------
def test_write_atomically_keeps_the_permissions(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    write_atomically(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "claims.yaml"
    path.write_text("old\n")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(path, "new\n")
    assert path.read_text() == "old\n"
    assert leftovers(tmp_path) == []
