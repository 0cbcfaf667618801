"""Resolution history from the TUI: a changed decision asks why and is kept; R reopens with a
reason; the fact screen shows the history."""

from __future__ import annotations

from pathlib import Path

from sourcecrit import load_ledger
from sourcecrit.compare import Status
from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.screens.forms import ResolutionForm
from sourcecrit.tui.screens.reopen import ReopenForm
from tests.tui.conftest import SIZE, loaded, small_app, text_of

COMMENT = "# The two independent witnesses agree; book-b misprints the month."


async def open_moscow(pilot, app) -> FactScreen:
    app.open_fact(app.state.by_key[("treaty-of-moscow", "signed-on", "actual")])
    await pilot.pause()
    assert isinstance(app.screen, FactScreen)
    return app.screen


def moscow_resolution(root: Path):
    ledger = load_ledger(root, use_cache=False)
    assert not ledger.problems, ledger.problems
    return next(r for r in ledger.resolutions if r.subject == "treaty-of-moscow")


async def test_changing_a_decision_asks_why_and_the_fact_shows_what_it_replaced(small_ledger: Path):
    app = small_app(small_ledger)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ResolutionForm) and form.query_one("#why-changed").value == ""
        form.query_one("#rationale").text = "Two witnesses, one misprint."
        form.query_one("#decided-by").value = "B. Second"
        await pilot.press("ctrl+s")
        assert app.screen is form  # a changed decision needs its reason
        assert "reason for the change" in text_of(form.query_one("#form-error"))
        form.query_one("#why-changed").value = "said shorter for the edition"
        await pilot.press("ctrl+s")
        await loaded(pilot, app, loads=2)
        fact = app.screen
        assert isinstance(fact, FactScreen) and fact.finding.status is Status.RESOLVED
        assert "1 earlier decision on record" in text_of(fact.query_one("#fact-head"))
        history = text_of(fact.query_one("#history"))
        assert "Two witnesses, one misprint." in history
        assert "was[/]: 16 March 1921, decided by test editor on 2026-11-23" in history
        assert "replaced by B. Second on 2026-11-23: said shorter for the edition" in history
    [past] = moscow_resolution(small_ledger).history
    assert (past.why, past.replaced_by) == ("said shorter for the edition", "B. Second")
    assert COMMENT in (small_ledger / "resolutions" / "resolutions.yaml").read_text(encoding="utf-8")


async def test_R_reopens_a_resolution_with_a_reason_and_keeps_the_record(small_ledger: Path):
    app = small_app(small_ledger)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("R")
        form = app.screen
        assert isinstance(form, ReopenForm)
        await pilot.press("enter")
        assert app.screen is form and "reason" in text_of(form.query_one("#form-error"))
        await pilot.press(*"a letter of 18 March surfaced")
        form.query_one("#by").value = "C. Third"
        await pilot.press("enter")
        await loaded(pilot, app, loads=2)
        fact = app.screen
        assert isinstance(fact, FactScreen) and fact.finding.status is Status.DISPUTED
        head = text_of(fact.query_one("#fact-head"))
        assert "resolution reopened: by C. Third on 2026-11-23: a letter of 18 March surfaced" in head
        history = text_of(fact.query_one("#history"))
        assert "reopened by C. Third on 2026-11-23: a letter of 18 March surfaced" in history
        assert "was[/]: 16 March 1921" in history
        await pilot.press("R")  # nothing stands now: nothing to reopen
        assert isinstance(app.screen, FactScreen)
    recorded = moscow_resolution(small_ledger)
    assert recorded.accepted == "16 March 1921" and recorded.reopened.why == "a letter of 18 March surfaced"
    assert recorded.history[0].reopened


async def test_a_fact_without_a_resolution_shows_no_history_section():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_fact(app.state.by_key[("gold-1920", "amount", "sent")])
        await pilot.pause()
        assert not app.screen.query_one("#history").display
        assert not app.screen.query_one("#history-title").display


async def test_a_reopening_refused_for_a_file_changed_on_disk_comes_back_as_typed(small_ledger: Path):
    from sourcecrit.tui.screens.forms import MessageScreen
    from tests.tui.conftest import until_message

    path = small_ledger / "resolutions" / "resolutions.yaml"
    app = small_app(small_ledger)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("R", *"doubt")
        path.write_text(path.read_text(encoding="utf-8") + "# touched by another editor\n", encoding="utf-8")
        await pilot.press("enter")
        await until_message(pilot, app)
        assert isinstance(app.screen, MessageScreen)
        await pilot.click("#answer-reload")
        await loaded(pilot, app, loads=2)
        for _ in range(50):
            if isinstance(app.screen, ReopenForm):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, ReopenForm) and app.screen.query_one("#why").value == "doubt"
        await pilot.press("enter")
        await loaded(pilot, app, loads=3)
    assert moscow_resolution(small_ledger).reopened.why == "doubt"
    assert path.read_text(encoding="utf-8").endswith("# touched by another editor\n")
