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

ALIGNMENTS = ("left", "right")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def github_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: Sequence[str]) -> str:
    """The table tabulate writes for ``tabulate(rows, headers, tablefmt="github",
    disable_numparse=True, colalign=align)``, with one alignment per column."""
    columns = _columns(headers, rows, align)
    if columns is None:
        return tabulate_module.tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,
                                        colalign=align)
    width = _width_function()
    padded = [_pad_column(header, cells, alignment, width) for header, cells, alignment in zip(headers, columns, align)]
    lines = ["|" + "|".join(f" {header} " for _, header, _ in padded) + "|",
             "|" + "|".join("-" * (column_width + 2) for column_width, _, _ in padded) + "|"]
    lines += ["|" + "|".join(f" {cell} " for cell in row) + "|" for row in zip(*(cells for _, _, cells in padded))]
    return "\n".join(lines)


def _columns(headers: Sequence[str], rows: Sequence[Sequence[object]],
             align: Sequence[str]) -> list[list[str]] | None:
    """Each column's cells as text, stripped; None when the table is one for tabulate itself."""
    if not rows or len(align) != len(headers) or any(a not in ALIGNMENTS for a in align):
        return None
    if any(len(row) != len(headers) for row in rows):
        return None
    texts = [[value if type(value) is str else _cell_text(value) for value in column] for column in zip(*rows)]
    if any(None in column for column in texts):
        return None
    columns: list[list[str]] = texts  # type: ignore[assignment]  # no None left
    if _CONTROL.search("".join(headers) + "".join(map("".join, columns))):
        return None
    return [[text.strip() for text in column] for column in columns]


def _cell_text(value: object) -> str | None:
    """tabulate's text of a cell when numbers are not parsed; None for bytes (left to tabulate)."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return None
    return f"{value}"


def _width_function() -> Callable[[str], int]:
    """How tabulate measures a cell: terminal columns when its wide-character mode is on."""
    wcwidth = getattr(tabulate_module, "wcwidth", None)  # the optional package, as tabulate imported it
    if wcwidth is not None and tabulate_module.WIDE_CHARS_MODE:
        wcswidth: Callable[[str], int] = wcwidth.wcswidth
        return lambda text: len(text) if text.isascii() else wcswidth(text)
    return len


def _pad_column(header: str, cells: list[str], alignment: str,
                width: Callable[[str], int]) -> tuple[int, str, list[str]]:
    """The column's width, and its header and cells padded to it.

    With wide characters a cell takes ``len`` plus the columns it lacks; tabulate then measures
    the padded cells again (a cell that ``wcswidth`` cannot measure, -1, stays out of it)."""
    pad = str.ljust if alignment == "left" else str.rjust
    if width is len:
        column_width = max(len(header) + 2, *map(len, cells))
        return column_width, pad(header, column_width), [pad(cell, column_width) for cell in cells]
    header_width = width(header)
    widths = list(map(width, cells))
    cell_width = max(header_width + 2, *widths)
    cells = [pad(cell, cell_width - (w - len(cell))) for cell, w in zip(cells, widths)]
    column_width = max(header_width + 2, *map(width, cells))
    return column_width, pad(header, column_width + len(header) - header_width), cells
