"""The ledger's problems, each as file:line: message; the valid rest of the ledger stays usable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, Static

from sourcecrit.tui import commands as c
from sourcecrit.tui.screens.base import LedgerScreen
from sourcecrit.tui.widgets.fitted_table import Column, FittedTable
from sourcecrit.tui.widgets.key_bar import KeyBar

COLUMNS = (Column("file:line", 12), Column("", 7), Column("message", 30))


class ProblemsScreen(LedgerScreen):
    """Every problem of the load and of the comparison."""

    PLACE = "Problems"
    COMMAND_LIST = c.VIEW_COMMANDS
    BINDINGS = c.bindings(*c.VIEW_COMMANDS)
    AUTO_FOCUS = "#problems"

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="problems-head", classes="head")
        yield FittedTable(COLUMNS, id="problems", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.state is not None:
            self.show_state(self.state)

    def show_state(self, state) -> None:
        problems = state.problems
        errors = sum(1 for p in problems if p.is_error)
        self.sub_title = "problems"
        self.query_one("#problems-head", Static).update(
            f"[b]{errors} error{'s' * (errors != 1)}, {len(problems) - errors} warning{'s' * (len(problems) - errors != 1)}[/b]"
            "  [$text-muted]The rest of the ledger is loaded and usable; fix these in the files named.[/]"
            if problems else "[$text-success]No problems: every file read, every value understood.[/]")
        self.query_one(FittedTable).fill([
            (str(n), [Text(f"{problem.file}:{problem.line}"),
                      Text("error" if problem.is_error else problem.severity,
                           style="bold #d9534f" if problem.is_error else "#d98a1f"),
                      Text(problem.message)])
            for n, problem in enumerate(problems)])
