"""The queue of a source's suggested claims (``sourcecrit suggest``), one row each, worked from
the top: accept one into the claim form, prefilled; mark it not a claim (remembered, not offered
again); or leave it and go to the next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from sourcecrit.suggest_claims import Candidate, SuggestError, suggest_claims
from sourcecrit.tui import commands as c
from sourcecrit.tui.capture import capture_claim, suggested_draft
from sourcecrit.tui.dismissed import dismiss, dismissed, suggestion_key
from sourcecrit.tui.screens.base import LedgerScreen
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp
    from sourcecrit.tui.state import LedgerState

COLUMNS = (Column("locator", 7), Column("value", 12), Column("reads as", 12), Column("subject / property", 14))


class SuggestionsScreen(LedgerScreen):
    """A source's suggested claims not yet recorded nor marked "not a claim"."""

    PLACE = "A source's suggested claims"
    COMMAND_LIST = c.SUGGESTION_COMMANDS
    BINDINGS: ClassVar[list[BindingType]] = [*c.bindings(*c.SUGGESTION_COMMANDS)]
    AUTO_FOCUS = "#suggestions"

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id
        self.suggestions: list[Candidate] = []
        self.found = False  # True once the suggestions of the current load are listed

    def compose(self) -> ComposeResult:
        yield Header(icon="¶")
        yield Static(id="suggestions-head", classes="head")
        yield FittedTable(COLUMNS, id="suggestions", zebra_stripes=True)
        yield Static(id="suggestion-sentence", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state: "LedgerState") -> None:
        self.sub_title = f"suggested claims of {state.ledger.source_label(self.source_id)}"
        self.found = False
        self.query_one("#suggestions-head", Static).update("Reading the text for claims…")
        self._suggest(state)

    @work(thread=True, exclusive=True, exit_on_error=False, group="suggest")
    def _suggest(self, state: "LedgerState") -> None:
        try:
            left_out = dismissed(state.ledger.root, self.source_id)
            found = [s for s in suggest_claims(state.ledger, self.source_id)
                     if not s.recorded and suggestion_key(s) not in left_out]
            problem = ""
        except SuggestError as error:
            found, problem = [], str(error)
        self.app.call_from_thread(self._show, state, found, problem)

    def _show(self, state: "LedgerState", found: list[Candidate], problem: str) -> None:
        if state is not self.state or not self.is_attached:
            return
        table = self.query_one("#suggestions", FittedTable)
        at = table.cursor_row
        self.suggestions = found
        table.fill([(str(n), self._cells(s)) for n, s in enumerate(found)])
        if found:
            table.move_cursor(row=min(at, len(found) - 1))
        self.found = True
        head = problem or (f"{len(found)} suggested claims not yet recorded · Enter or c accepts, g goes on, "
                           "d marks it not a claim" if found else "No suggestions left: every one is recorded or set aside.")
        self.query_one("#suggestions-head", Static).update(escape(head))
        self._show_sentence()

    @staticmethod
    def _cells(s: Candidate) -> list[str]:
        guess = f"{s.guesses[0][0]} / {s.guesses[0][1]}" if s.guesses else "?"
        written = ", ".join(s.written) if isinstance(s.written, list) else str(s.written)
        return [s.locator, written, s.read, guess]  # the sentence is shown below the table, whole

    def current(self) -> Candidate | None:
        table = self.query_one("#suggestions", FittedTable)
        if not table.row_count or not self.suggestions:
            return None
        return self.suggestions[min(table.cursor_row, len(self.suggestions) - 1)]

    @on(DataTable.RowHighlighted, "#suggestions")
    def _show_sentence(self) -> None:
        shown = self.current()
        panel = self.query_one("#suggestion-sentence", Static)
        panel.border_title = "Sentence" + (f" · {shown.attribution}" if shown and shown.attribution else "")
        panel.update(escape(shown.quote) if shown else "")

    @on(DataTable.RowSelected, "#suggestions")
    def _chosen(self) -> None:
        self.action_accept()

    def action_accept(self) -> None:
        shown = self.current()
        if shown is not None:
            capture_claim(cast("SourcecritApp", self.app), suggested_draft(self.source_id, shown))

    def action_skip(self) -> None:
        table = self.query_one("#suggestions", FittedTable)
        if table.cursor_row + 1 >= table.row_count:
            self.notify("The last suggestion: nothing further down.", timeout=2)
            return
        table.move_cursor(row=table.cursor_row + 1)

    def action_dismiss_suggestion(self) -> None:
        shown, state = self.current(), self.state
        if shown is None or state is None:
            return
        dismiss(state.ledger.root, self.source_id, [suggestion_key(shown)])
        rest = [s for s in self.suggestions if s is not shown]
        self._show(state, rest, "")
