"""The text screen wraps a long line (two demo texts hold whole paragraphs on one line) to the
screen's width: its number on the first row only, the cursor walking it row by row, a sentence
in the middle of it selected and captured with the locator of its line, the mouse mapped back."""

from __future__ import annotations

from pathlib import Path

from textual import events

from sourcecrit.tui.screens.capture import ClaimForm
from sourcecrit.tui.widgets.marked_text import MarkedText, row_starts
from tests.tui.conftest import small_app
from tests.tui.test_text_screen import _marked_text, _with_text

PARAGRAPH = (
    "In the spring of 1919 the nationalist movement in Anatolia had neither an army nor a treasury, and its leaders "
    "looked for allies wherever they could find them, in the east as much as in the west. Mustafa Kemal left Istanbul "
    "by sea and landed at Samsun, from where he travelled inland with a small staff and a few officers who had served "
    "with him in Syria and on the Caucasian front. The envoys met at Havza on 22 May 1919, where the delegates of the "
    "local societies waited nine days for an answer that never came from the capital. Letters went out from Havza to "
    "every commander in the region, asking them to hold their units together and to refuse the disarmament that the "
    "armistice demanded. Two years later, after long talks in which the frontier in the Caucasus was the hardest "
    "question, the treaty between Ankara and Moscow was signed on 16 May 1921, says this book, although other sources "
    "give a day in March. Both governments kept the terms secret for some weeks, and the newspapers of Istanbul "
    "heard of them only later. The gold sent from Moscow in the months that followed paid for rifles, boots and the "
    "salaries of officers, and it was counted in roubles and in Turkish pounds by clerks who did not always agree.")
LONG = f"Chapter 3.\n\n{PARAGRAPH}\n\nThe end.\n"
HAVZA = ("The envoys met at Havza on 22 May 1919, where the delegates of the local societies waited nine days for an "
         "answer that never came from the capital.")
AT_80 = (80, 24)


def _rows(text: MarkedText) -> list[str]:
    """The rows the widget draws, as text."""
    return [text.render_line(y).text for y in range(text.scrollable_content_region.height)]


def test_a_line_is_wrapped_at_spaces_and_a_word_wider_than_a_row_is_cut():
    line = "Treaty of Moscow  signed"
    assert row_starts(line, 10) == [0, 10, 18]  # "Treaty of " / "Moscow  " / "signed"
    assert row_starts("Kars", 10) == [0] and row_starts("Alexandropol", 5) == [0, 5, 10]
    assert "".join(line[a:b] for a, b in zip(row_starts(line, 10), [*row_starts(line, 10)[1:], len(line)])) == line


async def test_a_long_line_is_wrapped_its_number_on_its_first_row(small_ledger: Path):
    assert len(PARAGRAPH) > 1200
    _with_text(small_ledger, LONG)
    app = small_app(small_ledger)
    async with app.run_test(size=(80, 40)) as pilot:  # tall enough for the whole text
        text = await _marked_text(pilot, app)
        width = text.scrollable_content_region.width
        assert text.virtual_size.width <= width  # nothing runs off to the right
        rows = _rows(text)
        first, last = text.first_rows[2], text.first_rows[3]  # the paragraph, line 3
        assert last - first >= 1200 // width
        gutter = text.number_width
        assert rows[first].startswith("3 ") and all(not row[:gutter].strip() for row in rows[first + 1:last])
        assert rows[last].startswith("4 ") and rows[last + 1].startswith("5 The end.")
        assert " ".join(row[gutter:].strip() for row in rows[first:last]) == PARAGRAPH  # wrapped at spaces, nothing lost
        text.go_to(2)
        await pilot.press("down")
        assert (text.cursor, text.cursor_row) == (2, 1)  # ↓ goes to the paragraph's next row
        await pilot.press("ctrl+down")
        assert (text.cursor, text.cursor_row) == (3, 0)  # ctrl+↓ to the next line
        await pilot.press("up", "ctrl+up")
        assert (text.cursor, text.cursor_row) == (2, 0)  # ctrl+↑: the start of the line
        await pilot.press("n")  # the recorded quote "signed on 16 May 1921", in the middle of a row
        begin, end = text.cursor_span()
        assert text.cursor == 2 and begin < LONG.index("signed on 16 May 1921") < end
        await pilot.press("s")  # the sentence of the quote, not the one the row begins in
        assert text.selected().startswith("Two years later,") and text.selected().endswith("give a day in March.")


