"""Help: the keys of the screen the user came from, then the app's, from the one declaration."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from sourcecrit.tui.commands import APP_COMMANDS, Command


class HelpScreen(ModalScreen[None]):
    """Keys that apply where the user is."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss(None)", "Close")]

    def __init__(self, where: str, commands: tuple[Command, ...]) -> None:
        super().__init__()
        self.where = where
        self.commands = commands

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Label(f"Keys · {escape(self.where)}", classes="dialog-title")
            yield Static(self._table(self.commands))
            yield Label("Everywhere", classes="dialog-title later")
            yield Static(self._table(APP_COMMANDS + _EXTRA))
            yield Label("Signs", classes="dialog-title later")
            yield Static(SIGNS)
            yield Static("[$text-muted]ctrl+p opens the command palette: every command above, and jumps to any "
                         "subject, source or claim. Esc closes this help.[/]")
            yield Static(f"[$text-muted]{escape(about())}[/]", id="about")

    def _table(self, commands) -> Table:
        settings = getattr(self.app, "settings", None)
        remapped = settings.keys if settings is not None else {}  # keys the settings file gives commands
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)  # the id a keymap in the settings gives other keys to
        for command in commands:
            keys = Command(command.id, remapped[command.id], "", "", "").keys_shown if command.id in remapped \
                else command.keys_shown
            table.add_row(keys, command.help, command.id if command.action else "")
        return table


def about() -> str:
    """The version, and where the settings are kept."""
    from sourcecrit import __version__
    from sourcecrit.tui.config import settings_path

    return (f"sourcecrit {__version__} · settings (theme, keys by command id, default ledger): {settings_path()}")


SIGNS = ("✗ disputed  ✓ resolved  ≈ consistent  = agreed  · single-source  ? incomparable: a fact's status, also in words "
         "where there is room\n"
         "clm: claims of the fact · wit: its independent witnesses (five books repeating one memoir are one)\n"
         "⚑ a claim flagged for review · → the accepted value of a resolved fact")

_EXTRA = (
    Command("palette", "ctrl+p", "Palette", "Command palette: commands, and jumps to subjects, sources, claims", "",
            key_display="ctrl+p"),
    Command("move", "up,down", "Move", "Move the cursor; PgUp/PgDn, Home/End; Tab moves between panes; the mouse works too",
            "", key_display="↑ ↓"),
)
