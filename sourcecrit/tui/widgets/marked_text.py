"""A source's whole text, drawn line by line (Textual's Line API), with spans of it marked:
recorded claims' quotes and suggested claims' sentences, and a cursor line."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Mark:
    """A span of the text (offsets) marked as a recorded quote (``claim``) or a suggestion."""

    start: int
    end: int
    kind: str  # "claim" or "suggestion"
    ref: str  # the claim id, or what the suggestion proposes


class MarkedText(ScrollView, can_focus=True):
    """The text with its marks; ``cursor`` is the 0-based line the reader is on."""

    COMPONENT_CLASSES = {"marked-text--claim", "marked-text--suggestion", "marked-text--cursor", "marked-text--number"}
    DEFAULT_CSS = """
    MarkedText { height: 1fr; }
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
        self.show(text, marks or [])

    def show(self, text: str, marks: list[Mark]) -> None:
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
        segments: list[Segment] = []
        for ch, style in zip(line, styles):
            if segments and segments[-1].style == style:
                segments[-1] = Segment(segments[-1].text + ch, style)
            else:
                segments.append(Segment(ch, style))
        return segments
