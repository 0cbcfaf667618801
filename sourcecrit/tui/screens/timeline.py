"""The timeline of a date fact (or the bars of a quantity fact): every claim on one axis."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Header, Static

from sourcecrit.compare import Finding
from sourcecrit.tui import commands as c
from sourcecrit.tui.charts import charts_for
from sourcecrit.tui.screens.base import LedgerScreen
from sourcecrit.tui.timeline import PALETTE, Chart, draw
from sourcecrit.tui.widgets.key_bar import KeyBar


class TimelineChart(Widget):
    """Charts redrawn for whatever width they have, one under the other (a quantity's units)."""

    DEFAULT_CSS = "TimelineChart { height: auto; }"

    def __init__(self, charts: list[Chart] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.charts = charts or []

    def show(self, charts: list[Chart]) -> None:
        self.charts = charts
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if not self.charts:
            return [Text("This fact has no dates or quantities to draw.", style="italic")]
        lines: list[Text] = []
        for chart in self.charts:
            if chart.title:
                lines += [Text("")] * bool(lines) + [Text(chart.title, style="bold")]
            lines += draw(chart, max(width, 20))
        return lines

    def render(self):
        return Group(*self._lines(self.size.width))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))


class TimelineScreen(LedgerScreen):
    """Each claim's span, so 16 March against 16 May shows at a glance."""

    PLACE = "Timeline"
    COMMAND_LIST = c.VIEW_COMMANDS
    BINDINGS = c.bindings(*c.VIEW_COMMANDS)
    AUTO_FOCUS = "#timeline-body"

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.key = finding.key

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="timeline-head", classes="head")
        with VerticalScroll(id="timeline-body"):
            yield TimelineChart(id="chart")
            yield Static(id="timeline-legend")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state) -> None:
        finding = self.fact_head(state, self.key, self.query_one("#timeline-head", Static), "timeline")
        if finding is None:
            return
        charts = charts_for(state, finding)
        self.query_one(TimelineChart).show(charts)
        legend = [f"{n + 1} [{PALETTE[n % len(PALETTE)]}]██[/] {escape(v.label)} "
                  f"({len(v.claims)} claim{'s' * (len(v.claims) != 1)}, {v.witness_count} independent)"
                  for n, v in enumerate(finding.versions)]
        legend.append("[$text-muted]█ as written  ▓ approximate (widened)  ▒ denied or doubted  ◀ ▶ open bound[/]")
        legend += [f"[$text-muted]{escape(note)}[/]" for chart in charts for note in chart.notes]
        self.query_one("#timeline-legend", Static).update("\n".join(legend))
