"""A source's whole text, drawn line by line (Textual's Line API), with spans of it marked:
recorded claims' quotes and suggested claims' sentences, a cursor line, and a selection made
with keys (by line, by sentence) or by dragging the mouse."""

from __future__ import annotations

import re
from bisect import bisect_right
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


class MarkedText(ScrollView, can_focus=True):
    """The text with its marks; ``cursor`` is the 0-based line the reader is on."""

    COMPONENT_CLASSES = {"marked-text--claim", "marked-text--suggestion", "marked-text--cursor", "marked-text--number",
                         "marked-text--selection"}
    ALLOW_SELECT = False  # a drag selects a passage of the text, here, not the screen's characters
    DEFAULT_CSS = """
    MarkedText { height: 1fr; }
    MarkedText > .marked-text--selection { background: $accent 60%; color: $text; }
    MarkedText > .marked-text--claim { background: $primary 40%; text-style: bold; }
    MarkedText > .marked-text--suggestion { text-style: underline; color: $text-warning; }
    MarkedText > .marked-text--cursor { background: $boost; }
    MarkedText > .marked-text--number { color: $text-muted; }
    """
    BINDINGS = [Binding("up", "cursor(-1)", show=False), Binding("down", "cursor(1)", show=False),
                Binding("pageup", "cursor(-20)", show=False), Binding("pagedown", "cursor(20)", show=False),
                Binding("home", "cursor(-1000000)", show=False), Binding("end", "cursor(1000000)", show=False)]
    cursor = reactive(0)

    def __init__(self, text: str = "", marks: list[Mark] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.selection: tuple[int, int] | None = None  # offsets of the passage selected, start < end
        self.sentences: list[tuple[int, int]] = []  # the text's sentences, given by the screen once found
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
        self.virtual_size = Size(max(map(len, self.lines), default=0) + self.number_width + 1, len(self.lines))
        self.cursor = 0
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

    def action_cursor(self, step: int) -> None:
        self.go_to(self.cursor + step)

    def go_to(self, line: int) -> None:
        """Put the cursor on ``line`` (0-based) and scroll it into view."""
        self.cursor = max(0, min(len(self.lines) - 1, line))
        height = self.scrollable_content_region.height or 1
        if not self.scroll_y <= self.cursor < self.scroll_y + height:
            self.scroll_to(y=max(0, self.cursor - height // 3), animate=False)
        self.refresh()

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

    def _line_end(self, line: int) -> int:
        return self.starts[line] + len(self.lines[line])

    def extend_by_line(self, step: int) -> None:
        """Extend the selection by a whole line below (``step`` 1) or above (-1); the first step
        selects the cursor's line."""
        if self.selection is None:
            line = self.cursor
            self._select(self.starts[line], self._line_end(line), line)
            return
        start, end = self.selection
        if step > 0:
            line = min(len(self.lines) - 1, self.line_of(max(start, end - 1)) + 1)
            self._select(start, self._line_end(line), line)
        else:
            line = max(0, self.line_of(start) - 1)
            self._select(self.starts[line], end, line)

    def extend_by_sentence(self, step: int) -> bool:
        """Extend the selection by the next sentence (``step`` 1) or the one before (-1); the first
        step selects the sentence in which the cursor's line begins. False before the sentences are known."""
        spans = self.sentences
        if not spans:
            return False
        if self.selection is None:
            line = self.lines[self.cursor]
            first = self.starts[self.cursor] + len(line) - len(line.lstrip())
            start, end = next((span for span in spans if span[1] > first), spans[-1])
            if start < first and PARAGRAPH_BREAK.search(self.text, start, first):  # a heading without a full stop
                start = first
            self._select(start, end, self.line_of(start))
            return True
        start, end = self.selection
        if step > 0:
            # the first sentence reaching past the selection by more than spaces (a selection leaves its sentence's spaces out)
            after = next((span for span in spans if span[1] > end and self.text[end:span[1]].strip()), None)
            if after is not None:
                end = after[1]
            self._select(start, end, self.line_of(max(start, end - 1)))
        else:
            before = [span for span in spans if span[0] < start]
            if before:
                start = before[-1][0]
            self._select(start, end, self.line_of(start))
        return True

    def _select(self, start: int, end: int, line: int) -> None:
        """Select the text between two offsets (trailing spaces left out), the cursor on ``line``."""
        while end > start and self.text[end - 1].isspace():
            end -= 1
        self.selection = (start, end) if end > start else None
        self.go_to(line)

    def _offset_at(self, x: int, y: int) -> int:
        """The offset of the character drawn at (x, y) of the widget, held within the text."""
        line = max(0, min(len(self.lines) - 1, round(self.scroll_y) + y))
        column = max(0, min(len(self.lines[line]), x + round(self.scroll_x) - self.number_width))
        return self.starts[line] + column

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragged_from = self._offset_at(event.x, event.y)
        self.selection = None
        self.cursor = self.line_of(self._dragged_from)
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
        self.cursor = self.line_of(here)
        self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragged_from is not None:
            self._dragged_from = None
            self.release_mouse()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        if index == self.cursor:
            base = base + self.get_component_rich_style("marked-text--cursor")
        number = self.get_component_rich_style("marked-text--number")
        segments = [Segment(f"{index + 1:>{self.number_width - 1}} ", base + number)]
        segments += self._segments(index, base)
        strip = Strip(segments).crop(round(self.scroll_x), round(self.scroll_x) + width)
        return strip.adjust_cell_length(width, base)

    def _segments(self, index: int, base: Style) -> list[Segment]:
        line, begin = self.lines[index], self.starts[index]
        styles = [base] * len(line)
        for mark in self.marks_on(index):
            style = base + self.get_component_rich_style(f"marked-text--{mark.kind}")
            for i in range(max(0, mark.start - begin), min(len(line), mark.end - begin)):
                styles[i] = style if mark.kind == "claim" or styles[i] == base else styles[i]
        if self.selection is not None and self.selection[0] <= begin + len(line) and self.selection[1] > begin:
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
