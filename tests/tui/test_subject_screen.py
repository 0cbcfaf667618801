"""The subject screen: every fact of a subject together, its dates on one axis, its witnesses."""

from __future__ import annotations

import pytest

from sourcecrit.tui.screens.fact import FactScreen
from sourcecrit.tui.screens.help import HelpScreen
from sourcecrit.tui.screens.subject import SubjectScreen
from sourcecrit.tui.widgets.fact_list import FactList
from tests.conftest import write_files
from tests.tui.conftest import SIZE, loaded, small_app, text_of

# The treaty gets the date it bears beside the day it was signed, and its parties; Mustafa
# Kemal speaks to it in a speech and a letter, one witness through two works.
TREATY = {
    "sources/kemal.yaml": """
        sources:
          - id: kemal-speech
            type: speech
            title: A speech
            author:
              - {family: Kemal, given: Mustafa}
            authors: [mustafa-kemal]
            issued: 1927
            kind: original
          - id: kemal-letter
            type: letter
            title: A letter
            authors: [mustafa-kemal]
            issued: 1921
            kind: original
        """,
    "claims/kemal.yaml": """
        source: kemal-speech
        claims:
          - id: speech-moscow-parties
            subject: treaty-of-moscow
            property: participants
            value: [Mustafa Kemal, Budyenny]
            locator: page 2
          - id: speech-moscow-nominal
            subject: treaty-of-moscow
            property: signed-on
            qualifier: nominal
            value: 16 March 1921
            locator: page 3
        """,
    "claims/kemal-letter.yaml": """
        source: kemal-letter
        claims:
          - id: letter-moscow-actual
            subject: treaty-of-moscow
            property: signed-on
            qualifier: actual
            value: 18 March 1921
            locator: line 4
        """,
    "claims/nominal.yaml": """
        source: article-c
        claims:
          - id: c-moscow-nominal
            subject: treaty-of-moscow
            property: signed-on
            qualifier: nominal
            value: 16 March 1921
            locator: paragraph 5
        """,
}


@pytest.fixture
def treaty_ledger(small_ledger):
    write_files(small_ledger, TREATY)
    return small_ledger


async def open_treaty_subject(pilot, app) -> SubjectScreen:
    await loaded(pilot, app)
    await pilot.press("slash", *"moscow actual", "enter")
    facts = app.screen.query_one(FactList)
    assert facts.current.subject == "treaty-of-moscow"
    await pilot.press("o")
    assert isinstance(app.screen, SubjectScreen)
    return app.screen


async def test_o_on_the_overview_opens_every_fact_of_the_subject(treaty_ledger):
    app = small_app(treaty_ledger)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_treaty_subject(pilot, app)
        keys = [(f.property, f.qualifier) for f in screen.facts]
        assert sorted(keys, key=str) == sorted([("signed-on", "actual"), ("signed-on", "nominal"),
                                                ("participants", None)], key=str)
        table = screen.query_one("#subject-facts")
        assert table.row_count == 3
        rows = [" ".join(str(cell) for cell in table.get_row_at(n)) for n in range(3)]
        assert any("signed on (actual)" in row and "disputed" in row for row in rows)
        assert any("signed on (nominal)" in row and "agreed" in row for row in rows)
        head = text_of(screen.query_one("#subject-head"))
        assert "Treaty of Moscow" in head and "3 facts" in head


async def test_the_subjects_dates_share_one_axis_numbered_by_fact(treaty_ledger):
    app = small_app(treaty_ledger)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_treaty_subject(pilot, app)
        [chart] = screen.query_one("#subject-dates").charts
        number = {(f.property, f.qualifier): n for n, f in enumerate(screen.facts)}
        drawn = {bar.claim: bar.version for bar in chart.bars}
        assert drawn["a-moscow"] == drawn["letter-moscow-actual"] == number[("signed-on", "actual")]
        assert drawn["c-moscow-nominal"] == number[("signed-on", "nominal")]
        assert "speech-moscow-parties" not in drawn  # names are not dates
        legend = text_of(screen.query_one("#subject-dates-legend"))
        assert "signed on (actual)" in legend and "signed on (nominal)" in legend


async def test_a_person_witnessing_through_two_works_is_one_witness(treaty_ledger):
    app = small_app(treaty_ledger)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_treaty_subject(pilot, app)
        kemal = next(w for w in screen.witnesses if w.who == "Mustafa Kemal")
        assert kemal.works == ["A letter", "Kemal 1927"]  # in the order of the facts
        assert kemal.says == ["signed on (actual): 18 March 1921 (A letter)",
                              "signed on (nominal): 16 March 1921 (Kemal 1927)",
                              "participants: Mustafa Kemal, Budyenny (Kemal 1927)"]
        assert all(w.who != "Mustafa Kemal" for w in screen.witnesses if w is not kemal)


async def test_enter_opens_a_fact_and_o_there_comes_back_to_the_subject(treaty_ledger):
    app = small_app(treaty_ledger)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_treaty_subject(pilot, app)
        await pilot.press("enter")
        assert isinstance(app.screen, FactScreen) and app.screen.finding is screen.facts[0]
        await pilot.press("o")
        assert app.screen is screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert any(command.id == "open-subject-row" for command in app.screen.commands)
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, SubjectScreen)


async def test_a_fact_screen_opens_its_subject_with_o():
    app = small_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_fact(app.state.by_key[("gold-1920", "amount", "sent")])
        await pilot.pause()
        await pilot.press("o")
        assert isinstance(app.screen, SubjectScreen) and app.screen.subject_id == "gold-1920"
        assert not app.screen.query_one("#subject-dates").display  # no date fact: no axis


async def test_at_80_columns_a_facts_status_is_its_symbol(treaty_ledger):
    app = small_app(treaty_ledger)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_treaty_subject(pilot, app)
        table = screen.query_one("#subject-facts")
        statuses = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
        assert sorted(statuses) == sorted(["✗", "=", "·"])  # disputed, agreed, single-source
