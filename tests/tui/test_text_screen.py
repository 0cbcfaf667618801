"""The text screen: a source's whole text, its recorded quotes marked, suggestions underlined."""

from __future__ import annotations

from pathlib import Path

from sourcecrit.tui.screens.claim import ClaimScreen
from sourcecrit.tui.screens.source import SourceScreen
from sourcecrit.tui.screens.text import TextScreen
from sourcecrit.tui.widgets.marked_text import MarkedText
from tests.tui.conftest import SIZE, loaded, small_app, text_of

TEXT = "Chapter 2.\n\nThe envoys met at Havza on 22 May 1919.\nThe treaty was at last\nsigned on 16 Ma-\ny 1921, says this book.\nThe end.\n"


async def test_the_text_screen_marks_quotes_and_opens_their_claim(small_ledger: Path):
    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "book-b.txt").write_text(TEXT, encoding="utf-8")
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    text: texts/book-b.txt\n"))
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("book-b")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        for _ in range(200):  # the marks are found in a worker
            if app.screen.marked:
                break
            await pilot.pause(0.01)
        text = app.screen.query_one(MarkedText)
        claims = [m for m in text.marks if m.kind == "claim"]
        assert [m.ref for m in claims] == ["b-moscow"] and TEXT[claims[0].start:claims[0].end] == "signed on 16 Ma-\ny 1921"
        assert any(m.kind == "suggestion" and "22 May 1919" in m.ref for m in text.marks)
        assert "1 quotes recorded" in text_of(app.screen.query_one("#text-head"))
        await pilot.press("n")
        assert text.cursor == 4  # the line the quote begins on
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen) and app.screen.claim_id == "b-moscow"


REPO = Path(__file__).resolve().parent.parent.parent


async def test_the_thesis_opens_at_once_and_is_marked_in_the_background():
    if not (REPO.parent / "shared" / "seeds").is_dir():
        return  # the demo's texts are not beside the repository
    app = small_app(REPO)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("ersoy-mcmeekin-2007")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        text = app.screen.query_one(MarkedText)
        assert len(text.lines) > 5000
        for _ in range(1000):
            if app.screen.marked:
                break
            await pilot.pause(0.01)
        claims = {m.ref for m in text.marks if m.kind == "claim"}
        assert len(claims) == len(app.state.claims_by_source["ersoy-mcmeekin-2007"])
        await pilot.press("n", "n")
        assert text.cursor > 0 and any(m.kind == "claim" for m in text.marks_on(text.cursor))


async def test_a_claim_captured_from_a_suggestion_is_written_and_read_back(small_ledger: Path):
    from sourcecrit.ledger import load_ledger
    from sourcecrit.tui.screens.capture import ClaimForm

    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "book-b.txt").write_text(TEXT, encoding="utf-8")
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    text: texts/book-b.txt\n"))
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("book-b")
        await pilot.pause()
        await pilot.press("x")
        for _ in range(200):
            if app.screen.marked:
                break
            await pilot.pause(0.01)
        app.screen.query_one(MarkedText).go_to(2)  # "The envoys met at Havza on 22 May 1919."
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.draft.value == "22 May 1919" and form.draft.locator == "line 3"
        assert "22 May 1919" in text_of(form.query_one("#claim-reading"))
        for name, value in (("subject", "treaty-of-moscow"), ("property", "signed-on")):
            form.query_one(f"#claim-{name}").value = value
        form.query_one("#claim-value").value = "22 Mayy 1919"  # no month: "Mai" is German May
        await pilot.pause()
        assert text_of(form.query_one("#claim-reading")).startswith("reads as: ?")  # re-read as typed
        form.query_one("#claim-value").value = "22 May 1919"
        await pilot.press("ctrl+s")
        for _ in range(200):
            if app.loads >= 2:
                break
            await pilot.pause(0.01)
    ledger = load_ledger(small_ledger)
    claim = ledger.claims[form.draft.id]
    assert (claim.source, claim.value, claim.locator, claim.quote) == (
        "book-b", "22 May 1919", "line 3", "The envoys met at Havza on 22 May 1919.")


