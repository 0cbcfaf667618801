"""The review queue: disputes, resolutions disputed again, flagged claims and wrong citations as
one list, worked through with resolve, flag, unflag and open."""

from __future__ import annotations

from pathlib import Path

from sourcecrit.tui.screens.review import ReviewScreen
from tests.tui.conftest import SIZE, loaded, small_app, text_of

BOOK_A = "Book A.\nThe treaty was signed on 16 March 1921 in Moscow.\nMustafa Kemal met Budyenny at Havza.\n"


def needing_review(root: Path) -> None:
    """The small ledger with one of everything to review: book-b's misprint no longer set aside
    (the resolution disputed again), a flagged claim, and book-a's text, in which one quote stands
    away from its locator's line and another is not there at all."""
    resolutions = root / "resolutions" / "resolutions.yaml"
    text = resolutions.read_text(encoding="utf-8")
    resolutions.write_text(text[:text.index("    rejected:")], encoding="utf-8")
    article = root / "claims" / "article-c.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        '    quote: "3 December 1917"\n', '    quote: "3 December 1917"\n    flagged: is this the Russian or the Turkish text?\n'),
        encoding="utf-8")
    (root / "texts").mkdir()
    (root / "texts" / "book-a.txt").write_text(BOOK_A, encoding="utf-8")
    sources = root / "sources" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    at = text.index("  - id: book-a\n") + len("  - id: book-a\n")
    sources.write_text(text[:at] + "    text: texts/book-a.txt\n" + text[at:], encoding="utf-8")
    book_a = root / "claims" / "book-a.yaml"
    book_a.write_text(book_a.read_text(encoding="utf-8").replace("locator: page 12", "locator: line 9"), encoding="utf-8")


async def queue_of(pilot, app) -> ReviewScreen:
    await loaded(pilot, app)
    await pilot.press("v")
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    for _ in range(300):  # the citations are verified in a worker
        if screen.verified_for is app.state:
            break
        await pilot.pause(0.01)
    return screen


async def until_loads(pilot, app, loads: int) -> None:
    for _ in range(300):
        if app.loads >= loads and not app.loading_ledger:
            break
        await pilot.pause(0.01)
    assert app.loads >= loads
    await pilot.pause(0.05)


async def test_the_queue_lists_everything_to_review_in_order(small_ledger: Path):
    needing_review(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_of(pilot, app)
        listed = [(item.kind, item.claim or item.fact[0]) for item in screen.items]
        assert listed == [("disputed again", "treaty-of-moscow"), ("disputed", "gold-1920"), ("disputed", "havza-meeting"),
                          ("flagged", "c-declaration"), ("orphan", "a-gold"), ("drift", "a-moscow")]
        head = text_of(screen.query_one("#review-head"))
        assert "6 to review" in head and "1 disputed again, 2 disputed, 1 flagged, 1 orphan, 1 drift" in head
        assert "b-moscow contradict" in screen.items[0].why
        assert "'line 9'" in screen.items[5].why and "'line 2'" in screen.items[5].why


async def test_resolving_from_the_queue_takes_the_fact_off_it(small_ledger: Path):
    from sourcecrit.tui.screens.forms import ResolutionForm

    needing_review(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_of(pilot, app)
        await pilot.press("down")  # the gold sent in 1920
        assert screen.current().fact == ("gold-1920", "amount", "sent")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ResolutionForm)
        await pilot.press(*"The Soviet archive gives ten million")
        await pilot.press("ctrl+s")
        await until_loads(pilot, app, 2)
        assert app.screen is screen
        assert [item.fact for item in screen.items if item.fact] == [("treaty-of-moscow", "signed-on", "actual"),
                                                                      ("havza-meeting", "participants", None)]
        assert screen.current().fact == ("havza-meeting", "participants", None)  # the next one, where it was


async def test_flagging_a_disputed_fact_asks_which_claim_and_unflag_clears_it(small_ledger: Path):
    from sourcecrit.ledger import load_ledger
    from sourcecrit.tui.screens.forms import FlagForm
    from sourcecrit.tui.screens.pick import PickScreen

    needing_review(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_of(pilot, app)
        await pilot.press("down", "down", "f")  # Havza: two claims
        assert isinstance(app.screen, PickScreen)
        await pilot.press(*"c-havza", "enter")
        assert isinstance(app.screen, FlagForm)
        await pilot.press(*"Budennii is Budyonny?", "enter")
        await until_loads(pilot, app, 2)
        flagged = [item.claim for item in screen.items if item.kind == "flagged"]
        assert flagged == ["c-havza", "c-declaration"]
        row = next(n for n, item in enumerate(screen.items) if item.claim == "c-declaration")
        screen.query_one("#review-items").move_cursor(row=row)
        await pilot.press("u")
        await until_loads(pilot, app, 3)
        assert [item.claim for item in screen.items if item.kind == "flagged"] == ["c-havza"]
    ledger = load_ledger(small_ledger)
    assert ledger.claims["c-havza"].flagged == "Budennii is Budyonny?" and not ledger.claims["c-declaration"].flagged


async def test_opening_an_item_opens_its_claim_or_its_fact(small_ledger: Path):
    from sourcecrit.tui.screens.claim import ClaimScreen
    from sourcecrit.tui.screens.fact import FactScreen

    needing_review(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        screen = await queue_of(pilot, app)
        await pilot.press("enter")
        assert isinstance(app.screen, FactScreen) and app.screen.key == ("treaty-of-moscow", "signed-on", "actual")
        await pilot.press("escape")
        screen.query_one("#review-items").move_cursor(row=len(screen.items) - 1)
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimScreen) and app.screen.claim_id == "a-moscow"
        await pilot.press("escape")
        assert app.screen is screen


async def test_the_queue_is_in_the_help_and_says_when_there_is_nothing(small_ledger: Path):
    from sourcecrit.tui.screens.help import HelpScreen

    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert any(command.id == "review-queue" and command.key == "v" for command in app.screen.commands)
        await pilot.press("escape")
        for claim in ("b-moscow",):  # resolved and set aside: nothing disputed again
            assert claim in app.state.ledger.claims
        screen = await queue_of(pilot, app)
        assert [item.kind for item in screen.items] == ["disputed", "disputed"]
