"""Finding a quote in a held text; drawing spans on an axis."""

from __future__ import annotations

from datetime import date

from sourcecrit.tui.passage import find_passage
from sourcecrit.tui.timeline import DATE_AXIS, Bar, Chart, draw

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


def test_one_of_two_days_draws_two_marks():
    day = lambda d: float(date(1921, 3, d).toordinal())  # noqa: E731
    chart = Chart([Bar("a", [(day(22), day(22)), (day(23), day(23))], "22 or 23 March 1921"),
                   Bar("b", [(day(1), day(1))], "1 March 1921", 1)], DATE_AXIS)
    lines = [line.plain for line in draw(chart, 80)]
    assert lines[0].count("█") == 2 and lines[0].index("█") > lines[1].index("█")
    assert "Mar 1921" in lines[-1]
