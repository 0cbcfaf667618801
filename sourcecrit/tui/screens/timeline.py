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
from sourcecrit.tui.charts import chart_for
from sourcecrit.tui.screens.base import LedgerScreen, fact_title, status_markup
from sourcecrit.tui.timeline import PALETTE, Chart, draw
from sourcecrit.tui.widgets.key_bar import KeyBar


class TimelineChart(Widget):
    """A chart redrawn for whatever width it has."""

    DEFAULT_CSS = "TimelineChart { height: auto; }"

    def __init__(self, chart: Chart | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart = chart

    def show(self, chart: Chart | None) -> None:
        self.chart = chart
        self.refresh(layout=True)

    def render(self):
        if self.chart is None:
            return Text("This fact has no dates or quantities to draw.", style="italic")
        return Group(*draw(self.chart, max(self.size.width, 20)))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(draw(self.chart, max(width, 20))) if self.chart else 1


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
        finding = state.by_key.get(self.key)
        head = self.query_one("#timeline-head", Static)
        if finding is None:
            head.update("This fact is no longer in the ledger.")
            return
        self.sub_title = f"timeline · {fact_title(state, finding)}"
        chart = chart_for(state, finding)
        head.update(f"[b]{escape(fact_title(state, finding))}[/b]\n{status_markup(finding.status)}  "
                    f"{escape(finding.status_reason)}")
        self.query_one(TimelineChart).show(chart)
        legend = [f"{n + 1} [{PALETTE[n % len(PALETTE)]}]██[/] {escape(v.label)} "
                  f"({len(v.claims)} claim{'s' * (len(v.claims) != 1)}, {v.witness_count} independent)"
                  for n, v in enumerate(finding.versions)]
        legend.append("[$text-muted]█ as written  ▓ approximate (widened)  ▒ denied or doubted  ◀ ▶ open bound[/]")
        if chart is not None:
            legend += [f"[$text-muted]{escape(note)}[/]" for note in chart.notes]
        self.query_one("#timeline-legend", Static).update("\n".join(legend))
