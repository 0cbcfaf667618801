"""Appending records to a ledger file: the historian's file kept as written, the records read back as given."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcecrit import load_ledger
from sourcecrit.ledger import append_records
from sourcecrit.ledger.append import claims_file
from sourcecrit.ledger.edit import EditError, LedgerChanged, record_resolution

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

- id: a-havza
  subject: havza-meeting
  property: participants
  value: [Mustafa Kemal, Budyenny]
  locator: page 3
  quote: "Mustafa Kemal met Budyenny"
  attributed_to: memoir
  note: >-
    A folded note that runs over
    two lines.
"""

GOLD = {"id": "a-gold-promised", "subject": "gold-1920", "property": "amount", "qualifier": "promised",
        "value": "10 million gold rubles", "locator": "page 41", "quote": "ten million promised", "note": None}
RATE = {"id": "a-rate", "subject": "gold-1920", "property": "exchange-rate", "value": "1 gold ruble = 1.1 Turkish lira",
        "locator": "page 42", "quote": "one ruble to 1.1 lira", "hedges": ["it seems", "at first"]}


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_records_go_at_the_end_of_a_commented_file_in_its_own_layout(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)

    assert append_records(ledger, path, "claims", [GOLD, RATE]) == path

    after = path.read_text(encoding="utf-8")
    assert after == HAND_WRITTEN + (
        "\n- id: a-gold-promised\n  subject: gold-1920\n  property: amount\n  qualifier: promised\n"
        "  value: 10 million gold rubles\n  locator: page 41\n  quote: ten million promised\n"
        "\n- id: a-rate\n  subject: gold-1920\n  property: exchange-rate\n  value: 1 gold ruble = 1.1 Turkish lira\n"
        "  locator: page 42\n  quote: one ruble to 1.1 lira\n  hedges: [it seems, at first]\n")
    reloaded = load_ledger(small_ledger, use_cache=False)
    assert reloaded.problems == []
    assert reloaded.claims["a-gold-promised"].source == "book-a"  # the file's source, as for the others
    assert reloaded.claims["a-rate"].hedges == ["it seems", "at first"]
    assert leftovers(path.parent) == []


