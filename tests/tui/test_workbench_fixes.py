"""What the editor's workbench got wrong, each shown on the small ledger (issue 19's list)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList, Static

from sourcecrit.compare import Status
from sourcecrit.tui.screens.pick import PickScreen
from sourcecrit.tui.widgets.fact_list import FactList
from tests.tui.conftest import SIZE, loaded, small_app, text_of


def offered(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def bar_text(app) -> str:
    return Content.from_markup(text_of(app.screen.query_one("#filter-bar", Static))).plain


def shown_statuses(app) -> set[Status]:
    facts = app.screen.query_one(FactList)
    return {facts.rows[i].finding.status for i in facts.shown}


async def test_the_name_picker_knows_the_gazetteers_variants_and_says_when_none_match():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("E", *"Atatürk")  # a variant of Mustafa Kemal that no spelling rule reaches
        assert offered(app) == ["Mustafa Kemal (mustafa-kemal)"]
        assert not app.screen.query_one("#pick-none").display
        await pilot.press(*"zzz")
        assert offered(app) == []
        note = app.screen.query_one("#pick-none", Static)
        assert note.display and "Nothing matches" in text_of(note)
        await pilot.press("escape")
        assert not isinstance(app.screen, PickScreen)


async def test_a_status_key_shows_only_that_status_and_again_all():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("1")
        assert shown_statuses(app) == {Status.DISPUTED}
        await pilot.press("2")  # only resolved now, not disputed and resolved
        assert shown_statuses(app) == {Status.RESOLVED}
        assert app.screen.filters.statuses == (Status.RESOLVED,)
        await pilot.press("2")
        assert len(app.screen.query_one(FactList).shown) == 4


async def test_the_filter_bars_counts_follow_the_source_filter():
    app = small_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await loaded(pilot, app)
        assert "1 ✗ disputed 2" in bar_text(app) and "4 = agreed 1" in bar_text(app)
        await pilot.press("S", *"beta", "enter")  # book-b: the treaty (resolved) and the appeal (agreed)
        await pilot.pause()
        assert app.screen.filters.sources == ("book-b",)
        text = bar_text(app)
        assert "1 ✗ disputed 0" in text and "2 ✓ resolved 1" in text and "4 = agreed 1" in text
        await pilot.press("2")  # the status key narrows within them: the counts stay
        assert shown_statuses(app) == {Status.RESOLVED}
        assert "1 ✗ disputed 0" in bar_text(app) and "4 = agreed 1" in bar_text(app)


async def test_help_says_where_and_in_which_format_ctrl_e_writes(tmp_path, monkeypatch):
    from sourcecrit.tui.screens.help import HelpScreen

    monkeypatch.chdir(tmp_path)
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        export = next(command for command in app.screen.query(Static) if "ctrl+e" in _plain(command))
        told = " ".join(_plain(export).split())
        assert "extension chooses the format" in told and "Markdown" not in told
        await pilot.press("escape", "ctrl+e")
        assert app.screen.query_one("#path").value == str(tmp_path / "sourcecrit-report.md")


def _plain(static: Static) -> str:
    """A Static's text, a rich Table drawn to plain text included."""
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    Console(file=out, width=200, color_system=None).print(static.content)
    return out.getvalue()
