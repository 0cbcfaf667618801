"""The claim form of a capture: quote, locator and source filled in from the text, the value
read again as it is typed (the reading shown), subject and property guessed and editable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Input, Label, Static, TextArea

from sourcecrit.tui.screens.forms import DraftForm


@dataclass
class ClaimDraft:
    """What the claim form holds: kept when a write is refused, so nothing typed is lost."""

    source: str
    id: str
    subject: str
    property: str
    value: str
    locator: str
    quote: str
    note: str = ""
    attributed_to: str = ""
    hedges: str = ""  # as typed: "it is said; (rubles?)"
    kind: str = ""  # the type of value suggested (date, quantity, entities): read by it until a property is chosen

    def record(self) -> dict[str, str | list[str] | None]:
        """The claim record as it is appended (``recorded_by`` left for the historian)."""
        return {"id": self.id, "source": self.source, "subject": self.subject, "property": self.property,
                "value": self.value, "locator": self.locator, "quote": self.quote,
                "attributed_to": self.attributed_to or None,
                "hedges": [h.strip() for h in self.hedges.split(";") if h.strip()] or None, "note": self.note or None}


FIELDS = ("id", "subject", "property", "value", "locator", "attributed_to", "hedges", "note")
REQUIRED = ("id", "subject", "property", "value", "locator")


class ClaimForm(DraftForm):
    """A new claim from a passage of a source's text; ``reading(draft)`` says what its value reads as."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("ctrl+s", "save", "Save"),
                Binding("ctrl+o", "pick", "Choose")]

    def __init__(self, draft: ClaimDraft, reading: Callable[[ClaimDraft], str],
                 choices: dict[str, list[tuple[str, str]]] | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.reading = reading
        self.choices = choices or {}  # "subject", "property": (id, label) to pick from

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="claim-form", classes="dialog"):
            yield Label(f"New claim of {escape(self.draft.source)}", classes="dialog-title")
            for name in FIELDS:
                yield Label(name.replace("_", " ").capitalize() + (" (separated by ;)" if name == "hedges" else "") + (" (ctrl+o: choose; a new id declares a new subject)" if name == "subject"
                                                 else " (ctrl+o: choose)" if name == "property" else ""))
                yield Input(getattr(self.draft, name), id=f"claim-{name}", compact=True)
                if name == "value":
                    yield Static("", id="claim-reading", classes="form-note")
            yield Label("Quote")
            yield TextArea(self.draft.quote, id="claim-quote-text", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_reading()
        self.query_one("#claim-value", Input).focus()

    @on(Input.Changed, "#claim-value, #claim-property")
    def _show_reading(self) -> None:
        draft = self._read()
        self.query_one("#claim-reading", Static).update(f"reads as: {escape(self.reading(draft))}")

    def _read(self) -> ClaimDraft:
        for name in FIELDS:
            setattr(self.draft, name, self.query_one(f"#claim-{name}", Input).value.strip())
        self.draft.quote = " ".join(self.query_one("#claim-quote-text", TextArea).text.split())
        return self.draft

    def action_pick(self) -> None:
        """Choose the focused subject or property from the ledger's, narrowing as you type."""
        from sourcecrit.tui.screens.pick import PickScreen

        focused = self.focused
        name = focused.id.removeprefix("claim-") if focused is not None and focused.id else ""
        if name not in self.choices:
            self.notify("ctrl+o chooses a subject or a property: go to one of those fields first.", timeout=2)
            return
        field = self.query_one(f"#claim-{name}", Input)

        def chosen(choice: str | None) -> None:
            if choice is not None:
                field.value = choice
            field.focus()

        self.app.push_screen(PickScreen(f"Choose the claim's {name}", self.choices[name]), chosen)

    def action_save(self) -> None:
        draft = self._read()
        missing = [name for name in (*REQUIRED, "quote") if not getattr(draft, name) or getattr(draft, name) == "?"]
        if not self.refuse(missing):
            self.dismiss(draft)
