"""The report's pipe tables are tabulate's ``github`` tables, byte for byte.

``github_table`` writes the Markdown report's tables itself (tabulate's per-table cost was two
thirds of a large report's time); these tests hold it to tabulate on the cells historians'
ledgers hold: pipes and markup escaped or not, Turkish and Cyrillic letters, combining accents,
Chinese and Japanese names, empty cells, counts, and the control characters that send a table
to tabulate itself. With the ``wcwidth`` package installed tabulate counts wide characters as two
columns and combining marks as none; the same tests run in that mode too.
"""

from __future__ import annotations

import contextlib
import types
import unicodedata
from typing import Iterator

import tabulate as tabulate_module
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecrit.report.github_table import github_table
from sourcecrit.report.markdown import md, table

LETTERS = ("abcxyzABC019 .,;:-()'\"|\\`*_[]<>#~"  # ASCII, Markdown's characters, pipes
           "İıŞşĞğÇçÖöÜüÂâ"  # Turkish
           "ЖжЯяЁёЙй"  # Cyrillic
           "\u0301\u0308\u0327"  # combining acute, diaeresis, cedilla
           "中華民國東京條約한국"  # CJK, Hangul: two columns each
           "ＡＢ１"  # fullwidth forms
           "\u200b\u00a0\u3000")  # zero-width space, no-break space, ideographic space
CONTROLS = "\n\r\t\x01\x1b"  # line breaks, tab, tabulate's separating-line mark, colour codes
HEADERS = ["claim", "value", "source", "#", "independent witnesses", "tarih", "日付", "Ж"]

plain_text = st.text(alphabet=LETTERS, max_size=12)
cell = st.one_of(plain_text, plain_text, plain_text, st.just(""), st.integers(-5, 20_000), st.none(),
                 st.text(alphabet=LETTERS + CONTROLS, max_size=8), st.just("\x1b[31mred\x1b[0m"))


@st.composite
def tables(draw: st.DrawFn, cells: st.SearchStrategy[object] = cell) -> tuple[list[str], list[list[object]], list[str]]:
    width = draw(st.integers(1, 6))
    headers = [draw(st.sampled_from(HEADERS)) for _ in range(width)]
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1, max_size=5))
    align = draw(st.lists(st.sampled_from(["left", "right"]), min_size=width, max_size=width))
    return headers, rows, align


def tabulated(headers: list[str], rows: list[list[object]], align: list[str]) -> str:
    return tabulate_module.tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, colalign=align)


def _terminal_columns(text: str) -> int:
    """wcwidth's rule, for when the package is not installed: wide and fullwidth characters take
    two columns, combining marks and zero-width characters none, control characters -1."""
    columns = 0
    for char in text:
        if unicodedata.category(char) == "Cc":
            return -1
        if unicodedata.combining(char) or char == "\u200b":
            continue
        columns += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return columns


@contextlib.contextmanager
def wide_characters() -> Iterator[None]:
    """tabulate as it works with the ``wcwidth`` package installed (the package itself if it is)."""
    try:
        import wcwidth as module  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        module = types.SimpleNamespace(wcswidth=_terminal_columns)
    kept = tabulate_module.wcwidth, tabulate_module.WIDE_CHARS_MODE
    tabulate_module.wcwidth, tabulate_module.WIDE_CHARS_MODE = module, True
    try:
        yield
    finally:
        tabulate_module.wcwidth, tabulate_module.WIDE_CHARS_MODE = kept


@settings(max_examples=400, deadline=None)
@given(tables())
def test_same_bytes_as_tabulate(drawn):
    assert github_table(*drawn) == tabulated(*drawn)


@settings(max_examples=400, deadline=None)
@given(tables())
def test_same_bytes_as_tabulate_counting_wide_characters(drawn):
    with wide_characters():
        assert github_table(*drawn) == tabulated(*drawn)


@settings(max_examples=200, deadline=None)
@given(tables(st.text(alphabet=LETTERS + CONTROLS, max_size=15).map(md)))
def test_escaped_ledger_text_stays_one_cell(drawn):
    """What the report puts in its tables: ledger text through ``md``, one line, pipes escaped."""
    headers, rows, align = drawn
    written = github_table(headers, rows, align)
    assert written == tabulated(headers, rows, align)
    with wide_characters():
        assert github_table(headers, rows, align) == tabulated(headers, rows, align)
    assert [line.count("|") - line.count("\\|") for line in written.splitlines()] == [len(headers) + 1] * (len(rows) + 2)


def test_a_column_of_counts_is_aligned_right_under_its_header():
    written = table(["source", "claims"], [[md("Nutuk | vol. 1"), 12], ["Times", 3]], numbers=1)
    assert written == ("| source          |   claims |\n"
                       "|-----------------|----------|\n"
                       "| Nutuk \\| vol. 1 |       12 |\n"
                       "| Times           |        3 |")


def test_wide_characters_take_two_columns_when_tabulate_counts_them():
    rows = [["東京條約", "1921"], ["Kars", "1921"]]
    with wide_characters():
        written = github_table(["treaty", "year"], rows, ["left", "right"])
    assert written == ("| treaty   |   year |\n"
                       "|----------|--------|\n"
                       "| 東京條約 |   1921 |\n"
                       "| Kars     |   1921 |")


def test_combining_accents_take_no_column_when_tabulate_counts_them():
    rows = [["Ko\u0308prülü"], ["Kopru"]]  # ö written as o and a combining diaeresis
    with wide_characters():
        written = github_table(["name"], rows, ["left"])
    assert written.splitlines()[2:] == ["| Ko\u0308prülü |", "| Kopru   |"]


def test_a_line_break_leaves_the_table_to_tabulate():
    rows = [["two\nlines", 1]]
    assert github_table(["text", "n"], rows, ["left", "right"]) == tabulated(["text", "n"], rows, ["left", "right"])
    assert github_table(["text", "n"], rows, ["left", "right"]).count("\n") == 3  # one row, two lines


def test_a_table_without_rows_is_tabulates():
    assert github_table(["claim", "value"], [], ["left", "left"]) == tabulated(["claim", "value"], [], ["left", "left"])
