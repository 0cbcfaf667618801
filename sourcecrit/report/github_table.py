"""GitHub pipe tables written as tabulate's ``github`` format writes them, byte for byte.

A Markdown report of 10^5 claims holds about 24,000 small tables, and tabulate took two thirds of
its time: for each table it guesses every column's type, looks for terminal colour codes and
line breaks, and goes through machinery shared by all its formats. The report needs one case:
text cells, numbers not parsed, each column aligned left or right. That case is written here
with tabulate's rules:

* a cell is its text (``None`` is empty), with surrounding whitespace stripped;
* a column is as wide as its widest cell, and at least its header's width plus 2;
* width is ``len``, or ``wcwidth.wcswidth`` when tabulate's wide-character mode is on (it is
  when the ``wcwidth`` package is installed): an East Asian wide character counts 2, a
  combining mark 0; the padding makes up the difference between the two;
* headers take their column's alignment; the line below them is dashes, no colons.

Anything else goes to tabulate itself: control characters in a cell (colour codes, line breaks
and tabulate's separating-line mark change its layout), bytes, a row of another length than
the headers, a table without rows, an alignment other than left or right.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

import tabulate as tabulate_module

ALIGNMENTS = {"left": "<", "right": ">"}  # as format specifications' alignment
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def github_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: Sequence[str]) -> str:
    """The table tabulate writes for ``tabulate(rows, headers, tablefmt="github",
    disable_numparse=True, colalign=align)``, with one alignment per column."""
    columns = _columns(headers, rows, align)
    if columns is None:
        return tabulate_module.tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,
                                        colalign=align)
    width = _width_function()
    if width is len:  # each line one format: the template pads every cell
        widths = [max(len(header) + 2, *map(len, column)) for header, column in zip(headers, columns)]
        line = "|" + "|".join(f" {{:{ALIGNMENTS[a]}{w}}} " for a, w in zip(align, widths)) + "|"
    else:
        widths, headers, columns = _padded_to_terminal_columns(headers, columns, align, width)
        line = "|" + " {} |" * len(headers)
    return "\n".join([line.format(*headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line.format, *columns)])


def _columns(headers: Sequence[str], rows: Sequence[Sequence[object]],
             align: Sequence[str]) -> list[list[str]] | None:
    """Each column's cells as text, stripped; None when the table is one for tabulate itself."""
    if not rows or len(align) != len(headers) or not set(align) <= ALIGNMENTS.keys():
        return None
    if set(map(len, rows)) != {len(headers)}:
        return None
    texts = [_texts(column) for column in zip(*rows)]
    if None in texts:
        return None
    columns: list[list[str]] = texts  # type: ignore[assignment]  # no None left
    text = "".join(headers) + "".join(map("".join, columns))
    if not text.isprintable() and _CONTROL.search(text):  # printable text has none: the quick test
        return None
    return [list(map(str.strip, column)) for column in columns]


def _texts(column: Sequence[object]) -> list[str] | None:
    """tabulate's text of each cell when numbers are not parsed; None if one is bytes (left to tabulate)."""
    if set(map(type, column)) == {str}:
        return list(column)  # type: ignore[arg-type]  # every cell a str
    texts = ["" if value is None else f"{value}" for value in column]
    return None if any(isinstance(value, (bytes, bytearray)) for value in column) else texts


def _width_function() -> Callable[[str], int]:
    """How tabulate measures a cell: terminal columns when its wide-character mode is on."""
    wcwidth = getattr(tabulate_module, "wcwidth", None)  # the optional package, as tabulate imported it
    if wcwidth is not None and tabulate_module.WIDE_CHARS_MODE:
        wcswidth: Callable[[str], int] = wcwidth.wcswidth
        return lambda text: len(text) if text.isascii() else wcswidth(text)
    return len


def _padded_to_terminal_columns(headers: Sequence[str], columns: list[list[str]], align: Sequence[str],
                                width: Callable[[str], int]) -> tuple[list[int], list[str], list[list[str]]]:
    """Each column's width, and the headers and cells padded to it, wide characters taking their
    columns: a cell is padded to ``len`` plus the columns it lacks, and tabulate then measures the
    padded cells again (a cell that ``wcswidth`` cannot measure, -1, stays out of it)."""
    widths, padded_headers, padded_columns = [], [], []
    for header, cells, alignment in zip(headers, columns, align):
        pad = str.ljust if alignment == "left" else str.rjust
        header_width = width(header)
        cell_widths = list(map(width, cells))
        cell_width = max(header_width + 2, *cell_widths)
        cells = [pad(cell, cell_width - (w - len(cell))) for cell, w in zip(cells, cell_widths)]
        column_width = max(header_width + 2, *map(width, cells))
        widths.append(column_width)
        padded_headers.append(pad(header, column_width + len(header) - header_width))
        padded_columns.append(cells)
    return widths, padded_headers, padded_columns
