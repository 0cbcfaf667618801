"""What the editor's workbench got wrong, each shown on the small ledger (issue 19's list)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList, Static

from sourcecrit.compare import Status
from sourcecrit.tui.screens.pick import PickScreen
from sourcecrit.tui.widgets.fact_list import FactList
from tests.conftest import write_files
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


def many_claims_of_the_gold(root, count: int = 30) -> None:
    """``count`` claims of article-c on the gold sent: a fact screen far taller than the terminal."""
    claims = "".join(f"""
      - id: c-gold-{n}
        subject: gold-1920
        property: amount
        qualifier: sent
        value: {n + 2} million gold rubles
        locator: paragraph {n + 20}
    """ for n in range(count))
    write_files(root, {"claims/more-gold.yaml": "source: article-c\nclaims:" + claims})


async def test_page_down_and_end_on_a_fact_reach_its_pairs(small_ledger):
    from textual.containers import VerticalScroll

    from sourcecrit.tui.screens.fact import FactScreen

    many_claims_of_the_gold(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"gold", "enter", "enter")
        assert isinstance(app.screen, FactScreen) and app.screen.finding.subject == "gold-1920"
        body = app.screen.query_one("#fact-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        pairs = app.screen.query_one("#pairs")
        assert pairs.region.y < app.screen.size.height - 1  # on screen, above the key bar
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_the_matrix_legend_says_what_its_diagonal_shows(small_ledger):
    from sourcecrit.tui.screens.fact import FactScreen

    write_files(small_ledger, {"claims/article-c-again.yaml": """
        source: article-c
        claims:
          - id: c-moscow-again
            subject: treaty-of-moscow
            property: signed-on
            qualifier: actual
            value: 16 March 1921
            locator: paragraph 30
        """})
    app = small_app(small_ledger)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot, app)
        app.open_fact(app.state.by_key[("treaty-of-moscow", "signed-on", "actual")])
        await pilot.pause()
        assert isinstance(app.screen, FactScreen)
        lines = text_of(app.screen.query_one("#matrix")).splitlines()
        rows, legend = lines[1:-1], lines[-1]
        diagonal = {row.split()[0]: row.split()[int(row.split()[0])] for row in rows}
        assert diagonal["1"] == "=" and "Gamma" in rows[0]  # A third view: its two claims agree
        assert "same witness" not in legend and "diagonal: each witness's claims against each other" in legend
        assert ("·" in diagonal.values()) == ("(· it gives one)" in legend)


async def test_a_quantity_in_two_units_is_drawn_on_one_axis_per_unit(small_ledger):
    from sourcecrit.tui.screens.timeline import TimelineChart, TimelineScreen

    write_files(small_ledger, {"claims/lira.yaml": """
        source: book-b
        claims:
          - id: b-gold-lira
            subject: gold-1920
            property: amount
            qualifier: sent
            value: 500,000 Turkish liras
            locator: page 41
        """})
    app = small_app(small_ledger)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        app.open_timeline(app.state.by_key[("gold-1920", "amount", "sent")])
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        charts = app.screen.query_one(TimelineChart).charts
        assert [chart.title for chart in charts] == ["in gold ruble", "in Turkish lira"]
        assert [len(chart.bars) for chart in charts] == [2, 1]
        lines = [line.plain for line in app.screen.query_one(TimelineChart)._lines(110)]
        lira = next(line for line in lines if "Officer" in line)  # book-b reports the memoir
        assert "█" in lira.split("│")[1][10:]  # drawn at its amount on its own axis, not at nothing
        assert any("500k" in line for line in lines)
        legend = text_of(app.screen.query_one("#timeline-legend"))
        assert "each is drawn on its own axis" in legend


NOMINAL_DATE = {"claims/nominal.yaml": """
    source: article-c
    claims:
      - id: c-moscow-nominal
        subject: treaty-of-moscow
        property: signed-on
        qualifier: nominal
        value: 16 March 1921
        locator: paragraph 5
        quote: "the treaty bears the date of 16 March 1921"
    """}


async def test_at_80_columns_two_facts_of_one_subject_keep_their_qualifiers_apart(small_ledger):
    write_files(small_ledger, NOMINAL_DATE)
    app = small_app(small_ledger)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        facts = app.screen.query_one(FactList)
        lines = ["".join(segment.text for segment in facts.render_line(y)) for y in range(1, len(facts.shown) + 1)]
        moscow = [line for line in lines if "Treaty of Moscow" in line]
        assert len(moscow) == 2 and moscow[0] != moscow[1]
        assert any("(nominal)" in line for line in moscow) and any("(actual)" in line for line in moscow)


async def test_a_claim_whose_source_holds_no_text_shows_no_passage_panel():
    from sourcecrit.tui.screens.claim import ClaimScreen

    app = small_app()  # no source of the small ledger holds a text
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_claim("b-moscow")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert not app.screen.query_one("#claim-passage").display
        assert app.state.problem_count == 0


async def test_a_text_not_there_says_where_it_is_expected_and_how_to_point_at_it(small_ledger):
    from sourcecrit.tui.screens.claim import ClaimScreen

    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n",
                                                   "    kind: derivative\n    text: ../seeds/book-b.txt\n"))
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        [problem] = app.state.problems
        expected = str((small_ledger.parent / "seeds" / "book-b.txt").resolve())
        assert problem.severity == "warning" and expected in problem.message
        assert "point 'text:' at it (a path relative to the ledger folder)" in problem.message
        app.open_claim("b-moscow")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        panel = app.screen.query_one("#claim-passage")
        assert panel.display and "point the source's" in text_of(panel)