def test_a_closing_comment_stays_last(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    path.write_text(HAND_WRITTEN + "\n# end of book A\n", encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    append_records(ledger, path, "claims", [GOLD])
    after = path.read_text(encoding="utf-8")
    assert after.startswith(HAND_WRITTEN + "\n- id: a-gold-promised\n")
    assert after.endswith("  quote: ten million promised\n\n# end of book A\n")
    assert load_ledger(small_ledger, use_cache=False).problems == []


def test_a_new_file_is_made_in_a_new_folder_and_a_second_append_needs_no_reload(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    path = small_ledger / "claims" / "imported" / "zotero.yaml"
    source = {"id": "book-d", "type": "book", "title": "A third history", "author": [{"family": "Delta", "given": "Dan"}]}
    assert append_records(ledger, path, "sources", [source]) == path
    append_records(ledger, path, "claims", [{**GOLD, "source": "book-d"}])
    assert path.read_text(encoding="utf-8") == (
        "sources:\n  - id: book-d\n    type: book\n    title: A third history\n    author:\n"
        "      - family: Delta\n        given: Dan\n"
        "claims:\n  - id: a-gold-promised\n    subject: gold-1920\n    property: amount\n    qualifier: promised\n"
        "    value: 10 million gold rubles\n    locator: page 41\n    quote: ten million promised\n    source: book-d\n")
    reloaded = load_ledger(small_ledger, use_cache=False)
    assert reloaded.problems == []
    assert reloaded.sources["book-d"].author[0].family == "Delta" and reloaded.claims["a-gold-promised"].source == "book-d"


def test_a_sources_new_claims_go_to_the_file_named_after_it_when_its_claims_are_spread(small_ledger):
    """A source whose claims lie in several files (one per topic, "book-a--1920.yaml" sorting
    before "book-a.yaml") gets new claims in claims/book-a.yaml, the file named after it."""
    (small_ledger / "claims" / "book-a--1920.yaml").write_text(
        "source: book-a\nclaims:\n" + "\n".join("  " + line for line in
        yaml_of({**GOLD, "id": "a-gold-1920"}).splitlines()) + "\n", encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    assert ledger.problems == []
    assert claims_file(ledger, "book-a").name == "book-a.yaml"
    assert claims_file(ledger, "book-d") == small_ledger / "claims" / "book-d.yaml"


def yaml_of(record: dict) -> str:
    """One claim record as a YAML list item."""
    lines = [f"{key}: {value}" for key, value in record.items() if value is not None]
    return "- " + "\n  ".join(lines)


def test_a_resolution_saved_on_a_ledger_without_a_resolutions_folder_makes_it(small_ledger):
    for path in (small_ledger / "resolutions").iterdir():
        path.unlink()
    (small_ledger / "resolutions").rmdir()
    ledger = load_ledger(small_ledger, use_cache=False)
    path = record_resolution(ledger, subject="havza-meeting", property="participants", accepted="Mustafa Kemal; Budyenny",
                             rationale="The memoir places Budyonny at Havza.", rests_on=["a-havza"])
    assert path == small_ledger / "resolutions" / "resolutions.yaml"
    reloaded = load_ledger(small_ledger, use_cache=False)
    assert reloaded.problems == [] and reloaded.resolutions[0].rests_on == ["a-havza"]


def test_a_file_changed_on_disk_is_not_appended_to(small_ledger):
    path = small_ledger / "claims" / "book-a.yaml"
    ledger = load_ledger(small_ledger, use_cache=False)
    colleague = path.read_text(encoding="utf-8") + "# a colleague's line\n"
    path.write_text(colleague, encoding="utf-8")
    with pytest.raises(LedgerChanged, match="changed on disk"):
        append_records(ledger, path, "claims", [GOLD])
    assert path.read_text(encoding="utf-8") == colleague
    assert leftovers(path.parent) == []

    new = small_ledger / "claims" / "book-e.yaml"
    new.write_text("claims: []\n", encoding="utf-8")  # a file the ledger has not read
    with pytest.raises(LedgerChanged, match="appeared"):
        append_records(ledger, new, "claims", [GOLD])
    assert new.read_text(encoding="utf-8") == "claims: []\n"


WORDS_YAML_WOULD_MISREAD = ["no", "Yes", "null", "~", "1920-04-23", "1e3", "  two leading spaces", "a trailing space ",
                            "first line\nsecond line", "  indented first line\nthen more\n", "key: value # not a comment",
                            "- not an item", "[not a list", "'quoted'", ""]


def test_a_value_yaml_would_misread_reads_back_as_the_same_text(small_ledger):
    ledger = load_ledger(small_ledger, use_cache=False)
    path = small_ledger / "sources" / "odd.yaml"
    sources = [{"id": f"odd-{n}", "title": text, "note": text, "cites": ["memoir"]}
               for n, text in enumerate(WORDS_YAML_WOULD_MISREAD)]
    sources.append({"id": "odd-typed", "title": 1920, "note": True, "issued": 1920})
    append_records(ledger, path, "sources", sources)
    reloaded = load_ledger(small_ledger, use_cache=False)
    assert [p for p in reloaded.problems if "odd.yaml" in p.file] == []
    for n, text in enumerate(WORDS_YAML_WOULD_MISREAD):
        assert (reloaded.sources[f"odd-{n}"].title, reloaded.sources[f"odd-{n}"].note) == (text, text)
    typed = reloaded.sources["odd-typed"]
    assert (typed.title, typed.note, typed.issued) == ("1920", "true", "1920")


TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85\u2028\u2029"),
                max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(TEXTS, st.lists(TEXTS, min_size=1, max_size=4).map("\n".join)))
def test_any_text_reads_back_as_given_or_is_refused_unwritten(small_ledger, text):
    path = small_ledger / "sources" / "sources.yaml"
    original = path.read_bytes()
    try:
        ledger = load_ledger(small_ledger, use_cache=False)
        try:
            append_records(ledger, path, "sources", [{"id": "typed", "note": text}])
        except EditError:
            assert path.read_bytes() == original
            return
        assert path.read_bytes().startswith(original)
        assert load_ledger(small_ledger, use_cache=False).sources["typed"].note == text
    finally:
        path.write_bytes(original)


def test_what_cannot_be_appended(small_ledger, tmp_path):
    ledger = load_ledger(small_ledger, use_cache=False)
    with pytest.raises(EditError, match="no kind of record is called 'claim'"):
        append_records(ledger, small_ledger / "claims" / "book-a.yaml", "claim", [GOLD])
    with pytest.raises(EditError, match="the ledger reads only YAML files"):
        append_records(ledger, small_ledger / "notes" / "a.yaml", "claims", [GOLD])
    with pytest.raises(EditError, match="the ledger reads only YAML files"):
        append_records(ledger, small_ledger / "claims" / "book-a.txt", "claims", [GOLD])
    with pytest.raises(EditError, match="the ledger reads only YAML files"):
        append_records(ledger, tmp_path / "elsewhere" / "claims" / "x.yaml", "claims", [GOLD])
    assert not (small_ledger / "notes").exists()


def test_the_ledger_layer_needs_neither_the_terminal_interface_nor_the_reports():
    code = ("import sys, sourcecrit.ledger.append, sourcecrit.ledger.edit, sourcecrit.ledger.resolution_rules; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
            "or m.startswith(('sourcecrit.tui', 'sourcecrit.report'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
