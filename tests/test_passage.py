"""Finding a claim's quote in a held text, and the passage a locator names."""

from __future__ import annotations

import subprocess
import sys

from sourcecrit.passage import find_passage, find_quote, passage_at, source_text_path

TEXT = "line one\nline two has the trea-\nty of Moscow signed\n on 16   March 1921 here\nline five\nsix\nseven\n"


def test_quote_found_across_hyphenation_and_spaces():
    passage = find_passage(TEXT, "the Treaty of Moscow signed on 16 March", None, context=1)
    assert passage.how == "quote"
    assert passage.text[passage.start:passage.end] == "the trea-\nty of Moscow signed\n on 16   March"
    assert passage.first_line == 1


def test_quote_with_an_ellipsis():
    passage = find_passage(TEXT, "treaty … 1921", None, context=0)
    assert passage.text[passage.start:passage.end].endswith("March 1921")


def test_locator_lines_when_the_quote_is_not_there():
    passage = find_passage(TEXT, "words nowhere in it", "lines 6-7", context=1)
    assert passage.how == "locator"
    assert passage.text[passage.start:passage.end] == "six\nseven"
    assert find_passage(TEXT, "nowhere", "page 3") is None


def test_find_quote_gives_the_span_in_the_text_itself():
    start, end = find_quote(TEXT, "Line  Two has")
    assert (start, end) == (9, 21) and TEXT[start:end] == "line two has"
    letter = "He read the envoy’s letter aloud."
    start, end = find_quote(letter, "the envoy's LETTER")  # an apostrophe is one however it is typed
    assert letter[start:end] == "the envoy’s letter"
    assert find_quote(TEXT, "line nine") is None
    assert find_quote(TEXT, " … ") is None  # an ellipsis alone quotes nothing


def test_passage_at_a_locator_and_its_context():
    passage = passage_at(TEXT, "p. 2, line 5", context=1)
    assert (passage.how, passage.first_line) == ("locator", 4)
    assert passage.text == " on 16   March 1921 here\nline five\nsix"
    assert passage.text[passage.start:passage.end] == "line five"
    assert passage_at(TEXT, "lines 7-99", context=0).text == "seven"  # cut at the text's end
    assert passage_at(TEXT, "line 40") is None and passage_at(TEXT, None) is None


def test_source_text_path(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    assert source_text_path(tmp_path, "texts/a.txt") == tmp_path / "texts" / "a.txt"
    assert source_text_path(tmp_path, "texts/b.txt") is None and source_text_path(tmp_path, None) is None


def test_the_passage_module_needs_no_terminal_interface():
    loaded = subprocess.run([sys.executable, "-c", "import sys, sourcecrit.passage; "
                             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"],
                            capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
