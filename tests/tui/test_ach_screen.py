"""The ACH screen: `h` on a fact weighs its competing versions against every claim."""

from __future__ import annotations

from sourcecrit.tui.screens.ach import AchScreen
from sourcecrit.tui.screens.claim import ClaimScreen
from sourcecrit.tui.screens.fact import FactScreen
from tests.tui.conftest import SIZE, loaded, small_app, text_of


async def open_fact(pilot, app, words: str) -> None:
    await pilot.press("slash", *words, "enter", "enter")
    assert isinstance(app.screen, FactScreen)


async def test_h_on_a_disputed_fact_shows_its_matrix():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_fact(pilot, app, "gold")
        await pilot.press("h")
        assert isinstance(app.screen, AchScreen)
        screen = app.screen
        table = screen.query_one("#ach-matrix")
        assert [str(k.value) for k in table.rows] == ["c-gold", "a-gold"]
        assert [c.label.plain for c in table.columns.values()] == ["claim", "witness", "H1", "H2", "tells apart"]
        assert [table.get_row_at(n)[2].plain + table.get_row_at(n)[3].plain for n in range(2)] == ["CI", "IC"]
        hypotheses = text_of(screen.query_one("#ach-hypotheses"))
        assert "H1 about 1 million gold rubles: 1 independent witness against it" in hypotheses
        assert hypotheses.count("least inconsistent") == 2  # one witness against each: a tie
        assert "the evidence does not tell them apart" in text_of(screen.query_one("#ach-reason"))
        await pilot.press("down", "enter")  # the highlighted evidence: its claim
        assert isinstance(app.screen, ClaimScreen) and app.screen.claim_id == "a-gold"
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, FactScreen)


async def test_witnesses_are_named_and_the_resolved_treaty_is_weighed_too():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"moscow", "enter", "enter", "h")
        screen = app.screen
        assert isinstance(screen, AchScreen)
        table = screen.query_one("#ach-matrix")
        witnesses = {str(key.value): table.get_row_at(n)[1].plain for n, key in enumerate(table.rows)}
        assert witnesses == {"c-moscow": "Gamma 2012", "a-moscow": "Alpha 1990", "b-moscow": "Officer 1950"}
        assert "16 March 1921 has the least evidence against it" in text_of(screen.query_one("#ach-reason"))


async def test_a_fact_without_competing_versions_says_so():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_fact(pilot, app, "appeal")
        await pilot.press("h")
        assert isinstance(app.screen, AchScreen)
        assert "no competing hypotheses" in text_of(app.screen.query_one("#ach-hypotheses"))


def test_ach_snapshot(snap_compare):
    async def run_before(pilot) -> None:
        await loaded(pilot, pilot.app)
        await pilot.press("slash", *"gold", "enter", "enter", "h")
        await pilot.pause()

    assert snap_compare(small_app(), terminal_size=SIZE, run_before=run_before)