async def test_a_sentence_in_the_middle_of_a_long_line_is_selected_and_captured(small_ledger: Path):
    _with_text(small_ledger, LONG)
    app = small_app(small_ledger)
    async with app.run_test(size=AT_80) as pilot:
        text = await _marked_text(pilot, app)
        begin = LONG.index(HAVZA)
        row = next(r for r in range(text.first_rows[2], text.first_rows[3])
                   if begin <= text.offset_of_row(r) < begin + len(HAVZA))  # a row that begins within the sentence
        text.go_to_row(row)
        await pilot.press("s")
        assert text.selected() == HAVZA and text.cursor == 2
        chosen = text.get_component_rich_style("marked-text--selection").bgcolor
        drawn = ["".join(segment.text for segment in text.render_line(y - round(text.scroll_y))
                         if segment.style.bgcolor == chosen) for y in range(text.first_rows[2], text.first_rows[3])]
        assert " ".join(part.strip() for part in drawn if part) == HAVZA  # drawn over the rows it spans, and only there
        assert sum(bool(part) for part in drawn) >= 2
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert (form.draft.quote, form.draft.locator, form.draft.value) == (HAVZA, "line 3", "22 May 1919")
        await pilot.press("escape")
        text.go_to_row(text.first_rows[3] - 1)  # the paragraph's last row, then two lines more
        await pilot.press("shift+down", "shift+down", "shift+down", "c")
        await pilot.pause()
        assert app.screen.draft.locator == "lines 3–5" and app.screen.draft.quote.endswith("did not always agree. The end.")


async def test_dragging_the_mouse_over_wrapped_rows_selects_the_words_dragged_over(small_ledger: Path):
    _with_text(small_ledger, LONG)
    app = small_app(small_ledger)
    async with app.run_test(size=AT_80) as pilot:
        text = await _marked_text(pilot, app)
        rows = _rows(text)

        def place(words: str) -> tuple[int, int]:
            y = next(y for y, row in enumerate(rows) if words in row)
            return rows[y].index(words), y

        start, end = place("Mustafa Kemal"), place("Caucasian front.")
        assert end[1] > start[1]  # on another row of the same line
        end = (end[0] + len("Caucasian front."), end[1])
        await pilot.mouse_down(MarkedText, offset=start)
        text.post_message(events.MouseMove(text, *end, 0, 0, 1, False, False, False, screen_x=0, screen_y=0))
        await pilot.pause()
        await pilot.mouse_up(MarkedText, offset=end)
        begin = PARAGRAPH.index("Mustafa Kemal")
        assert text.selected() == PARAGRAPH[begin:PARAGRAPH.index("Caucasian front.") + len("Caucasian front.")]
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.draft.locator == "line 3" and app.screen.draft.quote.startswith("Mustafa Kemal left Istanbul")
        await pilot.press("escape")
        await pilot.click(MarkedText, offset=place("Havza on 22"))  # a row that begins in another sentence
        assert rows[text.row_of_cursor() - round(text.scroll_y)].split()[0] == "Caucasian"
        await pilot.press("s")  # the sentence clicked on
        assert text.selected() == HAVZA


async def test_a_wider_screen_wraps_again_the_cursor_kept_on_its_words(small_ledger: Path):
    _with_text(small_ledger, LONG)
    app = small_app(small_ledger)
    async with app.run_test(size=AT_80) as pilot:
        text = await _marked_text(pilot, app)
        narrow = text.row_count(2)
        havza = LONG.index("Havza on 22 May")
        text.go_to_offset(havza)
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert text.row_count(2) < narrow and text.wrapped_width == text.scrollable_content_region.width - text.number_width
        start, end = text.cursor_span()
        assert text.cursor == 2 and start <= havza < end
        assert all(len(row.rstrip()) <= 160 for row in _rows(text))


def test_a_wrapped_paragraph_snapshot(snap_compare, small_ledger: Path):
    _with_text(small_ledger, LONG)

    async def run_before(pilot) -> None:
        text = await _marked_text(pilot, pilot.app)
        begin = LONG.index(HAVZA)
        text.go_to_row(next(r for r in range(text.first_rows[2], text.first_rows[3])
                            if begin <= text.offset_of_row(r) < begin + len(HAVZA)))
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(small_app(small_ledger), terminal_size=AT_80, run_before=run_before)


async def test_the_suggestions_in_a_long_line_are_stepped_through_one_by_one(small_ledger: Path):
    _with_text(small_ledger, LONG)
    app = small_app(small_ledger)
    async with app.run_test(size=AT_80) as pilot:
        text = await _marked_text(pilot, app)
        starts = sorted({s.start for s in app.screen.suggestions})
        assert len(starts) >= 3 and len({text.line_of(start) for start in starts}) == 1  # all in the paragraph
        visited = []
        for _ in starts:
            await pilot.press("g")
            visited.append(text.cursor_at)
        assert visited == starts  # none skipped, though several share the line (and some a row)
        await pilot.press("home", "g", "g")  # the second sentence suggested
        kept = [s for s in app.screen.suggestions if not s.start <= starts[1] < s.end]
        await pilot.press("d")  # its suggestions, not the others on its line
        assert app.screen.suggestions == kept and {s.start for s in kept} == {starts[0], *starts[2:]}
        assert text.cursor_at == starts[2]
