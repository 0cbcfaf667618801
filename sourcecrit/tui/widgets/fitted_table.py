"""A table whose columns share the width it is given: long cells wrap onto more lines
instead of running off the right edge, so nothing is cut and nothing scrolls sideways."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.binding import Binding
from textual.widgets import DataTable

SCROLLBAR = 2  # the vertical scrollbar's width, kept free in case it shows


@dataclass(frozen=True)
class Column:
    """A column: its heading, the fewest cells it may be squeezed to (never below its
    heading's), and whether it may be left out when even that does not fit."""

    label: str
    least: int = 6
    optional: bool = False


def fit_widths(natural: Sequence[int], least: Sequence[int], room: int) -> list[int]:
    """Widths for columns that would like ``natural`` cells, in ``room`` cells: all of it
    when they fit, else each at least ``least``, the rest shared out evenly so that
    narrow columns stay whole and wide ones wrap."""
    if sum(natural) <= room:
        return list(natural)
    widths = [min(n, m) for n, m in zip(natural, least)]
    spare = room - sum(widths)
    wanting = [i for i, n in enumerate(natural) if n > widths[i]]
    while spare > 0 and wanting:
        share = max(spare // len(wanting), 1)
        for i in list(wanting):
            give = min(share, natural[i] - widths[i], spare)
            widths[i] += give
            spare -= give
            if widths[i] >= natural[i]:
                wanting.remove(i)
            if not spare:
                break
    return widths


class FittedTable(DataTable):
    """A row-cursor DataTable laid out again for its width whenever that changes."""

    def __init__(self, columns: Sequence[Column], *, id: str | None = None, zebra_stripes: bool = False,
                 enter: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra_stripes)
        if enter:  # what Enter does on a row, in the key bar (a table's own Enter binding is hidden)
            self._bindings = self._bindings.copy()
            self._bindings.key_to_bindings["enter"] = [Binding("enter", "select_cursor", enter, key_display="⏎")]
        self.layout_columns = tuple(columns)
        self._content: list[tuple[str, list[Text]]] = []
        self._laid_out_for: int | None = None

    def fill(self, rows: Sequence[tuple[str, Sequence[str | Text]]]) -> None:
        """Show ``rows``: (key, cells) in the columns' order."""
        self._content = [(key, [cell if isinstance(cell, Text) else Text(cell) for cell in cells]) for key, cells in rows]
        self._laid_out_for = None
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.size.width
        if not width or width == self._laid_out_for:
            return
        self._laid_out_for = width
        cursor = self.cursor_row
        room = width - SCROLLBAR
        columns = self.layout_columns
        natural = [max([len(column.label), 1] + [cells[n].cell_len for _, cells in self._content])
                   for n, column in enumerate(columns)]
        least = [min(max(column.least, len(column.label)), natural[n]) for n, column in enumerate(columns)]
        shown = list(range(len(columns)))
        if sum(least[n] + 2 * self.cell_padding for n in shown) > room:
            shown = [n for n in shown if not columns[n].optional]
        widths = fit_widths([natural[n] for n in shown], [least[n] for n in shown],
                            room - 2 * self.cell_padding * len(shown))
        self.clear(columns=True)
        for n, column_width in zip(shown, widths):
            self.add_column(columns[n].label, width=column_width)
        console = self.app.console
        for key, cells in self._content:
            chosen = [cells[n] for n in shown]
            height = max((_lines(cell, w, console) for cell, w in zip(chosen, widths)), default=1)
            self.add_row(*chosen, key=key, height=height)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))
        self._size_now()

    def _size_now(self) -> None:
        """Give the table its size now, from the widths and heights :meth:`_lay_out` chose.

        DataTable would measure every cell when next idle (the width of each, and a row of
        unknown height by rendering it whole): 22 ms for a source's hundred claims, and the
        screen drawn once at the old size before the new one. The columns' widths are fixed
        here and each row's height is known, so nothing is left to measure. Textual is
        pinned, so the private names used here stay put.
        """
        self._new_rows.clear()
        self._require_update_dimensions = False
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header)


def _lines(cell: Text, width: int, console) -> int:
    """How many lines ``cell`` takes wrapped in ``width`` cells, as the table will draw it."""
    if cell.cell_len <= width and "\n" not in cell.plain:
        return 1
    return len(cell.wrap(console, width))
