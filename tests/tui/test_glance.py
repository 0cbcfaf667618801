"""A warm start shows the overview the last run left while the ledger loads (tui.glance)."""

from __future__ import annotations

import threading

import pytest

import sourcecrit
from sourcecrit.compare import Status
from sourcecrit.tui.glance import read_glance
from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.state import ledger_signature
from sourcecrit.tui.widgets.fact_list import FactList
from tests.conftest import date_book_b_in_march
from tests.tui.conftest import SIZE, loaded, small_app, text_of


async def first_run(path) -> dict:
    """A run that loads the ledger and keeps its glance; what its overview showed."""
    app = small_app(path, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        for _ in range(200):
            if read_glance(path, ledger_signature(path)) is not None:
                break
            await pilot.pause(0.01)
        facts = app.screen.query_one(FactList)
        return {"rows": [(facts.rows[i].finding.key, facts.rows[i].status, facts.rows[i].values) for i in facts.shown],
                "counts": app.state.counts}


@pytest.fixture
def held_load(monkeypatch):
    """The next load waits until the test lets it go."""
    go = threading.Event()
    load = sourcecrit.load_ledger

    def waiting_load(*args, **kwargs):
        go.wait(10)
        return load(*args, **kwargs)

    monkeypatch.setattr(sourcecrit, "load_ledger", waiting_load)
    return go


async def test_a_warm_start_shows_the_last_overview_while_loading(small_ledger, held_load):
    held_load.set()
    before = await first_run(small_ledger)
    held_load.clear()
    app = small_app(small_ledger, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.state is None  # still loading
        facts = app.screen.query_one(FactList)
        assert [(facts.rows[i].finding.key, facts.rows[i].status, facts.rows[i].values) for i in facts.shown] == before["rows"]
        assert "as the last run left them" in text_of(app.screen.query_one("#status-line"))
        assert f"disputed {before['counts']['disputed']}" in text_of(app.screen.query_one("#filter-bar"))
        await pilot.press("1")  # status filters work on the glance
        assert {facts.rows[i].status for i in facts.shown} == {Status.DISPUTED}
        chosen = facts.current.key
        await pilot.press("enter")  # opens once the ledger is loaded
        assert not isinstance(app.screen, FactScreen)
        held_load.set()
        await loaded(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, FactScreen)
        assert app.screen.finding.key == chosen
        assert "as the last run left them" not in text_of(app.screen_stack[0].query_one("#status-line"))


async def test_a_changed_ledger_shows_no_glance(small_ledger, held_load):
    held_load.set()
    await first_run(small_ledger)
    held_load.clear()
    date_book_b_in_march(small_ledger)
    app = small_app(small_ledger, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.glance is None and app.screen.query_one(FactList).shown == []
        held_load.set()
        await loaded(pilot, app)
        assert len(app.screen.query_one(FactList).shown) == 4


async def test_a_damaged_glance_is_ignored(small_ledger, held_load):
    from sourcecrit.tui.glance import _location

    held_load.set()
    await first_run(small_ledger)
    location = _location(small_ledger)
    location.write_bytes(location.read_bytes()[:60])
    app = small_app(small_ledger, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert len(app.screen.query_one(FactList).shown) == 4
        for _ in range(200):  # kept again, whole
            if read_glance(small_ledger, ledger_signature(small_ledger)) is not None:
                break
            await pilot.pause(0.01)
    assert read_glance(small_ledger, ledger_signature(small_ledger)) is not None