async def test_a_capture_into_a_file_changed_on_disk_is_refused_and_kept(small_ledger: Path):
    from sourcecrit.tui.capture import capture_claim, claims_file
    from sourcecrit.tui.screens.capture import ClaimDraft
    from sourcecrit.tui.screens.forms import MessageScreen
    from tests.tui.conftest import until_message

    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        target = claims_file(app, "book-b")
        target.write_text(target.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
        edited = target.read_text(encoding="utf-8")
        capture_claim(app, ClaimDraft("book-b", "b-new", "treaty-of-moscow", "signed-on", "16 March 1921", "p. 3",
                                      "signed on 16 March 1921"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until_message(pilot, app)
        assert isinstance(app.screen, MessageScreen) and "changed on disk" in app.screen.title_text
    assert target.read_text(encoding="utf-8") == edited


async def test_the_suggestions_queue_skips_and_remembers_what_is_not_a_claim(small_ledger: Path):
    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "book-b.txt").write_text(TEXT, encoding="utf-8")
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    text: texts/book-b.txt\n"))

    async def text_screen(pilot, app):
        app.open_source("book-b")
        await pilot.pause()
        await pilot.press("x")
        for _ in range(200):
            if app.screen.marked:
                break
            await pilot.pause(0.01)
        return app.screen.query_one(MarkedText)

    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        text = await text_screen(pilot, app)
        offered = len(app.screen.suggestions)
        assert offered >= 1
        await pilot.press("g")
        assert text.cursor == 2  # "The envoys met at Havza on 22 May 1919."
        await pilot.press("d")
        assert not app.screen.suggestions_on(2) and len(app.screen.suggestions) < offered
        assert not any(m.kind == "suggestion" and text.line_of(m.start) == 2 for m in text.marks)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:  # another run: not offered again
        await loaded(pilot, app)
        await text_screen(pilot, app)
        assert not app.screen.suggestions_on(2)


async def test_finding_words_across_a_hyphenated_line_end(small_ledger: Path):
    (small_ledger / "texts").mkdir()
    (small_ledger / "texts" / "book-b.txt").write_text(TEXT + "Later, signed on 16 May 1921 again.\n", encoding="utf-8")
    sources = small_ledger / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    text: texts/book-b.txt\n"))
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("book-b")
        await pilot.pause()
        await pilot.press("x", "slash", *"16 may 1921", "enter")
        text = app.screen.query_one(MarkedText)
        assert text.cursor == 4  # "signed on 16 Ma-" / "y 1921"
        await pilot.press("enter")
        assert text.cursor == 7
        await pilot.press("enter")
        assert text.cursor == 4  # from the top again


async def test_the_claim_form_picks_a_subject_and_declares_a_new_one(small_ledger: Path):
    from sourcecrit.ledger import load_ledger
    from sourcecrit.tui.capture import capture_claim
    from sourcecrit.tui.screens.capture import ClaimDraft, ClaimForm
    from sourcecrit.tui.screens.pick import PickScreen

    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        capture_claim(app, ClaimDraft("book-b", "b-new", "?", "?", "16 March 1921", "p. 3", "signed on 16 March 1921"))
        await pilot.pause()
        form = app.screen
        form.query_one("#claim-property").focus()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, PickScreen)
        await pilot.press(*"signed", "enter")
        assert isinstance(app.screen, ClaimForm) and form.query_one("#claim-property").value == "signed-on"
        assert "16 March 1921" in text_of(form.query_one("#claim-reading"))
        form.query_one("#claim-subject").value = "treaty-of-kars"
        await pilot.press("ctrl+s")
        for _ in range(200):
            if app.loads >= 2:
                break
            await pilot.pause(0.01)
    ledger = load_ledger(small_ledger)
    assert ledger.claims["b-new"].subject == "treaty-of-kars" and "treaty-of-kars" in ledger.subjects
    assert not [p for p in ledger.problems if p.is_error]


def _with_text(root: Path, text: str = TEXT) -> None:
    (root / "texts").mkdir()
    (root / "texts" / "book-b.txt").write_text(text, encoding="utf-8")
    sources = root / "sources" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    kind: derivative\n", "    kind: derivative\n    text: texts/book-b.txt\n"))


async def _marked_text(pilot, app) -> MarkedText:
    await loaded(pilot, app)
    app.open_source("book-b")
    await pilot.pause()
    await pilot.press("x")
    for _ in range(200):
        if app.screen.marked:
            break
        await pilot.pause(0.01)
    return app.screen.query_one(MarkedText)


async def test_a_selection_grows_by_line_and_by_sentence(small_ledger: Path):
    _with_text(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        text = await _marked_text(pilot, app)
        text.go_to(3)  # "The treaty was at last"
        await pilot.press("shift+down")
        assert text.selected() == "The treaty was at last"
        await pilot.press("shift+down")
        assert text.selected() == "The treaty was at last\nsigned on 16 Ma-" and text.cursor == 4
        await pilot.press("shift+up")
        assert text.selected() == "The envoys met at Havza on 22 May 1919.\nThe treaty was at last\nsigned on 16 Ma-"
        await pilot.press("escape")
        assert text.selection is None and isinstance(app.screen, TextScreen)  # Esc clears first
        assert text.cursor == 2  # where the selection was last extended
        text.go_to(3)
        await pilot.press("s")  # the sentence the cursor's line begins
        assert text.selected() == "The treaty was at last\nsigned on 16 Ma-\ny 1921, says this book."
        await pilot.press("s")
        assert text.selected().endswith("says this book.\nThe end.")
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, TextScreen)  # Esc with nothing selected goes back


async def test_a_claim_captured_from_a_selection_is_written_and_read_back(small_ledger: Path):
    from sourcecrit.ledger import load_ledger
    from sourcecrit.tui.screens.capture import ClaimForm

    _with_text(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        text = await _marked_text(pilot, app)
        text.go_to(2)
        await pilot.press("shift+down", "shift+down", "c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.draft.quote == "The envoys met at Havza on 22 May 1919. The treaty was at last"
        assert form.draft.locator == "lines 3–4" and form.draft.value == "22 May 1919"  # read from the selection
        assert text.selection is None
        form.query_one("#claim-subject").value = "havza-meeting"
        form.query_one("#claim-property").value = "occurred-on"
        await pilot.press("ctrl+s")
        for _ in range(200):
            if app.loads >= 2:
                break
            await pilot.pause(0.01)
    claim = load_ledger(small_ledger).claims[form.draft.id]
    assert (claim.locator, claim.quote) == ("lines 3–4", "The envoys met at Havza on 22 May 1919. The treaty was at last")


async def test_dragging_the_mouse_selects_a_passage(small_ledger: Path):
    from textual import events

    _with_text(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        text = await _marked_text(pilot, app)
        gutter = text.number_width  # the line numbers
        await pilot.mouse_down(MarkedText, offset=(gutter + 4, 2))  # "envoys …" on line 3
        text.post_message(events.MouseMove(text, gutter + 23, 2, 0, 0, 1, False, False, False,
                                           screen_x=0, screen_y=0))
        await pilot.pause()
        await pilot.mouse_up(MarkedText, offset=(gutter + 23, 2))
        assert text.selected() == "envoys met at Havza"
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.draft.quote == "envoys met at Havza" and app.screen.draft.locator == "line 3"


async def test_the_suggestions_queue_accepts_skips_and_sets_aside(small_ledger: Path):
    from sourcecrit.tui.dismissed import dismissed
    from sourcecrit.tui.screens.capture import ClaimForm
    from sourcecrit.tui.screens.suggestions import SuggestionsScreen

    _with_text(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_source("book-b")
        await pilot.pause()
        await pilot.press("G")
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        for _ in range(200):
            if screen.found:
                break
            await pilot.pause(0.01)
        offered = [s.written for s in screen.suggestions]
        assert offered and offered[0] == "22 May 1919"
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimForm) and app.screen.draft.value == "22 May 1919"
        await pilot.press("escape")
        await pilot.press("d")  # not a claim: gone, and remembered
        assert [s.written for s in screen.suggestions] == offered[1:]
        assert len(dismissed(small_ledger, "book-b")) == 1
        if len(offered) > 2:
            await pilot.press("g")
            assert screen.current().written == offered[2]


async def test_a_suggestion_accepted_from_the_queue_is_recorded_and_leaves_it(small_ledger: Path):
    from sourcecrit.ledger import load_ledger
    from sourcecrit.tui.screens.suggestions import SuggestionsScreen

    _with_text(small_ledger)
    app = small_app(small_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.open_suggestions("book-b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        for _ in range(200):
            if screen.found:
                break
            await pilot.pause(0.01)
        assert screen.current().written == "22 May 1919"
        await pilot.press("c")
        form = app.screen
        form.query_one("#claim-subject").value = "havza-meeting"
        form.query_one("#claim-property").value = "occurred-on"
        await pilot.press("ctrl+s")
        for _ in range(300):
            if app.loads >= 2 and screen.found:
                break
            await pilot.pause(0.01)
        assert app.screen is screen and "22 May 1919" not in [s.written for s in screen.suggestions]
    assert load_ledger(small_ledger).claims[form.draft.id].value == "22 May 1919"
