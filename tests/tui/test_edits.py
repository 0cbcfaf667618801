"""Edits from the TUI: resolutions, flags, refusing to overwrite a changed file, reloading."""

from __future__ import annotations

from pathlib import Path

from sourcecrit.compare import Status
from sourcecrit import load_ledger
from sourcecrit.tui.screens.claim import ClaimScreen
from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.screens.forms import FlagForm, MessageScreen, ResolutionForm
from tests.tui.conftest import SIZE, loaded, small_app, until_message


async def test_record_a_resolution_keeps_comments(small_ledger: Path):
    resolutions = small_ledger / "resolutions" / "resolutions.yaml"
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"havza", "enter", "enter")
        assert isinstance(app.screen, FactScreen)
        await pilot.press("a")
        assert isinstance(app.screen, ResolutionForm)
        form = app.screen
        assert form.query_one("#accepted").value == "Mustafa Kemal; Budyenny"  # from the asserted version
        assert form.query_one("#decided-on").value == "2026-11-23"
        await pilot.press(*"The memoir places Budyonny at Havza.")
        form.query_one("#decided-by").value = "tester"
        await pilot.press("ctrl+s")
        await loaded(pilot, app, loads=2)
        assert isinstance(app.screen, FactScreen)
        assert app.screen.finding.status is Status.RESOLVED
    text = resolutions.read_text()
    assert "# The two independent witnesses agree; book-b misprints the month." in text
    assert "The memoir places Budyonny at Havza." in text
    ledger = load_ledger(small_ledger, use_cache=False)
    resolution = next(r for r in ledger.resolutions if r.subject == "havza-meeting")
    assert resolution.decided_by == "tester" and resolution.decided_on == "2026-11-23"
    assert [r.claim for r in resolution.rejected] == ["c-havza"]


async def test_flag_a_claim(small_ledger: Path):
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_claim("a-moscow")
        await pilot.pause()
        await pilot.press("f")
        assert isinstance(app.screen, FlagForm)
        await pilot.press(*"check the page", "enter")
        await loaded(pilot, app, loads=2)
        assert isinstance(app.screen, ClaimScreen)
        assert app.state.ledger.claims["a-moscow"].flagged == "check the page"
        await pilot.press("u")
        await loaded(pilot, app, loads=3)
        assert app.state.ledger.claims["a-moscow"].flagged is None
    assert "check the page" not in (small_ledger / "claims" / "book-a.yaml").read_text()


async def test_refuses_to_overwrite_a_file_changed_on_disk(small_ledger: Path):
    claims = small_ledger / "claims" / "book-a.yaml"
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        changed = claims.read_text() + "# a colleague's edit, made after the TUI read the file\n"
        claims.write_text(changed)
        app.open_claim("a-moscow")
        await pilot.pause()
        await pilot.press("f", *"check the page", "enter")
        await until_message(pilot, app)
        assert isinstance(app.screen, MessageScreen)
        assert "changed" in app.screen.text and "Nothing was written" in app.screen.text
        assert claims.read_text() == changed
        await pilot.click("#answer-reload")
        await loaded(pilot, app, loads=2)
        assert isinstance(app.screen, FlagForm)  # offered again, as typed, over the fresh ledger
        assert app.screen.query_one("#reason").value == "check the page"
        await pilot.press("enter")
        await loaded(pilot, app, loads=3)
        assert app.state.ledger.claims["a-moscow"].flagged == "check the page"
    assert "# a colleague's edit" in claims.read_text()


async def test_reload_key_picks_up_an_edit(small_ledger: Path):
    declarations = small_ledger / "declarations" / "declarations.yaml"
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        declarations.write_text(declarations.read_text().replace("label: Meeting at Havza", "label: Meeting at Havza, 1919"))
        await pilot.press("r")
        await loaded(pilot, app, loads=2)
        assert any(row.subject_label == "Meeting at Havza, 1919" for row in app.state.index.rows)


async def test_changed_files_reload_by_themselves(small_ledger: Path):
    declarations = small_ledger / "declarations" / "declarations.yaml"
    app = small_app(small_ledger, watch_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        declarations.write_text(declarations.read_text().replace("label: Soviet gold of 1920", "label: Gold, 1920"))
        await loaded(pilot, app, loads=2)
        assert any(row.subject_label == "Gold, 1920" for row in app.state.index.rows)


async def test_an_accepted_value_the_ledger_cannot_read_is_not_saved_and_the_form_comes_back(small_ledger: Path):
    resolutions = small_ledger / "resolutions" / "resolutions.yaml"
    before = resolutions.read_text()
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"havza", "enter", "enter")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ResolutionForm)
        form.query_one("#accepted").value = "Mustafa Kemal; Budyonnoy"
        await pilot.press(*"a typo in the name")
        await pilot.press("ctrl+s")
        await until_message(pilot, app)
        assert isinstance(app.screen, MessageScreen)
        assert "cannot be read" in app.screen.text and "Nothing was written" in app.screen.text
        await pilot.click("#answer-again")
        await pilot.pause()
        assert isinstance(app.screen, ResolutionForm)
        assert app.screen.query_one("#accepted").value == "Mustafa Kemal; Budyonnoy"
    assert resolutions.read_text() == before
