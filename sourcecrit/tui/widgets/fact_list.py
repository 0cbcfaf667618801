"""The overview's list of facts: a virtual view drawn line by line (Textual's Line API).

Only the visible lines are ever rendered, from a plain list of rows and the indices that
pass the filter, so 20,000 facts cost no more than 20 (Toolong's log view does the same).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sourcecrit.compare import STATUS_SYMBOL, Finding
from sourcecrit.tui.index import FactIndex, FactRow

STATUS_WIDTH = 15
NUMBER_WIDTH = 4
FACT_LEAST = 16  # "signe… (nominal)": the qualifier whole, which tells a subject's facts apart
NARROW = 96  # below this many cells a status is its symbol alone (the filter bar names them)


def column_widths(width: int) -> tuple[int, int, int, int, int, int]:
    """Widths of status, subject, fact, claims, witnesses and values for a line of ``width``."""
    status = STATUS_WIDTH if width >= NARROW else 1
    rest = max(width - status - 2 * NUMBER_WIDTH - 6, 20)
    subject = max(12, rest * 40 // 100)
    fact = max(FACT_LEAST, rest * 20 // 100)
    subject = min(subject, max(rest - fact - 12, 12))  # the fact's room comes out of the subject's
    values = max(rest - subject - fact, 0)
    return status, subject, fact, NUMBER_WIDTH, NUMBER_WIDTH, values


class FactList(ScrollView, can_focus=True):
    """Facts with status (symbol and word), subject, fact, claims, witnesses and values."""

    COMPONENT_CLASSES = {
        "fact-list--header", "fact-list--cursor", "fact-list--cursor-blurred", "fact-list--empty",
        "fact-list--disputed", "fact-list--resolved", "fact-list--consistent", "fact-list--agreed",
        "fact-list--single-source", "fact-list--incomparable",
    }
    DEFAULT_CSS = """
    FactList { background: $surface; overflow-x: hidden; }
    FactList > .fact-list--header { text-style: bold; color: $text-muted; background: $panel; }
    FactList > .fact-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    FactList > .fact-list--cursor-blurred { background: $block-cursor-blurred-background; }
    FactList > .fact-list--empty { color: $text-muted; text-style: italic; }
    FactList > .fact-list--disputed { color: $text-error; text-style: bold; }
    FactList > .fact-list--resolved { color: $text-success; }
    FactList > .fact-list--consistent { color: $text-warning; }
    FactList > .fact-list--agreed { color: $text-primary; }
    FactList > .fact-list--single-source { color: $text-muted; }
    FactList > .fact-list--incomparable { color: $text-accent; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to another fact."""

        def __init__(self, finding: Finding | None) -> None:
            super().__init__()
            self.finding = finding

    class Chosen(Message):
        """The user chose a fact (Enter or a second click)."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[FactRow] = ()
        self.shown: list[int] = []
        self.empty_text = "No facts yet."
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)

    # data --------------------------------------------------------------------
    def show(self, index: FactIndex, shown: list[int], keep: Finding | None = None) -> None:
        """Show ``index.rows[i]`` for ``i`` in ``shown`` (ascending); keep the cursor on
        ``keep`` if it is still shown."""
        self.rows, self.shown = index.rows, shown
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(shown) + 1)
        target = 0
        wanted = index.position(keep) if keep is not None else None
        if wanted is not None:
            at = bisect_left(shown, wanted)
            target = at if at < len(shown) and shown[at] == wanted else 0
        self.cursor = min(target, max(len(shown) - 1, 0))
        self.refresh()

    @property
    def current(self) -> Finding | None:
        if 0 <= self.cursor < len(self.shown):
            return self.rows[self.shown[self.cursor]].finding
        return None

    # cursor ------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.shown) - 1)) if self.shown else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 2, 1)

    def action_jump(self, where: int) -> None:
        self.cursor = len(self.shown) - 1 if where < 0 else 0

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    async def _on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y - 1
        if event.y < 1 or not 0 <= row < len(self.shown):
            return
        if row == self.cursor and event.chain >= 2:
            self.action_choose()
        self.cursor = row

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.shown) + 1)

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # drawing -----------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        position = round(self.scroll_y) + y - 1
        if not self.shown:
            return self._empty(width) if y == 1 else Strip.blank(width, self.rich_style)
        if position >= len(self.shown):
            return Strip.blank(width, self.rich_style)
        is_cursor = position == self.cursor
        key = (self.shown[position], width, is_cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._row_strip(self.rows[self.shown[position]], width, is_cursor)
            self._cache[key] = strip
        return strip

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("fact-list--header")
        cells = ("status" if width >= NARROW else "", "subject", "fact", "clm", "wit", "values (→ accepted)")
        return self._strip(cells, column_widths(width), [style] * 6, style, width, right=(3, 4))

    def _empty(self, width: int) -> Strip:
        style = self.get_component_rich_style("fact-list--empty")
        return Strip([Segment(f" {self.empty_text}"[:width].ljust(width), style)], width)

    def _row_strip(self, row: FactRow, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        status_style = self.get_component_rich_style(f"fact-list--{row.status.value}")
        if is_cursor:
            cursor = self.get_component_rich_style("fact-list--cursor" if self.has_focus else "fact-list--cursor-blurred")
            base, status_style = base + cursor, base + status_style + cursor
        else:
            status_style = base + status_style
        status = f"{STATUS_SYMBOL[row.status]} {row.status.value}" if width >= NARROW else STATUS_SYMBOL[row.status]
        cells = (status, row.subject_label, row.fact,
                 str(row.claims), str(row.witnesses), row.values)
        return self._strip(cells, column_widths(width), [status_style] + [base] * 5, base, width, right=(3, 4))

    @staticmethod
    def _strip(cells, widths, styles, gap: Style, width: int, right=()) -> Strip:
        segments: list[Segment] = []
        for n, (cell, cell_width, style) in enumerate(zip(cells, widths, styles)):
            if n == FACT_COLUMN:
                cell = fact_in(cell, cell_width)
            text = Text(cell, no_wrap=True, overflow="ellipsis", end="")
            text.truncate(cell_width, overflow="ellipsis", pad=True)
            if n in right:
                text = Text(cell.rjust(cell_width)[-cell_width:], end="")
            segments.append(Segment(" ", gap))
            segments.append(Segment(text.plain, style))
        return Strip(segments).adjust_cell_length(width, gap)


FACT_COLUMN = 2


def fact_in(fact: str, width: int) -> str:
    """A fact's label cut to ``width`` cells in its property, not its qualifier: "signed on
    (nominal)" and "signed on (actual)" must not both become "signed on (…"."""
    if len(fact) <= width or not fact.endswith(")") or " (" not in fact:
        return fact
    prop, qualifier = fact[:-1].rsplit(" (", 1)
    room = width - len(qualifier) - 3  # the space, the brackets
    if room < 2:
        return fact
    return f"{prop[:room - 1]}… ({qualifier})"
