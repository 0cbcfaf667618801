"""The form to reopen a fact's resolution: why, and who reopens it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Input, Label, Static

from sourcecrit.tui.screens.forms import DraftForm


@dataclass
class ReopeningDraft:
    """What the reopen form holds: the fact, why it is reopened, by whom and on which day."""

    subject: str
    property: str
    qualifier: str | None
    why: str = ""
    by: str = ""
    on: str = ""


class ReopenForm(DraftForm):
    """Why the decision no longer stands; the decision itself is kept in the resolution's history."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, draft: ReopeningDraft, title: str, decision: str) -> None:
        super().__init__()
        self.draft = draft
        self.title_text = title
        self.decision = decision

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reopen-form", classes="dialog"):
            yield Label(f"Reopen the resolution · {escape(self.title_text)}", classes="dialog-title")
            yield Static(f"[$text-muted]The decision, kept in its history:[/] {escape(self.decision)}",
                         classes="form-note")
            yield Label("Why reopen it")
            yield Input(self.draft.why, id="why", placeholder="what calls the decision into question", compact=True)
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Reopened by")
                    yield Input(self.draft.by, id="by", placeholder="your name", compact=True)
                with Vertical():
                    yield Label("Reopened on")
                    yield Input(self.draft.on, id="on", compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Reopen (ctrl+s)", variant="warning", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#why", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        draft = self.draft
        draft.why = self.query_one("#why", Input).value.strip()
        draft.by = self.query_one("#by", Input).value.strip()
        draft.on = self.query_one("#on", Input).value.strip()
        if not self.refuse(["reason"] if not draft.why else []):
            self.dismiss(draft)
