"""Modal forms: record a resolution, flag a claim, name the file of an exported report,
and a message the user can read, copy from and answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea


@dataclass
class ResolutionDraft:
    """What the resolution form holds: kept when a write is refused, so nothing typed is lost."""

    subject: str
    property: str
    qualifier: str | None
    accepted: str
    rationale: str = ""
    decided_by: str = ""
    decided_on: str = ""
    rests_on: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # claims the accepted value contradicts
    reject: bool = True
    reject_reason: str = "contradicts the accepted value"
    replacing: tuple[str, str] | None = None  # the standing decision's accepted value and rationale, if one stands
    why_changed: str = ""  # why it is replaced: kept in the resolution's history

    def changes_decision(self) -> bool:
        """Whether saving replaces a standing decision with another (accepted value or rationale)."""
        return self.replacing is not None and self.replacing != (self.accepted, self.rationale)

    @property
    def rejected(self) -> list[dict[str, str]]:
        if not self.reject:
            return []
        return [{"claim": claim, "reason": self.reject_reason or "contradicts the accepted value"}
                for claim in self.set_aside]


class DraftForm(ModalScreen):
    """A form that is saved (ctrl+s, the Save button) or cancelled (escape, the Cancel button);
    ``action_save`` checks the draft and dismisses with it, or names what is missing."""

    def refuse(self, missing: list[str], joined: str = ", ") -> bool:
        """Say which fields are missing (in #form-error); whether any is."""
        if missing:
            self.query_one("#form-error", Static).update(f"[$text-error]Give the {joined.join(missing)}.[/]")
        return bool(missing)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError


class ResolutionForm(DraftForm):
    """Accepted value (prefilled from the chosen version), rationale, who decided; today's date."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, draft: ResolutionDraft, title: str) -> None:
        super().__init__()
        self.draft = draft
        self.title_text = title

    def compose(self) -> ComposeResult:
        draft = self.draft
        with VerticalScroll(id="resolution-form", classes="dialog"):
            yield Label(f"Record a resolution · {escape(self.title_text)}", classes="dialog-title")
            yield Label("Accepted value")
            yield Input(draft.accepted, id="accepted", compact=True)
            yield Label("Rationale (why this value)")
            yield TextArea(draft.rationale, id="rationale", soft_wrap=True, show_line_numbers=False, compact=True)
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Decided by")
                    yield Input(draft.decided_by, id="decided-by", placeholder="your name", compact=True)
                with Vertical():
                    yield Label("Decided on")
                    yield Input(draft.decided_on, id="decided-on", compact=True)
            if draft.replacing is not None:
                yield Label("Why change the recorded decision (kept in its history, with who and when)")
                yield Input(draft.why_changed, id="why-changed", placeholder="needed if the value or rationale "
                            "changes", compact=True)
            yield Static(f"Rests on: {escape(', '.join(draft.rests_on) or '—')}", classes="form-note")
            if draft.set_aside:
                yield Checkbox(f"Set aside the claims that contradict it: {', '.join(draft.set_aside)}",
                               draft.reject, id="reject", compact=True)
                yield Input(draft.reject_reason, id="reject-reason", placeholder="why they are set aside", compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#rationale" if self.draft.accepted else "#accepted").focus()

    def _read(self) -> ResolutionDraft:
        draft = self.draft
        draft.accepted = self.query_one("#accepted", Input).value.strip()
        draft.rationale = " ".join(self.query_one("#rationale", TextArea).text.split())
        draft.decided_by = self.query_one("#decided-by", Input).value.strip()
        draft.decided_on = self.query_one("#decided-on", Input).value.strip()
        if draft.replacing is not None:
            draft.why_changed = self.query_one("#why-changed", Input).value.strip()
        if draft.set_aside:
            draft.reject = self.query_one("#reject", Checkbox).value
            draft.reject_reason = self.query_one("#reject-reason", Input).value.strip()
        return draft

    def action_save(self) -> None:
        draft = self._read()
        missing = [name for name, value in (("accepted value", draft.accepted), ("rationale", draft.rationale),
                                            ("reason for the change", draft.why_changed or not draft.changes_decision()))
                   if not value]
        if not self.refuse(missing, " and the "):
            self.dismiss(draft)


class FlagForm(ModalScreen[str | None]):
    """Why a claim needs review."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, claim_id: str, reason: str = "") -> None:
        super().__init__()
        self.claim_id = claim_id
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-form", classes="dialog"):
            yield Label(f"Flag {escape(self.claim_id)} for review", classes="dialog-title")
            yield Label("Reason")
            yield Input(self.reason, id="reason", placeholder="what needs checking, and why", compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Flag (enter)", variant="warning", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#form-error", Static).update("[$text-error]Say why the claim needs review.[/]")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class PathForm(ModalScreen[str | None]):
    """Confirm the file a report is written to."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, path: str) -> None:
        super().__init__()
        self.title_text = title
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="path-form", classes="dialog"):
            yield Label(escape(self.title_text), classes="dialog-title")
            yield Input(self.path, id="path", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Write (enter)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if path:
            self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class MessageScreen(ModalScreen[str | None]):
    """A message to read and copy from (the text is selectable), with answer buttons."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, title: str, text: str, answers: tuple[tuple[str, str], ...] = (("close", "Close"),)) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="message", classes="dialog"):
            yield Label(escape(self.title_text), classes="dialog-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="message-text")
            with Horizontal(classes="buttons"):
                for n, (answer, label) in enumerate(self.answers):
                    yield Button(label, id=f"answer-{answer}", variant="primary" if n == 0 else "default", compact=True)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))
