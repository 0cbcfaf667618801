"""A source's whole text, drawn row by row (Textual's Line API), with spans of it marked:
recorded claims' quotes and suggested claims' sentences, a cursor, and a selection made
with keys (by row, by sentence) or by dragging the mouse.

A line longer than the widget is wide is wrapped at spaces into several rows (again when the
widget is resized): its number is shown on its first row only. ``cursor`` stays the document's
line (what locators, capture and the screen's keys speak of); ``cursor_row`` is the row of that
line the reader is on, so ↑ ↓ walk a wrapped paragraph row by row."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Mark:
    """A span of the text (offsets) marked as a recorded quote (``claim``) or a suggestion."""

    start: int
    end: int
    kind: str  # "claim" or "suggestion"
    ref: str  # the claim id, or what the suggestion proposes


def row_starts(line: str, width: int) -> list[int]:
    """Where each row of ``line`` begins (columns) when it is wrapped to ``width`` columns: at the
    last space that fits, the spaces kept at the end of the row; a word longer than a row is cut."""
    starts = [0]
    while len(line) - starts[-1] > width:
        begin = starts[-1]
        space = line.rfind(" ", begin, begin + width + 1)
        if space <= begin:  # no space to break at: the word is cut
            starts.append(begin + width)
            continue
        after = space + 1
        while after < len(line) and line[after] == " ":
            after += 1
        if after >= len(line):  # only spaces left: they end this row
            break
        starts.append(after)
    return starts


class MarkedText(ScrollView, can_focus=True):
    """The text with its marks; ``cursor`` is the 0-based line the reader is on, ``cursor_row``
    the row of it (0 unless the line is wrapped)."""

    COMPONENT_CLASSES = {"marked-text--claim", "marked-text--suggestion", "marked-text--cursor", "marked-text--number",
                         "marked-text--selection"}
    ALLOW_SELECT = False  # a drag selects a passage of the text, here, not the screen's characters
    DEFAULT_CSS = """
    MarkedText { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    MarkedText > .marked-text--selection { background: $accent 60%; color: $text; }
    MarkedText > .marked-text--claim { background: $primary 40%; text-style: bold; }
    MarkedText > .marked-text--suggestion { text-style: underline; color: $text-warning; }
    MarkedText > .marked-text--cursor { background: $boost; }
    MarkedText > .marked-text--number { color: $text-muted; }
    """
    BINDINGS = [Binding("up", "cursor(-1)", show=False), Binding("down", "cursor(1)", show=False),
                Binding("pageup", "page(-1)", show=False), Binding("pagedown", "page(1)", show=False),
                Binding("home", "cursor(-1000000000)", show=False), Binding("end", "cursor(1000000000)", show=False)]
    cursor = reactive(0)

    def __init__(self, text: str = "", marks: list[Mark] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.selection: tuple[int, int] | None = None  # offsets of the passage selected, start < end
        self.sentences: list[tuple[int, int]] = []  # the text's sentences, given by the screen once found
        self.cursor_row = 0  # the row of the cursor's line the reader is on
        self.cursor_at: int | None = None  # the offset on that row the cursor was put on (a quote, a click), if any
        self._dragged_from: int | None = None
        self.show(text, marks or [])

    def show(self, text: str, marks: list[Mark]) -> None:
        self.selection = None
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.marks = sorted(marks, key=lambda mark: mark.start)
        self.number_width = len(str(len(self.lines))) + 1
        self._wrap(self._text_width(), 0)
        self.refresh()

    def mark(self, marks: list[Mark]) -> None:
        """Mark these spans of the text shown, the cursor left where it is."""
        self.marks = sorted(marks, key=lambda mark: mark.start)
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The 0-based line of an offset."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def marks_on(self, line: int) -> list[Mark]:
        begin = self.starts[line]
        end = begin + len(self.lines[line])
        return [m for m in self.marks if m.start <= end and m.end > begin]

    # rows: the lines wrapped to the widget's width -------------------------------------
    def _text_width(self) -> int:
        """The columns a row of text has beside the line numbers (0 before the widget is laid out)."""
        width = self.scrollable_content_region.width - self.number_width
        return width if width > 0 else 0

    def _wrap(self, width: int, cursor_at: int) -> None:
        """Wrap the lines to ``width`` columns (0: not at all), the cursor put on the row of ``cursor_at``."""
        self.wrapped_width = width
        self.breaks: dict[int, list[int]] = {}  # a wrapped line's row starts (columns), its first row left out
        self.first_rows = [0]  # each line's first row, and the number of rows after the last
        for index, line in enumerate(self.lines):
            rows = 1
            if width and len(line) > width:
                starts = row_starts(line, width)
                if len(starts) > 1:
                    self.breaks[index] = starts[1:]
                    rows = len(starts)
            self.first_rows.append(self.first_rows[-1] + rows)
        self.virtual_size = Size(self.number_width + width, self.first_rows[-1])
        self.cursor = self.line_of(cursor_at)
        self.cursor_row = self._row_in_line(self.cursor, cursor_at - self.starts[self.cursor])

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap_if_resized()

    def _rewrap_if_resized(self) -> None:
        """Wrap the lines again when the widget's width changed, the cursor and the top row kept on their words."""
        width = self._text_width()
        if width and width != self.wrapped_width:
            top = self.offset_of_row(round(self.scroll_y))
            self._wrap(width, self.offset_of_row(self.row_of_cursor()))
            if self.row_of(top) != round(self.scroll_y):
                self.call_after_refresh(self.scroll_to, y=self.row_of(top), animate=False)
            self.refresh()

    def row_count(self, line: int) -> int:
        return self.first_rows[line + 1] - self.first_rows[line]

    def _columns(self, line: int, row: int) -> tuple[int, int]:
        """The columns of ``line`` that its ``row`` shows (the end excluded)."""
        starts = self.breaks.get(line)
        if starts is None:
            return 0, len(self.lines[line])
        begin = starts[row - 1] if row else 0
        end = starts[row] if row < len(starts) else len(self.lines[line])
        return begin, end

    def _row_in_line(self, line: int, column: int) -> int:
        return bisect_right(self.breaks.get(line, ()), column)

    def row_of(self, offset: int) -> int:
        """The row (of the whole text) on which an offset is drawn."""
        line = self.line_of(offset)
        return self.first_rows[line] + self._row_in_line(line, offset - self.starts[line])

    def offset_of_row(self, row: int) -> int:
        """The offset of the first character of a row."""
        row = max(0, min(self.first_rows[-1] - 1, row))
        line = bisect_right(self.first_rows, row) - 1
        return self.starts[line] + self._columns(line, row - self.first_rows[line])[0]

    def row_of_cursor(self) -> int:
        return self.first_rows[self.cursor] + self.cursor_row

    def next_place(self, offsets: list[int], step: int) -> int | None:
        """Of these offsets (sorted), the first after the cursor (``step`` 1) or the last before it (-1):
        after the place the cursor was put on (a quote, a click), else from its row's start."""
        here = self.cursor_at if self.cursor_at is not None else self.cursor_span()[0]
        if step > 0:
            index = bisect_left(offsets, here + (self.cursor_at is not None))
            return offsets[index] if index < len(offsets) else None
        index = bisect_left(offsets, here)
        return offsets[index - 1] if index else None

    def cursor_span(self) -> tuple[int, int]:
        """The offsets the cursor's row shows: its line, or the part of a wrapped line on that row."""
        return self._row_span(self.row_of_cursor())

    # the cursor ------------------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        """Move the cursor by ``step`` rows on screen (a wrapped line is walked row by row)."""
        self.go_to_row(self.row_of_cursor() + step)

    def action_page(self, step: int) -> None:
        """Move the cursor by a screen's height of rows, less one (kept in view)."""
        height = self.scrollable_content_region.height or 1
        self.go_to_row(self.row_of_cursor() + step * max(1, height - 1))

    def go_to(self, line: int) -> None:
        """Put the cursor on ``line`` (0-based), its first row, and scroll it into view."""
        line = max(0, min(len(self.lines) - 1, line))
        self.go_to_row(self.first_rows[line])

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor on the row where ``offset`` is drawn, at that offset (where a sentence
        selected next is taken from), and scroll it into view."""
        self.go_to_row(self.row_of(offset))
        self.cursor_at = offset

    def go_to_row(self, row: int) -> None:
        """Put the cursor on ``row`` (of the whole text, 0-based) and scroll it into view."""
        row = max(0, min(self.first_rows[-1] - 1, row))
        self._place_cursor(row)
        self.cursor_at = None
        height = self.scrollable_content_region.height or 1
        if not self.scroll_y <= row < self.scroll_y + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False)
        self.refresh()

    def _place_cursor(self, row: int) -> None:
        line = bisect_right(self.first_rows, row) - 1
        self.cursor_row = row - self.first_rows[line]
        self.cursor = line

    # the selection ------------------------------------------------------------------------
    def selected(self) -> str:
        """The passage selected, as it stands in the text ("" when nothing is)."""
        if self.selection is None:
            return ""
        return self.text[self.selection[0]:self.selection[1]]

    def clear_selection(self) -> bool:
        """Clear the selection; whether there was one."""
        had, self.selection = self.selection is not None, None
        self.refresh()
        return had

    def _row_span(self, row: int) -> tuple[int, int]:
        """The offsets a row shows."""
        line = bisect_right(self.first_rows, row) - 1
        begin, end = self._columns(line, row - self.first_rows[line])
        return self.starts[line] + begin, self.starts[line] + end

    def extend_by_line(self, step: int) -> None:
        """Extend the selection by a row below (``step`` 1) or above (-1): a line, or a row of a
        wrapped one; the first step selects the cursor's row."""
        last = self.first_rows[-1] - 1
        if self.selection is None:
            row = self.row_of_cursor()
            self._select(*self._row_span(row), row)
            return
        start, end = self.selection  # an empty row passed over leaves no character selected: the cursor is past it
        if step > 0:
            row = min(last, max(self.row_of(max(start, end - 1)), self.row_of_cursor()) + 1)
            self._select(start, self._row_span(row)[1], row)
        else:
            row = max(0, min(self.row_of(start), self.row_of_cursor()) - 1)
            self._select(self._row_span(row)[0], end, row)

    def extend_by_sentence(self, step: int) -> bool:
        """Extend the selection by the next sentence (``step`` 1) or the one before (-1); the first
        step selects the sentence in which the cursor's row begins (or, the cursor put on a quote or
        clicked, the sentence there). False before the sentences are known."""
        spans = self.sentences
        if not spans:
            return False
        if self.selection is None:
            begin, end = self.cursor_span()
            row_text = self.text[begin:end]
            first = begin + len(row_text) - len(row_text.lstrip())
            if self.cursor_at is not None and begin <= self.cursor_at <= end:
                first = self.cursor_at
            start, end = next((span for span in spans if span[1] > first), spans[-1])
            if start < first and PARAGRAPH_BREAK.search(self.text, start, first):  # a heading without a full stop
                start = first
            self._select(start, end, self.row_of(start))
            return True
        start, end = self.selection
        if step > 0:
            # the first sentence reaching past the selection by more than spaces (a selection leaves its sentence's spaces out)
            after = next((span for span in spans if span[1] > end and self.text[end:span[1]].strip()), None)
            if after is not None:
                end = after[1]
            self._select(start, end, self.row_of(max(start, end - 1)))
        else:
            before = [span for span in spans if span[0] < start]
            if before:
                start = before[-1][0]
            self._select(start, end, self.row_of(start))
        return True

    def _select(self, start: int, end: int, row: int) -> None:
        """Select the text between two offsets (trailing spaces left out), the cursor on ``row``."""
        while end > start and self.text[end - 1].isspace():
            end -= 1
        self.selection = (start, end) if end > start else None
        self.go_to_row(row)

    def _offset_at(self, x: int, y: int) -> int:
        """The offset of the character drawn at (x, y) of the widget, held within the text."""
        row = max(0, min(self.first_rows[-1] - 1, round(self.scroll_y) + y))
        begin, end = self._row_span(row)
        return begin + max(0, min(end - begin, x - self.number_width))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragged_from = self.cursor_at = self._offset_at(event.x, event.y)
        self.selection = None
        self._place_cursor(max(0, min(self.first_rows[-1] - 1, round(self.scroll_y) + event.y)))
        self.capture_mouse()
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragged_from is None:
            return
        height = self.scrollable_content_region.height
        if event.y < 0 or event.y >= height:  # dragged past an edge: the text follows
            self.scroll_to(y=self.scroll_y + (1 if event.y >= height else -1), animate=False)
        here = self._offset_at(event.x, event.y)
        start, end = sorted((self._dragged_from, here))
        self.selection = (start, end) if end > start else None
        self._place_cursor(max(0, min(self.first_rows[-1] - 1, round(self.scroll_y) + event.y)))
        self.cursor_at = here
        self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragged_from is not None:
            self._dragged_from = None
            self.release_mouse()

    # drawing -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        self._rewrap_if_resized()
        width = self.scrollable_content_region.width
        row = round(self.scroll_y) + y
        if row >= self.first_rows[-1]:
            return Strip.blank(width, self.rich_style)
        index = bisect_right(self.first_rows, row) - 1
        part = row - self.first_rows[index]
        base, here = self.rich_style, row == self.row_of_cursor()
        if here:
            base = base + self.get_component_rich_style("marked-text--cursor")
        number = f"{index + 1:>{self.number_width - 1}}" if part == 0 else " " * (self.number_width - 1)
        number += "▸" if here else " "  # the cursor, seen even on a row all marked
        segments = [Segment(number, base + self.get_component_rich_style("marked-text--number"))]
        segments += self._segments(index, *self._columns(index, part), base)
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _segments(self, index: int, first: int, last: int, base: Style) -> list[Segment]:
        """The columns ``first`` to ``last`` of line ``index``, styled by the marks and the selection on them."""
        line, begin = self.lines[index][first:last], self.starts[index] + first
        end = begin + len(line)
        styles = [base] * len(line)
        for mark in self.marks_on(index):
            if mark.start > end or mark.end <= begin:
                continue
            style = base + self.get_component_rich_style(f"marked-text--{mark.kind}")
            for i in range(max(0, mark.start - begin), min(len(line), mark.end - begin)):
                styles[i] = style if mark.kind == "claim" or styles[i] == base else styles[i]
        if self.selection is not None and self.selection[0] <= end and self.selection[1] > begin:
            chosen = self.get_component_rich_style("marked-text--selection")
            for i in range(max(0, self.selection[0] - begin), min(len(line), self.selection[1] - begin)):
                styles[i] = styles[i] + chosen
        segments: list[Segment] = []
        for ch, style in zip(line, styles):
            if segments and segments[-1].style == style:
                segments[-1] = Segment(segments[-1].text + ch, style)
            else:
                segments.append(Segment(ch, style))
        return segments
