"""Fact, claim, source, timeline, problems and help screens."""

from __future__ import annotations

from pathlib import Path

from sourcecrit.tui.screens.claim import ClaimScreen
from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.screens.help import HelpScreen
from sourcecrit.tui.screens.source import SourceScreen
from sourcecrit.tui.screens.timeline import TimelineChart, TimelineScreen
from tests.tui.conftest import SIZE, loaded, small_app, text_of


async def open_moscow(pilot, app) -> None:
    await pilot.press("slash", *"moscow", "enter", "enter")
    assert isinstance(app.screen, FactScreen)


async def test_fact_screen_shows_claims_pairs_versions_and_matrix():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        screen = app.screen
        assert [str(k.value) for k in screen.query_one("#claims").rows] == ["c-moscow", "a-moscow", "b-moscow"]
        assert len(screen.query_one("#versions").rows) == 2
        pairs = text_of(screen.query_one("#pairs"))
        assert "✗ contradict" in pairs and "= agree" in pairs
        matrix = text_of(screen.query_one("#matrix"))
        assert "✗" in matrix and "Beta 2005" in matrix
        assert "resolved" in text_of(screen.query_one("#fact-head"))


async def test_claim_screen_shows_citation_and_quote():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, ClaimScreen) and app.screen.claim_id == "b-moscow"
        assert "signed on 16 May 1921" in text_of(app.screen.query_one("#claim-quote"))
        assert "Another history" in text_of(app.screen.query_one("#claim-citation"))
        assert not app.screen.query_one("#claim-passage").display  # no text held: no passage, no fault



async def passage_panel(ledger: Path, claim_id: str):
    """The passage panel of a claim's screen: its title and its content."""
    app = small_app(ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_claim(claim_id)
        await pilot.pause()
        panel = app.screen.query_one("#claim-passage")
        return str(panel.border_title), panel.content

async def test_claim_screen_highlights_the_quote_in_the_held_text(small_ledger: Path):
    text = "Chapter 2.\nThe treaty was at last\nsigned on 16 Ma-\ny 1921, says this book.\nThe end.\n"
    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "book-b.txt").write_text(text, encoding="utf-8")
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n",
                                                   "    kind: derivative\n    text: texts/book-b.txt\n"))
    title, passage = await passage_panel(small_ledger, "b-moscow")
    highlighted = [passage.plain[span.start:span.end] for span in passage.spans]
    assert highlighted == ["signed on 16 Ma-\ny 1921"]
    assert "quote found" in title


async def test_a_document_printed_in_another_shows_the_passage_of_the_one_that_prints_it(small_ledger: Path):
    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "page.txt").write_text("Preface.\nsigned on 16 May 1921\nEnd.\n", encoding="utf-8")
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    contained_in: page\n")
                       + "  - id: page\n    type: webpage\n    title: A page\n    kind: authored-narrative\n"
                         "    text: texts/page.txt\n")
    title, _ = await passage_panel(small_ledger, "b-moscow")
    assert "texts/page.txt" in title and "quote found" in title


async def test_a_text_that_is_not_there_is_named(small_ledger: Path):
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    text: texts/gone.txt\n"))
    _, shown = await passage_panel(small_ledger, "b-moscow")
    assert "texts/gone.txt, which is not there" in str(shown)

async def test_source_screen_shows_record_and_citations():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("down", "down", "s")
        assert isinstance(app.screen, SourceScreen) and app.screen.source_id == "book-b"
        record = text_of(app.screen.query_one("#source-record"))
        assert "contradicted in 1" in record and "rejected in 1" in record
        related = app.screen.query_one("#source-related")
        assert [str(k.value) for k in related.rows] == ["source:memoir"]
        await pilot.press("tab", "enter")  # from its claims to the related sources: open memoir
        assert isinstance(app.screen, SourceScreen) and app.screen.source_id == "memoir"
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, FactScreen)


