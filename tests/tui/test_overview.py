"""The overview: facts with status, filters, fuzzy search, opening a fact."""

from __future__ import annotations

import json

from sourcecrit.compare import Status
from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.screens.overview import OverviewScreen
from sourcecrit.tui.widgets.fact_list import FactList
from tests.conftest import write_files
from tests.tui.conftest import SIZE, loaded, small_app


def shown_subjects(app) -> list[str]:
    facts = app.screen.query_one(FactList)
    return [facts.rows[i].finding.subject for i in facts.shown]


async def test_overview_lists_every_fact_with_status():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert isinstance(app.screen, OverviewScreen)
        facts = app.screen.query_one(FactList)
        assert len(facts.shown) == 4
        statuses = {facts.rows[i].finding.status for i in facts.shown}
        assert Status.DISPUTED in statuses and Status.RESOLVED in statuses
        line = "".join(seg.text for seg in facts.render_line(1))
        assert "✗ disputed" in line  # the symbol and the word, not colour alone


async def test_filter_by_status_keys():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("2")
        facts = app.screen.query_one(FactList)
        assert [facts.rows[i].finding.status for i in facts.shown] == [Status.RESOLVED]
        await pilot.press("2", "1")
        assert {facts.rows[i].finding.status for i in facts.shown} == {Status.DISPUTED}
        await pilot.press("0")
        assert len(facts.shown) == 4


async def test_fuzzy_search_knows_name_variants():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"Budenny")
        assert shown_subjects(app) == ["havza-meeting"]
        await pilot.press("enter")  # back to the list
        await pilot.press("enter")  # open the fact
        assert isinstance(app.screen, FactScreen)
        table = app.screen.query_one("#claims")
        assert {str(k.value) for k in table.rows} == {"a-havza", "c-havza"}


async def test_search_by_property_and_value():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"16 may")
        assert shown_subjects(app) == ["treaty-of-moscow"]
        await pilot.press(*" xyzzy")
        assert shown_subjects(app) == []


async def test_filter_by_source_picker():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("S", *"beta", "enter")
        await pilot.pause()
        assert sorted(shown_subjects(app)) == ["declaration-1917", "treaty-of-moscow"]
        assert app.screen.filters.sources == ("book-b",)


async def test_cursor_and_mouse():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        facts = app.screen.query_one(FactList)
        await pilot.press("down", "down")
        assert facts.cursor == 2
        await pilot.press("end")
        assert facts.cursor == 3
        await pilot.click(FactList, offset=(5, 2))  # header is line 0: line 2 is the second fact
        assert facts.cursor == 1
        await pilot.double_click(FactList, offset=(5, 2))
        assert isinstance(app.screen, FactScreen)


async def test_narrow_overview_keeps_status_symbols_and_one_line_filter_bar():
    app = small_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        facts = app.screen.query_one(FactList)
        assert "".join(seg.text for seg in facts.render_line(1)).lstrip().startswith("✗")
        assert app.screen.query_one("#filter-bar").size.height == 1


async def test_a_name_close_to_a_known_one_finds_it_by_the_gazetteer():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"Havsa")  # no claim names Havza here: the subject's label does
        assert shown_subjects(app) == ["havza-meeting"]


async def test_filter_by_property_and_by_name_pickers():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("P", *"participants", "enter")
        await pilot.pause()
        assert app.screen.filters.properties == ("participants",)
        assert shown_subjects(app) == ["havza-meeting"]
        await pilot.press("0", "E", *"budyonny", "enter")
        await pilot.pause()
        assert app.screen.filters.entities == ("budyonny",)
        assert shown_subjects(app) == ["havza-meeting"]
        await pilot.press("0")
        await pilot.pause()
        assert len(shown_subjects(app)) == 4


async def test_export_a_report_from_the_overview(tmp_path):
    target = tmp_path / "conflicts.html"
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+e")
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        for _ in range(100):
            if target.exists():
                break
            await pilot.pause(0.02)
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Meeting at Havza" in html


NAMING_BUDYONNY = {"claims/escorts.yaml": """
    source: book-b
    claims:
      - id: b-gold-escort
        subject: gold-1920
        property: participants
        value: [Budyenny]
        locator: page 9
      - id: b-moscow-guests
        subject: treaty-of-moscow
        property: participants
        value: [Budennii, Mustafa Kemal]
        locator: page 8
    """}


async def test_an_exported_report_holds_the_facts_the_overview_shows(small_ledger, tmp_path):
    write_files(small_ledger, NAMING_BUDYONNY)  # three facts name Budyonny; one of them is of gold
    target = tmp_path / "shown.json"
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("E", *"budyonny", "enter")
        await pilot.pause()
        assert len(shown_subjects(app)) == 3
        await pilot.press("slash", *"gold", "enter")
        overview = app.screen
        assert (overview.filters.entities, overview.filters.query) == (("budyonny",), "gold")
        facts = overview.query_one(FactList)
        shown = [list(facts.rows[i].finding.key) for i in facts.shown]
        assert shown == [["gold-1920", "participants", None]]
        await pilot.press("ctrl+e")
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        for _ in range(100):
            if target.exists():
                break
            await pilot.pause(0.02)
    exported = json.loads(target.read_text(encoding="utf-8"))["findings"]
    assert [[f["subject"], f["property"], f["qualifier"]] for f in exported] == shown


async def test_keys_typed_in_one_burst_after_slash_go_to_the_search():
    """A paste or tmux send-keys delivers "/" and the letters before any refresh."""
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"budenny")
        await pilot.pause()
        overview = app.screen
        assert overview.query_one("#search").value == "budenny"
        assert overview.filters.query == "budenny"


async def test_keys_posted_together_after_slash_go_to_the_search():
    """The same burst with no pause at all between the keys, as a terminal delivers a paste."""
    from textual import events

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        for key in ("slash", *"budenny"):
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#search").value == "budenny"
        assert app.screen.filters.query == "budenny"


async def test_a_slash_typed_in_the_search_is_part_of_the_query():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"1/2")
        assert app.screen.query_one("#search").value == "1/2"


async def test_enter_typed_in_one_burst_after_a_search_opens_the_first_fact_found():
    from textual import events

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        for key, character in (("slash", "/"), *((k, k) for k in "budenny"), ("enter", "\r"), ("enter", "\r")):
            app.post_message(events.Key(key, character))
        for _ in range(20):
            await pilot.pause(0.01)
        assert isinstance(app.screen, FactScreen)
        assert "budyonny" in app.screen.sub_title.lower() or "havza" in app.screen.sub_title.lower()


async def test_key_6_shows_the_incomparable_facts(tmp_path):
    import shutil

    from tests.conftest import SMALL, write_files

    ledger = tmp_path / "ledger"
    shutil.copytree(SMALL, ledger)
    write_files(ledger, {"claims/promise.yaml": """
        claims:
          - {id: a-promise, source: book-a, subject: gold-1920, property: amount, qualifier: promised,
             value: 1 million gold rubles?, locator: page 41, quote: one million in gold}
          - {id: c-promise, source: article-c, subject: gold-1920, property: amount, qualifier: promised,
             value: 2 million Turkish liras, locator: paragraph 13, quote: two million liras}
        """})
    app = small_app(ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("6")
        facts = app.screen.query_one(FactList)
        assert [(facts.rows[i].finding.subject, facts.rows[i].finding.status) for i in facts.shown] == [
            ("gold-1920", Status.INCOMPARABLE)]
        assert "? incomparable" in "".join(seg.text for seg in facts.render_line(1))
