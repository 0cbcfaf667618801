"""The key bar at the foot of each screen and the tables that share out their width."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.screens.help import HelpScreen
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import SIZE, loaded, small_app


def shown(bar: KeyBar) -> list[str]:
    return [f"{key.display} {key.label}" for key in bar.keys]


async def test_the_key_bar_shows_the_keys_of_the_screen_it_is_on():
    app = small_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await loaded(pilot, app)
        overview_keys = shown(app.screen.query_one(KeyBar))
        assert "⏎ Open" in overview_keys and "s Source" not in overview_keys
        await pilot.press("enter")
        assert isinstance(app.screen, FactScreen)
        bar = app.screen.query_one(KeyBar)
        assert shown(bar)[:3] == ["⏎ Claim", "esc Back", "s Source"]  # Enter on the focused table first
        assert bar.palette is not None and bar.palette.label == "palette"
        line = bar.render().plain
        assert line.startswith(" ⏎ Claim  esc Back  s Source ") and line.rstrip().endswith("^p palette")
        assert len(line) == 160  # the palette's key at the right edge
        await pilot.press("escape")
        assert shown(app.screen.query_one(KeyBar)) == overview_keys


async def test_a_click_on_a_key_presses_it_and_the_pointer_tells_what_it_does():
    app = small_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await loaded(pilot, app)
        await pilot.press("enter")
        bar = app.screen.query_one(KeyBar)
        bar.render()
        start, _, key = next(span for span in bar._spans if span[2].label == "Help")
        assert bar.key_at(start) is key and bar.key_at(0).label == "Claim"
        await pilot.hover(KeyBar, offset=(start + 1, 0))
        assert bar.tooltip == "Show the keys of this screen and what they do"
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_key_bar_is_compact_in_a_narrow_terminal():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:  # 100 columns
        await loaded(pilot, app)
        await pilot.press("enter")
        bar = app.screen.query_one(KeyBar)
        assert bar.compact
        assert bar.render().plain.startswith("⏎ Claim esc Back s Source ")


class Tables(App):
    """A FittedTable and Textual's own DataTable given the same rows and column widths."""

    ROWS = [("short", ["one", "two"]),
            ("long", ["a witness whose name runs well past the width of its column", "x"]),
            ("lines", ["first\nsecond\nthird", "y"]),
            ("both", ["wrapped " * 6, "and this one wraps too, further than the first " * 2])]

    def compose(self) -> ComposeResult:
        yield FittedTable((Column("witness", 8), Column("value", 8)), id="fitted")
        yield DataTable(id="plain")

    def on_mount(self) -> None:
        fitted = self.query_one(FittedTable)
        fitted.styles.height = "auto"
        fitted.fill(self.ROWS)


async def test_a_fitted_table_knows_its_rows_heights_as_textual_would_measure_them():
    app = Tables()
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        fitted = app.query_one(FittedTable)
        assert not fitted._require_update_dimensions  # sized when filled, not when next idle
        plain = app.query_one("#plain", DataTable)
        for column in fitted.columns.values():
            plain.add_column(column.label, width=column.width)
        for key, cells in Tables.ROWS:
            plain.add_row(*[Text(cell) for cell in cells], key=key, height=None)
        await pilot.pause()
        heights = [row.height for row in fitted.rows.values()]
        assert heights == [row.height for row in plain.rows.values()]
        assert heights[0] == 1 and heights[2] == 3 and heights[1] > 1
        assert fitted.virtual_size == plain.virtual_size