async def test_a_source_screen_names_the_sources_printed_in_it_and_where_it_is_printed(small_ledger: Path):
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    contained_in: page\n")
                       + "  - id: page\n    type: webpage\n    title: A page\n    kind: authored-narrative\n")
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        for source_id, expected in (("page", [("prints", "source:book-b")]),
                                    ("book-b", [("cites", "source:memoir"), ("printed in", "source:page")])):
            app.open_source(source_id)
            await pilot.pause()
            related = app.screen.query_one("#source-related")
            assert [(str(related.get_row(key)[0]), key.value) for key in related.rows] == expected, source_id
            await pilot.press("escape")


async def test_timeline_draws_each_claim_on_one_axis():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        chart = app.screen.query_one(TimelineChart)
        lines = [line.plain for line in chart.render().renderables]
        assert len(lines) == 3 + 2  # three claims, the rule, the labels
        line_of = {bar.claim: lines[n] for n, bar in enumerate(chart.charts[0].bars)}
        march, may = line_of["a-moscow"].index("█"), line_of["b-moscow"].index("█")
        assert may > march + 20  # 16 May is drawn well right of 16 March
        assert line_of["a-moscow"].startswith("1 Alpha 1990")  # the value's number, then its witness
        assert "1921" in lines[-1]


async def test_quantity_bars():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"gold", "enter", "t")
        assert isinstance(app.screen, TimelineScreen)
        lines = [line.plain for line in app.screen.query_one(TimelineChart).render().renderables]
        assert "gold ruble" in lines[-1]


async def test_help_lists_the_keys_of_the_screen():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert any(c.id == "flag" for c in app.screen.commands)
        await pilot.press("escape")
        assert isinstance(app.screen, FactScreen)


async def test_palette_jumps_to_a_source():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p", *"Go to source: Gamma")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen) and app.screen.source_id == "article-c"


async def test_theme_toggle():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not dark


async def test_fact_screen_fits_80_columns_without_scrolling_sideways():
    app = small_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await open_moscow(pilot, app)
        for table in app.screen.query("#claims, #versions"):
            assert table.virtual_size.width <= table.size.width, table.id
        claims = app.screen.query_one("#claims")
        assert [str(column.label) for column in claims.columns.values()][:3] == ["witness", "as written", "read as"]
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert "claim" in [str(column.label) for column in claims.columns.values()]  # room for the ids again


async def test_a_fact_screen_opened_again_shows_the_next_fact_from_the_top():
    """The fact and source screens are kept and filled again, not composed anew."""
    from sourcecrit.tui.screens.fact import FactScreen
    from sourcecrit.tui.screens.source import SourceScreen
    from sourcecrit.tui.widgets.fact_list import FactList

    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("enter")
        first = app.screen
        assert isinstance(first, FactScreen)
        await pilot.press("down", "s")
        source_screen = app.screen
        assert isinstance(source_screen, SourceScreen)
        await pilot.press("escape", "escape", "down", "enter")
        assert app.screen is first
        overview_fact = app.screen_stack[0].query_one(FactList).current
        assert first.key == overview_fact.key
        claims = first.query_one("#claims")
        assert app.focused is claims and claims.cursor_row == 0
        assert first.sub_title in text_of(first.query_one("#fact-head"))
        claim_source = app.state.ledger.claims[first._claim_id()].source
        await pilot.press("s")
        assert app.screen is source_screen and source_screen.source_id == claim_source
        assert app.focused is source_screen.query_one("#source-claims")


async def test_a_source_screen_says_whose_work_it_is_and_how_that_was_found(small_ledger: Path):
    people = small_ledger / "gazetteer" / "people.yaml"
    people.write_text(people.read_text() + "  - id: officer\n    label: An Officer\n    kind: person\n")
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("memoir")
        await pilot.pause()
        fields = text_of(app.screen.query_one("#source-fields"))
        assert "[b]authors[/b]: An Officer" in fields and "(matched by the author name ‘An Officer’)" in fields
