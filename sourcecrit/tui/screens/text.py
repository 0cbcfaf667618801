"""A source's text: the whole of it, each recorded claim's quote marked (its claim one key
away) and each suggested claim's sentence marked differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Header, Input, Static

from sourcecrit.anchoring import TextIndex
from sourcecrit.suggest_claims import Candidate, SuggestError, sentences, suggest_claims
from sourcecrit.tui.capture import capture_claim, selection_draft, suggested_draft
from sourcecrit.tui.dismissed import dismiss, dismissed, suggestion_key
from sourcecrit.tui.screens.capture import ClaimDraft
from sourcecrit.tui import commands as c
from sourcecrit.tui.screens.base import LedgerScreen
from sourcecrit.tui.widgets.key_bar import KeyBar
from sourcecrit.tui.widgets.marked_text import Mark, MarkedText
from sourcecrit.verify import held_text, verify_claim

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp

Spanned = TypeVar("Spanned", Mark, Candidate)


class TextScreen(LedgerScreen):
    """The text a source holds, its recorded quotes and suggested claims marked."""

    PLACE = "A source's text"
    COMMAND_LIST = c.TEXT_COMMANDS
    BINDINGS: ClassVar[list[BindingType]] = [*c.bindings(*c.TEXT_COMMANDS)]
    AUTO_FOCUS = "#text-lines"

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id
        self.marked = False  # True once the marks are shown
        self.suggestions: list[Candidate] = []
        self.candidates: list[Candidate] = []  # every suggestion, recorded or dismissed too: a selection's value is read from them
        self.index: TextIndex | None = None  # the text folded for finding: made by the marking worker (or a search before it)

    def compose(self) -> ComposeResult:
        yield Header(icon="¶")
        yield Static(id="text-head", classes="head")
        yield MarkedText(id="text-lines")
        yield Input(placeholder="find in the text (Enter: next; Esc: back to the text)", id="text-find", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state) -> None:
        """Show the text at once, then its marks when a worker has found them (the thesis takes seconds)."""
        ledger, head = state.ledger, self.query_one("#text-head", Static)
        held = held_text(ledger, self.source_id)
        if held is None:
            head.update(f"The source {self.source_id} holds no text that can be read.")
            self.query_one(MarkedText).show("", [])
            return
        text = held[2].read_text(encoding="utf-8", errors="replace")
        self.sub_title = ledger.source_label(self.source_id)
        head.update(f"{held[1]} · marking recorded quotes and suggestions…")
        self.query_one(MarkedText).show(text, [])
        self.index = None
        self._find_marks(state, text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="marks")
    def _find_marks(self, state, text: str) -> None:
        ledger = state.ledger
        source, written, _ = held_text(ledger, self.source_id) or (self.source_id, "", None)
        index = TextIndex(text)
        spans = [(sentence.start, sentence.end) for sentence in sentences(index)]
        marks = []
        for claim_id in state.claims_by_source.get(self.source_id, ()):
            found = verify_claim(ledger.claims[claim_id], index, source, written)
            if found.anchor is not None:
                marks.append(Mark(found.anchor.start, found.anchor.end, "claim", claim_id))
        try:
            left_out = dismissed(ledger.root, self.source_id)
            candidates = suggest_claims(ledger, self.source_id)
        except SuggestError:
            candidates = []
        suggestions = [s for s in candidates if not s.recorded and suggestion_key(s) not in left_out]
        marks += [Mark(s.start, s.end, "suggestion", f"{s.kind}: {s.written}") for s in suggestions]
        self.suggestions, self.candidates, self.index = suggestions, candidates, index
        summary = (f"{written} · {sum(m.kind == 'claim' for m in marks)} quotes recorded (marked), "
                   f"{len(suggestions)} suggestions (underlined)")
        self.app.call_from_thread(self._show_marks, marks, summary, spans)

    def _show_marks(self, marks: list[Mark], summary: str, spans: list[tuple[int, int]]) -> None:
        if not self.is_attached:  # left before the marks were found
            return
        self.query_one("#text-head", Static).update(summary)
        text = self.query_one(MarkedText)
        text.mark(marks)
        text.sentences = spans
        self.marked = True

    def _claims(self) -> list[Mark]:
        return [m for m in self.query_one(MarkedText).marks if m.kind == "claim"]

    def action_next_quote(self, step: int = 1) -> None:
        """Move to where the next (or, with -1, the previous) recorded quote begins."""
        text = self.query_one(MarkedText)
        place = text.next_place(sorted({m.start for m in self._claims()}), step)
        if place is None:
            self.notify("No more recorded quotes this way.", timeout=2)
            return
        text.go_to_offset(place)

    def action_open_quote_claim(self) -> None:
        """Open the claim whose quote the cursor is on (else one on its row, or line)."""
        text = self.query_one(MarkedText)
        marks = on_cursor(text, [m for m in text.marks_on(text.cursor) if m.kind == "claim"])
        if not marks:
            self.notify("No recorded quote on this line: n goes to the next.", timeout=2)
            return
        cast("SourcecritApp", self.app).open_claim(marks[0].ref)

    def action_capture(self) -> None:
        """A new claim from the selection, else from the cursor's line: the suggestion on it,
        prefilled, or the line as the quote."""
        text = self.query_one(MarkedText)
        if text.selection is not None:
            draft = self._selection_draft(text)
            text.clear_selection()
            capture_claim(cast("SourcecritApp", self.app), draft)
            return
        on_line = on_cursor(text, self.suggestions_on(text.cursor))
        if on_line:
            draft = suggested_draft(self.source_id, on_line[0])
        else:
            line = " ".join(text.lines[text.cursor].split())
            if not line:
                self.notify("An empty line: move to the passage to record.", timeout=2)
                return
            draft = ClaimDraft(self.source_id, f"{self.source_id}-{text.cursor + 1}", "?", "?", "", f"line {text.cursor + 1}", line)
        capture_claim(cast("SourcecritApp", self.app), draft)

    def _selection_draft(self, text: MarkedText) -> ClaimDraft:
        """The claim form for the selected passage: its words as the quote, its lines (and footnote) as the locator."""
        assert text.selection is not None
        start, end = text.selection
        first, last = text.line_of(start) + 1, text.line_of(end - 1) + 1
        lines = f"line {first}" if first == last else f"lines {first}–{last}"
        note = self.index.note_at(first) if self.index is not None else None
        locator = f"footnote {note}, {lines}" if note is not None else lines
        within = [s for s in self.candidates if s.start < end and s.end > start]
        return selection_draft(self.source_id, " ".join(text.selected().split()), locator, first, within)

    def action_line(self, step: int) -> None:
        """Move to the next line of the text (1), or to the start of the cursor's line, else the one before (-1)."""
        text = self.query_one(MarkedText)
        text.go_to(text.cursor + 1 if step > 0 else text.cursor - (text.cursor_row == 0))

    # the selection -----------------------------------------------------------------------
    def action_select_lines(self, step: int) -> None:
        self.query_one(MarkedText).extend_by_line(step)

    def action_select_sentence(self, step: int) -> None:
        if not self.query_one(MarkedText).extend_by_sentence(step):
            self.notify("Finding the text's sentences… try again in a moment.", timeout=2)

    def action_clear_selection(self) -> None:
        text = self.query_one(MarkedText)
        if self.focused is not text or not text.clear_selection():  # nothing selected: Esc goes back
            cast("SourcecritApp", self.app).action_back()

    def action_suggestions(self) -> None:
        cast("SourcecritApp", self.app).open_suggestions(self.source_id)

    def suggestions_on(self, line: int) -> list[Candidate]:
        text = self.query_one(MarkedText)
        begin = text.starts[line]
        end = begin + len(text.lines[line])
        return [s for s in self.suggestions if s.start <= end and s.end > begin]

    def action_next_suggestion(self) -> None:
        """The queue of suggestions: move to where the next one after the cursor begins."""
        text = self.query_one(MarkedText)
        place = text.next_place(sorted({s.start for s in self.suggestions}), 1)
        if place is None:
            self.notify("No more suggestions below: Home goes to the top.", timeout=2)
            return
        text.go_to_offset(place)

    def action_not_a_claim(self) -> None:
        """Mark the suggestion the cursor is on (else those on its row, or line) as not claims (remembered), then go to the next."""
        text = self.query_one(MarkedText)
        gone = on_cursor(text, self.suggestions_on(text.cursor))
        if not gone:
            self.notify("No suggestion on this line: g goes to the next.", timeout=2)
            return
        if self.state is not None:
            dismiss(self.state.ledger.root, self.source_id, [suggestion_key(s) for s in gone])
        spans = {(s.start, s.end) for s in gone}
        self.suggestions = [s for s in self.suggestions if s not in gone]
        text.mark([m for m in text.marks if m.kind != "suggestion" or (m.start, m.end) not in spans])
        self.action_next_suggestion()

    def action_find_in_text(self) -> None:
        self.query_one("#text-find", Input).focus()

    @on(Input.Submitted, "#text-find")
    def _find(self, event: Input.Submitted) -> None:
        """Go to the next place after the cursor where the words stand, case aside (from the top again after the last)."""
        text = self.query_one(MarkedText)
        if self.index is None:
            self.index = TextIndex("\n".join(text.lines))
        starts = sorted(anchor.start for anchor in self.index.anchors(event.value) if anchor.score >= 95)
        if not event.value.strip() or not starts:
            self.notify(f"Not in the text: {event.value}", timeout=2)
            return
        place = text.next_place(starts, 1)
        text.go_to_offset(starts[0] if place is None else place)


def on_cursor(text: MarkedText, spans: list[Spanned]) -> list[Spanned]:
    """Of the marks or suggestions on the cursor's line, those at the place the cursor was put on (by
    n, g, / or a click), else those on its row (a wrapped line holds several), else all of them."""
    at = text.cursor_at
    if at is not None and (there := [span for span in spans if span.start <= at < span.end]):
        return there
    begin, end = text.cursor_span()
    return [span for span in spans if span.start <= end and span.end > begin] or spans
